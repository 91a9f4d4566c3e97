package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * An integer field holding an integer beyond {@code int} is refused saying so: the message was
 * "expected an integer but found 2147483648", which reads as if the value were no integer.
 */
class ChecklistJsonIntegerRangeTest {

  static String checklist(String version, String points) {
    return "{\"id\":\"c\",\"version\":"
        + version
        + ",\"name\":\"C\",\"sections\":[{\"id\":\"s\",\"name\":\"S\",\"weight\":1,\"criteria\":["
        + "{\"id\":\"x\",\"name\":\"X\",\"scale\":{\"type\":\"rating\",\"points\":"
        + points
        + "}}]}]}";
  }

  @Test
  void aVersionBeyondIntNamesTheRange() {
    assertEquals(
        "expected an integer from -2147483648 to 2147483647 but found 2147483648 (at $.version,"
            + " line 1, column 21)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.read(checklist("2147483648", "5")))
            .getMessage());
  }

  @Test
  void pointsBeyondIntNameTheRangeAndAFractionIsStillNoInteger() {
    assertEquals(
        "expected an integer from -2147483648 to 2147483647 but found 10000000000 (at"
            + " $.sections[0].criteria[0].scale.points, line 1, column 145)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.read(checklist("1", "10000000000")))
            .getMessage());
    assertEquals(
        "expected an integer but found 2.5 (at $.version, line 1, column 21)",
        assertThrows(
                IllegalArgumentException.class, () -> ChecklistJson.read(checklist("2.5", "5")))
            .getMessage());
  }
}
