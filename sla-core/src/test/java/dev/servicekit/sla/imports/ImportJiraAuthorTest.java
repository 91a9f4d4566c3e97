package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import org.junit.jupiter.api.Test;

/**
 * Who wrote a Jira comment decides a customer's message from an agent's reply: an author that was
 * not an object ({@code "author": "bob"}) read as no author, an agent's public reply, and an {@code
 * accountId} that was an object or array read as {@code ""}, equal to a reporter's such id, a
 * customer's message. They are refused at their path.
 */
class ImportJiraAuthorTest {

  private static String jira(String reporter, String author) {
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00.000+0000\","
        + "\"reporter\":"
        + reporter
        + ",\"comment\":{\"comments\":[{\"id\":\"20\",\"created\":"
        + "\"2026-03-02T11:00:00.000+0000\",\"author\":"
        + author
        + "}]}},\"changelog\":{\"histories\":[]}}";
  }

  private static void refusedAt(String path, String json) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(json)).getMessage();
    assertTrue(m.contains("(at " + path + ", line 1, column "), m);
  }

  private static TicketEvent comment(String json) {
    return JiraChangelog.read(json).events().get(1);
  }

  @Test
  void anAuthorOrAccountThatIsNotWhatJiraWritesIsRefusedAtItsPath() {
    String ok = "{\"accountId\":\"r\"}";
    String author = "$.fields.comment.comments[0].author";
    refusedAt(author, jira(ok, "\"bob\""));
    refusedAt(author, jira(ok, "[]"));
    refusedAt(author + ".accountId", jira(ok, "{\"accountId\":[]}"));
    refusedAt(author + ".accountId", jira(ok, "{\"accountId\":{}}"));
    refusedAt(author + ".accountType", jira(ok, "{\"accountId\":\"a\",\"accountType\":true}"));
    refusedAt("$.fields.reporter.accountId", jira("{\"accountId\":{}}", "{\"accountId\":\"a\"}"));
  }

  @Test
  void theReporterOrACustomerAccountWritesMessagesAndAnyOtherAuthorReplies() {
    assertInstanceOf(
        TicketEvent.CustomerMessage.class,
        comment(jira("{\"accountId\":\"r\"}", "{\"accountId\":\"r\"}")));
    assertInstanceOf(
        TicketEvent.CustomerMessage.class,
        comment(jira("null", "{\"accountId\":\"c\",\"accountType\":\"customer\"}")));
    assertInstanceOf(
        TicketEvent.AgentReply.class,
        comment(
            jira("{\"accountId\":\"r\"}", "{\"accountId\":\"a\",\"accountType\":\"atlassian\"}")));
    assertInstanceOf(TicketEvent.AgentReply.class, comment(jira("{\"accountId\":\"r\"}", "null")));
  }

  /**
   * An agent who reports a request acts as its customer (Atlassian KB, "Enabling notifications for
   * agents acting as customers",
   * https://confluence.atlassian.com/jirakb/enabling-notifications-for-agents-acting-as-customers-987144325.html),
   * but an internal comment ({@code jsdPublic} false) is the team's, which only agents add and the
   * customer never sees ("Comment: By Customer ... activates when a customer comments",
   * https://support.atlassian.com/jira/kb/understand-sla-condition-options-in-jira-service-management-cloud/):
   * the reporter's internal comment is an agent's internal note, not a customer's message that a
   * reply is owed to. Earlier builds took it for a customer's message.
   */
  @Test
  void theReportersInternalCommentIsAnAgentsInternalNote() {
    String reporter = "{\"accountId\":\"r\",\"accountType\":\"atlassian\"}";
    TicketEvent note =
        comment(jira(reporter, reporter).replace("\"author\":", "\"jsdPublic\":false,\"author\":"));
    assertInstanceOf(TicketEvent.AgentReply.class, note);
    assertTrue(!((TicketEvent.AgentReply) note).isPublic(), note.toString());
    assertInstanceOf(TicketEvent.CustomerMessage.class, comment(jira(reporter, reporter)));
  }
}
