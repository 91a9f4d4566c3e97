package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The built-in stage and answer-time metrics against an independent oracle written from the README
 * ("One update, one result", "Reopening", "Calls") and the javadoc of {@link StageDefinition} and
 * the call events, on random histories on a 24/7 calendar; and arrival-order independence.
 */
class StageCallOracleProperties {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  static final String[] STATUSES = {"new", "open", "wip", "review", "pending", "solved", "closed"};
  static final Set<String> SOLVED = Set.of("solved", "closed");
  static final String[] CALLS = {"c1", "c2", "c3", "c10"};

  record Ev(
      int minute, int kind, String arg, String id) {} // kind 0 status, 1 offer, 2 answer, 3 abandon

  record Exp(
      int cycle, String key, CycleState state, Instant start, Instant stop, Duration elapsed) {}

  static final class OCycle {
    final int number;
    final String key;
    final List<Instant[]> spans = new ArrayList<>(); // [from, to-or-null]
    boolean cancelled;
    boolean open = true;

    OCycle(int number, String key, Instant t) {
      this.number = number;
      this.key = key;
      spans.add(new Instant[] {t, null});
    }

    void end(Instant t, boolean cancel) {
      spans.get(spans.size() - 1)[1] = t;
      open = false;
      cancelled = cancel;
    }

    void resume(Instant t) {
      spans.add(new Instant[] {t, null});
      open = true;
      cancelled = false;
    }

    Duration elapsed(Instant now) {
      Duration d = Duration.ZERO;
      for (Instant[] s : spans) {
        d = d.plus(Duration.between(s[0], s[1] == null ? now : s[1]));
      }
      return d;
    }

    Exp expect(Instant now, Duration target) {
      Duration el = elapsed(now);
      boolean breached = el.compareTo(target) > 0;
      CycleState st =
          breached
              ? CycleState.BREACHED
              : open ? CycleState.ACTIVE : cancelled ? CycleState.CANCELLED : CycleState.ACHIEVED;
      return new Exp(
          number, key, st, spans.get(0)[0], open ? null : spans.get(spans.size() - 1)[1], el);
    }
  }

  static Exp actual(MetricCycle c) {
    return new Exp(c.cycle(), c.key(), c.state(), c.start(), c.stop().orElse(null), c.elapsed());
  }

