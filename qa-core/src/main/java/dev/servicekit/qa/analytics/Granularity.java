package dev.servicekit.qa.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
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
}
