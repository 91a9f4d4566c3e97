package dev.servicekit.qa.internal;

import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Quantiles of the Student t, standard normal and F distributions, delegated to Apache Commons
 * Statistics (which replaced a hand-written incomplete-beta/gamma and bisection implementation).
 * Not API.
 */
public final class Distributions {

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private Distributions() {}

  /**
   * Quantile of Student's t, for {@code p} in (0.5, 1).
   *
   * @param p probability
   * @param df degrees of freedom, {@code > 0}
   * @return t with P(T &lt;= t) = p
   * @throws IllegalArgumentException if {@code p} is outside (0.5, 1) or {@code df <= 0}
   */
  public static double studentTQuantile(double p, double df) {
    checkUpperHalf(p);
    checkDegrees(df);
    // Commons' inverse survival function is accurate in the far upper tail.
    return TDistribution.of(df).inverseSurvivalProbability(1 - p);
  }

  /**
   * Quantile of the standard normal, for {@code p} in (0.5, 1).
   *
   * @param p probability
   * @return z with P(Z &lt;= z) = p
   * @throws IllegalArgumentException if {@code p} is outside (0.5, 1)
   */
  public static double normalQuantile(double p) {
    checkUpperHalf(p);
    return STANDARD_NORMAL.inverseSurvivalProbability(1 - p);
  }

  /**
   * The two-sided critical value of the standard normal for a confidence level: z with {@code P(|Z|
   * <= z) = confidence}. Computed from the upper tail {@code (1 - confidence) / 2}, which is exact
   * for a confidence of 0.5 or more and never rounds to 0, so every confidence in (0, 1) has one
   * ({@code (1 + confidence) / 2} rounds to 1 above {@code 1 - 2^-53}).
   *
   * @param confidence the confidence level, in (0, 1)
   * @return z, {@code >= 0}
   * @throws IllegalArgumentException if {@code confidence} is outside (0, 1)
   */
  public static double normalTwoSided(double confidence) {
    return STANDARD_NORMAL.inverseSurvivalProbability(upperTail(confidence));
  }

  /**
   * The two-sided critical value of Student's t for a confidence level: t with {@code P(|T| <= t) =
   * confidence}, from the upper tail as {@link #normalTwoSided(double)}.
   *
   * @param confidence the confidence level, in (0, 1)
   * @param df degrees of freedom, {@code > 0}
   * @return t, {@code >= 0}
   * @throws IllegalArgumentException if {@code confidence} is outside (0, 1) or {@code df <= 0}
   */
  public static double studentTTwoSided(double confidence, double df) {
    double tail = upperTail(confidence);
    checkDegrees(df);
    return TDistribution.of(df).inverseSurvivalProbability(tail);
  }

  /**
   * The upper critical value of the F distribution for a two-sided interval at a confidence level:
   * f with {@code P(F > f) = (1 - confidence) / 2}, from the upper tail as {@link
   * #normalTwoSided(double)}, so it is finite for every confidence in (0, 1).
   *
   * @param confidence the confidence level, in (0, 1)
   * @param df1 numerator degrees of freedom, {@code > 0}
   * @param df2 denominator degrees of freedom, {@code > 0}
   * @return f
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static double fTwoSidedUpper(double confidence, double df1, double df2) {
    double tail = upperTail(confidence);
    checkDegrees(df1, df2);
    return FDistribution.of(df1, df2).inverseSurvivalProbability(tail);
  }

  private static double upperTail(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence " + confidence + " must be in (0, 1)");
    }
    return (1 - confidence) / 2;
  }

  /**
   * Quantile of the F distribution.
   *
   * @param p probability in (0, 1)
   * @param df1 numerator degrees of freedom, {@code > 0}
   * @param df2 denominator degrees of freedom, {@code > 0}
   * @return f with P(F &lt;= f) = p
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static double fQuantile(double p, double df1, double df2) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability " + p + " must be in (0, 1)");
    }
    checkDegrees(df1, df2);
    return FDistribution.of(df1, df2).inverseCumulativeProbability(p);
  }

  private static void checkDegrees(double df) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("degrees of freedom " + df + " must be > 0");
    }
  }

  private static void checkDegrees(double df1, double df2) {
    if (!(df1 > 0) || !(df2 > 0)) {
      throw new IllegalArgumentException(
          "degrees of freedom " + df1 + ", " + df2 + " must both be > 0");
    }
  }

  private static void checkUpperHalf(double p) {
    if (!(p > 0.5 && p < 1)) {
      throw new IllegalArgumentException("probability " + p + " must be in (0.5, 1)");
    }
  }
}
