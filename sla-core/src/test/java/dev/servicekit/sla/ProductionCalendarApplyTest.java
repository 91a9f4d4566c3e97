package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.ProductionCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A business calendar fed with an official production calendar reproduces the working-hour norms
 * the production calendar publishes: the end-to-end check that holidays, transfers and shortened
 * days flow into business-time math.
 */
class ProductionCalendarApplyTest {
  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  /** 40-hour week: 09:00-13:00 and 14:00-18:00 Monday to Friday (8 hours a day). */
  private static BusinessCalendar russianOffice(int year) {
    return BusinessCalendar.builder(MOSCOW)
        .id("ru-office")
        .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
        .apply(BundledCalendars.russia(year))
        .build();
  }

  private static Instant at(LocalDate date) {
    return date.atStartOfDay(MOSCOW).toInstant();
  }

  // Norms of working time for a 40-hour week from the Russian production calendars for 2025 and
  // 2026 (Government decrees No. 1335 of 2024-10-04 and No. 1466 of 2025-09-24; Labour Code art. 95
  // and 112), as published in the production-calendar tables cited in ru-2025.json / ru-2026.json.
  @ParameterizedTest(name = "{0}: {1} hours")
  @CsvSource({"2025, 1972", "2026, 1972"})
  void yearNormMatchesPublishedProductionCalendar(int year, long hours) {
    BusinessCalendar calendar = russianOffice(year);
    assertEquals(
        Duration.ofHours(hours),
        calendar.between(at(LocalDate.of(year, 1, 1)), at(LocalDate.of(year + 1, 1, 1))));
  }

  // November 2025: 19 working days, 151 hours (the working Saturday 1 November is shortened).
  @Test
  void november2025NormIncludesShortenedWorkingSaturday() {
    BusinessCalendar calendar = russianOffice(2025);
    YearMonth nov = YearMonth.of(2025, Month.NOVEMBER);
    assertEquals(
        Duration.ofHours(151), calendar.between(at(nov.atDay(1)), at(nov.plusMonths(1).atDay(1))));
    Instant saturdayMorning = LocalDateTime.of(2025, 11, 1, 10, 0).atZone(MOSCOW).toInstant();
    assertTrue(calendar.isOpen(saturdayMorning), "1 Nov 2025 is a working Saturday");
    Instant mondayMorning = LocalDateTime.of(2025, 11, 3, 10, 0).atZone(MOSCOW).toInstant();
    assertFalse(calendar.isOpen(mondayMorning), "3 Nov 2025 is the day off it was swapped with");
  }

  @Test
  void applyAgreesWithTheSameRulesGivenByHand() {
    ProductionCalendar rules =
        ProductionCalendar.builder("XX", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1))
            .holiday(LocalDate.of(2026, 1, 2), "new year")
            .shortened(LocalDate.of(2026, 1, 5), Duration.ofHours(1))
            .workingDay(LocalDate.of(2026, 1, 10), DayOfWeek.FRIDAY)
            .build();
    BusinessCalendar applied =
        BusinessCalendar.builder(MOSCOW)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .apply(rules)
            .build();
    BusinessCalendar byHand =
        BusinessCalendar.builder(MOSCOW)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .holiday(LocalDate.of(2026, 1, 2))
            .shortenDay(LocalDate.of(2026, 1, 5), Duration.ofHours(1))
            .workingDayAs(LocalDate.of(2026, 1, 10), DayOfWeek.FRIDAY)
            .build();
    assertEquals(byHand, applied);
  }

  @Test
  void conflictWithAnExplicitRuleNamesTheDateAndTheProductionCalendar() {
    BusinessCalendar.Builder builder =
        BusinessCalendar.builder(MOSCOW)
            .weekdays(TimeRange.parse("09:00-18:00"))
            .hoursOn(LocalDate.of(2025, 1, 1), TimeRange.parse("10:00-12:00"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> builder.apply(BundledCalendars.russia(2025)));
    assertTrue(e.getMessage().contains("2025-01-01"), e.getMessage());
    assertTrue(e.getMessage().contains("production calendar RU"), e.getMessage());
  }

  /**
   * An apply that fails on a conflict leaves the builder's own earlier rules as they were, not only
   * an empty builder (PIT: the rollback of shortened and working days was never checked with rules
   * already there), and giving one shortening or working day twice is the same as once.
   */
  @Test
  void aFailedApplyKeepsTheBuildersOwnRulesAndARepeatedRuleIsANoOp() {
    java.util.function.Supplier<BusinessCalendar.Builder> own =
        () ->
            BusinessCalendar.builder(MOSCOW)
                .weekdays(TimeRange.parse("09:00-18:00"))
                .shortenDay(LocalDate.of(2025, 3, 3), Duration.ofHours(2))
                .workingDayAs(LocalDate.of(2025, 3, 15), DayOfWeek.MONDAY)
                .hoursOn(LocalDate.of(2025, 12, 31), TimeRange.parse("10:00-12:00"));
    BusinessCalendar.Builder tried = own.get();
    assertThrows(IllegalArgumentException.class, () -> tried.apply(BundledCalendars.russia(2025)));
    assertEquals(own.get().build(), tried.build());
    BusinessCalendar twice =
        own.get()
            .shortenDay(LocalDate.of(2025, 3, 3), Duration.ofHours(2))
            .workingDayAs(LocalDate.of(2025, 3, 15), DayOfWeek.MONDAY)
            .build();
    assertEquals(own.get().build(), twice);
    assertEquals(
        Duration.ofHours(7),
        twice.between(at(LocalDate.of(2025, 3, 3)), at(LocalDate.of(2025, 3, 4))));
  }
}
