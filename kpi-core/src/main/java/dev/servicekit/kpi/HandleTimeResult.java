package dev.servicekit.kpi;

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
   * Returns the total handle time in milliseconds.
   *
   * @return talk + hold + after-work
   * @throws ArithmeticException on overflow
   */
  public long handleMillis() {
    return Math.addExact(Math.addExact(talkMillis, holdMillis), afterWorkMillis);
  }

  /**
   * Returns the average handle time in milliseconds.
   *
   * @return AHT, empty when nothing was handled
   */
  public OptionalDouble averageHandleMillis() {
    return handled == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) handleMillis() / handled);
  }
}
