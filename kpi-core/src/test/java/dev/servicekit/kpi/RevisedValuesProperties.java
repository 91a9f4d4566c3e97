package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    return Combinators.combine(
            Arbitraries.of("a", "b", "c", "d", "e"),
            Arbitraries.longs().between(0, 5),
            Arbitraries.integers().between(1, 5))
        .as(Revision::new)
        .list()
        .ofMaxSize(40);
  }

  /** Oracle: per key the highest revision, ties broken by the larger value. */
  private static RatingResult oracle(List<Revision> revisions) {
    Map<String, Revision> last = new HashMap<>();
    for (Revision r : revisions) {
      last.merge(
          r.key(),
          r,
          (x, y) ->
              x.revision() != y.revision()
                  ? (x.revision() > y.revision() ? x : y)
                  : (x.rating() >= y.rating() ? x : y));
    }
    RatingAccumulator acc = RatingAccumulator.create(RatingScale.csatFivePoint());
    last.values().forEach(r -> acc.add(r.rating()));
    return acc.result();
  }

  private static RevisedValues<String, RatingAccumulator> tracker() {
    return RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
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
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    t.apply("r1", 1, 10);
    t.apply("r1", 2, 3);
    assertEquals(new NpsResult(0, 0, 1), t.target().result());
    t.remove("r1");
    assertEquals(new NpsResult(0, 0, 0), t.target().result());
  }

  /** As the README says: remove forgets the key, so a late revision of it counts again. */
  @Example
  void aRevisionAfterRemoveIsAddedAsANewKey() {
    RevisedValues<String, NpsAccumulator> t = RevisedValues.create(NpsAccumulator.create());
    t.apply("r1", 2, 10);
    t.remove("r1");
    assertEquals(RevisedValues.Outcome.ADDED, t.apply("r1", 1, 3));
    assertEquals(new NpsResult(0, 0, 1), t.target().result());
  }
}
