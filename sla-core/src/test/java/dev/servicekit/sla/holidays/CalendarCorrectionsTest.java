package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.testing.EqualsTester;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarCorrectionsTest {

  private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
  private static final LocalDate JAN_2 = LocalDate.of(2025, 1, 2);

  @Test
  void betweenKeepsTheTargetsSourcesAndOnlyTheDifferences() {
    ProductionCalendar from =
        ProductionCalendar.builderForYears("RU", 2025, 2025)
            .source("library")
            .holiday(JAN_1, "New Year")
            .holiday(JAN_2, "wrong")
            .build();
    ProductionCalendar to =
        ProductionCalendar.builderForYears("RU", 2025, 2025)
            .source("decree")
            .source("fix")
            .holiday(JAN_1, "New Year")
            .build();
    CalendarCorrections c = CalendarCorrections.between(from, to);
    assertEquals(List.of("decree", "fix"), c.rules().sources());
    assertEquals(0, c.rules().rules().size());
    assertEquals(Set.of(JAN_2), c.removals());
    assertEquals(to.rules(), c.applyTo(from).rules());
  }

  @Test
  void valueSemanticsAndDescription() {
    ProductionCalendar a = ProductionCalendar.builderForYears("RU", 2025, 2025).build();
    ProductionCalendar b =
        ProductionCalendar.builderForYears("RU", 2025, 2025).holiday(JAN_1, "x").build();
    new EqualsTester()
        .addEqualityGroup(CalendarCorrections.of(a), CalendarCorrections.of(a, List.of()))
        .addEqualityGroup(CalendarCorrections.of(b))
        .addEqualityGroup(CalendarCorrections.of(a, List.of(JAN_2)))
        .addEqualityGroup(CalendarCorrections.of(b, List.of(JAN_2)))
        .testEquals();
    assertEquals(
        "CalendarCorrections[ProductionCalendar[RU 2025-01-01/2026-01-01, 1 rules], 1 removals]",
        CalendarCorrections.of(b, List.of(JAN_2)).toString());
  }

  @Test
  void consecutiveBundledYearsIncludeTheSingleYear() {
    assertEquals(BundledCalendars.russia(2024), BundledCalendars.russia(2024, 2024));
  }
}
