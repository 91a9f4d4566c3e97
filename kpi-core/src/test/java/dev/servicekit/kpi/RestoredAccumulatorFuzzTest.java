package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzz tests of what restored state does next. {@link SnapshotFuzzTest} checks that
 * every snapshot decodes to a value or a bounded rejection; these take each value a (resealed)
 * snapshot decodes to and use it: an accumulator is merged into itself and into a copy, records and
 * retracts values and reads its result; a keyed table (revised values, repeat contacts, windows)
 * applies, records, merges and evicts. Every call must work or throw its documented exception
 * ({@link IllegalArgumentException}, {@link ArithmeticException} for a count or sum overflowing a
 * long) with a bounded message, and a call that throws leaves the state as it was (the same
 * snapshot bytes).
 *
 * <p>Without {@code JAZZER_FUZZ} these replay the inputs under {@code
 * src/test/resources/dev/servicekit/kpi/RestoredAccumulatorFuzzTestInputs/<method>/} (valid
 * snapshots of every built-in kind and table, and every crash found so far). Fuzz one with {@code
 * JAZZER_FUZZ=1 ./mvnw -pl kpi-core test -Dtest=RestoredAccumulatorFuzzTest#restoredKeyedState
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RestoredAccumulatorFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void restoredAccumulator(byte[] data) {
    use(data);
    use(Resealed.bytes(data));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void use(byte[] data) {
    KpiAccumulator a;
    try {
      a = KpiSnapshots.fromBytes(data);
    } catch (IllegalArgumentException e) {
      check(e);
      return;
    }
    KpiAccumulator copy = a.copy();
    assertArrayEquals(a.toBytes(), copy.toBytes(), "a copy encodes as its original");
    guarded(a, () -> String.valueOf(a.result()));
    guarded(a, () -> a.merge(copy));
    guarded(a, () -> a.merge(KpiSnapshots.fromBytes(copy.toBytes())));
    guarded(copy, () -> copy.merge(a.copy()));
    if (a instanceof IntRetractable r) {
      for (int v : new int[] {0, 1, 5, 9, 10, -1, Integer.MAX_VALUE}) {
        guarded(a, () -> r.add(v));
        guarded(a, () -> r.retract(v));
      }
    }
    if (a instanceof PercentileAccumulator p) {
      guarded(a, () -> p.addMillis(Long.MAX_VALUE));
      guarded(a, () -> p.add(Duration.ofDays(365)));
      guarded(a, () -> p.quantileMillis(0.5));
      guarded(a, () -> p.quantileMillis(1.0));
    }
    if (a instanceof DurationAccumulator d) {
      guarded(a, () -> d.addMillis(Long.MAX_VALUE));
      guarded(a, () -> d.addMillis(1));
    }
    guarded(a, () -> String.valueOf(a.result()));
    byte[] again = a.toBytes();
    assertArrayEquals(again, KpiSnapshots.fromBytes(again).toBytes());
    assertEquals(
        String.valueOf(a.result()), String.valueOf(KpiSnapshots.fromBytes(again).result()));
  }

  /**
   * The keyed tables restored from binary snapshots: the first byte picks the table (as in {@link
   * SnapshotFuzzTest#keyedAndWindowSnapshots}: 0 revised ratings, 2 repeat contacts, 4 duration
   * windows), the rest is its snapshot, as given and resealed.
   */
  @FuzzTest(maxDuration = "2m")
  void restoredKeyedState(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
    keyed(data[0], rest);
    keyed(data[0], Resealed.bytes(rest));
  }

  private static void keyed(byte selector, byte[] rest) {
    java.time.Instant t = java.time.Instant.parse("2026-01-05T10:00:00Z");
    try {
      switch (Math.floorMod(selector, 6) / 2) {
        case 0 -> {
          var r = RevisedValues.fromBytes(rest, RatingAccumulator.class, KeyCodec.strings());
          Supplier<byte[]> state = () -> r.toBytes(KeyCodec.strings());
          for (String k : java.util.List.of("a", "b", "c")) { // the seed's keys, and a new one
            guarded(state, () -> r.apply(k, Long.MAX_VALUE, 3));
            guarded(state, () -> r.apply(k, 0, 5));
            guarded(state, () -> r.remove(k));
          }
          guarded(state, () -> r.apply("fuzz", 1, 4));
          var copy =
              RevisedValues.fromBytes(state.get(), RatingAccumulator.class, KeyCodec.strings());
          guarded(state, () -> r.merge(copy));
          guarded(state, () -> String.valueOf(r.target().result()));
        }
        case 1 -> {
          var c = RepeatContactTracker.fromBytes(rest, KeyCodec.strings());
          Supplier<byte[]> state = () -> c.toBytes(KeyCodec.strings());
          guarded(state, () -> c.contact("fuzz", t));
          guarded(state, () -> c.contact("fuzz", t.plusSeconds(60)));
          guarded(state, () -> c.evictBefore(t.plus(java.time.Duration.ofDays(365))));
          guarded(state, () -> String.valueOf(c.result()));
        }
        default -> {
          var w =
              WindowedKpi.fromBytes(
                  rest, DurationAccumulator::create, DurationAccumulator.class, k -> k);
          Supplier<byte[]> state = () -> w.toBytes(k -> k);
          guarded(state, () -> w.recordLong("fuzz", t, DurationAccumulator::addMillis, 1));
          for (String g : w.groups()) {
            guarded(
                state, () -> w.recordLong(g, t, DurationAccumulator::addMillis, Long.MAX_VALUE));
            guarded(state, () -> String.valueOf(w.allTime(g).result()));
            guarded(state, () -> w.windows(g).size());
          }
          var copy =
              WindowedKpi.fromBytes(
                  state.get(), DurationAccumulator::create, DurationAccumulator.class, k -> k);
          guarded(state, () -> w.merge(copy));
          guarded(state, () -> w.advanceWatermark(t.plus(java.time.Duration.ofDays(400))));
          w.evictClosed();
        }
      }
    } catch (IllegalArgumentException e) {
      check(e);
    }
  }

  private static void guarded(Supplier<byte[]> state, Runnable op) {
    byte[] before = state.get();
    try {
      op.run();
    } catch (IllegalArgumentException | ArithmeticException e) {
      check(e);
      assertArrayEquals(before, state.get(), () -> "changed by a call that threw " + e);
    }
  }

  private static void guarded(KpiAccumulator<?, ?> a, Runnable op) {
    byte[] before = a.toBytes();
    try {
      op.run();
    } catch (IllegalArgumentException | ArithmeticException e) {
      check(e);
      assertArrayEquals(before, a.toBytes(), () -> "changed by a call that threw " + e);
    }
  }

  private static void check(RuntimeException e) {
    String m = e.getMessage();
    assertNotNull(m, () -> e.getClass().getName() + " without a message");
    assertTrue(
        m.length() <= SnapshotFuzzTest.MAX_MESSAGE,
        () -> m.length() + " chars: " + m.substring(0, Math.min(m.length(), 200)));
  }
}
