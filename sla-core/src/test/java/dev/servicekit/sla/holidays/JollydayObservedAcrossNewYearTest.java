package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A holiday observed in another year than its own: New Year's Day 2022 (and 2028) fell on a
 * Saturday, so the United States observed it on Friday 31 December 2021 (2027). Asking jollyday for
 * one year must neither fail on that date nor lose it.
 */
class JollydayObservedAcrossNewYearTest {

  @Test
  void aYearWhoseNewYearIsObservedTheYearBeforeIsRead() {
    for (int year : new int[] {2022, 2028}) {
      assertEquals(DayOfWeek.SATURDAY, LocalDate.of(year, 1, 1).getDayOfWeek());
      ProductionCalendar pc = JollydayHolidays.holidays("us", year, year);
      for (LocalDate d : pc.rules().keySet()) {
        assertTrue(pc.covers(d), d + " outside " + pc);
      }
      assertTrue(
          pc.rule(LocalDate.of(year, 1, 1)).isEmpty(), "a Saturday, observed the day before");
    }
    BusinessCalendar cal =
        CalendarJson.read(
            "{\"zone\":\"America/New_York\","
                + "\"publicHolidays\":[{\"country\":\"us\",\"from\":2022,\"to\":2022}]}");
    assertEquals(2022, cal.holidays().first().getYear(), cal.holidays().toString());
  }

  @Test
  void theObservedDateBelongsToTheYearItFallsIn() {
    LocalDate observed = LocalDate.of(2021, 12, 31);
    ProductionCalendar alone = JollydayHolidays.holidays("us", 2021, 2021);
    assertTrue(alone.rule(observed).isPresent(), "31 December 2021 was a federal holiday");
    // one year asked alone has the rules it has when asked with the next one
    ProductionCalendar both = JollydayHolidays.holidays("us", 2021, 2022);
    assertEquals(both.rules(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 1, 1)), alone.rules());
  }
}
