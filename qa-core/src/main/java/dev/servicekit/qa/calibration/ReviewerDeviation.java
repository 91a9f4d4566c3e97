package dev.servicekit.qa.calibration;

import java.util.List;
import java.util.Objects;

/**
 * How far one reviewer deviates from the reference ("expert") evaluations of the same interactions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reviewerId the reviewer
 * @param interactions interactions compared (both scored, both with a score)
 * @param meanSignedScoreDeviation mean of (reviewer score - reference score), in score points; NaN
 *     if no interaction had a score on both sides
 * @param meanAbsoluteScoreDeviation mean of |reviewer score - reference score|
 * @param criteria per-criterion deviations, in checklist order
 */
public record ReviewerDeviation(
    String reviewerId,
    int interactions,
    double meanSignedScoreDeviation,
    double meanAbsoluteScoreDeviation,
    List<CriterionDeviation> criteria) {

  /** Validates the components and copies the list. */
  public ReviewerDeviation {
    Objects.requireNonNull(reviewerId, "reviewerId");
    criteria = List.copyOf(Objects.requireNonNull(criteria, "criteria"));
  }
}
