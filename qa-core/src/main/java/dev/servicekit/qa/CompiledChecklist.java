package dev.servicekit.qa;

import dev.servicekit.qa.internal.CompiledScorer;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.ScoringEngine;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Checklist} compiled for bulk re-scoring: answers are passed by index (one option index
 * per criterion, in {@link Checklist#criteria()} order) and the final score comes back as a {@code
 * long} number of hundredths, exactly equal to {@code checklist.score(...).score()}.
 *
 * <p>{@link #scoreHundredths(int[])} allocates nothing whenever {@link #allocationFree()} (decided
 * once from worst-case bounds; true for every realistic form, false only when the exact fractions
 * may exceed 61 bits, which then take a {@link java.math.BigInteger} path).
 *
 * <p>Immutable and thread-safe. Obtain with {@link Checklist#compile()}.
 */
public final class CompiledChecklist {

  /** Answer index meaning an explicit N/A. */
  public static final int NOT_APPLICABLE = CompiledScorer.NOT_APPLICABLE;

  /** Answer index meaning "not answered" (N/A for optional criteria, an error for required). */
  public static final int UNANSWERED = CompiledScorer.UNANSWERED;

  /** What {@link #scoreHundredths(int[])} returns when every non-bonus criterion is N/A. */
  public static final long UNSCORED = CompiledScorer.UNSCORED;

  private final Checklist checklist;
  private final ScoringEngine engine;
  private final CompiledScorer scorer;

  CompiledChecklist(Checklist checklist, ScoringEngine engine) {
    this.checklist = checklist;
    this.engine = engine;
    this.scorer = new CompiledScorer(engine);
  }

  /**
   * The checklist this was compiled from.
   *
   * @return the checklist
   */
  public Checklist checklist() {
    return checklist;
  }

  /**
   * Whether {@link #scoreHundredths(int[])} never allocates for this checklist.
   *
   * @return true if all arithmetic provably fits in 64-bit integers
   */
  public boolean allocationFree() {
    return scorer.allocationFree();
  }

  /**
   * The index of a criterion, {@code O(1)}.
   *
   * @param criterionId the criterion id
   * @return its position in {@link Checklist#criteria()}
   * @throws IllegalArgumentException if the checklist has no such criterion
   */
  public int criterionIndex(String criterionId) {
    Objects.requireNonNull(criterionId, "criterionId");
    int i = engine.indexOf(criterionId);
    if (i < 0) {
      throw new IllegalArgumentException(
          "checklist '"
              + checklist.id()
              + "' v"
              + checklist.version()
              + " has no criterion "
              + Excerpts.quote(criterionId));
    }
    return i;
  }

  /**
   * The index of an option on a criterion's scale, {@code O(1)}.
   *
   * @param criterionIndex the criterion index
   * @param optionId the option id
   * @return the option's position in the criterion's {@link Scale#options()}
   * @throws IllegalArgumentException if the option is not on the scale
   * @throws IndexOutOfBoundsException if the criterion index is out of range
   */
  public int optionIndex(int criterionIndex, String optionId) {
    Objects.requireNonNull(optionId, "optionId");
    return scorer.optionIndex(criterionIndex, optionId);
  }

  /**
   * Converts answers by id into answers by index, {@code O(criteria)}; allocates (use it when
   * loading, not per score).
   *
   * @param answers answers by criterion id
   * @return one option index (or {@link #NOT_APPLICABLE} / {@link #UNANSWERED}) per criterion
   * @throws IllegalArgumentException for an unknown criterion or option
   */
  public int[] indexAnswers(Map<String, Answer> answers) {
    Objects.requireNonNull(answers, "answers");
    return scorer.indexAnswers(answers);
  }

  /**
   * The final score in hundredths ({@code 8567} means 85.67), {@code O(criteria)}, without
   * allocation when {@link #allocationFree()}. Equal to {@code checklist.score(answers).score()}
   * (auto-fail gives 0, bonus is capped at 100 unless {@link Checklist#bonusAbove100()}).
   *
   * @param answers one option index per criterion, or {@link #NOT_APPLICABLE} / {@link
   *     #UNANSWERED}; not modified
   * @return the score in hundredths, or {@link #UNSCORED}
   * @throws IllegalArgumentException if the array length is not the criterion count, an index is
   *     not an option, or an answer breaks an N/A or required rule (as {@link Checklist#score(Map)}
   *     would)
   */
  public long scoreHundredths(int[] answers) {
    Objects.requireNonNull(answers, "answers");
    return scorer.scoreHundredths(answers);
  }

  /**
   * The final score as a decimal with 2 places; allocates the result.
   *
   * @param answers as for {@link #scoreHundredths(int[])}
   * @return the score, or empty when unscored
   * @throws IllegalArgumentException as for {@link #scoreHundredths(int[])}
   */
  public Optional<BigDecimal> score(int[] answers) {
    long h = scoreHundredths(answers);
    return h == UNSCORED ? Optional.empty() : Optional.of(BigDecimal.valueOf(h, 2));
  }

  @Override
  public String toString() {
    return "CompiledChecklist[" + checklist.id() + " v" + checklist.version() + "]";
  }
}
