package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * An unknown field of a staffing document is reported with the allowed fields in alphabetical
 * order. They are kept in {@code Set.of} sets, whose iteration order is chosen anew in every JVM,
 * so before this the same typo gave a differently ordered list from run to run (a new user's
 * review, s8review F4).
 */
class UnknownFieldMessageTest {

  @Test
  void anUnknownTargetFieldListsTheAllowedFieldsSorted() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StaffingJson.readTarget(
                    "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkag\": 0.3}"));
    assertEquals(
        "unknown field 'shrinkag'; allowed: [answerWithin, maxOccupancy, serviceLevel,"
            + " shrinkage] (at $.shrinkag, line 1, column 60)",
        e.getMessage());
  }
}
