package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each forecast error names the JSON path of the value that breaks the rule. */
class StaffingJsonPathsTest {

  private static void assertStarts(String prefix, String json) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> StaffingJson.readForecast(json))
            .getMessage();
    assertTrue(m.startsWith(prefix), () -> m + " does not start with " + prefix);
  }

  @Test
  void aDocumentOrIntervalThatIsNotAnObjectIsNamed() {
    assertStarts("$: must be a JSON object", "[1]");
    assertStarts(
        "intervals[0]: must be a JSON object",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": [7]}");
  }

  @Test
  void aZeroDurationIsReportedAtTheFieldItCameFrom() {
    String one = "[{\"start\": \"08:00\", \"calls\": 10}]";
    assertStarts(
        "intervals[0].averageHandleTime: averageHandleTime PT0S must be > 0",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
            + " [{\"start\": \"08:00\", \"calls\": 10, \"averageHandleTime\": \"PT0S\"}]}");
    assertStarts(
        "averageHandleTime: averageHandleTime PT0S must be > 0",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT0S\", \"intervals\": "
            + one
            + "}");
    assertStarts(
        "intervalLength: interval PT0S must be > 0",
        "{\"intervalLength\": \"PT0S\", \"averageHandleTime\": \"PT3M\", \"intervals\": "
            + one
            + "}");
  }
}
