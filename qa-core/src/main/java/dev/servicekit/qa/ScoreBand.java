package dev.servicekit.qa;

import dev.servicekit.qa.internal.Ids;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One band of a {@link ScoreBands} table: the half-open score interval {@code [from, to)} (the last
 * band is closed, {@code [from, 100]}) and the action it triggers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the band name, e.g. {@code "red"}; display text (not blank, no control characters,
 *     line or paragraph separators or unpaired surrogates)
 * @param from the inclusive lower bound
 * @param to the upper bound: exclusive, except {@code 100} on the last band which is inclusive
 * @param action the action to take, e.g. {@code "remove from customer work until re-certified"};
 *     may be empty, but holds no control characters, line or paragraph separators or unpaired
 *     surrogates
 */
public record ScoreBand(String name, BigDecimal from, BigDecimal to, String action) {

  /** Validates the components. */
  public ScoreBand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(action, "action");
    Ids.requireText(name, "band name");
    Ids.requireLine(action, "band action");
  }

  /**
   * Whether the score falls in this band.
   *
   * @param score a score in {@code [0, 100]}
   * @return true if {@code from <= score < to}, or {@code score == 100} and this band ends at 100
   */
  public boolean contains(BigDecimal score) {
    Objects.requireNonNull(score, "score");
    if (score.compareTo(from) < 0) {
      return false;
    }
    int c = score.compareTo(to);
    return c < 0 || (c == 0 && to.compareTo(ScoreBands.HUNDRED) == 0);
  }
}
