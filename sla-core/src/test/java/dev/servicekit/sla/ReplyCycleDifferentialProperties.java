package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The clock's first-reply, next-reply and answer-time cycles against a brute-force oracle written
 * declaratively over the sorted event list (no state machine): each cycle's start and stop are
 * found by searching the list for the events the documented rules name. 24/7 calendar, no pauses,
 * so elapsed time is wall-clock time and the state follows from start, stop and target alone. First
 * and next reply may override which replies count (per-metric rules), so a reply can count for one
 * and not the other.
 */
class ReplyCycleDifferentialProperties {

  private static final Duration FIRST = Duration.ofHours(4);
  private static final Duration NEXT = Duration.ofHours(1);
  private static final Duration ANSWER = Duration.ofSeconds(30);

  /**
   * The set under test: set-wide switches, and for first and next reply a rule that overrides each
   * switch or not (drawn from {@code replySeed}; 0 gives no rule, the set-wide behaviour).
   */
  private static SlaPolicySet set(boolean notesCount, long replySeed) {
    Random r = new Random(replySeed);
    List<MetricRule> rules = new ArrayList<>();
    if (replySeed != 0) {
      for (SlaMetric m : List.of(SlaMetric.firstResponse(), SlaMetric.nextResponse())) {
        MetricRule.Builder b = MetricRule.builder(m);
        if (r.nextBoolean()) {
          b.internalNotesCount(r.nextBoolean());
        }
        if (r.nextBoolean()) {
          b.automatedRepliesCount(r.nextBoolean());
        }
        rules.add(b.build());
      }
    }
    SlaPolicySet base =
        Fixtures.single(
            Map.of(
                SlaMetric.firstResponse(), FIRST,
                SlaMetric.nextResponse(), NEXT,
                SlaMetric.answerTime(), ANSWER),
            rules.toArray(MetricRule[]::new));
    return Fixtures.statusModel()
        .internalNotesCount(notesCount)
        .automatedRepliesCount(replySeed != 0 && r.nextBoolean())
        .defaultPolicy(base.defaultPolicy())
        .build();
  }

  /** Whether a reply counts for a metric, read straight off the documented rule. */
  private static boolean counts(SlaPolicySet set, SlaMetric metric, TicketEvent e) {
    if (!(e instanceof TicketEvent.AgentReply r)) {
      return false;
    }
    Optional<MetricRule> rule = set.defaultPolicy().rule(metric);
    boolean notes = rule.flatMap(MetricRule::internalNotesCount).orElse(set.internalNotesCount());
    boolean automated =
        rule.flatMap(MetricRule::automatedRepliesCount).orElse(set.automatedRepliesCount());
    return (r.isPublic() || notes) && (!r.automated() || automated);
  }

  /** What the oracle and the clock must agree on, per cycle. */
  record Row(SlaMetric metric, String key, Instant start, Instant stop, CycleState state) {}

