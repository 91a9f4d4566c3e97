package dev.servicekit.sla.holidays;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Brute-force counter of working days and hours in the way official production-calendar tables
 * count them: Monday-Friday, minus holidays and days off, plus transferred working days; hours are
 * {@code hoursPerDay} per working day minus shortenings. Walks every date; no cleverness.
 */
final class WorkingTimeOracle {

  private WorkingTimeOracle() {}

  static boolean isWorking(ProductionCalendar cal, LocalDate date) {
    DayRule rule = cal.rule(date).orElse(null);
    if (rule instanceof DayRule.WorkingDay) {
      return true;
    }
    if (rule instanceof DayRule.Holiday || rule instanceof DayRule.DayOff) {
      return false;
    }
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  /** Working days in {@code [from, to)}. */
  static int workingDays(ProductionCalendar cal, LocalDate from, LocalDate to) {
    int days = 0;
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      if (isWorking(cal, d)) {
        days++;
      }
    }
    return days;
  }

  /** Working time in {@code [from, to)} at {@code hoursPerDay} hours per normal working day. */
  static Duration workingTime(
      ProductionCalendar cal, LocalDate from, LocalDate to, int hoursPerDay) {
    Duration total = Duration.ZERO;
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      if (!isWorking(cal, d)) {
        continue;
      }
      total = total.plusHours(hoursPerDay);
      DayRule rule = cal.rule(d).orElse(null);
      if (rule instanceof DayRule.Shortened s) {
        total = total.minus(s.reduction());
      } else if (rule instanceof DayRule.WorkingDay w) {
        total = total.minus(w.shortenedBy());
      }
    }
    return total;
  }
}
