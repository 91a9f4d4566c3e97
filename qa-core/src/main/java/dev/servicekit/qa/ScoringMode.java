package dev.servicekit.qa;

/**
 * How a checklist turns criterion answers into a 0-100 score. In every mode N/A criteria leave both
 * numerator and denominator.
 *
 * <p>Immutable and thread-safe.
 */
public enum ScoringMode {
  /** {@code 100 * sum(points) / sum(maxPoints)}; criterion weights are ignored. */
  TOTAL_POINTS,
  /** {@code 100 * sum(weight * points / maxPoints) / sum(weight)}. */
  WEIGHTED_CRITERIA,
  /**
   * Each section scores as in {@link #WEIGHTED_CRITERIA}; the total is the section-weight average
   * of the section scores. Section weights must add up to exactly 100; sections that are entirely
   * N/A are left out and the remaining weights renormalised.
   */
  WEIGHTED_SECTIONS
}
