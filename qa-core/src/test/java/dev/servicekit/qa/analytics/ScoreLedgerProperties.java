package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedger.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws of {@link ScoreLedger}: an at-least-once, shuffled feed of evaluation states and removals
 * counts each evaluation's last state exactly once (against an aggregator fed the final states from
 * scratch); shards merge into the ledger fed everything; a snapshot reads back bit for bit; a
 * refused call changes nothing; closed periods are counted once and refuse late calls.
 */
class ScoreLedgerProperties {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** One evaluation's chain of states (each a revision of the one before), and its removal. */
  record Chain(String id, List<Evaluation> states, boolean removed) {
    Evaluation last() {
      return states.get(states.size() - 1);
    }
  }

  /** A delivery: a state (index into the chain) or, with state -1, the removal. */
  record Call(Chain chain, int state) {}

  static List<Chain> chains(Random r, int n) {
    List<Chain> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(3600L * r.nextInt(24 * 20));
      String agent = "agent" + r.nextInt(3);
      List<Evaluation> states = new ArrayList<>();
      states.add(PointsEvaluations.of("int" + i, agent, at, points(r)));
      int revisions = r.nextInt(3);
      for (int k = 0; k < revisions; k++) {
        states.add(PointsEvaluations.revised(states.get(states.size() - 1), points(r)));
      }
      out.add(new Chain("rev-" + i, states, r.nextInt(5) == 0));
    }
    return out;
  }

  /** Points 0..100 in steps that repeat (equal scores across revisions), or N/A. */
  static int points(Random r) {
    return r.nextInt(8) == 0 ? -1 : r.nextInt(3) == 0 ? 70 : r.nextInt(101);
  }

  /** Every state delivered once or twice, every removal once or twice, shuffled. */
  static List<Call> calls(Random r, List<Chain> chains) {
    List<Call> out = new ArrayList<>();
    for (Chain c : chains) {
      for (int k = 0; k < c.states().size(); k++) {
        int copies = 1 + r.nextInt(2);
        for (int j = 0; j < copies; j++) {
          out.add(new Call(c, k));
        }
      }
      if (c.removed()) {
        out.add(new Call(c, -1));
        if (r.nextBoolean()) {
          out.add(new Call(c, -1));
        }
      }
    }
    Collections.shuffle(out, r);
    return out;
  }

  static Outcome apply(ScoreLedger l, Call c) {
    return c.state() < 0
        ? l.remove(c.chain().id())
        : l.put(c.chain().id(), c.chain().states().get(c.state()));
  }

  /** The scores of the final states of the evaluations not removed, each added once. */
  static ScoreAggregator expected(List<Chain> chains, Granularity g) {
    ScoreAggregator a = ScoreAggregator.create(g, ZONE);
    for (Chain c : chains) {
      if (!c.removed()) {
        a.add(c.last());
      }
    }
    return a;
  }

  static void assertSameScores(ScoreAggregator expected, SortedMap<AgentPeriod, ScoreSummary> got) {
    SortedMap<AgentPeriod, ScoreSummary> want = expected.summaries(0.95, 5);
    assertEquals(want.keySet(), got.keySet());
    for (AgentPeriod k : want.keySet()) {
      assertEquals(want.get(k).count(), got.get(k).count(), k.toString());
      assertEquals(want.get(k).mean(), got.get(k).mean(), 1e-9 * 101, k.toString());
      // compared as variances: after retractions a variance of 0 may be left at 1e-12, whose
      // square root, 1.2e-6, is rounding too (seed 5801352290998049136 drew it)
      double sdWant = want.get(k).standardDeviation();
      double sdGot = got.get(k).standardDeviation();
      assertEquals(sdWant * sdWant, sdGot * sdGot, 1e-9, k.toString());
    }
  }

  @Property(tries = 300)
  void eachEvaluationCountsOnceInItsLastState(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int n) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    List<Call> calls = calls(r, chains);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    Map<Outcome, Long> outcomes = new HashMap<>();
    for (Call c : calls) {
      outcomes.merge(apply(l, c), 1L, Long::sum);
    }
    assertSameScores(expected(chains, Granularity.WEEK), l.summaries(0.95, 5));
    for (Outcome o : Outcome.values()) {
      assertEquals(outcomes.getOrDefault(o, 0L), l.count(o), o.name());
    }
    long total = 0;
    for (Outcome o : Outcome.values()) {
      total += l.count(o);
    }
    assertEquals(calls.size(), total, "every call is counted once");
    assertEquals(n, l.size());
    // ADDED once per evaluation seen before its removal; REMOVED once per removed evaluation
    long removed = chains.stream().filter(Chain::removed).count();
    assertEquals(removed, l.count(Outcome.REMOVED));
  }

  @Property(tries = 200)
  void closedPeriodsKeepWhatTheyHadAndOpenOnesGoOn(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 12) int n,
      @ForAll @IntRange(min = 0, max = 21) int closeDay) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    List<Call> calls = calls(r, chains);
    int cut = r.nextInt(calls.size() + 1);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    ScoreLedger before = ScoreLedger.create(Granularity.WEEK, ZONE);
    for (Call c : calls.subList(0, cut)) {
      apply(l, c);
      apply(before, c);
    }
    l.closeBefore(LocalDate.of(2026, 3, 2).plusDays(closeDay));
    LocalDate closed = l.closedBefore().orElseThrow();
    long late = 0;
    for (Call c : calls.subList(cut, calls.size())) {
      late += apply(l, c) == Outcome.LATE ? 1 : 0;
    }
    // closed periods: what the ledger held at the close; open ones: every final state, once
    ScoreAggregator want = ScoreAggregator.create(Granularity.WEEK, ZONE);
    ScoreAggregator atClose = before.scores();
    ScoreAggregator all = expected(chains, Granularity.WEEK);
    for (AgentPeriod cell : atClose.cells()) {
      if (cell.periodStart().isBefore(closed)) {
        want.mergeCell(cell, atClose);
      }
    }
    for (AgentPeriod cell : all.cells()) {
      if (!cell.periodStart().isBefore(closed)) {
        want.mergeCell(cell, all);
      }
    }
    assertSameScores(want, l.summaries(0.95, 5));
    assertEquals(late, l.count(Outcome.LATE));
  }

  @Property(tries = 200)
  void shardsMergeIntoTheLedgerFedEverything(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 3) int shards) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    List<Call> calls = calls(r, chains);
    List<ScoreLedger> parts = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      parts.add(ScoreLedger.create(Granularity.DAY, ZONE));
    }
    for (Call c : calls) {
      apply(parts.get(r.nextInt(shards)), c); // one evaluation's states spread over the shards
    }
    ScoreLedger whole = parts.get(0);
    for (int i = 1; i < shards; i++) {
      whole.merge(parts.get(i));
    }
    assertSameScores(expected(chains, Granularity.DAY), whole.summaries(0.95, 5));
    assertEquals(n, whole.size());
    // and it goes on as one ledger: every call again changes no score
    for (Call c : calls) {
      apply(whole, c);
    }
    assertSameScores(expected(chains, Granularity.DAY), whole.summaries(0.95, 5));
  }

  @Property(tries = 200)
  void snapshotsReadBackBitForBitAndGoOnAlike(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int n, @ForAll boolean close) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    List<Call> calls = calls(r, chains);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    int cut = calls.isEmpty() ? 0 : r.nextInt(calls.size() + 1);
    for (Call c : calls.subList(0, cut)) {
      apply(l, c);
    }
    if (close) {
      l.closeBefore(LocalDate.of(2026, 3, 2).plusDays(r.nextInt(21)));
    }
    byte[] b = l.toBytes();
    ScoreLedger back = ScoreLedger.fromBytes(b);
    assertArrayEquals(b, back.toBytes());
    for (Call c : calls.subList(cut, calls.size())) {
      assertEquals(apply(l, c), apply(back, c));
    }
    assertArrayEquals(l.toBytes(), back.toBytes());
  }

  @Property(tries = 1000)
  void aCorruptedSnapshotIsRefusedWithAClearError(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    for (Call c : calls(r, chains)) {
      apply(l, c);
    }
    byte[] b = l.toBytes();
    byte[] bad =
        switch (r.nextInt(3)) {
          case 0 -> java.util.Arrays.copyOf(b, r.nextInt(b.length));
          case 1 -> {
            byte[] x = b.clone();
            x[r.nextInt(x.length)] ^= (byte) (1 << r.nextInt(8));
            yield x;
          }
          default -> {
            // a flipped byte under a recomputed checksum: only the content checks can refuse it
            byte[] x = b.clone();
            x[4 + r.nextInt(x.length - 8)] ^= (byte) (1 << r.nextInt(8));
            withChecksum(x);
            yield x;
          }
        };
    try {
      ScoreLedger back = ScoreLedger.fromBytes(bad);
      // accepted: only a flip that leaves a consistent ledger (a score, a count, an id's letter)
      assertArrayEquals(bad, back.toBytes());
    } catch (IllegalArgumentException e) {
      assertTrue(
          e.getMessage().startsWith("snapshot")
              || e.getMessage().startsWith("not a")
              || e.getMessage().startsWith("expected a"),
          e.getMessage());
    }
  }

  static void withChecksum(byte[] x) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(x, 0, x.length - 4);
    java.nio.ByteBuffer.wrap(x, x.length - 4, 4).putInt((int) crc.getValue());
  }

  @Property(tries = 100)
  void aRefusedCallChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int n) {
    Random r = new Random(seed);
    List<Chain> chains = chains(r, n);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE);
    for (Call c : calls(r, chains)) {
      apply(l, c);
    }
    byte[] before = l.toBytes();
    Chain c = chains.get(r.nextInt(chains.size()));
    Evaluation e = c.states().get(0);
    // the id of another evaluation (another interaction)
    Evaluation other = PointsEvaluations.of("elsewhere", e.agentId(), e.evaluatedAt(), 50);
    if (!c.removed()) { // a removal that came first holds no identity to check against
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> l.put(c.id(), other));
      assertTrue(x.getMessage().contains("interactionId"), x.getMessage());
    }
    assertArrayEquals(before, l.toBytes());
    // merging a ledger of another granularity
    assertThrows(
        IllegalArgumentException.class, () -> l.merge(ScoreLedger.create(Granularity.DAY, ZONE)));
    assertArrayEquals(before, l.toBytes());
  }
}
