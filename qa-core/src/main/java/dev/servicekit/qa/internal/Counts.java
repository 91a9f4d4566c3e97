package dev.servicekit.qa.internal;

/** Count arithmetic that never wraps. Not API. Stateless and thread-safe. */
public final class Counts {
  private Counts() {}

  /**
   * Returns {@code total + n}.
   *
   * @param total a count
   * @param n what is added to it
   * @param field names the count in the message, e.g. {@code "score count"}
   * @return the sum
   * @throws ArithmeticException naming {@code field} and both operands if the sum overflows a long
   */
  public static long add(long total, long n, String field) {
    long r = total + n;
    if (((total ^ r) & (n ^ r)) < 0) {
      throw new ArithmeticException(
          field + " would overflow: " + total + " + " + n + " > Long.MAX_VALUE");
    }
    return r;
  }
}
