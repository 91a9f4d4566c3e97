package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A snapshot of a table of windows or of a revision tracker handed to another kpi-core reader is
 * named, with the reader that decodes it, as README "Persisting and importing" promises ("each
 * reader names the type a foreign one belongs to"). Before: a table's bytes were "kind is 200 but
 * no SnapshotCodec is registered for it", its JSON an "unknown field "unit"", a tracker's JSON a
 * kind with "no SnapshotCodec", and an accumulator's JSON given to the table reader only "format
 * must be ...".
 */
class ForeignStatefulSnapshotsTest {

  static WindowedKpi<String, NpsAccumulator> table() {
    WindowedKpi<String, NpsAccumulator> w =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC), Duration.ZERO);
    w.recordInt("a", Instant.parse("2026-01-01T10:00:00Z"), NpsAccumulator::add, 9);
    return w;
  }

  static RevisedValues<String, NpsAccumulator> tracker() {
    RevisedValues<String, NpsAccumulator> rv = RevisedValues.create(NpsAccumulator.create());
    rv.apply("s", 1, 9);
    return rv;
  }

  static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void aTablesBytesAreNamedByTheAccumulatorReader() {
    byte[] bytes = table().toBytes(s -> s);
    assertEquals(
        "kind is 200 (\"windowTable\"); decode it with WindowedKpi.fromBytes",
        message(() -> KpiSnapshots.fromBytes(bytes)));
    assertEquals(
        "kind mismatch: expected \"nps\", found \"windowTable\"",
        message(() -> KpiSnapshots.fromBytes(bytes, NpsAccumulator.class)));
  }

  @Test
  void aTablesJsonIsNamedByTheAccumulatorAndTrackerReaders() {
    String json = table().toJson(s -> s);
    assertEquals(
        "format is \"servicekit-kpi-windows\", a WindowedKpi snapshot; decode it with"
            + " WindowedKpi.fromJson (at $.format, line 1, column 11)",
        message(() -> KpiSnapshots.fromJson(json)));
    assertEquals(
        "format is \"servicekit-kpi-windows\", a WindowedKpi snapshot, but must be"
            + " \"servicekit-kpi\"; decode it with WindowedKpi.fromJson (at $.format, line 1,"
            + " column 11)",
        message(() -> RevisedValues.fromJson(json, NpsAccumulator.class, KeyCodec.strings())));
  }

  @Test
  void aTrackersJsonIsNamedByTheAccumulatorReaderAsItsBytesAre() {
    RevisedValues<String, NpsAccumulator> rv = tracker();
    assertEquals(
        "kind is 13 (\"revisedValues\"); decode it with RevisedValues.fromBytes",
        message(() -> KpiSnapshots.fromBytes(rv.toBytes(KeyCodec.strings()))));
    assertEquals(
        "kind is \"revisedValues\"; decode it with RevisedValues.fromJson (at $.kind, line 1,"
            + " column 47)",
        message(() -> KpiSnapshots.fromJson(rv.toJson(KeyCodec.strings()))));
  }

  @Test
  void theTableReaderSaysWhatItWasGiven() {
    String nps = KpiSnapshots.toJson(tracker().target());
    assertEquals(
        "format must be \"servicekit-kpi-windows\" in a JSON object, found \"servicekit-kpi\""
            + " (kind \"nps\"): decode it with KpiSnapshots.fromJson (at $.format, line 1,"
            + " column 11)",
        message(
            () -> WindowedKpi.fromJson(nps, NpsAccumulator::create, NpsAccumulator.class, s -> s)));
    String rv = tracker().toJson(KeyCodec.strings());
    assertEquals(
        "format must be \"servicekit-kpi-windows\" in a JSON object, found \"servicekit-kpi\""
            + " (kind \"revisedValues\"): decode it with RevisedValues.fromJson (at $.format,"
            + " line 1, column 11)",
        message(
            () -> WindowedKpi.fromJson(rv, NpsAccumulator::create, NpsAccumulator.class, s -> s)));
  }

  @Test
  void eachStillReadsItsOwn() {
    assertEquals(
        table().allTime("a").result(),
        WindowedKpi.fromJson(
                table().toJson(s -> s), NpsAccumulator::create, NpsAccumulator.class, s -> s)
            .allTime("a")
            .result());
    assertEquals(
        1,
        RevisedValues.fromJson(
                tracker().toJson(KeyCodec.strings()), NpsAccumulator.class, KeyCodec.strings())
            .size());
  }
}
