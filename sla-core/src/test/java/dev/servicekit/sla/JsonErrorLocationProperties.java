package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/**
 * For a valid calendar document laid out with random whitespace and line ends, one holiday
 * corrupted: the error names that holiday's path, and its line and column are those of the
 * corrupted value, counted from the text (a line ends at "\n", "\r\n" or a bare "\r").
 */
class JsonErrorLocationProperties {

  @Provide
  Arbitrary<String> space() {
    return Arbitraries.of("", " ", "\n", "\r\n", "\r", "\t", "  \n  ")
        .list()
        .ofMaxSize(3)
        .map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void aCorruptedHolidayIsLocatedAtItsValue(
      @ForAll @Size(min = 1, max = 8) @UniqueElements
          List<@IntRange(min = 0, max = 364) Integer> days,
      @ForAll @IntRange(min = 0, max = 7) int pick,
      @ForAll("space") String s1,
      @ForAll("space") String s2,
      @ForAll("space") String s3) {
    int bad = pick % days.size();
    StringBuilder json = new StringBuilder("{" + s1 + "\"zone\":" + s2 + "\"UTC\"," + s3);
    json.append("\"holidays\"").append(s1).append(':').append(s2).append('[');
    int at = -1;
    for (int i = 0; i < days.size(); i++) {
      json.append(i == 0 ? s3 : "," + (i % 2 == 0 ? s1 : s2));
      if (i == bad) {
        at = json.length();
        json.append("\"2026-02-30\"");
      } else {
        json.append('"').append(LocalDate.of(2026, 1, 1).plusDays(days.get(i))).append('"');
      }
    }
    json.append(s1).append(']').append(s2).append('}');
    String text = json.toString();
    String m =
        assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(text)).getMessage();
    assertEquals(" (at $.holidays[" + bad + "], " + lineAndColumn(text, at) + ")", tail(m), m);
  }

  private static String tail(String m) {
    return m.substring(m.lastIndexOf(" (at "));
  }

  /** The oracle: "line L, column C" of char {@code at}, counted from the text. */
  static String lineAndColumn(String text, int at) {
    int line = 1;
    int start = 0;
    for (int i = 0; i < at; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        start = i + 1;
      }
    }
    return "line " + line + ", column " + (at - start + 1);
  }
}
