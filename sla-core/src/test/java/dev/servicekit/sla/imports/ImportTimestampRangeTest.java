package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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

  /**
   * Updates of one instant are stamped a nanosecond apart where their event ids would sort them out
   * of list order; at the last nanosecond of the supported range that moved the later update out of
   * it, and an export of accepted timestamps was refused without a location: "at
   * 2300-01-01T00:00:00Z of event 'zd-10' is outside the supported range". There is no room to
   * stamp there, so the updates keep their instant, as before any other next instant.
   */
  @Test
  void updatesAtTheLastNanosecondOfTheRangeAreNotStampedOutOfIt() {
    String last = "2299-12-31T23:59:59.999999999Z";
    ImportedHistory z =
        ZendeskAudits.read(
            "{\"audits\":[{\"id\":1,\"ticket_id\":4711,\"created_at\":\""
                + last
                + "\",\"author_id\":900,\"events\":[{\"id\":9,\"type\":\"Create\","
                + "\"field_name\":\"status\",\"value\":\"new\"}]},{\"id\":2,\"ticket_id\":4711,"
                + "\"created_at\":\""
                + last
                + "\",\"author_id\":900,\"events\":[{\"id\":10,\"type\":\"Change\","
                + "\"field_name\":\"status\",\"value\":\"open\",\"previous_value\":\"new\"}]}]}");
    assertTrue(z.events().stream().allMatch(e -> e.at().equals(Instant.parse(last))), z::toString);
    String jiraLast = "2299-12-31T23:59:59.999999999+0000";
    ImportedHistory j =
        JiraChangelog.read(
            "{\"key\":\"SD-1\",\"fields\":{\"created\":\""
                + jiraLast
                + "\",\"status\":{\"name\":\"Open\"},\"comment\":{\"comments\":[]}},"
                + "\"changelog\":{\"histories\":["
                + "{\"id\":\"9\",\"created\":\""
                + jiraLast
                + "\",\"items\":[{\"field\":\"status\",\"fromString\":\"New\",\"toString\":\"Open\"}]},"
                + "{\"id\":\"10\",\"created\":\""
                + jiraLast
                + "\",\"items\":[{\"field\":\"status\",\"fromString\":\"Open\","
                + "\"toString\":\"Done\"}]}]}}");
    assertTrue(j.events().stream().allMatch(e -> e.at().equals(Instant.parse(last))), j::toString);
  }
}
