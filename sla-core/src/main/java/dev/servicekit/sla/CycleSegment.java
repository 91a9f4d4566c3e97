package dev.servicekit.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One segment of a cycle's audit trail: a maximal stretch of time in which the cycle was running,
 * paused or stopped under one targeting. Segments are contiguous and ordered; a new one begins when
 * the cycle starts, pauses, resumes or stops, or when a re-target changes the policy, priority or
 * channel in force. See {@link SlaClock#auditTrail(SlaMetric, int, Instant)}.
 *
 * <p>The durations of a {@link MetricCycle} are sums over its trail: {@code elapsed} is the sum of
 * {@code business} over all segments (only running segments count business time), {@code
 * wallElapsed} the sum of {@code wall} over running and paused segments, {@code pausedTime} the sum
 * of {@code wall} over paused segments.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind whether the cycle was running, paused or stopped
 * @param from when the segment began
 * @param to when it ended, or the evaluation instant if it was still going on then
 * @param calendar key of the calendar the cycle's business time is counted on (the one the
 *     evaluation uses: after a re-target the whole cycle is measured on the new calendar)
 * @param business business time counted in the segment; zero unless running
 * @param wall wall-clock length {@code to - from}
 * @param openedBy id of the event that began the segment
 * @param closedBy id of the event that ended it, empty if it was still going on at the evaluation
 *     instant
 * @param policy the policy in force during the segment
 * @param target the target in force during the segment, empty if that targeting had none (a
 *     re-target shows as a change of {@code target} or {@code policy} between segments)
 */
public record CycleSegment(
    Kind kind,
    Instant from,
    Instant to,
    String calendar,
    Duration business,
    Duration wall,
    String openedBy,
    Optional<String> closedBy,
    String policy,
    Optional<Duration> target) {

  /** What the cycle was doing during a segment. */
  public enum Kind {
    /** Counting: business time accrues on the calendar (nothing while the calendar is closed). */
    RUNNING,
    /** Open but in a pause status: no business time accrues. */
    PAUSED,
    /** Stopped: after the cycle's end, or between a stop and a resume. */
    STOPPED
  }

  /**
   * Checks the components for null and for order.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}, or either is outside
   *     {@link BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END}
   *     (exclusive), where every clock's instants lie
   */
  public CycleSegment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(business, "business");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(openedBy, "openedBy");
    Objects.requireNonNull(closedBy, "closedBy");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(target, "target");
    BusinessCalendar.second(from, "from");
    BusinessCalendar.second(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("segment to " + to + " is before from " + from);
    }
  }
}
