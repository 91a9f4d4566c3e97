package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A rule that a value type or builder checks while {@link SlaPolicyJson} reads a policy set is
 * located at the field that breaks it, not at the object that holds the field (nor at the root).
 */
class PolicyJsonFieldLocationTest {

  private static final String HEAD =
      "{\"statuses\":[\"new\",\"open\",\"solved\"],\"solvedStatuses\":[\"solved\"],";

  /** A policy set with the default policy {@code policy} and nothing else. */
  private static String withDefault(String policy) {
    return HEAD + "\"defaultPolicy\":" + policy + "}";
  }

  /** The default policy measuring resolution with the metric rule {@code rule}. */
  private static String withRule(String rule) {
    return withDefault(
        "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"metrics\":[" + rule + "]}");
  }

  private static void assertRefusedAt(String json, String path, String rule) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json)).getMessage();
    assertTrue(
        Pattern.compile(".* \\(at " + Pattern.quote(path) + ", line \\d+, column \\d+\\)")
            .matcher(m)
            .matches(),
        () -> m + "\n  is not located at " + path);
    assertTrue(m.contains(rule), () -> m + "\n  does not contain " + rule);
  }

  @Test
  void escalationComponentsAreRefusedAtTheirField() {
    String at = "$.defaultPolicy.metrics[0].escalations[0]";
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"escalations\":[{\"level\":0,\"percent\":100,"
                + "\"recipient\":\"lead\"}]}"),
        at + ".level",
        "escalation level 0 must be 1 or more");
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"escalations\":[{\"level\":1,\"percent\":1001,"
                + "\"recipient\":\"lead\"}]}"),
        at + ".percent",
        "escalation percent 1001 must be between 1 and 1000");
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"escalations\":[{\"level\":1,\"percent\":100,"
                + "\"recipient\":\" lead\"}]}"),
        at + ".recipient",
        "escalation recipient ' lead' must not begin or end with a space");
  }

  @Test
  void statusesAreRefusedAtTheListOrTheElement() {
    assertRefusedAt(
        "{\"statuses\":[],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}",
        "$.statuses",
        "policy set declares no statuses");
    assertRefusedAt(
        "{\"statuses\":[\"new\",\" open\"],"
            + "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}",
        "$.statuses[1]",
        "statuses[1] ' open' must not begin or end with a space");
  }

  /** A policy set with the stages {@code stages} (statuses new, open, solved). */
  private static String withStages(String stages) {
    return HEAD
        + "\"stages\":["
        + stages
        + "],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";
  }

  @Test
  void stageRulesAreRefusedAtTheirField() {
    assertRefusedAt(
        withStages("{\"name\":\" triage\",\"statuses\":[\"open\"]}"),
        "$.stages[0].name",
        "stage name ' triage' must not begin or end with a space");
    assertRefusedAt(
        withStages("{\"name\":\"triage\",\"statuses\":[]}"),
        "$.stages[0].statuses",
        "stage triage lists no status");
    assertRefusedAt(
        withStages("{\"name\":\"triage\",\"statuses\":[\"open\"],\"stopOn\":[\"new\",\"open\"]}"),
        "$.stages[0].stopOn[1]",
        "stage triage stopStatuses lists open, which is one of its own statuses");
    assertRefusedAt(
        withStages(
            "{\"name\":\"triage\",\"statuses\":[\"open\"]},"
                + "{\"name\":\"triage\",\"statuses\":[\"new\"]}"),
        "$.stages[1].name",
        "stage triage is declared twice");
  }

  /** A policy set defining metric x that starts on {@code trigger} and stops on solved. */
  private static String startingOn(String trigger) {
    return HEAD
        + "\"metricDefinitions\":[{\"name\":\"x\",\"startOn\":["
        + trigger
        + "],\"stopOn\":[{\"on\":\"solved\"}]}],"
        + "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";
  }

  @Test
  void triggerRulesAreRefusedAtTheirField() {
    String at = "$.metricDefinitions[0].startOn[0]";
    assertRefusedAt(
        startingOn("{\"on\":\"created\",\"attribute\":\"k\"}"),
        at + ".attribute",
        "trigger created takes no attribute, got 'k'");
    assertRefusedAt(
        startingOn("{\"on\":\"attribute_entered\",\"attribute\":\" k\",\"values\":[\"v\"]}"),
        at + ".attribute",
        "trigger attribute_entered attribute ' k' must not begin or end with a space");
    assertRefusedAt(
        startingOn("{\"on\":\"created\",\"values\":[\"open\"]}"),
        at + ".values",
        "trigger created takes no values");
    assertRefusedAt(
        startingOn("{\"on\":\"tag_added\",\"values\":[]}"),
        at + ".values",
        "trigger tag_added lists no value");
    assertRefusedAt(
        startingOn("{\"on\":\"tag_added\",\"values\":[\"vip\",\"b c \"]}"),
        at + ".values[1]",
        "trigger tag_added values[1] 'b c ' must not begin or end with a space");
  }

  /** A policy set defining metric x with the pause settings {@code pause} (a JSON member). */
  private static String definitionPausing(String pause) {
    return HEAD
        + "\"metricDefinitions\":[{\"name\":\"x\",\"startOn\":[{\"on\":\"created\"}],"
        + "\"stopOn\":[{\"on\":\"solved\"}],"
        + pause
        + "}],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";
  }

  @Test
  void pauseConditionValuesAreRefusedAtTheirField() {
    String at = "$.metricDefinitions[0]";
    assertRefusedAt(
        definitionPausing("\"pauseWhileAttributes\":{\"k\":[\"ok\",\" v\"]}"),
        at + ".pauseWhileAttributes.k[1]",
        "value in pauseWhileAttributes k of metric x ' v' must not begin or end with a space");
    assertRefusedAt(
        definitionPausing("\"pauseWhileAttributes\":{\"k\":[]}"),
        at + ".pauseWhileAttributes.k",
        "metric x pauseWhileAttributes attribute k lists no value");
    assertRefusedAt(
        withRule("{\"metric\":\"resolution\",\"pauseWhileAttributes\":{\"k\":[\"ok\",\" v\"]}}"),
        "$.defaultPolicy.metrics[0].pauseWhileAttributes.k[1]",
        "value in pauseWhileAttributes k of metric resolution ' v' must not begin or end");
    assertRefusedAt(
        definitionPausing("\"pauseWhile\":[[{\"tag\":[\"ok\",\" v\"]}]]"),
        at + ".pauseWhile[0][0].tag[1]",
        "pause condition tag values[1] ' v' must not begin or end with a space");
    assertRefusedAt(
        definitionPausing("\"pauseWhile\":[[{\"attribute\":\" k\",\"values\":[\"v\"]}]]"),
        at + ".pauseWhile[0][0].attribute",
        "pause condition attribute attribute ' k' must not begin or end with a space");
    assertRefusedAt(
        definitionPausing("\"pauseWhile\":[[{\"attribute\":\"k\",\"values\":[]}]]"),
        at + ".pauseWhile[0][0].values",
        "pause condition attribute lists no value");
    assertRefusedAt(
        definitionPausing("\"pauseWhile\":[[{\"attribute\":\"k\",\"values\":[\"ok\",\" v\"]}]]"),
        at + ".pauseWhile[0][0].values[1]",
        "pause condition attribute values[1] ' v' must not begin or end with a space");
  }

  /** The default policy matching {@code when}. */
  private static String when(String when) {
    return withDefault("{\"name\":\"d\",\"when\":" + when + ",\"matrix\":{\"default\":\"p\"}}");
  }

  @Test
  void matchConditionRulesAreRefusedAtTheirField() {
    String at = "$.defaultPolicy.when";
    assertRefusedAt(
        when("{\"attributes\":{\" k\":[\"v\"]}}"),
        at + ".attributes. k",
        "attribute ' k' must not begin or end with a space");
    assertRefusedAt(
        when("{\"attributes\":{\"k\":[\"v\",\" w\"]}}"),
        at + ".attributes.k[1]",
        "attribute k values[1] ' w' must not begin or end with a space");
    assertRefusedAt(
        when("{\"attributes\":{\"k\":[]}}"),
        at + ".attributes.k",
        "attribute k lists no accepted value");
    assertRefusedAt(
        when("{\"tags\":[\"a\",\"b \"]}"),
        at + ".tags[1]",
        "tags[1] 'b ' must not begin or end with a space");
  }

  @Test
  void matrixCellAndTargetKeysAreRefusedAtTheirField() {
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"cells\":"
                + "[{\"severity\":\"s1\",\"tier\":\" t1\",\"priority\":\"p\"}]}}"),
        "$.defaultPolicy.matrix.cells[0].tier",
        "tier ' t1' must not begin or end with a space");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"rows\":\"impact\",\"cells\":"
                + "[{\"impact\":\"1 \",\"tier\":\"t1\",\"priority\":\"p\"}]}}"),
        "$.defaultPolicy.matrix.cells[0].impact",
        "impact '1 ' must not begin or end with a space");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"cells\":"
                + "[{\"severity\":\"s1\",\"tier\":\"t1\",\"priority\":\"\"}]}}"),
        "$.defaultPolicy.matrix.cells[0].priority",
        "priority '' must have between 1 and 64 characters");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"targets\":"
                + "{\"p\":{\"*\":{\"resolution\":\"PT1H\"}},\" p\":{\"*\":{\"resolution\":\"PT1H\"}}}}"),
        "$.defaultPolicy.targets. p",
        "priority ' p' must not begin or end with a space");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"targets\":"
                + "{\"p\":{\"*\":{\"resolution\":\"PT1H\"},\" c\":{\"resolution\":\"PT1H\"}}}}"),
        "$.defaultPolicy.targets.p. c",
        "channel ' c' must not begin or end with a space");
  }

  @Test
  void metricRuleCalendarAndRepeatAreRefusedAtTheirField() {
    assertRefusedAt(
        withRule("{\"metric\":\"resolution\",\"calendar\":\"\"}"),
        "$.defaultPolicy.metrics[0].calendar",
        "calendar '' must have between 1 and 64 characters");
    assertRefusedAt(
        withRule("{\"metric\":\"resolution\"},{\"metric\":\"resolution\"}"),
        "$.defaultPolicy.metrics[1].metric",
        "metric resolution already has a rule");
  }

  @Test
  void targetTableRulesAreRefusedAtTheTableRowOrCell() {
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"cells\":[{\"severity\":\"s1\",\"tier\":\"t1\","
                + "\"priority\":\"p\"},{\"severity\":\"s1\",\"tier\":\"t2\",\"priority\":\"q\"}]},"
                + "\"targets\":{\"p\":{\"*\":{\"resolution\":\"PT1H\"}}}}"),
        "$.defaultPolicy.targets",
        "policy d has no target cell for priority q");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"channels\":[\"email\",\"phone\"],"
                + "\"targets\":{\"p\":{\"email\":{\"resolution\":\"PT1H\"}}}}"),
        "$.defaultPolicy.targets.p",
        "policy d has no target cell for (priority p, channel phone) and no fallback channel");
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"channels\":[\"email\"],"
                + "\"targets\":{\"p\":{\"email\":{\"resolution\":\"PT1H\"},"
                + "\"chat\":{\"resolution\":\"PT1H\"}}}}"),
        "$.defaultPolicy.targets.p.chat",
        "policy d has a target cell for channel chat which is not listed in channels [email]");
  }

  /** A policy set with the metric definitions {@code definitions}. */
  private static String withDefinitions(String definitions) {
    return HEAD
        + "\"metricDefinitions\":["
        + definitions
        + "],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";
  }

  @Test
  void definitionRulesAreRefusedAtTheFieldThatCompletesThem() {
    String x =
        "{\"name\":\"x\",\"startOn\":[{\"on\":\"created\"}],\"stopOn\":[{\"on\":\"solved\"}]";
    assertRefusedAt(
        withDefinitions(x + "}," + x + "}"),
        "$.metricDefinitions[1].name",
        "metric x is defined twice");
    assertRefusedAt(
        withDefinitions(x + ",\"cancelOn\":[{\"on\":\"created\"},{\"on\":\"solved\"}]}"),
        "$.metricDefinitions[0].cancelOn[1]",
        "trigger 'solved' is in both stopOn and cancelOn of metric x");
    assertRefusedAt(
        withDefinitions(x + ",\"cycles\":\"PER_CALL\",\"whenSolved\":\"DEFER\"}"),
        "$.metricDefinitions[0].whenSolved",
        "whenSolved DEFER cannot be combined with cycles PER_CALL");
    assertRefusedAt(
        withDefinitions(x + ",\"whenSolved\":\"DEFER\",\"cycles\":\"PER_CALL\"}"),
        "$.metricDefinitions[0].cycles",
        "whenSolved DEFER cannot be combined with cycles PER_CALL");
  }

  @Test
  void aSolvedTriggerStatusThatIsNotSolvedIsRefusedAtTheStatus() {
    assertRefusedAt(
        withDefinitions(
            "{\"name\":\"x\",\"startOn\":[{\"on\":\"created\"}],\"stopOn\":[{\"on\":\"created_by_customer\"},"
                + "{\"on\":\"solved\",\"values\":[\"solved\",\"open\"]}]}"),
        "$.metricDefinitions[0].stopOn[1].values[1]",
        "status open is not a solved status [solved], so the ticket is never solved into it");
    assertRefusedAt(
        withDefinitions(
            "{\"name\":\"x\",\"startOn\":[{\"on\":\"reopened\",\"values\":[\"new\"]}],"
                + "\"stopOn\":[{\"on\":\"solved\"}]}"),
        "$.metricDefinitions[0].startOn[0].values[0]",
        "so the ticket is never reopened from it");
  }

  @Test
  void resolutionWithoutSolvedStatusesIsRefusedAtWhatMeasuresIt() {
    String rule = "measures resolution, which only a solved status stops";
    assertRefusedAt(
        "{\"statuses\":[\"new\"],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},"
            + "\"targets\":{\"p\":{\"*\":{\"first_response\":\"PT1H\",\"resolution\":\"PT8H\"}}}}}",
        "$.defaultPolicy.targets.p.*.resolution",
        "policy d " + rule);
    assertRefusedAt(
        "{\"statuses\":[\"new\"],\"policies\":[{\"name\":\"a\",\"matrix\":{\"default\":\"p\"},"
            + "\"metrics\":[{\"metric\":\"first_response\"},{\"metric\":\"resolution\"}]}],"
            + "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}",
        "$.policies[0].metrics[1].metric",
        "policy a " + rule);
  }

  /** {@code n} tags {@code <prefix>1..<prefix>n} as a JSON array. */
  private static String tags(String prefix, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 1; i <= n; i++) {
      b.append(i > 1 ? "," : "").append('"').append(prefix).append(i).append('"');
    }
    return b.append(']').toString();
  }

  @Test
  void thePauseValueOverTheLimitIsRefusedWhereItIsListed() {
    String rule = "distinct tags, attribute values and conditions";
    // 40 in a definition, 10 in a default rule, a repeat and 20 more in a policy's rule: the 65th
    // distinct one is the policy's 15th tag
    String json =
        HEAD
            + "\"metricDefinitions\":[{\"name\":\"x\",\"startOn\":[{\"on\":\"created\"}],"
            + "\"stopOn\":[{\"on\":\"solved\"}],\"pauseWhileTags\":"
            + tags("d", 40)
            + "}],\"defaultRules\":[{\"metric\":\"resolution\",\"pauseWhileTags\":"
            + tags("r", 10)
            + "}],\"policies\":[{\"name\":\"a\",\"matrix\":{\"default\":\"p\"},"
            + "\"metrics\":[{\"metric\":\"first_response\",\"pauseWhileTags\":"
            + tags("d", 1).replace("]", ",")
            + tags("p", 20).substring(1)
            + "}]}],\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";
    assertRefusedAt(json, "$.policies[0].metrics[0].pauseWhileTags[15]", "70 " + rule);
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"pauseWhileAttributes\":{\"k\":" + tags("v", 65) + "}}"),
        "$.defaultPolicy.metrics[0].pauseWhileAttributes.k[64]",
        "65 " + rule);
  }

  @Test
  void anEmptyStartOnIsRefusedAtTheList() {
    assertRefusedAt(
        withDefinitions("{\"name\":\"x\",\"startOn\":[],\"stopOn\":[{\"on\":\"solved\"}]}"),
        "$.metricDefinitions[0].startOn",
        "metric x has no start trigger");
  }

  @Test
  void anEmptyTargetRowOfAProducedPriorityIsRefusedAtTheRow() {
    assertRefusedAt(
        withDefault(
            "{\"name\":\"d\",\"matrix\":{\"cells\":[{\"severity\":\"s1\",\"tier\":\"t1\","
                + "\"priority\":\"p\"},{\"severity\":\"s1\",\"tier\":\"t2\",\"priority\":\"q\"}]},"
                + "\"targets\":{\"p\":{\"*\":{\"resolution\":\"PT1H\"}},\"q\":{\"*\":{}}}}"),
        "$.defaultPolicy.targets.q",
        "policy d has no target cell for priority q");
  }

  @Test
  void aTargetGivenWithItsCalendarIsRefusedAtItsTargetField() {
    String at = "$.defaultPolicy.targets.p.*.resolution.target";
    for (String[] bad :
        new String[][] {
          {"PT-1S", "target PT-1S of resolution (priority p, channel *) must be positive"},
          {"P1000000000D", "must be at most PT876600H (100 years)"}
        }) {
      assertRefusedAt(
          withDefault(
              "{\"name\":\"d\",\"matrix\":{\"default\":\"p\"},\"targets\":{\"p\":{\"*\":"
                  + "{\"resolution\":{\"calendar\":\"team\",\"target\":\""
                  + bad[0]
                  + "\"}}}}}"),
          at,
          bad[1]);
    }
  }

  @Test
  void anEscalationNotAboveThePreviousIsRefusedAtTheComponentThatIsNot() {
    String at = "$.defaultPolicy.metrics[0].escalations[1]";
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"escalations\":[{\"level\":2,\"percent\":100,"
                + "\"recipient\":\"lead\"},{\"level\":2,\"percent\":150,\"recipient\":\"boss\"}]}"),
        at + ".level",
        "level 2 at 150 % must have a greater level and percent than the previous (level 2 at 100 %)");
    assertRefusedAt(
        withRule(
            "{\"metric\":\"resolution\",\"escalations\":[{\"level\":1,\"percent\":100,"
                + "\"recipient\":\"lead\"},{\"level\":2,\"percent\":65,\"recipient\":\"boss\"}]}"),
        at + ".percent",
        "level 2 at 65 % must have a greater level and percent than the previous (level 1 at 100 %)");
  }
}
