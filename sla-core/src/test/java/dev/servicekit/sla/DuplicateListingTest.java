package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A value, trigger or condition listed twice in one list of the configuration is refused, in code
 * and in JSON, as a status listed twice in {@code statuses} already was: a set lists each member
 * once, so a repeat is a slip that was merged without a word (README, "Keys").
 */
class DuplicateListingTest {

  private static String refused(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  private static final SlaMetric RES = SlaMetric.resolution();

  @Test
  void aRulesPauseStatusListedTwiceIsRefusedInOneCallOrAcrossCalls() {
    assertEquals(
        "status 'pending' is listed twice in pauseOn of metric resolution",
        refused(() -> MetricRule.builder(RES).pauseOn("pending", "open", "pending")));
    MetricRule.Builder b = MetricRule.builder(RES).pauseOn("pending");
    assertEquals(
        "status 'pending' is listed twice in pauseOn of metric resolution",
        refused(() -> b.pauseOn(List.of("open", "pending"))));
    assertEquals(Set.of("pending"), b.build().pauseStatuses(), "the refused call added nothing");
  }

  @Test
  void aRulesTagValueOrConditionListedTwiceIsRefused() {
    assertEquals(
        "tag 'vendor' is listed twice in pauseWhileTags of metric resolution",
        refused(() -> MetricRule.builder(RES).pauseWhileTag("vendor").pauseWhileTag("vendor")));
    assertEquals(
        "value 'vendor' is listed twice in pauseWhileAttributes hold of metric resolution",
        refused(
            () ->
                MetricRule.builder(RES)
                    .pauseWhileAttribute("hold", "vendor")
                    .pauseWhileAttribute("hold", "caller", "vendor")));
    MetricRule.Builder b = MetricRule.builder(RES).pauseWhileTag("a");
    refused(() -> b.pauseWhileTag("b", "c", "b"));
    assertEquals(Set.of("a"), b.build().pauseTags(), "the refused call added nothing");
    PauseCondition c = PauseCondition.tag("vendor");
    assertEquals(
        "condition 'tag[vendor]' is listed twice in" + " pauseWhile of metric resolution",
        refused(
            () -> MetricRule.builder(RES).pauseWhile(c).pauseWhile(PauseCondition.tag("vendor"))));
  }

  @Test
  void aDefinitionsPauseStatusTagValueConditionOrTriggerListedTwiceIsRefused() {
    MetricDefinition.Builder d =
        MetricDefinition.builder("wait")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.solved());
    assertEquals(
        "status 'pending' is listed twice in pauseIn of metric wait",
        refused(() -> d.pauseIn("pending", "pending")));
    assertEquals(
        "tag 'x' is listed twice in pauseWhileTags of metric wait",
        refused(() -> d.pauseWhileTag("x", "x")));
    assertEquals(
        "value 'v' is listed twice in pauseWhileAttributes k of metric wait",
        refused(() -> d.pauseWhileAttribute("k", "v", "v")));
    assertEquals(
        "trigger 'created' is listed twice in startOn of metric wait",
        refused(() -> d.startOn(MetricTrigger.created())));
    assertEquals(
        "trigger 'solved' is listed twice in stopOn of metric wait",
        refused(() -> d.stopOn(MetricTrigger.countedReply(), MetricTrigger.solved())));
    assertEquals(
        "trigger 'tag_added[spam]' is listed twice in cancelOn of metric wait",
        refused(() -> d.cancelOn(MetricTrigger.tagAdded("spam"), MetricTrigger.tagAdded("spam"))));
    MetricDefinition built = d.build();
    assertEquals(List.of(MetricTrigger.solved()), built.stop(), "the refused calls added nothing");
    assertEquals(List.of(), built.cancel());
    assertEquals(
        "trigger 'call_abandoned' is listed twice in cancelOn of metric calls",
        refused(
            () ->
                MetricDefinition.answerTime("calls").withCancelOn(MetricTrigger.callAbandoned())));
  }

  @Test
  void aTriggersConditionsOrStagesValueListedTwiceIsRefused() {
    assertEquals(
        "status 'open' is listed twice in trigger status_entered values",
        refused(() -> MetricTrigger.statusEntered("open", "open")));
    assertEquals(
        "tag 'vip' is listed twice in trigger tag_removed values",
        refused(() -> MetricTrigger.tagRemoved("vip", "vip")));
    assertEquals(
        "value 'p1' is listed twice in trigger attribute_left values",
        refused(() -> MetricTrigger.attributeLeft("prio", "p1", "p1")));
    assertEquals(
        "status 'hold' is listed twice in pause condition status values",
        refused(() -> PauseCondition.status("hold", "hold")));
    assertEquals(
        "part 'tag[x]' is listed twice in a pause condition",
        refused(() -> PauseCondition.allOf(PauseCondition.tag("x"), PauseCondition.tag("x"))));
    assertEquals(
        "status 'analysis' is listed twice in statuses of stage a",
        refused(() -> StageDefinition.of("a", "analysis", "analysis")));
    assertEquals(
        "status 'open' is listed twice in stopOn of stage a",
        refused(() -> StageDefinition.of("a", "analysis").stopOn("open", "open")));
    assertEquals(
        "value 'gold' is listed twice in attribute tier values",
        refused(() -> MatchCondition.always().withAttribute("tier", "gold", "gold")));
    assertEquals(
        "value 'gold' is listed twice in attribute tier values",
        refused(() -> MatchCondition.always().withAttribute("tier", List.of("gold", "gold"))));
    assertEquals(
        "tag 'vip' is listed twice in tags",
        refused(() -> MatchCondition.always().withTags("vip").withTags("vip")));
  }

