package dev.servicekit.kpi.internal;

import java.time.Duration;

/**
 * Converts {@link Duration}s to the whole milliseconds the accumulators count, checking the sign
 * and range on the exact value first: {@link Duration#toMillis()} truncates toward zero, so {@code
 * -999_999 ns} would otherwise become an accepted {@code 0 ms}. Not API. Stateless and thread-safe.
 */
public final class Millis {

  private Millis() {}

  /**
   * Returns {@code d} in whole milliseconds, truncating a positive sub-millisecond remainder.
   *
   * @param d a duration, {@code >= 0} and at most {@code Long.MAX_VALUE} ms
   * @param field the argument name for the message
   * @return the milliseconds
   * @throws IllegalArgumentException if {@code d} is negative (even by one nanosecond) or too long
   */
  public static long nonNegative(Duration d, String field) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " " + d + " must be >= 0");
    }
    if (d.getSeconds() >= Long.MAX_VALUE / 1000) {
      // toMillis() throws ArithmeticException from about 292 million years on
      try {
        return d.toMillis();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            field + " " + d + " must be at most " + Long.MAX_VALUE + " ms");
      }
    }
    return d.toMillis();
  }

  /**
   * Returns {@code d} in milliseconds when it is a whole, non-negative number of them.
   *
   * @param d a duration
   * @param field the argument name for the message
   * @return the milliseconds
   * @throws IllegalArgumentException if negative, too long, or with a sub-millisecond part
   */
  public static long exact(Duration d, String field) {
    long ms = nonNegative(d, field);
    if (d.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          field + " " + d + " must be a whole number of milliseconds");
    }
    return ms;
  }
}
