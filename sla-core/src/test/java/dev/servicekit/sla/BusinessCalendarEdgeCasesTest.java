package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Named edge cases with expected values worked out by hand (UTC offsets in the comments). */
class BusinessCalendarEdgeCasesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static Instant utc(String isoLocal) {
    return LocalDateTime.parse(isoLocal).toInstant(ZoneOffset.UTC);
  }

  private static Instant berlin(String isoLocal) {
    return LocalDateTime.parse(isoLocal).atZone(BERLIN).toInstant();
  }

  private static TimeRange r(String text) {
    return TimeRange.parse(text);
  }

  // --- DST ---------------------------------------------------------------------------------

  @Test
  void springForwardGapInsideAnIntervalShortensIt() {
    // 2026-03-29 Berlin: 02:00 CET -> 03:00 CEST at 01:00Z. 01:00 local = 00:00Z, 05:00 = 03:00Z.
    BusinessCalendar cal =
        BusinessCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, r("01:00-05:00")).build();
    assertEquals(
        Duration.ofHours(3), cal.between(utc("2026-03-29T00:00"), utc("2026-03-29T04:00")));
    assertEquals(utc("2026-03-29T01:00"), cal.plus(utc("2026-03-29T00:00"), Duration.ofHours(1)));
    assertEquals(utc("2026-03-29T03:00"), cal.plus(utc("2026-03-29T00:00"), Duration.ofHours(3)));
    assertEquals(Optional.of(utc("2026-03-29T03:00")), cal.nextClose(utc("2026-03-29T00:30")));
  }

  @Test
  void intervalStartingInTheGapStartsAfterIt() {
    // 02:30 does not exist on 2026-03-29 in Berlin; like ZonedDateTime.of it maps to 03:30 CEST
    // = 01:30Z. 04:00 CEST = 02:00Z. So the range is 30 minutes long.
    BusinessCalendar cal =
        BusinessCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, r("02:30-04:00")).build();
    assertEquals(
        List.of(new OpenPeriod(utc("2026-03-29T01:30"), utc("2026-03-29T02:00"))),
        cal.openPeriods(utc("2026-03-29T00:00"), utc("2026-03-30T00:00")));
  }

  @Test
  void fallBackOverlapUsesTheEarlierOffset() {
    // 2026-10-25 Berlin: 03:00 CEST -> 02:00 CET at 01:00Z. 02:30 is ambiguous: earlier offset
    // +02:00 gives 00:30Z; 03:30 CET = 02:30Z. Two real hours.
    BusinessCalendar cal =
        BusinessCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, r("02:30-03:30")).build();
    assertEquals(
        List.of(new OpenPeriod(utc("2026-10-25T00:30"), utc("2026-10-25T02:30"))),
        cal.openPeriods(utc("2026-10-24T00:00"), utc("2026-10-26T00:00")));
    assertEquals(
        utc("2026-10-25T02:00"), cal.plus(utc("2026-10-25T00:00"), Duration.ofMinutes(90)));
  }

  /**
   * Published transition dates give the length of the civil day: EU summer time (Directive
   * 2000/84/EC: last Sundays of March and October at 01:00 UTC), US (Energy Policy Act of 2005:
   * second Sunday of March, first Sunday of November), Lord Howe Island (30-minute DST, first
   * Sundays of October and April).
   */
  @ParameterizedTest
  @CsvSource({
    "Europe/Berlin, 2026-03-29, PT23H",
    "Europe/Berlin, 2026-10-25, PT25H",
    "Europe/Berlin, 2026-06-14, PT24H",
    "America/New_York, 2026-03-08, PT23H",
    "America/New_York, 2026-11-01, PT25H",
    "Australia/Lord_Howe, 2026-10-04, PT23H30M",
    "Australia/Lord_Howe, 2026-04-05, PT24H30M",
  })
  void wholeDayIsRealElapsedTimeOnTransitionDays(String zone, LocalDate date, Duration length) {
    BusinessCalendar cal = BusinessCalendar.always(ZoneId.of(zone));
    Instant start = date.atStartOfDay(ZoneId.of(zone)).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
    assertEquals(length, cal.between(start, end));
    BusinessCalendar oneDay =
        BusinessCalendar.builder(ZoneId.of(zone)).hoursOn(date, r("00:00-24:00")).build();
    assertEquals(length, oneDay.between(start.minusSeconds(86_400), end.plusSeconds(86_400)));
  }

  // --- 24:00 and midnight ------------------------------------------------------------------------

  @Test
  void intervalEndingAt2400EndsAtNextMidnight() {
    BusinessCalendar cal =
        BusinessCalendar.builder(BERLIN).hours(DayOfWeek.FRIDAY, r("18:00-24:00")).build();
    // 2026-06-05 is a Friday; Berlin is +02:00 in June
    assertEquals(
        berlin("2026-06-06T00:00"), cal.plus(berlin("2026-06-05T23:00"), Duration.ofHours(1)));
    assertEquals(Optional.of(utc("2026-06-05T22:00")), cal.nextClose(berlin("2026-06-05T20:00")));
    assertFalse(cal.isOpen(berlin("2026-06-06T00:00")));
    assertTrue(cal.isOpen(berlin("2026-06-05T23:59:59")));
  }

  @Test
  void adjacentRangesOfConsecutiveDaysMerge() {
    BusinessCalendar cal =
        BusinessCalendar.builder(BERLIN)
            .hours(DayOfWeek.FRIDAY, r("18:00-24:00"))
            .hours(DayOfWeek.SATURDAY, r("00:00-02:00"))
            .build();
    assertEquals(
        Optional.of(berlin("2026-06-06T02:00")), cal.nextClose(berlin("2026-06-05T20:00")));
    assertEquals(
        List.of(new OpenPeriod(berlin("2026-06-05T18:00"), berlin("2026-06-06T02:00"))),
        cal.openPeriods(berlin("2026-06-05T00:00"), berlin("2026-06-07T00:00")));
  }

  // --- night shifts and holidays -------------------------------------------------------------

  private static BusinessCalendar.Builder nightShifts() {
    return BusinessCalendar.builder(BERLIN).weekdays(r("22:00-06:00"));
  }

  @Test
  void nightShiftBelongsToTheDateItStartsOnWhenTheNextDayIsAHoliday() {
    // Tuesday 2026-06-09 is a holiday: Monday's shift still runs to Tuesday 06:00,
    // Tuesday's own shift (Tue 22:00 - Wed 06:00) is gone.
    BusinessCalendar cal = nightShifts().holiday(LocalDate.of(2026, 6, 9)).build();
    assertTrue(cal.isOpen(berlin("2026-06-09T03:00")));
    assertFalse(cal.isOpen(berlin("2026-06-09T23:00")));
    assertFalse(cal.isOpen(berlin("2026-06-10T03:00")));
    assertEquals(
        berlin("2026-06-10T22:30"), cal.plus(berlin("2026-06-09T05:30"), Duration.ofHours(1)));
  }

  @Test
  void holidayRemovesTheNightShiftStartingThatEvening() {
    // Monday 2026-06-08 is a holiday: Monday 22:00 - Tuesday 06:00 is closed; Friday's shift
    // before it still runs into Saturday.
    BusinessCalendar cal = nightShifts().holiday(LocalDate.of(2026, 6, 8)).build();
    assertFalse(cal.isOpen(berlin("2026-06-08T23:00")));
    assertFalse(cal.isOpen(berlin("2026-06-09T03:00")));
    assertTrue(cal.isOpen(berlin("2026-06-06T03:00")));
    assertEquals(Optional.of(berlin("2026-06-09T22:00")), cal.nextOpen(berlin("2026-06-06T06:00")));
  }

  // --- boundaries ------------------------------------------------------------------------------

  private static BusinessCalendar nineToSix() {
    return BusinessCalendar.builder(BERLIN).weekdays(r("09:00-18:00")).build();
  }

  @Test
  void startingExactlyAtCloseCountsFromTheNextOpening() {
    BusinessCalendar cal = nineToSix();
    Instant fridayClose = berlin("2026-06-05T18:00");
    assertFalse(cal.isOpen(fridayClose));
    assertEquals(Optional.of(fridayClose), cal.nextClose(fridayClose));
    assertEquals(Optional.of(berlin("2026-06-08T09:00")), cal.nextOpen(fridayClose));
    assertEquals(berlin("2026-06-08T10:00"), cal.plus(fridayClose, Duration.ofHours(1)));
    assertEquals(Duration.ZERO, cal.between(fridayClose, berlin("2026-06-08T09:00")));
  }

  @Test
  void deadlineThatUsesUpAPeriodLandsOnItsClose() {
    BusinessCalendar cal = nineToSix();
    assertEquals(
        berlin("2026-06-05T18:00"), cal.plus(berlin("2026-06-05T17:00"), Duration.ofHours(1)));
    // and minus mirrors it: the latest start is the opening, not the previous close
    assertEquals(
        berlin("2026-06-08T09:00"), cal.minus(berlin("2026-06-08T10:00"), Duration.ofHours(1)));
    assertEquals(
        berlin("2026-06-05T17:00"), cal.minus(berlin("2026-06-08T09:00"), Duration.ofHours(1)));
  }

  @Test
  void leapDayIsAnOrdinaryWorkingDay() {
    // 2028-02-29 is a Tuesday
    BusinessCalendar cal = BusinessCalendar.builder(UTC).weekdays(r("09:00-17:00")).build();
    assertEquals(
        Duration.ofHours(16), cal.between(utc("2028-02-28T00:00"), utc("2028-03-01T00:00")));
    assertEquals(utc("2028-02-29T17:00"), cal.plus(utc("2028-02-28T17:00"), Duration.ofHours(8)));
    BusinessCalendar closed = cal.toBuilder().holiday(LocalDate.of(2028, 2, 29)).build();
    assertEquals(
        Duration.ofHours(8), closed.between(utc("2028-02-28T00:00"), utc("2028-03-01T00:00")));
    assertEquals(
        utc("2028-03-01T17:00"), closed.plus(utc("2028-02-28T17:00"), Duration.ofHours(8)));
  }

  @Test
  void nightShiftFromDec31IntoJan1CrossesTheYearSeamlessly() {
    // UTC zone: the shift crosses exactly the engine's internal year boundary.
    BusinessCalendar cal =
        BusinessCalendar.builder(UTC)
            .weekdays(r("22:00-06:00"))
            .holiday(LocalDate.of(2027, 1, 1))
            .build();
    Instant newYear = utc("2027-01-01T00:00");
    assertTrue(cal.isOpen(newYear));
    assertEquals(Optional.of(utc("2027-01-01T06:00")), cal.nextClose(utc("2026-12-31T23:00")));
    assertEquals(utc("2027-01-01T00:30"), cal.plus(utc("2026-12-31T23:30"), Duration.ofHours(1)));
    assertEquals(utc("2026-12-31T23:30"), cal.minus(utc("2027-01-01T00:30"), Duration.ofHours(1)));
    assertEquals(
        Duration.ofHours(8), cal.between(utc("2026-12-31T12:00"), utc("2027-01-01T12:00")));
    assertEquals(
        List.of(new OpenPeriod(utc("2026-12-31T22:00"), utc("2027-01-01T06:00"))),
        cal.openPeriods(utc("2026-12-31T12:00"), utc("2027-01-01T12:00")));
    // Jan 1 is a holiday: its own shift (Fri 22:00 - Sat 06:00) is gone; next is Mon Jan 4
    assertEquals(Optional.of(utc("2027-01-04T22:00")), cal.nextOpen(utc("2027-01-01T06:00")));
  }

  // --- no working time / always open ------------------------------------------------------------

  @Test
  void calendarWithoutWorkingTimeFailsFast() {
    BusinessCalendar empty = BusinessCalendar.builder(UTC).id("nothing").build();
    Instant t = utc("2026-01-01T00:00");
    assertFalse(empty.isOpen(t));
    assertEquals(Optional.empty(), empty.nextOpen(t));
    assertEquals(Optional.of(t), empty.nextClose(t));
    assertEquals(Duration.ZERO, empty.between(utc("1900-01-01T00:00"), utc("2299-12-31T00:00")));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> empty.plus(t, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("'nothing'"), e.getMessage());
    assertTrue(e.getMessage().contains("PT1S"), e.getMessage());
    assertTrue(e.getMessage().contains("2026-01-01T00:00:00Z"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> empty.minus(t, Duration.ofSeconds(1)));
  }

  @Test
  void sparseDatesCalendarRunsOutAfterItsLastDate() {
    BusinessCalendar cal =
        BusinessCalendar.builder(UTC)
            .hoursOn(LocalDate.of(2026, 5, 2), r("10:00-12:00"))
            .hoursOn(LocalDate.of(2030, 5, 2), r("10:00-11:00"))
            .build();
    Instant t = utc("2026-01-01T00:00");
    assertEquals(utc("2030-05-02T10:30"), cal.plus(t, Duration.ofMinutes(150)));
    assertEquals(Duration.ofHours(3), cal.between(t, utc("2031-01-01T00:00")));
    assertThrows(IllegalStateException.class, () -> cal.plus(t, Duration.ofHours(3).plusNanos(1)));
    assertEquals(Optional.empty(), cal.nextOpen(utc("2030-05-02T11:00")));
    assertEquals(utc("2026-05-02T11:00"), cal.minus(utc("2030-05-02T10:00"), Duration.ofHours(1)));
  }

  @Test
  void alwaysOpenNeverCloses() {
    BusinessCalendar always = BusinessCalendar.always(ZoneId.of("Pacific/Apia"));
    Instant t = utc("2026-01-01T00:00");
    assertTrue(always.isOpen(t));
    assertEquals(Optional.empty(), always.nextClose(t));
    assertEquals(t.plus(Duration.ofDays(3652)), always.plus(t, Duration.ofDays(3652)));
    Instant a = utc("1901-06-01T00:00");
    Instant b = utc("2299-06-01T00:00");
    assertEquals(Duration.between(a, b), always.between(a, b));
  }

  @Test
  void apiaSkippedDayStillCountsRealTime() {
    // Samoa skipped 2011-12-30 (UTC-10 -> UTC+14). A 24/7 calendar loses nothing: real time.
    BusinessCalendar always = BusinessCalendar.always(ZoneId.of("Pacific/Apia"));
    Instant a = utc("2011-12-29T00:00");
    assertEquals(Duration.ofDays(3), always.between(a, a.plus(Duration.ofDays(3))));
    BusinessCalendar days =
        BusinessCalendar.builder(ZoneId.of("Pacific/Apia"))
            .hoursOn(LocalDate.of(2011, 12, 30), r("09:00-17:00"))
            .build();
    // 2011-12-30 09:00 does not exist; like ZonedDateTime.of it maps 24 hours later, onto
    // 2011-12-31 09:00 (+14:00), and so does 17:00: the range is 8 hours on the 31st.
    assertEquals(
        Duration.ofHours(8), days.between(utc("2011-12-29T00:00"), utc("2012-01-02T00:00")));
  }

  @Test
  void instantsOutsideTheSupportedRangeAreRejected() {
    BusinessCalendar cal = nineToSix();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cal.isOpen(utc("1899-12-31T23:59")));
    assertTrue(e.getMessage().contains("1899-12-31T23:59:00Z"), e.getMessage());
    assertTrue(e.getMessage().contains("supported range"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cal.between(Instant.MIN, Instant.MAX));
    assertEquals(utc("1900-01-01T00:00"), BusinessCalendar.SUPPORTED_START);
    assertEquals(utc("2300-01-01T00:00"), BusinessCalendar.SUPPORTED_END);
    cal.isOpen(BusinessCalendar.SUPPORTED_START);
    cal.isOpen(BusinessCalendar.SUPPORTED_END.minusNanos(1));
    assertThrows(IllegalArgumentException.class, () -> cal.isOpen(BusinessCalendar.SUPPORTED_END));
    assertThrows(
        IllegalStateException.class, () -> cal.plus(utc("2299-12-30T00:00"), Duration.ofDays(30)));
    assertThrows(
        IllegalStateException.class,
        () -> cal.plus(utc("2026-01-01T00:00"), Duration.ofSeconds(Long.MAX_VALUE)));
    assertThrows(
        IllegalStateException.class, () -> cal.minus(utc("1900-01-03T00:00"), Duration.ofDays(1)));
  }

  @Test
  void tenYearsOfWeekdaysMatchACountedTotal() {
    BusinessCalendar cal = BusinessCalendar.builder(UTC).weekdays(r("09:00-17:00")).build();
    LocalDate from = LocalDate.of(2020, 1, 1);
    LocalDate to = LocalDate.of(2030, 1, 1);
    long weekdays = 0;
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() <= 5) {
        weekdays++;
      }
    }
    Instant a = from.atStartOfDay(UTC).toInstant();
    Instant b = to.atStartOfDay(UTC).toInstant();
    assertEquals(Duration.ofHours(8 * weekdays), cal.between(a, b));
    assertEquals(utc("2029-12-31T17:00"), cal.plus(a, Duration.ofHours(8 * weekdays)));
  }

  /**
   * Russian production calendar 2025 (Government Decree No. 1335 of 2024-10-04; published norm e.g.
   * consultant.ru "Производственный календарь на 2025 год"): November 2025 has 19 working days and
   * 151 working hours for a 40-hour week. Saturday Nov 1 is worked (transferred from Monday Nov 3)
   * and shortened by one hour before the Nov 4 holiday.
   */
  @Test
  void russianProductionCalendarNovember2025Has151Hours() {
    ZoneId moscow = ZoneId.of("Europe/Moscow");
    BusinessCalendar cal =
        BusinessCalendar.builder(moscow)
            .weekdays(r("09:00-13:00"), r("14:00-18:00"))
            .workingDayAs(LocalDate.of(2025, 11, 1), DayOfWeek.MONDAY)
            .shortenDay(LocalDate.of(2025, 11, 1), Duration.ofHours(1))
            .holiday(LocalDate.of(2025, 11, 3))
            .holiday(LocalDate.of(2025, 11, 4))
            .build();
    Instant a = LocalDate.of(2025, 11, 1).atStartOfDay(moscow).toInstant();
    Instant b = LocalDate.of(2025, 12, 1).atStartOfDay(moscow).toInstant();
    assertEquals(Duration.ofHours(151), cal.between(a, b));
    assertTrue(cal.isOpen(LocalDateTime.parse("2025-11-01T16:59").atZone(moscow).toInstant()));
    assertFalse(cal.isOpen(LocalDateTime.parse("2025-11-01T17:00").atZone(moscow).toInstant()));
  }

  @Test
  void intersectionThatNeverOpensFailsAndRemembersIt() {
    // Berlin weekdays 09-17 vs New York Saturdays 10:00-12:00 (Berlin 16:00-18:00 Saturday)
    BusinessCalendar team =
        BusinessCalendar.builder(BERLIN).id("team").weekdays(r("09:00-17:00")).build();
    BusinessCalendar customer =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .id("customer")
            .hours(DayOfWeek.SATURDAY, r("10:00-12:00"))
            .build();
    BusinessCalendar both = team.intersection(customer);
    Instant t = utc("2026-01-01T00:00");
    for (int attempt = 0; attempt < 2; attempt++) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> both.plus(t, Duration.ofMinutes(1)));
      assertTrue(e.getMessage().contains("team&customer"), e.getMessage());
      assertEquals(Optional.empty(), both.nextOpen(t));
      assertThrows(IllegalStateException.class, () -> both.minus(t, Duration.ofMinutes(1)));
      assertEquals(Duration.ZERO, both.between(t, utc("2036-01-01T00:00")));
    }
  }

  @Test
  void unionThatNeverClosesAfterAHolidayFindsTheHolidayAfterLearningTheTail() {
    LocalDate holiday = LocalDate.of(2030, 1, 5); // a Saturday
    BusinessCalendar sixDays =
        BusinessCalendar.builder(BERLIN)
            .weekdays(r("00:00-24:00"))
            .hours(DayOfWeek.SATURDAY, r("00:00-24:00"))
            .holiday(holiday)
            .build();
    BusinessCalendar sundays =
        BusinessCalendar.builder(BERLIN).hours(DayOfWeek.SUNDAY, r("00:00-24:00")).build();
    BusinessCalendar always = sixDays.union(sundays);
    Instant closes = holiday.atStartOfDay(BERLIN).toInstant();
    assertEquals(Optional.empty(), always.nextClose(utc("2031-03-01T00:00")));
    assertEquals(Optional.of(closes), always.nextClose(utc("2026-03-01T00:00")));
    assertEquals(Optional.empty(), always.nextClose(utc("2031-03-01T00:00")));
    assertEquals(
        Optional.of(holiday.plusDays(1).atStartOfDay(BERLIN).toInstant()), always.nextOpen(closes));
  }

  /**
   * A union or intersection whose joined ids exceed the id limit gets a shortened id of at most
   * {@link BusinessCalendar#MAX_ID_CHARS} that {@code withId} takes back, so rebuilding it from its
   * operands gives an equal calendar (a review found a 401-character id that the rebuild, and the
   * Flink adapter's restore, refused); a chain of them keeps ids of constant size.
   */
  @Test
  void longCombinedIdsAreShortenedToOnesWithIdTakes() {
    BusinessCalendar x = BusinessCalendar.builder(ZoneId.of("UTC")).id("a".repeat(200)).build();
    BusinessCalendar y = BusinessCalendar.builder(ZoneId.of("UTC")).id("b".repeat(200)).build();
    for (BusinessCalendar u : new BusinessCalendar[] {x.union(y), x.intersection(y)}) {
      assertEquals(BusinessCalendar.MAX_ID_CHARS, u.id().length(), u.id());
      assertTrue(u.id().startsWith("a".repeat(200)), u.id());
      BusinessCalendar a = u.operands().get(0);
      BusinessCalendar b = u.operands().get(1);
      BusinessCalendar rebuilt = (u.isUnion() ? a.union(b) : a.intersection(b)).withId(u.id());
      assertEquals(u, rebuilt);
    }
    assertTrue(!x.union(y).id().equals(y.union(x).id()), "the hash tells the orders apart");
    assertEquals("a|b", idOf("a").union(idOf("b")).id(), "short ids are joined as before");
    BusinessCalendar chain = x;
    for (int i = 0; i < 2000; i++) {
      chain = chain.union(i % 2 == 0 ? y : x);
      assertTrue(chain.id().length() <= BusinessCalendar.MAX_ID_CHARS);
    }
  }

  private static BusinessCalendar idOf(String id) {
    return BusinessCalendar.builder(ZoneId.of("UTC")).id(id).build();
  }
}
