package dev.servicekit.kpi.staffing.internal;

import java.time.Duration;
import java.util.Objects;

/** Range checks of the staffing result records' components, with messages that name them. */
public final class Ranges {
  private Ranges() {}

  /**
   * Requires {@code v} in [0, 1].
   *
   * @param name the component
   * @param v its value
   * @throws IllegalArgumentException naming it otherwise (NaN included)
   */
  public static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " " + v + " must be in [0, 1]");
    }
  }

  /**
   * Requires {@code v} finite and not negative.
   *
   * @param name the component
   * @param v its value
   * @throws IllegalArgumentException naming it otherwise
   */
  public static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " " + v + " must be finite and >= 0");
    }
  }

  /**
   * Requires {@code d} present and not negative.
   *
   * @param name the component
   * @param d its value
   * @throws IllegalArgumentException naming it if negative
   * @throws NullPointerException naming it if null
   */
  public static void nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " " + d + " must be >= 0");
    }
  }
}
