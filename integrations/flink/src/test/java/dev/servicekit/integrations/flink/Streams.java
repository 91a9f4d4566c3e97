package dev.servicekit.integrations.flink;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generated streams (many tickets and agents, out of order, duplicated, revised ratings over
 * several daily windows) and the in-process servicekit results they must give.
 */
final class Streams {

  static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");
  static final WindowSpec DAILY = WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC);

  private Streams() {}

  /** Ticket events in arrival order: about 16 per ticket, locally shuffled, 5% duplicated. */
  static List<TicketEvent> ticketEvents(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> all = new ArrayList<>();
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      Instant at = BASE.plusMillis((long) (r.nextDouble() * 5 * 86_400_000L));
      all.add(new TicketEvent.Created(id, id + "-0", at, Map.of(), java.util.Set.of()));
      int n = 8 + r.nextInt(16);
      for (int i = 1; i <= n; i++) {
        at = at.plusMillis(60_000L + r.nextInt(90 * 60_000));
        String eid = id + "-" + i;
        int k = r.nextInt(100);
        TicketEvent e;
        if (i == n && r.nextInt(10) < 7) {
          e = new TicketEvent.StatusChanged(id, eid, at, "solved");
        } else if (k < 35) {
          e = TicketEvent.AgentReply.publicReply(id, eid, at);
        } else if (k < 60) {
          e = new TicketEvent.CustomerMessage(id, eid, at);
        } else if (k < 80) {
          e = new TicketEvent.StatusChanged(id, eid, at, "pending");
        } else {
          e = new TicketEvent.StatusChanged(id, eid, at, "open");
        }
        all.add(e);
      }
    }
    all.sort((a, b) -> a.at().compareTo(b.at()));
    return disorder(all, r);
  }

  /** Rating revisions in arrival order: 1 to 3 revisions per survey, 5% duplicated. */
  static List<RevisedObservation> ratings(long seed, int surveys, int agents) {
    Random r = new Random(seed);
    List<RevisedObservation> all = new ArrayList<>();
    for (int s = 0; s < surveys; s++) {
      String group = "agent-" + r.nextInt(agents);
      Instant at = BASE.plusMillis((long) (r.nextDouble() * 5 * 86_400_000L));
      int revisions = 1 + r.nextInt(3);
      for (int v = 1; v <= revisions; v++) {
        all.add(new RevisedObservation(group, "S-" + s, v, 1 + r.nextInt(5), at));
      }
    }
    all.sort((a, b) -> a.at().compareTo(b.at()));
    return disorder(all, r);
  }

  private static <T> List<T> disorder(List<T> sorted, Random r) {
    List<T> out = new ArrayList<>(sorted);
    for (int i = 0; i < out.size(); i++) {
      Collections.swap(out, i, Math.min(out.size() - 1, i + r.nextInt(40)));
    }
    List<T> dup = new ArrayList<>(out.size() + out.size() / 16);
    List<T> pending = new ArrayList<>();
    for (T e : out) {
      dup.add(e);
      if (!pending.isEmpty() && r.nextInt(4) == 0) {
        dup.add(pending.remove(0));
      }
      if (r.nextInt(20) == 0) {
        pending.add(e);
      }
    }
    dup.addAll(pending);
    return dup;
  }

  /** The largest distance in milliseconds by which an element arrives after a later-stamped one. */
  static long maxDisorderMillis(List<Instant> arrival) {
    long max = 0;
    long seen = Long.MIN_VALUE;
    for (Instant t : arrival) {
      long ms = t.toEpochMilli();
      seen = Math.max(seen, ms);
      max = Math.max(max, seen - ms);
    }
    return max;
  }

  /**
   * In-process servicekit, event time: per ticket the events in order, the clock evaluated at each
   * event's millisecond and at each next transition, until no transition is left; a transition's
   * timer (its instant rounded up to the millisecond) first fires the transitions due by then at
   * their exact instants, those before the first event due at that millisecond.
   */
  static List<String> transitions(SlaPolicySet set, List<TicketEvent> events) {
    return transitions(set, Fixtures.CALENDARS, events);
  }

  /** As {@link #transitions(SlaPolicySet, List)}, with these calendars. */
  static List<String> transitions(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, List<TicketEvent> events) {
    List<String> out = new ArrayList<>();
    transitionsByTicket(set, calendars, events).values().forEach(out::addAll);
    Collections.sort(out);
    return out;
  }

  /**
   * As {@link #transitions(SlaPolicySet, Map, List)}, per ticket in the order the engine emits them
   * (evaluation by evaluation, each in the evaluation's cycle order).
   */
  static Map<String, List<String>> transitionsByTicket(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, List<TicketEvent> events) {
    Map<String, List<TicketEvent>> byTicket = new LinkedHashMap<>();
    for (TicketEvent e : events) {
      byTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e);
    }
    Map<String, List<String>> all = new TreeMap<>();
    for (Map.Entry<String, List<TicketEvent>> t : byTicket.entrySet()) {
      List<String> out = all.computeIfAbsent(t.getKey(), k -> new ArrayList<>());
      TreeMap<Long, List<TicketEvent>> due = new TreeMap<>();
      for (TicketEvent e : t.getValue()) {
        long ms = e.at().toEpochMilli() + (e.at().getNano() % 1_000_000 == 0 ? 0 : 1);
        due.computeIfAbsent(ms, k -> new ArrayList<>()).add(e);
      }
      SlaClock clock = SlaClock.of(set, calendars, t.getKey());
      Map<String, Object[]> reported = new HashMap<>();
      TreeSet<Long> instants = new TreeSet<>(due.keySet());
      Instant pending = null; // the exact instant of the next transition, its timer in instants
      while (!instants.isEmpty()) {
        long now = instants.pollFirst();
        List<TicketEvent> batch = due.remove(now);
        if (batch != null) {
          batch.sort(TicketEvent.ORDER);
        }
        // The transitions due by now fire at their exact instants, before the first event due now.
        while (pending != null
            && !pending.isAfter(Instant.ofEpochMilli(now))
            && (batch == null || pending.isBefore(batch.get(0).at()))) {
          SlaEvaluation ev = clock.evaluate(pending);
          reported = report(ev, reported, out);
          Instant d = ev.nextTransition().orElse(null);
          pending = d != null && d.isAfter(pending) ? d : null;
        }
        if (batch != null) {
          batch.forEach(clock::accept);
        }
        SlaEvaluation ev;
        try {
          ev = clock.evaluate(Instant.ofEpochMilli(now));
        } catch (IllegalStateException noCreated) {
          continue;
        }
        reported = report(ev, reported, out);
        pending = null;
        if (ev.nextTransition().isPresent()) {
          Instant d = ev.nextTransition().get();
          long ms = d.toEpochMilli() + (d.getNano() % 1_000_000 == 0 ? 0 : 1);
          instants.add(Math.max(ms, now + 1));
          pending = d;
        }
      }
    }
    return all;
  }

  /**
   * Appends the transitions from the reported states to {@code ev}'s; returns its states (state,
   * warning, deadline per cycle). A deadline that moved while nothing else did is DEADLINE_CHANGED,
   * unless the cycle is paused (its "due if resumed now" moves with every evaluation).
   */
  private static Map<String, Object[]> report(
      SlaEvaluation ev, Map<String, Object[]> reported, List<String> out) {
    Map<String, Object[]> next = new HashMap<>();
    for (MetricCycle c : ev.cycles()) {
      String id = c.metric() + "#" + c.cycle();
      Object[] p = reported.get(id);
      int before = out.size();
      if (p == null) {
        out.add(line(ev, c, "STARTED"));
        p = new Object[] {CycleState.ACTIVE, 0, c.deadline()};
      }
      if (c.warningPercent() > (int) p[1]) {
        out.add(line(ev, c, "WARNING"));
      }
      if (c.state() != p[0]) {
        out.add(line(ev, c, c.state() == CycleState.ACTIVE ? "RESUMED" : c.state().name()));
      }
      if (out.size() == before && c.state() != CycleState.PAUSED && !c.deadline().equals(p[2])) {
        out.add(line(ev, c, "DEADLINE_CHANGED"));
      }
      next.put(id, new Object[] {c.state(), c.warningPercent(), c.deadline()});
    }
    return next;
  }

  static String line(SlaTransition t) {
    return t.ticketId()
        + " "
        + t.metric()
        + "#"
        + t.cycle()
        + " "
        + t.kind()
        + " "
        + t.at()
        + " "
        + t.warningPercent();
  }

  private static String line(SlaEvaluation ev, MetricCycle c, String kind) {
    return ev.ticketId()
        + " "
        + c.metric()
        + "#"
        + c.cycle()
        + " "
        + kind
        + " "
        + ev.at()
        + " "
        + c.warningPercent();
  }

  /** In-process servicekit: per (group, day) a RevisedValues over a CSAT accumulator. */
  static Map<String, RatingAccumulator> windows(List<RevisedObservation> observations) {
    Map<String, RevisedValues<String, RatingAccumulator>> w = new HashMap<>();
    for (RevisedObservation o : observations) {
      String key = o.group() + "@" + DAILY.start(o.at());
      w.computeIfAbsent(
              key, k -> RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint())))
          .apply(o.id(), o.revision(), o.value());
    }
    Map<String, RatingAccumulator> out = new TreeMap<>();
    w.forEach((k, v) -> out.put(k, v.target()));
    return out;
  }
}
