package dev.servicekit.qa.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Reporting period length.
 *
 * <p>Immutable and thread-safe.
 */
public enum Granularity {
  /** Calendar day. */
  DAY,
  /**
   * Week: starting on Monday (ISO) by default, or on the {@code firstDayOfWeek} a recorder is
   * created with ({@link ScoreAggregator#create(Granularity, ZoneId, DayOfWeek)}).
   */
  WEEK,
  /** Calendar month. */
  MONTH;

  /**
   * The first day of the period containing {@code date}, weeks starting on Monday (ISO). {@code
   * O(1)}.
   *
   * @param date a date
   * @return the period start
   */
  public LocalDate periodStart(LocalDate date) {
    return periodStart(date, DayOfWeek.MONDAY);
  }

  /**
   * The first day of the period containing {@code date}, weeks starting on {@code firstDayOfWeek}
   * (US weeks: {@link DayOfWeek#SUNDAY}); days and months ignore it. {@code O(1)}.
   *
   * @param date a date
   * @param firstDayOfWeek the day a {@link #WEEK} starts
   * @return the period start, {@code <= date}
   */
  public LocalDate periodStart(LocalDate date, DayOfWeek firstDayOfWeek) {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    switch (this) {
      case WEEK:
        return date.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
      case MONTH:
        return date.withDayOfMonth(1);
      case DAY:
      default:
        return date;
    }
  }

  /**
   * The first day of the week that defines this granularity's periods: {@code firstDayOfWeek} for
   * {@link #WEEK}, {@link DayOfWeek#MONDAY} for the others, which it defines nothing for (so that
   * two recorders of the same periods are alike whatever day they were given, as kpi-core's {@code
   * WindowSpec} keeps it).
   */
  DayOfWeek weekStart(DayOfWeek firstDayOfWeek) {
    Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    return this == WEEK ? firstDayOfWeek : DayOfWeek.MONDAY;
  }

  /**
   * The name of periods for messages: {@code WEEK} for Monday weeks, as before, {@code WEEK
   * (starting SUNDAY)} otherwise.
   */
  String describe(DayOfWeek firstDayOfWeek) {
    return firstDayOfWeek == DayOfWeek.MONDAY
        ? name()
        : name() + " (starting " + firstDayOfWeek + ")";
  }

  /**
   * Whether two zones date every instant alike, so that periods counted in one merge with periods
   * counted in the other: equal ids, or equal rules ({@code UTC}, {@code Etc/UTC} and {@code Z}; a
   * tz link and its target).
   */
  static boolean sameDates(ZoneId a, ZoneId b) {
    return a.equals(b) || a.getRules().equals(b.getRules());
  }
}
