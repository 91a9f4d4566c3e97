package dev.servicekit.kpi.staffing;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The forecast for one planning interval of a day: when it starts and the work offered in it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the local start time of the interval
 * @param workload the calls, interval length and AHT forecast for the interval
 */
public record IntervalForecast(LocalTime start, Workload workload) {

  /** Checks the components for presence. */
  public IntervalForecast {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(workload, "workload");
  }

  /**
   * The forecast for the interval starting at {@code start}.
   *
   * @param start the local start time
   * @param workload the forecast work
   * @return the forecast
   */
  public static IntervalForecast of(LocalTime start, Workload workload) {
    return new IntervalForecast(start, workload);
  }
}
