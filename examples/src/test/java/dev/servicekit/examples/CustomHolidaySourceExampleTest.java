package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The custom holiday source example computes Germany's public holidays and plugs them in. */
class CustomHolidaySourceExampleTest {

  // Easter Sunday dates as printed in church calendars; 2008 (23 March) and 2038 (25 April) lie
  // near the two ends of the possible range (22 March .. 25 April).
  @ParameterizedTest
  @CsvSource({
    "1961, 1961-04-02",
    "2000, 2000-04-23",
    "2008, 2008-03-23",
    "2011, 2011-04-24",
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2038, 2038-04-25"
  })
  void easterSundayMatchesPublishedDates(int year, LocalDate easter) {
    assertEquals(easter, CustomHolidaySourceExample.easterSunday(year));
  }

  @Test
  void easterBeforeTheGregorianCalendarIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CustomHolidaySourceExample.easterSunday(1500));
    assertTrue(e.getMessage().contains("1500"), e.getMessage());
  }

  @Test
  void germanHolidaysOf2026AreTheNineNationwideOnes() {
    // Nationwide public holidays 2026 (Bundesministerium des Innern, "Feiertage").
    ProductionCalendar de = CustomHolidaySourceExample.germanNationalHolidays(2026, 2026);
    assertEquals(
        List.of(
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 4, 3),
            LocalDate.of(2026, 4, 6),
            LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 14),
            LocalDate.of(2026, 5, 25),
            LocalDate.of(2026, 10, 3),
            LocalDate.of(2026, 12, 25),
            LocalDate.of(2026, 12, 26)),
        List.copyOf(de.rules().keySet()));
    assertEquals("DE", de.region());
  }

  @Test
  void deadlineSkipsTheEasterHolidays() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      CustomHolidaySourceExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    // Thu 2 Apr 15:00-17:00 (2 h), closed Fri 3 .. Mon 6 Apr, Tue 7 Apr 09:00 + 6 h = 15:00 CEST.
    assertTrue(out.contains("-> due 2026-04-07T13:00:00Z"), out);
    assertTrue(out.contains("2026-04-03  Karfreitag"), out);
  }
}
