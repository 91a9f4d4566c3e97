package dev.servicekit.integrations.flink.internal;

import java.time.Instant;

/**
 * The rule of a {@link dev.servicekit.integrations.flink.KpiWindow}'s bounds and stale count, in
 * one place for its constructor and for {@link KpiWindowSerializer}, which checks it as soon as it
 * has read those fields (before the accumulator), so that corrupted bytes never become a window the
 * constructor would refuse, and fail naming the field. Not API.
 */
public final class KpiWindowRule {

  private KpiWindowRule() {}

  /**
   * Checks that the window ends after it starts (a window is the half-open range {@code [start,
   * end)}, so a window that ends at its start holds no instant) and that {@code stale} is not
   * negative.
   *
   * @param prefix what precedes each field's name in a message: {@code ""} for the constructor,
   *     {@code "KpiWindow."} for the serializer
   * @param start the window start, not null
   * @param end the window end, not null
   * @param stale the stale revisions
   * @throws IllegalArgumentException naming the field, its value and the rule otherwise
   */
  public static void check(String prefix, Instant start, Instant end, long stale) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          prefix + "end " + end + " must be after " + prefix + "start " + start);
    }
    if (stale < 0) {
      throw new IllegalArgumentException(prefix + "stale must be 0 or more, was " + stale);
    }
  }
}
