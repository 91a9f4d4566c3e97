package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Coverage-guided fuzz tests of every kpi-core snapshot decoder (binary and JSON, accumulators,
 * revision and repeat-contact trackers, window tables). The only allowed outcomes are a value (that
 * re-encodes to a snapshot decoding to the same state) or an {@link IllegalArgumentException} with
 * a message of at most 500 characters; anything else (another exception, an error, a hang) fails.
 *
 * <p>Without {@code JAZZER_FUZZ} these replay the inputs kept under {@code
 * src/test/resources/dev/servicekit/kpi/SnapshotFuzzTestInputs/<method>/} (seeds and every crash
 * found so far) as ordinary tests. Fuzz one for a while with {@code JAZZER_FUZZ=1 ./mvnw -pl
 * kpi-core -am test -Dtest=SnapshotFuzzTest#binaryAccumulatorSnapshot
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SnapshotFuzzTest {

  static final int MAX_MESSAGE = 500;

  private static void checkRejection(IllegalArgumentException e) {
    String m = e.getMessage();
    assertTrue(m != null && !m.isEmpty(), "a rejection says why");
    assertTrue(
        m.length() <= MAX_MESSAGE,
        () -> m.length() + " chars: " + m.substring(0, Math.min(m.length(), 200)));
  }

  @FuzzTest(maxDuration = "2m")
  void binaryAccumulatorSnapshot(byte[] data) {
    // As given (the checksum rejects nearly all), and resealed, so fuzzing reaches the fields.
    binaryAccumulator(data);
    binaryAccumulator(Resealed.bytes(data));
  }

  private static void binaryAccumulator(byte[] data) {
    KpiAccumulator<?, ?> a;
    try {
      a = KpiSnapshots.fromBytes(data);
    } catch (IllegalArgumentException e) {
      checkRejection(e);
      return;
    }
    byte[] again = a.toBytes();
    assertArrayEquals(again, KpiSnapshots.fromBytes(again).toBytes());
    assertEquals(
        String.valueOf(a.result()), String.valueOf(KpiSnapshots.fromBytes(again).result()));
    String json = KpiSnapshots.toJson(a);
    assertArrayEquals(again, KpiSnapshots.fromJson(json).toBytes());
  }

  @FuzzTest(maxDuration = "2m")
  void jsonAccumulatorSnapshot(byte[] data) {
    String json = new String(data, StandardCharsets.UTF_8);
    jsonAccumulator(json);
    jsonAccumulator(Resealed.json(json));
  }

  private static void jsonAccumulator(String json) {
    KpiAccumulator<?, ?> a;
    try {
      a = KpiSnapshots.fromJson(json);
    } catch (IllegalArgumentException e) {
      checkRejection(e);
      return;
    }
    String again = KpiSnapshots.toJson(a);
    assertEquals(again, KpiSnapshots.toJson(KpiSnapshots.fromJson(again)));
    assertArrayEquals(a.toBytes(), KpiSnapshots.fromBytes(a.toBytes()).toBytes());
  }

  /** First byte picks the decoder, the rest is its input. */
  @FuzzTest(maxDuration = "2m")
  void keyedAndWindowSnapshots(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    String text = new String(rest, StandardCharsets.UTF_8);
    keyedAndWindow(data[0], rest, text);
    keyedAndWindow(data[0], Resealed.bytes(rest), Resealed.json(text));
  }

  private static void keyedAndWindow(byte selector, byte[] rest, String text) {
    try {
      switch (Math.floorMod(selector, 8)) {
        case 0 -> {
          var r = RevisedValues.fromBytes(rest, RatingAccumulator.class, KeyCodec.strings());
          assertArrayEquals(
              r.toBytes(KeyCodec.strings()),
              RevisedValues.fromBytes(
                      r.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings())
                  .toBytes(KeyCodec.strings()));
          r.apply("fuzz", 1, 3);
        }
        case 1 -> {
          var r = RevisedValues.fromJson(text, NpsAccumulator.class, KeyCodec.strings());
          r.apply("fuzz", Long.MAX_VALUE, 10);
          r.toJson(KeyCodec.strings());
        }
        case 2 -> {
          var t = RepeatContactTracker.fromBytes(rest, KeyCodec.strings());
          t.toBytes(KeyCodec.strings());
          t.contact("fuzz", java.time.Instant.EPOCH);
        }
        case 3 -> {
          var t = RepeatContactTracker.fromJson(text, KeyCodec.strings());
          t.toJson(KeyCodec.strings());
          t.contact("fuzz", java.time.Instant.EPOCH);
        }
        case 4 -> {
          var w =
              WindowedKpi.fromBytes(
                  rest, DurationAccumulator::create, DurationAccumulator.class, k -> k);
          w.toBytes(k -> k);
          w.recordLong("fuzz", java.time.Instant.EPOCH, DurationAccumulator::addMillis, 1);
          w.evictClosed();
        }
        case 5 -> {
          var w = WindowedKpi.fromJson(text, NpsAccumulator::create, NpsAccumulator.class, k -> k);
          w.toJson(k -> k);
          w.recordInt("fuzz", java.time.Instant.EPOCH, NpsAccumulator::add, 9);
          w.evictClosed();
        }
        case 6 -> KpiSnapshots.fromBytes(rest, ServiceLevelAccumulator.class).result();
        default -> KpiSnapshots.fromJson(text, PercentileAccumulator.class).result();
      }
    } catch (IllegalArgumentException e) {
      checkRejection(e);
    }
  }
}
