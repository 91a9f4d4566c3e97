package dev.servicekit.qa.analytics;

import dev.servicekit.qa.internal.Distributions;

/**
 * A share of evaluations (e.g. passing a script, or landing in a band) with its Wilson score
 * interval (Wilson 1927; Newcombe 1998, method 3).
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits evaluations with the outcome
 * @param count evaluations counted, {@code >= hits}
 * @param share {@code hits / count}; NaN when {@code count == 0}
 * @param lower lower bound of the interval; NaN when {@code count == 0}
 * @param upper upper bound of the interval; NaN when {@code count == 0}
 * @param confidence the confidence level, in (0, 1)
 */
public record ShareEstimate(
    long hits, long count, double share, double lower, double upper, double confidence) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the counts are negative or hits exceed count, or the
   *     confidence is outside (0, 1)
   */
  public ShareEstimate {
    if (hits < 0 || count < hits) {
      throw new IllegalArgumentException(
          "hits " + hits + " and count " + count + " must satisfy 0 <= hits <= count");
    }
    ScoreAccumulator.checkConfidence(confidence);
  }

  /**
   * The Wilson score interval of {@code hits / count}, {@code O(1)}.
   *
   * @param hits evaluations with the outcome
   * @param count evaluations counted
   * @param confidence the confidence level, e.g. 0.95
   * @return the estimate (share and bounds NaN when count is 0)
   * @throws IllegalArgumentException if {@code 0 <= hits <= count} fails or the confidence is
   *     outside (0, 1)
   */
  public static ShareEstimate wilson(long hits, long count, double confidence) {
    if (hits < 0 || count < hits) {
      throw new IllegalArgumentException(
          "hits " + hits + " and count " + count + " must satisfy 0 <= hits <= count");
    }
    ScoreAccumulator.checkConfidence(confidence);
    if (count == 0) {
      return new ShareEstimate(0, 0, Double.NaN, Double.NaN, Double.NaN, confidence);
    }
    double z = Distributions.normalTwoSided(confidence);
    double n = count;
    double p = hits / n;
    double z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double lo = hits == 0 ? 0 : Math.max(0, centre - half);
    double hi = hits == count ? 1 : Math.min(1, centre + half);
    return new ShareEstimate(hits, count, p, lo, hi, confidence);
  }
}
