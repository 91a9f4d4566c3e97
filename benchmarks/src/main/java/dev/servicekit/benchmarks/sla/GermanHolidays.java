package dev.servicekit.benchmarks.sla;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * German nationwide public holidays for a range of years: the benchmark's realistic holiday list.
 */
final class GermanHolidays {
  private static final List<MonthDay> FIXED =
      List.of(
          MonthDay.of(1, 1),
          MonthDay.of(5, 1),
          MonthDay.of(10, 3),
          MonthDay.of(12, 25),
          MonthDay.of(12, 26));

  private GermanHolidays() {}

  static List<LocalDate> forYears(int fromYear, int toYear) {
    List<LocalDate> days = new ArrayList<>();
    for (int year = fromYear; year <= toYear; year++) {
      for (MonthDay md : FIXED) {
        days.add(md.atYear(year));
      }
      LocalDate easter = easterSunday(year);
      days.add(easter.minusDays(2)); // Good Friday
      days.add(easter.plusDays(1)); // Easter Monday
      days.add(easter.plusDays(39)); // Ascension Day
      days.add(easter.plusDays(50)); // Whit Monday
    }
    return days;
  }

  /** Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
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
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }
}
