package dev.servicekit.qa.calibration;

/**
 * Disagreement weights of weighted Cohen's kappa for ordered categories {@code i, j} out of {@code
 * k}.
 *
 * <p>Immutable and thread-safe.
 */
public enum KappaWeights {
  /** {@code |i - j| / (k - 1)}. */
  LINEAR,
  /** {@code ((i - j) / (k - 1))^2}. */
  QUADRATIC;

  double weight(int i, int j, int k) {
    double d = Math.abs(i - j) / (double) (k - 1);
    return this == LINEAR ? d : d * d;
  }
}
