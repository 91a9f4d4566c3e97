package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Last revision wins, exactly once, in any arrival order; against a brute-force oracle. */
class RevisedValuesProperties {

  record Revision(String key, long revision, int rating) {}

  @Provide
  Arbitrary<List<Revision>> revisions() {
    return rawRevisions().map(RevisedValuesProperties::consistent);
  }

  /** Any revisions, with conflicts: the same key and revision with different ratings. */
  @Provide
  Arbitrary<List<Revision>> rawRevisions() {
    return Combinators.combine(
            Arbitraries.of("a", "b", "c", "d", "e"),
            Arbitraries.longs().between(0, 5),
            Arbitraries.integers().between(1, 5))
        .as(Revision::new)
        .list()
        .ofMaxSize(40);
  }

  /**
   * One value per key and revision (a redelivery repeats its value): every later occurrence of a
   * key and revision takes the rating of its first.
   */
  static List<Revision> consistent(List<Revision> raw) {
    Map<String, Integer> first = new HashMap<>();
    List<Revision> out = new ArrayList<>(raw.size());
    for (Revision r : raw) {
      int rating = first.computeIfAbsent(r.key() + "@" + r.revision(), k -> r.rating());
      out.add(new Revision(r.key(), r.revision(), rating));
    }
    return out;
  }

  /** Oracle: per key the highest revision (input has one value per key and revision). */
  private static RatingResult oracle(List<Revision> revisions) {
    Map<String, Revision> last = new HashMap<>();
    for (Revision r : revisions) {
      last.merge(r.key(), r, (x, y) -> x.revision() >= y.revision() ? x : y);
    }
    RatingAccumulator acc = RatingAccumulator.create(RatingScale.csatFivePoint());
    last.values().forEach(r -> acc.add(r.rating()));
    return acc.result();
  }

  private static RevisedValues<String, RatingAccumulator> tracker() {
    return RevisedValues.of(RatingAccumulator.create(RatingScale.csatFivePoint()));
  }

  @Property(tries = 200)
  void anyArrivalOrderGivesTheLastRevisionOncePerKey(
      @ForAll("revisions") List<Revision> revisions, @ForAll long seed) {
    List<Revision> shuffled = new ArrayList<>(revisions);
    Collections.shuffle(shuffled, new Random(seed));
    RevisedValues<String, RatingAccumulator> t = tracker();
    shuffled.forEach(r -> t.apply(r.key(), r.revision(), r.rating()));
    assertEquals(oracle(revisions), t.target().result());
  }

