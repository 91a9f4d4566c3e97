package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.ResultChecks;
import java.util.OptionalDouble;

/**
 * The result of a {@link HandleTimeAccumulator}.
 *
 * <p>AHT = (talk + hold + after-contact work) / handled contacts.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param handled handled contacts
 * @param talkMillis total talk time
 * @param holdMillis total hold time
 * @param afterWorkMillis total after-contact work (wrap-up) time
 */
public record HandleTimeResult(
    long handled, long talkMillis, long holdMillis, long afterWorkMillis) {

  /**
   * Checks the components, as a {@link HandleTimeAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative, or a time is not 0 with no contacts
   */
  public HandleTimeResult {
    ResultChecks.nonNegative("handled", handled);
    ResultChecks.nonNegative("talkMillis", talkMillis);
    ResultChecks.nonNegative("holdMillis", holdMillis);
    ResultChecks.nonNegative("afterWorkMillis", afterWorkMillis);
    ResultChecks.zeroWithoutCount("handled", handled, "talkMillis", talkMillis);
    ResultChecks.zeroWithoutCount("handled", handled, "holdMillis", holdMillis);
    ResultChecks.zeroWithoutCount("handled", handled, "afterWorkMillis", afterWorkMillis);
  }

  /**
   * Returns the total handle time in milliseconds.
   *
   * @return talk + hold + after-work
   * @throws ArithmeticException naming the total if it does not fit a {@code long} (each part does;
   *     use {@link #averageHandleMillis()}, which never overflows)
   */
  public long handleMillis() {
    return Overflow.add(
        Overflow.add(talkMillis, holdMillis, "total handle time (ms)"),
        afterWorkMillis,
        "total handle time (ms)");
  }

  /**
   * Returns the average handle time in milliseconds. Never overflows: a total handle time beyond a
   * {@code long} is summed in {@code double}.
   *
   * @return AHT, empty when nothing was handled
   */
  public OptionalDouble averageHandleMillis() {
    if (handled == 0) {
      return OptionalDouble.empty();
    }
    long t = talkMillis + holdMillis;
    long total = t + afterWorkMillis;
    boolean fits =
        ((talkMillis ^ t) & (holdMillis ^ t)) >= 0
            && ((t ^ total) & (afterWorkMillis ^ total)) >= 0;
    double sum = fits ? total : (double) talkMillis + holdMillis + afterWorkMillis;
    return OptionalDouble.of(sum / handled);
  }
}
