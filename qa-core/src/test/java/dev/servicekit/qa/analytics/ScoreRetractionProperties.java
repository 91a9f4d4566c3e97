package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of retraction and revision in {@link ScoreAggregator} and {@link ScoreAccumulator}: add then
 * retract is never added, the order of valid calls does not matter, shards with retractions merge
 * into the whole, revise is retract then add, a refused call changes nothing; and a differential
 * test against the statistics of the live scores computed from scratch.
 *
 * <p>Tolerance: counts and the set of cells are exact; means agree within {@code 1e-9 (1 + M)} and
 * variances within {@code 1e-9 (1 + M^2)}, {@code M} the largest magnitude of any score the cell
 * ever held (rounding is relative to what went through the cell, retracted scores included).
 */
class ScoreRetractionProperties {

  /**
   * A score of an agent on a day: added, and retracted if {@code retract} is 1 (in its shard) or 2
   * (after the shards are merged); {@code shard} 0..3.
   */
  record Entry(String agent, LocalDate day, double score, int shard, int retract) {}

  private static final LocalDate D0 = LocalDate.of(2026, 3, 2);
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /** QA scores in hundredths, repeated scores (the clamping path), and a cluster far from 0. */
  private static Arbitrary<Double> scores() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(0, 100).ofScale(2)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(70.0, 70.01, 100.0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 3).map(k -> 1e6 + k / 100.0)));
  }

  @Provide
  Arbitrary<List<Entry>> entries() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "cid"),
            Arbitraries.integers().between(0, 20),
            scores(),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 2))
        .as((a, d, s, shard, r) -> new Entry(a, D0.plusDays(d), s, shard, r))
        .list()
        .ofMaxSize(120);
  }

  /** A call on an aggregator: add or retract an entry's score. */
  record Op(Entry entry, boolean retract) {
    void apply(ScoreAggregator a) {
      if (retract) {
        a.retract(entry.agent(), entry.day(), entry.score());
      } else {
        a.add(entry.agent(), entry.day(), entry.score());
      }
    }
  }

  /**
   * The adds of {@code entries} in order, with the retraction of each entry {@code retracted}
   * selects inserted at a random point after its add: a valid order of calls.
   */
  private static List<Op> interleave(
      List<Entry> entries, java.util.function.Predicate<Entry> retracted, long seed) {
    Random random = new Random(seed);
    List<Op> ops = new ArrayList<>();
    for (Entry e : entries) {
      ops.add(new Op(e, false));
    }
    for (Entry e : entries) {
      if (retracted.test(e)) {
        int after = indexOfAdd(ops, e);
        ops.add(after + 1 + random.nextInt(ops.size() - after), new Op(e, true));
      }
    }
    return ops;
  }

  private static int indexOfAdd(List<Op> ops, Entry e) {
    for (int i = 0; i < ops.size(); i++) {
      if (!ops.get(i).retract() && ops.get(i).entry() == e) {
        return i;
      }
    }
    throw new AssertionError("no add of " + e);
  }

  /**
   * The live scores per cell (what is added and not retracted), and each cell's largest |score|.
   */
  private static final class Oracle {
    final Map<AgentPeriod, List<Double>> live = new HashMap<>();
    final Map<AgentPeriod, Double> magnitude = new HashMap<>();
    final Granularity granularity;

    Oracle(Granularity granularity) {
      this.granularity = granularity;
    }

    void apply(Op op) {
      AgentPeriod key =
          new AgentPeriod(op.entry().agent(), granularity.periodStart(op.entry().day()));
      magnitude.merge(key, Math.abs(op.entry().score()), Math::max);
      if (op.retract()) {
        List<Double> scores = live.get(key);
        assertTrue(scores.remove((Double) op.entry().score()));
        if (scores.isEmpty()) {
          live.remove(key);
        }
      } else {
        live.computeIfAbsent(key, k -> new ArrayList<>()).add(op.entry().score());
      }
    }

    /** Compares an aggregator with the statistics of the live scores, computed exactly. */
    void check(ScoreAggregator a) {
      SortedMap<AgentPeriod, ScoreSummary> s = a.summaries(0.95, 5);
      assertEquals(new java.util.TreeSet<>(live.keySet()), s.keySet());
      MathContext mc = MathContext.DECIMAL128;
      live.forEach(
          (key, scores) -> {
            ScoreSummary got = s.get(key);
            int n = scores.size();
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal squares = BigDecimal.ZERO;
            for (double x : scores) {
              BigDecimal b = new BigDecimal(x);
              sum = sum.add(b, mc);
              squares = squares.add(b.multiply(b, mc), mc);
            }
            double mean = sum.divide(BigDecimal.valueOf(n), mc).doubleValue();
            double variance =
                n < 2
                    ? 0
                    : squares
                        .subtract(sum.multiply(sum, mc).divide(BigDecimal.valueOf(n), mc), mc)
                        .divide(BigDecimal.valueOf(n - 1), mc)
                        .doubleValue();
            double m = magnitude.get(key);
            assertEquals(n, got.count(), key.toString());
            assertEquals(mean, got.mean(), 1e-9 * (1 + m), key + " mean");
            double sd = got.standardDeviation();
            assertEquals(variance, sd * sd, 1e-9 * (1 + m * m), key + " variance");
            if (n == 1) {
              assertEquals(0.0, sd, key + ": one score has no spread");
            }
          });
    }
  }

  /** Every cell's state is one a snapshot accepts: count >= 1, sum of squares >= 0, finite. */
  private static void assertValidState(ScoreAggregator a) {
    ScoreAggregator.fromBytes(a.toBytes());
  }

  @Property(tries = 300)
  void matchesTheStatisticsOfTheLiveScoresComputedFromScratch(
      @ForAll("entries") List<Entry> entries, @ForAll Granularity granularity, @ForAll long seed) {
    ScoreAggregator a = ScoreAggregator.create(granularity, ZONE);
    Oracle oracle = new Oracle(granularity);
    List<Op> ops = interleave(entries, e -> e.retract() != 0, seed);
    for (int i = 0; i < ops.size(); i++) {
      ops.get(i).apply(a);
      oracle.apply(ops.get(i));
      if (i % 16 == 0) {
        assertValidState(a);
      }
    }
    assertValidState(a);
    oracle.check(a);
  }

  @Property(tries = 200)
  void addThenRetractIsNeverAdded(
      @ForAll("entries") List<Entry> base,
      @ForAll("entries") List<Entry> extra,
      @ForAll Granularity granularity,
      @ForAll long seed) {
    ScoreAggregator a = ScoreAggregator.create(granularity, ZONE);
    Oracle oracle = new Oracle(granularity);
    for (Op op : interleave(base, e -> false, 0)) {
      op.apply(a);
      oracle.apply(op);
    }
    for (Op op : interleave(extra, e -> true, seed)) { // every extra added, then retracted
      op.apply(a);
      oracle.apply(op);
    }
    oracle.check(a);
  }

  @Property(tries = 200)
  void theOrderOfValidCallsDoesNotMatter(
      @ForAll("entries") List<Entry> entries,
      @ForAll Granularity granularity,
      @ForAll long seed1,
      @ForAll long seed2) {
    List<Entry> shuffled = new ArrayList<>(entries);
    java.util.Collections.shuffle(shuffled, new Random(seed2));
    ScoreAggregator one = ScoreAggregator.create(granularity, ZONE);
    ScoreAggregator two = ScoreAggregator.create(granularity, ZONE);
    Oracle oracle = new Oracle(granularity);
    for (Op op : interleave(entries, e -> e.retract() != 0, seed1)) {
      op.apply(one);
      oracle.apply(op);
    }
    interleave(shuffled, e -> e.retract() != 0, seed2).forEach(op -> op.apply(two));
    oracle.check(one);
    oracle.check(two); // both within rounding of the same exact statistics
  }

  @Property(tries = 200)
  void shardsWithRetractionsMergeIntoTheWhole(
      @ForAll("entries") List<Entry> entries, @ForAll Granularity granularity, @ForAll long seed) {
    ScoreAggregator whole = ScoreAggregator.create(granularity, ZONE);
    Oracle oracle = new Oracle(granularity);
    for (Op op : interleave(entries, e -> e.retract() != 0, seed)) {
      op.apply(whole);
      oracle.apply(op);
    }
    ScoreAggregator merged = ScoreAggregator.create(granularity, ZONE);
    for (int shard = 0; shard < 4; shard++) {
      int s = shard;
      ScoreAggregator part = ScoreAggregator.create(granularity, ZONE);
      List<Entry> mine = entries.stream().filter(e -> e.shard() == s).toList();
      interleave(mine, e -> e.retract() == 1, seed + s).forEach(op -> op.apply(part));
      merged.merge(ScoreAggregator.fromBytes(part.toBytes())); // as between nodes
    }
    for (Entry e : entries) {
      if (e.retract() == 2) { // retracted where the shards meet, whichever shard added it
        merged.retract(e.agent(), e.day(), e.score());
      }
    }
    oracle.check(whole);
    oracle.check(merged);
  }

  @Property(tries = 200)
  void aRestoredSnapshotTakesTheSameRetractionsBitForBit(
      @ForAll("entries") List<Entry> entries, @ForAll Granularity granularity) {
    ScoreAggregator a = ScoreAggregator.create(granularity, ZONE);
    entries.forEach(e -> a.add(e.agent(), e.day(), e.score()));
    ScoreAggregator b = ScoreAggregator.fromBytes(a.toBytes());
    for (Entry e : entries) {
      if (e.retract() != 0) {
        a.retract(e.agent(), e.day(), e.score());
        b.retract(e.agent(), e.day(), e.score());
      }
    }
    assertArrayEquals(a.toBytes(), b.toBytes());
  }

  @Property(tries = 200)
  void retractingEveryScoreLeavesTheEmptyAggregator(
      @ForAll("entries") List<Entry> entries, @ForAll Granularity granularity, @ForAll long seed) {
    ScoreAggregator a = ScoreAggregator.create(granularity, ZONE);
    interleave(entries, e -> true, seed).forEach(op -> op.apply(a));
    assertArrayEquals(ScoreAggregator.create(granularity, ZONE).toBytes(), a.toBytes());
  }

  @Property(tries = 300)
  void aRefusedRetractionChangesNothingAndAnImpossibleOneIsRefused(
      @ForAll("entries") List<Entry> entries,
      @ForAll @IntRange(min = 0, max = 2) int agent,
      @ForAll @IntRange(min = 0, max = 20) int day,
      @ForAll("anyScore") double score) {
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, ZONE);
    entries.forEach(e -> a.add(e.agent(), e.day(), e.score()));
    String who = List.of("ann", "bob", "cid").get(agent);
    LocalDate d = D0.plusDays(day);
    byte[] before = a.toBytes();
    try {
      a.retract(who, d, score); // held or not: either it fits, or nothing changes
      assertValidState(a);
    } catch (IllegalArgumentException e) {
      assertArrayEquals(before, a.toBytes(), e.getMessage());
    }
    ScoreAggregator b = ScoreAggregator.fromBytes(before);
    ScoreSummary s =
        b.summaries(0.95, 5).get(new AgentPeriod(who, Granularity.WEEK.periodStart(d)));
    if (s != null) {
      // a score farther from the mean than the spread of n scores allows: no held score can be it
      double m2 = s.standardDeviation() * s.standardDeviation() * (s.count() - 1);
      double far = s.mean() + 1.5 * Math.sqrt(m2 * (s.count() - 1) / s.count()) + 10;
      assertThrows(IllegalArgumentException.class, () -> b.retract(who, d, far));
      assertArrayEquals(before, b.toBytes());
    }
  }

  @Provide
  Arbitrary<Double> anyScore() {
    return scores();
  }

  @Property(tries = 200)
  void reviseIsRetractThenAddBitForBitAndAllOrNothing(
      @ForAll("points") List<Integer> points,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll @IntRange(min = -1, max = 100) int newPoints,
      @ForAll boolean revisedEarlier) {
    Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    List<Evaluation> evs = new ArrayList<>();
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, ZONE);
    for (int i = 0; i < points.size(); i++) {
      Evaluation e =
          PointsEvaluations.of(
              "call-" + i, "agent-" + i % 3, t0.plusSeconds(3600L * i), points.get(i));
      evs.add(e);
      a.add(e);
    }
    if (evs.isEmpty()) {
      return;
    }
    Evaluation old = evs.get(pick % evs.size());
    Evaluation revised = PointsEvaluations.revised(old, newPoints);
    ScoreAggregator viaRevise = ScoreAggregator.fromBytes(a.toBytes());
    ScoreAggregator viaRetractAdd = ScoreAggregator.fromBytes(a.toBytes());
    viaRevise.revise(old, revised);
    viaRetractAdd.retract(old);
    viaRetractAdd.add(revised);
    boolean sameScore = old.result().score().equals(revised.result().score());
    assertArrayEquals(
        sameScore ? a.toBytes() : viaRetractAdd.toBytes(),
        viaRevise.toBytes(),
        "same score: nothing changes; else retract then add");
    // a revision refused (swapped arguments, or another evaluation) changes nothing
    byte[] before = viaRevise.toBytes();
    Evaluation other = evs.get((pick + 1) % evs.size());
    assertThrows(IllegalArgumentException.class, () -> viaRevise.revise(revised, old));
    if (other != old) {
      assertThrows(
          IllegalArgumentException.class,
          () -> viaRevise.revise(revisedEarlier ? revised : old, other));
    }
    assertArrayEquals(before, viaRevise.toBytes());
  }

  @Provide
  Arbitrary<List<Integer>> points() {
    return Arbitraries.integers().between(-1, 100).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void anAccumulatorRetractedToOneOrNoScoreIsExact(
      @ForAll("entries") List<Entry> entries, @ForAll long seed) {
    List<Double> scores = new ArrayList<>(entries.stream().map(Entry::score).toList());
    if (scores.isEmpty()) {
      return;
    }
    ScoreAccumulator acc = new ScoreAccumulator();
    scores.forEach(acc::add);
    java.util.Collections.shuffle(scores, new Random(seed));
    for (int i = 0; i < scores.size() - 1; i++) {
      acc.retract(scores.get(i));
      assertTrue(acc.m2() >= 0, "negative sum of squares " + acc.m2());
    }
    assertEquals(0.0, acc.m2(), "one score left: no spread, exactly");
    double last = scores.get(scores.size() - 1);
    assertEquals(last, acc.mean(), 1e-9 * (1 + 1e6));
    acc.retract(last);
    assertEquals(0, acc.count());
    assertEquals(0.0, acc.mean());
    assertEquals(0.0, acc.m2());
  }
}
