package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.kafka.OutOfRangeEventTimeTest.Contact;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A KPI's windows are stored as {@link KpiSnapshots} bytes, so its accumulator needs a snapshot
 * format. An accumulator of one's own without a registered {@code SnapshotCodec} used to be taken
 * by the builder, and then every record was refused as a bad record (counted, dead-lettered), the
 * KPI emitting nothing: a configuration error reported as bad data. {@code build()} refuses it.
 */
class AccumulatorWithoutSnapshotFormatTest {

  /** A count with no snapshot format registered. */
  static final class Unregistered implements KpiAccumulator<Unregistered, Long> {
    long n;

    @Override
    public void merge(Unregistered other) {
      n += other.n;
    }

    @Override
    public Unregistered copy() {
      Unregistered c = new Unregistered();
      c.n = n;
      return c;
    }

    @Override
    public Long result() {
      return n;
    }

    @Override
    public boolean isEmpty() {
      return n == 0;
    }

    @Override
    public byte[] toBytes() {
      return KpiSnapshots.toBytes(this);
    }
  }

  private static final WindowSpec HOURS = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  @Test
  void anAccumulatorWithoutASnapshotFormatIsRefusedByBuildNamingIt() {
    var b =
        WindowedKpiTopology.builder(Contact.SERDE, Unregistered.class, Unregistered::new, HOURS)
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.n++);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(
        e.getMessage().contains(Unregistered.class.getName())
            && e.getMessage().contains("SnapshotCodec"),
        e.getMessage());
  }

  @Test
  void aFactoryThatGivesNullIsRefusedByBuild() {
    var nulls =
        WindowedKpiTopology.<Contact, DurationAccumulator>builder(
                Contact.SERDE, DurationAccumulator.class, () -> null, HOURS)
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()));
    assertEquals(
        "factory gave null, not an empty dev.servicekit.kpi.DurationAccumulator",
        assertThrows(IllegalArgumentException.class, nulls::build).getMessage());
  }
}
