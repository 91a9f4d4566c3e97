package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A value of the wrong JSON type is refused in one wording, the one of sla-core's readers and of
 * the checklist reader's numbers and booleans: {@code expected <type> but found <excerpt> (at
 * <path>, line L, column C)}. Objects and arrays said what they expected without what they found,
 * and strings put the node type before the excerpt ({@code found NUMBER 3}).
 */
class ChecklistJsonTypeErrorWordingTest {

  private static final String DOC =
      """
      {"id": "calls", "version": 1, "sections": SECTIONS}
      """;

  private static String read(String sections) {
    String json = DOC.replace("SECTIONS", sections);
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  @Test
  void anArrayOfTheWrongTypeNamesWhatItFound() {
    String m = read("3");
    assertTrue(m.startsWith("expected a JSON array but found 3 (at $.sections"), m);
  }

  @Test
  void anObjectOfTheWrongTypeNamesWhatItFound() {
    String m = read("[\"s\"]");
    assertTrue(m.startsWith("expected a JSON object but found \"s\" (at $.sections[0]"), m);
  }

  @Test
  void aStringOfTheWrongTypeQuotesWhatItFoundOnly() {
    String m = read("[{\"id\": 7, \"criteria\": []}]");
    assertTrue(m.startsWith("expected a string but found 7 (at $.sections[0].id"), m);
  }
}
