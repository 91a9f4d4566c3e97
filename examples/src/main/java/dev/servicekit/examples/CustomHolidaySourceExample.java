package dev.servicekit.examples;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.DayRule;
import dev.servicekit.sla.holidays.ProductionCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A holiday source of your own, plugged in through the public {@link ProductionCalendar} builder:
 * Germany's nine nationwide public holidays computed from their rules (fixed dates and Easter
 * offsets), with no data file and no jollyday, then applied to a Berlin team's calendar. Any rule
 * set (a company's own closing days, a country without bundled data) plugs in the same way.
 */
public final class CustomHolidaySourceExample {

  private CustomHolidaySourceExample() {}

  /**
   * Germany's nationwide public holidays of the given years (the Länder add their own).
   *
   * @param firstYear first year, at least 1583 (Gregorian Easter)
   * @param lastYear last year, not before {@code firstYear}
   * @return the production calendar, region {@code DE}
   */
  static ProductionCalendar germanNationalHolidays(int firstYear, int lastYear) {
    ProductionCalendar.Builder b = ProductionCalendar.builderForYears("DE", firstYear, lastYear);
    Map<MonthDay, String> fixed =
        Map.of(
            MonthDay.of(1, 1), "Neujahr",
            MonthDay.of(5, 1), "Tag der Arbeit",
            MonthDay.of(10, 3), "Tag der Deutschen Einheit",
            MonthDay.of(12, 25), "1. Weihnachtstag",
            MonthDay.of(12, 26), "2. Weihnachtstag");
    for (int year = firstYear; year <= lastYear; year++) {
      for (Map.Entry<MonthDay, String> f : fixed.entrySet()) {
        b.holiday(f.getKey().atYear(year), f.getValue());
      }
      LocalDate easter = easterSunday(year);
      b.holiday(easter.minusDays(2), "Karfreitag");
      b.holiday(easter.plusDays(1), "Ostermontag");
      b.holiday(easter.plusDays(39), "Christi Himmelfahrt");
      b.holiday(easter.plusDays(50), "Pfingstmontag");
    }
    return b.build()
        .withSources(List.of("computed: fixed dates and Easter offsets (Gregorian computus)"));
  }

  /**
   * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
   *
   * @param year a year from 1583 on
   * @return the date of Easter Sunday
   */
  static LocalDate easterSunday(int year) {
    if (year < 1583) {
      throw new IllegalArgumentException(
          "year must be 1583 or later (Gregorian calendar), was " + year);
    }
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(year, month, day);
  }

  /**
   * Prints the holidays of 2026 and an 8-business-hour deadline over Easter.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    ProductionCalendar holidays = germanNationalHolidays(2026, 2026);
    for (Map.Entry<LocalDate, DayRule> e : holidays.rules().entrySet()) {
      System.out.println(e.getKey() + "  " + ((DayRule.Holiday) e.getValue()).name());
    }
    BusinessCalendar berlin =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .id("berlin")
            .weekdays(TimeRange.parse("09:00-17:00"))
            .apply(holidays)
            .build();
    // Thursday 2 April 2026, 15:00 Berlin (13:00 UTC): 2 h left that day, then Good Friday, the
    // weekend and Easter Monday are closed, so the remaining 6 h run on Tuesday 7 April.
    Instant created = Instant.parse("2026-04-02T13:00:00Z");
    Instant due = berlin.plus(created, Duration.ofHours(8));
    System.out.println("created " + created + ", 8 business hours -> due " + due);
  }
}
