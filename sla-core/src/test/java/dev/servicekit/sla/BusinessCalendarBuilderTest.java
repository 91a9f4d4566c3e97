package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BusinessCalendarBuilderTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final LocalDate XMAS_EVE = LocalDate.of(2026, 12, 24); // Thursday

  private static TimeRange r(String text) {
    return TimeRange.parse(text);
  }

  private static Instant utc(String isoLocal) {
    return LocalDateTime.parse(isoLocal).toInstant(ZoneOffset.UTC);
  }

  private static void assertMessage(Executable e, String... parts) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    for (String p : parts) {
      assertTrue(x.getMessage().contains(p), "'" + x.getMessage() + "' should contain " + p);
    }
  }

  private static BusinessCalendar.Builder office() {
    return BusinessCalendar.builder(UTC).weekdays(r("09:00-13:00"), r("14:00-18:00"));
  }

  private static List<OpenPeriod> day(BusinessCalendar cal, LocalDate d) {
    return cal.openPeriods(
        d.atStartOfDay(UTC).toInstant(), d.plusDays(1).atStartOfDay(UTC).toInstant());
  }

  @Test
  void overlappingRangesNameTheDayAndBothRanges() {
    assertMessage(
        () ->
            BusinessCalendar.builder(UTC)
                .hours(DayOfWeek.MONDAY, r("09:00-13:00"), r("12:00-14:00")),
        "MONDAY",
        "09:00-13:00",
        "12:00-14:00");
    assertMessage(
        () -> office().hours(DayOfWeek.FRIDAY, r("17:00-20:00")), "FRIDAY", "14:00-18:00");
    assertMessage(
        () -> BusinessCalendar.builder(UTC).hoursOn(XMAS_EVE, r("22:00-06:00"), r("23:00-23:30")),
        "2026-12-24",
        "22:00-06:00");
  }

  @Test
  void conflictingRulesForOneDateNameTheDate() {
    assertMessage(
        () -> office().holiday(XMAS_EVE).hoursOn(XMAS_EVE, r("10:00-12:00")),
        "2026-12-24",
        "holiday");
    assertMessage(() -> office().hoursOn(XMAS_EVE).holiday(XMAS_EVE), "2026-12-24", "hoursOn");
    assertMessage(
        () -> office().shortenDay(XMAS_EVE, Duration.ofHours(1)).holiday(XMAS_EVE),
        "2026-12-24",
        "shortenDay");
    assertMessage(
        () -> office().workingDayAs(XMAS_EVE, DayOfWeek.MONDAY).hoursOn(XMAS_EVE),
        "2026-12-24",
        "workingDayAs");
    assertMessage(
        () ->
            office()
                .shortenDay(XMAS_EVE, Duration.ofHours(1))
                .shortenDay(XMAS_EVE, Duration.ofHours(2)),
        "2026-12-24");
    // the same holiday from two sources is fine; so is a shortened transferred working day
    office().holiday(XMAS_EVE).holiday(XMAS_EVE).build();
    office()
        .workingDayAs(LocalDate.of(2026, 12, 26), DayOfWeek.MONDAY)
        .shortenDay(LocalDate.of(2026, 12, 26), Duration.ofHours(1))
        .build();
  }

  @Test
  void badValuesAreRejectedNamingFieldAndValue() {
    assertMessage(
        () -> office().shortenDay(XMAS_EVE, Duration.ZERO), "2026-12-24", "PT0S", "positive");
    assertMessage(() -> office().shortenDay(XMAS_EVE, Duration.ofHours(25)), "PT25H");
    assertMessage(
        () -> office().shortenDay(XMAS_EVE, Duration.ofMillis(1500)), "PT1.5S", "whole seconds");
    assertMessage(
        () -> office().holiday(LocalDate.of(1899, 12, 31)), "holiday", "1899-12-31", "supported");
    assertMessage(() -> office().hoursOn(LocalDate.of(2300, 1, 1)), "2300-01-01");
    assertMessage(() -> office().id(" "), "id");
    assertThrows(NullPointerException.class, () -> office().holiday(null));
  }

  @Test
  void shortenDayCutsFromTheEndOfTheLastRanges() {
    assertEquals(
        List.of(
            new OpenPeriod(utc("2026-12-24T09:00"), utc("2026-12-24T13:00")),
            new OpenPeriod(utc("2026-12-24T14:00"), utc("2026-12-24T17:00"))),
        day(office().shortenDay(XMAS_EVE, Duration.ofHours(1)).build(), XMAS_EVE));
    assertEquals(
        List.of(new OpenPeriod(utc("2026-12-24T09:00"), utc("2026-12-24T12:00"))),
        day(office().shortenDay(XMAS_EVE, Duration.ofHours(5)).build(), XMAS_EVE));
    assertEquals(
        List.of(), day(office().shortenDay(XMAS_EVE, Duration.ofHours(8)).build(), XMAS_EVE));
    assertEquals(
        List.of(), day(office().shortenDay(XMAS_EVE, Duration.ofHours(24)).build(), XMAS_EVE));
  }

  @Test
  void workingDayAsUsesTheHoursOfThePatternDay() {
    LocalDate saturday = LocalDate.of(2026, 12, 26);
    BusinessCalendar cal =
        office()
            .hours(DayOfWeek.MONDAY, r("19:00-20:00"))
            .workingDayAs(saturday, DayOfWeek.MONDAY)
            .build();
    assertEquals(3, day(cal, saturday).size());
    assertEquals(
        Duration.ofHours(9), cal.between(utc("2026-12-26T00:00"), utc("2026-12-27T00:00")));
    assertEquals(List.of(), day(cal, LocalDate.of(2026, 12, 27)));
  }

  @Test
  void hoursOnReplacesTheDay() {
    BusinessCalendar cal =
        office().hoursOn(XMAS_EVE, r("10:00-11:00")).hoursOn(XMAS_EVE.plusDays(1)).build();
    assertEquals(
        List.of(new OpenPeriod(utc("2026-12-24T10:00"), utc("2026-12-24T11:00"))),
        day(cal, XMAS_EVE));
    assertEquals(List.of(), day(cal, XMAS_EVE.plusDays(1)));
  }

  @Test
  void toBuilderDerivesWithoutChangingTheBase() {
    BusinessCalendar base = office().id("eu").build();
    BusinessCalendar derived = base.toBuilder().id("eu-customer").holiday(XMAS_EVE).build();
    assertEquals(
        Duration.ofHours(8), base.between(utc("2026-12-24T00:00"), utc("2026-12-25T00:00")));
    assertEquals(Duration.ZERO, derived.between(utc("2026-12-24T00:00"), utc("2026-12-25T00:00")));
    assertEquals("eu", base.id());
    assertEquals(base, base.toBuilder().build());
    assertEquals(base.hashCode(), base.toBuilder().build().hashCode());
    assertNotEquals(base, derived);
    assertEquals(base.hours(DayOfWeek.MONDAY), derived.hours(DayOfWeek.MONDAY));
    assertEquals(BusinessCalendar.DEFAULT_ID, office().build().id());
    assertEquals(UTC, derived.zone());
  }

  @Test
  void compositesHaveIdsZonesAndNoBuilder() {
    BusinessCalendar team = office().id("team").build();
    BusinessCalendar customer =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .id("customer")
            .weekdays(r("09:00-17:00"))
            .build();
    BusinessCalendar both = team.intersection(customer);
    assertEquals("team&customer", both.id());
    assertEquals("team|customer", team.union(customer).id());
    assertEquals(UTC, both.zone());
    assertFalse(both.isRuleBased());
    IllegalStateException e = assertThrows(IllegalStateException.class, both::toBuilder);
    assertTrue(e.getMessage().contains("team&customer"));
    assertEquals("shared", both.withId("shared").id());
    // June: New York is UTC-4, so 09:00-17:00 NY = 13:00-21:00Z; overlap with the team is
    // 14:00-18:00Z = 4 hours per weekday.
    assertEquals(
        Duration.ofHours(4), both.between(utc("2026-06-08T00:00"), utc("2026-06-09T00:00")));
  }

  @Test
  void compositesExposeTheirOperandsAndRebuildEqualFromThem() {
    BusinessCalendar team = office().id("team").build();
    BusinessCalendar customer =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .id("customer")
            .weekdays(r("09:00-17:00"))
            .build();
    assertEquals(List.of(), team.operands());
    assertFalse(team.isUnion());
    assertFalse(team.isIntersection());
    BusinessCalendar both = team.intersection(customer).withId("both");
    BusinessCalendar either = customer.union(both);
    assertEquals(List.of(team, customer), both.operands());
    assertTrue(both.isIntersection());
    assertFalse(both.isUnion());
    assertEquals(List.of(customer, both), either.operands());
    assertTrue(either.isUnion());
    assertFalse(either.isIntersection());
    List<BusinessCalendar> ops = both.operands();
    BusinessCalendar rebuilt = ops.get(0).intersection(ops.get(1)).withId(both.id());
    assertEquals(both, rebuilt);
    assertEquals(both.zone(), rebuilt.zone());
    assertThrows(UnsupportedOperationException.class, () -> either.operands().clear());
  }

  @Test
  void failedCallsLeaveTheBuilderUnchanged() {
    BusinessCalendar.Builder b =
        BusinessCalendar.builder(UTC).hours(DayOfWeek.WEDNESDAY, r("10:00-11:00"));
    assertThrows(IllegalArgumentException.class, () -> b.weekdays(r("09:00-17:00")));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.hours(DayOfWeek.WEDNESDAY, r("12:00-13:00"), r("12:30-14:00")));
    b.hoursOn(XMAS_EVE);
    assertThrows(
        IllegalArgumentException.class, () -> b.holidays(List.of(XMAS_EVE.minusDays(1), XMAS_EVE)));
    BusinessCalendar cal = b.build();
    assertEquals(List.of(), cal.hours(DayOfWeek.MONDAY));
    assertEquals(List.of(r("10:00-11:00")), cal.hours(DayOfWeek.WEDNESDAY));
    assertTrue(cal.holidays().isEmpty());
  }

  /**
   * Applying a production calendar is all or nothing, and applying the same rules again (a calendar
   * that holds 2025 given 2025 and 2026) is no conflict. A review found half of 2025 applied after
   * a conflict, and the repeat refused on its first shortened day.
   */
  @Test
  void applyingAProductionCalendarIsAllOrNothingAndRepeatsAreNoConflict() {
    ZoneId msk = ZoneId.of("Europe/Moscow");
    BusinessCalendar.Builder b =
        BusinessCalendar.builder(msk)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .hoursOn(LocalDate.of(2025, 12, 31), TimeRange.parse("10:00-12:00"));
    BusinessCalendar before = b.build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.apply(dev.servicekit.sla.holidays.BundledCalendars.russia(2025)));
    assertTrue(e.getMessage().contains("2025-12-31"), e.getMessage());
    assertEquals(before, b.build(), "nothing of 2025 applied");
    BusinessCalendar y2025 =
        BusinessCalendar.builder(msk)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .apply(dev.servicekit.sla.holidays.BundledCalendars.russia(2025))
            .build();
    BusinessCalendar both =
        y2025.toBuilder()
            .apply(dev.servicekit.sla.holidays.BundledCalendars.russia(2025, 2026))
            .build();
    assertEquals(
        BusinessCalendar.builder(msk)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .apply(dev.servicekit.sla.holidays.BundledCalendars.russia(2025, 2026))
            .build(),
        both);
  }
}
