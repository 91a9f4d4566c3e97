package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link KpiSnapshots#requireStorable}: what the stream adapters check before any data arrives. */
class RequireStorableTest {

  /** An accumulator with no snapshot codec registered. */
  static final class Unregistered implements KpiAccumulator<Unregistered, Long> {
    long n;

    @Override
    public void merge(Unregistered other) {
      n += other.n;
    }

    @Override
    public Unregistered copy() {
      Unregistered u = new Unregistered();
      u.n = n;
      return u;
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

  @Test
  void everyBuiltInKindIsStorable() {
    KpiSnapshots.requireStorable(DurationAccumulator::create, DurationAccumulator.class, "f");
    KpiSnapshots.requireStorable(PercentileAccumulator::create, PercentileAccumulator.class, "f");
    KpiSnapshots.requireStorable(
        () -> RatingAccumulator.create(RatingScale.csatFivePoint()), RatingAccumulator.class, "f");
  }

  @Test
  void aNullFactoryResultAndAnUnregisteredKindAreRefusedByName() {
    assertEquals(
        "factory gave null, not an empty dev.servicekit.kpi.DurationAccumulator",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    KpiSnapshots.requireStorable(() -> null, DurationAccumulator.class, "factory"))
            .getMessage());
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> KpiSnapshots.requireStorable(Unregistered::new, Unregistered.class, "empty"))
            .getMessage();
    assertTrue(
        m.startsWith("accumulators are kept as KpiSnapshots bytes, but the ")
            && m.contains(Unregistered.class.getName() + " that empty gives cannot be")
            && m.contains("SnapshotCodec"),
        m);
    assertThrows(
        NullPointerException.class,
        () -> KpiSnapshots.requireStorable(null, DurationAccumulator.class, "f"));
  }
}
