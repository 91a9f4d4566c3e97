package dev.servicekit.sla;

/**
 * A warning raised when a given percentage of a metric's target has been consumed (e.g. 50, 75,
 * 90).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param percent consumed share of the target that raises the warning, 1 to 100
 */
public record WarningThreshold(int percent) implements Comparable<WarningThreshold> {

  /**
   * Validates the percentage.
   *
   * @throws IllegalArgumentException if {@code percent} is not within 1..100
   */
  public WarningThreshold {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException(
          "warning percent " + percent + " must be between 1 and 100");
    }
  }

  /**
   * Returns a threshold.
   *
   * @param percent 1 to 100
   * @return the threshold
   */
  public static WarningThreshold of(int percent) {
    return new WarningThreshold(percent);
  }

  @Override
  public int compareTo(WarningThreshold o) {
    return Integer.compare(percent, o.percent);
  }
}
