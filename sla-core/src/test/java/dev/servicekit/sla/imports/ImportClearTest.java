package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field emptied in the help desk is a clear, not an ignored change.
 *
 * <p>Payload shapes: Zendesk, "Ticket Audit events reference" (developer.zendesk.com), the Change
 * event: {@code id}, {@code type} "Change", {@code field_name}, {@code value} and {@code
 * previous_value}, {@code value} null for a field set to nothing (the priority "-", an emptied
 * drop-down) and a custom field named by its id. Jira, "Issues: Get issue" with {@code
 * expand=changelog} (developer.atlassian.com), the {@code ChangeDetails} item: {@code field},
 * {@code fieldtype}, {@code fieldId}, {@code from}, {@code fromString}, {@code to}, {@code
 * toString}, {@code to} and {@code toString} null for a field set to none.
 */
class ImportClearTest {

  private static Instant t(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  @Test
  void zendeskPriorityAndFieldsSetToNothingAreClears() {
    String json =
        """
        {"audits":[
          {"id":1,"ticket_id":77,"created_at":"2026-03-02T09:00:00Z","author_id":600,
           "events":[
            {"id":11,"type":"Create","field_name":"requester_id","value":600},
            {"id":12,"type":"Create","field_name":"priority","value":"high"},
            {"id":13,"type":"Create","field_name":"360001","value":"gold"}]},
          {"id":2,"ticket_id":77,"created_at":"2026-03-02T10:00:00Z","author_id":500,
           "events":[
            {"id":21,"type":"Change","field_name":"priority","value":null,
             "previous_value":"high"},
            {"id":22,"type":"Change","field_name":"360001","value":null,
             "previous_value":"gold"},
            {"id":23,"type":"Change","field_name":"360002","value":"  ",
             "previous_value":"VR-1"},
            {"id":24,"type":"Change","field_name":"group_id","value":null,
             "previous_value":"7"},
            {"id":25,"type":"Change","field_name":"assignee_id","value":null,
             "previous_value":"500"},
            {"id":26,"type":"Change","field_name":"360003","value":"LONG"},
            {"id":27,"type":"Change","field_name":"360004","value":["a"]}]}]}
        """
            .replace("LONG", "x".repeat(65));
    ImportedHistory h = ZendeskAudits.read(json);
    assertEquals(
        List.of(
            new TicketEvent.PriorityCleared("77", "zd-21", t("10:00")),
            new TicketEvent.AttributeCleared("77", "zd-22", t("10:00"), "field_360001"),
            new TicketEvent.AttributeCleared("77", "zd-23", t("10:00"), "field_360002"),
            new TicketEvent.AttributeCleared("77", "zd-24", t("10:00"), "group")),
        h.events().subList(2, 6));
    assertEquals(6, h.events().size(), h.events().toString());
    // what is really ignored is still counted: an unassignment (no effect on clocks), a value too
    // long for a key, a value of another type
    assertEquals(
        Map.of(
            "assignee_id cleared or not a key", 1L,
            "changed field field_360003 without a key value", 1L,
            "changed field field_360004 without a key value", 1L),
        h.ignored());
  }

  @Test
  void jiraPriorityAndFieldsSetToNoneAreClears() {
    String json =
        """
        {"key":"SD-5","fields":{
          "created":"2026-03-02T09:00:00.000+0000",
          "priority":null,
          "comment":{"comments":[],"total":0}},
         "changelog":{"histories":[
          {"id":"10","created":"2026-03-02T09:30:00.000+0000","items":[
            {"field":"priority","fieldtype":"jira","from":null,"fromString":null,
             "to":"2","toString":"High"},
            {"field":"Customer Tier","fieldtype":"custom","fieldId":"customfield_10050",
             "from":null,"fromString":null,"to":"10101","toString":"Gold"}]},
          {"id":"20","created":"2026-03-02T10:00:00.000+0000","items":[
            {"field":"priority","fieldtype":"jira","from":"2","fromString":"High",
             "to":null,"toString":null},
            {"field":"Customer Tier","fieldtype":"custom","fieldId":"customfield_10050",
             "from":"10101","fromString":"Gold","to":null,"toString":null},
            {"field":"Vendor Ref","fieldtype":"custom","fieldId":"customfield_10051",
             "from":null,"fromString":"VR-1","to":null,"toString":""},
            {"field":"resolution","fieldtype":"jira","from":"10000","fromString":"Done",
             "to":null,"toString":null},
            {"field":"Team","fieldtype":"custom","from":null,"fromString":null,
             "to":"42","toString":null},
            {"field":"assignee","fieldtype":"jira","from":"a1","fromString":"Ann",
             "to":null,"toString":null}]}]}}
        """;
    ImportedHistory h = JiraChangelog.read(json);
    String id = "SD-5";
    assertEquals(
        List.of(
            new TicketEvent.PriorityChanged(id, "jira-h10-0", t("09:30"), "high"),
            new TicketEvent.AttributeChanged(id, "jira-h10-1", t("09:30"), "customer-tier", "gold"),
            new TicketEvent.PriorityCleared(id, "jira-h20-0", t("10:00")),
            new TicketEvent.AttributeCleared(id, "jira-h20-1", t("10:00"), "customer-tier"),
            new TicketEvent.AttributeCleared(id, "jira-h20-2", t("10:00"), "vendor-ref"),
            new TicketEvent.AttributeCleared(id, "jira-h20-3", t("10:00"), "resolution")),
        h.events().subList(1, 7));
    assertEquals(7, h.events().size(), h.events().toString());
    // an id without a display value is not read as a clear; an unassignment has no clock effect
    assertEquals(
        Map.of(
            "changelog item Team cleared or not a key", 1L,
            "changelog item assignee cleared or not a key", 1L),
        h.ignored());
  }
}
