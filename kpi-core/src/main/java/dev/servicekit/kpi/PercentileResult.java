package dev.servicekit.kpi;

import java.util.OptionalDouble;

/**
 * The result of a {@link PercentileAccumulator}: median, p90 and p99 of a duration KPI, each within
 * the sketch's relative accuracy of the exact value of rank {@code floor(q (n - 1))} (the lower
 * value, see {@link PercentileAccumulator}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param count observations
 * @param relativeAccuracy the sketch's guaranteed relative error (e.g. 0.01)
 * @param medianMillis p50, empty when there are no observations
 * @param p90Millis p90, empty when there are no observations
 * @param p99Millis p99, empty when there are no observations
 */
public record PercentileResult(
    long count,
    double relativeAccuracy,
    OptionalDouble medianMillis,
    OptionalDouble p90Millis,
    OptionalDouble p99Millis) {

  /**
   * Checks the arguments.
   *
   * @throws NullPointerException if an optional is null
   */
  public PercentileResult {
    java.util.Objects.requireNonNull(medianMillis, "medianMillis");
    java.util.Objects.requireNonNull(p90Millis, "p90Millis");
    java.util.Objects.requireNonNull(p99Millis, "p99Millis");
  }
}
