package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.clock.ClockEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA state of one ticket at one instant: every targeted metric cycle, the targeting history,
 * and the next instant at which anything reported here changes without a new event.
 *
 * <p>An evaluation returned by {@link SlaClock} is captured in {@code O(cycles)}, without calendar
 * work; its {@link #cycles()} and {@link #nextTransition()} are derived on the first call of either
 * (then kept), from the state the clock had when it evaluated: events the clock accepts afterwards
 * do not change it. So a caller that evaluates after every event pays for the cycles it reads, not
 * for every evaluation. Equality, hash code and string form are those of the components, like a
 * record's.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class SlaEvaluation {

  // The capture to derive from, or the given components (public constructor). Final, so that it is
  // seen by any thread however the evaluation was published; the components a capture holds are
  // read from it rather than copied here, so an evaluation made after every event is one small
  // object besides its capture.
  private final Object source;
  // The derived result, once derived: racy but safe (Derived is immutable, with final fields, and
  // racing threads derive equal results), and no fence per evaluation as a volatile would cost.
  private ClockEngine.Derived derived;
  // What changes at the next transition, once derived: racy but safe, as derived.
  private Optional<UpcomingTransition> upcoming;

  /** The components given to the public constructor. */
  private record Given(
      String ticketId,
      Instant at,
      String status,
      String policy,
      Optional<String> priority,
      List<PolicyChange> policyChanges,
      List<EventAnomaly> anomalies,
      ClockEngine.Derived derived) {}

  /**
   * Creates an evaluation from its components.
   *
   * @param ticketId the ticket
   * @param at the evaluation instant
   * @param status the ticket's status at {@code at}
   * @param policy name of the policy applying at {@code at}
   * @param priority the priority at {@code at}, if any
   * @param cycles metric cycles (the built-ins' targeted ones, every custom metric's), in order of
   *     start (then metric, then cycle)
   * @param policyChanges targeting history, oldest first
   * @param anomalies events that had no effect, and why, in application order
   * @param nextTransition the earliest instant after {@code at} at which a cycle's state, warning
   *     or escalation changes if no event arrives; empty if nothing is running
   * @throws IllegalArgumentException if {@code ticketId} breaks the id rule of {@link TicketEvent},
   *     if {@code at} or {@code nextTransition} is outside {@link BusinessCalendar#SUPPORTED_START}
   *     to {@link BusinessCalendar#SUPPORTED_END} (exclusive), where every clock's instants lie, if
   *     {@code nextTransition} is not after {@code at}, or if a cycle starts or stops after {@code
   *     at} (what an evaluation at {@code at} cannot have seen); each message names the component
   *     and its value
   */
  public SlaEvaluation(
      String ticketId,
      Instant at,
      String status,
      String policy,
      Optional<String> priority,
      List<MetricCycle> cycles,
      List<PolicyChange> policyChanges,
      List<EventAnomaly> anomalies,
      Optional<Instant> nextTransition) {
    Objects.requireNonNull(ticketId, "ticketId");
    BusinessCalendar.second(at, "at"); // as every clock's evaluation instant
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(priority, "priority");
    Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
    List<MetricCycle> c = List.copyOf(cycles);
    Objects.requireNonNull(nextTransition, "nextTransition");
    nextTransition.ifPresent(t -> BusinessCalendar.second(t, "nextTransition"));
    if (nextTransition.isPresent() && !nextTransition.get().isAfter(at)) {
      throw new IllegalArgumentException(
          "nextTransition " + nextTransition.get() + " must be after the evaluation instant " + at);
    }
    for (int i = 0; i < c.size(); i++) {
      MetricCycle m = c.get(i);
      Instant last = m.stop().orElse(m.start());
      if (last.isAfter(at)) {
        throw new IllegalArgumentException(
            "cycles["
                + i
                + "] ("
                + m.metric()
                + " cycle "
                + m.cycle()
                + ") "
                + (m.stop().isPresent() ? "stops at " : "starts at ")
                + last
                + ", after the evaluation instant "
                + at);
      }
    }
    List<PolicyChange> p = List.copyOf(policyChanges);
    List<EventAnomaly> a = List.copyOf(anomalies);
    ClockEngine.Derived d = new ClockEngine.Derived(c, nextTransition);
    this.source = new Given(ticketId, at, status, policy, priority, p, a, d);
  }

  private SlaEvaluation(ClockEngine.Captured c) {
    this.source = c;
  }

  /** An evaluation whose cycles are derived from {@code c} when first asked for. */
  static SlaEvaluation of(ClockEngine.Captured c) {
    return new SlaEvaluation(c);
  }

  private ClockEngine.Derived derived() {
    ClockEngine.Derived d = derived;
    if (d != null) {
      return d;
    }
    Object s = source;
    d = s instanceof Given g ? g.derived : ((ClockEngine.Captured) s).derive();
    derived = d;
    return d;
  }

  /**
   * Returns the ticket.
   *
   * @return the ticket id
   */
  public String ticketId() {
    return source instanceof ClockEngine.Captured c ? c.ticketId() : ((Given) source).ticketId;
  }

  /**
   * Returns the evaluation instant.
   *
   * @return the instant
   */
  public Instant at() {
    return source instanceof ClockEngine.Captured c ? c.now : ((Given) source).at;
  }

  /**
   * Returns the ticket's status at {@link #at()}.
   *
   * @return the status
   */
  public String status() {
    return source instanceof ClockEngine.Captured c ? c.status : ((Given) source).status;
  }

  /**
   * Returns the name of the policy applying at {@link #at()}.
   *
   * @return the policy name
   */
  public String policy() {
    return source instanceof ClockEngine.Captured c ? c.policy() : ((Given) source).policy;
  }

  /**
   * Returns the priority at {@link #at()}, if any.
   *
   * @return the priority
   */
  public Optional<String> priority() {
    return source instanceof ClockEngine.Captured c ? c.priority() : ((Given) source).priority;
  }

  /**
   * Returns the metric cycles, in order of start (then metric, then cycle): the built-in metrics'
   * cycles that have a target, and every cycle of a custom metric ({@link MetricDefinition}), an
   * untargeted one with an empty {@link MetricCycle#target()}.
   *
   * @return the cycles
   */
  public List<MetricCycle> cycles() {
    return derived().cycles();
  }

  /**
   * Returns the targeting history, oldest first.
   *
   * @return the policy changes
   */
  public List<PolicyChange> policyChanges() {
    return source instanceof ClockEngine.Captured c ? c.changes : ((Given) source).policyChanges;
  }

  /**
   * Returns the events that had no effect, and why, in application order.
   *
   * @return the anomalies
   */
  public List<EventAnomaly> anomalies() {
    return source instanceof ClockEngine.Captured c ? c.anomalies : ((Given) source).anomalies;
  }

  /**
   * Returns the earliest instant after {@link #at()} at which a cycle's state, warning or
   * escalation changes if no event arrives.
   *
   * @return the next transition, empty if nothing is running
   */
  public Optional<Instant> nextTransition() {
    return derived().nextTransition();
  }

  /**
   * Returns what changes at {@link #nextTransition()} if no event arrives before it: every warning
   * threshold, escalation level and breach due then, by cycle in the order of {@link #cycles()}
   * (see {@link UpcomingTransition}). Evaluating the same clock at that instant, with no further
   * event, shows exactly these changes: each listed warning in the cycle's {@link
   * MetricCycle#warnings()} reached at that instant, the highest listed escalation level as its
   * {@link MetricCycle#escalation()}, a listed breach as {@link CycleState#BREACHED} from that
   * instant; evaluated one nanosecond earlier, none of them.
   *
   * <p>Derived on the first call (then kept) from the state the clock had when it evaluated, like
   * {@link #cycles()}: each open cycle measured once more at that instant, {@code O(open cycles x
   * (status changes + warnings))} calendar operations, as a first {@link
   * SlaClock#nextTransition(Instant)} read on a thread. Not a component: it is not part of
   * equality, hash code or string form (it is a function of the clock's state and rules, as the
   * cycles are).
   *
   * @return the upcoming transition, empty exactly when {@link #nextTransition()} is
   * @throws IllegalStateException if this evaluation was built from its components (the public
   *     constructor) and has a next transition: it knows the instant, not the rules that say what
   *     changes then
   */
  public Optional<UpcomingTransition> upcoming() {
    Optional<UpcomingTransition> u = upcoming;
    if (u != null) {
      return u;
    }
    Optional<Instant> next = nextTransition();
    if (next.isEmpty()) {
      u = Optional.empty();
    } else if (source instanceof ClockEngine.Captured c) {
      u = Optional.of(upcoming(c, next.get()));
    } else {
      throw new IllegalStateException(
          "an evaluation built from its components knows its next transition ("
              + next.get()
              + "), not what changes then: only an evaluation of an SlaClock derives it");
    }
    upcoming = u;
    return u;
  }

  /** A cycle's identity within an evaluation: its metric and its index among that metric's. */
  private record CycleId(SlaMetric metric, int cycle) {}

  /** The changes at {@code at}: the open cycles at {@code at} compared with them now. */
  private UpcomingTransition upcoming(ClockEngine.Captured capture, Instant at) {
    Map<CycleId, ClockEngine.Later> later = new HashMap<>();
    for (ClockEngine.Later l : capture.openAt(at)) {
      later.put(new CycleId(l.cycle().metric(), l.cycle().cycle()), l);
    }
    List<UpcomingTransition.Change> out = new ArrayList<>();
    for (MetricCycle before : cycles()) {
      ClockEngine.Later l = later.get(new CycleId(before.metric(), before.cycle()));
      if (l == null) {
        continue; // stopped: nothing changes without an event
      }
      MetricCycle then = l.cycle();
      for (WarningReached w : then.warnings()) {
        if (w.percent() > before.warningPercent()) {
          out.add(UpcomingTransition.Change.warning(before, w.percent()));
        }
      }
      int from = SlaTransition.level(before.escalation());
      int to = SlaTransition.level(then.escalation());
      for (EscalationLevel e : l.levels()) {
        if (e.level() > from && e.level() <= to) {
          out.add(UpcomingTransition.Change.escalation(before, e));
        }
      }
      if (then.state() == CycleState.BREACHED && before.state() != CycleState.BREACHED) {
        out.add(UpcomingTransition.Change.breach(before));
      }
    }
    if (out.isEmpty()) {
      // nextTransition promises a change at `at`; none is an engine bug, not a caller's mistake
      throw new IllegalStateException(
          "ticket " + Excerpt.of(ticketId()) + ": nothing changes at its next transition " + at);
    }
    return new UpcomingTransition(at, out);
  }

  /**
   * Returns the JSON form of this evaluation for a UI or an API response ({@link
   * SlaEvaluationJson#write(SlaEvaluation)}): every cycle's figures, the next transition with what
   * changes then, the targeting history and the anomalies, without audit trails. A report format,
   * not a state format: it is not read back.
   *
   * @return one JSON object
   * @throws IllegalStateException as {@link #upcoming()}
   */
  public String toJson() {
    return SlaEvaluationJson.write(this);
  }

  /**
   * Returns the cycles of one metric, oldest first.
   *
   * @param metric the metric
   * @return the cycles, possibly empty
   */
  public List<MetricCycle> cycles(SlaMetric metric) {
    Objects.requireNonNull(metric, "metric");
    ArrayList<MetricCycle> out = new ArrayList<>();
    for (MetricCycle c : cycles()) {
      if (c.metric().equals(metric)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the latest cycle of one metric.
   *
   * @param metric the metric
   * @return the latest cycle, if any
   */
  public Optional<MetricCycle> latest(SlaMetric metric) {
    List<MetricCycle> l = cycles(metric);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof SlaEvaluation e
        && ticketId().equals(e.ticketId())
        && at().equals(e.at())
        && status().equals(e.status())
        && policy().equals(e.policy())
        && priority().equals(e.priority())
        && policyChanges().equals(e.policyChanges())
        && anomalies().equals(e.anomalies())
        && derived().equals(e.derived());
  }

  @Override
  public int hashCode() {
    ClockEngine.Derived d = derived();
    return Objects.hash(
        ticketId(),
        at(),
        status(),
        policy(),
        priority(),
        d.cycles(),
        policyChanges(),
        anomalies(),
        d.nextTransition());
  }

  @Override
  public String toString() {
    ClockEngine.Derived d = derived();
    return "SlaEvaluation[ticketId="
        + ticketId()
        + ", at="
        + at()
        + ", status="
        + status()
        + ", policy="
        + policy()
        + ", priority="
        + priority()
        + ", cycles="
        + d.cycles()
        + ", policyChanges="
        + policyChanges()
        + ", anomalies="
        + anomalies()
        + ", nextTransition="
        + d.nextTransition()
        + "]";
  }
}
