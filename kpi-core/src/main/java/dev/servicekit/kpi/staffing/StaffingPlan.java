package dev.servicekit.kpi.staffing;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A day's staffing plan: the requirement of every forecast interval (15, 30 or 60 minutes, or any
 * length that divides the day), computed independently per interval with {@link ErlangC} or {@link
 * ErlangA} under one {@link StaffingTarget}.
 *
 * <p>Forecast rules, checked up front with the offending index in the message: at least one
 * interval; every interval has the same length, which divides 24 hours; every start is a multiple
 * of that length after midnight; starts strictly increase (gaps are allowed, e.g. closed hours).
 *
 * <p>Immutable and thread-safe.
 *
 * @param intervalLength the common interval length
 * @param intervals the per-interval requirements, in start order
 * @param <M> the queue model's metrics type
 */
public record StaffingPlan<M extends QueueMetrics>(
    Duration intervalLength, List<IntervalStaffing<M>> intervals) {

  private static final Duration DAY = Duration.ofDays(1);

  /**
   * Whether {@code length} is a planning interval: positive, and dividing 24 hours exactly (the
   * rule of the plan, of its forecast and of {@link StaffingJson}'s forecast).
   */
  static boolean dividesDay(Duration length) {
    return !length.isNegative()
        && !length.isZero()
        && length.compareTo(DAY) <= 0
        && DAY.toNanos() % length.toNanos() == 0;
  }

  /**
   * Checks and copies the interval list: a plan built here holds the rules the factories {@link
   * #erlangC} and {@link #erlangA} (the usual way to build a plan) check on the forecast (see the
   * class comment).
   *
   * @throws IllegalArgumentException if {@code intervalLength} does not divide 24 hours, the list
   *     is empty, an interval has another length or a start off the grid of {@code intervalLength},
   *     or the starts do not strictly increase; the message names the component ({@code
   *     intervals[2].start}) and the rule
   */
  public StaffingPlan {
    Objects.requireNonNull(intervalLength, "intervalLength");
    intervals = List.copyOf(intervals);
    if (!dividesDay(intervalLength)) {
      throw new IllegalArgumentException(
          "intervalLength " + intervalLength + " must divide 24 hours (e.g. PT15M, PT30M)");
    }
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("intervals must not be empty");
    }
    long lengthNanos = intervalLength.toNanos();
    LocalTime previous = null;
    for (int i = 0; i < intervals.size(); i++) {
      IntervalStaffing<M> in = intervals.get(i);
      if (!in.length().equals(intervalLength)) {
        throw new IllegalArgumentException(
            "intervals[" + i + "].length " + in.length() + " must be " + intervalLength);
      }
      if (in.start().toNanoOfDay() % lengthNanos != 0) {
        throw new IllegalArgumentException(
            "intervals["
                + i
                + "].start "
                + in.start()
                + " must be a multiple of "
                + intervalLength
                + " after midnight");
      }
      if (previous != null && !in.start().isAfter(previous)) {
        throw new IllegalArgumentException(
            "intervals["
                + i
                + "].start "
                + in.start()
                + " must be after intervals["
                + (i - 1)
                + "].start "
                + previous);
      }
      previous = in.start();
    }
  }

  /**
   * Plans every interval with Erlang C. O(sum of agents over the intervals).
   *
   * @param forecast the day's intervals
   * @param target the service level, occupancy cap and shrinkage
   * @return the plan
   * @throws IllegalArgumentException if the forecast breaks a rule (see the class comment), or an
   *     interval cannot be planned (e.g. its traffic exceeds {@link ErlangC#MAX_TRAFFIC_ERLANGS} or
   *     its scheduled agents {@code Integer.MAX_VALUE}): the message starts with {@code
   *     intervals[i] starting HH:mm: }
   */
  public static StaffingPlan<ErlangCResult> erlangC(
      List<IntervalForecast> forecast, StaffingTarget target) {
    Objects.requireNonNull(target, "target");
    Duration length = checkForecast(forecast);
    List<IntervalStaffing<ErlangCResult>> out = new ArrayList<>(forecast.size());
    for (int i = 0; i < forecast.size(); i++) {
      IntervalForecast f = forecast.get(i);
      StaffingRequirement<ErlangCResult> r;
      try {
        r = ErlangC.requiredAgents(f.workload(), target);
      } catch (IllegalArgumentException e) {
        throw atInterval(i, f, e);
      }
      out.add(new IntervalStaffing<>(f.start(), length, f.workload().calls(), r));
    }
    return new StaffingPlan<>(length, out);
  }

  /**
   * Plans every interval with Erlang A. O(sum of N log N over the intervals).
   *
   * @param forecast the day's intervals
   * @param averagePatience the callers' mean patience
   * @param target the service level, occupancy cap and shrinkage
   * @return the plan
   * @throws IllegalArgumentException if the forecast breaks a rule (see the class comment), or an
   *     interval cannot be planned: the message starts with {@code intervals[i] starting HH:mm: }
   */
  public static StaffingPlan<ErlangAResult> erlangA(
      List<IntervalForecast> forecast, Duration averagePatience, StaffingTarget target) {
    Objects.requireNonNull(averagePatience, "averagePatience");
    Objects.requireNonNull(target, "target");
    Duration length = checkForecast(forecast);
    List<IntervalStaffing<ErlangAResult>> out = new ArrayList<>(forecast.size());
    for (int i = 0; i < forecast.size(); i++) {
      IntervalForecast f = forecast.get(i);
      StaffingRequirement<ErlangAResult> r;
      try {
        r = ErlangA.requiredAgents(f.workload(), averagePatience, target);
      } catch (IllegalArgumentException e) {
        throw atInterval(i, f, e);
      }
      out.add(new IntervalStaffing<>(f.start(), length, f.workload().calls(), r));
    }
    return new StaffingPlan<>(length, out);
  }

  /**
   * The largest number of agents needed on the phones in any interval. O(intervals).
   *
   * @return the peak, {@code >= 0}
   */
  public int peakAgents() {
    int peak = 0;
    for (IntervalStaffing<M> i : intervals) {
      peak = Math.max(peak, i.requirement().agents());
    }
    return peak;
  }

  /**
   * The largest number of agents to schedule (after shrinkage) in any interval. O(intervals).
   *
   * @return the peak, {@code >= 0}
   */
  public int peakScheduledAgents() {
    int peak = 0;
    for (IntervalStaffing<M> i : intervals) {
      peak = Math.max(peak, i.requirement().scheduledAgents());
    }
    return peak;
  }

  /**
   * Scheduled agent time over the day: the sum of scheduled agents times the interval length
   * ("agent hours" to roster). O(intervals).
   *
   * @return the total, {@code >= 0}
   */
  public Duration scheduledAgentTime() {
    long agentIntervals = 0;
    for (IntervalStaffing<M> i : intervals) {
      agentIntervals += i.requirement().scheduledAgents();
    }
    return intervalLength.multipliedBy(agentIntervals);
  }

  /**
   * The day's service level: the call-weighted mean of the interval service levels, i.e. the
   * fraction of the day's forecast calls answered within the threshold (1 if no calls).
   * O(intervals).
   *
   * @return the day's service level in [0, 1]
   */
  public double serviceLevel() {
    double calls = 0;
    double answered = 0;
    for (IntervalStaffing<M> i : intervals) {
      calls += i.calls();
      answered += i.calls() * i.requirement().metrics().serviceLevel();
    }
    return calls == 0 ? 1 : answered / calls;
  }

  /** The queue model's refusal of one interval, with the interval's index and start in front. */
  private static IllegalArgumentException atInterval(
      int i, IntervalForecast f, IllegalArgumentException e) {
    return new IllegalArgumentException(
        "intervals[" + i + "] starting " + f.start() + ": " + e.getMessage(), e);
  }

  static Duration checkForecast(List<IntervalForecast> forecast) {
    Objects.requireNonNull(forecast, "forecast");
    if (forecast.isEmpty()) {
      throw new IllegalArgumentException("intervals must not be empty");
    }
    for (int i = 0; i < forecast.size(); i++) {
      Objects.requireNonNull(forecast.get(i), "intervals[" + i + "]");
    }
    Duration length = forecast.get(0).workload().interval();
    if (!dividesDay(length)) {
      throw new IllegalArgumentException(
          "intervals[0].workload.interval " + length + " must divide 24 hours (e.g. PT15M, PT30M)");
    }
    long lengthNanos = length.toNanos();
    LocalTime previous = null;
    for (int i = 0; i < forecast.size(); i++) {
      IntervalForecast f = forecast.get(i);
      Duration own = f.workload().interval();
      if (!own.equals(length)) {
        throw new IllegalArgumentException(
            "intervals["
                + i
                + "].workload.interval "
                + own
                + " must equal the plan's interval length "
                + length);
      }
      if (f.start().toNanoOfDay() % lengthNanos != 0) {
        throw new IllegalArgumentException(
            "intervals["
                + i
                + "].start "
                + f.start()
                + " must be a multiple of "
                + length
                + " after midnight");
      }
      if (previous != null && !f.start().isAfter(previous)) {
        throw new IllegalArgumentException(
            "intervals["
                + i
                + "].start "
                + f.start()
                + " must be after intervals["
                + (i - 1)
                + "].start "
                + previous);
      }
      previous = f.start();
    }
    return length;
  }
}
