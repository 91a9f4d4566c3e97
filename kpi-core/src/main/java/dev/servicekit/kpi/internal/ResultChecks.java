package dev.servicekit.kpi.internal;

/**
 * The checks the public result records of kpi-core make in their constructors, so that a result
 * built by hand or read with a record mapper holds what an accumulator's result holds. Not API.
 * Stateless and thread-safe.
 */
public final class ResultChecks {

  private ResultChecks() {}

  /**
   * Refuses a negative count or total.
   *
   * @param field the component's name
   * @param value its value
   * @throws IllegalArgumentException if {@code value < 0}, naming the field
   */
  public static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " " + value + " must be >= 0");
    }
  }

  /**
   * Refuses counts whose sum does not fit a long (a result's total would wrap).
   *
   * @param what what the sum is, for the message
   * @param counts non-negative counts
   * @throws IllegalArgumentException if the sum overflows a long
   */
  public static void sumFits(String what, long... counts) {
    long sum = 0;
    for (long c : counts) {
      if (c > Long.MAX_VALUE - sum) {
        throw new IllegalArgumentException(
            what
                + " "
                + java.util.Arrays.toString(counts)
                + " must add up to at most "
                + Long.MAX_VALUE);
      }
      sum += c;
    }
  }

  /**
   * Refuses a time total without observations.
   *
   * @param countField the count's name
   * @param count the count
   * @param field the total's name
   * @param total the total
   * @throws IllegalArgumentException if {@code count == 0} and {@code total != 0}
   */
  public static void zeroWithoutCount(String countField, long count, String field, long total) {
    if (count == 0 && total != 0) {
      throw new IllegalArgumentException(
          field + " " + total + " must be 0 when " + countField + " is 0");
    }
  }
}
