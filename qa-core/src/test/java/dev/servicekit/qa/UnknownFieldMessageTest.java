package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * An unknown JSON field is reported with the allowed fields in alphabetical order. The readers keep
 * their allowed fields in {@code Set.of} sets, whose iteration order is chosen anew in every JVM,
 * so before this the same typo gave a differently ordered list from run to run (a new user's
 * review, s8review F4).
 */
class UnknownFieldMessageTest {

  @Test
  void anUnknownChecklistFieldListsTheAllowedFieldsSorted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ChecklistJson.read(
                    "{\"id\":\"c\",\"version\":1,\"mode\":\"TOTAL_POINTS\",\"bandz\":[]}"));
    assertEquals(
        "unknown field 'bandz'; allowed: [bands, bonusAbove100, id, mode, name, sections,"
            + " version] (at $.bandz, line 1, column 53)",
        e.getMessage());
  }

  @Test
  void anUnknownEvaluationFieldListsTheAllowedFieldsSorted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EvaluationJson.read("{\"agent\":\"a\"}", new ChecklistRegistry()));
    assertEquals(
        "unknown field 'agent'; allowed: [agentId, answers, checklist, comments, disputes,"
            + " evaluatedAt, format, formatVersion, interactionId, reviewerId, revisions]"
            + " (at $.agent, line 1, column 10)",
        e.getMessage());
  }
}
