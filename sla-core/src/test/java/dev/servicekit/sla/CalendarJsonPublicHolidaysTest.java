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

  /**
   * A new user's review: these errors were located at the entry ({@code $.publicHolidays[0]}) and
   * named the Java parameters of {@link JollydayHolidays#holidays} ({@code region}, {@code
   * firstYear}). Each is now located at the field that breaks the rule, in the JSON's names.
   */
  @Test
  void entryErrorsAreLocatedAtTheFieldAndInTheJsonsNames() {
    String p = "$.publicHolidays[0].";
    // {json, message, path, the text before the bad value}
    for (List<String> c :
        List.of(
            List.of(
                "[{\"country\":\"de\",\"from\":2027,\"to\":2026}]",
                "to 2026 must not be before from 2027",
                p + "to",
                "\"to\":"),
            List.of(
                "[{\"country\":\"xx\",\"from\":2026,\"to\":2026}]",
                "country 'xx' has no jollyday holiday data",
                p + "country",
                "\"country\":"),
            List.of(
                "[{\"country\":\"de\",\"subdivisions\":[\"by\",\"zz\"],\"from\":2026,\"to\":2026}]",
                "subdivision 'zz' is not known to jollyday under de/by",
                p + "subdivisions[1]",
                "\"by\","),
            List.of(
                "[{\"country\":\"de\",\"from\":1899,\"to\":2026}]",
                "from 1899 is outside the supported years 1900..2299",
                p + "from",
                "\"from\":"),
            List.of(
                "[{\"country\":\"de\",\"from\":2026,\"to\":2300}]",
                "to 2300 is outside the supported years 1900..2299",
                p + "to",
                "\"to\":"),
            List.of(
                "[{\"country\":\"de\",\"from\":2026,\"to\":2026,"
                    + "\"except\":[\"2026-12-25\",\"2026-12-26\",\"2026-07-01\"]}]",
                "date 2026-07-01 is not a public holiday of DE in 2026..2026",
                p + "except[2]",
                "\"2026-12-26\","),
            List.of(
                "[{\"country\":\"d e\",\"from\":2026,\"to\":2026}]",
                "country 'd e' must be letters and digits only",
                p + "country",
                "\"country\":"),
            List.of(
                "[{\"country\":\"de\",\"subdivisions\":[\"by\",\"b-y\"],\"from\":2026,\"to\":2026}]",
                "subdivision 'b-y' must be letters and digits only",
                p + "subdivisions[1]",
                "\"by\","),
            List.of(
                "[{\"country\":\"de\",\"subdivisions\":[\"by\",\"abcdefghijklm\"],"
                    + "\"from\":2026,\"to\":2026}]",
                "subdivision 'abcdefghijklm' makes country and subdivisions, joined by hyphens, 19"
                    + " characters long, more than 16",
                p + "subdivisions[1]",
                "\"by\","))) {
      String json = calendar(c.get(0));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json));
      String m = e.getMessage();
      // the column of the bad value, which follows c.get(3)
      int column = json.indexOf(c.get(3), json.indexOf("publicHolidays")) + c.get(3).length() + 1;
      assertTrue(m.startsWith(c.get(1)), m);
      assertTrue(m.endsWith(" (at " + c.get(2) + ", line 1, column " + column + ")"), m);
      for (String javaName : List.of("firstYear", "lastYear", "region ")) {
        assertFalse(m.contains(javaName), m);
      }
    }
    // code callers keep the messages that name the parameters
    IllegalArgumentException code =
        assertThrows(
            IllegalArgumentException.class, () -> JollydayHolidays.holidays("de", 2027, 2026));
    assertEquals("lastYear 2026 must not be before firstYear 2027", code.getMessage());
    code =
        assertThrows(
            IllegalArgumentException.class,
            () -> JollydayHolidays.holidays("de", 2026, 2026, "by", "zz"));
    assertTrue(
        code.getMessage()
            .startsWith("subdivision 'zz' is not known to jollyday under de/by; known:"),
        code.getMessage());
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

  /**
   * Russia's public holidays come from the bundled production calendar, with the transferred days
   * off, working Saturdays and shortened days jollyday lacks (a review found 2025 closed on working
   * days and open on 2 May, 8 May, 13 June, 3 November and 31 December); a year outside the bundled
   * ones is refused, naming the field.
   */
  @Test
  void russiaTakesTheBundledProductionCalendar() {
    BusinessCalendar json =
        CalendarJson.read(
            "{\"zone\":\"Europe/Moscow\",\"week\":{\"MONDAY\":[\"09:00-18:00\"],"
                + "\"TUESDAY\":[\"09:00-18:00\"],\"WEDNESDAY\":[\"09:00-18:00\"],"
                + "\"THURSDAY\":[\"09:00-18:00\"],\"FRIDAY\":[\"09:00-18:00\"]},"
                + "\"publicHolidays\":[{\"country\":\"ru\",\"from\":2025,\"to\":2025}]}");
    BusinessCalendar code =
        BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
            .weekdays(TimeRange.parse("09:00-18:00"))
            .apply(dev.servicekit.sla.holidays.BundledCalendars.russia(2025))
            .build();
    assertEquals(code, json);
    assertTrue(json.holidays().contains(LocalDate.of(2025, 5, 2)));
    assertFalse(json.holidays().contains(LocalDate.of(2025, 1, 9)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CalendarJson.read(
                    "{\"zone\":\"Europe/Moscow\",\"publicHolidays\":"
                        + "[{\"country\":\"ru\",\"from\":2026,\"to\":2027}]}"));
    assertTrue(e.getMessage().contains("bundled for 2015..2026, not 2026..2027"), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.publicHolidays[0].to"), e.getMessage());
  }
}
