package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Years proved empty without generating them (yearly totals, bounds learned by a failed search,
 * weekly footprints of merged calendars) must give the same answers as generating them, whatever
 * the operand order and whichever operation runs first. Results only; the costs are measured by
 * {@code CalendarEdgeBenchmark} in the benchmarks module.
 */
class BusinessCalendarEmptyYearsTest {
  private static final Instant FIRST = BusinessCalendar.SUPPORTED_START;
  private static final Instant LAST_DAY = Instant.parse("2299-12-31T00:00:00Z");

  private static BusinessCalendar weekdays(String zone, String from, String to) {
    return BusinessCalendar.builder(ZoneId.of(zone))
        .id(zone + " " + from)
        .weekdays(TimeRange.of(LocalTime.parse(from), LocalTime.parse(to)))
        .build();
  }

  /** A calendar with no weekly hours: open on three dates only. */
  private static BusinessCalendar sparse() {
    TimeRange morning = TimeRange.of(LocalTime.of(10, 0), LocalTime.of(12, 0));
    return BusinessCalendar.builder(ZoneOffset.UTC)
        .id("sparse")
        .hoursOn(LocalDate.of(1901, 3, 1), morning)
        .hoursOn(LocalDate.of(1950, 6, 1), morning)
        .hoursOn(LocalDate.of(2298, 6, 1), morning)
        .build();
  }

