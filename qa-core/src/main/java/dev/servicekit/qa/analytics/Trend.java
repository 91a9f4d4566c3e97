package dev.servicekit.qa.analytics;

import dev.servicekit.qa.internal.Distributions;
import java.util.Objects;

/**
 * Change between two periods: of the mean score (Welch t interval) or of a share of evaluations
 * (Newcombe's hybrid score interval).
 *
 * <p>Immutable and thread-safe.
 *
 * @param delta {@code after.mean - before.mean}, or {@code after.share - before.share}
 * @param lower lower bound of the interval for the change
 * @param upper upper bound of the interval for the change
 * @param direction {@link Direction#UP} or {@link Direction#DOWN} when the interval excludes 0
 */
public record Trend(double delta, double lower, double upper, Direction direction) {

  /** Whether a change is distinguishable from noise. */
  public enum Direction {
    /** Improved: the whole interval is above 0. */
    UP,
    /** Worsened: the whole interval is below 0. */
    DOWN,
    /** The interval contains 0. */
    FLAT,
    /** A period has too few evaluations (scores: fewer than two; shares: none) for an interval. */
    INSUFFICIENT_DATA
  }

  /** Validates the components. */
  public Trend {
    Objects.requireNonNull(direction, "direction");
  }

  /**
   * Compares two periods, {@code O(1)}.
   *
   * @param before the earlier period
   * @param after the later period
   * @param confidence the confidence level, e.g. 0.95
   * @return the trend
   */
  public static Trend between(ScoreSummary before, ScoreSummary after, double confidence) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    ScoreAccumulator.checkConfidence(confidence);
    double delta = after.mean() - before.mean();
    if (before.count() < 2 || after.count() < 2) {
      return new Trend(
          delta, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Direction.INSUFFICIENT_DATA);
    }
    // Standard errors of the means and Welch-Satterthwaite's df = (v1 + v2)^2 / (v1^2 / (n1 - 1) +
    // v2^2 / (n2 - 1)) with v = se^2, written with the shares se1^2 / se^2 in [0, 1]: the squares
    // of squares overflowed for spreads near 1e77 (scores within 1e100 are accepted) and
    // underflowed near 1e-77, making df NaN and the call an IllegalArgumentException.
    double se1 = before.standardDeviation() / Math.sqrt(before.count());
    double se2 = after.standardDeviation() / Math.sqrt(after.count());
    double se = Math.hypot(se1, se2);
    double half;
    if (se == 0) {
      half = 0;
    } else {
      double r1 = (se1 / se) * (se1 / se);
      double r2 = (se2 / se) * (se2 / se);
      double df = 1 / (r1 * r1 / (before.count() - 1) + r2 * r2 / (after.count() - 1));
      half = Distributions.studentTTwoSided(confidence, df) * se;
    }
    double lo = delta - half;
    double hi = delta + half;
    Direction d = lo > 0 ? Direction.UP : hi < 0 ? Direction.DOWN : Direction.FLAT;
    return new Trend(delta, lo, hi, d);
  }

  /**
   * Compares a share between two periods with Newcombe's (1998) hybrid score interval for the
   * difference of independent proportions (method 10, built from the two Wilson intervals), {@code
   * O(1)}.
   *
   * @param before the earlier period's share
   * @param after the later period's share
   * @param confidence the confidence level, e.g. 0.95
   * @return the trend of {@code after.share - before.share}; {@link Direction#INSUFFICIENT_DATA}
   *     (delta NaN) when a period has no evaluations
   */
  public static Trend betweenShares(ShareEstimate before, ShareEstimate after, double confidence) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    ScoreAccumulator.checkConfidence(confidence);
    if (before.count() == 0 || after.count() == 0) {
      return new Trend(
          Double.NaN,
          Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          Direction.INSUFFICIENT_DATA);
    }
    ShareEstimate b = ShareEstimate.wilson(before.hits(), before.count(), confidence);
    ShareEstimate a = ShareEstimate.wilson(after.hits(), after.count(), confidence);
    double delta = a.share() - b.share();
    double lo = delta - Math.sqrt(sq(a.share() - a.lower()) + sq(b.upper() - b.share()));
    double hi = delta + Math.sqrt(sq(a.upper() - a.share()) + sq(b.share() - b.lower()));
    Direction d = lo > 0 ? Direction.UP : hi < 0 ? Direction.DOWN : Direction.FLAT;
    return new Trend(delta, lo, hi, d);
  }

  private static double sq(double x) {
    return x * x;
  }
}
