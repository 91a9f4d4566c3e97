package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A date outside the calendars' supported range is refused at the {@code date} field of an {@code
 * hours}, {@code workingDays} or {@code shortened} entry, as a holiday is at its element, not at
 * the entry.
 */
class CalendarJsonDateRangeLocationTest {

  private static String refused(String json) {
    return assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json)).getMessage();
  }

  @Test
  void anUnsupportedDateIsRefusedAtItsDateField() {
    String m =
        refused(
            "{\"zone\":\"UTC\",\"hours\":[{\"ranges\":[\"09:00-10:00\"],\"date\":\"3000-01-01\"}]}");
    assertTrue(
        m.startsWith("hoursOn date 3000-01-01 is outside the supported dates")
            && m.endsWith("(at $.hours[0].date, line 1, column 57)"),
        m);
    m = refused("{\"zone\":\"UTC\",\"workingDays\":[{\"as\":\"MONDAY\",\"date\":\"1899-12-31\"}]}");
    assertTrue(
        m.startsWith("workingDayAs date 1899-12-31 is outside the supported dates")
            && m.endsWith("(at $.workingDays[0].date, line 1, column 52)"),
        m);
    m = refused("{\"zone\":\"UTC\",\"shortened\":[{\"by\":\"PT1H\",\"date\":\"2300-01-01\"}]}");
    assertTrue(
        m.startsWith("shortenDay date 2300-01-01 is outside the supported dates")
            && m.endsWith("(at $.shortened[0].date, line 1, column 48)"),
        m);
  }
}
