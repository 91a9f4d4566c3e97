package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** JSON policies go through the same builders: same object, same validation, with a JSON path. */
class SlaPolicyJsonTest {

  private static String tieredJson() throws IOException {
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void jsonAndCodeBuildEqualPolicySets() throws IOException {
    assertEquals(Fixtures.tiered(), SlaPolicyJson.read(tieredJson()));
    try (InputStream in = SlaPolicyJsonTest.class.getResourceAsStream("tiered-policy.json")) {
      assertEquals(Fixtures.tiered(), SlaPolicyJson.read(in));
    }
  }

  private static void assertBad(String from, String to, String expected) throws IOException {
    String json = tieredJson();
    assertTrue(json.contains(from), () -> "fixture lacks " + from);
    String bad = json.replace(from, to);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(bad));
    // the path is followed by the line and column of its value
    String located =
        expected.endsWith(")")
            ? expected.replaceFirst("\\(([^()]*)\\)$", "(at \\$.$1, line ")
            : expected;
    assertTrue(e.getMessage().contains(located), () -> "'" + e.getMessage() + "' lacks " + located);
  }

  @Test
  void badDocumentsNameTheValueTheRuleAndTheJsonPath() throws IOException {
    assertBad(
        "\"PT20S\"",
        "\"PT0S\"",
        "must be positive (defaultPolicy.targets.normal.phone.answer_time)");
    assertBad("\"PT20S\"", "\"20 seconds\"", "'20 seconds' is not an ISO-8601 duration");
    assertBad("\"answer_time\"", "\"answer_tme\"", "metric 'answer_tme' is unknown");
    assertBad(
        "\"warnAt\": [50, 75, 90]",
        "\"warnAt\": [50, 95, 90]",
        "percent 90 must be greater than the previous 95");
    assertBad(
        "\"pauseOn\": [\"pending\", \"on-hold\"],\n         \"warnAt\"",
        "\"pauseOn\": [\"pendin\"],\n         \"warnAt\"",
        "status 'pendin' is not declared in statuses (policies[0].metrics[1].pauseOn[0])");
    assertBad(
        "{\"severity\": \"s2\", \"tier\": \"silver\", \"priority\": \"normal\"}\n      ]\n    },\n"
            + "    \"channels\"",
        "{\"severity\": \"s2\", \"tier\": \"silver\", \"priority\": \"x\\ty\"}\n      ]\n    },\n"
            + "    \"channels\"",
        "(defaultPolicy.matrix.cells[3].priority)");
    assertBad(
        "\"channels\": [\"email\", \"phone\"]",
        "\"channels\": [\"email\", \"phone\", \"chat\"]",
        "channel chat");
    assertBad(
        "\"stage:analysis\": \"PT1H\"",
        "\"stage:review\": \"PT1H\"",
        "stage 'review' is not declared in stages (policies[0].targets.urgent.*.stage:review)");
    assertBad("\"solvedStatuses\"", "\"solvedStatus\"", "unknown field 'solvedStatus'");
  }

  @Test
  void malformedJsonIsAnIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read("{\"statuses\": ["));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SlaPolicyJson.read("{\"statuses\":[\"new\"]}"));
    assertTrue(e.getMessage().contains("defaultPolicy is required"), e::getMessage);
  }
}
