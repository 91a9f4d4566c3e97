package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Imports reject timestamps the calendars cannot evaluate, naming the field. */
class ImportTimestampRangeTest {

  @Test
  void aZendeskAuditOutsideTheSupportedRangeIsRejectedAtImport() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ZendeskAudits.read(
                    "[{\"id\":1,\"ticket_id\":1,\"created_at\":\"+999999999-01-01T00:00:00Z\","
                        + "\"events\":[]}]"));
    assertTrue(e.getMessage().contains("outside the supported range"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(at $[0].created_at, line 1, column 37)"), e.getMessage());
  }

  @Test
  void aJiraCreationBefore1900IsRejectedAtImport() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JiraChangelog.read(
                    "{\"key\":\"SD-1\",\"fields\":{\"created\":\"1899-12-31T23:59:59Z\"}}"));
    assertTrue(e.getMessage().contains("outside the supported range"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(at $.fields.created, line 1, column 35)"), e.getMessage());
  }
}
