package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled Russian year checked against the published yearly totals of the production calendar
 * (five-day week): calendar days, working days, days off and holidays, and the norm of working
 * hours at 40 hours a week (Ministry of Labour order No. 588n of 13.08.2009: 8 hours a working day,
 * minus one hour a pre-holiday day). The counting is done by {@link WorkingTimeOracle}, not by the
 * code under test; a mismatch fails.
 *
 * <p>Sources of the totals (the published production calendars of КонсультантПлюс and the press
 * reports of the decrees; also cross-checked against public monthly tables):
 *
 * <ul>
 *   <li>2015: 247 / 118 / 1971 h — КонсультантПлюс «Производственный календарь на 2015 год»;
 *   <li>2016: 247 / 119 / 1974 h — klerk.ru (mvf.klerk.ru/spr/spr137.htm), with Q1 56 days, 447 h;
 *   <li>2017: 247 / 118 / 1973 h — КонсультантПлюс «Производственный календарь на 2017 год»;
 *   <li>2018: 247 / 118 / 1970 h — kerchschool26.ru (2018 production calendar), my-calend.ru
 *       monthly table;
 *   <li>2019: 247 / 118 / 1970 h — КонсультантПлюс «Производственный календарь на 2019 год»;
 *   <li>2020: 248 / 118 / 1979 h — dzen.ru/a/XfhWPh_r1AC50Gqo and russian-edu.ru (decree No. 875);
 *   <li>2021: 247 / 118 / 1972 h — КонсультантПлюс «Производственный календарь на 2021 год»,
 *       quarters from mishki163.ru (Q1 56 days 447 h, Q2 62 days 494 h);
 *   <li>2022: 247 / 118 / 1973 h — consultant.ru/document/cons_doc_LAW_386234;
 *   <li>2023: 247 / 118 / 1973 h — КонсультантПлюс «Производственный календарь на 2023 год»;
 *   <li>2024: 248 / 118 / 1979 h — КонсультантПлюс «Производственный календарь на 2024 год»;
 *   <li>2025: 247 / 118 / 1972 h — RBC and fpur.ru (8 Jan 2025), findh.org monthly table;
 *   <li>2026: 247 / 118 / 1972 h — 4dk.ru/s/calendar, glavaudit.org/situations/k518956.
 * </ul>
 *
 * <p>Decree numbers, dates and transfers were checked against: buh.ru/news/uchet_nalogi/37314
 * (2015, No. 860), mvf.klerk.ru/spr/spr137.htm (2016, No. 1017), dz7.kodms.ru (2017, No. 756 of 4
 * Aug 2016), tolknews.ru (2018, No. 1250), viselki.net/node/2446 (2019, No. 1163 text),
 * russian-edu.ru (2020, No. 875), sport24.ru 16 Oct 2020 (2021, decree of 10 Oct 2020), otc-soft.ru
 * and consultant-plus-kursk.ru (2022, No. 1564 of 16 Sep 2021), garant.ru/hotlaw/ federal/1562946
 * (2023, No. 1505), normativ.kontur.ru document 454126 (2024, No. 1314 text). The day-level data
 * was also compared with the public xmlcalendar.ru files (github xmlcalendar/data).
 */
class RussiaYearlyTotalsTest {

  @ParameterizedTest(name = "{0}: {1} calendar days, {2} working, {3} off, {4} h")
  @CsvSource({
    "2015, 365, 247, 118, 1971",
    "2016, 366, 247, 119, 1974",
    "2017, 365, 247, 118, 1973",
    "2018, 365, 247, 118, 1970",
    "2019, 365, 247, 118, 1970",
    "2020, 366, 248, 118, 1979",
    "2021, 365, 247, 118, 1972",
    "2022, 365, 247, 118, 1973",
    "2023, 365, 247, 118, 1973",
    "2024, 366, 248, 118, 1979",
    "2025, 365, 247, 118, 1972",
    "2026, 365, 247, 118, 1972"
  })
  void bundledYearMatchesThePublishedTotals(
      int year, int calendarDays, int workingDays, int daysOff, int hours) {
    ProductionCalendar cal = BundledCalendars.russia(year);
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    int working = WorkingTimeOracle.workingDays(cal, from, to);
    assertEquals(calendarDays, (int) ChronoUnit.DAYS.between(from, to), "calendar days " + year);
    assertEquals(workingDays, working, "working days " + year);
    assertEquals(daysOff, calendarDays - working, "days off and holidays " + year);
    assertEquals(
        Duration.ofHours(hours), WorkingTimeOracle.workingTime(cal, from, to, 8), "hours " + year);
  }

  // Monthly tables: 2016 Q1 (klerk.ru: Jan 15/120, Feb 20/159, Mar 21/168), 2018 Jan-May
  // (my-calend.ru: 17/136, 19/151, 20/159, 21/167, 20/159), 2020 Q1-Q2 (russian-edu.ru: 17/136,
  // 19/152, 21/168, 22/175, 17/135, 21/167), 2021 Jan-Jun (mishki163.ru: 15, 19, 22 days, Q1 447
  // h; 22/175, 19, 21, Q2 494 h).
  @ParameterizedTest(name = "{0}: {1} days, {2} h")
  @CsvSource({
    "2016-01, 15, 120",
    "2016-02, 20, 159",
    "2016-03, 21, 168",
    "2018-01, 17, 136",
    "2018-02, 19, 151",
    "2018-03, 20, 159",
    "2018-04, 21, 167",
    "2018-05, 20, 159",
    "2020-01, 17, 136",
    "2020-02, 19, 152",
    "2020-03, 21, 168",
    "2020-04, 22, 175",
    "2020-05, 17, 135",
    "2020-06, 21, 167",
    "2021-01, 15, 120",
    "2021-02, 19, 151",
    "2021-03, 22, 176",
    "2021-04, 22, 175",
    "2021-05, 19, 152",
    "2021-06, 21, 167"
  })
  void monthMatchesThePublishedTable(YearMonth month, int days, int hours) {
    ProductionCalendar cal = BundledCalendars.russia(month.getYear());
    LocalDate from = month.atDay(1);
    LocalDate to = month.plusMonths(1).atDay(1);
    assertEquals(days, WorkingTimeOracle.workingDays(cal, from, to), "working days " + month);
    assertEquals(
        Duration.ofHours(hours), WorkingTimeOracle.workingTime(cal, from, to, 8), "hours " + month);
  }

