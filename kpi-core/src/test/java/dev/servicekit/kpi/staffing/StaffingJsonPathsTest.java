package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
    assertStarts("expected a JSON object but found [1] (at $, line 1, column 1)", "[1]");
    assertStarts(
        "expected a JSON object but found 7 (at $.intervals[0], line 1, column 72)",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": [7]}");
  }

  @Test
  void aZeroDurationIsReportedAtTheFieldItCameFrom() {
    String one = "[{\"start\": \"08:00\", \"calls\": 10}]";
    assertStarts(
        "averageHandleTime PT0S must be > 0 (at $.intervals[0].averageHandleTime",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
            + " [{\"start\": \"08:00\", \"calls\": 10, \"averageHandleTime\": \"PT0S\"}]}");
    assertStarts(
        "averageHandleTime PT0S must be > 0 (at $.averageHandleTime",
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT0S\", \"intervals\": "
            + one
            + "}");
    assertStarts(
        "intervalLength \"PT0S\" must divide 24 hours (e.g. PT15M, PT30M) (at $.intervalLength",
        "{\"intervalLength\": \"PT0S\", \"averageHandleTime\": \"PT3M\", \"intervals\": "
            + one
            + "}");
  }

  @Test
  void aForecastThePlanWouldRefuseIsRefusedAtTheIntervalThatBreaksItsRule() {
    // before: read without complaint, then refused by StaffingPlan without a path, line or column
    String head =
        "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": [";
    assertStarts(
        "intervals[1].start 08:00 must be after intervals[0].start 08:00 (at $.intervals[1].start",
        head + "{\"start\": \"08:00\", \"calls\": 1},\n{\"start\": \"08:00\", \"calls\": 2}]}");
    assertStarts(
        "intervals[1].start 08:10 must be a multiple of PT30M after midnight (at $.intervals[1]",
        head + "{\"start\": \"08:00\", \"calls\": 1}, {\"start\": \"08:10\", \"calls\": 2}]}");
    assertStarts(
        "intervalLength \"PT7M\" must divide 24 hours (e.g. PT15M, PT30M) (at $.intervalLength",
        "{\"intervalLength\": \"PT7M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
            + " [{\"start\": \"00:00\", \"calls\": 1}]}");
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    StaffingJson.readForecast(
                        head
                            + "{\"start\": \"09:00\", \"calls\": 1},\n"
                            + "{\"start\": \"08:30\", \"calls\": 2}]}"))
            .getMessage();
    assertTrue(m.endsWith("(at $.intervals[1].start, line 2, column 11)"), m);
    List<IntervalForecast> ok =
        StaffingJson.readForecast(
            head + "{\"start\": \"08:00\", \"calls\": 1}, {\"start\": \"09:30\", \"calls\": 2}]}");
    assertEquals(
        2,
        StaffingPlan.erlangC(ok, StaffingTarget.of(0.8, Duration.ofSeconds(20)))
            .intervals()
            .size());
  }
}
