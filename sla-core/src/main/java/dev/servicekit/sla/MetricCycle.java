package dev.servicekit.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one cycle of one metric at an evaluation instant.
 *
 * <p>Business times ({@code elapsed}, {@code remaining}, {@code breachedBy}) are counted on the
 * metric's calendar, excluding paused time. The deadline is the earliest instant at which the
 * elapsed time reaches the target if the cycle keeps running; it is empty while the cycle is paused
 * or stopped before reaching it. The cycle is breached from the first running instant strictly
 * after the deadline, so a reply exactly at the deadline achieves it. A cycle breached on a closed
 * business day has {@code breachedBy} zero until business time passes.
 *
 * <p>A cycle stopped without an outcome (a call abandoned, or still ringing when the ticket is
 * solved) is {@link CycleState#CANCELLED} if it stopped within its target (at exactly the target
 * included), with no next transition; if it had already run past its target it is {@link
 * CycleState#BREACHED} (a missed call).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param metric the metric
 * @param cycle 0-based index of the cycle among the ticket's cycles of this metric, in start order
 *     (for answer time the index runs across all calls; {@code key} names the call)
 * @param key what the cycle is about: the call id for answer time, else empty
 * @param state state at the evaluation instant
 * @param start when the cycle started
 * @param stop when the cycle stopped, if it did
 * @param target the target in business time
 * @param deadline when the target is or will be reached, if known
 * @param breachedAt first instant of breach, if breached
 * @param elapsed business time counted so far
 * @param remaining {@code max(0, target - elapsed)}
 * @param breachedBy {@code max(0, elapsed - target)}
 * @param percentConsumed {@code 100 * elapsed / target}
 * @param warningPercent highest warning threshold reached, 0 if none
 * @param escalation highest escalation level reached, if any
 * @param policy name of the policy the target comes from
 */
public record MetricCycle(
    SlaMetric metric,
    int cycle,
    String key,
    CycleState state,
    Instant start,
    Optional<Instant> stop,
    Duration target,
    Optional<Instant> deadline,
    Optional<Instant> breachedAt,
    Duration elapsed,
    Duration remaining,
    Duration breachedBy,
    double percentConsumed,
    int warningPercent,
    Optional<EscalationLevel> escalation,
    String policy) {

  /** Checks the components for null. */
  public MetricCycle {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(breachedAt, "breachedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(remaining, "remaining");
    Objects.requireNonNull(breachedBy, "breachedBy");
    Objects.requireNonNull(escalation, "escalation");
    Objects.requireNonNull(policy, "policy");
  }
}
