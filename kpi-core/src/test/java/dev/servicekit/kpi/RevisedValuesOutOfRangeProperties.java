package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A value outside the target's range is refused by {@link RevisedValues#apply} whatever its
 * revision: before, a stale revision or the losing side of a conflict returned {@code STALE} and
 * counted it, so a CSAT of 99 or an NPS of -7 went through silently (a new user's review).
 */
class RevisedValuesOutOfRangeProperties {

  @Test
  void aStaleRatingOutsideTheScaleIsRefusedAndCountsNothing() {
    RevisedValues<String, RatingAccumulator> csat =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    csat.apply("survey-1", 2, 5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> csat.apply("survey-1", 1, 99));
    assertEquals("rating 99 is outside the scale 1..5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> csat.apply("survey-1", 2, -3));
    assertEquals(0, csat.staleCount());
    assertEquals(1, csat.target().result().count());
  }

  @Test
  void aStaleNpsScoreOutsideZeroToTenIsRefused() {
    RevisedValues<String, NpsAccumulator> nps = RevisedValues.create(NpsAccumulator.create());
    nps.apply("a", 5, 10);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> nps.apply("a", 4, 42));
    assertEquals("NPS score 42 is outside 0..10", e.getMessage());
    assertEquals(0, nps.staleCount());
  }

  @Test
  void aReplacementTheTargetRefusesChangesNothing() {
    // against target()'s rule, the old value was taken out of the target directly: the
    // replacement's retraction of it is refused, and the new value it had added is taken back
    // (it used to stay: a detractor counted by a call that threw)
    RevisedValues<String, NpsAccumulator> nps = RevisedValues.create(NpsAccumulator.create());
    nps.apply("k", 1, 9);
    nps.target().retract(9);
    assertThrows(IllegalArgumentException.class, () -> nps.apply("k", 2, 3));
    assertEquals(new NpsResult(0, 0, 0), nps.target().result());
  }

  @Property(tries = 200)
  void anOutOfRangeValueIsRefusedAtEveryRevisionAndChangesNothing(
      @ForAll("revisions") long held,
      @ForAll("revisions") long revision,
      @ForAll("outOfRange") int value) {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    t.apply("k", held, 7);
    t.apply("other", 1, 0);
    byte[] before = t.toBytes(KeyCodec.strings());
    assertThrows(IllegalArgumentException.class, () -> t.apply("k", revision, value));
    assertThrows(IllegalArgumentException.class, () -> t.apply("new", revision, value));
    assertArrayEquals(before, t.toBytes(KeyCodec.strings()));
  }

  @Provide
  Arbitrary<Long> revisions() {
    return Arbitraries.longs().between(-3, 3);
  }

  @Provide
  Arbitrary<Integer> outOfRange() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(Integer.MIN_VALUE, -1),
        Arbitraries.integers().between(11, Integer.MAX_VALUE));
  }
}
