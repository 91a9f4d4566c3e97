package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For a valid NPS snapshot laid out with random whitespace and line ends (its checksum resealed),
 * one count corrupted to a negative number: the error names that field's path, and its line and
 * column are those of the corrupted value, counted from the text.
 */
class JsonErrorLocationProperties {

  private static final String[] FIELDS = {"promoters", "passives", "detractors"};

  @Provide
  Arbitrary<String> space() {
    return Arbitraries.of("", " ", "\n", "\r\n", "\t", "  \n  ")
        .list()
        .ofMaxSize(3)
        .map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void aCorruptedCountIsLocatedAtItsValue(
      @ForAll @IntRange(min = 0, max = 2) int bad,
      @ForAll @IntRange(min = 0, max = 1000) int count,
      @ForAll("space") String s1,
      @ForAll("space") String s2) {
    StringBuilder json =
        new StringBuilder("{" + s1 + "\"format\":" + s2 + "\"servicekit-kpi\"," + s1)
            .append("\"version\":" + s2 + "2," + s1 + "\"kind\":" + s2 + "\"nps\",")
            .append(s1 + "\"state\"" + s2 + ":" + s1 + "{");
    int at = -1;
    for (int i = 0; i < FIELDS.length; i++) {
      json.append(i == 0 ? s2 : "," + s1).append('"').append(FIELDS[i]).append("\":").append(s2);
      if (i == bad) {
        at = json.length();
        json.append(-1 - count);
      } else {
        json.append(count);
      }
    }
    String text = JsonErrorLocationTest.sealed(json.append(s1).append("}\n}").toString());
    String m =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(text))
            .getMessage();
    assertEquals(
        " (at $.state." + FIELDS[bad] + ", " + lineAndColumn(text, at) + ")",
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
