package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * An unknown JSON field is reported with the allowed fields in alphabetical order. The readers keep
 * their allowed fields in {@code Set.of} sets, whose iteration order is chosen anew in every JVM,
 * so before this the same typo gave a differently ordered list from run to run (a new user's
 * review, s8review F4): hard to scan and impossible to compare across logs.
 */
class UnknownFieldMessageTest {

  @Test
  void anUnknownPolicySetFieldListsTheAllowedFieldsSorted() {
    String json =
        "{\"statuses\":[\"open\"],\"initialstatus\":\"open\","
            + "\"defaultPolicy\":{\"name\":\"p\",\"matrix\":{\"default\":\"n\"}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertEquals(
        "unknown field 'initialstatus'; expected one of [automatedRepliesCount, breachRule,"
            + " cancelledStatuses, closingRule, creationStopOverridesStart, defaultPolicy,"
            + " defaultRules, dueDateRule, firstResponseSolve,"
            + " initialStatus, internalNotesCount, metricDefinitions, periodicUpdateFromCreation,"
            + " policies,"
            + " reattachStart, rejectUnknownKeys, resolutionReopen, retargetRule, retroactivePause,"
            + " scheduleRule, solvedStatuses, stages, statuses, stopRule] (at $.initialstatus, line"
            + " 1, column 38)",
        e.getMessage());
  }

  @Test
  void anUnknownPolicyFieldListsTheAllowedFieldsSorted() {
    String json =
        "{\"statuses\":[\"open\"],"
            + "\"defaultPolicy\":{\"name\":\"p\",\"matrix\":{\"default\":\"n\"},\"target\":{}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertEquals(
        "unknown field 'target'; expected one of [channels, matrix, metrics, name, targets, when]"
            + " (at $.defaultPolicy.target, line 1, column 84)",
        e.getMessage());
  }

  @Test
  void aNonObjectWhereAnObjectBelongsListsItsFieldsSorted() {
    String json = "{\"statuses\":[\"open\"],\"defaultPolicy\":{\"name\":\"p\",\"matrix\":7}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertEquals(
        "expected an object with fields [cells, columns, default, rows] but found 7"
            + " (at $.defaultPolicy.matrix, line 1, column 59)",
        e.getMessage());
  }

  @Test
  void anUnknownCalendarFieldListsTheAllowedFieldsSorted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CalendarJson.read("{\"zone\":\"Europe/Berlin\",\"weekdays\":[\"09:00-18:00\"]}"));
    assertEquals(
        "unknown field 'weekdays'; expected one of [holidays, hours, id, publicHolidays, shortened,"
            + " week, workingDays, zone] (at $.weekdays, line 1, column 36)",
        e.getMessage());
  }
}
