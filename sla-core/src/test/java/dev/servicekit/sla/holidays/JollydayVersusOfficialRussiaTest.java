package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Why library holiday data is only a starting point: jollyday's Russian data (2.19.0) against the
 * official production calendars (see {@link RussiaProductionCalendarTest} for the sources). The
 * expected differences below were worked out by hand from the decrees, not copied from a run.
 */
class JollydayVersusOfficialRussiaTest {

  private static Set<LocalDate> nonWorkingWeekdays(ProductionCalendar cal, int year) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5 && !WorkingTimeOracle.isWorking(cal, d)) {
        out.add(d);
      }
    }
    return out;
  }

  private static Set<LocalDate> minus(Set<LocalDate> a, Set<LocalDate> b) {
    TreeSet<LocalDate> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  @Test
  void jollyday2025MissesDecreedTransfersAndInventsWrongDaysOff() {
    ProductionCalendar jolly = JollydayHolidays.holidays("ru", 2025, 2025);
    ProductionCalendar official = BundledCalendars.russia(2025);
    Set<LocalDate> j = nonWorkingWeekdays(jolly, 2025);
    Set<LocalDate> o = nonWorkingWeekdays(official, 2025);
    // jollyday treats 9-10 January as holidays and moves 23 Feb / 8 Mar to the next Monday by its
    // own rule; decree No. 1335 instead moved those weekend days to 8 May and 13 June.
    assertEquals(
        Set.of(
            LocalDate.of(2025, 1, 9),
            LocalDate.of(2025, 1, 10),
            LocalDate.of(2025, 2, 24),
            LocalDate.of(2025, 3, 10)),
        minus(j, o));
    // Decree No. 1335 transfers jollyday does not know.
    assertEquals(
        Set.of(
            LocalDate.of(2025, 5, 2),
            LocalDate.of(2025, 5, 8),
            LocalDate.of(2025, 6, 13),
            LocalDate.of(2025, 11, 3),
            LocalDate.of(2025, 12, 31)),
        minus(o, j));
    // No working Saturday (1 Nov 2025) and no shortened pre-holiday days in jollyday.
    assertTrue(jolly.rules().values().stream().allMatch(r -> r instanceof DayRule.Holiday));
    // The annual day count agrees by coincidence (247) although nine dates differ; hours do not.
    LocalDate from = LocalDate.of(2025, 1, 1);
    LocalDate to = LocalDate.of(2026, 1, 1);
    assertEquals(247, WorkingTimeOracle.workingDays(jolly, from, to));
    assertEquals(Duration.ofHours(1976), WorkingTimeOracle.workingTime(jolly, from, to, 8));
    assertEquals(Duration.ofHours(1972), WorkingTimeOracle.workingTime(official, from, to, 8));
  }

  @Test
  void jollyday2026ExtendsTheNewYearBreakToTheTwelfthAndMissesTheThirtyFirst() {
    Set<LocalDate> j = nonWorkingWeekdays(JollydayHolidays.holidays("ru", 2026, 2026), 2026);
    Set<LocalDate> o = nonWorkingWeekdays(BundledCalendars.russia(2026), 2026);
    // jollyday moves its (non-official) 10 January holiday to Monday 12 January.
    assertEquals(Set.of(LocalDate.of(2026, 1, 12)), minus(j, o));
    // Decree No. 1466 moves 4 January to 31 December.
    assertEquals(Set.of(LocalDate.of(2026, 12, 31)), minus(o, j));
  }

  /** Dates whose working hours (0 if off, else 8 minus any shortening) differ. */
  private static Set<LocalDate> datesWithDifferentHours(
      ProductionCalendar a, ProductionCalendar b, int year) {
    TreeSet<LocalDate> out = new TreeSet<>();
    for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
      LocalDate next = d.plusDays(1);
      if (!WorkingTimeOracle.workingTime(a, d, next, 8)
          .equals(WorkingTimeOracle.workingTime(b, d, next, 8))) {
        out.add(d);
      }
    }
    return out;
  }

  @Test
  void jollyday2023IsWrongOnSevenDatesThatTheBundledDataCorrects() {
    ProductionCalendar jolly = JollydayHolidays.holidays("ru", 2023, 2023);
    ProductionCalendar official = BundledCalendars.russia(2023);
    // Decree No. 1505 moved Sunday 1 January to Friday 24 February and Sunday 8 January to Monday
    // 8 May; jollyday instead rests on 9 and 10 January. It also lacks the three pre-holiday
    // shortened days 22 February, 7 March and 3 November (Labour Code art. 95).
    assertEquals(
        Set.of(
            LocalDate.of(2023, 1, 9),
            LocalDate.of(2023, 1, 10),
            LocalDate.of(2023, 2, 22),
            LocalDate.of(2023, 2, 24),
            LocalDate.of(2023, 3, 7),
            LocalDate.of(2023, 5, 8),
            LocalDate.of(2023, 11, 3)),
        datesWithDifferentHours(jolly, official, 2023));
    LocalDate from = LocalDate.of(2023, 1, 1);
    LocalDate to = from.plusYears(1);
    // Same day count by coincidence; the published norm is 1973 h, jollyday gives 1976 h.
    assertEquals(247, WorkingTimeOracle.workingDays(jolly, from, to));
    assertEquals(Duration.ofHours(1976), WorkingTimeOracle.workingTime(jolly, from, to, 8));
    assertEquals(Duration.ofHours(1973), WorkingTimeOracle.workingTime(official, from, to, 8));
    assertEquals(
        official.rules(), CalendarCorrections.between(jolly, official).applyTo(jolly).rules());
  }

  @Test
  void jollyday2024IsWrongOnFourteenDatesThatTheBundledDataCorrects() {
    ProductionCalendar jolly = JollydayHolidays.holidays("ru", 2024, 2024);
    ProductionCalendar official = BundledCalendars.russia(2024);
    // Decree No. 1314: Saturday 6 January to Friday 10 May, Sunday 7 January to Tuesday 31
    // December, and three working Saturdays (27 April, 2 November, 28 December) for Monday 29
    // April, Tuesday 30 April and Monday 30 December; jollyday rests on 9 and 10 January instead.
    // Jollyday also lacks the shortened days 22 February, 7 March, 8 May, 11 June and 2 November.
    assertEquals(
        Set.of(
            LocalDate.of(2024, 1, 9),
            LocalDate.of(2024, 1, 10),
            LocalDate.of(2024, 2, 22),
            LocalDate.of(2024, 3, 7),
            LocalDate.of(2024, 4, 27),
            LocalDate.of(2024, 4, 29),
            LocalDate.of(2024, 4, 30),
            LocalDate.of(2024, 5, 8),
            LocalDate.of(2024, 5, 10),
            LocalDate.of(2024, 6, 11),
            LocalDate.of(2024, 11, 2),
            LocalDate.of(2024, 12, 28),
            LocalDate.of(2024, 12, 30),
            LocalDate.of(2024, 12, 31)),
        datesWithDifferentHours(jolly, official, 2024));
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = from.plusYears(1);
    // Again the same day count (248) by coincidence; the published norm is 1979 h, not 1984 h.
    assertEquals(248, WorkingTimeOracle.workingDays(jolly, from, to));
    assertEquals(Duration.ofHours(1984), WorkingTimeOracle.workingTime(jolly, from, to, 8));
    assertEquals(Duration.ofHours(1979), WorkingTimeOracle.workingTime(official, from, to, 8));
    assertEquals(
        official.rules(), CalendarCorrections.between(jolly, official).applyTo(jolly).rules());
  }

  @Test
  void correctingJollydayWithTheOfficialDataYieldsTheOfficialCalendar() {
    ProductionCalendar jolly = JollydayHolidays.holidays("ru", 2025, 2025);
    ProductionCalendar official = BundledCalendars.russia(2025);
    Set<LocalDate> wrong = minus(jolly.rules().keySet(), official.rules().keySet());
    CalendarCorrections corrections = CalendarCorrections.of(official, wrong);
    ProductionCalendar corrected = corrections.applyTo(jolly);
    // The same corrections, computed: jollyday's four wrong weekday holidays are removed.
    CalendarCorrections computed = CalendarCorrections.between(jolly, official);
    assertEquals(
        Set.of(
            LocalDate.of(2025, 1, 9),
            LocalDate.of(2025, 1, 10),
            LocalDate.of(2025, 2, 24),
            LocalDate.of(2025, 3, 10)),
        computed.removals());
    assertEquals(official.rules(), computed.applyTo(jolly).rules());
    assertEquals(official.rules(), corrected.rules());
    assertEquals(
        Duration.ofHours(1972),
        WorkingTimeOracle.workingTime(
            corrected, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), 8));
  }
}
