package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One selectable answer on a {@link Scale}: an identifier the reviewer picks and the points it
 * earns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the identifier used in answers, e.g. {@code "yes"} or {@code "4"}; not blank
 * @param points the points earned, {@code >= 0} and below {@code 10^50}, with at most 4 decimals
 */
public record AnswerOption(String id, BigDecimal points) {

  /**
   * Validates the option.
   *
   * @throws IllegalArgumentException if the id is blank, the points are beyond {@code 10^50} or 50
   *     decimals (refused before any arithmetic), or the points are negative or have more than 4
   *     decimals
   */
  public AnswerOption {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(points, "points");
    Ids.require(id, "answer option id");
    Excerpts.requireBounded(points, "points", "option '" + id + "'");
    if (points.signum() < 0) {
      throw new IllegalArgumentException(
          "points " + Excerpts.number(points) + " of option '" + id + "' must be >= 0");
    }
    if (points.stripTrailingZeros().scale() > Scale.MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "points "
              + Excerpts.number(points)
              + " of option '"
              + id
              + "' must have at most "
              + Scale.MAX_DECIMALS
              + " decimals");
    }
    points = Scale.normalize(points);
  }

  /**
   * Creates an option with integral points.
   *
   * @param id the option identifier
   * @param points the points earned, {@code >= 0}
   * @return the option
   */
  public static AnswerOption of(String id, long points) {
    return new AnswerOption(id, BigDecimal.valueOf(points));
  }
}