  @Test
  void aPolicysChannelOrASetsSolvedStatusGivenTwiceIsRefused() {
    assertEquals(
        "channel 'email' is listed twice in channels of policy p",
        refused(() -> SlaPolicy.builder("p").channels("email", "chat").channels("email")));
    assertEquals(
        "solved status 'solved' is declared twice",
        refused(
            () ->
                SlaPolicySet.builder()
                    .statuses("open", "solved")
                    .solvedStatuses("solved")
                    .solvedStatuses("solved")));
  }

  // --- JSON: the same refusals, at the second occurrence's path, line and column

  private static final String BASE =
      """
      {"statuses": ["new", "open", "pending", "solved"], "solvedStatuses": ["solved"],
       "stages": [{"name": "s", "statuses": ["open"], "stopOn": ["solved"]}],
       "metricDefinitions": [{"name": "m", "startOn": [{"on": "created"}],
         "stopOn": [{"on": "solved"}]}],
       "defaultPolicy": {"name": "p", "matrix": {"default": "normal"},
         "targets": {"normal": {"*": {"resolution": "PT8H"}}},
         "metrics": [{"metric": "resolution"}]}}
      """;

  private static String json(String from, String to) {
    if (!BASE.contains(from)) {
      throw new AssertionError(from);
    }
    return BASE.replace(from, to);
  }

  private static String jsonRefused(String from, String to) {
    String text = json(from, to);
    return refused(() -> SlaPolicyJson.read(text));
  }

  @Test
  void theBaseDocumentReads() {
    SlaPolicyJson.read(BASE);
  }

  @Test
  void jsonListsWithARepeatAreRefusedAtTheRepeat() {
    assertEquals(
        "status 'open' is listed twice (at $.stages[0].statuses[1], line 2, column 48)",
        jsonRefused("\"statuses\": [\"open\"]", "\"statuses\": [\"open\", \"open\"]"));
    assertEquals(
        "status 'solved' is listed twice (at $.stages[0].stopOn[1], line 2, column 70)",
        jsonRefused("\"stopOn\": [\"solved\"]}]", "\"stopOn\": [\"solved\", \"solved\"]}]"));
    assertEquals(
        "status 'pending' is listed twice (at $.defaultPolicy.metrics[0].pauseOn[1], line 7,"
            + " column 64)",
        jsonRefused(
            "{\"metric\": \"resolution\"}",
            "{\"metric\": \"resolution\", \"pauseOn\": [\"pending\", \"pending\"]}"));
    assertEquals(
        "channel 'email' is listed twice (at $.defaultPolicy.channels[1], line 5, column 88)",
        jsonRefused(
            "\"matrix\": {\"default\": \"normal\"},",
            "\"matrix\": {\"default\": \"normal\"}, \"channels\": [\"email\", \"email\"],"));
    assertEquals(
        "tag 'vip' is listed twice (at $.defaultPolicy.when.tags[1], line 5, column 91)",
        jsonRefused(
            "\"matrix\": {\"default\": \"normal\"},",
            "\"matrix\": {\"default\": \"normal\"}, \"when\": {\"tags\": [\"vip\", \"vip\"]},"));
  }

