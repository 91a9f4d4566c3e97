package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DayRuleTest {

  @Test
  void blankNamesAndReasonsAreRejectedNamingTheField() {
    assertEquals(
        "name ' ' must not be blank",
        assertThrows(IllegalArgumentException.class, () -> DayRule.holiday(" ")).getMessage());
    assertEquals(
        "reason '' must not be blank",
        assertThrows(IllegalArgumentException.class, () -> DayRule.dayOff("")).getMessage());
    assertThrows(NullPointerException.class, () -> DayRule.holiday(null));
  }

  @Test
  void reductionsMustBePositiveAndShorterThanADay() {
    for (Duration bad :
        new Duration[] {Duration.ZERO, Duration.ofMinutes(-1), Duration.ofHours(24)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DayRule.shortened(bad));
      assertTrue(e.getMessage().startsWith("reduction " + bad), e.getMessage());
    }
    assertEquals(Duration.ofMinutes(1), DayRule.shortened(Duration.ofMinutes(1)).reduction());
    assertEquals(
        Duration.ofHours(23).plusMinutes(59),
        DayRule.shortened(Duration.ofHours(23).plusMinutes(59)).reduction());
  }

  @Test
  void workingDayMayBeUnshortenedButNotNegativelyShortened() {
    assertEquals(Duration.ZERO, DayRule.workingDay(DayOfWeek.MONDAY).shortenedBy());
    assertThrows(
        IllegalArgumentException.class,
        () -> new DayRule.WorkingDay(DayOfWeek.MONDAY, Duration.ofHours(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DayRule.WorkingDay(DayOfWeek.MONDAY, Duration.ofHours(24)));
    assertEquals(
        new DayRule.WorkingDay(DayOfWeek.FRIDAY, Duration.ofHours(1)),
        DayRule.workingDay(DayOfWeek.FRIDAY).withShortenedBy(Duration.ofHours(1)));
  }

  @Test
  void onlyHolidaysAndDaysOffAreDaysOff() {
    assertTrue(DayRule.holiday("x").isDayOff());
    assertTrue(DayRule.dayOff("x").isDayOff());
    assertFalse(DayRule.shortened(Duration.ofHours(1)).isDayOff());
    assertFalse(DayRule.workingDay(DayOfWeek.MONDAY).isDayOff());
  }
}