  @Property(tries = 200)
  void partitionedTrackersMergeInAnyOrder(
      @ForAll("revisions") List<Revision> revisions,
      @ForAll @IntRange(min = 1, max = 4) int parts,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<RevisedValues<String, RatingAccumulator>> partitions = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      partitions.add(tracker());
    }
    for (Revision r : revisions) {
      partitions.get(random.nextInt(parts)).apply(r.key(), r.revision(), r.rating());
    }
    Collections.shuffle(partitions, random);
    RevisedValues<String, RatingAccumulator> merged = tracker();
    partitions.forEach(merged::merge);
    assertEquals(oracle(revisions), merged.target().result());
  }

  /**
   * A conflicting redelivery (same key and revision as the one held, another value) is refused and
   * changes nothing; a stale or duplicate one is still ignored. Applying raw input and skipping the
   * refused calls gives what applying only the accepted ones gives.
   */
  @Property(tries = 200)
  void aConflictAtTheHeldRevisionIsRefusedAndChangesNothing(
      @ForAll("rawRevisions") List<Revision> revisions) {
    RevisedValues<String, RatingAccumulator> t = tracker();
    RevisedValues<String, RatingAccumulator> accepted = tracker();
    Map<String, Revision> held = new HashMap<>();
    for (Revision r : revisions) {
      Revision h = held.get(r.key());
      boolean conflict = h != null && h.revision() == r.revision() && h.rating() != r.rating();
      RatingResult before = t.target().result();
      long staleBefore = t.staleCount();
      if (conflict) {
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class, () -> t.apply(r.key(), r.revision(), r.rating()));
        assertTrue(e.getMessage().contains("revision " + r.revision()), e.getMessage());
        assertTrue(e.getMessage().contains("conflicts"), e.getMessage());
        assertEquals(before, t.target().result());
        assertEquals(staleBefore, t.staleCount());
      } else {
        t.apply(r.key(), r.revision(), r.rating());
        accepted.apply(r.key(), r.revision(), r.rating());
        if (h == null || r.revision() > h.revision()) {
          held.put(r.key(), r);
        }
      }
    }
    assertEquals(accepted.target().result(), t.target().result());
    assertEquals(accepted.staleCount(), t.staleCount());
  }

  /**
   * Merge stays commutative under the rule: two trackers either merge to the same result in both
   * orders, or (holding a key at the same revision with different values) are refused in both
   * orders, neither changing.
   */
  @Property(tries = 200)
  void mergeIsCommutativeOrRefusedBothWays(
      @ForAll("revisions") List<Revision> left, @ForAll("revisions") List<Revision> right) {
    RevisedValues<String, RatingAccumulator> a1 = fill(left);
    RevisedValues<String, RatingAccumulator> b1 = fill(right);
    RevisedValues<String, RatingAccumulator> a2 = fill(left);
    RevisedValues<String, RatingAccumulator> b2 = fill(right);
    RatingResult aBefore = a1.target().result();
    RatingResult bBefore = b2.target().result();
    IllegalArgumentException ab = null;
    IllegalArgumentException ba = null;
    try {
      a1.merge(b1);
    } catch (IllegalArgumentException e) {
      ab = e;
    }
    try {
      b2.merge(a2);
    } catch (IllegalArgumentException e) {
      ba = e;
    }
    assertEquals(ab == null, ba == null, () -> "refused one way only");
    if (ab == null) {
      assertEquals(a1.target().result(), b2.target().result());
      assertEquals(a1.staleCount(), b2.staleCount());
      assertEquals(a1.size(), b2.size());
    } else {
      assertTrue(ab.getMessage().contains("conflicts"), ab.getMessage());
      assertEquals(aBefore, a1.target().result());
      assertEquals(bBefore, b2.target().result());
    }
  }

  private static RevisedValues<String, RatingAccumulator> fill(List<Revision> revisions) {
    RevisedValues<String, RatingAccumulator> t = tracker();
    revisions.forEach(r -> t.apply(r.key(), r.revision(), r.rating()));
    return t;
  }

  @Example
  void aConflictingRedeliveryIsRefusedNotResolvedByTheLargerValue() {
    RevisedValues<String, RatingAccumulator> t = tracker();
    assertEquals(RevisedValues.Outcome.ADDED, t.apply("s", 1, 5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.apply("s", 1, 1));
    assertTrue(e.getMessage().contains("revision 1"), e.getMessage());
    assertTrue(e.getMessage().contains("value 5"), e.getMessage());
    assertTrue(e.getMessage().contains("value 1"), e.getMessage());
    assertEquals(0, t.staleCount());
    // the other order is refused too (it used to replace 1 by 5)
    RevisedValues<String, RatingAccumulator> u = tracker();
    u.apply("s", 1, 1);
    assertThrows(IllegalArgumentException.class, () -> u.apply("s", 1, 5));
    assertEquals(1, u.target().result().count());
    assertEquals(0.0, u.target().result().satisfiedPercent().getAsDouble());
    // the same value again is still an idempotent duplicate
    assertEquals(RevisedValues.Outcome.DUPLICATE, t.apply("s", 1, 5));
    assertEquals(100.0, t.target().result().satisfiedPercent().getAsDouble());
  }

  @Example
  void oneStarByMistakeThenFiveStarsCountsOnlyTheFive() {
    RevisedValues<String, RatingAccumulator> t = tracker();
    // the correction arrives first, the mistaken click late
    assertEquals(RevisedValues.Outcome.ADDED, t.apply("survey-17", 2, 5));
    assertEquals(RevisedValues.Outcome.STALE, t.apply("survey-17", 1, 1));
    assertEquals(RevisedValues.Outcome.DUPLICATE, t.apply("survey-17", 2, 5));
    RatingResult r = t.target().result();
    assertEquals(1, r.count());
    assertEquals(100.0, r.satisfiedPercent().getAsDouble());
    assertEquals(1, t.staleCount());
  }

  @Example
  void removeRetractsTheContribution() {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.of(NpsAccumulator.create());
    t.apply("r1", 1, 10);
    t.apply("r1", 2, 3);
    assertEquals(new NpsResult(0, 0, 1), t.target().result());
    t.remove("r1");
    assertEquals(new NpsResult(0, 0, 0), t.target().result());
  }
}
