package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON reader of sla-core on empty and whitespace-only text (the error points at the end of
 * the input, line and column 1-based; {@code SlaClockSnapshot} said column 0) and on field names
 * longer than an excerpt (the name's excerpt appears once in the message, bounded; it appeared
 * twice, once in full inside the path).
 */
class JsonReadersEmptyInputAndLongNamesTest {

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("SlaPolicyJson", (Function<String, Object>) SlaPolicyJson::read),
        Arguments.of(
            "SlaPolicyJson stream", (Function<String, Object>) s -> SlaPolicyJson.read(stream(s))),
        Arguments.of("CalendarJson", (Function<String, Object>) CalendarJson::read),
        Arguments.of(
            "CalendarJson stream", (Function<String, Object>) s -> CalendarJson.read(stream(s))),
        Arguments.of(
            "ProductionCalendarJson", (Function<String, Object>) ProductionCalendarJson::read),
        Arguments.of(
            "ProductionCalendarJson stream",
            (Function<String, Object>) s -> ProductionCalendarJson.read(stream(s))),
        Arguments.of("SlaTransition", (Function<String, Object>) SlaTransition::fromJson),
        Arguments.of("TicketEventJson", (Function<String, Object>) TicketEventJson::read),
        Arguments.of(
            "SlaClockSnapshot",
            (Function<String, Object>)
                s -> SlaClockSnapshot.fromJson(s, id -> Fixtures.clock(Fixtures.tiered(), id))));
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static IllegalArgumentException rejected(Function<String, Object> reader, String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> reader.apply(json));
    assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void emptyAndWhitespaceOnlyInputIsRejectedAtTheEndOfTheInput(
      String name, Function<String, Object> reader) {
    for (String json : new String[] {"", " ", "   ", "\n", "\t \n\t", "\n\n  ", " \n \n \n"}) {
      // expected: 1-based line and column of the position just past the last character
      int line = 1 + (int) json.chars().filter(c -> c == '\n').count();
      int column = json.length() - json.lastIndexOf('\n');
      String m = rejected(reader, json).getMessage();
      assertTrue(
          m.contains("line " + line + ", column " + column),
          () -> "'" + json.replace("\n", "\\n") + "' -> " + m);
      assertFalse(m.contains("column 0"), m);
    }
  }

  /** A name of {@code n} characters whose 80-character excerpt is easy to count. */
  private static String name(int n) {
    return "q".repeat(n);
  }

  private static int occurrences(String message, String part) {
    int count = 0;
    for (int i = message.indexOf(part); i >= 0; i = message.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aLongUnknownFieldNameAppearsOnceAndBounded(String name, Function<String, Object> reader) {
    // 81 and 256: over the excerpt and at the name limit; 257 and 5000: over the name limit
    // (the JsonInput readers reject those while parsing, the streaming readers as unknown)
    for (int n : new int[] {81, 256, 257, 5000}) {
      String field = name(n);
      String m = rejected(reader, "{\"" + field + "\":1}").getMessage();
      String excerpt = field.substring(0, 80);
      assertEquals(1, occurrences(m, excerpt), () -> n + ": " + m);
      assertTrue(m.contains(excerpt + "…(" + n + " chars)"), () -> n + ": " + m);
      assertTrue(m.contains(n + " characters"), () -> n + ": " + m);
      assertTrue(m.matches("(?s).*line 1, column \\d+.*"), m);
      assertFalse(m.contains(field.substring(0, 81)), m);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aShortUnknownFieldNameIsQuotedInFull(String name, Function<String, Object> reader) {
    String field = name(80);
    String m = rejected(reader, "{\"" + field + "\":1}").getMessage();
    assertTrue(m.contains("unknown field '" + field + "'"), m);
    assertFalse(m.contains("…"), m);
  }
}
