package dev.servicekit.qa.calibration;

/**
 * Level of measurement (difference function) of Krippendorff's alpha, as defined in Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability" (2011).
 *
 * <p>Immutable and thread-safe.
 */
public enum AlphaMetric {
  /** {@code delta^2 = 0} if equal, else 1. */
  NOMINAL,
  /**
   * {@code delta^2(c,k) = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2} over the ranked values, with
   * {@code n_g} the number of pairable values equal to {@code g}.
   */
  ORDINAL,
  /** {@code delta^2 = (c - k)^2}. */
  INTERVAL,
  /** {@code delta^2 = ((c - k) / (c + k))^2}. */
  RATIO
}