  @Test
  void everyYearNamesItsDecreeAndHasTheFourteenArticle112Holidays() {
    Map<Integer, String> decrees =
        Map.ofEntries(
            Map.entry(2015, "от 27.08.2014 № 860"),
            Map.entry(2016, "от 24.09.2015 № 1017"),
            Map.entry(2017, "от 04.08.2016 № 756"),
            Map.entry(2018, "от 14.10.2017 № 1250"),
            Map.entry(2019, "от 01.10.2018 № 1163"),
            Map.entry(2020, "от 10.07.2019 № 875"),
            Map.entry(2021, "от 10.10.2020 № 1648"),
            Map.entry(2022, "от 16.09.2021 № 1564"),
            Map.entry(2023, "от 29.08.2022 № 1505"),
            Map.entry(2024, "от 10.08.2023 № 1314"),
            Map.entry(2025, "от 04.10.2024 № 1335"),
            Map.entry(2026, "от 24.09.2025 № 1466"));
    assertEquals(decrees.keySet(), BundledCalendars.russiaYears());
    int[][] monthDays = {
      {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {2, 23}, {3, 8}, {5, 1},
      {5, 9}, {6, 12}, {11, 4}
    };
    for (Map.Entry<Integer, String> e : decrees.entrySet()) {
      ProductionCalendar cal = BundledCalendars.russia(e.getKey());
      assertTrue(
          cal.sources().stream().anyMatch(s -> s.contains(e.getValue())),
          e.getKey() + " names " + e.getValue());
      long holidays =
          cal.rules().values().stream().filter(r -> r instanceof DayRule.Holiday).count();
      assertEquals(monthDays.length, holidays, "holidays in " + e.getKey());
      for (int[] md : monthDays) {
        LocalDate d = LocalDate.of(e.getKey(), md[0], md[1]);
        assertTrue(cal.rule(d).orElseThrow() instanceof DayRule.Holiday, d + " is a holiday");
      }
    }
  }

  @Test
  void rulesAreConsistentWithAFiveDayWeek() {
    // Structural invariants of every bundled year: days off and plain shortened days fall on
    // weekdays, transferred working days on weekends.
    for (int year : BundledCalendars.russiaYears()) {
      ProductionCalendar cal = BundledCalendars.russia(year);
      cal.rules()
          .forEach(
              (d, r) -> {
                boolean weekend =
                    d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                if (r instanceof DayRule.DayOff || r instanceof DayRule.Shortened) {
                  assertTrue(!weekend, d + " " + r + " must be a weekday");
                }
                if (r instanceof DayRule.WorkingDay) {
                  assertTrue(weekend, d + " " + r + " must be a weekend day");
                }
              });
    }
  }

  @Test
  void presidentialNonWorkingDaysAreSeparateCitedAndOnlyWeekdays() {
    ProductionCalendar extra = BundledCalendars.russiaPresidentialNonWorkingDays();
    ProductionCalendar official = BundledCalendars.russia(2020, 2021);
    assertEquals(LocalDate.of(2020, 1, 1), extra.start());
    assertEquals(LocalDate.of(2022, 1, 1), extra.end());
    for (Map.Entry<LocalDate, DayRule> e : extra.rules().entrySet()) {
      DayRule.DayOff off = (DayRule.DayOff) e.getValue();
      assertTrue(off.reason().contains("Указ Президента РФ"), off.reason());
      assertTrue(e.getKey().getDayOfWeek().getValue() <= 5, e.getKey() + " is a weekday");
      assertTrue(
          WorkingTimeOracle.isWorking(official, e.getKey()),
          e.getKey() + " is a working day in the Labour Code calendar");
    }
    // Hand count of the decreed weekdays: 2020 — 30 Mar-3 Apr (5), 6-30 Apr (19), 6-8 May (3),
    // 24 Jun, 1 Jul; 2021 — 4-7 May (4), 1-3 Nov (3; 4 Nov is a holiday, 5 Nov a transfer).
    ProductionCalendar closed = official.withOverride(extra);
    LocalDate y2020 = LocalDate.of(2020, 1, 1);
    LocalDate y2021 = LocalDate.of(2021, 1, 1);
    LocalDate y2022 = LocalDate.of(2022, 1, 1);
    assertEquals(248 - 29, WorkingTimeOracle.workingDays(closed, y2020, y2021));
    assertEquals(247 - 7, WorkingTimeOracle.workingDays(closed, y2021, y2022));
    // 29 days of 8 h, of which 30 April and 8 May 2020 were 7-hour pre-holiday days.
    assertEquals(
        Duration.ofHours(1979 - 29 * 8 + 2),
        WorkingTimeOracle.workingTime(closed, y2020, y2021, 8));
  }
}
