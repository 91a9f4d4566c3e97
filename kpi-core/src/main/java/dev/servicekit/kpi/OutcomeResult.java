package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Percent;
import dev.servicekit.kpi.internal.ResultChecks;
import java.util.OptionalDouble;

/**
 * The result of an {@link OutcomeAccumulator}: a rate of positive outcomes.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param positive positive outcomes (e.g. SLA met, resolved on first contact, reopened)
 * @param negative negative outcomes (e.g. SLA breached, repeat contact, not reopened)
 */
public record OutcomeResult(long positive, long negative) {

  /**
   * Checks the counts, as an {@link OutcomeAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative or their total overflows a long
   */
  public OutcomeResult {
    ResultChecks.nonNegative("positive", positive);
    ResultChecks.nonNegative("negative", negative);
    ResultChecks.sumFits("positive and negative", positive, negative);
  }

  /**
   * Returns the number of outcomes.
   *
   * @return positive + negative
   */
  public long total() {
    return positive + negative;
  }

  /**
   * Returns the positive rate in percent: {@code 100 * positive / (positive + negative)}.
   *
   * @return the rate, empty when there are no outcomes
   */
  public OptionalDouble positivePercent() {
    long n = total();
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(percent(positive, n));
  }

  /**
   * Returns the negative rate in percent: {@code 100 * negative / (positive + negative)}.
   *
   * @return the rate, empty when there are no outcomes
   */
  public OptionalDouble negativePercent() {
    long n = total();
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(percent(negative, n));
  }

  private static double percent(long part, long whole) {
    return Percent.of(part, whole);
  }
}
