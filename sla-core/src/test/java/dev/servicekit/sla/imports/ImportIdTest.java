package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ids an export gives become the ticket id and the event ids: one an event refuses (blank, a
 * control character, too long) was reported at the document's start, {@code (at $, line 1, column
 * 1)}, not at its path; an empty event id made the event id {@code zd-} (or {@code jira-h-0}).
 */
class ImportIdTest {

  private static String zendesk(String ticketId, String auditId, String eventId) {
    return "{\"audits\":[{\"id\":"
        + auditId
        + ",\"ticket_id\":"
        + ticketId
        + ",\"created_at\":\"2026-03-02T09:00:00Z\",\"author_id\":5,\"events\":["
        + "{\"id\":11,\"type\":\"Create\",\"field_name\":\"requester_id\",\"value\":5},"
        + "{\"id\":"
        + eventId
        + ",\"type\":\"Create\",\"field_name\":\"status\",\"value\":\"new\"}]}]}";
  }

  private static String jira(String key, String historyId, String commentId) {
    return "{\"key\":"
        + key
        + ",\"fields\":{\"created\":\"2026-03-02T09:00:00.000+0000\",\"comment\":{\"comments\":"
        + "[{\"id\":"
        + commentId
        + ",\"created\":\"2026-03-02T11:00:00.000+0000\",\"author\":{\"accountType\":"
        + "\"customer\"}}]}},\"changelog\":{\"histories\":[{\"id\":"
        + historyId
        + ",\"created\":\"2026-03-02T10:00:00.000+0000\",\"items\":[{\"field\":\"status\","
        + "\"toString\":\"Open\"},{\"field\":\"priority\",\"toString\":\"High\"}]}]}}";
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  private static void refusedAt(String path, String json, boolean zendesk) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              if (zendesk) {
                ZendeskAudits.read(json);
              } else {
                JiraChangelog.read(json);
              }
            });
    assertTrue(e.getMessage().contains("(at " + path + ", line 1, column "), e.getMessage());
    assertTrue(!e.getMessage().contains("(at $, line 1, column 1)"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\" \"", "\"a\\u0001\"", "\"\\u2028\"", "\"\\ud800\""})
  void anIdAnEventCouldNotHoldIsRefusedAtItsPath(String bad) {
    refusedAt("$.audits[0].ticket_id", zendesk(bad, "1", "12"), true);
    refusedAt("$.audits[0].id", zendesk("7", bad, "12"), true);
    refusedAt("$.audits[0].events[1].id", zendesk("7", "1", bad), true);
    refusedAt("$.key", jira(bad, "\"10\"", "\"20\""), false);
    refusedAt("$.changelog.histories[0].id", jira("\"SD-1\"", bad, "\"20\""), false);
    refusedAt("$.fields.comment.comments[0].id", jira("\"SD-1\"", "\"10\"", bad), false);
  }

  @Test
  void anIdIsRefusedAtItsPathExactlyWhenTheEventIdItMakesIsTooLong() {
    int max = TicketEvent.MAX_ID_CHARS;
    // zd-<id>, zd-audit-<id>, jira-h<id>-<item index> (two items: -1 is the longest), jira-c<id>
    String zdEvent = "9".repeat(max - "zd-".length());
    String zdAudit = "9".repeat(max - "zd-audit-".length());
    String jiraHistory = "9".repeat(max - "jira-h".length() - "-1".length());
    String jiraComment = "9".repeat(max - "jira-c".length());
    String ticket = "T".repeat(max);
    List<TicketEvent> z =
        ZendeskAudits.read(zendesk(quoted(ticket), quoted(zdAudit), quoted(zdEvent))).events();
    assertEquals("zd-audit-" + zdAudit, z.get(0).id());
    assertEquals("zd-" + zdEvent, z.get(1).id());
    List<TicketEvent> j =
        JiraChangelog.read(jira(quoted(ticket), quoted(jiraHistory), quoted(jiraComment))).events();
    assertEquals("jira-h" + jiraHistory + "-1", j.get(2).id());
    assertEquals("jira-c" + jiraComment, j.get(3).id());

    refusedAt("$.audits[0].ticket_id", zendesk(quoted(ticket + "T"), "1", "12"), true);
    refusedAt("$.audits[0].id", zendesk("7", quoted(zdAudit + "9"), "12"), true);
    refusedAt("$.audits[0].events[1].id", zendesk("7", "1", quoted(zdEvent + "9")), true);
    refusedAt("$.key", jira(quoted(ticket + "T"), "\"10\"", "\"20\""), false);
    refusedAt(
        "$.changelog.histories[0].id",
        jira("\"SD-1\"", quoted(jiraHistory + "9"), "\"20\""),
        false);
    refusedAt(
        "$.fields.comment.comments[0].id",
        jira("\"SD-1\"", "\"10\"", quoted(jiraComment + "9")),
        false);
  }
}
