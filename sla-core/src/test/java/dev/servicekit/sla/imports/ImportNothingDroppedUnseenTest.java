package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Items the importers do not map are counted in {@code ignored()}, never dropped unseen, and a
 * value of the wrong type is located at the value, not at the object holding it.
 */
class ImportNothingDroppedUnseenTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String CREATING =
      """
      {"id":1,"ticket_id":7,"created_at":"2026-03-02T09:00:00Z","author_id":5,"events":[
       {"id":11,"type":"Create","field_name":"requester_id","value":5},
       {"id":12,"type":"Create","field_name":"status","value":"new"}]}""";

  @Test
  void zendeskCreateEventsOfALaterAuditAreCounted() {
    ImportedHistory h =
        ZendeskAudits.read(
            "["
                + CREATING
                + """
                ,{"id":2,"ticket_id":7,"created_at":"2026-03-02T09:01:00Z","author_id":5,
                  "events":[{"id":21,"type":"Create","field_name":"status","value":"open"}]}]""");
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer("7", "zd-audit-1", T0, Map.of(), Set.of()),
            new TicketEvent.StatusChanged("7", "zd-12", T0, "new")),
        h.events());
    assertEquals(Map.of("audit event Create after the creating audit", 1L), h.ignored());
  }

  @Test
  void zendeskChannelThatIsNotAKeyIsCounted() {
    String channel = "x".repeat(65);
    ImportedHistory h =
        ZendeskAudits.read(
            "["
                + CREATING.replace(
                    "\"author_id\":5,",
                    "\"author_id\":5,\"via\":{\"channel\":\"" + channel + "\"},")
                + "]");
    assertEquals(Map.of("created field channel without a key value", 1L), h.ignored());
  }

  @Test
  void zendeskIdsOfTheWrongTypeAreLocatedAtTheValue() {
    String requester =
        """
        [{"id":1,"ticket_id":7,"created_at":"2026-03-02T09:00:00Z","author_id":5,"events":[
         {"id":11,"type":"Create","field_name":"requester_id",
          "value":{}}]}]""";
    assertEquals(
        "expected a string or an integer id but found {} (at $[0].events[0].value, line 3,"
            + " column 11)",
        assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(requester))
            .getMessage());
    String author =
        """
        [{"id":1,"ticket_id":7,"created_at":"2026-03-02T09:00:00Z",
          "author_id":[],"events":[
         {"id":11,"type":"Create","field_name":"requester_id","value":5}]}]""";
    assertEquals(
        "expected a string or an integer id but found [] (at $[0].author_id, line 2, column 15)",
        assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(author))
            .getMessage());
  }

  @Test
  void jiraInitialValuesThatAreNotKeysAreCounted() {
    String json =
        """
        {"key":"SD-1","fields":{"created":"2026-03-02T09:00:00.000+0000",
          "status":{"name":"%s"},"priority":{"name":"%s"},"issuetype":{"name":"%s"},
          "comment":{"comments":[]}},
         "changelog":{"histories":[]}}"""
            .formatted("s".repeat(65), "p".repeat(65), "t".repeat(65));
    ImportedHistory h = JiraChangelog.read(json);
    assertEquals(1, h.events().size());
    assertEquals(
        Map.of(
            "created status not a key", 1L,
            "created priority not a key", 1L,
            "created issuetype not a key", 1L),
        h.ignored());
  }

  @Test
  void jiraPageWithoutItsListIsRefused() {
    String histories =
        """
        {"key":"SD-1","fields":{"created":"2026-03-02T09:00:00.000+0000"},
         "changelog":{"startAt":0,"maxResults":100,
          "total":120}}""";
    assertEquals(
        "the export holds one page of changelog (0 items from 0 of 120): expand=changelog returns"
            + " at most 100 histories; fetch them all (GET /rest/api/3/issue/{key}/changelog,"
            + " every page) and put them in changelog.histories (at $.changelog.total, line 3,"
            + " column 11)",
        assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(histories))
            .getMessage());
    String comments =
        """
        {"key":"SD-1","fields":{"created":"2026-03-02T09:00:00.000+0000",
         "comment":{"startAt":50}}}""";
    String m =
        assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(comments))
            .getMessage();
    assertTrue(m.endsWith("(at $.fields.comment.startAt, line 2, column 23)"), m);
  }

  private static String refusedAt(Runnable read) {
    String m = assertThrows(IllegalArgumentException.class, read::run).getMessage();
    return m.substring(m.lastIndexOf(" (at ") + 5, m.indexOf(", line", m.lastIndexOf(" (at ")));
  }

  @Test
  void aTagThatIsNullOrNotAStringIsRefusedNotReadAsText() {
    for (String tag : List.of("null", "true", "{}", "[]")) {
      String zd =
          "["
              + CREATING.replace(
                  "\"value\":\"new\"}",
                  "\"value\":\"new\"},{\"id\":13,\"type\":\"Create\",\"field_name\":\"tags\","
                      + "\"value\":[\"vip\","
                      + tag
                      + "]}")
              + "]";
      assertEquals("$[0].events[2].value[1]", refusedAt(() -> ZendeskAudits.read(zd)), tag);
      String jira =
          "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00Z\","
              + "\"labels\":[\"vip\","
              + tag
              + "]}}";
      assertEquals("$.fields.labels[1]", refusedAt(() -> JiraChangelog.read(jira)), tag);
    }
  }

  @Test
  void jiraContainersOfTheWrongTypeAreRefusedNotReadAsAbsent() {
    String created = "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00Z\"";
    assertEquals(
        "$.changelog", refusedAt(() -> JiraChangelog.read(created + "},\"changelog\":[1]}")));
    for (String f : List.of("status", "priority", "issuetype", "comment", "reporter")) {
      assertEquals(
          "$.fields." + f,
          refusedAt(() -> JiraChangelog.read(created + ",\"" + f + "\":\"Open\"}}")),
          f);
    }
    assertEquals(
        "$.fields.labels", refusedAt(() -> JiraChangelog.read(created + ",\"labels\":\"a b\"}}")));
  }
}
