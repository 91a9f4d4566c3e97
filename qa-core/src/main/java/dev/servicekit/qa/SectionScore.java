package dev.servicekit.qa;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The score of one section in an evaluation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sectionId the section id
 * @param score 0-100, rounded half-up to 2 decimals, bonus criteria excluded; empty if there is
 *     nothing to score in the section: every criterion of it was N/A, the answered ones all weigh
 *     0, only bonus criteria were answered, or (in {@link ScoringMode#GROUP_WEIGHTED_POINTS}) the
 *     section weighs 0
 * @param failed whether a {@link Criticality#FAIL_SECTION} criterion failed (score then 0)
 */
public record SectionScore(String sectionId, Optional<BigDecimal> score, boolean failed) {

  /** Validates the components. */
  public SectionScore {
    Objects.requireNonNull(sectionId, "sectionId");
    Objects.requireNonNull(score, "score");
  }
}
