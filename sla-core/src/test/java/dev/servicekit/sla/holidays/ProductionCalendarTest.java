package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionCalendarTest {

  private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
  private static final LocalDate NOV_1 = LocalDate.of(2025, 11, 1);
  private static final Duration HOUR = Duration.ofHours(1);

  private static ProductionCalendar.Builder ru2025() {
    return ProductionCalendar.builderForYears("ru", 2025, 2025);
  }

  @Test
  void builderCoversWholeYearsAndNormalizesTheRegion() {
    ProductionCalendar cal = ru2025().holiday(JAN_1, "New Year").build();
    assertEquals("RU", cal.region());
    assertEquals(JAN_1, cal.start());
    assertEquals(LocalDate.of(2026, 1, 1), cal.end());
    assertTrue(cal.covers(LocalDate.of(2025, 12, 31)));
    assertFalse(cal.covers(LocalDate.of(2026, 1, 1)));
    assertEquals(Optional.of(DayRule.holiday("New Year")), cal.rule(JAN_1));
    assertEquals(Optional.empty(), cal.rule(JAN_1.plusDays(1)));
    assertEquals("ProductionCalendar[RU 2025-01-01/2026-01-01, 1 rules]", cal.toString());
  }

  @Test
  void conflictingRulesForOneDateAreRejectedNamingTheDateAndBothRules() {
    ProductionCalendar.Builder b = ru2025().holiday(JAN_1, "New Year");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.dayOff(JAN_1, "transfer"));
    assertEquals(
        "conflicting rules for 2025-01-01: Holiday[name=New Year] and DayOff[reason=transfer]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.holiday(JAN_1, "Other name"));
    assertThrows(IllegalArgumentException.class, () -> b.shortened(JAN_1, HOUR));
    assertThrows(IllegalArgumentException.class, () -> b.workingDay(JAN_1, DayOfWeek.MONDAY));
  }

  @Test
  void sameRuleTwiceIsANoOp() {
    ProductionCalendar once = ru2025().holiday(JAN_1, "New Year").build();
    ProductionCalendar twice =
        ru2025().holiday(JAN_1, "New Year").holiday(JAN_1, "New Year").build();
    assertEquals(once, twice);
  }

  @Test
  void workingDayAndShortenedCombineInEitherOrder() {
    DayRule expected = new DayRule.WorkingDay(DayOfWeek.MONDAY, HOUR);
    assertEquals(
        Optional.of(expected),
        ru2025().workingDay(NOV_1, DayOfWeek.MONDAY).shortened(NOV_1, HOUR).build().rule(NOV_1));
    assertEquals(
        Optional.of(expected),
        ru2025().shortened(NOV_1, HOUR).workingDay(NOV_1, DayOfWeek.MONDAY).build().rule(NOV_1));
    ProductionCalendar.Builder b =
        ru2025().workingDay(NOV_1, DayOfWeek.MONDAY).shortened(NOV_1, HOUR);
    assertThrows(IllegalArgumentException.class, () -> b.shortened(NOV_1, Duration.ofHours(2)));
    assertThrows(IllegalArgumentException.class, () -> b.workingDay(NOV_1, DayOfWeek.FRIDAY));
  }

  @Test
  void datesOutsideTheRangeAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ru2025().holiday(LocalDate.of(2026, 1, 1), "New Year"));
    assertEquals(
        "date 2026-01-01 is outside the calendar range [2025-01-01, 2026-01-01)", e.getMessage());
    ProductionCalendar cal = ru2025().build();
    assertThrows(
        IllegalArgumentException.class,
        () -> cal.withRule(LocalDate.of(2024, 12, 31), DayRule.holiday("x")));
  }

  @Test
  void badRegionsAndRangesAreRejected() {
    assertEquals(
        "region 'R U' must be a country code optionally followed by subdivision codes, e.g. RU or"
            + " DE-BY",
        assertThrows(
                IllegalArgumentException.class,
                () -> ProductionCalendar.builderForYears("R U", 2025, 2025))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ProductionCalendar.builderForYears("", 2025, 2025));
    assertEquals(
        "end 2025-01-01 must be after start 2025-01-01",
        assertThrows(
                IllegalArgumentException.class, () -> ProductionCalendar.empty("RU", JAN_1, JAN_1))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ProductionCalendar.builderForYears("RU", 2026, 2025));
    assertEquals("DE-BY", ProductionCalendar.empty("de-by", JAN_1, NOV_1).region());
  }

  @Test
  void regionsHaveAtMostSixteenCharacters() {
    assertEquals(
        "RU-ABCDEFGHIJKLM", ProductionCalendar.empty("RU-ABCDEFGHIJKLM", JAN_1, NOV_1).region());
    assertEquals(
        "region 'RU-ABCDEFGHIJKLMN' must have at most 16 characters",
        assertThrows(
                IllegalArgumentException.class,
                () -> ProductionCalendar.empty("RU-ABCDEFGHIJKLMN", JAN_1, NOV_1))
            .getMessage());
  }

  @Test
  void withSourcesReplacesTheSourcesDroppingDuplicates() {
    ProductionCalendar cal = ru2025().source("old").holiday(JAN_1, "a").build();
    ProductionCalendar renamed = cal.withSources(List.of("b", "a", "b"));
    assertEquals(List.of("b", "a"), renamed.sources());
    assertEquals(cal.rules(), renamed.rules());
    assertEquals(List.of("old"), cal.sources());
    assertEquals(List.of(), cal.withSources(List.of()).sources());
    assertEquals(
        "source ' ' must not be blank",
        assertThrows(IllegalArgumentException.class, () -> cal.withSources(List.of("a", " ")))
            .getMessage());
  }

  @Test
  void rangeQueryIsHalfOpen() {
    ProductionCalendar cal =
        ru2025().holiday(JAN_1, "a").holiday(JAN_1.plusDays(1), "b").holiday(NOV_1, "c").build();
    assertEquals(List.of(JAN_1), List.copyOf(cal.rules(JAN_1, JAN_1.plusDays(1)).keySet()));
    assertEquals(Map.of(), cal.rules(JAN_1, JAN_1));
    assertEquals(3, cal.rules(JAN_1, NOV_1.plusDays(1)).size());
    assertThrows(IllegalArgumentException.class, () -> cal.rules(NOV_1, JAN_1));
    assertThrows(UnsupportedOperationException.class, () -> cal.rules().clear());
  }

  @Test
  void removingAWrongLibraryHolidayAndOverridingWithExplicitData() {
    LocalDate jan9 = LocalDate.of(2025, 1, 9);
    ProductionCalendar library =
        ru2025().holiday(JAN_1, "New Year").holiday(jan9, "New Year").source("lib").build();
    ProductionCalendar explicit =
        ru2025()
            .holiday(JAN_1, "Новый год")
            .dayOff(LocalDate.of(2025, 5, 2), "transfer")
            .source("decree")
            .build();
    ProductionCalendar corrected = library.withoutRule(jan9).withOverride(explicit);
    assertEquals(Optional.empty(), corrected.rule(jan9));
    assertEquals(Optional.of(DayRule.holiday("Новый год")), corrected.rule(JAN_1));
    assertEquals(List.of("lib", "decree"), corrected.sources());
    assertSame(library, library.withoutRule(NOV_1));
    assertEquals(corrected, CalendarCorrections.of(explicit, List.of(jan9)).applyTo(library));
  }

  @Test
  void correctionsMayNotRemoveADateTheyAlsoSet() {
    ProductionCalendar explicit = ru2025().holiday(JAN_1, "New Year").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CalendarCorrections.of(explicit, List.of(JAN_1)));
    assertEquals(
        "conflicting corrections for 2025-01-01: removal and Holiday[name=New Year]",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CalendarCorrections.of(explicit, List.of(LocalDate.of(2030, 1, 1))));
  }

  @Test
  void mergeRejectsConflictsAndCombinesWorkingDayWithShortening() {
    ProductionCalendar a =
        ru2025().holiday(JAN_1, "New Year").workingDay(NOV_1, DayOfWeek.MONDAY).build();
    ProductionCalendar b = ru2025().shortened(NOV_1, HOUR).build();
    assertEquals(
        Optional.of(new DayRule.WorkingDay(DayOfWeek.MONDAY, HOUR)), a.merge(b).rule(NOV_1));
    ProductionCalendar c = ru2025().dayOff(JAN_1, "x").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(c));
    assertEquals(
        "conflicting rules for 2025-01-01: Holiday[name=New Year] and DayOff[reason=x]",
        e.getMessage());
  }

  @Test
  void mergeAndOverrideNeedTheSameRegionAndNoGap() {
    ProductionCalendar ru25 = ru2025().build();
    ProductionCalendar ru26 = ProductionCalendar.builderForYears("RU", 2026, 2026).build();
    ProductionCalendar ru27 = ProductionCalendar.builderForYears("RU", 2027, 2027).build();
    ProductionCalendar de25 = ProductionCalendar.builderForYears("DE", 2025, 2025).build();
    assertEquals(LocalDate.of(2027, 1, 1), ru25.merge(ru26).end());
    assertEquals(
        "merge needs the same region, got RU and DE",
        assertThrows(IllegalArgumentException.class, () -> ru25.merge(de25)).getMessage());
    IllegalArgumentException gap =
        assertThrows(IllegalArgumentException.class, () -> ru25.withOverride(ru27));
    assertTrue(gap.getMessage().contains("leave a gap"), gap.getMessage());
  }

  @Test
  void equalsHashCodeAndNulls() {
    new EqualsTester()
        .addEqualityGroup(
            ru2025().build(),
            ru2025().build(),
            ProductionCalendar.empty("RU", JAN_1, LocalDate.of(2026, 1, 1)))
        .addEqualityGroup(ru2025().holiday(JAN_1, "a").build())
        .addEqualityGroup(ru2025().source("s").build())
        .addEqualityGroup(ProductionCalendar.builderForYears("RU", 2025, 2026).build())
        .addEqualityGroup(ProductionCalendar.builderForYears("BY", 2025, 2025).build())
        .testEquals();
    NullPointerTester npt = new NullPointerTester();
    npt.setDefault(String.class, "x")
        .setDefault(LocalDate.class, JAN_1)
        .setDefault(DayRule.class, DayRule.holiday("x"));
    npt.testAllPublicInstanceMethods(ru2025().build());
    npt.testAllPublicInstanceMethods(ru2025());
    npt.testAllPublicStaticMethods(DayRule.class);
    npt.testAllPublicInstanceMethods(CalendarCorrections.of(ru2025().build()));
    npt.setDefault(ProductionCalendar.class, ru2025().build());
    npt.testAllPublicStaticMethods(ProductionCalendar.class);
    npt.testAllPublicStaticMethods(CalendarCorrections.class);
    npt.testAllPublicStaticMethods(ProductionCalendarJson.class);
    npt.testAllPublicStaticMethods(JollydayHolidays.class);
  }
}
