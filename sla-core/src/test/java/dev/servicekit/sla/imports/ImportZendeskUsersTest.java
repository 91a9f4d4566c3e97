package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import org.junit.jupiter.api.Test;

/**
 * The sideloaded users tell a comment's author; a user that was not an object was skipped without a
 * word, one user listed twice with two roles took the last, and a {@code meta} that was not an
 * object read as no pagination. They are refused at their path.
 */
class ImportZendeskUsersTest {

  private static String zendesk(String users, String meta) {
    return "{"
        + meta
        + "\"users\":"
        + users
        + ",\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
        + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
        + "\"requester_id\",\"value\":5}]},{\"id\":2,\"ticket_id\":7,\"created_at\":"
        + "\"2026-03-02T10:00:00Z\",\"author_id\":8,\"events\":[{\"id\":21,\"type\":\"Comment\"}]}]}";
  }

  private static void refusedAt(String path, String json) {
    String m =
        assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(json)).getMessage();
    assertTrue(m.contains("(at " + path + ", line 1, column "), m);
  }

  @Test
  void aUserThatIsNotAnObjectIsRefusedAtItsPath() {
    refusedAt("$.users[1]", zendesk("[{\"id\":8,\"role\":\"agent\"},\"x\"]", ""));
    refusedAt("$.users[0]", zendesk("[8]", ""));
  }

  @Test
  void aUserListedTwiceWithTwoRolesIsRefusedAtTheSecond() {
    refusedAt(
        "$.users[1].role",
        zendesk("[{\"id\":8,\"role\":\"agent\"},{\"id\":\"8\",\"role\":\"end-user\"}]", ""));
    // the same role twice says nothing new
    assertInstanceOf(
        TicketEvent.AgentReply.class,
        ZendeskAudits.read(
                zendesk("[{\"id\":8,\"role\":\"agent\"},{\"id\":8,\"role\":\"agent\"}]", ""))
            .events()
            .get(1));
  }

  @Test
  void aMetaThatIsNotAnObjectIsRefused() {
    refusedAt("$.meta", zendesk("[{\"id\":8,\"role\":\"agent\"}]", "\"meta\":true,"));
    assertInstanceOf(
        TicketEvent.CustomerMessage.class,
        ZendeskAudits.read(
                zendesk("[{\"id\":8,\"role\":\"end-user\"}]", "\"meta\":{\"has_more\":false},"))
            .events()
            .get(1));
  }
}
