package dev.servicekit.qa;

import java.util.Objects;
import java.util.Optional;

/**
 * A reviewer's answer to one criterion: a scale option id, or N/A ("not applicable here").
 *
 * <p>Immutable and thread-safe.
 */
public final class Answer {

  private static final Answer NA = new Answer(null);

  private final String optionId;

  private Answer(String optionId) {
    this.optionId = optionId;
  }

  /**
   * An answer selecting the given option.
   *
   * @param optionId the option id on the criterion's scale
   * @return the answer
   */
  public static Answer of(String optionId) {
    Objects.requireNonNull(optionId, "optionId");
    return new Answer(optionId);
  }

  /**
   * The N/A answer: the criterion is left out of the score.
   *
   * @return the N/A answer
   */
  public static Answer notApplicable() {
    return NA;
  }

  /**
   * Whether this is N/A.
   *
   * @return true for N/A
   */
  public boolean isNotApplicable() {
    return optionId == null;
  }

  /**
   * The selected option id.
   *
   * @return the option id, or empty for N/A
   */
  public Optional<String> optionId() {
    return Optional.ofNullable(optionId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Answer other && Objects.equals(optionId, other.optionId);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(optionId);
  }

  /** Returns the option id, or {@code "N/A"}. */
  @Override
  public String toString() {
    return optionId == null ? "N/A" : optionId;
  }
}
