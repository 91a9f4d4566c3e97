package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Rules that mutation testing (PIT) showed no test pinned, each with an input where the rule
 * decides the result.
 */
class MutationGapsTest {

  /** A merge settles a same-revision conflict as apply does: the larger value is kept. */
  @Test
  void aMergedSameRevisionConflictKeepsTheLargerValueAsApplyDoes() {
    RevisedValues<String, RatingAccumulator> mine =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(1, 5, 4)));
    RevisedValues<String, RatingAccumulator> other =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(1, 5, 4)));
    mine.apply("k", 7, 5);
    other.apply("k", 7, 3);
    mine.merge(other);
    assertEquals(5.0, mine.target().result().average().orElseThrow());
    RevisedValues<String, RatingAccumulator> low =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(1, 5, 4)));
    low.apply("k", 7, 3);
    RevisedValues<String, RatingAccumulator> high =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(1, 5, 4)));
    high.apply("k", 7, 5);
    low.merge(high);
    assertEquals(5.0, low.target().result().average().orElseThrow(), "whatever the merge order");
  }

  /** A merge that overflows its target changes neither side, keys included (all or nothing). */
  @Test
  void aMergeThatOverflowsChangesNoKey() {
    RatingAccumulator target = RatingAccumulator.create(RatingScale.of(-2, 2, 1));
    target.add(2);
    for (int i = 0; i < 61; i++) {
      target.merge(target.copy());
      target.add(2);
    }
    target.add(-2);
    target.add(1);
    target.add(1); // sum Long.MAX_VALUE - 1
    RevisedValues<String, RatingAccumulator> mine = RevisedValues.create(target);
    RevisedValues<String, RatingAccumulator> other =
        RevisedValues.create(RatingAccumulator.create(RatingScale.of(-2, 2, 1)));
    other.apply("a", 1, 1);
    other.apply("b", 1, 1);
    byte[] before = mine.toBytes(KeyCodec.strings());
    assertThrows(ArithmeticException.class, () -> mine.merge(other));
    assertArrayEquals(before, mine.toBytes(KeyCodec.strings()));
  }

  /** A retraction checks its wait as add does: a negative one is refused, nothing changed. */
  @Test
  void aNegativeWaitRetractionIsRefused() {
    ServiceLevelAccumulator s =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20)));
    s.answeredMillis(5);
    s.answeredMillis(5);
    byte[] before = KpiSnapshots.toBytes(s);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.retractAnsweredMillis(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    assertArrayEquals(before, KpiSnapshots.toBytes(s));
  }

  /**
   * A group key a table cannot write losslessly is refused where it is made: by a roll-up's
   * projection, and by a key writer that gives an unpaired surrogate at index 0.
   */
  @Test
  void loneSurrogateGroupsAreRefusedByRollUpAndByTheKeyWriter() {
    WindowedKpi<Integer, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC),
            Duration.ofHours(1));
    w.recordLong(1, Instant.parse("2026-03-02T09:00:00Z"), DurationAccumulator::addMillis, 10);
    assertThrows(IllegalArgumentException.class, () -> w.rollUp(g -> "\uD800"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.toJson(k -> "\uD800x"));
    assertTrue(e.getMessage().contains("unpaired surrogate at index 0"), e.getMessage());
  }

  /**
   * Counts whose total is exactly {@code Long.MAX_VALUE}: one more is refused with nothing changed,
   * and the state itself snapshots and restores (PIT: the guards' sums and the readers' bounds).
   */
  @Test
  void countsTotallingLongMaxValueRefuseOneMoreAndRestore() {
    OutcomeAccumulator a = OutcomeAccumulator.create();
    a.add(true);
    for (int i = 0; i < 62; i++) {
      a.merge(a.copy()); // 2^62 positives
    }
    OutcomeAccumulator b = OutcomeAccumulator.create();
    b.add(false);
    for (int i = 0; i < 61; i++) {
      b.merge(b.copy());
      b.add(false); // 2^(i+2) - 1
    }
    a.merge(b); // 2^62 + 2^62 - 1 = Long.MAX_VALUE
    byte[] full = a.toBytes();
    assertThrows(ArithmeticException.class, () -> a.add(true));
    assertThrows(ArithmeticException.class, () -> a.add(false));
    assertArrayEquals(full, a.toBytes());
    assertArrayEquals(full, OutcomeAccumulator.fromBytes(full).toBytes());
    assertEquals(
        a.result(),
        KpiSnapshots.fromJson(KpiSnapshots.toJson(a), OutcomeAccumulator.class).result());

    ServiceLevelAccumulator s =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20)));
    s.answeredMillis(0);
    for (int i = 0; i < 62; i++) {
      s.merge(s.copy());
    }
    ServiceLevelAccumulator t = s.copy();
    t.retractAnsweredMillis(0); // 2^62 - 1
    s.merge(t);
    byte[] sl = KpiSnapshots.toBytes(s);
    assertThrows(ArithmeticException.class, () -> s.answeredMillis(0));
    assertThrows(ArithmeticException.class, () -> s.abandonedMillis(0));
    assertArrayEquals(sl, KpiSnapshots.toBytes(s));
    assertArrayEquals(sl, ServiceLevelAccumulator.fromBytes(sl).toBytes());
  }
}
