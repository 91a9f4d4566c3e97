package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contracts of {@link BusinessCalendar} found broken in review, one test each. */
class BusinessCalendarReviewTest {
  private static final ZoneId ZONE = ZoneId.of("Australia/Lord_Howe");

  private static TimeRange r(String s) {
    return TimeRange.parse(s);
  }

  @Test
  void weeklyRangesAreSortedAndTheirOrderDoesNotMakeAnotherCalendar() {
    BusinessCalendar late =
        BusinessCalendar.builder(ZONE)
            .hours(DayOfWeek.MONDAY, r("14:00-18:00"), r("09:00-13:00"))
            .hoursOn(LocalDate.of(2026, 4, 6), r("22:00-02:00"), r("10:00-12:00"))
            .build();
    BusinessCalendar early =
        BusinessCalendar.builder(ZONE)
            .hours(DayOfWeek.MONDAY, r("09:00-13:00"))
            .hours(DayOfWeek.MONDAY, r("14:00-18:00"))
            .hoursOn(LocalDate.of(2026, 4, 6), r("10:00-12:00"), r("22:00-02:00"))
            .build();
    List<TimeRange> sorted = new ArrayList<>(late.hours(DayOfWeek.MONDAY));
    Collections.sort(sorted);
    assertEquals(sorted, late.hours(DayOfWeek.MONDAY), "hours(day) is documented as sorted");
    // the same rules, only given in another order: the same calendar
    assertEquals(early, late);
    assertEquals(early.hashCode(), late.hashCode());
    assertEquals(CalendarJson.write(early), CalendarJson.write(late));
  }
}
