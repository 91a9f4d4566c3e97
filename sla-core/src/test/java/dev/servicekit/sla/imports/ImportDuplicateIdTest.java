package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An id given twice in one export with other content made two events with one id: the history was
 * returned, and a clock fed it refused the second event ("a reused id with other content"), with no
 * path into the export. It is refused at the second id's path; the same content twice (pages joined
 * with an overlap) is still read.
 */
class ImportDuplicateIdTest {

  private static final String CREATING =
      "{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\",\"author_id\":5,"
          + "\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":\"requester_id\","
          + "\"value\":5}]}";

  private static String change(int audit, String at, int event, String status) {
    return "{\"id\":"
        + audit
        + ",\"ticket_id\":7,\"created_at\":\""
        + at
        + "\",\"author_id\":5,\"events\":[{\"id\":"
        + event
        + ",\"type\":\"Change\",\"field_name\":\"status\",\"value\":\""
        + status
        + "\"}]}";
  }

  private static String zendesk(String... audits) {
    return "{\"audits\":[" + String.join(",", audits) + "]}";
  }

  private static String history(String id, String at, String to) {
    return "{\"id\":\""
        + id
        + "\",\"created\":\""
        + at
        + "\",\"items\":[{\"field\":\"status\",\"toString\":\""
        + to
        + "\"}]}";
  }

  private static String comment(String id, String at) {
    return "{\"id\":\"" + id + "\",\"created\":\"" + at + "\",\"author\":{\"accountId\":\"r\"}}";
  }

  private static String jira(List<String> histories, List<String> comments) {
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00Z\",\"reporter\":"
        + "{\"accountId\":\"r\"},\"comment\":{\"comments\":["
        + String.join(",", comments)
        + "]}},\"changelog\":{\"histories\":["
        + String.join(",", histories)
        + "]}}";
  }

  private static String refused(Runnable read) {
    return assertThrows(IllegalArgumentException.class, read::run).getMessage();
  }

  private static Set<String> ids(ImportedHistory h) {
    Set<String> out = new LinkedHashSet<>();
    for (TicketEvent e : h.events()) {
      out.add(e.id());
    }
    return out;
  }

  @Test
  void aZendeskEventIdGivenTwiceWithOtherContentIsRefusedAtTheSecond() {
    String m =
        refused(
            () ->
                ZendeskAudits.read(
                    zendesk(
                        CREATING,
                        change(2, "2026-03-02T10:00:00Z", 21, "open"),
                        change(3, "2026-03-02T11:00:00Z", 21, "solved"))));
    assertTrue(m.startsWith("event id 21 is given twice with other content"), m);
    assertTrue(m.contains("(at $.audits[2].events[0].id, line 1, column "), m);
    // the same event at another instant is other content too
    String at =
        refused(
            () ->
                ZendeskAudits.read(
                    zendesk(
                        CREATING,
                        change(2, "2026-03-02T10:00:00Z", 21, "open"),
                        change(2, "2026-03-02T10:30:00Z", 21, "open"))));
    assertTrue(at.contains("(at $.audits[2].events[0].id, line 1, column "), at);
  }

  @Test
  void aZendeskAuditGivenTwiceAsIsIsRead() {
    String audit = change(2, "2026-03-02T10:00:00Z", 21, "open");
    ImportedHistory once = ZendeskAudits.read(zendesk(CREATING, audit));
    ImportedHistory twice = ZendeskAudits.read(zendesk(CREATING, audit, audit));
    assertEquals(ids(once), ids(twice));
    assertEquals(once.events(), twice.events()); // read once (ImportRepeatedItemTest)
  }

  @Test
  void aJiraHistoryOrCommentIdGivenTwiceWithOtherContentIsRefusedAtTheSecond() {
    String h1 = history("10", "2026-03-02T10:00:00Z", "Open");
    String h1Other = history("10", "2026-03-02T11:00:00Z", "Done");
    String m = refused(() -> JiraChangelog.read(jira(List.of(h1, h1Other), List.of())));
    assertTrue(m.startsWith("history id 10 is given twice with other content"), m);
    assertTrue(m.contains("(at $.changelog.histories[1].id, line 1, column "), m);

    String c1 = comment("20", "2026-03-02T10:00:00Z");
    String c1Other = comment("20", "2026-03-02T12:00:00Z");
    String c = refused(() -> JiraChangelog.read(jira(List.of(), List.of(c1, c1Other))));
    assertTrue(c.startsWith("comment id 20 is given twice with other content"), c);
    assertTrue(c.contains("(at $.fields.comment.comments[1].id, line 1, column "), c);

    ImportedHistory twice = JiraChangelog.read(jira(List.of(h1, h1), List.of(c1, c1)));
    ImportedHistory once = JiraChangelog.read(jira(List.of(h1), List.of(c1)));
    assertEquals(ids(once), ids(twice));
  }
}
