package dev.servicekit.kpi.staffing;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The staffing requirement of one planning interval.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the local start time of the interval
 * @param length the interval length
 * @param calls the forecast calls of the interval
 * @param requirement agents needed on the phones and scheduled, with their queue metrics
 * @param <M> the queue model's metrics type
 */
public record IntervalStaffing<M extends QueueMetrics>(
    LocalTime start, Duration length, double calls, StaffingRequirement<M> requirement) {

  /**
   * Checks the components for presence and range.
   *
   * @throws IllegalArgumentException naming the component if {@code length} is not positive or
   *     {@code calls} is negative, not finite or above {@link Workload#MAX_CALLS}
   */
  public IntervalStaffing {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(requirement, "requirement");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length " + length + " must be > 0");
    }
    if (!(calls >= 0 && calls <= Workload.MAX_CALLS)) {
      throw new IllegalArgumentException(
          "calls " + calls + " must be in [0, " + Workload.MAX_CALLS + "]");
    }
  }
}
