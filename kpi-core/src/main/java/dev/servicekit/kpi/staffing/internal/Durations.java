package dev.servicekit.kpi.staffing.internal;

import java.time.Duration;

/** Conversions between {@link Duration} and seconds as {@code double}. Not API. */
public final class Durations {

  private Durations() {}

  /** The duration in seconds, exact to the double nearest its nanosecond value. */
  public static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  /**
   * The duration nearest {@code seconds}, rounded to the nanosecond.
   *
   * @throws ArithmeticException if {@code seconds} is not finite or exceeds the range of Duration
   */
  public static Duration ofSeconds(double seconds) {
    if (!Double.isFinite(seconds) || Math.abs(seconds) >= 9.2e18) {
      throw new ArithmeticException(seconds + " s is not representable as a Duration");
    }
    double whole = Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return Duration.ofSeconds((long) whole, nanos);
  }
}
