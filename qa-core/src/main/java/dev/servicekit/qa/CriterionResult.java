package dev.servicekit.qa;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How one criterion was answered in an evaluation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param criterionId the criterion id
 * @param answer the answer given (N/A also for a missing optional answer)
 * @param percent the share of full marks earned, 0-100 rounded half-up to 2 decimals; empty for N/A
 * @param fullMarks whether the answer earned the scale's maximum (false for N/A)
 * @param criticalFailure whether a critical criterion failed (false otherwise)
 */
public record CriterionResult(
    String criterionId,
    Answer answer,
    Optional<BigDecimal> percent,
    boolean fullMarks,
    boolean criticalFailure) {

  /** Validates the components. */
  public CriterionResult {
    Objects.requireNonNull(criterionId, "criterionId");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(percent, "percent");
  }

  /**
   * Whether the criterion counted (was not N/A).
   *
   * @return true if applicable
   */
  public boolean applicable() {
    return !answer.isNotApplicable();
  }

  /**
   * Whether the answer is an error: applicable and below full marks.
   *
   * @return true for an error
   */
  public boolean error() {
    return applicable() && !fullMarks;
  }
}
