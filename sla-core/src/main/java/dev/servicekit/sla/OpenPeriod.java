package dev.servicekit.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A maximal stretch of open business time {@code [start, end)} on the instant line, as returned by
 * {@link BusinessCalendar#openPeriods(Instant, Instant)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the first open instant (inclusive)
 * @param end the first instant after the period (exclusive), after {@code start}
 */
public record OpenPeriod(Instant start, Instant end) {

  /**
   * Validates the fields.
   *
   * @param start the first open instant
   * @param end the end, exclusive
   * @throws IllegalArgumentException if {@code end} is not after {@code start}, or {@code start} is
   *     outside {@link BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END}
   *     (exclusive), or {@code end} is after {@code SUPPORTED_END} (an exclusive end may be it),
   *     where every calendar's periods lie
   */
  public OpenPeriod {
    BusinessCalendar.second(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("OpenPeriod end " + end + " must be after start " + start);
    }
    if (end.isAfter(BusinessCalendar.SUPPORTED_END)) {
      throw new IllegalArgumentException(
          "end "
              + end
              + " is outside the supported range ["
              + BusinessCalendar.SUPPORTED_START
              + ", "
              + BusinessCalendar.SUPPORTED_END
              + "] of an exclusive end");
    }
  }

  /**
   * The length of the period (real elapsed time).
   *
   * @return {@code end - start}
   */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Whether the period contains an instant.
   *
   * @param t the instant
   * @return {@code start <= t < end}
   */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
