package dev.servicekit.qa.sampling;

import dev.servicekit.qa.internal.Distributions;

/**
 * Sample size needed to estimate a proportion (e.g. the share of interactions failing a standard)
 * to a margin of error.
 *
 * <p>Cochran's formula with finite population correction: {@code n0 = z^2 p (1 - p) / e^2}, {@code
 * n = n0 N / (n0 + N - 1)}, rounded <em>up</em> so the requested precision is always met. This
 * equals Krejcie and Morgan's (1970) formula, whose table rounds to nearest instead.
 *
 * <p>Thread-safe; stateless.
 */
public final class SampleSize {

  private SampleSize() {}

  /**
   * The sample size, {@code O(1)}.
   *
   * @param population the population size {@code N >= 0}
   * @param marginOfError the half-width {@code e} of the interval for the proportion, in (0, 1)
   * @param confidence the confidence level, in (0, 1)
   * @param expectedProportion the expected proportion {@code p} in [0, 1]; 0.5 is the worst case
   * @return the sample size, in {@code [0, N]}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static long forProportion(
      long population, double marginOfError, double confidence, double expectedProportion) {
    if (population < 0) {
      throw new IllegalArgumentException("population " + population + " must be >= 0");
    }
    if (!(marginOfError > 0 && marginOfError < 1)) {
      throw new IllegalArgumentException("marginOfError " + marginOfError + " must be in (0, 1)");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence " + confidence + " must be in (0, 1)");
    }
    if (!(expectedProportion >= 0 && expectedProportion <= 1)) {
      throw new IllegalArgumentException(
          "expectedProportion " + expectedProportion + " must be in [0, 1]");
    }
    if (population == 0) {
      return 0;
    }
    double z = Distributions.normalTwoSided(confidence);
    double n0 =
        z * z * expectedProportion * (1 - expectedProportion) / (marginOfError * marginOfError);
    if (n0 == Double.POSITIVE_INFINITY) {
      // e^2 underflowed (a margin below about 1e-154): no sample short of the census meets it, and
      // n0 N / (n0 + N - 1) would be infinity / infinity
      return population;
    }
    double n = n0 * population / (n0 + population - 1);
    // guard against 277.0000000001 becoming 278 through floating noise
    long rounded = (long) Math.ceil(n - 1e-9);
    return Math.max(
        Math.min(rounded, population), expectedProportion > 0 && expectedProportion < 1 ? 1 : 0);
  }
}
