package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedgerProperties.Call;
import dev.servicekit.qa.analytics.ScoreLedgerProperties.Chain;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Outcome shares behind {@link ScoreLedger}: an at-least-once, shuffled feed of evaluation states
 * and removals counts each evaluation's band and script outcome exactly once in its last state
 * (against recorders fed the final states from scratch, the brute-force oracle), through shards and
 * merges, snapshots and closes; corrupted snapshots give a ledger or an {@link
 * IllegalArgumentException}; a snapshot whose shares do not count its held states is refused.
 * Before, {@link OutcomeShares} had no ledger: a redelivered review counted twice in the band
 * shares.
 */
class ScoreLedgerSharesProperties {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Function<String, String> TEAM = a -> a.endsWith("0") ? "red" : "blue";

  static List<OutcomeShares> templates(Granularity g) {
    return List.of(
        OutcomeShares.bands(g, ZONE, TEAM),
        OutcomeShares.scriptCompliance(ScriptCompliance.of(List.of("points"), 0.9), g, ZONE, TEAM));
  }

  static String state(OutcomeShares s) {
    return s.perAgent(0.95) + "|" + s.perTeam(0.95) + "|" + s.skipped();
  }

  /** The final states of the evaluations not removed, each added once, per template. */
  static List<String> expected(List<Chain> chains, Granularity g) {
    List<String> out = new ArrayList<>();
    for (OutcomeShares t : templates(g)) {
      for (Chain c : chains) {
        if (!c.removed()) {
          t.add(c.last());
        }
      }
      out.add(state(t));
    }
    return out;
  }

  static List<String> states(ScoreLedger l) {
    return l.shares().stream().map(ScoreLedgerSharesProperties::state).toList();
  }