  @Property(tries = 200)
  void stagesAndCallsAgreeWithTheOracle(@ForAll long seed) {
    Random r = new Random(seed);
    ReopenRule reA = ReopenRule.values()[r.nextInt(3)];
    ReopenRule reB = ReopenRule.values()[r.nextInt(3)];
    boolean stopA = r.nextBoolean();
    StageDefinition a = new StageDefinition("work", Set.of("wip", "review"), reA);
    if (stopA) {
      a = a.stopOn("solved");
    }
    StageDefinition b = new StageDefinition("wait", Set.of("pending", "solved"), reB);
    Duration ta = Duration.ofMinutes(5 + r.nextInt(20));
    Duration tb = Duration.ofMinutes(5 + r.nextInt(20));
    Duration tc = Duration.ofMinutes(1 + r.nextInt(8));
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses(STATUSES)
            .solvedStatuses("solved", "closed")
            .stage(a)
            .stage(b)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", a.metric(), ta)
                    .target("normal", b.metric(), tb)
                    .target("normal", SlaMetric.answerTime(), tc)
                    .build())
            .build();
    String initial = r.nextInt(3) == 0 ? STATUSES[r.nextInt(STATUSES.length)] : null;
    int n = r.nextInt(25);
    List<Ev> evs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("e%02d", i + 1));
    }
    Collections.shuffle(ids, r);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(4);
      String arg =
          kind == 0 ? STATUSES[r.nextInt(STATUSES.length)] : CALLS[r.nextInt(CALLS.length)];
      evs.add(new Ev(r.nextInt(40), kind, arg, ids.get(i)));
    }
    Instant now = T0.plus(Duration.ofMinutes(r.nextInt(60)));

    // The clock.
    List<TicketEvent> events = new ArrayList<>();
    TicketEvent.Created created = TicketEvent.Created.byCustomer("T", "c0", T0);
    events.add(initial == null ? created : created.withStatus(initial));
    for (Ev e : evs) {
      Instant at = T0.plus(Duration.ofMinutes(e.minute));
      events.add(
          switch (e.kind) {
            case 0 -> new TicketEvent.StatusChanged("T", e.id, at, e.arg);
            case 1 -> new TicketEvent.CallOffered("T", e.id, at, e.arg);
            case 2 -> new TicketEvent.CallAnswered("T", e.id, at, e.arg);
            default -> new TicketEvent.CallAbandoned("T", e.id, at, e.arg);
          });
    }
    SlaEvaluation ev = Fixtures.eval(set, events, now);

    // The oracle: order by instant, then status < offer < answer/abandon, then id; calls offered
    // at one instant numbered in call-id order.
    List<Ev> sorted = new ArrayList<>();
    for (Ev e : evs) {
      if (!T0.plus(Duration.ofMinutes(e.minute)).isAfter(now)) {
        sorted.add(e);
      }
    }
    sorted.sort(
        Comparator.comparingInt(Ev::minute)
            .thenComparingInt(e -> e.kind == 3 ? 2 : e.kind)
            .thenComparing(Ev::id));
    if (initial != null) {
      sorted.add(0, new Ev(0, 0, initial, ""));
    }
    String status = "new";
    StageDefinition[] stages = {a, b};
    List<List<OCycle>> stageCycles = List.of(new ArrayList<>(), new ArrayList<>());
    List<OCycle> calls = new ArrayList<>();
    Map<String, OCycle> ringing = new HashMap<>();
    int i = 0;
    while (i < sorted.size()) {
      Ev e = sorted.get(i);
      Instant t = T0.plus(Duration.ofMinutes(e.minute));
      if (e.kind == 1) { // the instant's offers, in call-id order
        List<String> offered = new ArrayList<>();
        while (i < sorted.size() && sorted.get(i).kind == 1 && sorted.get(i).minute == e.minute) {
          String call = sorted.get(i).arg;
          if (!ringing.containsKey(call) && !offered.contains(call)) {
            offered.add(call);
          }
          i++;
        }
        Collections.sort(offered);
        for (String call : offered) {
          OCycle c = new OCycle(calls.size(), call, t);
          calls.add(c);
          ringing.put(call, c);
        }
        continue;
      }
      i++;
      if (e.kind == 2 || e.kind == 3) {
        OCycle c = ringing.remove(e.arg);
        if (c != null) {
          c.end(t, e.kind == 3);
        }
        continue;
      }
      String next = e.arg;
      if (next.equals(status)) {
        continue;
      }
      if (!SOLVED.contains(status) && SOLVED.contains(next)) {
        for (OCycle c : ringing.values()) {
          c.end(t, true); // cut off by the solve
        }
        ringing.clear();
      }
      for (int s = 0; s < 2; s++) {
        StageDefinition st = stages[s];
        List<OCycle> cs = stageCycles.get(s);
        boolean wasIn = st.statuses().contains(status);
        boolean isIn = st.statuses().contains(next);
        if (wasIn && !isIn) {
          OCycle last = cs.isEmpty() ? null : cs.get(cs.size() - 1);
          if (last != null && last.open) { // ONCE: a re-entry started nothing to end
            last.end(t, !st.stopsOn(next));
          }
        } else if (!wasIn && isIn) {
          if (cs.isEmpty() || st.reentry() == ReopenRule.RESTART) {
            cs.add(new OCycle(cs.size(), "", t));
          } else if (st.reentry() == ReopenRule.RESUME) {
            cs.get(cs.size() - 1).resume(t);
          }
        }
      }
      status = next;
    }

    String ctx =
        "stages "
            + a
            + " "
            + b
            + " targets "
            + ta
            + " "
            + tb
            + " "
            + tc
            + " initial "
            + initial
            + " now "
            + now
            + " events "
            + sorted;
    Duration[] targets = {ta, tb};
    for (int s = 0; s < 2; s++) {
      List<Exp> exp = new ArrayList<>();
      for (OCycle c : stageCycles.get(s)) {
        exp.add(c.expect(now, targets[s]));
      }
      List<Exp> act = new ArrayList<>();
      for (MetricCycle c : ev.cycles(stages[s].metric())) {
        act.add(actual(c));
      }
      act.sort(Comparator.comparingInt(Exp::cycle));
      assertEquals(exp, act, stages[s].name() + ": " + ctx);
    }
    List<Exp> exp = new ArrayList<>();
    for (OCycle c : calls) {
      exp.add(c.expect(now, tc));
    }
    List<Exp> act = new ArrayList<>();
    for (MetricCycle c : ev.cycles(SlaMetric.answerTime())) {
      act.add(actual(c));
    }
    act.sort(Comparator.comparingInt(Exp::cycle));
    assertEquals(exp, act, "answer time: " + ctx);

    // Arrival-order independence: a live clock fed the events shuffled agrees with the batch.
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, r);
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : shuffled) {
      clock.accept(e);
      if (r.nextInt(4) == 0
          && clock.events().stream().anyMatch(x -> x instanceof TicketEvent.Created)) {
        clock.evaluate(now).cycles(); // reads in between
      }
    }
    assertEquals(ev.cycles(), clock.evaluate(now).cycles(), "arrival order: " + ctx);
  }
}
