package dev.servicekit.qa.analytics;

/**
 * Mean of {@code n} scores with a two-sided Student t confidence interval.
 *
 * <p>{@link #reliable()} tells whether the interval is tight enough to act on: its half-width is at
 * most the configured tolerance. With {@code n < 2} the interval is unbounded and the summary never
 * reliable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count number of scores
 * @param mean the mean score
 * @param standardDeviation the sample standard deviation ({@code n - 1} denominator), 0 if n = 1
 * @param confidence the confidence level, e.g. 0.95
 * @param halfWidth half-width of the interval; infinite if {@code n < 2}
 * @param tolerance the largest half-width considered reliable
 */
public record ScoreSummary(
    long count,
    double mean,
    double standardDeviation,
    double confidence,
    double halfWidth,
    double tolerance) {

  /**
   * Validates the components, so a summary built in code is one {@link ScoreAccumulator#summary}
   * could return and {@link Trend#between} compares numbers, not NaN.
   *
   * @throws IllegalArgumentException naming the component: {@code count >= 1}, a finite {@code
   *     mean}, a finite {@code standardDeviation >= 0}, {@code confidence} in (0, 1), {@code
   *     halfWidth >= 0} (infinite allowed), {@code tolerance >= 0}
   */
  public ScoreSummary {
    if (count < 1) {
      throw new IllegalArgumentException("count " + count + " must be >= 1");
    }
    if (!Double.isFinite(mean)) {
      throw new IllegalArgumentException("mean " + mean + " must be finite");
    }
    if (!(standardDeviation >= 0 && standardDeviation < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "standardDeviation " + standardDeviation + " must be finite and >= 0");
    }
    ScoreAccumulator.checkConfidence(confidence);
    if (!(halfWidth >= 0)) {
      throw new IllegalArgumentException("halfWidth " + halfWidth + " must be >= 0");
    }
    ScoreAccumulator.checkTolerance(tolerance);
  }

  /**
   * Lower bound of the confidence interval.
   *
   * @return {@code mean - halfWidth}
   */
  public double lower() {
    return mean - halfWidth;
  }

  /**
   * Upper bound of the confidence interval.
   *
   * @return {@code mean + halfWidth}
   */
  public double upper() {
    return mean + halfWidth;
  }

  /**
   * Whether there are enough evaluations to trust the mean.
   *
   * @return {@code halfWidth <= tolerance}
   */
  public boolean reliable() {
    return halfWidth <= tolerance;
  }
}
