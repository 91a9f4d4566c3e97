package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A status, priority or assignee is a string or an integer id: a boolean or a fraction was read as
 * its text (the status {@code "true"}, the priority {@code "1500.0"}) and an object or an array as
 * a value cleared, without a word. They are refused at their path.
 */
class ImportValueTypeTest {

  private static String zendesk(String type, String field, String value) {
    return "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
        + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
        + "\"requester_id\",\"value\":5},{\"id\":12,\"type\":\""
        + type
        + "\",\"field_name\":\""
        + field
        + "\",\"value\":"
        + value
        + "}]}]}";
  }

  private static String jira(String fields, String item) {
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00.000+0000\""
        + fields
        + ",\"comment\":{\"comments\":[]}},\"changelog\":{\"histories\":[{\"id\":\"10\",\"created\":"
        + "\"2026-03-02T10:00:00.000+0000\",\"items\":["
        + item
        + "]}]}}";
  }

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "1.5e3", "2.0", "{}", "{\"name\":\"open\"}", "[\"a\"]"})
  void aZendeskStatusPriorityOrAssigneeOfAnotherTypeIsRefusedAtItsPath(String value) {
    for (String type : List.of("Create", "Change")) {
      for (String field : List.of("status", "priority", "assignee_id")) {
        String m = error(() -> ZendeskAudits.read(zendesk(type, field, value)));
        assertTrue(m.startsWith("expected a string, an integer or null but found "), m);
        assertTrue(m.contains("(at $.audits[0].events[1].value, line 1, column "), m);
      }
    }
  }

  @Test
  void aZendeskStringOrIntegerValueIsReadAndANullPriorityIsAClear() {
    List<TicketEvent> events = ZendeskAudits.read(zendesk("Change", "assignee_id", "42")).events();
    assertEquals(new TicketEvent.Assigned("7", "zd-12", events.get(0).at(), "42"), events.get(1));
    ImportedHistory cleared = ZendeskAudits.read(zendesk("Change", "priority", "null"));
    assertEquals(Map.of(), cleared.ignored());
    assertEquals(
        new TicketEvent.PriorityCleared("7", "zd-12", events.get(0).at()), cleared.events().get(1));
    assertEquals(
        Map.of("assignee_id cleared or not a key", 1L),
        ZendeskAudits.read(zendesk("Change", "assignee_id", "null")).ignored());
    assertEquals(
        "on-hold",
        ((TicketEvent.StatusChanged)
                ZendeskAudits.read(zendesk("Create", "status", "\"On hold\"")).events().get(1))
            .status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "7.5", "{}", "[]"})
  void aJiraValueOfAnotherTypeIsRefusedAtItsPath(String value) {
    String item = "{\"field\":\"%s\",\"%s\":" + value + "}";
    String items = "$.changelog.histories[0].items[0].";
    for (String field : List.of("status", "priority", "labels", "resolution")) {
      // the value before the earliest change is read for the fields the creation has
      for (String side :
          field.equals("resolution") ? List.of("toString") : List.of("toString", "fromString")) {
        String m = error(() -> JiraChangelog.read(jira("", item.formatted(field, side))));
        assertTrue(m.startsWith("expected a string, an integer or null but found "), m);
        assertTrue(m.contains("(at " + items + side + ", line 1"), m);
      }
    }
    String to = error(() -> JiraChangelog.read(jira("", item.formatted("assignee", "to"))));
    assertTrue(to.contains("(at " + items + "to, line 1"), to);
    for (String f : List.of("status", "priority", "issuetype")) {
      String m =
          error(() -> JiraChangelog.read(jira(",\"" + f + "\":{\"name\":" + value + "}", "")));
      assertTrue(m.startsWith("expected a string, an integer or null but found "), m);
      assertTrue(m.contains("(at $.fields." + f + ".name, line 1"), m);
    }
  }

  @Test
  void aJiraStringValueIsReadAndNullIsCountedAsCleared() {
    ImportedHistory h =
        JiraChangelog.read(
            jira(
                ",\"status\":{\"name\":\"Done\"},\"issuetype\":{\"name\":\"Incident\"}",
                "{\"field\":\"status\",\"fromString\":\"Open\",\"toString\":\"Done\"},"
                    + "{\"field\":\"assignee\",\"to\":null}"));
    assertEquals(
        "incident", ((TicketEvent.Created) h.events().get(0)).attributes().get("issuetype"));
    assertEquals("open", ((TicketEvent.StatusChanged) h.events().get(1)).status());
    assertEquals("done", ((TicketEvent.StatusChanged) h.events().get(2)).status());
    assertEquals(Map.of("changelog item assignee cleared or not a key", 1L), h.ignored());
  }

  private static String zendeskVia(String auditVia, String eventVia) {
    return "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
        + "\"author_id\":5,\"via\":"
        + auditVia
        + ",\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
        + "\"requester_id\",\"value\":5}]},{\"id\":2,\"ticket_id\":7,\"created_at\":"
        + "\"2026-03-02T10:00:00Z\",\"author_id\":5,\"events\":[{\"id\":12,\"type\":"
        + "\"Comment\",\"body\":\"hi\",\"public\":true,\"via\":"
        + eventVia
        + "}]}]}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"web\"", "5", "true", "[\"web\"]"})
  void aZendeskViaThatIsNotAnObjectIsRefusedNotReadAsNoChannel(String via) {
    // before: ignored, so the ticket lost its channel (and a rule's comment its authorship)
    String m = error(() -> ZendeskAudits.read(zendeskVia(via, "null")));
    assertTrue(m.startsWith("expected an object but found "), m);
    assertTrue(m.contains("(at $.audits[0].via, line 1, column "), m);
    String e = error(() -> ZendeskAudits.read(zendeskVia("{\"channel\":\"web\"}", via)));
    assertTrue(e.contains("(at $.audits[1].events[0].via, line 1, column "), e);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "{}", "[\"web\"]", "5.5", "-8", "4294967304"})
  void aZendeskViaChannelThatIsNeitherAViaTypeNorAViaIdIsRefusedAtItsPath(String channel) {
    String m = error(() -> ZendeskAudits.read(zendeskVia("{\"channel\":" + channel + "}", "null")));
    assertTrue(
        m.startsWith(
            "expected a via type (a string) or a via id (a non-negative integer) but found "),
        m);
    assertTrue(m.contains("(at $.audits[0].via.channel, line 1, column "), m);
  }

  /**
   * Zendesk's "Via object reference"
   * (https://developer.zendesk.com/documentation/ticketing/reference-guides/via-object-reference):
   * {@code channel} is a "string or integer", "a via type or via id", e.g. {@code "channel": 8};
   * "Via types reference" (.../via-types): via id 4 is the via type {@code mail}, 8 is {@code rule}
   * ("Trigger, automation"). An export written with via ids reads as the one written with via
   * types: the ticket's channel, and a trigger's public comment, which is automated (no first
   * reply: "automated or bot-related actions ... aren't considered", "Calculating first reply
   * time"). Earlier builds refused the export.
   */
  @Test
  void aZendeskViaIdIsReadAsItsViaType() {
    ImportedHistory ids = ZendeskAudits.read(zendeskVia("{\"channel\":4}", "{\"channel\":8}"));
    ImportedHistory types =
        ZendeskAudits.read(zendeskVia("{\"channel\":\"mail\"}", "{\"channel\":\"rule\"}"));
    assertEquals(types.events(), ids.events());
    assertEquals("mail", ((TicketEvent.Created) ids.events().get(0)).attributes().get("channel"));
    String byTrigger =
        zendeskVia("{\"channel\":0}", "{\"channel\":8}")
            .replace("\"Comment\",", "\"Comment\",\"author_id\":9,");
    TicketEvent.AgentReply trigger =
        (TicketEvent.AgentReply) ZendeskAudits.read(byTrigger).events().get(1);
    assertTrue(trigger.automated() && trigger.isPublic(), trigger.toString());
    // an id the reference's table does not list is read as its digits
    assertEquals(
        "77",
        ((TicketEvent.Created)
                ZendeskAudits.read(zendeskVia("{\"channel\":77}", "null")).events().get(0))
            .attributes()
            .get("channel"));
  }

  @Test
  void aZendeskViaChannelIsTheTicketsChannelAndANullViaIsNone() {
    TicketEvent first =
        ZendeskAudits.read(zendeskVia("{\"channel\":\"web\",\"source\":{}}", "null"))
            .events()
            .get(0);
    assertEquals("web", ((TicketEvent.Created) first).attributes().get("channel"));
  }
}
