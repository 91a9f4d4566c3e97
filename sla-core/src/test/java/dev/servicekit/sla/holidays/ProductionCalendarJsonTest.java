package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductionCalendarJsonTest {

  private static final String EXAMPLE =
      """
      {"country":"RU","years":[2025,2026],"source":"manual fixes",
       "holidays":[{"date":"2025-01-01","name":"New Year"}],
       "dayOff":[{"date":"2025-05-02","reason":"transfer"}],
       "shortened":[{"date":"2025-03-07","by":"PT1H"},{"date":"2025-11-01","by":"PT1H"}],
       "workingDays":[{"date":"2025-11-01","as":"MONDAY"}],
       "remove":["2025-01-09"]}
      """;

  @Test
  void readsTheDocumentedForm() {
    CalendarCorrections c = ProductionCalendarJson.read(EXAMPLE);
    ProductionCalendar expected =
        ProductionCalendar.builderForYears("RU", 2025, 2026)
            .source("manual fixes")
            .holiday(LocalDate.of(2025, 1, 1), "New Year")
            .dayOff(LocalDate.of(2025, 5, 2), "transfer")
            .shortened(LocalDate.of(2025, 3, 7), Duration.ofHours(1))
            .workingDay(LocalDate.of(2025, 11, 1), DayOfWeek.MONDAY)
            .shortened(LocalDate.of(2025, 11, 1), Duration.ofHours(1))
            .build();
    assertEquals(expected, c.rules());
    assertEquals(Set.of(LocalDate.of(2025, 1, 9)), c.removals());
    assertEquals(
        Optional.of(new DayRule.WorkingDay(DayOfWeek.MONDAY, Duration.ofHours(1))),
        c.rules().rule(LocalDate.of(2025, 11, 1)));
  }

  @Test
  void writeThenReadGivesAnEqualObject() {
    CalendarCorrections c = ProductionCalendarJson.read(EXAMPLE);
    assertEquals(c, ProductionCalendarJson.read(ProductionCalendarJson.write(c)));
    for (int year : BundledCalendars.russiaYears()) {
      ProductionCalendar ru = BundledCalendars.russia(year);
      assertEquals(
          CalendarCorrections.of(ru),
          ProductionCalendarJson.read(
              new ByteArrayInputStream(
                  ProductionCalendarJson.write(ru).getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void subdivisionAndDateRangeForm() {
    CalendarCorrections c =
        ProductionCalendarJson.read(
            """
            {"country":"de","subdivision":"by","from":"2026-01-01","until":"2026-07-01",
             "holidays":[{"date":"2026-01-06","name":"Epiphany"}]}
            """);
    assertEquals("DE-BY", c.rules().region());
    assertEquals(LocalDate.of(2026, 7, 1), c.rules().end());
    assertTrue(ProductionCalendarJson.write(c).contains("\"until\" : \"2026-07-01\""));
    assertEquals(c, ProductionCalendarJson.read(ProductionCalendarJson.write(c)));
  }

  @Test
  void wholeYearsAreWrittenAsYearsAndAnyOtherRangeAsDates() {
    String years = ProductionCalendarJson.write(ProductionCalendarJson.read(EXAMPLE));
    assertTrue(years.contains("\"years\" : [ 2025, 2026 ]"), years);
    assertFalse(years.contains("\"from\""), years);
    CalendarCorrections tail =
        CalendarCorrections.of(
            ProductionCalendar.empty("RU", LocalDate.of(2026, 7, 1), LocalDate.of(2027, 1, 1)));
    String dates = ProductionCalendarJson.write(tail);
    assertTrue(dates.contains("\"from\" : \"2026-07-01\""), dates);
    assertTrue(dates.contains("\"until\" : \"2027-01-01\""), dates);
    assertFalse(dates.contains("\"years\""), dates);
    assertEquals(tail, ProductionCalendarJson.read(dates));
  }

  @Test
  void years1900And2299AreTheEndsOfTheRange() {
    assertEquals(
        LocalDate.of(1900, 1, 1),
        ProductionCalendarJson.read("{\"country\":\"RU\",\"years\":[1900]}").rules().start());
    assertEquals(
        LocalDate.of(2300, 1, 1),
        ProductionCalendarJson.read("{\"country\":\"RU\",\"years\":[2299]}").rules().end());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'country':'RU','years':[2025],'holidays':[{'date':'2025-01-01','name':'a'},{'date':'2025-02-30','name':'b'}]}"
            + "| date '2025-02-30' is not a valid ISO date yyyy-MM-dd (at $.holidays[1].date)",
        "{'country':'RU','years':[2025],'shortened':[{'date':'2025-03-07','by':'1h'}]}"
            + "| duration '1h' is not an ISO-8601 duration such as PT1H (at $.shortened[0].by)",
        "{'country':'RU','years':[2025],'shortened':[{'date':'2025-03-07','by':'PT0S'}]}"
            + "| duration 'PT0S' must be positive and less than PT24H (at $.shortened[0].by)",
        "{'country':'RU','years':[2025],'workingDays':[{'date':'2025-11-01','as':'FUNDAY'}]}"
            + "| day of week 'FUNDAY' must be one of MONDAY..SUNDAY (at $.workingDays[0].as)",
        "{'country':'RU','years':[2025],'holidays':[{'date':'2025-01-01','name':'a'}],'dayOff':[{'date':'2025-01-01','reason':'b'}]}"
            + "| conflicting rules for 2025-01-01: Holiday[name=a] and DayOff[reason=b] (at $.dayOff[0])",
        "{'country':'RU','years':[2025],'holidays':[{'date':'2026-01-01','name':'a'}]}"
            + "| date 2026-01-01 is outside the calendar range [2025-01-01, 2026-01-01) (at $.holidays[0])",
        "{'country':'RU','years':[2025],'holidays':[{'date':'2025-01-01','name':'a'}],'remove':['2025-01-01']}"
            + "| conflicting corrections for 2025-01-01: removal and Holiday[name=a] (at $.remove[0])",
        "{'country':'RU','years':[2025,2027]}"
            + "| years [2025, 2027] must be consecutive: a gap would be claimed as covered (at $.years)",
        "{'country':'RU','years':[2025,2025]}| year 2025 is repeated (at $.years[1])",
        "{'country':'RU','years':[0]}| year 0 must be an integer between 1900 and 2299, the years a business calendar supports (at $.years[0])",
        "{'country':'RU','years':[10000]}| year 10000 must be an integer between 1900 and 2299, the years a business calendar supports (at $.years[0])",
        "{'country':'RU','years':2025}| value 2025 must be a JSON array (at $.years)",
        "{'country':'RU','years':[2025],'remove':'2025-01-09'}| value \"2025-01-09\" must be a JSON array (at $.remove)",
        "{'country':'RU','years':[2025],'shortened':[{'date':'2025-03-07','by':'PT24H'}]}"
            + "| duration 'PT24H' must be positive and less than PT24H (at $.shortened[0].by)",
        "{'country':'RU','years':['2025']}| year \"2025\" must be an integer between 1900 and 2299, the years a business calendar supports (at $.years[0])",
        "{'country':'RU'}| exactly one of 'years' or 'from'/'until' must be given (at $)",
        "{'years':[2025]}| field 'country' is required (at $.country)",
        "{'country':'R U','years':[2025]}"
            + "| region 'R U' must be a country code optionally followed by subdivision codes, e.g. RU or DE-BY (at $.country)",
        "{'country':'RU','years':[2025],'holiday':[]}"
            + "| unknown field 'holiday', expected one of [country, dayOff, from, holidays, remove, shortened, source, subdivision, until, workingDays, years] (at $.holiday)",
        "{'country':'RU','years':[2025],'holidays':[{'date':'2025-01-01','nmae':'a'}]}"
            + "| unknown field 'nmae', expected 'date' and 'name' (at $.holidays[0].nmae)",
        "{'country':'RU','years':[2025],'holidays':[{'date':'2025-01-01'}]}| value is required (at $.holidays[0].name)",
        "{'country':'RU','years':[2025],'holidays':{}}| value {} must be a JSON array (at $.holidays)",
        "{'country':'RU','years':[2025],'source':['ok',' ']}| value \" \" must be a non-blank string (at $.source[1])",
        "[]| document must be a JSON object (at $)",
      })
  void errorsNameTheValueTheRuleAndTheJsonPath(String json, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarJson.read(json.replace('\'', '"')));
    assertEquals(message, withoutLocation(e.getMessage()));
  }

  /** The message without its {@code ", line L, column C"}, after checking that it has one. */
  static String withoutLocation(String message) {
    assertTrue(message.matches(".*, line \\d+, column \\d+\\)$"), message);
    return message.replaceFirst(", line \\d+, column \\d+\\)$", ")");
  }

  @Test
  void malformedAndDuplicateKeysAreRejected() {
    for (String bad :
        List.of(
            "{\"country\":\"RU\",\"country\":\"BY\",\"years\":[2025]}",
            "{\"country\":\"RU\",\"years\":[2025]} trailing",
            "{\"country\":")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ProductionCalendarJson.read(bad));
      assertTrue(e.getMessage().startsWith("malformed JSON: "), e.getMessage());
    }
  }

  @Test
  void codeAndJsonProduceTheSameValidationError() {
    IllegalArgumentException code =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendar.builderForYears("RU", 2025, 2025)
                    .holiday(LocalDate.of(2025, 1, 1), "a")
                    .dayOff(LocalDate.of(2025, 1, 1), "b"));
    IllegalArgumentException json =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendarJson.read(
                    "{\"country\":\"RU\",\"years\":[2025],"
                        + "\"holidays\":[{\"date\":\"2025-01-01\",\"name\":\"a\"}],"
                        + "\"dayOff\":[{\"date\":\"2025-01-01\",\"reason\":\"b\"}]}"));
    assertEquals(code.getMessage() + " (at $.dayOff[0], line 1, column 88)", json.getMessage());
  }
}
