package dev.servicekit.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Tumbling windows: a {@link WindowUnit} in a time zone, with DST-correct local boundaries (a day
 * window in {@code Europe/Paris} starts at local midnight and lasts 23, 24 or 25 hours).
 *
 * <p><b>Range</b>: windows are addressed in epoch milliseconds, so {@link #start(Instant)} accepts
 * the instants whose epoch milliseconds fit a {@code long} (about ±292 million years around 1970)
 * and whose window start does too; others are rejected with an {@link IllegalArgumentException}
 * naming the field and this rule (never a {@link java.time.DateTimeException} or {@link
 * ArithmeticException}).
 *
 * <p>This class is immutable and thread-safe. {@link #start(Instant)} is O(1) and allocates a few
 * {@code java.time} objects.
 *
 * @param unit the window length
 * @param zone the time zone whose local calendar defines the boundaries
 * @param firstDayOfWeek the day a {@link WindowUnit#WEEK} window starts; for other units it defines
 *     nothing and is kept as {@link DayOfWeek#MONDAY}, so that two specs of the same windows are
 *     equal (and their tables merge) whatever day they were given
 */
public record WindowSpec(WindowUnit unit, ZoneId zone, DayOfWeek firstDayOfWeek) {

  /**
   * Checks the arguments; for a unit other than {@link WindowUnit#WEEK} the first day of the week
   * becomes {@link DayOfWeek#MONDAY}, since it defines no window.
   *
   * @throws NullPointerException if an argument is null
   */
  public WindowSpec {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    if (unit != WindowUnit.WEEK) {
      firstDayOfWeek = DayOfWeek.MONDAY;
    }
  }

  /**
   * Returns tumbling windows of {@code unit} in {@code zone}, weeks starting on Monday (ISO).
   *
   * @param unit the window length
   * @param zone the time zone
   * @return the spec
   */
  public static WindowSpec of(WindowUnit unit, ZoneId zone) {
    return new WindowSpec(unit, zone, DayOfWeek.MONDAY);
  }

  /**
   * Returns the start of the window containing {@code time}.
   *
   * @param time an instant whose epoch milliseconds, and those of its window start, fit a {@code
   *     long}
   * @return the window start, {@code <= time}
   * @throws IllegalArgumentException if {@code time} or its window start is outside the
   *     epoch-millisecond range
   */
  public Instant start(Instant time) {
    return start(time, "time");
  }

  /**
   * {@link #start(Instant)}, naming the caller's field in the rejection.
   *
   * @param time the instant
   * @param field the name of {@code time} in the caller's API, for the message
   */
  Instant start(Instant time, String field) {
    Objects.requireNonNull(time, field);
    checkMillis(time, field);
    // within +-292 million years, far inside LocalDate's range: no DateTimeException below
    Instant start = windowStart(time);
    try {
      start.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " "
              + time
              + " lies in the "
              + unit
              + " window starting "
              + start
              + ", before the earliest epoch millisecond "
              + Instant.ofEpochMilli(Long.MIN_VALUE)
              + ": window starts must fit a long of epoch milliseconds");
    }
    return start;
  }

  private static void checkMillis(Instant time, String field) {
    try {
      time.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " "
              + time
              + " must be within the epoch-millisecond range "
              + Instant.ofEpochMilli(Long.MIN_VALUE)
              + " .. "
              + Instant.ofEpochMilli(Long.MAX_VALUE)
              + " (a long of milliseconds since 1970)");
    }
  }

  private Instant windowStart(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    return switch (unit) {
      case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> z.toLocalDate().atStartOfDay(zone).toInstant();
      case WEEK ->
          z.toLocalDate()
              .with(TemporalAdjusters.previousOrSame(firstDayOfWeek))
              .atStartOfDay(zone)
              .toInstant();
      case MONTH -> z.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    };
  }

  /**
   * Returns the end (exclusive) of the window that holds {@code time}: for a window start returned
   * by {@link #start(Instant)}, the end of that window. Any other instant gets the end of the
   * window it lies in, never an instant that is no window's end (a window key restored under
   * another spec or time-zone rule is such an instant).
   *
   * @param time a window start, or any instant
   * @return the next window's start; for the last window before {@code Long.MAX_VALUE} epoch
   *     milliseconds it lies beyond that range
   * @throws IllegalArgumentException if {@code time} is outside the epoch-millisecond range
   */
  public Instant end(Instant time) {
    Objects.requireNonNull(time, "time");
    checkMillis(time, "time");
    Instant start = windowStart(time);
    if (unit == WindowUnit.HOUR) {
      return start.plus(1, ChronoUnit.HOURS);
    }
    LocalDate d = start.atZone(zone).toLocalDate();
    LocalDate next =
        switch (unit) {
          case DAY -> d.plusDays(1);
          case WEEK -> d.plusWeeks(1);
          default -> d.plusMonths(1);
        };
    return next.atStartOfDay(zone).toInstant();
  }
}
