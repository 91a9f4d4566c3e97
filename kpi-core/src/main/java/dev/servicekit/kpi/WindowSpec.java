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
 * <p>This class is immutable and thread-safe. {@link #start(Instant)} is O(1) and allocates a few
 * {@code java.time} objects.
 *
 * @param unit the window length
 * @param zone the time zone whose local calendar defines the boundaries
 * @param firstDayOfWeek the day a {@link WindowUnit#WEEK} window starts (ignored otherwise)
 */
public record WindowSpec(WindowUnit unit, ZoneId zone, DayOfWeek firstDayOfWeek) {

  /**
   * Checks the arguments.
   *
   * @throws NullPointerException if an argument is null
   */
  public WindowSpec {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
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
   * Returns the start of the window containing {@code t}.
   *
   * @param t an instant
   * @return the window start, {@code <= t}
   */
  public Instant start(Instant t) {
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
   * Returns the end (exclusive) of the window that starts at {@code start}.
   *
   * @param start a window start returned by {@link #start(Instant)}
   * @return the next window's start
   */
  public Instant end(Instant start) {
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
