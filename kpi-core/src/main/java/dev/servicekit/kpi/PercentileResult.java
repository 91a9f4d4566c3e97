package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.ResultChecks;
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
   * @throws IllegalArgumentException if {@code count} is negative, the accuracy is out of range,
   *     the percentiles are not present exactly when there are observations, or not finite, {@code
   *     >= 0} and in increasing order
   */
  public PercentileResult {
    java.util.Objects.requireNonNull(medianMillis, "medianMillis");
    java.util.Objects.requireNonNull(p90Millis, "p90Millis");
    java.util.Objects.requireNonNull(p99Millis, "p99Millis");
    ResultChecks.nonNegative("count", count);
    if (!(relativeAccuracy >= PercentileAccumulator.MIN_RELATIVE_ACCURACY
        && relativeAccuracy <= PercentileAccumulator.MAX_RELATIVE_ACCURACY)) {
      throw new IllegalArgumentException(
          "relativeAccuracy "
              + relativeAccuracy
              + " must be in ["
              + PercentileAccumulator.MIN_RELATIVE_ACCURACY
              + ", "
              + PercentileAccumulator.MAX_RELATIVE_ACCURACY
              + "]");
    }
    boolean any = count > 0;
    if (medianMillis.isPresent() != any
        || p90Millis.isPresent() != any
        || p99Millis.isPresent() != any) {
      throw new IllegalArgumentException(
          "the percentiles ("
              + medianMillis
              + ", "
              + p90Millis
              + ", "
              + p99Millis
              + ") must be present exactly when count ("
              + count
              + ") is not 0");
    }
    if (any
        && !(medianMillis.getAsDouble() >= 0
            && medianMillis.getAsDouble() <= p90Millis.getAsDouble()
            && p90Millis.getAsDouble() <= p99Millis.getAsDouble()
            && Double.isFinite(p99Millis.getAsDouble()))) {
      throw new IllegalArgumentException(
          "the percentiles "
              + medianMillis.getAsDouble()
              + ", "
              + p90Millis.getAsDouble()
              + ", "
              + p99Millis.getAsDouble()
              + " ms must be finite, >= 0 and in increasing order (p50 <= p90 <= p99)");
    }
  }
}
