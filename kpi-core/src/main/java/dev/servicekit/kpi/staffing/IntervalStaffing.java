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

  /** Checks the components for presence. */
  public IntervalStaffing {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(requirement, "requirement");
  }
}
