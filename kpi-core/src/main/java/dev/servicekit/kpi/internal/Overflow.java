package dev.servicekit.kpi.internal;

/**
 * {@link Math#addExact(long, long)} with a message that names the counter or sum that would
 * overflow, for the accumulators' documented {@link ArithmeticException}. Not API. Stateless and
 * thread-safe.
 */
public final class Overflow {

  private Overflow() {}

  /**
   * Returns {@code total + value}, or throws if it does not fit a {@code long}.
   *
   * @param total the current counter or sum
   * @param value what is added to it
   * @param field what {@code total} is, for the message (e.g. {@code "answer wait total (ms)"})
   * @return the sum
   * @throws ArithmeticException naming {@code field} and both operands if the sum overflows
   */
  public static long add(long total, long value, String field) {
    long r = total + value;
    if (((total ^ r) & (value ^ r)) < 0) {
      throw new ArithmeticException(
          field + " would overflow: " + total + " + " + value + " is outside the range of a long");
    }
    return r;
  }
}
