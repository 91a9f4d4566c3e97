package dev.servicekit.qa.analytics;

import dev.servicekit.qa.internal.Counts;
import dev.servicekit.qa.internal.Distributions;

/**
 * Mergeable running mean and variance of scores (Welford's update, Chan et al.'s merge).
 *
 * <p>Scores must be finite with {@code |score| <=} {@value #MAX_ABS_SCORE}: within that range the
 * mean, the sum of squared deviations and the standard deviation stay finite for any number of
 * scores (a QA score is 0 to 100, or a little more with bonus points), so nothing overflows
 * silently.
 *
 * <p>Mutable and <em>not</em> thread-safe: use one per thread and {@link #merge} them. {@link
 * #add(double)} is {@code O(1)} and allocation-free.
 */
public final class ScoreAccumulator {

  /**
   * The largest magnitude of a score, {@value}: {@code 2^63} scores spread over {@code [-1e100,
   * 1e100]} have a sum of squared deviations below {@code 1e221}, far from double overflow.
   */
  public static final double MAX_ABS_SCORE = 1e100;

  private long count;
  private double mean;
  private double m2;

  /** Creates an empty accumulator. */
  public ScoreAccumulator() {}

  /**
   * Adds a score, {@code O(1)}.
   *
   * @param score a finite score, {@code |score| <=} {@value #MAX_ABS_SCORE}
   * @throws IllegalArgumentException if the score is not finite or out of range
   * @throws ArithmeticException if the count would overflow a long (only after a restored or
   *     repeatedly merged count; nothing changes)
   */
  public void add(double score) {
    checkScore(score);
    count = Counts.add(count, 1, "score count");
    double delta = score - mean;
    mean += delta / count;
    m2 += delta * (score - mean);
  }

  /**
   * Adds all scores of another accumulator, {@code O(1)}; equivalent to adding them one by one (up
   * to floating-point rounding).
   *
   * @param other the other accumulator; unchanged
   * @throws ArithmeticException if the merged count would overflow a long (nothing changes)
   */
  public void merge(ScoreAccumulator other) {
    if (other.count == 0) {
      return;
    }
    long n = Counts.add(count, other.count, "score count");
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      return;
    }
    double delta = other.mean - mean;
    mean += delta * other.count / n;
    m2 += other.m2 + delta * delta * ((double) count * other.count / n);
    count = n;
  }

  /** Restores an accumulator's state, as read from a snapshot; validated first. */
  static ScoreAccumulator restore(long count, double mean, double m2) {
    if (count < 0
        || !(Math.abs(mean) <= MAX_ABS_SCORE)
        || !Double.isFinite(m2)
        || m2 < 0
        || (count == 0 && (mean != 0 || m2 != 0))) {
      throw new IllegalArgumentException(
          "score state count=" + count + " mean=" + mean + " m2=" + m2 + " is not consistent");
    }
    ScoreAccumulator a = new ScoreAccumulator();
    a.count = count;
    a.mean = mean;
    a.m2 = m2;
    return a;
  }

  double mean() {
    return mean;
  }

  double m2() {
    return m2;
  }

  /**
   * The number of scores.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * Summarises the scores with a Student t interval, {@code O(1)} (the t quantile costs a few
   * microseconds).
   *
   * @param confidence the confidence level in (0, 1), e.g. 0.95
   * @param tolerance the largest CI half-width considered reliable, {@code >= 0}
   * @return the summary
   * @throws IllegalStateException if no score was added
   * @throws IllegalArgumentException if confidence or tolerance is out of range
   */
  public ScoreSummary summary(double confidence, double tolerance) {
    checkConfidence(confidence);
    checkTolerance(tolerance);
    if (count == 0) {
      throw new IllegalStateException("no scores added");
    }
    if (count == 1) {
      return new ScoreSummary(1, mean, 0, confidence, Double.POSITIVE_INFINITY, tolerance);
    }
    double sd = Math.sqrt(Math.max(0, m2 / (count - 1)));
    double t = Distributions.studentTTwoSided(confidence, count - 1);
    return new ScoreSummary(count, mean, sd, confidence, t * sd / Math.sqrt(count), tolerance);
  }

  /** Rejects a score that is not finite or beyond {@link #MAX_ABS_SCORE}; changes nothing. */
  static void checkScore(double score) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score " + score + " must be finite");
    }
    if (Math.abs(score) > MAX_ABS_SCORE) {
      throw new IllegalArgumentException(
          "score " + score + " must be in [-" + MAX_ABS_SCORE + ", " + MAX_ABS_SCORE + "]");
    }
  }

  static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence " + confidence + " must be in (0, 1)");
    }
  }

  static void checkTolerance(double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance " + tolerance + " must be >= 0");
    }
  }
}
