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
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact values at the boundaries of the calendar value types: half-open ends, touching ranges,
 * ordering, builder round trips and the exact wording of rule conflicts (mutation testing, issue
 * 14).
 */
class CalendarValueBoundaryTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void openPeriodIsHalfOpenAndMeasuresRealTime() {
    OpenPeriod p = new OpenPeriod(T0, T0.plusSeconds(90));
    assertEquals(Duration.ofSeconds(90), p.duration());
    assertFalse(p.contains(T0.minusNanos(1)));
    assertTrue(p.contains(T0));
    assertTrue(p.contains(T0.plusSeconds(90).minusNanos(1)));
    assertFalse(p.contains(T0.plusSeconds(90)));
  }

  @Test
  void touchingTimeRangesDoNotOverlapInEitherOrder() {
    TimeRange a = TimeRange.parse("09:00-10:00");
    TimeRange b = TimeRange.parse("10:00-11:00");
    assertFalse(a.overlaps(b));
    assertFalse(b.overlaps(a));
    TimeRange c = TimeRange.parse("09:59:59-10:00:01");
    assertTrue(a.overlaps(c));
    assertTrue(c.overlaps(a));
    assertTrue(b.overlaps(c));
    assertTrue(c.overlaps(b));
  }

  @Test
  void timeRangesOrderByStartThenByEnd() {
    TimeRange longEarly = TimeRange.parse("09:00-17:00");
    TimeRange shortLate = TimeRange.parse("10:00-11:00");
    assertTrue(longEarly.compareTo(shortLate) < 0);
    assertTrue(shortLate.compareTo(longEarly) > 0);
    TimeRange shortEarly = TimeRange.parse("09:00-12:00");
    assertTrue(shortEarly.compareTo(longEarly) < 0);
    assertTrue(longEarly.compareTo(shortEarly) > 0);
    assertEquals(0, longEarly.compareTo(TimeRange.parse("09:00-17:00")));
  }

  @Test
  void aLeadingNineIsOutOfRangeNotMalformed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("90:00-10:00"));
    assertEquals(
        "TimeRange '90:00-10:00' is not valid: '90:00' is not a time of day", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("09:90-10:00"));
    assertEquals(
        "TimeRange '09:90-10:00' is not valid: '09:90' is not a time of day", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("09:0a-10:00"));
    assertEquals(
        "TimeRange '09:0a-10:00' is not valid: expected HH:mm[:ss]-HH:mm[:ss], two digits each and a"
            + " hyphen, such as 09:00-17:30",
        e.getMessage());
  }

  @Test
  void theUsualSlipsAreShownTheFormWithAnExample() {
    // a one-digit hour, an en dash pasted from a document, a dot for the colon
    for (String slip : new String[] {"9:00-17:00", "09:00\u201317:00", "09.00-17.00"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TimeRange.parse(slip));
      assertEquals(
          "TimeRange '"
              + slip
              + "' is not valid: expected HH:mm[:ss]-HH:mm[:ss], two digits each and a hyphen,"
              + " such as 09:00-17:30",
          e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CalendarJson.read(
                    "{\"zone\": \"Europe/Berlin\", \"week\": {\"MONDAY\": [\"9:00-17:00\"]}}"));
    assertTrue(e.getMessage().contains("such as 09:00-17:30 (at $.week.MONDAY[0]"), e.getMessage());
  }

  private static BusinessCalendar.Builder rich() {
    return BusinessCalendar.builder(ZoneOffset.UTC)
        .id("rich")
        .hours(DayOfWeek.MONDAY, TimeRange.parse("09:00-12:00"), TimeRange.parse("13:00-17:00"))
        .holiday(LocalDate.of(2026, 1, 1))
        .hoursOn(LocalDate.of(2026, 1, 3), TimeRange.parse("10:00-11:00"))
        .shortenDay(LocalDate.of(2026, 1, 5), Duration.ofHours(1))
        .workingDayAs(LocalDate.of(2026, 1, 10), DayOfWeek.MONDAY);
  }

  @Test
  void toBuilderKeepsEveryKindOfDatedRule() {
    BusinessCalendar cal = rich().build();
    BusinessCalendar copy = cal.toBuilder().build();
    assertEquals(cal, copy);
    assertEquals(cal.hashCode(), copy.hashCode());
    // and the copy behaves the same on each rule's date
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant to = Instant.parse("2026-01-12T00:00:00Z");
    assertEquals(cal.openPeriods(from, to), copy.openPeriods(from, to));
    // Jan 3 (Sat) 1 h, Jan 5 (Mon) 7 - 1 h, Jan 10 (Sat as Mon) 7 h
    assertEquals(Duration.ofHours(1 + 6 + 7), copy.between(from, to));
  }

  @Test
  void hashCodeDependsOnTheRules() {
    BusinessCalendar a = rich().build();
    BusinessCalendar b = rich().holiday(LocalDate.of(2026, 12, 25)).build();
    assertNotEquals(a, b);
    assertNotEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void toStringNamesIdZoneAndRuleCounts() {
    BusinessCalendar cal = rich().build();
    String s = cal.toString();
    assertTrue(s.startsWith("BusinessCalendar[rich, Z, week="), s);
    assertTrue(s.endsWith(", holidays=1, hoursOn=1, shortened=1, workingDays=1]"), s);
    BusinessCalendar other = BusinessCalendar.always(ZoneOffset.UTC);
    assertEquals(
        "BusinessCalendar[rich|always, UNION of " + cal + " and " + other + "]",
        cal.union(other).toString());
  }

  @Test
  void holidaysReturnsTheBuilderForChaining() {
    BusinessCalendar cal =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.FRIDAY, TimeRange.parse("09:00-17:00"))
            .holidays(List.of(LocalDate.of(2026, 1, 2)))
            .id("h")
            .build();
    assertEquals(
        Duration.ZERO,
        cal.between(Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-03T00:00:00Z")));
  }

  @Test
  void workingDayAsOnAHolidayIsAConflictNamingBothRules() {
    BusinessCalendar.Builder b =
        BusinessCalendar.builder(ZoneOffset.UTC).holiday(LocalDate.of(2026, 1, 10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.workingDayAs(LocalDate.of(2026, 1, 10), DayOfWeek.MONDAY));
    assertEquals(
        "workingDayAs 2026-01-10 conflicts with the rule already set for that date: holiday",
        e.getMessage());
  }

  @Test
  void shorteningByExactlyTheLastRangeClosesItWithoutAnEmptyPeriod() {
    BusinessCalendar cal =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .hours(DayOfWeek.MONDAY, TimeRange.parse("09:00-12:00"), TimeRange.parse("13:00-17:00"))
            .shortenDay(LocalDate.of(2026, 1, 5), Duration.ofHours(4))
            .build();
    Instant from = Instant.parse("2026-01-05T00:00:00Z");
    Instant to = Instant.parse("2026-01-06T00:00:00Z");
    assertEquals(
        List.of(
            new OpenPeriod(
                Instant.parse("2026-01-05T09:00:00Z"), Instant.parse("2026-01-05T12:00:00Z"))),
        cal.openPeriods(from, to));
    assertEquals(Duration.ofHours(3), cal.between(from, to));
  }
}
