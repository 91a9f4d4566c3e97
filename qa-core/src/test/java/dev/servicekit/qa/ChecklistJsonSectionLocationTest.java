package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A section's own bad weight and its empty criteria list are located at that field, as a
 * criterion's weight is, not at the section object.
 */
class ChecklistJsonSectionLocationTest {

  private static String read(String section) {
    String json = "{\"id\": \"calls\", \"version\": 1,\n \"sections\": [\n  " + section + "]}";
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  @Test
  void aNegativeSectionWeightIsLocatedAtTheWeight() {
    String m = read("{\"id\": \"s\", \"weight\": -20, \"criteria\": [{\"id\": \"greet\"}]}");
    assertTrue(m.startsWith("weight -20 of section 's' must be in [0, 1000000]"), m);
    assertTrue(m.endsWith("(at $.sections[0].weight, line 3, column 25)"), m);
  }

  @Test
  void aSectionWeightWithTooManyDecimalsIsLocatedAtTheWeight() {
    String m = read("{\"id\": \"s\", \"weight\": 0.123456, \"criteria\": [{\"id\": \"greet\"}]}");
    assertTrue(m.contains("(at $.sections[0].weight, line 3, column 25)"), m);
  }

  @Test
  void anEmptyCriteriaListIsLocatedAtTheList() {
    String m = read("{\"id\": \"s\", \"criteria\": []}");
    assertTrue(m.startsWith("section 's' must have at least one criterion"), m);
    assertTrue(m.endsWith("(at $.sections[0].criteria, line 3, column 27)"), m);
  }
}
