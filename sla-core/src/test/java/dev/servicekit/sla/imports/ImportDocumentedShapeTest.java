package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEvent.AgentReply;
import dev.servicekit.sla.TicketEvent.Assigned;
import dev.servicekit.sla.TicketEvent.AttributeChanged;
import dev.servicekit.sla.TicketEvent.AttributeCleared;
import dev.servicekit.sla.TicketEvent.Created;
import dev.servicekit.sla.TicketEvent.CustomerMessage;
import dev.servicekit.sla.TicketEvent.PriorityChanged;
import dev.servicekit.sla.TicketEvent.StatusChanged;
import dev.servicekit.sla.TicketEvent.TagsChanged;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each importer against an export shaped as its vendor documents (or, where no page documents it,
 * codes) the responses: every wrapper, bookkeeping field, null and timestamp form the vendor
 * writes, not only the fields an importer reads. The fixtures are hand-written in that shape (their
 * {@code _source} names each page); the expected events are worked by hand from them. A documented
 * shape that is refused or read as something else is a bug of the importer, however well it reads
 * its own hand-written fixtures.
 */
class ImportDocumentedShapeTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in = ImportDocumentedShapeTest.class.getResourceAsStream("/imports/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> attrs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * Zendesk, from developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/ ("List
   * Audits for a Ticket": a Comment without author_id, Change events with a trigger's own via,
   * custom_status_id between integers, count / next_page / previous_page; cursor pagination's meta
   * and links) and
   * developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference/
   * (a Create event per property; an object value for an SLA field such as first_reply_time), the
   * creating audit as recorded Zendesk responses show it (Create events with string ids, null
   * priority and type, organization_id).
   */
  @Test
  void zendeskAuditsInTheDocumentedShapeReadAsTheirEvents() throws IOException {
    String json = fixture("zendesk-audits-documented-shape.json");
    String t = "5120";
    String agent = "3100000002";
    List<TicketEvent> expected =
        List.of(
            Created.byCustomer(
                t,
                "zd-audit-7100000001",
                Instant.parse("2026-04-06T08:15:02Z"),
                attrs(
                    "group", "3600000042",
                    "brand", "3600000011",
                    "form", "3600000012",
                    "field_3600000055", "warehouse_2",
                    "channel", "web"),
                Set.of("hardware", "printer")),
            new StatusChanged(t, "zd-7200000004", Instant.parse("2026-04-06T08:15:02Z"), "new"),
            // no author_id: the audit's author, assigned by the trigger in the same audit
            AgentReply.internalNote(t, "zd-7200000101", Instant.parse("2026-04-06T08:40:11Z")),
            new Assigned(t, "zd-7200000102", Instant.parse("2026-04-06T08:40:11Z"), agent),
            new StatusChanged(t, "zd-7200000103", Instant.parse("2026-04-06T08:40:11Z"), "open"),
            AgentReply.publicReply(t, "zd-7200000201", Instant.parse("2026-04-06T09:05:40Z")),
            new StatusChanged(t, "zd-7200000202", Instant.parse("2026-04-06T09:05:40Z"), "pending"),
            new PriorityChanged(
                t, "zd-7200000203", Instant.parse("2026-04-06T09:05:40Z"), "normal"),
            new CustomerMessage(t, "zd-7200000301", Instant.parse("2026-04-06T11:30:00Z")),
            new StatusChanged(t, "zd-7200000302", Instant.parse("2026-04-06T11:30:00Z"), "open"),
            AgentReply.publicReply(t, "zd-7200000401", Instant.parse("2026-04-06T13:10:00Z")),
            new StatusChanged(t, "zd-7200000402", Instant.parse("2026-04-06T13:10:00Z"), "solved"),
            new TagsChanged(
                t,
                "zd-7200000403",
                Instant.parse("2026-04-06T13:10:00Z"),
                Set.of("hardware", "printer", "ribbon")));
    Map<String, Long> ignored =
        Map.of(
            "audit event Notification", 2L,
            "changed field custom_status_id", 1L,
            "created field first_reply_time", 1L,
            "created field organization_id", 1L,
            "created field subject", 1L,
            "created field type without a key value", 1L,
            "description (the creating comment)", 1L,
            "priority cleared or not a key", 1L);
    ImportedHistory offset = ZendeskAudits.read(json);
    assertEquals(expected, offset.events());
    assertEquals(ignored, offset.ignored());

    // The same audits as the last page of cursor pagination (meta.has_more false, links)
    String offsetWrapper = "\"count\": 5,\n  \"next_page\": null,\n  \"previous_page\": null";
    assertTrue(json.contains(offsetWrapper));
    String cursor =
        json.replace(
            offsetWrapper,
            "\"meta\": {\"has_more\": false, \"after_cursor\": \"xMTAw\", \"before_cursor\":"
                + " \"xMQ\"},\n  \"links\": {\"prev\":"
                + " \"https://example.zendesk.com/api/v2/tickets/5120/audits.json?page%5Bbefore%5D=xMQ\","
                + " \"next\":"
                + " \"https://example.zendesk.com/api/v2/tickets/5120/audits.json?page%5Bafter%5D=xMTAw\"}");
    ImportedHistory viaCursor = ZendeskAudits.read(cursor);
    assertEquals(expected, viaCursor.events());
    assertEquals(ignored, viaCursor.ignored());

    // A ticket created by email, its via as the responses write it (the fourth audit's): the
    // channel is "email", not the via type "mail" of the Via types reference's table
    String web =
        "\"via\": { \"channel\": \"web\", \"source\": { \"from\": {}, \"to\": {}, \"rel\": null } }";
    assertTrue(json.contains(web));
    String byEmail =
        json.replace(
            web,
            "\"via\": { \"channel\": \"email\", \"source\": { \"from\": { \"address\":"
                + " \"requester@example.com\", \"name\": \"Requester\" }, \"to\": { \"address\":"
                + " \"support@example.zendesk.com\", \"name\": \"Support\" }, \"rel\": null } }");
    assertEquals(
        "email",
        ((Created) ZendeskAudits.read(byEmail).events().get(0)).attributes().get("channel"));
  }

  /**
   * Zendesk's List Audits for a Ticket takes {@code sort_order} ("Defaults to asc. Allowed values
   * are asc, or desc") and {@code sort} ("Prefix with - for descending order"),
   * developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/. The same audits listed
   * newest first read as the same events. They were read in list order: the newest agent comment
   * came before the creating audit that names the requester, and the export was refused ("no
   * requester is known"); with the users sideloaded it read, but audits of one second were stamped
   * apart in the reverse of the order they were made.
   */
  @Test
  void zendeskAuditsListedNewestFirstReadAsListedOldestFirst() throws IOException {
    String json = fixture("zendesk-audits-documented-shape.json");
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode desc =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
    com.fasterxml.jackson.databind.node.ArrayNode audits =
        (com.fasterxml.jackson.databind.node.ArrayNode) desc.get("audits");
    List<com.fasterxml.jackson.databind.JsonNode> reversed = new java.util.ArrayList<>();
    audits.forEach(a -> reversed.add(0, a));
    audits.removeAll().addAll(reversed);
    assertTrue(
        Instant.parse(audits.get(0).get("created_at").asText())
            .isAfter(Instant.parse(audits.get(audits.size() - 1).get("created_at").asText())));
    ImportedHistory asc = ZendeskAudits.read(json);
    ImportedHistory newestFirst = ZendeskAudits.read(mapper.writeValueAsString(desc));
    assertEquals(asc.events(), newestFirst.events());
    assertEquals(asc.ignored(), newestFirst.ignored());

    // Errors still name the audit's place in the export: the oldest audit is the last one
    audits.get(audits.size() - 1).withObject("/via").put("channel", true);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ZendeskAudits.read(mapper.writeValueAsString(desc)));
    assertTrue(e.getMessage().contains("(at $.audits[4].via.channel,"), e.getMessage());
  }

  /**
   * Jira Cloud, from developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/ (Get
   * issue; the Get changelogs example's histories and items, with null ids and an empty fromString
   * for the first label) and the Comment schema (ADF body, jsdPublic, jsdAuthorCanSeeRequest,
   * visibility). Times in two offsets (+0200, +0000) and with milliseconds.
   */
  @Test
  void jiraIssueInTheDocumentedShapeReadsAsItsEvents() throws IOException {
    ImportedHistory h = JiraChangelog.read(fixture("jira-issue-documented-shape.json"));
    String t = "HELP-31";
    String agent = "5b10a2844c20165700ede21g";
    List<TicketEvent> expected =
        List.of(
            Created.byCustomer(
                t,
                "jira-created",
                Instant.parse("2026-04-07T07:12:40.118Z"),
                attrs("channel", "jira", "issuetype", "[system]-service-request"),
                Set.of()), // the first label history adds to "": none at creation
            new StatusChanged(
                t,
                "jira-created-status",
                Instant.parse("2026-04-07T07:12:40.118Z"),
                "waiting-for-support"),
            new PriorityChanged(
                t, "jira-created-priority", Instant.parse("2026-04-07T07:12:40.118Z"), "high"),
            new Assigned(t, "jira-h20001-0", Instant.parse("2026-04-07T07:38:55.310Z"), agent),
            new StatusChanged(
                t, "jira-h20001-1", Instant.parse("2026-04-07T07:38:55.310Z"), "in-progress"),
            new StatusChanged(
                t,
                "jira-h20002-0",
                Instant.parse("2026-04-07T08:05:27.100Z"),
                "waiting-for-customer"),
            new TagsChanged(
                t, "jira-h20002-1", Instant.parse("2026-04-07T08:05:27.100Z"), Set.of("laptop")),
            new StatusChanged(
                t,
                "jira-h20003-0",
                Instant.parse("2026-04-07T10:30:00.400Z"),
                "waiting-for-support"),
            new AttributeChanged(
                t,
                "jira-h20004-0",
                Instant.parse("2026-04-07T15:02:11.519Z"),
                "resolution",
                "done"),
            new StatusChanged(
                t, "jira-h20004-1", Instant.parse("2026-04-07T15:02:11.519Z"), "resolved"),
            new TagsChanged(
                t,
                "jira-h20004-2",
                Instant.parse("2026-04-07T15:02:11.519Z"),
                Set.of("laptop", "onboarding")),
            AgentReply.internalNote(t, "jira-c10400", Instant.parse("2026-04-07T07:40:03.271Z")),
            AgentReply.publicReply(t, "jira-c10401", Instant.parse("2026-04-07T08:05:27.004Z")),
            new CustomerMessage(t, "jira-c10402", Instant.parse("2026-04-07T10:30:00Z")),
            AgentReply.publicReply(t, "jira-c10403", Instant.parse("2026-04-07T15:02:10.880Z")));
    assertEquals(expected, h.events());
    assertEquals(Map.of(), h.ignored());
  }

  /**
   * ServiceNow, from github.com/ServiceNow/ServiceNowDocs (markdown/): the Table API's GET
   * /api/now/table/incident/{sys_id} example record (api-reference/rest-apis/c_TableAPI.md: every
   * field, empty ones "", references as {link, value}, incident_state beside state), the Sys Audit
   * columns (platform-security/c_UnderstandingTheSysAuditTable.md) and the priority choices
   * (it-service-management/problem-management/prioritise-problems.md). No first-party page with the
   * sys_journal_field columns value and sys_created_by could be read: those rows follow the
   * dictionary as third parties show it.
   */
  @Test
  void serviceNowIncidentInTheDocumentedShapeReadsAsItsEvents() throws IOException {
    ImportedHistory h = ServiceNowAudit.read(fixture("servicenow-incident-documented-shape.json"));
    String t = "e7d3f1a0db5a3300a1b2c3d4e5f60718";
    String agent = "46d44a23a9fe19810012d100cca80666";
    List<TicketEvent> expected =
        List.of(
            Created.byCustomer(
                t,
                "sn-created",
                Instant.parse("2026-02-02T08:00:00Z"),
                attrs(
                    "impact", "2",
                    "urgency", "3", // the oldvalue of its one audit row
                    "category", "hardware",
                    "assignment_group", "8a5055c9c61122780043563ef53438e3",
                    "contact_type", "self-service"),
                Set.of()),
            new StatusChanged(t, "sn-created-state", Instant.parse("2026-02-02T08:00:00Z"), "new"),
            new PriorityChanged(
                t, "sn-created-priority", Instant.parse("2026-02-02T08:00:00Z"), "4-low"),
            new StatusChanged(
                t,
                "sn-uc0000000000000000000000000000001",
                Instant.parse("2026-02-02T08:40:00Z"),
                "in-progress"),
            new Assigned(
                t,
                "sn-uc0000000000000000000000000000003",
                Instant.parse("2026-02-02T08:40:00Z"),
                agent),
            AgentReply.internalNote(
                t, "sn-jd0000000000000000000000000000001", Instant.parse("2026-02-02T08:41:00Z")),
            AgentReply.publicReply(
                t, "sn-jd0000000000000000000000000000002", Instant.parse("2026-02-02T09:00:00Z")),
            new StatusChanged(
                t,
                "sn-uc0000000000000000000000000000007",
                Instant.parse("2026-02-02T09:00:00Z"),
                "on-hold"),
            new AttributeChanged(
                t,
                "sn-uc0000000000000000000000000000008",
                Instant.parse("2026-02-02T09:00:00Z"),
                "hold_reason",
                "1"),
            new CustomerMessage(
                t, "sn-jd0000000000000000000000000000003", Instant.parse("2026-02-02T10:15:00Z")),
            new StatusChanged(
                t,
                "sn-uc000000000000000000000000000000a",
                Instant.parse("2026-02-02T10:15:00Z"),
                "in-progress"),
            new AttributeCleared(
                t,
                "sn-uc000000000000000000000000000000b",
                Instant.parse("2026-02-02T10:15:00Z"),
                "hold_reason"),
            new AttributeChanged(
                t,
                "sn-uc000000000000000000000000000000c",
                Instant.parse("2026-02-02T10:30:00Z"),
                "urgency",
                "2"),
            new PriorityChanged(
                t,
                "sn-uc000000000000000000000000000000d",
                Instant.parse("2026-02-02T10:30:00Z"),
                "3-moderate"),
            new StatusChanged(
                t,
                "sn-uc000000000000000000000000000000e",
                Instant.parse("2026-02-02T13:00:00Z"),
                "resolved"),
            new AttributeChanged(
                t,
                "sn-uc000000000000000000000000000000f",
                Instant.parse("2026-02-02T13:00:00Z"),
                "close_code",
                "solved-(permanently)"),
            new StatusChanged(
                t,
                "sn-uc0000000000000000000000000000011",
                Instant.parse("2026-02-02T15:30:00Z"),
                "closed"));
    assertEquals(expected, h.events());
    assertEquals(
        Map.of(
            "audit field incident_state", 1L,
            "audit field reassignment_count", 1L,
            "audit field resolved_at", 1L),
        h.ignored());
  }

  /**
   * Zammad, from docs.zammad.org api/intro.rst (the ?expand=true ticket example) and
   * api/ticket/index.rst (a ticket of a customer without an organization: "organization_id": null).
   * Zammad writes a relation's name only where the relation is set (its
   * app/models/application_model/can_associations.rb, attributes_with_association_names with
   * empty_keys false, as TicketsController#show calls it for expand), so such a ticket has no
   * "organization" at all. It was refused as fetched without expand=true. No first-party page
   * documents GET /api/v1/ticket_history/{id}: the history follows Zammad's code
   * (app/models/history.rb History.list, app/models/concerns/has_history.rb).
   */
  @Test
  void zammadTicketWithoutAnOrganizationInTheDocumentedExpandShapeReads() throws IOException {
    String json = fixture("zammad-ticket-documented-shape.json");
    assertTrue(json.contains("\"organization_id\": null,") && !json.contains("\"organization\":"));
    ImportedHistory h = ZammadHistory.read(json);
    String t = "47";
    List<TicketEvent> expected =
        List.of(
            Created.byCustomer(
                t,
                "zammad-created",
                Instant.parse("2026-04-08T09:00:00Z"),
                attrs("channel", "email", "group", "2nd-level"),
                Set.of()),
            new StatusChanged(
                t, "zammad-created-state", Instant.parse("2026-04-08T09:00:00Z"), "new"),
            new PriorityChanged(
                t, "zammad-created-priority", Instant.parse("2026-04-08T09:00:00Z"), "2-normal"),
            new CustomerMessage(t, "zammad-a201", Instant.parse("2026-04-08T09:00:00Z")),
            new Assigned(t, "zammad-h5004", Instant.parse("2026-04-08T09:35:00Z"), "nicole-braun"),
            new StatusChanged(t, "zammad-h5005", Instant.parse("2026-04-08T09:35:00Z"), "open"),
            new TagsChanged(
                t, "zammad-h5006", Instant.parse("2026-04-08T09:35:00Z"), Set.of("printer")),
            AgentReply.publicReply(t, "zammad-a202", Instant.parse("2026-04-08T09:40:00Z")),
            new StatusChanged(
                t, "zammad-h5008", Instant.parse("2026-04-08T09:40:00Z"), "pending-reminder"),
            new CustomerMessage(t, "zammad-a203", Instant.parse("2026-04-08T11:05:00Z")),
            new StatusChanged(t, "zammad-h5011", Instant.parse("2026-04-08T11:05:00Z"), "open"),
            new PriorityChanged(t, "zammad-h5012", Instant.parse("2026-04-08T11:20:00Z"), "3-high"),
            AgentReply.publicReply(t, "zammad-a204", Instant.parse("2026-04-08T14:10:00Z")),
            new StatusChanged(t, "zammad-h5014", Instant.parse("2026-04-08T14:10:00Z"), "closed"));
    assertEquals(expected, h.events());
    assertEquals(
        Map.of("history attribute pending_time", 1L, "history type notification", 1L), h.ignored());

    // Not loosened: an organization that is set, but without its name, is still an export
    // fetched without expand=true
    String unexpanded = json.replace("\"organization_id\": null,", "\"organization_id\": 5,");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ZammadHistory.read(unexpanded));
    assertTrue(
        e.getMessage().startsWith("organization is required: the export has only organization_id")
            && e.getMessage().contains("(at $.ticket.organization,"),
        e.getMessage());
  }
}
