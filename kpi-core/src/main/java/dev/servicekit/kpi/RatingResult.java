package dev.servicekit.kpi;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The result of a {@link RatingAccumulator}: CSAT, average rating, CES (average or top-box share).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param scale the scale
 * @param distribution the count of each rating, index 0 = {@code scale.min()}
 * @param count ratings received (unrated contacts are never added, so they are excluded)
 * @param sum the sum of ratings
 * @param satisfied ratings {@code >= scale.satisfiedFrom()}
 */
public record RatingResult(
    RatingScale scale, List<Long> distribution, long count, long sum, long satisfied) {

  /**
   * Copies the distribution.
   *
   * @throws NullPointerException if an argument is null
   */
  public RatingResult {
    java.util.Objects.requireNonNull(scale, "scale");
    distribution = List.copyOf(distribution);
  }

  /**
   * CSAT (or CES top-box share) in percent: {@code 100 * satisfied / count}.
   *
   * @return the share, empty when there are no ratings
   */
  public OptionalDouble satisfiedPercent() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * satisfied / count);
  }

  /**
   * Average rating: {@code sum / count}.
   *
   * @return the average, empty when there are no ratings
   */
  public OptionalDouble average() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sum / count);
  }
}
