package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.servicekit.sla.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An item of an export listed twice as it is (pages joined with an overlap: an audit, a history, a
 * comment, an audit row or journal entry) is read once: the events are those of the export without
 * the copy, every id once. The copy was read again and stamped a nanosecond later under the ids it
 * shares, which a clock refuses ("event id ... is already used by ...").
 */
class ImportRepeatedItemTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = ImportRepeatedItemTest.class.getResourceAsStream("/imports/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** Each item of the list at {@code pointer} repeated right after itself, then at the end. */
  private static void everyItemRepeated(
      String fixture, String pointer, Function<String, ImportedHistory> read) throws IOException {
    JsonNode original = fixture(fixture);
    List<TicketEvent> expected = read.apply(JSON.writeValueAsString(original)).events();
    int n = original.at(pointer).size();
    assertTrue(n > 0, pointer);
    for (int i = 0; i < n; i++) {
      for (boolean atTheEnd : new boolean[] {false, true}) {
        JsonNode doc = original.deepCopy();
        ArrayNode list = (ArrayNode) doc.at(pointer);
        JsonNode copy = list.get(i).deepCopy();
        if (atTheEnd) {
          list.add(copy);
        } else {
          list.insert(i + 1, copy);
        }
        List<TicketEvent> events = read.apply(JSON.writeValueAsString(doc)).events();
        String what = fixture + pointer + "[" + i + "] repeated" + (atTheEnd ? " at the end" : "");
        assertEquals(expected, events, what);
        Set<String> ids = new HashSet<>();
        events.forEach(e -> assertTrue(ids.add(e.id()), what + ": id " + e.id() + " twice"));
      }
    }
  }

  @Test
  void aZendeskAuditListedTwiceIsReadOnce() throws IOException {
    everyItemRepeated("zendesk-audits-ticket-4711.json", "/audits", ZendeskAudits::read);
  }

  @Test
  void aJiraHistoryOrCommentListedTwiceIsReadOnce() throws IOException {
    everyItemRepeated("jira-issue-SD-12.json", "/changelog/histories", JiraChangelog::read);
    everyItemRepeated("jira-issue-SD-12.json", "/fields/comment/comments", JiraChangelog::read);
  }

  @Test
  void aServiceNowAuditRowOrJournalEntryListedTwiceIsReadOnce() throws IOException {
    everyItemRepeated(
        "servicenow-incident-INC0010031.json", "/audit/result", ServiceNowAudit::read);
    everyItemRepeated(
        "servicenow-incident-INC0010031.json", "/journal/result", ServiceNowAudit::read);
  }

  @Test
  void aZammadEntryOrArticleListedTwiceIsReadOnce() throws IOException {
    everyItemRepeated("zammad-ticket-31.json", "/history/history", ZammadHistory::read);
    everyItemRepeated("zammad-ticket-31.json", "/articles", ZammadHistory::read);
  }
}
