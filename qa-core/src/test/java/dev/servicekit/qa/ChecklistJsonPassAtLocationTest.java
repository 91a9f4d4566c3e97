package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A passAt the criterion cannot take is located at its passAt, not at the criterion object. */
class ChecklistJsonPassAtLocationTest {

  private static String read(String criticality, String passAt) {
    String json =
        "{\"id\": \"c\", \"version\": 1, \"sections\": [{\"id\": \"s\", \"criteria\": [\n"
            + "  {\"id\": \"a\", \"scale\": {\"type\": \"rating\", \"points\": 5},"
            + " \"criticality\": \""
            + criticality
            + "\", \"passAt\": "
            + passAt
            + "}]}]}";
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  @Test
  void aPassAtAboveTheScaleIsLocatedAtThePassAt() {
    assertEquals(
        "passAt 9 of criterion 'a' must be in (0, 4] (at $.sections[0].criteria[0].passAt,"
            + " line 2, column 95)",
        read("FAIL_FORM", "9"));
  }

  @Test
  void aPassAtOnACriterionThatIsNotCriticalIsLocatedAtThePassAt() {
    assertEquals(
        "criterion 'a' sets passAt but is not critical (at $.sections[0].criteria[0].passAt,"
            + " line 2, column 90)",
        read("NONE", "2"));
  }
}
