package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A rule about one value of a checklist is located at that value, not at the object holding it: the
 * message is the one the model gives in code, then the value's path, line and column. The lines and
 * columns are counted by hand in the documents below (column 1 is a line's first character; a value
 * is located at its first character).
 */
class ChecklistJsonFieldLocationTest {

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  private static String section(String sectionFields) {
    return """
        {
          "id": "calls",
          "version": 1,
          "sections": [
            {"id": "s", SECTION}
          ]
        }
        """
        .replace("SECTION", sectionFields);
  }

  @Test
  void aSectionWeightOutOfRangeIsLocatedAtTheWeight() {
    // line 5 is `    {"id": "s", "weight": -1, ...`: 4 spaces, `{"id": "s", ` (12) and `"weight": `
    // (10): the value starts at column 27
    assertEquals(
        "weight -1 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": -1, \"criteria\": [{\"id\": \"g\"}]")));
    assertEquals(
        "weight 0.00001 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": 0.00001, \"criteria\": [{\"id\": \"g\"}]")));
    assertEquals(
        "weight 1000001 of section 's' must be in [0, 1000000] with at most 4 decimals"
            + " (at $.sections[0].weight, line 5, column 27)",
        error(section("\"weight\": 1000001, \"criteria\": [{\"id\": \"g\"}]")));
  }

  @Test
  void aSectionWithoutCriteriaIsLocatedAtItsEmptyCriteria() {
    // `    {"id": "s", "criteria": []}`: 4 + 12 + `"criteria": ` (12): the array starts at column
    // 29
    assertEquals(
        "section 's' must have at least one criterion (at $.sections[0].criteria, line 5,"
            + " column 29)",
        error(section("\"criteria\": []")));
  }

  @Test
  void theSameRulesInCodeGiveTheSameMessages() {
    Criterion g = Criterion.builder("g").build();
    assertEquals(
        "weight -1 of section 's' must be in [0, 1000000] with at most 4 decimals",
        assertThrows(
                IllegalArgumentException.class,
                () -> Section.of("s", "s", java.math.BigDecimal.valueOf(-1), java.util.List.of(g)))
            .getMessage());
    assertEquals(
        "section 's' must have at least one criterion",
        assertThrows(IllegalArgumentException.class, () -> Section.of("s", 1, java.util.List.of()))
            .getMessage());
  }
}
