package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the calendar engine give the answers of the plain walk: a calendar whose weekly
 * hours cover the whole week never closes (unless an exception closes it), and only then; a merge
 * is open throughout only where its operands say so; weekly footprints in zones west of UTC with
 * summer time never prove a shared year empty. Exact values, and a minute-by-minute walk of the
 * operands as the oracle for merges (mutation testing, issue 14).
 */
class CalendarFastPathTest {
  private static final TimeRange WHOLE_DAY = TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

  private static Instant at(String s) {
    return Instant.parse(s);
  }

  private static BusinessCalendar daily(ZoneId zone, TimeRange... ranges) {
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      b.hours(d, ranges);
    }
    return b.build();
  }

  @Test
  void hoursThatLeaveAGapEachDayCloseAtNewYear() {
    // open 12:00-24:00 every day: not the whole week, so the period ends at midnight
    BusinessCalendar afternoons = daily(ZoneOffset.UTC, TimeRange.parse("12:00-00:00"));
    assertEquals(
        Optional.of(at("2024-01-01T00:00:00Z")), afternoons.nextClose(at("2023-12-31T13:00:00Z")));
    // 2024-01-01 is a Monday: Monday's first hour continues the period into the new year
    assertEquals(DayOfWeek.MONDAY, LocalDate.of(2024, 1, 1).getDayOfWeek());
    BusinessCalendar withMonday =
        afternoons.toBuilder().hours(DayOfWeek.MONDAY, TimeRange.parse("00:00-01:00")).build();
    assertEquals(
        Optional.of(at("2024-01-01T01:00:00Z")), withMonday.nextClose(at("2023-12-31T13:00:00Z")));
    // a Sunday night shift that wraps past the end of the week (2023-12-31 is a Sunday)
    BusinessCalendar sundayNights =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.SUNDAY, TimeRange.parse("22:00-02:00"))
            .build();
    assertEquals(
        Optional.of(at("2024-01-01T02:00:00Z")),
        sundayNights.nextClose(at("2023-12-31T23:00:00Z")));
    assertEquals(
        at("2024-01-01T02:00:00Z"),
        sundayNights.plus(at("2023-12-31T23:00:00Z"), Duration.ofHours(3)));
  }

  @Test
  void aWholeWeekNeverClosesUnlessAnExceptionClosesIt() {
    BusinessCalendar always = daily(ZoneOffset.UTC, WHOLE_DAY);
    assertEquals(Optional.empty(), always.nextClose(at("2023-12-31T13:00:00Z")));
    // a holiday in the last supported year: open to it, then open to the end of the range
    BusinessCalendar lateHoliday = always.toBuilder().holiday(LocalDate.of(2299, 3, 1)).build();
    assertEquals(
        Optional.of(at("2299-03-01T00:00:00Z")), lateHoliday.nextClose(at("2298-12-31T12:00:00Z")));
    assertEquals(Optional.empty(), lateHoliday.nextClose(at("2299-06-01T00:00:00Z")));
    assertEquals(Optional.empty(), lateHoliday.nextClose(at("2299-12-31T23:59:59Z")));
    // a holiday in 2100: every year after it is open throughout
    BusinessCalendar holiday2100 = always.toBuilder().holiday(LocalDate.of(2100, 3, 1)).build();
    assertEquals(
        Optional.of(at("2100-03-01T00:00:00Z")), holiday2100.nextClose(at("2099-12-31T12:00:00Z")));
    assertEquals(Optional.empty(), holiday2100.nextClose(at("2100-03-02T00:00:00Z")));
    assertEquals(Optional.empty(), holiday2100.nextClose(at("2150-12-31T12:00:00Z")));
    // whole days Monday to Friday: closes at the weekend, never sooner, however long the run
    BusinessCalendar weekdays =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(WHOLE_DAY).build();
    assertEquals(
        Optional.of(at("2025-01-04T00:00:00Z")), weekdays.nextClose(at("2024-12-31T12:00:00Z")));
    // an intersection is open throughout only where both operands are
    assertEquals(
        Optional.of(at("2025-01-04T00:00:00Z")),
        weekdays.intersection(always).nextClose(at("2024-12-31T12:00:00Z")));
    assertEquals(
        Optional.of(at("2025-01-04T00:00:00Z")),
        always.intersection(weekdays).nextClose(at("2024-12-31T12:00:00Z")));
    assertEquals(Optional.empty(), weekdays.union(always).nextClose(at("2024-12-31T12:00:00Z")));
  }

  @Test
  void anIntersectionWithAZoneWestOfUtcWithSummerTimeKeepsItsSharedHours() {
    // 09:00-17:00 New York is 13:00-21:00 UTC in summer and 14:00-22:00 in winter
    BusinessCalendar newYork =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .weekdays(TimeRange.parse("09:00-17:00"))
            .build();
    BusinessCalendar utc =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("14:00-15:00")).build();
    for (BusinessCalendar both : List.of(newYork.intersection(utc), utc.intersection(newYork))) {
      for (String monday : List.of("2024-01-08", "2024-03-04", "2024-03-11", "2150-07-06")) {
        Instant from = LocalDate.parse(monday).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(Duration.ofDays(7));
        List<OpenPeriod> expected = walk(newYork, utc, from, to);
        assertEquals(expected, both.openPeriods(from, to), monday);
        assertEquals(
            expected.stream().map(OpenPeriod::duration).reduce(Duration.ZERO, Duration::plus),
            both.between(from, to),
            monday);
        assertFalse(expected.isEmpty(), monday);
      }
    }
  }

  @Test
  void anEmptyIntersectionAnswersInsideAnyYear() {
    BusinessCalendar mondays =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.MONDAY, TimeRange.parse("09:00-17:00"))
            .build();
    BusinessCalendar saturdays =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.SATURDAY, TimeRange.parse("09:00-17:00"))
            .build();
    BusinessCalendar never = mondays.intersection(saturdays);
    Instant monday = at("2100-06-07T10:00:00Z");
    assertEquals(DayOfWeek.MONDAY, LocalDate.of(2100, 6, 7).getDayOfWeek());
    assertFalse(never.isOpen(monday));
    assertEquals(Optional.of(monday), never.nextClose(monday));
    assertEquals(Optional.empty(), never.nextOpen(monday));
    assertEquals(Duration.ZERO, never.between(monday, monday.plus(Duration.ofDays(400))));
  }

  @Test
  void anIntersectionWithASideThatHasNoTimeInAYearIsClosedAllThatYear() {
    // one day of work two days before 2100: the year 2100 cannot be proved empty unbuilt
    BusinessCalendar oneDay =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hoursOn(LocalDate.of(2099, 12, 30), TimeRange.parse("10:00-12:00"))
            .build();
    BusinessCalendar weekdays =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeRange.parse("09:00-17:00"))
            .build();
    assertEquals(DayOfWeek.WEDNESDAY, LocalDate.of(2099, 12, 30).getDayOfWeek());
    for (BusinessCalendar both :
        List.of(oneDay.intersection(weekdays), weekdays.intersection(oneDay))) {
      Instant mid = at("2100-06-01T10:00:00Z");
      assertFalse(both.isOpen(mid));
      assertEquals(Optional.of(mid), both.nextClose(mid));
      assertEquals(
          Duration.ZERO, both.between(at("2100-01-01T00:00:00Z"), at("2100-12-31T00:00:00Z")));
      assertEquals(
          List.of(new OpenPeriod(at("2099-12-30T10:00:00Z"), at("2099-12-30T12:00:00Z"))),
          both.openPeriods(at("2099-12-01T00:00:00Z"), at("2100-12-31T00:00:00Z")));
    }
  }

  @Test
  void anInstantJustAfterClosingCountsNoneOfItsNanoseconds() {
    BusinessCalendar nineToFive =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();
    Instant closed = at("2026-03-02T17:00:00.500Z"); // a Monday, half a second after closing
    assertEquals(Duration.ofHours(1), nineToFive.between(closed, at("2026-03-03T10:00:00Z")));
    assertEquals(
        Duration.ofHours(1).plusMillis(250),
        nineToFive.between(closed, at("2026-03-03T10:00:00.250Z")));
    assertEquals(Duration.ZERO, nineToFive.between(closed, at("2026-03-02T23:00:00.900Z")));
    assertEquals(
        Duration.ofMillis(-500), nineToFive.between(closed, at("2026-03-02T16:59:59.500Z")));
  }

  /** Minute-by-minute walk of the operands: open where both are. */
  private static List<OpenPeriod> walk(
      BusinessCalendar a, BusinessCalendar b, Instant from, Instant to) {
    List<OpenPeriod> out = new ArrayList<>();
    Instant start = null;
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
      boolean open = a.isOpen(t) && b.isOpen(t);
      if (open && start == null) {
        start = t;
      } else if (!open && start != null) {
        out.add(new OpenPeriod(start, t));
        start = null;
      }
    }
    if (start != null) {
      out.add(new OpenPeriod(start, to));
    }
    return out;
  }
}
