package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.JollydayHolidays;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code publicHolidays} in calendar JSON: a country's (or subdivision's) public holidays taken
 * from jollyday, as {@link BusinessCalendar.Builder#apply} takes them in code, less listed
 * exceptions. Before, a JSON calendar had to list every holiday date itself.
 */
class CalendarJsonPublicHolidaysTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static String calendar(String publicHolidays) {
    return calendar(publicHolidays, "");
  }

  private static String calendar(String publicHolidays, String more) {
    return "{\"id\":\"team-by\",\"zone\":\"Europe/Berlin\",\"week\":{\"MONDAY\":[\"09:00-17:00\"],"
        + "\"TUESDAY\":[\"09:00-17:00\"],\"WEDNESDAY\":[\"09:00-17:00\"],"
        + "\"THURSDAY\":[\"09:00-17:00\"],\"FRIDAY\":[\"09:00-17:00\"]},"
        + "\"publicHolidays\":"
        + publicHolidays
        + more
        + "}";
  }

  private static BusinessCalendar.Builder week() {
    return BusinessCalendar.builder(BERLIN).id("team-by").weekdays(TimeRange.parse("09:00-17:00"));
  }

  @Test
  void aSubdivisionsHolidaysAreThoseCodeAppliesFromJollyday() {
    BusinessCalendar json =
        CalendarJson.read(
            calendar("[{\"country\":\"de\",\"subdivisions\":[\"by\"],\"from\":2026,\"to\":2027}]"));
    BusinessCalendar code = week().apply(JollydayHolidays.holidays("de", 2026, 2027, "by")).build();
    assertEquals(code, json);
    // Epiphany is a public holiday in Bavaria, not in Berlin
    assertTrue(json.holidays().contains(LocalDate.of(2026, 1, 6)));
    assertTrue(json.holidays().contains(LocalDate.of(2027, 12, 25)));
    BusinessCalendar berlin =
        CalendarJson.read(
            calendar("[{\"country\":\"de\",\"subdivisions\":[\"be\"],\"from\":2026,\"to\":2026}]"));
    assertFalse(berlin.holidays().contains(LocalDate.of(2026, 1, 6)));
  }

  @Test
  void severalEntriesAddUpAndExceptKeepsADateOpen() {
    BusinessCalendar cal =
        CalendarJson.read(
            calendar(
                "[{\"country\":\"de\",\"subdivisions\":[\"by\"],\"from\":2026,\"to\":2026,"
                    + "\"except\":[\"2026-10-03\",\"2026-12-26\"]},"
                    + "{\"country\":\"at\",\"from\":2026,\"to\":2026}]"));
    // German Unity Day, excepted, and no Austrian holiday
    assertFalse(cal.holidays().contains(LocalDate.of(2026, 10, 3)), "excepted");
    // an exception removes a date from its own entry only: Austria closes 26 December too
    assertTrue(cal.holidays().contains(LocalDate.of(2026, 12, 26)));
    assertTrue(cal.holidays().contains(LocalDate.of(2026, 12, 25)));
    // Austria's national holiday, 26 October
    assertTrue(cal.holidays().contains(LocalDate.of(2026, 10, 26)));
    // written as dates, read back equal
    assertEquals(cal, CalendarJson.read(CalendarJson.write(cal)));
  }

  @Test
  void badEntriesAreRefusedAtTheirPathLineAndColumn() {
    for (List<String> c :
        List.of(
            List.of(
                "[{\"country\":\"de\",\"from\":2026,\"to\":2026,\"except\":[\"2026-07-01\"]}]",
                "date 2026-07-01 is not a public holiday of DE in 2026..2026",
                "$.publicHolidays[0].except[0]"),
            List.of(
                "[{\"country\":\"de\",\"from\":2026,\"to\":2026,"
                    + "\"except\":[\"2026-12-25\",\"2026-12-25\"]}]",
                "is listed twice",
                "$.publicHolidays[0].except[1]"),
            List.of(
                "[{\"country\":\"xx\",\"from\":2026,\"to\":2026}]", "xx", "$.publicHolidays[0]"),
            List.of(
                "[{\"country\":\"de\",\"from\":2027,\"to\":2026}]", "2027", "$.publicHolidays[0]"),
            List.of("[{\"country\":\"de\",\"to\":2026}]", "from is required", "from"),
            List.of(
                "[{\"country\":\"de\",\"from\":\"2026\",\"to\":2026}]",
                "expected an integer",
                "$.publicHolidays[0].from"),
            List.of(
                "[{\"country\":\"de\",\"from\":2026,\"to\":2026,\"region\":\"by\"}]",
                "unknown field 'region'",
                "$.publicHolidays[0].region"),
            List.of("{\"country\":\"de\"}", "expected an array", "$.publicHolidays"))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(calendar(c.get(0))));
      String m = e.getMessage();
      assertTrue(m.contains(c.get(1)), m);
      assertTrue(m.contains(c.get(2)), m);
      assertTrue(m.contains("line 1, column "), m);
    }
  }

  @Test
  void aHolidayGivenHoursToo_isTwoRulesForOneDate() {
    String hours = ",\"hours\":[{\"date\":\"2026-12-25\",\"ranges\":[\"10:00-12:00\"]}]";
    String json = calendar("[{\"country\":\"de\",\"from\":2026,\"to\":2026}]", hours);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json));
    assertTrue(e.getMessage().contains("$.hours[0]"), e.getMessage());
    // excepted, the same date works its hours
    String excepted =
        calendar(
            "[{\"country\":\"de\",\"from\":2026,\"to\":2026,\"except\":[\"2026-12-25\"]}]", hours);
    BusinessCalendar cal = CalendarJson.read(excepted);
    assertFalse(cal.holidays().contains(LocalDate.of(2026, 12, 25)));
    assertEquals(
        List.of(TimeRange.parse("10:00-12:00")), cal.hoursOn().get(LocalDate.of(2026, 12, 25)));
  }
}