  @Test
  void jsonDefinitionListsWithARepeatAreRefusedAtTheRepeat() {
    String stop = "\"stopOn\": [{\"on\": \"solved\"}]}]";
    assertEquals(
        "status 'pending' is listed twice (at $.metricDefinitions[0].pauseIn[1], line 4, column"
            + " 57)",
        jsonRefused(stop, stop.replace("}]}]", "}], \"pauseIn\": [\"pending\", \"pending\"]}]")));
    assertEquals(
        "tag 'v' is listed twice (at $.metricDefinitions[0].pauseWhileTags[1], line 4, column 58)",
        jsonRefused(stop, stop.replace("}]}]", "}], \"pauseWhileTags\": [\"v\", \"v\"]}]")));
    assertEquals(
        "value 'v' is listed twice (at $.metricDefinitions[0].pauseWhileAttributes.k[1], line 4,"
            + " column 70)",
        jsonRefused(
            stop, stop.replace("}]}]", "}], \"pauseWhileAttributes\": {\"k\": [\"v\", \"v\"]}}]")));
    assertEquals(
        "trigger {\"on\":\"solved\"} is listed twice (at $.metricDefinitions[0].stopOn[1], line 4,"
            + " column 33)",
        jsonRefused(stop, "\"stopOn\": [{\"on\": \"solved\"}, {\"on\": \"solved\"}]}]"));
    assertEquals(
        "tag 'spam' is listed twice (at $.metricDefinitions[0].cancelOn[0].values[1], line 4,"
            + " column 86)",
        jsonRefused(
            stop,
            stop.replace(
                "}]}]",
                "}], \"cancelOn\": [{\"on\": \"tag_added\", \"values\": [\"spam\", \"spam\"]}]}]")));
    assertEquals(
        "condition [{\"tag\":[\"v\"]}] is listed twice (at $.metricDefinitions[0].pauseWhile[1], line"
            + " 4, column 67)",
        jsonRefused(
            stop,
            stop.replace(
                "}]}]", "}], \"pauseWhile\": [[{\"tag\": [\"v\"]}], [{\"tag\": [\"v\"]}]]}]")));
    assertEquals(
        "part {\"tag\":[\"v\"]} is listed twice (at $.metricDefinitions[0].pauseWhile[0][1], line 4,"
            + " column 66)",
        jsonRefused(
            stop,
            stop.replace(
                "}]}]", "}], \"pauseWhile\": [[{\"tag\": [\"v\"]}, {\"tag\": [\"v\"]}]]}]")));
    assertEquals(
        "status 'new' is listed twice (at $.metricDefinitions[0].pauseWhile[0][0].status[1], line"
            + " 4, column 69)",
        jsonRefused(
            stop,
            stop.replace("}]}]", "}], \"pauseWhile\": [[{\"status\": [\"new\", \"new\"]}]]}]")));
  }

  // --- a definition whose cycles could never end

  @Test
  void aDefinitionWithoutStopOrCancelTriggerIsRefused() {
    assertEquals(
        "metric age has no stop or cancel trigger, so a cycle it starts could never end; give it"
            + " one, e.g. stopOn solved",
        refused(() -> MetricDefinition.builder("age").startOn(MetricTrigger.created()).build()));
    MetricDefinition.builder("age")
        .startOn(MetricTrigger.created())
        .cancelOn(MetricTrigger.tagAdded("spam"))
        .build(); // a cancel trigger alone ends cycles
    assertEquals(
        "metric m has no stop or cancel trigger, so a cycle it starts could never end; give it"
            + " one, e.g. stopOn solved (at $.metricDefinitions[0], line 3, column 24)",
        jsonRefused(",\n   \"stopOn\": [{\"on\": \"solved\"}]}]", "}]"));
  }

  @Test
  void theSameValueInDifferentListsIsFine() {
    // a rule's pause status may repeat its definition's: rules add to definitions
    MetricDefinition d =
        MetricDefinition.builder("m")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.solved())
            .cancelOn(MetricTrigger.tagAdded("x"))
            .armOn(MetricTrigger.tagAdded("x"))
            .pauseIn("pending")
            .build();
    SlaPolicySet.builder()
        .statuses("open", "pending", "solved")
        .solvedStatuses("solved")
        .metric(d)
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .rule(MetricRule.builder(d.metric()).pauseOn("pending").build())
                .build())
        .build();
    // values added to an attribute in two calls, each once
    assertEquals(
        Map.of("k", Set.of("a", "b")),
        MetricRule.builder(RES)
            .pauseWhileAttribute("k", "a")
            .pauseWhileAttribute("k", "b")
            .build()
            .pauseAttributes());
  }

  /**
   * One trigger in both stopOn and cancelOn is refused: an update applies its stops before its
   * cancels, so that cancel could never apply. Overlapping but different triggers stay allowed.
   */
  @Test
  void oneTriggerInBothStopOnAndCancelOnIsRefused() {
    assertEquals(
        "trigger 'status_entered[closed]' is in both stopOn and cancelOn of metric wait: an update"
            + " stops before it cancels, so the cancel could never apply; keep one",
        refused(
            () ->
                MetricDefinition.builder("wait")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved(), MetricTrigger.statusEntered("closed"))
                    .cancelOn(MetricTrigger.statusEntered("closed"))
                    .build()));
    MetricDefinition.builder("wait")
        .startOn(MetricTrigger.created())
        .stopOn(MetricTrigger.statusEntered("closed"))
        .cancelOn(MetricTrigger.statusEntered("closed", "spam"))
        .build();
  }

  /** A pause condition reads in messages as its parts, each named by its kind in lower case. */
  @Test
  void aPauseConditionPrintsItsPartsByKind() {
    assertEquals(
        "status[on-hold, pending] and tag[vendor] and attribute(type)[incident]"
            + " and attribute_absent(owner)",
        PauseCondition.allOf(
                PauseCondition.status("pending", "on-hold"),
                PauseCondition.tag("vendor"),
                PauseCondition.attribute("type", "incident"),
                PauseCondition.attributeAbsent("owner"))
            .toString());
  }
}
