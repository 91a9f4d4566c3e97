package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A JSON snapshot whose version is an integer beyond a {@code long} that wraps to this library's
 * version ({@code 2^64 + 2}) is another version, refused at {@code version} as every other version
 * is ("decoding another version fails rather than guessing", {@link KpiSnapshots}): the readers of
 * tables and trackers took {@code asLong()} of it, which wraps, and restored it as version 2.
 */
class HugeVersionNumberTest {

  /** {@code 2^64 + FORMAT_VERSION}: its low 64 bits are the current version. */
  private static final String WRAPS_TO_CURRENT =
      BigInteger.TWO.pow(64).add(BigInteger.valueOf(KpiSnapshots.FORMAT_VERSION)).toString();

  private static final String CURRENT = "\"version\":" + KpiSnapshots.FORMAT_VERSION + ",";

  private static String withHugeVersion(String json) {
    // the first version is the document's own; nested snapshots keep theirs
    int at = json.indexOf(CURRENT);
    assertTrue(at > 0, json);
    String edited =
        json.substring(0, at)
            + "\"version\":"
            + WRAPS_TO_CURRENT
            + ","
            + json.substring(at + CURRENT.length());
    return Resealed.json(edited);
  }

  private static void assertRefusedAtVersion(Supplier<?> reader) {
    String m = assertThrows(IllegalArgumentException.class, reader::get).getMessage();
    assertTrue(m.contains("(at $.version, line 1, column "), m);
  }

  @Test
  void theHugeNumberWrapsToTheCurrentVersion() {
    assertTrue(new BigInteger(WRAPS_TO_CURRENT).longValue() == KpiSnapshots.FORMAT_VERSION);
  }

  @Test
  void windowTableRefusesIt() {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")), Duration.ZERO);
    kpi.recordInt("g", Instant.parse("2026-11-01T09:00:00Z"), NpsAccumulator::add, 9);
    String json = withHugeVersion(kpi.toJson(s -> s));
    assertRefusedAtVersion(
        () -> WindowedKpi.fromJson(json, NpsAccumulator::create, NpsAccumulator.class, s -> s));
  }

  @Test
  void revisedValuesRefusesIt() {
    RevisedValues<String, NpsAccumulator> rv = RevisedValues.create(NpsAccumulator.create());
    rv.apply("r-1", 1, 9);
    String json = withHugeVersion(rv.toJson(KeyCodec.strings()));
    assertRefusedAtVersion(
        () -> RevisedValues.fromJson(json, NpsAccumulator.class, KeyCodec.strings()));
  }

  @Test
  void repeatContactTrackerRefusesIt() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    t.contact("c-1", Instant.parse("2026-11-01T09:00:00Z"));
    String json = withHugeVersion(t.toJson(KeyCodec.strings()));
    assertRefusedAtVersion(() -> RepeatContactTracker.fromJson(json, KeyCodec.strings()));
  }

  @Test
  void anAccumulatorRefusedItAlready() {
    String json = withHugeVersion(NpsAccumulator.create().toJson());
    assertRefusedAtVersion(() -> NpsAccumulator.fromJson(json));
  }
}
