package dev.servicekit.qa;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of scoring answers against a checklist.
 *
 * <p>Scores are computed with exact rational arithmetic and rounded once, half-up, to 2 decimals.
 * {@link #score()} is what bands and analytics use.
 *
 * <p>Immutable and thread-safe.
 *
 * @param score the final 0-100 score after critical rules and bonus; empty if every non-bonus
 *     criterion was N/A or weighs nothing (nothing to score), or, in {@link
 *     ScoringMode#WEIGHTED_SECTIONS} and {@link ScoringMode#WEIGHTED_SECTION_POINTS}, if every
 *     section with a score has weight 0, unless a {@link Criticality#FAIL_FORM} criterion failed:
 *     the form then scores 0 whatever else was scored
 * @param baseScore the score before bonus and before the auto-fail rule (section failures are
 *     applied); empty when there was nothing to score, also when the form failed
 * @param autoFailed whether a {@link Criticality#FAIL_FORM} criterion failed
 * @param band the band of {@link #score()}; empty when the score is empty
 * @param sections per-section scores, in checklist order
 * @param criteria per-criterion results, in checklist order
 */
public record ScoreResult(
    Optional<BigDecimal> score,
    Optional<BigDecimal> baseScore,
    boolean autoFailed,
    Optional<ScoreBand> band,
    List<SectionScore> sections,
    List<CriterionResult> criteria) {

  /** Validates the components and copies the lists. */
  public ScoreResult {
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(baseScore, "baseScore");
    Objects.requireNonNull(band, "band");
    sections = List.copyOf(sections);
    criteria = List.copyOf(criteria);
  }

  /**
   * The critical criteria that failed (of any criticality, including record-only).
   *
   * @return the failed critical criteria, in checklist order
   */
  public List<CriterionResult> criticalFailures() {
    return criteria.stream().filter(CriterionResult::criticalFailure).toList();
  }
}