  /** Open half an hour of every two hours, every day: many periods per year. */
  private static BusinessCalendar dense() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).id("dense");
    for (DayOfWeek d : DayOfWeek.values()) {
      for (int h = 0; h < 24; h += 2) {
        b.hours(d, TimeRange.of(LocalTime.of(h, 0), LocalTime.of(h, 30)));
      }
    }
    return b.build();
  }

  @Test
  void disjointTeamAndCustomerHoursNeverOverlapWhicheverOperationAsksFirst() {
    BusinessCalendar team = weekdays("Europe/Berlin", "09:00", "17:00");
    BusinessCalendar customer =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .hours(DayOfWeek.SATURDAY, TimeRange.of(LocalTime.of(10, 0), LocalTime.of(14, 0)))
            .build();
    Instant mid = Instant.parse("2100-06-01T12:00:00Z");
    for (int order = 0; order < 3; order++) {
      BusinessCalendar both =
          order == 1 ? customer.intersection(team) : team.intersection(customer);
      if (order == 2) {
        // a failed search first: what it learns must not change the other answers
        assertThrows(IllegalStateException.class, () -> both.plus(mid, Duration.ofMinutes(1)));
      }
      for (int repeat = 0; repeat < 2; repeat++) {
        assertEquals(List.of(), both.openPeriods(FIRST, LAST_DAY));
        assertEquals(Optional.empty(), both.nextOpen(FIRST));
        assertEquals(Duration.ZERO, both.between(FIRST, LAST_DAY));
        assertThrows(IllegalStateException.class, () -> both.plus(mid, Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, () -> both.minus(mid, Duration.ofSeconds(1)));
      }
    }
  }

  @Test
  void sameZoneHoursThatOnlyTouchHaveNoCommonTimeButOverlappingOnesDo() {
    BusinessCalendar am = weekdays("Europe/Berlin", "09:00", "12:00");
    BusinessCalendar pm = weekdays("Europe/Berlin", "12:00", "17:00");
    assertEquals(List.of(), am.intersection(pm).openPeriods(FIRST, LAST_DAY));
    BusinessCalendar london = weekdays("Europe/London", "10:30", "11:30");
    // 10:30-11:30 London is 11:30-12:30 Berlin all year round since 1996: half an hour a weekday
    BusinessCalendar both = am.intersection(london);
    Instant monday = Instant.parse("2200-01-06T00:00:00Z");
    assertEquals(DayOfWeek.MONDAY, LocalDate.of(2200, 1, 6).getDayOfWeek());
    assertEquals(Duration.ofMinutes(150), both.between(monday, monday.plus(Duration.ofDays(7))));
    assertEquals(Optional.of(Instant.parse("2200-01-06T10:30:00Z")), both.nextOpen(monday));
  }

  @Test
  void sparseAndDenseIntersectTheSameInEitherOrder() {
    BusinessCalendar sparse = sparse();
    BusinessCalendar dense = dense();
    Instant from = Instant.parse("1902-01-01T00:00:00Z");
    Instant expected = Instant.parse("1950-06-01T11:30:00Z");
    // 1950-06-01 10:00-12:00 UTC is 11:00-13:00 Berlin (no summer time that year): 12:00-12:30
    assertEquals(expected, dense.intersection(sparse).plus(from, Duration.ofMinutes(30)));
    assertEquals(expected, sparse.intersection(dense).plus(from, Duration.ofMinutes(30)));
    assertEquals(
        sparse.intersection(dense).openPeriods(FIRST, LAST_DAY),
        dense.intersection(sparse).openPeriods(FIRST, LAST_DAY));
    assertEquals(3, dense.intersection(sparse).openPeriods(FIRST, LAST_DAY).size());
    assertEquals(Duration.ofMinutes(90), sparse.intersection(dense).between(FIRST, LAST_DAY));
  }

  @Test
  void openPeriodsLearnsTheEmptyYearsAndLaterSearchesStillFindTheWork() {
    BusinessCalendar cal = sparse().union(sparse());
    Instant a = Instant.parse("1951-01-01T00:00:00Z");
    Instant b = Instant.parse("2299-01-01T00:00:00Z");
    assertEquals(1, cal.openPeriods(a, b).size());
    assertEquals(Optional.of(Instant.parse("2298-06-01T10:00:00Z")), cal.nextOpen(a));
    assertEquals(Instant.parse("2298-06-01T11:00:00Z"), cal.plus(a, Duration.ofHours(1)));
    assertEquals(Instant.parse("1950-06-01T11:00:00Z"), cal.minus(a, Duration.ofHours(1)));
    assertEquals(List.of(), cal.openPeriods(Instant.parse("2298-06-02T00:00:00Z"), LAST_DAY));
    assertEquals(Optional.empty(), cal.nextOpen(Instant.parse("2298-06-02T00:00:00Z")));
    assertEquals(Instant.parse("2298-06-01T10:00:00Z"), cal.minus(LAST_DAY, Duration.ofHours(2)));
    assertEquals(List.of(), cal.openPeriods(FIRST, Instant.parse("1901-02-01T00:00:00Z")));
    assertEquals(Instant.parse("1901-03-01T12:00:00Z"), cal.plus(FIRST, Duration.ofHours(2)));
  }

  @Test
  void mergedCalendarsAgreeWithTheOracleInEveryCenturyOfTheRange() {
    Random rnd = new Random(1404L);
    List<String> failures = new ArrayList<>();
    for (int c = 0; c < 80; c++) {
      int year = 1900 + rnd.nextInt(399);
      LocalDate from = LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(330));
      LocalDate to = from.plusDays(21);
      CalendarSpec sa =
          RandomCalendars.spec(
              rnd, rnd.nextInt(RandomCalendars.KINDS.length), RandomCalendars.zone(rnd), from, to);
      CalendarSpec sb =
          RandomCalendars.spec(
              rnd, rnd.nextInt(RandomCalendars.KINDS.length), RandomCalendars.zone(rnd), from, to);
      BusinessCalendar a = sa.build();
      BusinessCalendar b = sb.build();
      Oracle oa = new Oracle(sa, from, to);
      Oracle ob = new Oracle(sb, from, to);
      List<BusinessCalendar> cals =
          List.of(a.union(b), b.union(a), a.intersection(b), b.intersection(a));
      List<Oracle> oracles =
          List.of(
              Oracle.union(oa, ob),
              Oracle.union(oa, ob),
              Oracle.intersection(oa, ob),
              Oracle.intersection(oa, ob));
      for (int q = 0; q < 40; q++) {
        int i = q % 4;
        BusinessCalendar cal = cals.get(i);
        Oracle o = oracles.get(i);
        long span = o.hi.getEpochSecond() - o.lo.getEpochSecond();
        Instant x = o.lo.plusSeconds((long) (rnd.nextDouble() * span));
        Instant y = o.lo.plusSeconds((long) (rnd.nextDouble() * span));
        Instant lo = x.isBefore(y) ? x : y;
        Instant hi = x.isBefore(y) ? y : x;
        String ctx = sa + " / " + sb + " #" + i + " " + lo + " " + hi;
        check(failures, "between " + ctx, o.between(lo, hi), cal.between(lo, hi));
        check(failures, "openPeriods " + ctx, o.periods(lo, hi), cal.openPeriods(lo, hi));
        check(failures, "isOpen " + ctx, o.isOpen(lo), cal.isOpen(lo));
        Instant open = o.nextOpen(lo);
        if (open != null) {
          check(failures, "nextOpen " + ctx, Optional.of(open), cal.nextOpen(lo));
        }
        Duration d = RandomCalendars.duration(rnd, 24);
        Instant plus = o.plus(lo, d);
        if (plus != null) {
          check(failures, "plus " + ctx, plus, cal.plus(lo, d));
        }
      }
    }
    assertTrue(
        failures.isEmpty(), () -> failures.size() + " mismatches, first: " + failures.get(0));
  }

  private static void check(List<String> failures, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      failures.add(what + ": expected " + expected + " but was " + actual);
    }
  }
}
