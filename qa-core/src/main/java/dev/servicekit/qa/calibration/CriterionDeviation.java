package dev.servicekit.qa.calibration;

import java.util.Objects;

/**
 * How far one reviewer's answers to one criterion deviate from the reference reviewer's, over the
 * interactions both scored (N/A on either side excluded).
 *
 * <p>Immutable and thread-safe.
 *
 * @param criterionId the criterion
 * @param count number of compared answers
 * @param disagreements answers that differ from the reference answer
 * @param meanSignedDeviation mean of (reviewer % - reference %), positive = more lenient
 * @param meanAbsoluteDeviation mean of |reviewer % - reference %|
 */
public record CriterionDeviation(
    String criterionId,
    int count,
    int disagreements,
    double meanSignedDeviation,
    double meanAbsoluteDeviation) {

  /** Validates the components. */
  public CriterionDeviation {
    Objects.requireNonNull(criterionId, "criterionId");
  }
}
