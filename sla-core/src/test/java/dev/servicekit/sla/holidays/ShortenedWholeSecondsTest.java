package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A production calendar holds only reductions a business calendar can apply: a business calendar's
 * periods are whole seconds, so a fraction of a second is refused where the rule is made or read,
 * not when the production calendar is applied.
 */
class ShortenedWholeSecondsTest {
  private static final Duration FRACTION = Duration.ofMinutes(30).plusMillis(500);

  @Test
  void aReductionWithAFractionOfASecondIsRefusedWhenTheRuleIsMade() {
    assertThrows(IllegalArgumentException.class, () -> DayRule.shortened(FRACTION));
    assertThrows(
        IllegalArgumentException.class,
        () -> DayRule.workingDay(DayOfWeek.MONDAY).withShortenedBy(FRACTION));
  }

  @Test
  void everyShortenedRuleAProductionCalendarHoldsCanBeApplied() {
    // the JSON reader took the fraction, and only apply refused it, with an error it does not
    // document (a conflict with a rule of the builder)
    String json =
        "{\"country\":\"RU\",\"years\":[2026],"
            + "\"shortened\":[{\"date\":\"2026-04-30\",\"by\":\"PT0.5S\"}]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarJson.read(json));
    assertTrue(e.getMessage().contains("shortened[0].by"), e.getMessage());
    // what is read applies
    ProductionCalendar whole = ProductionCalendarJson.read(json.replace("PT0.5S", "PT1S")).rules();
    BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
        .weekdays(TimeRange.parse("09:00-18:00"))
        .apply(whole)
        .build();
    assertTrue(whole.covers(LocalDate.of(2026, 4, 30)));
  }
}
