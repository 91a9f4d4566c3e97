package dev.servicekit.sla;

import dev.servicekit.sla.internal.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one cycle of one metric at an evaluation instant.
 *
 * <p>Business times ({@code elapsed}, {@code remaining}, {@code breachedBy}) are counted on the
 * metric's calendar, excluding paused time; {@code wallElapsed} is the wall-clock time the cycle
 * has been open (running or paused; the gaps of a resumed cycle, while it was stopped, are not
 * counted), of which {@code pausedTime} was spent paused. {@link SlaClock#auditTrail(SlaMetric,
 * int, Instant)} gives the segments these durations are the sums of.
 *
 * <p>The deadline (the due instant) is the earliest instant at which the elapsed time reaches the
 * target. It is kept once the cycle stops ("due 10:00, met 09:30"): for a cycle stopped before
 * reaching its target it is the instant the target would have been reached had the cycle kept
 * counting from its stop. While the cycle is paused within target it is the due instant if the
 * cycle resumed at the evaluation instant ("due if resumed now"), so it moves with the evaluation
 * instant. A target used up exactly as the cycle paused is not breached (no running instant follows
 * the deadline): the cycle is due when it resumes, and, if it stops without resuming, at its stop
 * (as a stopped cycle's "had it kept counting from its stop"). Under {@link
 * ClosingRule#AT_NEXT_OPENING} a target used up exactly at a calendar close is due at the next
 * opening.
 *
 * <p>A cycle is breached from the first running instant strictly after its deadline ({@link
 * BreachRule#AFTER_DEADLINE}, the default: a reply exactly at the deadline achieves it) or from the
 * deadline instant itself ({@link BreachRule#AT_DEADLINE}: evaluated at its deadline a running
 * cycle is breached, a reply at the deadline still achieves it). A cycle breached on a closed
 * business day has {@code breachedBy} zero until business time passes.
 *
 * <p>A cycle stopped without an outcome (a call abandoned, or still ringing when the ticket is
 * solved) is {@link CycleState#CANCELLED} if it stopped within its target (at exactly the target
 * included), with no next transition; if it had already run past its target it is {@link
 * CycleState#BREACHED} (a missed call).
 *
 * <p>An untargeted cycle (a custom metric measured without a target, Jira's "No target") has an
 * empty {@code target}, {@code deadline} and {@code breachedAt}, no warnings and no escalation, and
 * is never {@link CycleState#BREACHED}. Its {@code remaining}, {@code breachedBy} and {@code
 * percentConsumed} are zero ({@code PT0S}, {@code PT0S}, {@code 0.0}) for want of a target: not
 * "used up", not "on time". A dashboard tells it apart by {@link #targeted()} (an empty {@link
 * #target()}) or {@link #signedRemaining()}, which is empty, and should show its {@code elapsed}
 * only.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param metric the metric
 * @param cycle 0-based index of the cycle among the ticket's cycles of this metric, in start order
 *     (for answer time the index runs across all calls, those offered at one instant in call-id
 *     order; {@code key} names the call)
 * @param key what the cycle is about: the call id for answer time, else empty; empty or a key as
 *     {@link SlaTransition}'s constructor requires (same message)
 * @param state state at the evaluation instant
 * @param running whether the cycle counts time at the evaluation instant (open and in no pause
 *     condition; a closed calendar does not pause it): true for {@link CycleState#ACTIVE}, false
 *     for {@link CycleState#PAUSED} and every stopped cycle, and for a {@link CycleState#BREACHED}
 *     cycle that has not stopped whether it still runs or is paused (a breached ticket put on hold)
 * @param start when the cycle started
 * @param stop when the cycle stopped, if it did
 * @param target the target in business time, empty for an untargeted cycle
 * @param deadline the due instant (see above), empty if untargeted or if the calendar never reaches
 *     the target
 * @param breachedAt first instant of breach, if breached
 * @param elapsed business time counted so far
 * @param wallElapsed wall-clock time the cycle has been open (running or paused) so far
 * @param pausedTime wall-clock time the cycle has been paused so far (part of {@code wallElapsed})
 * @param remaining {@code max(0, target - elapsed)}, zero once breached; zero for an untargeted
 *     cycle (see above)
 * @param breachedBy {@code max(0, elapsed - target)}; zero for an untargeted cycle
 * @param percentConsumed {@code 100 * elapsed / target}; 100 for a zero target (a due date at or
 *     before the start, used up at once); 0 for an untargeted cycle
 * @param warningPercent highest warning threshold reached, 0 if none
 * @param warnings every warning level reached, with the instant it was reached, lowest first
 * @param escalation highest escalation level reached, if any
 * @param policy name of the policy the target comes from
 */
public record MetricCycle(
    SlaMetric metric,
    int cycle,
    String key,
    CycleState state,
    boolean running,
    Instant start,
    Optional<Instant> stop,
    Optional<Duration> target,
    Optional<Instant> deadline,
    Optional<Instant> breachedAt,
    Duration elapsed,
    Duration wallElapsed,
    Duration pausedTime,
    Duration remaining,
    Duration breachedBy,
    double percentConsumed,
    int warningPercent,
    List<WarningReached> warnings,
    Optional<EscalationLevel> escalation,
    String policy) {

  /**
   * Checks the components for null, copies the warnings and checks the invariants every cycle a
   * clock reports satisfies: {@code cycle}, {@code warningPercent}, the target and every duration
   * are not negative; {@code warningPercent} is at most 100; {@code pausedTime} is at most {@code
   * wallElapsed}; {@code percentConsumed} is finite and not negative; a stop is not before the
   * start; an {@link CycleState#ACTIVE} or {@link CycleState#PAUSED} cycle has no stop and an
   * {@link CycleState#ACHIEVED} or {@link CycleState#CANCELLED} one has; {@code breachedAt} is
   * present exactly when the state is {@link CycleState#BREACHED}, and not before the start; an
   * untargeted cycle has no deadline, breach, warning or escalation and zero {@code remaining},
   * {@code breachedBy}, {@code percentConsumed} and {@code warningPercent}; {@code start}, {@code
   * stop}, {@code deadline} and {@code breachedAt} lie in the supported range, {@link
   * BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END} (exclusive), where
   * every clock's instants and deadlines lie (as {@link SlaTransition} requires of its {@code at}
   * and {@code deadline}). {@code O(1)} besides copying the warnings; it allocates only to throw.
   *
   * @throws IllegalArgumentException naming the component, its value and the rule it breaks
   */
  public MetricCycle {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    SlaTransition.requireKey(key); // the transitions made from this cycle carry it
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(breachedAt, "breachedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(wallElapsed, "wallElapsed");
    Objects.requireNonNull(pausedTime, "pausedTime");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(breachedBy, "breachedBy");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(escalation, "escalation");
    Objects.requireNonNull(policy, "policy");
    if (cycle < 0) {
      throw invalid(metric, cycle, "cycle " + cycle + " is negative");
    }
    supported(metric, cycle, "start", start);
    if (stop.isPresent()) {
      supported(metric, cycle, "stop", stop.get());
    }
    if (deadline.isPresent()) {
      supported(metric, cycle, "deadline", deadline.get());
    }
    if (breachedAt.isPresent()) {
      supported(metric, cycle, "breachedAt", breachedAt.get());
    }
    if (warningPercent < 0) {
      throw invalid(metric, cycle, "warningPercent " + warningPercent + " is negative");
    }
    if (warningPercent > 100) {
      throw invalid(
          metric, cycle, "warningPercent " + warningPercent + " is above 100 (no threshold is)");
    }
    if (target.isPresent() && target.get().isNegative()) {
      throw invalid(metric, cycle, "target " + target.get() + " is negative");
    }
    negative(metric, cycle, "elapsed", elapsed);
    negative(metric, cycle, "wallElapsed", wallElapsed);
    negative(metric, cycle, "pausedTime", pausedTime);
    negative(metric, cycle, "remaining", remaining);
    negative(metric, cycle, "breachedBy", breachedBy);
    if (pausedTime.compareTo(wallElapsed) > 0) {
      throw invalid(
          metric,
          cycle,
          "pausedTime "
              + pausedTime
              + " exceeds wallElapsed "
              + wallElapsed
              + " (it is part of it)");
    }
    if (!(percentConsumed >= 0) || Double.isInfinite(percentConsumed)) {
      throw invalid(
          metric, cycle, "percentConsumed " + percentConsumed + " is not a finite number >= 0");
    }
    if (stop.isPresent() && stop.get().isBefore(start)) {
      throw invalid(metric, cycle, "stop " + stop.get() + " is before start " + start);
    }
    boolean open = state == CycleState.ACTIVE || state == CycleState.PAUSED;
    if (running
        ? state != CycleState.ACTIVE && (state != CycleState.BREACHED || stop.isPresent())
        : state == CycleState.ACTIVE) {
      throw runningContradicts(metric, cycle, running, state, stop);
    }
    if (open == stop.isPresent() && state != CycleState.BREACHED) {
      throw invalid(
          metric,
          cycle,
          "a "
              + state
              + " cycle "
              + (open
                  ? "has no stop, but stop is " + stop.get()
                  : "has a stop, but stop is empty"));
    }
    if ((state == CycleState.BREACHED) != breachedAt.isPresent()) {
      throw invalid(
          metric,
          cycle,
          "breachedAt "
              + breachedAt
              + " must be present exactly when the state is BREACHED (state "
              + state
              + ")");
    }
    if (breachedAt.isPresent() && breachedAt.get().isBefore(start)) {
      throw invalid(metric, cycle, "breachedAt " + breachedAt.get() + " is before start " + start);
    }
    if (target.isEmpty()
        && (!remaining.isZero()
            || !breachedBy.isZero()
            || percentConsumed != 0
            || warningPercent != 0)) {
      throw invalid(
          metric,
          cycle,
          "untargeted cycle must have zero remaining, breachedBy, percentConsumed and"
              + " warningPercent (remaining "
              + remaining
              + ", breachedBy "
              + breachedBy
              + ", percentConsumed "
              + percentConsumed
              + ", warningPercent "
              + warningPercent
              + ")");
    }
    if (target.isEmpty()
        && (state == CycleState.BREACHED
            || deadline.isPresent()
            || breachedAt.isPresent()
            || !warnings.isEmpty()
            || escalation.isPresent())) {
      throw new IllegalArgumentException(
          "untargeted "
              + metric
              + " cycle "
              + cycle
              + " cannot have a breach, deadline, warning or escalation (state "
              + state
              + ")");
    }
  }

  /** Refuses {@code t} outside the supported range, in {@link BusinessCalendar#second}'s words. */
  private static void supported(SlaMetric metric, int cycle, String field, Instant t) {
    if (!Timeline.inRange(t.getEpochSecond())) {
      try {
        BusinessCalendar.second(t, field);
      } catch (IllegalArgumentException e) {
        throw invalid(metric, cycle, e.getMessage());
      }
    }
  }

  private static void negative(SlaMetric metric, int cycle, String field, Duration d) {
    if (d.isNegative()) {
      throw invalid(metric, cycle, field + " " + d + " is negative");
    }
  }

  // out of the constructor, which stays small enough to inline on the clocks' hot path
  private static IllegalArgumentException runningContradicts(
      SlaMetric metric, int cycle, boolean running, CycleState state, Optional<Instant> stop) {
    return invalid(
        metric,
        cycle,
        "running "
            + running
            + " contradicts state "
            + state
            + (stop.isPresent() ? " with stop " + stop.get() : "")
            + " (only an ACTIVE cycle, or a BREACHED one that has not stopped, runs)");
  }

  private static IllegalArgumentException invalid(SlaMetric metric, int cycle, String problem) {
    return new IllegalArgumentException(metric + " cycle " + cycle + ": " + problem);
  }

  /**
   * Returns the cycle's id among an evaluation's cycles: its metric's text form, {@code #} and its
   * index, e.g. {@code resolution#0} or {@code stage:analysis#2}. {@link SlaTransition#between}
   * matches cycles by it, and the stream adapters store reported states under it.
   *
   * @return the id
   */
  public String id() {
    return metric + "#" + cycle;
  }

  /**
   * Returns whether {@code id} is {@link #id()}, without building the id.
   *
   * @param id a text
   * @return {@code id.equals(id())}
   */
  public boolean hasId(String id) {
    int m = metric.textAt(id);
    if (m < 0 || id.length() != m + 1 + digits(cycle) || id.charAt(m) != '#') {
      return false;
    }
    long v = 0; // the digits after '#', as many as the index has: equal iff the same number
    for (int k = m + 1; k < id.length(); k++) {
      char d = id.charAt(k);
      if (d < '0' || d > '9') {
        return false;
      }
      v = 10 * v + (d - '0');
    }
    return v == cycle;
  }

  private static int digits(int v) { // v >= 0 (the constructor refuses a negative cycle)
    int d = 1;
    while (v >= 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  /**
   * Returns whether the cycle has a target.
   *
   * @return true unless the metric is measured without a target
   */
  public boolean targeted() {
    return target.isPresent();
  }

  /**
   * Returns {@code target - elapsed}: positive while within target, negative (or zero) after a
   * breach. A breached cycle never shows time left: a breach kept under {@link
   * RetargetRule#KEEP_REACHED} across a re-target that also changed the calendar can stand while
   * the calendar now in force counts less than the target; it then shows zero.
   *
   * @return the signed remaining business time, empty for an untargeted cycle
   */
  public Optional<Duration> signedRemaining() {
    return target.map(
        t -> {
          Duration d = t.minus(elapsed);
          return state == CycleState.BREACHED && d.compareTo(Duration.ZERO) > 0 ? Duration.ZERO : d;
        });
  }

  /**
   * Returns when the cycle met its target: its stop instant if it is {@link CycleState#ACHIEVED}.
   *
   * @return the instant the target was met, empty otherwise
   */
  public Optional<Instant> metAt() {
    return state == CycleState.ACHIEVED ? stop : Optional.empty();
  }
}
