package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.SnapshotFrame;
import dev.servicekit.kpi.staffing.StaffingJson;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every JSON reader of kpi-core, snapshots included, lays out an error's location one way, {@code
 * "<what> (at $.path, line L, column C)"}, the line and column (1-based) of the offending value.
 * The expected lines and columns are counted by hand from the documents below (a member's value:
 * its first character). Snapshot documents get their checksum as a last line, so that the reader
 * reaches the fields.
 */
class JsonErrorLocationTest {

  private static String error(Function<String, ?> reader, String json) {
    return assertThrows(IllegalArgumentException.class, () -> reader.apply(json)).getMessage();
  }

  private static void assertEndsWith(String location, String message) {
    assertTrue(message.endsWith(location), () -> message + "\n  does not end with " + location);
  }

  /** {@code json} (an object ending with "\n}") with a matching {@code crc32c} as its last line. */
  static String sealed(String json) {
    try {
      ObjectNode tree = (ObjectNode) KpiSnapshots.mapper().readTree(json);
      String crc = SnapshotFrame.sealJson(KpiSnapshots.mapper(), tree).get("crc32c").asText();
      return json.substring(0, json.lastIndexOf('}')) + ",\n  \"crc32c\": \"" + crc + "\"\n}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static final String NPS =
      """
      {
        "format": "servicekit-kpi",
        "version": 2,
        "kind": "nps",
        "state": {
          "promoters": 6,
          "passives": 1,
          "detractors": 0
        }
      }""";

  @Test
  void snapshotErrorsNameTheValueLineAndColumn() {
    // bad value: -1 is the 17th character of line 7
    assertEndsWith(
        "passives is -1 but must be >= 0 (at $.state.passives, line 7, column 17)",
        error(KpiSnapshots::fromJson, sealed(NPS.replace("\"passives\": 1", "\"passives\": -1"))));
    // wrong type
    assertEndsWith(
        "promoters is \"6\" but must be an integer (at $.state.promoters, line 6, column 18)",
        error(
            KpiSnapshots::fromJson,
            sealed(NPS.replace("\"promoters\": 6", "\"promoters\": \"6\""))));
    // unknown field
    assertEndsWith(
        " (at $.state.extra, line 9, column 14)",
        error(
            KpiSnapshots::fromJson,
            sealed(NPS.replace("\"detractors\": 0", "\"detractors\": 0,\n    \"extra\": 1"))));
    // missing field: located at the object that lacks it (line 5, column 12)
    assertEndsWith(
        "detractors is missing, which kind \"nps\" needs (at $.state.detractors, line 5, column 12)",
        error(KpiSnapshots::fromJson, sealed(NPS.replace(",\n    \"detractors\": 0", ""))));
    // a syntax error: where the parser stopped
    String syntax =
        error(KpiSnapshots::fromJson, "{\n  \"format\": \"servicekit-kpi\",\n  \"kind\" 1\n}");
    assertTrue(syntax.startsWith("snapshot is not valid JSON: "), syntax);
    assertTrue(syntax.matches("(?s).* \\(at \\$.*, line 3, column \\d+\\)"), syntax);
  }

  @Test
  void aWindowTableErrorInsideItsGroupsArrayNamesTheValueLineAndColumn() {
    // the value 1 of "colour" is the 43rd character of line 9
    assertEndsWith(
        " (at $.groups[0].colour, line 9, column 43)",
        error(
            json ->
                WindowedKpi.fromJson(json, NpsAccumulator::create, NpsAccumulator.class, k -> k),
            sealed(
                """
                {
                  "format": "servicekit-kpi-windows",
                  "version": 2,
                  "unit": "DAY", "zone": "UTC", "firstDayOfWeek": "MONDAY",
                  "allowedLatenessMillis": 0,
                  "watermarkMillis": null,
                  "droppedLate": 0,
                  "groups": [
                    {"key": "a", "windows": [], "colour": 1}
                  ]
                }""")));
  }

  @Test
  void staffingErrorsNameTheValueLineAndColumn() {
    String forecast =
        """
        {
          "intervalLength": "PT30M",
          "averageHandleTime": "PT3M",
          "intervals": [
            {"start": "08:00", "calls": 10},
            {"start": "08:30", "calls": 12, "cals": 3}
          ]
        }""";
    assertEndsWith(
        "unknown field 'cals'; allowed: [averageHandleTime, calls, start]"
            + " (at $.intervals[1].cals, line 6, column 45)",
        error(StaffingJson::readForecast, forecast));
    assertEndsWith(
        "calls \"ten\" is not a number (at $.intervals[0].calls, line 5, column 33)",
        error(
            StaffingJson::readForecast,
            forecast.replace("\"calls\": 10", "\"calls\": \"ten\"").replace(", \"cals\": 3", "")));
    String percent =
        error(
            StaffingJson::readTarget,
            "{\n  \"serviceLevel\": 0.8,\n  \"answerWithin\": \"PT20S\",\n  \"shrinkage\": 30\n}");
    assertTrue(percent.startsWith("shrinkage 30 "), percent);
    assertEndsWith(" (at $.shrinkage, line 4, column 16)", percent);
  }
}
