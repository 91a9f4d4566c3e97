package dev.servicekit.qa.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * Reporting period length.
 *
 * <p>Immutable and thread-safe.
 */
public enum Granularity {
  /** Calendar day. */
  DAY,
  /** ISO week, starting on Monday. */
  WEEK,
  /** Calendar month. */
  MONTH;

  /**
   * The first day of the period containing {@code date}.
   *
   * @param date a date
   * @return the period start
   */
  public LocalDate periodStart(LocalDate date) {
    switch (this) {
      case WEEK:
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return date.withDayOfMonth(1);
      case DAY:
      default:
        return date;
    }
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
