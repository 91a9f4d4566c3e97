package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.staffing.StaffingJson;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON readers of kpi-core on empty and whitespace-only text (the error points at the end of
 * the input, line and column 1-based; snapshots named no position at all) and on field names longer
 * than an excerpt (the name's excerpt appears once in the message, bounded).
 */
class JsonReadersEmptyInputAndLongNamesTest {

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("KpiSnapshots.fromJson", (Function<String, Object>) KpiSnapshots::fromJson),
        Arguments.of(
            "KpiSnapshots.fromJson typed",
            (Function<String, Object>) s -> KpiSnapshots.fromJson(s, NpsAccumulator.class)),
        Arguments.of(
            "StaffingJson.readTarget", (Function<String, Object>) StaffingJson::readTarget),
        Arguments.of(
            "StaffingJson.readForecast", (Function<String, Object>) StaffingJson::readForecast));
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

  private static void nameOnceAndBounded(String message, String field) {
    assertEquals(1, occurrences(message, field.substring(0, 77)), message);
    assertFalse(message.contains(field.substring(0, 81)), message);
    assertTrue(message.length() <= 500, message);
  }

  @Test
  void aLongUnknownStaffingFieldNameAppearsOnceAndBounded() {
    for (int n : new int[] {81, 256, 5000, 40_000}) {
      String field = "q".repeat(n);
      String json = "{\"" + field + "\":1}";
      nameOnceAndBounded(rejected(StaffingJson::readTarget, json).getMessage(), field);
      nameOnceAndBounded(rejected(StaffingJson::readForecast, json).getMessage(), field);
    }
  }

  @Test
  void aLongUnknownSnapshotFieldNameAppearsOnceAndBounded() {
    String json = KpiSnapshots.toJson(NpsAccumulator.create());
    for (int n : new int[] {81, 256, 5000}) {
      String field = "q".repeat(n);
      String edited = json.replaceFirst("\\{", "{\"" + field + "\":1,");
      nameOnceAndBounded(
          rejected(KpiSnapshots::fromJson, Resealed.json(edited)).getMessage(), field);
    }
  }
}
