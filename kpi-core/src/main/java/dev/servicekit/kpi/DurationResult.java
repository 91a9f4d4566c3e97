package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.ResultChecks;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of a {@link DurationAccumulator}: count and total of a duration KPI (first response
 * time, next response time, ASA, time to resolution, ...).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param count observations
 * @param totalMillis the sum of the observations in milliseconds
 */
public record DurationResult(long count, long totalMillis) {

  /**
   * Checks the components, as a {@link DurationAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative, or {@code totalMillis} is not 0 with no
   *     observations
   */
  public DurationResult {
    ResultChecks.nonNegative("count", count);
    ResultChecks.nonNegative("totalMillis", totalMillis);
    ResultChecks.zeroWithoutCount("count", count, "totalMillis", totalMillis);
  }

  /**
   * Returns the average in milliseconds: {@code totalMillis / count}.
   *
   * @return the average, empty when there are no observations
   */
  public OptionalDouble averageMillis() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) totalMillis / count);
  }

  /**
   * Returns the average rounded down to the millisecond.
   *
   * @return the average, empty when there are no observations
   */
  public Optional<Duration> average() {
    return count == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(totalMillis / count));
  }
}
