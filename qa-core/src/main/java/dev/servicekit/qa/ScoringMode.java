package dev.servicekit.qa;

/**
 * How a checklist turns criterion answers into a 0-100 score. In every mode N/A criteria leave both
 * numerator and denominator, and section weights are proportions of any positive total (they are
 * normalised exactly, so {@code 1, 1, 1} are exact thirds and a {@code 40/20} form needs no
 * rewriting).
 *
 * <p>Immutable and thread-safe.
 */
public enum ScoringMode {
  /**
   * Points-based: {@code 100 * sum(points) / sum(maxPoints)}, per section and overall; criterion
   * and section weights are ignored (MaestroQA "total score" rubrics, Scorebuddy).
   */
  TOTAL_POINTS,
  /**
   * {@code 100 * sum(weight * points / maxPoints) / sum(weight)}; the weights of the non-bonus
   * criteria must have a positive sum.
   */
  WEIGHTED_CRITERIA,
  /**
   * Each section scores as in {@link #WEIGHTED_CRITERIA}; the total is the section-weight average
   * of the section scores. Sections that are entirely N/A are left out and the remaining weights
   * renormalised; the section weights must have a positive sum, and some section of positive weight
   * must hold a non-bonus criterion of positive weight.
   */
  WEIGHTED_SECTIONS,
  /**
   * Each section scores points-based, {@code earned / possible} points; the total is the
   * section-weight average of the section scores, with N/A sections left out as in {@link
   * #WEIGHTED_SECTIONS} (MaestroQA "custom weighted sections" rubrics). Criterion weights are
   * ignored.
   */
  WEIGHTED_SECTION_POINTS,
  /**
   * Points times group weight: {@code 100 * sum(sectionWeight * points) / sum(sectionWeight *
   * maxPoints)}; each section reports its {@code earned / possible} points (Genesys Cloud question
   * group weights). Criterion weights are ignored; a section of weight 0 does not count and reports
   * no score.
   */
  GROUP_WEIGHTED_POINTS;

  boolean usesSectionWeights() {
    return this == WEIGHTED_SECTIONS
        || this == WEIGHTED_SECTION_POINTS
        || this == GROUP_WEIGHTED_POINTS;
  }
}
