package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.SnapshotFrame;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A restored window start whose own window would start before the epoch-millisecond range (the
 * first millisecond, in a zone west of Greenwich, lies in a day that began before it) is refused
 * naming the snapshot's field, as every other bad window start is: the message named {@code time},
 * the parameter of {@link WindowSpec#start}, and the JSON reader located it at {@code $}.
 */
class WindowStartBeforeMillisRangeSnapshotTest {

  private static final WindowSpec SPEC =
      WindowSpec.of(WindowUnit.DAY, ZoneId.of("America/New_York"));
  private static final Instant FIRST_MILLI = Instant.ofEpochMilli(Long.MIN_VALUE);

  @Test
  void theFirstMillisecondsWindowReallyStartsBeforeTheRange() {
    assertThrows(IllegalArgumentException.class, () -> SPEC.start(FIRST_MILLI));
  }

  @Test
  void binaryReaderNamesTheWindowStartField() {
    Binary.Writer w = SnapshotFrame.begin(WindowedKpi.WINDOWS_KIND);
    w.writeByte(WindowUnit.DAY.ordinal());
    w.writeString("America/New_York");
    w.writeByte(0); // MONDAY
    w.writeLong(0); // lateness
    w.writeLong(Long.MIN_VALUE); // no watermark
    w.writeLong(0); // dropped late
    w.writeLong(1); // one group
    w.writeString("g");
    w.writeBlock(NpsAccumulator.create().toBytes());
    w.writeLong(1); // one window
    w.writeLong(Long.MIN_VALUE);
    w.writeBlock(NpsAccumulator.create().toBytes());
    byte[] bytes = SnapshotFrame.finish(w);
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromBytes(
                        bytes, NpsAccumulator::create, NpsAccumulator.class, s -> s))
            .getMessage();
    assertTrue(m.startsWith("groups[0].windows[0].start " + FIRST_MILLI), m);
  }

  @Test
  void jsonReaderLocatesTheWindowStartField() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(NpsAccumulator::create, SPEC, Duration.ZERO);
    kpi.recordInt("g", Instant.parse("2020-01-01T10:00:00Z"), NpsAccumulator::add, 9);
    String json = kpi.toJson(s -> s);
    String ownStart = "\"2020-01-01T05:00:00Z\"";
    assertTrue(json.contains(ownStart), json);
    String edited = Resealed.json(json.replace(ownStart, "\"" + FIRST_MILLI + "\""));
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromJson(
                        edited, NpsAccumulator::create, NpsAccumulator.class, s -> s))
            .getMessage();
    assertTrue(m.startsWith("start " + FIRST_MILLI), m);
    assertTrue(m.contains("(at $.groups[0].windows[0].start, line 1, column "), m);
  }
}
