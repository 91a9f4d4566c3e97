package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The clock's first-reply, next-reply and answer-time cycles against a brute-force oracle written
 * declaratively over the sorted event list (no state machine): each cycle's start and stop are
 * found by searching the list for the events the documented rules name. 24/7 calendar, no pauses,
 * so elapsed time is wall-clock time and the state follows from start, stop and target alone.
 */
class ReplyCycleDifferentialProperties {

  private static final Duration FIRST = Duration.ofHours(4);
  private static final Duration NEXT = Duration.ofHours(1);
  private static final Duration ANSWER = Duration.ofSeconds(30);

  private static SlaPolicySet set(boolean notesCount) {
    SlaPolicySet base =
        Fixtures.single(
            Map.of(
                SlaMetric.firstResponse(), FIRST,
                SlaMetric.nextResponse(), NEXT,
                SlaMetric.answerTime(), ANSWER));
    return Fixtures.statusModel()
        .internalNotesCount(notesCount)
        .defaultPolicy(base.defaultPolicy())
        .build();
  }

  /** What the oracle and the clock must agree on, per cycle. */
  record Row(SlaMetric metric, String key, Instant start, Instant stop, CycleState state) {}

  @Property(tries = 300)
  void replyAndAnswerCyclesEqualTheOracle(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 30) int size,
      @ForAll @IntRange(min = 0, max = 3000) int afterMinutes) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set = set(h.notesCount());
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
    boolean[] counted = new boolean[n];
    boolean[] solve = new boolean[n];
    boolean[] reopen = new boolean[n];
    for (int i = 0; i < n; i++) {
      TicketEvent x = ev.get(i);
      counted[i] =
          x instanceof TicketEvent.AgentReply r
              && (r.isPublic() || set.internalNotesCount())
              && (!r.automated() || set.automatedRepliesCount());
      boolean wasSolved = solvedStatuses.contains(before[i]);
      boolean isSolved = solvedStatuses.contains(after[i]);
      solve[i] = !wasSolved && isSolved;
      reopen[i] = wasSolved && !isSolved;
    }
    // Customer turns: a message on an unsolved ticket, or a reopen after a message written while
    // solved that no counted reply answered before the reopen.
    boolean[] turn = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (ev.get(i) instanceof TicketEvent.CustomerMessage) {
        turn[i] = !solvedStatuses.contains(before[i]);
      } else if (reopen[i]) {
        int lastSolve = i - 1;
        while (!solve[lastSolve]) {
          lastSolve--;
        }
        for (int j = i - 1; j > lastSolve; j--) {
          if (counted[j]) {
            break;
          }
          if (ev.get(j) instanceof TicketEvent.CustomerMessage) {
            turn[i] = true;
            break;
          }
        }
      }
    }
    List<Row> first = new ArrayList<>();
    List<Row> next = new ArrayList<>();
    boolean byAgent = ((TicketEvent.Created) ev.get(0)).byAgent();
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
      first.add(replyRow(SlaMetric.firstResponse(), ev, firstStart, counted, solve, FIRST, now));
    }
    // A turn starts a next-reply cycle if a counted reply or a solve came after the last cycle
    // started by a turn (creation counts as the start of the conversation).
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
        armed = counted[a] || solve[a];
      }
      if (armed) {
        next.add(replyRow(SlaMetric.nextResponse(), ev, i, counted, solve, NEXT, now));
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
