package dev.servicekit.kpi;

/**
 * A rating scale {@code min..max} and the lowest value that counts as satisfied ("top box").
 *
 * <p>Vendors differ on which values count: Zendesk's good/bad CSAT is a 2-point scale, the common
 * 5-point CSAT counts 4 and 5 as satisfied, CES on a 7-point agreement scale usually counts 5..7 as
 * low effort. The choice is explicit here.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param min the lowest rating
 * @param max the highest rating, {@code min < max <= min + 100}
 * @param satisfiedFrom the lowest rating that counts as satisfied, {@code min <= satisfiedFrom <=
 *     max}
 */
public record RatingScale(int min, int max, int satisfiedFrom) {

  /**
   * Validates the scale.
   *
   * @throws IllegalArgumentException if a bound breaks the rules above
   */
  public RatingScale {
    if (max <= min || (long) max - min > 100) {
      throw new IllegalArgumentException(
          "scale max " + max + " must be > min " + min + " and at most min + 100");
    }
    if (satisfiedFrom < min || satisfiedFrom > max) {
      throw new IllegalArgumentException(
          "satisfiedFrom " + satisfiedFrom + " must be within " + min + ".." + max);
    }
  }

  /**
   * Returns a scale.
   *
   * @param min the lowest rating
   * @param max the highest rating
   * @param satisfiedFrom the lowest satisfied rating
   * @return the scale
   */
  public static RatingScale of(int min, int max, int satisfiedFrom) {
    return new RatingScale(min, max, satisfiedFrom);
  }

  /**
   * The common 5-point CSAT scale: 1..5, satisfied = 4 or 5.
   *
   * @return the scale
   */
  public static RatingScale csatFivePoint() {
    return new RatingScale(1, 5, 4);
  }

  /**
   * The CES 2.0 7-point agreement scale: 1..7, top box (low effort) = 5..7.
   *
   * @return the scale
   */
  public static RatingScale cesSevenPoint() {
    return new RatingScale(1, 7, 5);
  }

  /**
   * Returns the number of points on the scale.
   *
   * @return {@code max - min + 1}
   */
  public int points() {
    return max - min + 1;
  }
}
