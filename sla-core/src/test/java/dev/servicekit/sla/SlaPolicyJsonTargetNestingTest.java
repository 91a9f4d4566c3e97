package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Targets nest priority, then channel, then metric. A target written without its channel level
 * ({@code {"n": {"first_response": "PT1H"}}}) read "expected an object but found "PT1H"", naming no
 * level: the message now spells the nesting out, at the same path.
 */
class SlaPolicyJsonTargetNestingTest {

  private static String set(String targets) {
    return "{\"statuses\": [\"new\", \"open\"],\n"
        + " \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"default\": \"n\"},\n"
        + " \"targets\": "
        + targets
        + "}}";
  }

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json))
        .getMessage();
  }

  @Test
  void aTargetWithoutItsChannelLevelIsToldHowTargetsNest() {
    assertEquals(
        "expected an object but found \"PT1H\": targets nest priority, then channel ('*' for every"
            + " channel), then metric, as in {\"normal\": {\"*\": {\"first_response\": \"PT4H\"}}}"
            + " (at $.defaultPolicy.targets.n.first_response, line 3, column 38)",
        error(set("{\"n\": {\"first_response\": \"PT1H\"}}")));
  }

  @Test
  void aTargetWithoutItsPriorityAndChannelLevelsIsToldToo() {
    String m = error(set("{\"first_response\": \"PT1H\"}"));
    assertEquals(
        true,
        m.startsWith("expected an object but found \"PT1H\": targets nest priority, then channel")
            && m.endsWith("(at $.defaultPolicy.targets.first_response, line 3, column 32)"),
        m);
  }
}
