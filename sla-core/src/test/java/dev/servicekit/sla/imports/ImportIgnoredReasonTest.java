package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reasons in {@code ignored()} quote names from the export (an event type, a field name): they
 * were quoted raw, so a name with a line break forged a line of the log the counts are written to,
 * and a name of megabytes made a reason as long. They are quoted as every message quotes a value:
 * control characters and line separators escaped, cut after 80 characters with the length.
 */
class ImportIgnoredReasonTest {

  private static final String HOSTILE = "x\nWARN forged line\u2028" + "y".repeat(10_000);

  private static String zendesk(String type, String field) {
    return "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
        + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
        + "\"requester_id\",\"value\":5},{\"id\":12,\"type\":\"Create\",\"field_name\":\""
        + field
        + "\",\"value\":\"v\"}]},{\"id\":2,\"ticket_id\":7,\"created_at\":\"2026-03-02T10:00:00Z\","
        + "\"author_id\":5,\"events\":[{\"id\":21,\"type\":\""
        + type
        + "\"},{\"id\":22,\"type\":\"Change\",\"field_name\":\""
        + field
        + "\",\"value\":\"v\"}]}]}";
  }

  private static String jira(String field) {
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00Z\","
        + "\"comment\":{\"comments\":[]}},\"changelog\":"
        + "{\"histories\":[{\"id\":\"10\",\"created\":\"2026-03-02T10:00:00Z\",\"items\":["
        + "{\"field\":\""
        + field
        + "\",\"toString\":\"v\"},{\"field\":\"description\",\"toString\":\"v\"}]}]}}";
  }

  private static String json(String s) {
    return s.replace("\n", "\\n").replace("\u2028", "\\u2028");
  }

  private static void printableAndBounded(Map<String, Long> ignored) {
    for (String reason : ignored.keySet()) {
      assertTrue(reason.length() < 200, reason);
      assertTrue(reason.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028'), reason);
    }
  }

  @Test
  void namesFromTheExportAreQuotedPrintableAndBounded() {
    ImportedHistory z = ZendeskAudits.read(zendesk(json(HOSTILE), json(HOSTILE)));
    assertEquals(3, z.ignored().size(), z.ignored().toString());
    printableAndBounded(z.ignored());
    ImportedHistory j = JiraChangelog.read(jira(json(HOSTILE)));
    printableAndBounded(j.ignored());
    assertTrue(j.ignored().containsKey("changelog item description"), j.ignored().toString());
  }

  @Test
  void shortPrintableNamesAreQuotedAsTheyAre() {
    ImportedHistory z = ZendeskAudits.read(zendesk("Notification", "subject"));
    assertEquals(
        Map.of(
            "audit event Notification", 1L,
            "created field subject", 1L,
            "changed field subject", 1L),
        z.ignored());
    assertEquals(
        Map.of("changelog item summary", 1L, "changelog item description", 1L),
        JiraChangelog.read(jira("summary")).ignored());
  }
}
