package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Errors found by the checklist model after reading (a version below 1, a duplicated criterion id,
 * bands out of order) are located at the value they name, not at the document's root.
 */
class ChecklistJsonModelLocationTest {

  private static final String DOC =
      """
      {
        "id": "calls",
        "version": VERSION,
        "sections": [
          {"id": "s", "criteria": [
            {"id": "greet"},
            {"id": "SECOND"}
          ]}
        ],
        "bands": [
          {"name": "red", "from": 0, "action": "coach"},
          {"name": "green", "from": FROM, "action": ""}
        ]
      }
      """;

  private static String read(String version, String second, String from) {
    String json = DOC.replace("VERSION", version).replace("SECOND", second).replace("FROM", from);
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  @Test
  void aVersionBelowOneIsLocatedAtTheVersion() {
    String m = read("0", "solve", "80");
    assertTrue(m.endsWith("(at $.version, line 3, column 14)"), m);
  }

  @Test
  void aDuplicatedCriterionIdIsLocatedAtTheSecondId() {
    String m = read("1", "greet", "80");
    assertTrue(m.startsWith("sections[0].criteria[1].id 'greet' is duplicated"), m);
    assertTrue(m.endsWith("(at $.sections[0].criteria[1].id, line 7, column 14)"), m);
  }

  @Test
  void aBandOutOfRangeIsLocatedAtItsStart() {
    String m = read("1", "solve", "120");
    assertTrue(m.startsWith("bands[1].from 120 must be <= 100"), m);
    assertTrue(m.endsWith("(at $.bands[1].from, line 12, column 31)"), m);
  }
}
