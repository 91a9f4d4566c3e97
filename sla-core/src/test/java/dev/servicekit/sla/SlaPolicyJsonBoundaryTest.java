package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exact messages of {@link SlaPolicyJson} for every place a status, stage or metric must be
 * declared, the writer's line width at exactly 100 columns and one past, and the cell order of a
 * sparse matrix (issue 14, mutation testing of the json group).
 */
class SlaPolicyJsonBoundaryTest {

  private static final String DEFAULT_POLICY =
      "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"normal\"},"
          + "\"targets\":{\"normal\":{\"*\":{\"first_response\":\"PT8H\"}}}";

  /** A one-line policy file with {@code extra} top-level fields and default-policy fields. */
  private static String policy(String extra, String inDefault) {
    return "{\"statuses\":[\"new\",\"open\"]," + extra + DEFAULT_POLICY + inDefault + "}}";
  }

  /** Asserts the message, located at the first occurrence of {@code at} (the value) on line 1. */
  private static void rejected(String json, String message, String path, String at) {
    int column = json.indexOf(at) + 1;
    assertTrue(column > 0, at);
    assertEquals(
        message + " (at $." + path + ", line 1, column " + column + ")",
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json)).getMessage());
  }

  @Test
  void everyStatusListNamesTheUndeclaredStatusAtItsIndex() {
    String unknown = "status 'gone' is not declared in statuses";
    rejected(
        policy("\"solvedStatuses\":[\"open\",\"gone\"],", ""),
        unknown,
        "solvedStatuses[1]",
        "\"gone\"");
    rejected(policy("\"initialStatus\":\"gone\",", ""), unknown, "initialStatus", "\"gone\"");
    rejected(
        policy("\"solvedStatuses\":[\"open\"],\"cancelledStatuses\":[\"gone\"],", ""),
        unknown,
        "cancelledStatuses[0]",
        "\"gone\"");
    rejected(
        policy("\"solvedStatuses\":[\"open\"],\"cancelledStatuses\":[\"open\",\"new\"],", ""),
        "status 'new' must also be in solvedStatuses",
        "cancelledStatuses[1]",
        "\"new\"]");
    rejected(
        policy("\"stages\":[{\"name\":\"work\",\"statuses\":[\"open\",\"gone\"]}],", ""),
        unknown,
        "stages[0].statuses[1]",
        "\"gone\"");
    String definition =
        "\"metricDefinitions\":[{\"name\":\"wait\",\"startOn\":[{\"on\":\"created\"}],%s}],";
    rejected(
        policy(String.format(Locale.ROOT, definition, "\"pauseIn\":[\"new\",\"gone\"]"), ""),
        unknown,
        "metricDefinitions[0].pauseIn[1]",
        "\"gone\"");
    rejected(
        policy(
            String.format(
                Locale.ROOT,
                definition,
                "\"stopOn\":[{\"on\":\"status_entered\",\"values\":[\"gone\"]}]"),
            ""),
        unknown,
        "metricDefinitions[0].stopOn[0].values[0]",
        "\"gone\"");
    // tag values are not statuses
    String tags =
        policy(
            String.format(
                Locale.ROOT,
                definition,
                "\"stopOn\":[{\"on\":\"tag_added\",\"values\":[\"gone\"]}]"),
            "");
    assertEquals(Set.of("wait"), SlaPolicyJson.read(tags).metrics().keySet());
  }

  @Test
  void aMetricRuleOfAnUndeclaredStageIsNamedAtItsMetric() {
    String json = policy("", ",\"metrics\":[{\"metric\":\"stage:nope\"}]");
    rejected(
        json,
        "stage 'nope' is not declared in stages",
        "defaultPolicy.metrics[0].metric",
        "\"stage:nope\"");
  }

  private static String statusesLine(String a, String b) {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", a, b)
            .defaultPolicy(
                SlaPolicy.builder("d")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(8))
                    .build())
            .build();
    String json = SlaPolicyJson.write(set);
    assertEquals(set, SlaPolicyJson.read(json));
    return json.lines().filter(l -> l.startsWith("  \"statuses\": ")).findFirst().orElseThrow();
  }

  @Test
  void aValueIsWrittenOnOneLineIfTheLineFitsInExactly100Columns() {
    String a = "a".repeat(35);
    String fits = statusesLine(a, "b".repeat(35));
    assertEquals("  \"statuses\": [\"new\", \"" + a + "\", \"" + "b".repeat(35) + "\"],", fits);
    assertEquals(100, fits.length());
    assertEquals("  \"statuses\": [", statusesLine(a, "b".repeat(36)));
  }

  @Test
  void aSparseMatrixIsListedInTheFirstOrderThatIntroducesNoTierOutOfTurn() {
    // tiers in order of appearance A, B, C; row by row would be A, C, B. After (s1,A) and (s2,B),
    // both (s1,C) and (s2,C) may come next: the first remaining one row by row, (s1,C), is taken.
    PriorityMatrix m =
        PriorityMatrix.builder()
            .cell("s1", "A", "p")
            .cell("s2", "B", "p")
            .cell("s1", "C", "q")
            .cell("s2", "C", "q")
            .defaultPriority("p")
            .build();
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new")
            .defaultPolicy(
                SlaPolicy.builder("d")
                    .matrix(m)
                    .target("p", SlaMetric.firstResponse(), Duration.ofHours(8))
                    .target("q", SlaMetric.firstResponse(), Duration.ofHours(4))
                    .build())
            .build();
    String json = SlaPolicyJson.write(set);
    List<String> cells =
        List.of(
            "{\"severity\": \"s1\", \"tier\": \"A\", \"priority\": \"p\"}",
            "{\"severity\": \"s2\", \"tier\": \"B\", \"priority\": \"p\"}",
            "{\"severity\": \"s1\", \"tier\": \"C\", \"priority\": \"q\"}",
            "{\"severity\": \"s2\", \"tier\": \"C\", \"priority\": \"q\"}");
    int previous = -1;
    for (String c : cells) {
      int at = json.indexOf(c);
      assertTrue(at > previous, c + " in " + json);
      previous = at;
    }
    assertEquals(m, SlaPolicyJson.read(json).defaultPolicy().matrix());
  }
}
