package dev.servicekit.qa.analytics;

import dev.servicekit.qa.internal.Counts;
import dev.servicekit.qa.internal.Distributions;
import java.util.Objects;

/**
 * Mergeable running mean and variance of scores (Welford's update, Chan et al.'s merge).
 *
 * <p>Scores must be finite with {@code |score| <=} {@value #MAX_ABS_SCORE}: within that range the
 * mean, the sum of squared deviations and the standard deviation stay finite for any number of
 * scores (a QA score is 0 to 100, or a little more with bonus points), so nothing overflows
 * silently.
 *
 * <p>Mutable and <em>not</em> thread-safe: use one per thread and {@link #merge} them. {@link
 * #add(double)} and {@link #retract(double)} are {@code O(1)} and allocation-free.
 */
public final class ScoreAccumulator {

  /**
   * The largest magnitude of a score, {@value}: {@code 2^63} scores spread over {@code [-1e100,
   * 1e100]} have a sum of squared deviations below {@code 1e221}, far from double overflow.
   */
  public static final double MAX_ABS_SCORE = 1e100;

  /** Relative rounding allowance of {@link #retract(double)}'s checks. */
  private static final double SLACK = 1e-9;

  private long count;
  private double mean;
  private double m2;

  /**
   * The largest magnitude of any score added since the accumulator was last empty (retracted ones
   * included): the scale of the rounding error in {@link #mean} and {@link #m2}, so {@link
   * #retract(double)} tells rounding from a score that was never added.
   */
  private double scale;

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
    scale = Math.max(scale, Math.abs(score));
    double delta = score - mean;
    mean += delta / count;
    m2 += delta * (score - mean);
  }

  /**
   * Removes one score that was added, {@code O(1)}: the inverse of {@link #add(double)} (Welford's
   * update run backwards), for a revised or withdrawn score.
   *
   * <p>Feeding each score once and retracting only what was added is the caller's duty: an
   * accumulator keeps no list of its scores. It refuses the retractions that no held score can
   * explain: with no score held; a score farther from 0 than any added since the accumulator was
   * last empty (their largest magnitude {@code s} is kept, and written in snapshots, for this);
   * with one held, a score other than it; with two or more, a score so far from the mean that
   * removing it would leave a negative sum of squared deviations, or, when one score would be left,
   * a nonzero one. These checks allow for rounding relative to {@code s}: a single score must be
   * within {@code 1e-9 s} of the one held, and a sum of squared deviations is taken as 0 within
   * {@code 1e-9 n s^2} for {@code n} scores held. That is far above the error of Welford's updates
   * and, for QA scores (0 to 100), far below the difference of two scores in hundredths; a
   * retraction within it of a score that was never added is not detected.
   *
   * <p>Removing the last score leaves exactly the empty state, and removing down to one leaves a
   * sum of squared deviations of exactly 0. Otherwise the sum of squared deviations is clamped at 0
   * when rounding takes it within the tolerance below 0, so a variance is never negative. After
   * {@code add(x)} then {@code retract(x)} the count is exact, and mean and variance equal those
   * before up to floating-point rounding.
   *
   * @param score the score, as it was added
   * @throws IllegalArgumentException if the score is not finite or out of range, or no held score
   *     can explain it, as above (nothing changes)
   */
  public void retract(double score) {
    checkScore(score);
    if (count == 0) {
      throw new IllegalArgumentException("cannot retract score " + score + ": no score is held");
    }
    if (Math.abs(score) > scale) {
      throw new IllegalArgumentException(
          "cannot retract score "
              + score
              + ": no score added was that far from 0 (the largest magnitude is "
              + scale
              + ")");
    }
    if (count == 1) {
      if (!(Math.abs(score - mean) <= SLACK * scale)) {
        throw new IllegalArgumentException(
            "cannot retract score " + score + ": the one score held is " + mean);
      }
      count = 0;
      mean = 0;
      m2 = 0;
      scale = 0;
      return;
    }
    long n = count - 1;
    double delta = score - mean;
    double newMean = mean - delta / n;
    double newM2 = m2 - delta * (score - newMean);
    double slack = SLACK * count * scale * scale;
    if ((n == 1 ? !(Math.abs(newM2) <= slack) : !(newM2 >= -slack))
        || !(Math.abs(newMean) <= scale * (1 + SLACK))) {
      throw new IllegalArgumentException(
          "cannot retract score "
              + score
              + ": no "
              + count
              + " scores with mean "
              + mean
              + " and standard deviation "
              + Math.sqrt(m2 / (count - 1))
              + " hold it");
    }
    count = n;
    mean = newMean;
    m2 = n == 1 ? 0 : Math.max(0, newM2);
  }

  /**
   * Adds all scores of another accumulator, {@code O(1)}; equivalent to adding them one by one (up
   * to floating-point rounding).
   *
   * @param other the other accumulator; unchanged
   * @throws ArithmeticException if the merged count would overflow a long (nothing changes)
   */
  public void merge(ScoreAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (other.count == 0) {
      return;
    }
    long n = Counts.add(count, other.count, "score count");
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      scale = other.scale;
      return;
    }
    scale = Math.max(scale, other.scale);
    double delta = other.mean - mean;
    mean += delta * other.count / n;
    m2 += other.m2 + delta * delta * ((double) count * other.count / n);
    count = n;
  }

  /**
   * Restores a state written before scores could be retracted (snapshot version 1): every score
   * added is still held, so none is farther from 0 than {@code |mean| + sqrt(m2)}.
   */
  static ScoreAccumulator restore(long count, double mean, double m2) {
    double scale = Math.abs(mean) + Math.sqrt(m2);
    return restore(count, mean, m2, Double.isFinite(scale) ? Math.min(scale, MAX_ABS_SCORE) : 0);
  }

  /** Restores an accumulator's state, as read from a snapshot; validated first. */
  static ScoreAccumulator restore(long count, double mean, double m2, double scale) {
    // the mean may exceed the scale by the rounding that retract(double) allows (1e-9 of it)
    if (count < 0
        || !(Math.abs(mean) <= MAX_ABS_SCORE * (1 + SLACK))
        || !Double.isFinite(m2)
        || m2 < 0
        || !(scale >= 0 && scale <= MAX_ABS_SCORE)
        || !(Math.abs(mean) <= scale * (1 + SLACK))
        || (count == 0 && (mean != 0 || m2 != 0 || scale != 0))) {
      throw new IllegalArgumentException(
          "score state count="
              + count
              + " mean="
              + mean
              + " m2="
              + m2
              + " scale="
              + scale
              + " is not consistent");
    }
    ScoreAccumulator a = new ScoreAccumulator();
    a.count = count;
    a.mean = mean;
    a.m2 = m2;
    a.scale = scale;
    return a;
  }

  double mean() {
    return mean;
  }

  double m2() {
    return m2;
  }

  double scale() {
    return scale;
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