  @Property(tries = 300)
  void replyAndAnswerCyclesEqualTheOracle(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 30) int size,
      @ForAll @IntRange(min = 0, max = 3000) int afterMinutes,
      @ForAll long replySeed) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set = set(h.notesCount(), replySeed);
    Instant now = h.last().plus(Duration.ofMinutes(afterMinutes));
    SlaEvaluation e = Fixtures.eval(set, h.events(), now);
    List<Row> actual = new ArrayList<>();
    for (SlaMetric m :
        List.of(SlaMetric.firstResponse(), SlaMetric.nextResponse(), SlaMetric.answerTime())) {
      for (MetricCycle c : e.cycles(m)) {
        actual.add(new Row(m, c.key(), c.start(), c.stop().orElse(null), c.state()));
      }
    }
    assertEquals(oracle(set, h.events(), now), actual, () -> "events " + h.events());
  }

  static List<Row> oracle(SlaPolicySet set, List<TicketEvent> events, Instant now) {
    List<TicketEvent> ev = new ArrayList<>(events);
    ev.sort(TicketEvent.ORDER);
    int n = ev.size();
    Set<String> solvedStatuses = set.solvedStatuses();
    // status before[i] / after[i] event i
    String[] before = new String[n];
    String[] after = new String[n];
    String status = set.initialStatus();
    for (int i = 0; i < n; i++) {
      before[i] = status;
      if (ev.get(i) instanceof TicketEvent.StatusChanged s) {
        status = s.status();
      }
      after[i] = status;
    }
    boolean[] countedFirst = new boolean[n];
    boolean[] countedNext = new boolean[n];
    boolean[] solve = new boolean[n];
    boolean[] reopen = new boolean[n];
    for (int i = 0; i < n; i++) {
      TicketEvent x = ev.get(i);
      countedFirst[i] = counts(set, SlaMetric.firstResponse(), x);
      countedNext[i] = counts(set, SlaMetric.nextResponse(), x);
      boolean wasSolved = solvedStatuses.contains(before[i]);
      boolean isSolved = solvedStatuses.contains(after[i]);
      solve[i] = !wasSolved && isSolved;
      reopen[i] = wasSolved && !isSolved;
    }
    // Customer turns: a message on an unsolved ticket, or a reopen after a message written while
    // solved that no reply answered before the reopen. A reply answers it if it counts for the
    // cycle the turn would start: first reply before the first turn of an agent-created ticket,
    // else next reply.
    boolean byAgent = ((TicketEvent.Created) ev.get(0)).byAgent();
    boolean firstStarted = !byAgent;
    boolean[] turn = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (ev.get(i) instanceof TicketEvent.CustomerMessage) {
        turn[i] = !solvedStatuses.contains(before[i]);
      } else if (reopen[i]) {
        boolean[] answers = firstStarted ? countedNext : countedFirst;
        int lastSolve = i - 1;
        while (!solve[lastSolve]) {
          lastSolve--;
        }
        for (int j = i - 1; j > lastSolve; j--) {
          if (answers[j]) {
            break;
          }
          if (ev.get(j) instanceof TicketEvent.CustomerMessage) {
            turn[i] = true;
            break;
          }
        }
      }
      firstStarted |= turn[i];
    }
    List<Row> first = new ArrayList<>();
    List<Row> next = new ArrayList<>();
    int firstStart = -1;
    if (!byAgent) {
      firstStart = 0;
    } else {
      for (int i = 0; i < n && firstStart < 0; i++) {
        if (turn[i]) {
          firstStart = i;
        }
      }
    }
    if (firstStart >= 0) {
      first.add(
          replyRow(SlaMetric.firstResponse(), ev, firstStart, countedFirst, solve, FIRST, now));
    }
    // A turn starts a next-reply cycle if a reply counting for next reply or a solve came after the
    // last cycle started by a turn (creation counts as the start of the conversation).
    int lastStart = 0;
    for (int i = 0; i < n; i++) {
      if (!turn[i] || i == firstStart) {
        if (i == firstStart) {
          lastStart = i;
        }
        continue;
      }
      boolean armed = false;
      for (int a = lastStart + 1; a < i && !armed; a++) {
        armed = countedNext[a] || solve[a];
      }
      if (armed) {
        next.add(replyRow(SlaMetric.nextResponse(), ev, i, countedNext, solve, NEXT, now));
        lastStart = i;
      }
    }
    List<Row> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (ev.get(i) instanceof TicketEvent.CallOffered o) {
        Instant start = o.at();
        Instant stop = null;
        boolean cancelled = false;
        for (int j = i + 1; j < n && stop == null; j++) {
          TicketEvent x = ev.get(j);
          if (x instanceof TicketEvent.CallAnswered a && a.callId().equals(o.callId())) {
            stop = x.at();
          } else if (x instanceof TicketEvent.CallAbandoned a && a.callId().equals(o.callId())) {
            stop = x.at();
            cancelled = true;
          } else if (solve[j]) {
            stop = x.at();
            cancelled = true;
          }
        }
        calls.add(row(SlaMetric.answerTime(), o.callId(), start, stop, cancelled, ANSWER, now));
      }
    }
    List<Row> out = new ArrayList<>(first);
    out.addAll(next);
    out.addAll(calls);
    return out;
  }

  private static Row replyRow(
      SlaMetric m,
      List<TicketEvent> ev,
      int start,
      boolean[] counted,
      boolean[] solve,
      Duration target,
      Instant now) {
    Instant stop = null;
    for (int j = start + 1; j < ev.size() && stop == null; j++) {
      if (counted[j] || solve[j]) {
        stop = ev.get(j).at();
      }
    }
    return row(m, "", ev.get(start).at(), stop, false, target, now);
  }

  private static Row row(
      SlaMetric m,
      String key,
      Instant start,
      Instant stop,
      boolean cancelled,
      Duration target,
      Instant now) {
    Duration elapsed = Duration.between(start, stop == null ? now : stop);
    CycleState state;
    if (elapsed.compareTo(target) > 0) {
      state = CycleState.BREACHED;
    } else if (stop == null) {
      state = CycleState.ACTIVE;
    } else {
      state = cancelled ? CycleState.CANCELLED : CycleState.ACHIEVED;
    }
    return new Row(m, key, start, stop, state);
  }
}
