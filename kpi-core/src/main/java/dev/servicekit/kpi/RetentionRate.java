package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.Percent;
import java.util.OptionalDouble;

/**
 * Customer retention rate over a period: CRR % = 100 &times; (customers at end &minus; new
 * customers acquired in the period) / customers at start. A period snapshot rather than an event
 * stream; segments combine with {@link #plus(RetentionRate)}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param atStart customers at the start of the period
 * @param atEnd customers at the end of the period
 * @param acquired new customers acquired during the period, {@code <= atEnd}; {@code atEnd -
 *     acquired}, the customers retained, is at most {@code atStart}, so the rate is 0..100 %
 */
public record RetentionRate(long atStart, long atEnd, long acquired) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative, {@code acquired > atEnd} or {@code
   *     atEnd - acquired > atStart} (more customers retained than there were)
   */
  public RetentionRate {
    if (atStart < 0 || atEnd < 0 || acquired < 0) {
      throw new IllegalArgumentException(
          "customer counts (atStart "
              + atStart
              + ", atEnd "
              + atEnd
              + ", acquired "
              + acquired
              + ") must be >= 0");
    }
    if (acquired > atEnd) {
      throw new IllegalArgumentException("acquired " + acquired + " must be <= atEnd " + atEnd);
    }
    if (atEnd - acquired > atStart) {
      // the customers kept are among those at the start: more would read as a rate above 100 %
      throw new IllegalArgumentException(
          "atEnd "
              + atEnd
              + " - acquired "
              + acquired
              + " = "
              + (atEnd - acquired)
              + " retained customers must be <= atStart "
              + atStart
              + ": a customer at the end was either there at the start or acquired");
    }
  }

  /**
   * Adds another segment's counts (e.g. two regions). O(1).
   *
   * @param other the other segment
   * @return the combined counts
   * @throws ArithmeticException if a combined count would overflow a {@code long}
   */
  public RetentionRate plus(RetentionRate other) {
    return new RetentionRate(
        Overflow.add(atStart, other.atStart, "customers at start"),
        Overflow.add(atEnd, other.atEnd, "customers at end"),
        Overflow.add(acquired, other.acquired, "customers acquired"));
  }

  /**
   * Returns the retention rate in percent.
   *
   * @return the rate, empty when there were no customers at the start
   */
  public OptionalDouble percent() {
    return atStart == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Percent.of(atEnd - acquired, atStart));
  }
}
