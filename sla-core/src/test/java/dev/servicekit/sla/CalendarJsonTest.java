package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarJsonTest {
  private static final String EXAMPLE =
      "{\"id\":\"support-eu\",\"zone\":\"Europe/Berlin\","
          + "\"week\":{\"MONDAY\":[\"09:00-13:00\",\"14:00-18:00\"],\"FRIDAY\":[\"22:00-06:00\"]},"
          + "\"holidays\":[\"2026-12-25\"],"
          + "\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\"PT1H\"}],"
          + "\"hours\":[{\"date\":\"2026-11-28\",\"ranges\":[\"10:00-14:00\"]}],"
          + "\"workingDays\":[{\"date\":\"2025-11-01\",\"as\":\"MONDAY\"}]}";

  private static TimeRange r(String text) {
    return TimeRange.parse(text);
  }

  @Test
  void readsTheDocumentedExampleIntoTheSameCalendarAsCode() {
    BusinessCalendar expected =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .id("support-eu")
            .hours(DayOfWeek.MONDAY, r("09:00-13:00"), r("14:00-18:00"))
            .hours(DayOfWeek.FRIDAY, r("22:00-06:00"))
            .holiday(LocalDate.of(2026, 12, 25))
            .shortenDay(LocalDate.of(2026, 12, 24), Duration.ofHours(1))
            .hoursOn(LocalDate.of(2026, 11, 28), r("10:00-14:00"))
            .workingDayAs(LocalDate.of(2025, 11, 1), DayOfWeek.MONDAY)
            .build();
    assertEquals(expected, CalendarJson.read(EXAMPLE));
    assertEquals(
        expected,
        CalendarJson.read(new ByteArrayInputStream(EXAMPLE.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Every list refuses a date it repeats, also with the same content, at the repeat (identical
   * repeats in holidays, hours, workingDays and shortened were merged silently, as the README says
   * no configuration reader does).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"holidays\":[\"2026-12-25\",\"2026-12-25\"] | holidays | $.holidays[1]",
        "\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\"PT1H\"},"
            + "{\"date\":\"2026-12-24\",\"by\":\"PT1H\"}] | shortened | $.shortened[1].date",
        "\"workingDays\":[{\"date\":\"2026-11-28\",\"as\":\"MONDAY\"},"
            + "{\"date\":\"2026-11-28\",\"as\":\"MONDAY\"}] | workingDays"
            + " | $.workingDays[1].date",
        "\"hours\":[{\"date\":\"2026-11-28\",\"ranges\":[\"10:00-14:00\"]},"
            + "{\"date\":\"2026-11-28\",\"ranges\":[\"10:00-14:00\"]}] | hours"
            + " | $.hours[1].date"
      })
  void aDateRepeatedInAListIsRefusedAtTheRepeat(String list, String name, String path) {
    String json =
        "{\"id\":\"c\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-17:00\"]}," + list + "}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json));
    assertTrue(e.getMessage().contains("is listed twice in " + name), e.getMessage());
    assertTrue(e.getMessage().contains("(at " + path + ", line 1, column "), e.getMessage());
  }

  @Test
  void writeThenReadGivesAnEqualCalendar() {
    Random rnd = new Random(3);
    for (int i = 0; i < 200; i++) {
      CalendarSpec spec =
          RandomCalendars.spec(
              rnd,
              i % RandomCalendars.KINDS.length,
              RandomCalendars.zone(rnd),
              LocalDate.of(2026, 1, 1),
              LocalDate.of(2026, 12, 31));
      BusinessCalendar cal = spec.build();
      assertEquals(cal, CalendarJson.read(CalendarJson.write(cal)), spec.toString());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"zone\":\"Europe/Berln\"} | zone | Europe/Berln",
        "{\"id\":\"x\"} | (at $.zone) | required",
        "{\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-13:00\",\"12:00-14:00\"]}} | (at $.week.MONDAY[1]) | 12:00-14:00",
        "{\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-13:60\"]}} | (at $.week.MONDAY[0]) | 09:00-13:60",
        "{\"zone\":\"UTC\",\"week\":{\"FUNDAY\":[]}} | (at $.week.FUNDAY) | FUNDAY",
        "{\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"09:00-13:00\"],\"monday\":[\"14:00-15:00\"]}} | (at $.week.monday) | repeats 'MONDAY'",
        "{\"zone\":\"UTC\",\"holidays\":[\"2026-01-01\",\"2026-02-30\"]} | (at $.holidays[1]) | 2026-02-30",
        "{\"zone\":\"UTC\",\"holidays\":[\"2027-02-29\"]} | (at $.holidays[0]) | 2027-02-29",
        "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\"1h\"}]} | (at $.shortened[0].by) | 1h",
        "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\"}]} | (at $.shortened[0].by) | required",
        "{\"zone\":\"UTC\",\"hours\":[{\"date\":\"2026-12-24\",\"ranges\":[\"x\"]}]} | (at $.hours[0].ranges[0]) | 'x'",
        "{\"zone\":\"UTC\",\"workingDays\":[{\"date\":\"2026-12-26\",\"as\":\"SOMEDAY\"}]} | (at $.workingDays[0].as) | SOMEDAY",
        "{\"zone\":\"UTC\",\"holidays\":[\"2026-12-24\"],\"hours\":[{\"date\":\"2026-12-24\",\"ranges\":[]}]} | (at $.hours[0]) | 2026-12-24",
        "{\"zone\":\"UTC\",\"colour\":\"red\"} | (at $.colour) | colour",
        "{\"zone\":\"UTC\",\"shortened\":[{\"date\":\"2026-12-24\",\"by\":\"-PT1H\"}]} | (at $.shortened[0].by) | PT-1H",
        "{\"zone\":\"UTC\",\"hours\":[{\"date\":\"2026-12-24\",\"ranges\":[\"09:00-12:00\",\"11:00-13:00\"]}]} | (at $.hours[0].ranges[1]) | 11:00-13:00",
        "{\"zone\":\"UTC\",\"holidays\":\"2026-12-24\"} | (at $.holidays) | array",
        "[1,2] | (at $) | object",
        "{\"zone\": | malformed | JSON",
      })
  void errorsCarryTheJsonPath(String json, String path, String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json.trim()));
    // every error names the path and the line and column of the value there
    assertTrue(
        e.getMessage().contains(path.trim().replace(")", ", line 1, column ")), e.getMessage());
    assertTrue(e.getMessage().contains(value.trim()), e.getMessage());
  }
}
