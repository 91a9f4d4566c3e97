package dev.servicekit.integrations.kafka;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.SlaTransition.Kind;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** A 24/7 policy set with warnings and a pause status, and an in-process oracle of transitions. */
final class SlaFixtures {

  static final Map<String, BusinessCalendar> CALENDARS = Map.of();

  private SlaFixtures() {}

  /** First response 1h (warn 50, 80), next response 2h, resolution 8h paused on "pending". */
  static SlaPolicySet policySet() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").warnAt(75).build())
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }

  /**
   * The oracle: servicekit in process, written independently of the topology. Clocks in a map, no
   * snapshots; time is the largest event time seen; before each event every ticket's timer due by
   * then fires at its exact instant; transitions are the changes of each cycle's state and warning.
   */
  static final class InProcess {
    private final SlaPolicySet set;
    private final Map<String, BusinessCalendar> calendars;
    private final Map<String, SlaClock> clocks = new HashMap<>();
    private final Map<String, Map<String, int[]>> reported = new HashMap<>();
    private final Map<String, Map<String, java.util.Optional<Instant>>> deadlines = new HashMap<>();
    private final Map<String, Instant> maxAt = new HashMap<>();
    private final Map<String, Instant> due = new HashMap<>();
    private final PriorityQueue<Object[]> timers =
        new PriorityQueue<>((a, b) -> ((Instant) a[0]).compareTo((Instant) b[0]));
    final Map<String, List<SlaTransition>> out = new HashMap<>();
    private Instant now = Instant.MIN;

    InProcess(SlaPolicySet set) {
      this(set, CALENDARS);
    }

    InProcess(SlaPolicySet set, Map<String, BusinessCalendar> calendars) {
      this.set = set;
      this.calendars = calendars;
    }

    void accept(TicketEvent e) {
      if (e.at().isAfter(now)) {
        now = e.at();
      }
      advanceTo(now);
      String t = e.ticketId();
      SlaClock c = clocks.computeIfAbsent(t, id -> SlaClock.of(set, calendars, id));
      if (!c.accept(e)) {
        return;
      }
      maxAt.merge(t, e.at(), (a, b) -> a.isAfter(b) ? a : b);
      Instant at = now.isBefore(maxAt.get(t)) ? maxAt.get(t) : now;
      SlaEvaluation ev;
      try {
        ev = c.evaluate(at);
      } catch (IllegalStateException noCreated) {
        return;
      }
      report(ev);
      schedule(t, ev.nextTransition().orElse(null));
    }

    /** Fires every timer due at or before {@code time}. */
    void advanceTo(Instant time) {
      while (!timers.isEmpty() && !((Instant) timers.peek()[0]).isAfter(time)) {
        Object[] top = timers.poll();
        String t = (String) top[1];
        if (!top[0].equals(due.get(t))) {
          continue; // superseded
        }
        SlaEvaluation ev = clocks.get(t).evaluate((Instant) top[0]);
        report(ev);
        schedule(t, ev.nextTransition().orElse(null));
      }
    }

    private void schedule(String t, Instant next) {
      if (next == null) {
        due.remove(t);
      } else {
        due.put(t, next);
        timers.add(new Object[] {next, t});
      }
    }

    private void report(SlaEvaluation ev) {
      Map<String, int[]> prev = reported.computeIfAbsent(ev.ticketId(), k -> new HashMap<>());
      Map<String, int[]> next = new HashMap<>();
      Map<String, java.util.Optional<Instant>> due =
          deadlines.computeIfAbsent(ev.ticketId(), k -> new HashMap<>());
      List<SlaTransition> list = out.computeIfAbsent(ev.ticketId(), k -> new ArrayList<>());
      for (MetricCycle c : ev.cycles()) {
        String id = c.metric() + "/" + c.cycle();
        int[] p = prev.getOrDefault(id, null);
        int before = list.size();
        if (p == null) {
          list.add(tr(ev, c, Kind.STARTED));
          p = new int[] {CycleState.ACTIVE.ordinal(), 0, 0};
        }
        if (c.warningPercent() > p[1]) {
          list.add(tr(ev, c, Kind.WARNING));
        }
        int level = c.escalation().map(e -> e.level()).orElse(0);
        if (level > p[2]) {
          list.add(tr(ev, c, Kind.ESCALATED));
        }
        if (c.state().ordinal() != p[0]) {
          Kind k =
              switch (c.state()) {
                case ACTIVE -> Kind.RESUMED;
                case PAUSED -> Kind.PAUSED;
                case ACHIEVED -> Kind.ACHIEVED;
                case BREACHED -> Kind.BREACHED;
                case CANCELLED -> Kind.CANCELLED;
              };
          list.add(tr(ev, c, k));
        }
        // a deadline that moved while nothing else did, unless paused ("due if resumed now")
        if (list.size() == before
            && c.state() != CycleState.PAUSED
            && !c.deadline().equals(due.get(id))) {
          list.add(tr(ev, c, Kind.DEADLINE_CHANGED));
        }
        due.put(id, c.deadline());
        next.put(id, new int[] {c.state().ordinal(), c.warningPercent(), level});
      }
      reported.put(ev.ticketId(), next);
    }

    private static SlaTransition tr(SlaEvaluation ev, MetricCycle c, Kind k) {
      return new SlaTransition(
          ev.ticketId(),
          c.metric(),
          c.cycle(),
          c.key(),
          k,
          ev.at(),
          c.warningPercent(),
          c.escalation(),
          java.util.Optional.of(c.state()), // the cycle's state at the evaluation
          c.deadline());
    }
  }
}
