package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.sla.TicketEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Jira issue fetched without {@code expand=changelog}, or with a {@code fields} parameter that
 * leaves the comments out, lacks the history an SLA is measured from. Read as it was, the first
 * looked like a request created in its current status (a resolved request met every target at its
 * creation) and the second like a request nobody ever answered (every reply target breached),
 * without a word. Jira writes both containers, their lists empty or not, whenever they were asked
 * for, so their absence says the export is incomplete: it is refused where they are missing.
 */
class JiraExportCompletenessTest {

  private static final String FIELDS =
      """
      {"key":"SD-4","fields":{"created":"2026-03-02T09:00:00.000+0000",
        "reporter":{"accountId":"c1","accountType":"customer"},
        "status":{"name":"Resolved"},"priority":{"name":"High"}%s}%s}""";
  private static final String COMMENTS =
      """
      ,
        "comment":{"comments":[{"id":"7","created":"2026-03-02T09:20:00.000+0000",
          "author":{"accountId":"a1","accountType":"atlassian"},"jsdPublic":true}]}""";
  private static final String CHANGELOG =
      """
      ,
       "changelog":{"histories":[{"id":"10","created":"2026-03-02T11:00:00.000+0000",
        "items":[{"field":"status","fromString":"Waiting for support","toString":"Resolved"}]}]}""";

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(json))
        .getMessage();
  }

  @Test
  void anIssueFetchedWithoutItsChangelogIsRefusedNotReadAsCreatedInItsCurrentStatus() {
    assertEquals(
        "the export has no changelog: the issue was fetched without expand=changelog, so its"
            + " status, priority and label changes are unknown; fetch GET"
            + " /rest/api/3/issue/{key}?expand=changelog (at $.changelog, line 1, column 1)",
        error(FIELDS.formatted(COMMENTS, "")));
    assertEquals(
        "the export has no changelog histories: the issue was fetched without"
            + " expand=changelog, so its status, priority and label changes are unknown; fetch"
            + " GET /rest/api/3/issue/{key}?expand=changelog (at $.changelog.histories, line 6,"
            + " column 14)",
        error(FIELDS.formatted(COMMENTS, ",\n \"changelog\":{}")));
  }

  @Test
  void anIssueFetchedWithoutItsCommentsIsRefusedNotReadAsNeverAnswered() {
    assertEquals(
        "the export has no comments field: the issue was fetched without the comment field (a"
            + " fields parameter that leaves it out), so its replies are unknown; fetch it with"
            + " the comment field (at $.fields.comment, line 1, column 24)",
        error(FIELDS.formatted("", CHANGELOG)));
    assertEquals(
        "the export has no comments: the issue was fetched without the comment field (a fields"
            + " parameter that leaves it out), so its replies are unknown; fetch it with the"
            + " comment field (at $.fields.comment.comments, line 4, column 13)",
        error(FIELDS.formatted(",\n  \"comment\":{\"total\":0}", CHANGELOG)));
  }

  @Test
  void emptyListsAreAWholeHistoryWithNothingInIt() {
    List<TicketEvent> events =
        JiraChangelog.read(
                FIELDS.formatted(
                    ",\"comment\":{\"comments\":[],\"total\":0}",
                    ",\"changelog\":{\"histories\":[],\"total\":0}"))
            .events();
    assertEquals(3, events.size(), events.toString()); // created, its status, its priority
    assertEquals(4, JiraChangelog.read(FIELDS.formatted(COMMENTS, CHANGELOG)).events().size() - 1);
  }
}
