package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For a valid answers document laid out with random whitespace and line ends, one answer corrupted
 * to a number: the error names that answer's path, and its line and column are those of the
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
  void aCorruptedAnswerIsLocatedAtItsValue(
      @ForAll @IntRange(min = 1, max = 8) int n,
      @ForAll @IntRange(min = 0, max = 7) int pick,
      @ForAll("space") String s1,
      @ForAll("space") String s2) {
    int bad = pick % n;
    StringBuilder json = new StringBuilder("{");
    int at = -1;
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? s1 : "," + s2).append("\"c").append(i).append('"').append(s1);
      json.append(':').append(s2);
      if (i == bad) {
        at = json.length();
        json.append("42");
      } else {
        json.append(i % 2 == 0 ? "\"yes\"" : "null");
      }
    }
    String text = json.append(s1).append('}').toString();
    String m =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.readAnswers(text))
            .getMessage();
    assertTrue(m.contains("42"), m);
    assertEquals(
        " (at $.c" + bad + ", " + lineAndColumn(text, at) + ")",
        m.substring(m.lastIndexOf(" (at ")),
        m);
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
