package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.internal.Durations.seconds;

import dev.servicekit.kpi.staffing.internal.ExactTraffic;
import java.time.Duration;
import java.util.Objects;

/**
 * Offered work for one interval: how many contacts arrive in an interval of a given length, and
 * their average handle time (talk + hold + after-call work). Its {@linkplain #trafficErlangs()
 * traffic} is {@code calls * AHT / interval} Erlangs.
 *
 * <p>Example: 100 calls in 30 minutes at 180 s AHT is 10 Erlangs.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Bounds: at most {@value #MAX_CALLS} calls per interval and an AHT of at most 24 hours ({@link
 * #MAX_AVERAGE_HANDLE_TIME}). Beyond them no interval a {@link StaffingPlan} accepts (at most a day
 * long) could be planned within {@link ErlangC#MAX_TRAFFIC_ERLANGS} Erlangs and {@link
 * ErlangC#MAX_AGENTS} agents at any realistic handle time, so such a value is refused where it is
 * given rather than when a plan is made.
 *
 * @param calls expected arrivals in the interval, finite, {@code >= 0} and {@code <= MAX_CALLS}
 *     (fractional forecasts allowed)
 * @param interval the interval length, {@code > 0}
 * @param averageHandleTime the mean handle time per contact, {@code > 0} and {@code <=
 *     MAX_AVERAGE_HANDLE_TIME}
 */
public record Workload(double calls, Duration interval, Duration averageHandleTime) {

  /**
   * Most calls accepted in one interval, {@value}: a million Erlangs (the traffic limit of {@link
   * ErlangC}) over a day-long interval at an AHT of 86.4 s.
   */
  public static final double MAX_CALLS = 1e9;

  /** Longest accepted average handle time: 24 hours, the longest interval of a plan. */
  public static final Duration MAX_AVERAGE_HANDLE_TIME = Duration.ofHours(24);

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component breaks its rule
   */
  public Workload {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(averageHandleTime, "averageHandleTime");
    if (!Double.isFinite(calls) || calls < 0) {
      throw new IllegalArgumentException("calls " + calls + " must be finite and >= 0");
    }
    if (calls > MAX_CALLS) {
      throw new IllegalArgumentException(
          "calls " + calls + " must be <= " + MAX_CALLS + " (Workload.MAX_CALLS) per interval");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval " + interval + " must be > 0");
    }
    if (averageHandleTime.isNegative() || averageHandleTime.isZero()) {
      throw new IllegalArgumentException("averageHandleTime " + averageHandleTime + " must be > 0");
    }
    if (averageHandleTime.compareTo(MAX_AVERAGE_HANDLE_TIME) > 0) {
      throw new IllegalArgumentException(
          "averageHandleTime "
              + averageHandleTime
              + " must be <= "
              + MAX_AVERAGE_HANDLE_TIME
              + " (Workload.MAX_AVERAGE_HANDLE_TIME)");
    }
    // -0.0 (a CRM's -1 * 0.0) is no call: one zero, as StaffingJson reads it and equals compares
    calls += 0.0;
  }

  /**
   * A workload of {@code calls} arrivals per {@code interval} with the given average handle time.
   *
   * @param calls expected arrivals in the interval, finite, {@code >= 0} and {@code <= MAX_CALLS}
   * @param interval the interval length, {@code > 0}
   * @param averageHandleTime the mean handle time, {@code > 0} and {@code <=
   *     MAX_AVERAGE_HANDLE_TIME}
   * @return the workload
   * @throws IllegalArgumentException if an argument breaks its rule
   */
  public static Workload of(double calls, Duration interval, Duration averageHandleTime) {
    return new Workload(calls, interval, averageHandleTime);
  }

  /**
   * Offered traffic in Erlangs, {@code calls * AHT / interval}: the average number of agents busy
   * with this work, correctly rounded from the exact product and quotient (AHT and interval taken
   * to the nanosecond). O(1); a few {@code BigDecimal} operations in rare near-tie cases.
   *
   * @return the traffic, {@code >= 0}
   */
  public double trafficErlangs() {
    return ExactTraffic.erlangs(calls, averageHandleTime, interval);
  }

  /**
   * Arrival rate in contacts per second, {@code calls / interval}. O(1).
   *
   * @return the arrival rate, {@code >= 0}
   */
  public double callsPerSecond() {
    return calls / seconds(interval);
  }
}
