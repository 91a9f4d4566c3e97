package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON reader of qa-core on empty and whitespace-only text (the error points at the end of
 * the input, line and column 1-based) and on field names longer than an excerpt (the name's excerpt
 * appears once in the message, bounded).
 */
class JsonReadersEmptyInputAndLongNamesTest {

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("ChecklistJson.read", (Function<String, Object>) ChecklistJson::read),
        Arguments.of(
            "ChecklistJson.readAnswers", (Function<String, Object>) ChecklistJson::readAnswers),
        Arguments.of(
            "EvaluationJson.read",
            (Function<String, Object>) s -> EvaluationJson.read(s, new ChecklistRegistry())));
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
      int line = 1 + (int) json.chars().filter(c -> c == '\n').count();
      int column = json.length() - json.lastIndexOf('\n');
      String m = rejected(reader, json).getMessage();
      assertTrue(
          m.contains("line " + line + ", column " + column),
          () -> "'" + json.replace("\n", "\\n") + "' -> " + m);
      assertFalse(m.contains("column 0"), m);
    }
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
    for (int n : new int[] {81, 256, 257, 5000}) {
      String field = "q".repeat(n);
      String m = rejected(reader, "{\"" + field + "\":1}").getMessage();
      assertEquals(1, occurrences(m, field.substring(0, 77)), () -> n + ": " + m);
      assertFalse(m.contains(field.substring(0, 81)), m);
      assertTrue(
          m.contains(n + " characters") || m.contains("(" + n + " chars)"), () -> n + ": " + m);
      assertTrue(m.matches("(?s).*line 1, column \\d+.*"), m);
    }
  }
}
