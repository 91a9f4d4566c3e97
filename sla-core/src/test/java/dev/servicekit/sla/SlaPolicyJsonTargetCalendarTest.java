package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A target in JSON is a duration or {@code {"target": ..., "calendar": ...}}. */
class SlaPolicyJsonTargetCalendarTest {

  private static final String URGENT = "{\"target\": \"PT1H\", \"calendar\": \"24/7\"}";

  private static String json(String urgentFirstResponse) {
    return "{\"statuses\": [\"new\", \"solved\"], \"solvedStatuses\": [\"solved\"],\n"
        + " \"policies\": [{\"name\": \"vip\", \"when\": {\"tags\": [\"vip\"]},\n"
        + "   \"matrix\": {\"cells\": [{\"severity\": \"s1\", \"tier\": \"gold\","
        + " \"priority\": \"urgent\"}], \"default\": \"normal\"},\n"
        + "   \"targets\": {\"urgent\": {\"*\": {\"first_response\": "
        + urgentFirstResponse
        + "}},\n"
        + "                 \"normal\": {\"*\": {\"first_response\": \"PT4H\"}}},\n"
        + "   \"metrics\": [{\"metric\": \"first_response\", \"calendar\": \"team\"}]}],\n"
        + " \"defaultPolicy\": {\"name\": \"std\", \"matrix\": {\"default\": \"normal\"},\n"
        + "   \"targets\": {\"normal\": {\"*\": {\"resolution\": \"P2D\"}}}}}";
  }

  private static SlaPolicySet code(String urgentCalendar) {
    PriorityMatrix matrix =
        PriorityMatrix.builder().cell("s1", "gold", "urgent").defaultPriority("normal").build();
    SlaPolicy.Builder vip =
        SlaPolicy.builder("vip").when(MatchCondition.always().withTags("vip")).matrix(matrix);
    if (urgentCalendar == null) {
      vip.target("urgent", SlaMetric.firstResponse(), h(1));
    } else {
      vip.target("urgent", SlaMetric.firstResponse(), h(1), urgentCalendar);
    }
    vip.target("normal", SlaMetric.firstResponse(), h(4))
        .rule(Fixtures.team(SlaMetric.firstResponse()));
    SlaPolicy std =
        SlaPolicy.builder("std")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), h(48))
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "solved")
        .solvedStatuses("solved")
        .policy(vip.build())
        .defaultPolicy(std)
        .build();
  }

  @Test
  void objectFormReadsAsTheCalendarOverrideOfTheTarget() {
    SlaPolicySet read = SlaPolicyJson.read(json(URGENT));
    assertEquals(code(MetricRule.ALWAYS), read);
    assertEquals(
        java.util.Optional.of(MetricRule.ALWAYS),
        read.policies().get(0).calendarFor("urgent", "email", SlaMetric.firstResponse()));
    assertTrue(read.calendarKeys().contains(MetricRule.ALWAYS), read.calendarKeys()::toString);
    // Field order does not matter; naming the rule's own calendar is the short form.
    assertEquals(
        code(MetricRule.ALWAYS),
        SlaPolicyJson.read(json("{\"calendar\": \"24/7\", \"target\": \"PT1H\"}")));
    assertEquals(
        code(null), SlaPolicyJson.read(json("{\"target\": \"PT1H\", \"calendar\": \"team\"}")));
  }

  @Test
  void writerUsesTheObjectFormOnlyForOverrides() {
    String with = SlaPolicyJson.write(code(MetricRule.ALWAYS));
    assertTrue(
        with.contains("\"first_response\": {\"target\": \"PT1H\", \"calendar\": \"24/7\"}"), with);
    assertTrue(with.contains("\"first_response\": \"PT4H\""), with);
    assertTrue(with.contains("\"resolution\": \"PT48H\""), with);
    assertEquals(code(MetricRule.ALWAYS), SlaPolicyJson.read(with));

    String without = SlaPolicyJson.write(code(null));
    assertFalse(without.contains("\"target\""), without);
    assertTrue(without.contains("\"first_response\": \"PT1H\""), without);
  }

  private static void assertBad(String urgentFirstResponse, String expected) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SlaPolicyJson.read(json(urgentFirstResponse)));
    // the path is followed by the line and column of its value
    String located =
        expected.endsWith(")")
            ? expected.replaceFirst("\\(([^()]*)\\)$", "(at \\$.$1, line ")
            : expected;
    assertTrue(e.getMessage().contains(located), () -> "'" + e.getMessage() + "' lacks " + located);
  }

  @Test
  void badObjectTargetsNameTheValueTheRuleAndTheJsonPath() {
    String at = "policies[0].targets.urgent.*.first_response";
    assertBad(
        "{\"target\": \"PT1H\", \"calendar\": \"night  shift\"}",
        "calendar 'night  shift' must not begin or end with a space or contain two spaces in a row ("
            + at
            + ".calendar)");
    assertBad(
        "{\"target\": \"PT1H\", \"calendar\": \"\"}",
        "calendar '' must have between 1 and 64 characters (" + at + ".calendar)");
    assertBad(
        "{\"target\": \"PT1H\", \"calendar\": 5}",
        "expected a string but found 5 (" + at + ".calendar)");
    assertBad("{\"target\": \"PT1H\"}", "calendar is required (" + at + ".calendar)");
    assertBad("{\"calendar\": \"24/7\"}", "target is required (" + at + ".target)");
    assertBad(
        "{\"target\": \"1 hour\", \"calendar\": \"24/7\"}",
        "duration '1 hour' is not an ISO-8601 duration such as PT1H (" + at + ".target)");
    assertBad(
        "{\"target\": \"PT0S\", \"calendar\": \"24/7\"}", "must be positive (" + at + ".target)");
    assertBad(
        "{\"target\": \"PT1H\", \"calender\": \"24/7\"}",
        "unknown field 'calender'; expected one of");
    assertBad("{\"target\": \"PT1H\", \"calender\": \"24/7\"}", "(" + at + ".calender)");
    assertBad(
        "3600",
        "expected an ISO-8601 duration such as PT1H or an object with fields target and calendar"
            + " but found 3600 ("
            + at
            + ")");
    assertBad("[\"PT1H\"]", "but found [\"PT1H\"] (" + at + ")");
  }
}
