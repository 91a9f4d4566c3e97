package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Percent;
import dev.servicekit.kpi.internal.ResultChecks;
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
   * Copies the distribution and checks the components against it, as a {@link RatingAccumulator}'s
   * result holds them. O(points).
   *
   * @throws NullPointerException if an argument or a count of the distribution is null
   * @throws IllegalArgumentException if the distribution does not have a count per point of the
   *     scale, a count is negative, or {@code count}, {@code sum} or {@code satisfied} is not what
   *     the distribution gives
   */
  public RatingResult {
    java.util.Objects.requireNonNull(scale, "scale");
    distribution = List.copyOf(java.util.Objects.requireNonNull(distribution, "distribution"));
    if (distribution.size() != scale.points()) {
      throw new IllegalArgumentException(
          "distribution has "
              + distribution.size()
              + " counts but the scale "
              + scale.min()
              + ".."
              + scale.max()
              + " has "
              + scale.points()
              + " points");
    }
    long n = 0;
    long top = 0;
    java.math.BigInteger total = java.math.BigInteger.ZERO;
    for (int i = 0; i < distribution.size(); i++) {
      long c = distribution.get(i);
      ResultChecks.nonNegative("distribution[" + i + "]", c);
      ResultChecks.sumFits("distribution", n, c);
      n += c;
      if (i + (long) scale.min() >= scale.satisfiedFrom()) {
        top += c;
      }
      if (c != 0) {
        total =
            total.add(
                java.math.BigInteger.valueOf(c)
                    .multiply(java.math.BigInteger.valueOf(i + (long) scale.min())));
      }
    }
    if (count != n || satisfied != top || !total.equals(java.math.BigInteger.valueOf(sum))) {
      throw new IllegalArgumentException(
          "count "
              + count
              + ", sum "
              + sum
              + " and satisfied "
              + satisfied
              + " must be those of the distribution: "
              + n
              + ", "
              + total
              + " and "
              + top);
    }
  }

  /**
   * CSAT (or CES top-box share) in percent: {@code 100 * satisfied / count}.
   *
   * @return the share, empty when there are no ratings
   */
  public OptionalDouble satisfiedPercent() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(Percent.of(satisfied, count));
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
