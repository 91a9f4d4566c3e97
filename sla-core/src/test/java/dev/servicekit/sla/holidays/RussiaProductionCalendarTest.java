package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled Russian production calendars checked against published reference values. The rules
 * were transcribed from the decrees (sources below); the totals are independent publications, and
 * the counting is done by {@link WorkingTimeOracle}, not by the code under test.
 *
 * <p>Sources used:
 *
 * <ul>
 *   <li>2025 transfers: Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных
 *       дней в 2025 году», text as quoted by polimat.ru/prazdniki and the government press release
 *       reproduced by teko.cntd.ru (4 Oct 2024): 4 Jan→2 May, 5 Jan→31 Dec, 23 Feb→8 May, 8 Mar→13
 *       Jun, 1 Nov→3 Nov; rest periods 22-23 Feb, 8-9 Mar, 1-4 May, 8-11 May, 12-15 Jun, 2-4 Nov.
 *   <li>2025 shortened days 7 Mar, 30 Apr, 11 Jun, 1 Nov and the totals 247 working days / 118 days
 *       off: RBC as reproduced by saransk-news.net (8 Jan 2025); fpur.ru (8 Jan 2025).
 *   <li>2025 per-month working days and 40-hour norms: findh.org production calendar 2025 ("Баланс
 *       рабочего времени РФ для пятидневной рабочей недели").
 *   <li>2026 transfers: Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных
 *       дней в 2026 году» as quoted by klerk.ru (24 Sep 2025) and profedu38.ru: 3 Jan→9 Jan, 4
 *       Jan→31 Dec; rest periods 31 Dec 2025-11 Jan, 21-23 Feb, 7-9 Mar, 1-3 May, 9-11 May, 12-14
 *       Jun, 4 Nov, 31 Dec; shortened days 30 Apr, 8 May, 11 Jun, 3 Nov (profedu38.ru).
 *   <li>2026 per-month norms: glavaudit.org/situations/k518956 ("Производственный календарь 2026").
 *   <li>2026 per-quarter and annual totals (247 days, 1972 hours at 40 h/week): 4dk.ru/s/calendar;
 *       247 working / 118 days off also Pensastat via penza-news.net (13 Jan 2026).
 * </ul>
 */
class RussiaProductionCalendarTest {

  private static final ProductionCalendar RU_2025 = BundledCalendars.russia(2025);
  private static final ProductionCalendar RU_2026 = BundledCalendars.russia(2026);

  // findh.org, production calendar 2025, five-day week: month, working days, hours at 40 h/week.
  @ParameterizedTest(name = "2025-{0}: {1} days, {2} h")
  @CsvSource({
    "1, 17, 136", "2, 20, 160", "3, 21, 167", "4, 22, 175", "5, 18, 144", "6, 19, 151",
    "7, 23, 184", "8, 21, 168", "9, 22, 176", "10, 23, 184", "11, 19, 151", "12, 22, 176"
  })
  void monthlyNorms2025MatchThePublishedTable(int month, int days, int hours) {
    YearMonth ym = YearMonth.of(2025, month);
    LocalDate from = ym.atDay(1);
    LocalDate to = ym.plusMonths(1).atDay(1);
    assertEquals(days, WorkingTimeOracle.workingDays(RU_2025, from, to), "working days " + ym);
    assertEquals(
        Duration.ofHours(hours),
        WorkingTimeOracle.workingTime(RU_2025, from, to, 8),
        "hours " + ym);
  }

  // glavaudit.org/situations/k518956, production calendar 2026, five-day week: month, working
  // days, hours at 40 h/week.
  @ParameterizedTest(name = "2026-{0}: {1} days, {2} h")
  @CsvSource({
    "1, 15, 120", "2, 19, 152", "3, 21, 168", "4, 22, 175", "5, 19, 151", "6, 21, 167",
    "7, 23, 184", "8, 21, 168", "9, 22, 176", "10, 22, 176", "11, 20, 159", "12, 22, 176"
  })
  void monthlyNorms2026MatchThePublishedTable(int month, int days, int hours) {
    YearMonth ym = YearMonth.of(2026, month);
    LocalDate from = ym.atDay(1);
    LocalDate to = ym.plusMonths(1).atDay(1);
    assertEquals(days, WorkingTimeOracle.workingDays(RU_2026, from, to), "working days " + ym);
    assertEquals(
        Duration.ofHours(hours),
        WorkingTimeOracle.workingTime(RU_2026, from, to, 8),
        "hours " + ym);
  }

  // 4dk.ru/s/calendar, production calendar 2026: quarter, working days, hours at 40 h/week.
  @ParameterizedTest(name = "2026-Q{0}: {1} days, {2} h")
  @CsvSource({"1, 55, 440", "2, 62, 493", "3, 66, 528", "4, 64, 511"})
  void quarterlyNorms2026MatchThePublishedTable(int quarter, int days, int hours) {
    LocalDate from = LocalDate.of(2026, 3 * quarter - 2, 1);
    LocalDate to = from.plusMonths(3);
    assertEquals(days, WorkingTimeOracle.workingDays(RU_2026, from, to));
    assertEquals(Duration.ofHours(hours), WorkingTimeOracle.workingTime(RU_2026, from, to, 8));
  }

  // Annual totals: 2025 — 247 days (RBC, fpur.ru), 1972 h (sum of the findh.org table);
  // 2026 — 247 days, 1972 h (4dk.ru; Pensastat).
  @ParameterizedTest(name = "{0}: {1} days, {2} h")
  @CsvSource({"2025, 247, 1972", "2026, 247, 1972"})
  void annualNormsMatchPublishedTotals(int year, int days, int hours) {
    ProductionCalendar cal = BundledCalendars.russia(year);
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    assertEquals(days, WorkingTimeOracle.workingDays(cal, from, to));
    assertEquals(Duration.ofHours(hours), WorkingTimeOracle.workingTime(cal, from, to, 8));
    assertEquals(365 - days, 365 - WorkingTimeOracle.workingDays(cal, from, to));
  }

  // Government press releases (see class comment): each announced rest period is a maximal run
  // of non-working days — the day before and the day after are working days.
  @ParameterizedTest(name = "rest {0}..{1}")
  @CsvSource({
    "2025-01-01, 2025-01-08",
    "2025-02-22, 2025-02-23",
    "2025-03-08, 2025-03-09",
    "2025-05-01, 2025-05-04",
    "2025-05-08, 2025-05-11",
    "2025-06-12, 2025-06-15",
    "2025-11-02, 2025-11-04",
    "2025-12-31, 2026-01-11",
    "2026-02-21, 2026-02-23",
    "2026-03-07, 2026-03-09",
    "2026-05-01, 2026-05-03",
    "2026-05-09, 2026-05-11",
    "2026-06-12, 2026-06-14",
    "2026-11-04, 2026-11-04"
  })
  void announcedRestPeriodsAreMaximalRunsOfDaysOff(LocalDate first, LocalDate last) {
    ProductionCalendar both = BundledCalendars.russia(2025, 2026);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      assertFalse(WorkingTimeOracle.isWorking(both, d), d + " must be a day off");
    }
    if (both.covers(first.minusDays(1))) {
      assertTrue(WorkingTimeOracle.isWorking(both, first.minusDays(1)), "day before " + first);
    }
    assertTrue(WorkingTimeOracle.isWorking(both, last.plusDays(1)), "day after " + last);
  }

  @Test
  void shortenedDaysAreExactlyThePublishedPreHolidayDays() {
    assertEquals(
        List.of(
            LocalDate.of(2025, 3, 7),
            LocalDate.of(2025, 4, 30),
            LocalDate.of(2025, 6, 11),
            LocalDate.of(2025, 11, 1)),
        shortenedDates(RU_2025));
    assertEquals(
        List.of(
            LocalDate.of(2026, 4, 30),
            LocalDate.of(2026, 5, 8),
            LocalDate.of(2026, 6, 11),
            LocalDate.of(2026, 11, 3)),
        shortenedDates(RU_2026));
  }

  @Test
  void workingSaturdayFirstOfNovember2025IsShortenedAndWorksAsMonday() {
    assertEquals(
        Optional.of(new DayRule.WorkingDay(DayOfWeek.MONDAY, Duration.ofHours(1))),
        RU_2025.rule(LocalDate.of(2025, 11, 1)));
    assertTrue(
        RU_2026.rules().values().stream().noneMatch(r -> r instanceof DayRule.WorkingDay),
        "2026 has no working Saturdays");
  }

  @Test
  void everyLabourCodeHolidayIsPresentInBothYears() {
    // Labour Code art. 112 part 1.
    int[][] monthDays = {
      {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {2, 23}, {3, 8}, {5, 1},
      {5, 9}, {6, 12}, {11, 4}
    };
    for (int year : new int[] {2025, 2026}) {
      ProductionCalendar cal = BundledCalendars.russia(year);
      long holidays =
          cal.rules().values().stream().filter(r -> r instanceof DayRule.Holiday).count();
      assertEquals(monthDays.length, holidays, "holidays in " + year);
      for (int[] md : monthDays) {
        LocalDate d = LocalDate.of(year, md[0], md[1]);
        assertTrue(cal.rule(d).orElseThrow() instanceof DayRule.Holiday, d + " is a holiday");
      }
    }
  }

  @Test
  void bundledCalendarsNameTheirSourcesAndRejectOtherYears() {
    assertTrue(RU_2025.sources().stream().anyMatch(s -> s.contains("№ 1335")));
    assertTrue(RU_2026.sources().stream().anyMatch(s -> s.contains("№ 1466")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BundledCalendars.russia(2027));
    assertTrue(e.getMessage().contains("2027") && e.getMessage().contains("2015..2026"));
    assertEquals(RU_2025.merge(RU_2026), BundledCalendars.russia(2025, 2026));
  }

  private static List<LocalDate> shortenedDates(ProductionCalendar cal) {
    List<LocalDate> out = new ArrayList<>();
    cal.rules()
        .forEach(
            (d, r) -> {
              if (r instanceof DayRule.Shortened
                  || (r instanceof DayRule.WorkingDay w && !w.shortenedBy().isZero())) {
                out.add(d);
              }
            });
    return out;
  }
}
