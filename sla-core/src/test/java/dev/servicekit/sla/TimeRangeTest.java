package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeRangeTest {

  /**
   * Spaces around the times are allowed; a control character or other whitespace is refused, with
   * the text escaped in the message. {@code trim()} took them away silently before.
   */
  @Test
  void onlySpacesAroundTheTimesAreAllowed() {
    assertEquals("09:00-17:00", TimeRange.parse("  09:00 - 17:00 ").toString());
    for (String bad :
        new String[] {
          "09:00\u0000-17:00",
          "09:00-17:00\n",
          "\t09:00-17:00",
          "09:00-\r17:00",
          "09:00\u001f-17:00",
          "\u00a009:00-17:00"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TimeRange.parse(bad));
      assertTrue(e.getMessage().startsWith("TimeRange '"), e.getMessage());
      assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), "escaped: " + e.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "09:00-13:00, 09:00-13:00, PT4H",
    "22:00-06:00, 22:00-06:00, PT8H",
    "18:00-24:00, 18:00-24:00, PT6H",
    "18:00-00:00, 18:00-24:00, PT6H",
    "00:00-24:00, 00:00-24:00, PT24H",
    "00:00-00:00, 00:00-24:00, PT24H",
    "09:00-09:00, 09:00-09:00, PT24H",
    "08:30:15-08:30:16, 08:30:15-08:30:16, PT1S",
    "23:59:59-24:00, 23:59:59-24:00, PT1S",
    "24:00:00 - 24:00, x, x",
  })
  void parsesPrintsAndMeasures(String text, String printed, String length) {
    if (printed.equals("x")) {
      assertThrows(IllegalArgumentException.class, () -> TimeRange.parse(text));
      return;
    }
    TimeRange r = TimeRange.parse(text);
    assertEquals(printed, r.toString());
    assertEquals(Duration.parse(length), r.length());
    assertEquals(r, TimeRange.parse(r.toString()));
  }

  @Test
  void wholeDayIsMidnightToMidnight() {
    assertEquals(
        TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), TimeRange.parse("00:00-24:00"));
    assertEquals(86_400, TimeRange.parse("00:00-24:00").endSecond());
    assertEquals(6 * 3600 + 86_400, TimeRange.parse("22:00-06:00").endSecond());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "09:00",
        "9:00-13:00",
        "09:00-13",
        "24:00-10:00",
        "25:00-26:00",
        "09:60-10:00",
        "09:00-13:00-14:00",
        "ab:cd-ef:gh",
        "09:00:60-10:00",
        "09.00-10.00"
      })
  void rejectsMalformedTextNamingIt(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeRange.parse(text));
    assertTrue(e.getMessage().contains("'" + text.trim() + "'"), e.getMessage());
  }

  @Test
  void rejectsFractionsOfASecond() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TimeRange.of(LocalTime.of(9, 0, 0, 5), LocalTime.of(10, 0)));
    assertTrue(e.getMessage().contains("09:00:00.000000005"), e.getMessage());
    assertTrue(e.getMessage().contains("whole seconds"), e.getMessage());
  }

  @Test
  void overlapIsOnTheLocalTimelineOfOneDate() {
    assertTrue(TimeRange.parse("09:00-13:00").overlaps(TimeRange.parse("12:00-14:00")));
    assertFalse(TimeRange.parse("09:00-13:00").overlaps(TimeRange.parse("13:00-14:00")));
    assertTrue(TimeRange.parse("22:00-06:00").overlaps(TimeRange.parse("23:00-23:30")));
    assertFalse(TimeRange.parse("22:00-06:00").overlaps(TimeRange.parse("01:00-05:00")));
  }

  @Property(tries = 500)
  void toStringRoundTrips(
      @ForAll @IntRange(min = 0, max = 86_399) int start,
      @ForAll @IntRange(min = 0, max = 86_399) int end) {
    TimeRange r = TimeRange.of(LocalTime.ofSecondOfDay(start), LocalTime.ofSecondOfDay(end));
    assertEquals(r, TimeRange.parse(r.toString()));
    long len = r.length().getSeconds();
    assertTrue(len >= 1 && len <= 86_400);
    assertEquals(Math.floorMod(end - start - 1, 86_400) + 1, len);
  }
}