  @Property(tries = 300)
  void eachEvaluationCountsOnceInItsLastStateInTheShares(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int n) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    List<Call> calls = ScoreLedgerProperties.calls(r, chains);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates(Granularity.WEEK));
    for (Call c : calls) {
      ScoreLedgerProperties.apply(l, c);
    }
    assertEquals(expected(chains, Granularity.WEEK), states(l));
    ScoreLedgerProperties.assertSameScores(
        ScoreLedgerProperties.expected(chains, Granularity.WEEK), l.summaries(0.95, 5));
    // closing keeps what was counted, and every call again changes nothing
    l.closeBefore(LocalDate.of(2026, 3, 2).plusDays(r.nextInt(21)));
    for (Call c : calls) {
      ScoreLedgerProperties.apply(l, c);
    }
    assertEquals(expected(chains, Granularity.WEEK), states(l));
  }

  @Property(tries = 200)
  void shardsMergeIntoTheLedgerFedEverything(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 3) int shards) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    List<Call> calls = ScoreLedgerProperties.calls(r, chains);
    List<ScoreLedger> parts = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      parts.add(ScoreLedger.create(Granularity.DAY, ZONE, templates(Granularity.DAY)));
    }
    for (Call c : calls) {
      ScoreLedgerProperties.apply(parts.get(r.nextInt(shards)), c);
    }
    ScoreLedger whole = parts.get(0);
    for (int i = 1; i < shards; i++) {
      whole.merge(parts.get(i));
    }
    assertEquals(expected(chains, Granularity.DAY), states(whole));
    for (Call c : calls) {
      ScoreLedgerProperties.apply(whole, c);
    }
    assertEquals(expected(chains, Granularity.DAY), states(whole));
  }

  @Property(tries = 200)
  void snapshotsReadBackBitForBitAndGoOnAlike(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 10) int n, @ForAll boolean close) {
    Random r = new Random(seed);
    List<Chain> chains = ScoreLedgerProperties.chains(r, n);
    List<Call> calls = ScoreLedgerProperties.calls(r, chains);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates(Granularity.WEEK));
    int cut = calls.isEmpty() ? 0 : r.nextInt(calls.size() + 1);
    for (Call c : calls.subList(0, cut)) {
      ScoreLedgerProperties.apply(l, c);
    }
    if (close) {
      l.closeBefore(LocalDate.of(2026, 3, 2).plusDays(r.nextInt(21)));
    }
    byte[] b = l.toBytes();
    ScoreLedger back = ScoreLedger.fromBytes(b, templates(Granularity.WEEK));
    assertArrayEquals(b, back.toBytes());
    assertEquals(states(l), states(back));
    for (Call c : calls.subList(cut, calls.size())) {
      assertEquals(ScoreLedgerProperties.apply(l, c), ScoreLedgerProperties.apply(back, c));
    }
    assertArrayEquals(l.toBytes(), back.toBytes());
    assertEquals(states(l), states(back));
  }

  @Property(tries = 300)
  void aCorruptedSnapshotGivesALedgerOrAClearError(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
    Random r = new Random(seed);
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates(Granularity.WEEK));
    for (Call c : ScoreLedgerProperties.calls(r, ScoreLedgerProperties.chains(r, n))) {
      ScoreLedgerProperties.apply(l, c);
    }
    byte[] b = l.toBytes();
    for (int k = 0; k < 20; k++) {
      byte[] x = b.clone();
      x[4 + r.nextInt(x.length - 8)] ^= (byte) (1 << r.nextInt(8));
      ScoreLedgerProperties.withChecksum(x); // only the content checks can refuse it
      try {
        ScoreLedger back = ScoreLedger.fromBytes(x, templates(Granularity.WEEK));
        assertArrayEquals(x, back.toBytes());
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().startsWith("snapshot"), e.getMessage());
      }
    }
  }

  @Example
  void aSnapshotIsReadWithItsTemplatesOnly() {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates(Granularity.WEEK));
    l.put("rev-1", PointsEvaluations.of("int-1", "agent-1", ScoreLedgerPropertiesT0.T0, 70));
    byte[] b = l.toBytes();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(b));
    assertEquals(
        "snapshot holds 2 outcome share recorders, and 0 templates were given", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ScoreLedger.fromBytes(
                    b,
                    List.of(
                        templates(Granularity.WEEK).get(1), templates(Granularity.WEEK).get(0))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "snapshot shares 0: snapshot of a WEEK/Europe/Berlin score-band recorder does"
                    + " not fit a WEEK/Europe/Berlin script-compliance (1 criterion) recorder"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreLedger.create(Granularity.DAY, ZONE, templates(Granularity.WEEK)));
    assertEquals(
        "shares 0 counts WEEK periods in Europe/Berlin, the ledger DAY periods in Europe/Berlin",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> l.merge(ScoreLedger.create(Granularity.WEEK, ZONE)));
    assertEquals(
        "cannot merge a ledger feeding 0 outcome share recorders into one feeding 2",
        e.getMessage());
  }

  @Example
  void aSnapshotWhoseSharesDoNotCountItsHeldStatesIsRefused() {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates(Granularity.WEEK));
    l.put("rev-1", PointsEvaluations.of("int-1", "agent-1", ScoreLedgerPropertiesT0.T0, 70));
    byte[] b = l.toBytes();
    // the first recorder's snapshot replaced by an empty one's, under a recomputed checksum
    ByteBuffer buf = ByteBuffer.wrap(b);
    int scoresLength = buf.getInt(4);
    int at = 4 + 4 + scoresLength + 1 + 8 + 8 * ScoreLedger.Outcome.values().length + 4;
    int oldLength = buf.getInt(at);
    byte[] empty = templates(Granularity.WEEK).get(0).toBytes();
    byte[] x = new byte[b.length - oldLength + empty.length];
    System.arraycopy(b, 0, x, 0, at);
    ByteBuffer.wrap(x).putInt(at, empty.length);
    System.arraycopy(empty, 0, x, at + 4, empty.length);
    System.arraycopy(
        b, at + 4 + oldLength, x, at + 4 + empty.length, b.length - at - 4 - oldLength);
    ScoreLedgerProperties.withChecksum(x);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreLedger.fromBytes(x, templates(Granularity.WEEK)));
    assertEquals(
        "snapshot holds outcomes {high=1} of agent GroupPeriod[group='agent-1',"
            + " periodStart=2026-03-02] but its shares 0 count {}",
        e.getMessage());
  }

  /**
   * An agent who changes team mid-period: the ledger keeps the team each evaluation was counted in,
   * so its revision and its removal still find it (a revision counts in the team of its delivery);
   * before, both threw an IllegalStateException and the review was stuck.
   */
  @Example
  void anAgentWhoChangesTeamKeepsHisEvaluationsRevisableAndRemovable() {
    Map<String, String> teams = new HashMap<>(Map.of("agent-1", "red"));
    List<OutcomeShares> templates =
        List.of(OutcomeShares.bands(Granularity.WEEK, ZONE, teams::get));
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, templates);
    Evaluation e = PointsEvaluations.of("int-1", "agent-1", ScoreLedgerPropertiesT0.T0, 70);
    l.put("rev-1", e);
    l.put("rev-2", PointsEvaluations.of("int-2", "agent-1", ScoreLedgerPropertiesT0.T0, 10));
    teams.put("agent-1", "blue");
    assertEquals(ScoreLedger.Outcome.REVISED, l.put("rev-1", PointsEvaluations.revised(e, 20)));
    OutcomeShares s = l.shares().get(0);
    assertEquals(
        "[GroupPeriod[group='blue', periodStart=2026-03-02], GroupPeriod[group='red',"
            + " periodStart=2026-03-02]]",
        s.perTeam(0.95).keySet().toString());
    // restored with a function that gives yet another team: the held teams still count
    ScoreLedger back =
        ScoreLedger.fromBytes(
            l.toBytes(), List.of(OutcomeShares.bands(Granularity.WEEK, ZONE, a -> "green")));
    assertEquals(ScoreLedger.Outcome.REMOVED, back.remove("rev-1"));
    assertEquals(ScoreLedger.Outcome.REMOVED, back.remove("rev-2"));
    assertEquals(
        state(OutcomeShares.bands(Granularity.WEEK, ZONE, a -> "green")),
        state(back.shares().get(0)));
  }

  /**
   * Two states of one version with one score but another script outcome: which one counts could not
   * be told, so the second is refused (before, it was UNCHANGED and the share depended on the order
   * of delivery); and closing is bounded to the days a snapshot can hold.
   */
  @Example
  void twoStatesOfOneVersionWithAnotherOutcomeAreRefused() {
    dev.servicekit.qa.Checklist two =
        dev.servicekit.qa.Checklist.builder("two", 1)
            .mode(dev.servicekit.qa.ScoringMode.TOTAL_POINTS)
            .section(
                dev.servicekit.qa.Section.of(
                    "s",
                    100,
                    List.of(
                        dev.servicekit.qa.Criterion.builder("greet")
                            .scale(dev.servicekit.qa.Scale.range(0, 10))
                            .build(),
                        dev.servicekit.qa.Criterion.builder("solve")
                            .scale(dev.servicekit.qa.Scale.range(0, 10))
                            .build())))
            .build();
    java.time.Instant t0 = ScoreLedgerPropertiesT0.T0;
    Evaluation pass =
        Evaluation.of(
            two,
            "int-1",
            "agent-1",
            "rev",
            t0,
            Map.of(
                "greet",
                dev.servicekit.qa.Answer.of("10"),
                "solve",
                dev.servicekit.qa.Answer.of("0")));
    Evaluation fail =
        Evaluation.of(
            two,
            "int-1",
            "agent-1",
            "rev",
            t0,
            Map.of(
                "greet",
                dev.servicekit.qa.Answer.of("0"),
                "solve",
                dev.servicekit.qa.Answer.of("10")));
    assertEquals(pass.result().score(), fail.result().score());
    List<OutcomeShares> t =
        List.of(
            OutcomeShares.scriptCompliance(
                ScriptCompliance.of(List.of("greet"), 0.9), Granularity.WEEK, ZONE, TEAM));
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, ZONE, t);
    l.put("rev-1", pass);
    byte[] before = l.toBytes();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> l.put("rev-1", fail));
    assertEquals(
        "evaluationId 'rev-1' holds 0 revisions on checklist version 1 with outcome 'pass' in"
            + " shares 0, and this state of the same version has 'fail': two states of one version"
            + " cannot differ in outcome",
        e.getMessage());
    assertArrayEquals(before, l.toBytes());

    e = assertThrows(IllegalArgumentException.class, () -> l.closeBefore(LocalDate.of(2300, 1, 2)));
    assertEquals(
        "day 2300-01-02 must lie in 1900-01-01..2300-01-01, the days of evaluation instants (and"
            + " the first after them)",
        e.getMessage());
    assertArrayEquals(before, l.toBytes());
    l.closeBefore(LocalDate.of(2300, 1, 1));
    assertArrayEquals(l.toBytes(), ScoreLedger.fromBytes(l.toBytes(), t).toBytes());
  }

  /** The instant the ledger properties start from. */
  static final class ScoreLedgerPropertiesT0 {
    static final java.time.Instant T0 = java.time.Instant.parse("2026-03-02T08:00:00Z");
  }
}
