package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEvent.AgentReply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every mapping and counting rule of the two importers' class javadoc, one export each that uses
 * them all, with the exact history expected.
 */
class ImportMappingRulesTest {

  private static final String LONG = "x".repeat(65); // not a key: over 64 characters

  private static Instant t(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  private static String error(Runnable read) {
    return assertThrows(IllegalArgumentException.class, read::run).getMessage();
  }

  @Test
  void zendeskRulesForCreationChangesAndComments() {
    String json =
        """
        {"users":[{"id":500,"role":"agent"},{"id":700,"role":"admin"},{"id":800,"role":"end-user"},
                  {"id":900},{"id":901,"role":3}],
         "audits":[
          {"id":1,"ticket_id":77,"created_at":"2026-03-02T09:00:00Z","author_id":500,
           "via":{"channel":"Email"},
           "events":[
            {"id":11,"type":"Create","field_name":"requester_id","value":"600"},
            {"id":12,"type":"Create","field_name":"tags","value":["VIP","LONG"]},
            {"id":13,"type":"Create","field_name":"status","value":"New"},
            {"id":14,"type":"Create","field_name":"priority","value":null},
            {"id":15,"type":"Create","field_name":"assignee_id","value":200},
            {"id":16,"type":"Create","field_name":"brand_id","value":42},
            {"id":17,"type":"Create","field_name":"360001","value":"Gold Plan"},
            {"id":18,"type":"Create","field_name":"360002","value":["a"]},
            {"id":19,"type":"Create","field_name":"subject","value":"Help"},
            {"id":20,"type":"Comment","public":true},
            {"id":21,"type":"Notification"}]},
          {"id":2,"ticket_id":"77","created_at":"2026-03-02T09:10:00Z","author_id":600,
           "via":{"channel":"web"},
           "events":[
            {"id":31,"type":"Comment","public":true},
            {"id":32,"type":"Change","field_name":"requester_id","value":null},
            {"id":33,"type":"Change","field_name":"priority","value":"High"},
            {"id":34,"type":"Change","field_name":"assignee_id","value":null},
            {"id":35,"type":"Change","field_name":"tags","value":["vip","Refund  Request","LONG"]},
            {"id":36,"type":"Change","field_name":"brand_id","value":null},
            {"id":37,"type":"Change","field_name":"subject","value":"x"},
            {"id":38,"type":"Change","field_name":"group_id","value":7},
            {"id":39,"type":"Change","field_name":"assignee_id","value":"LONG"},
            {"id":40}]},
          {"id":3,"ticket_id":77,"created_at":"2026-03-02T09:20:00Z","author_id":700,
           "via":{"channel":"rule"},
           "events":[
            {"id":41,"type":"Comment","public":false},
            {"id":42,"type":"Comment","author_id":800,"public":true},
            {"id":43,"type":"Comment","author_id":700,"via":{"channel":"api"}},
            {"id":44,"type":"Change","field_name":"requester_id","value":900},
            {"id":45,"type":"Comment","author_id":900,"public":true},
            {"id":46,"type":"Change","field_name":"status","value":"Solved"}]},
          {"id":4,"ticket_id":77,"created_at":"2026-03-02T09:30:00Z","author_id":500,
           "events":[
            {"id":51,"type":"Create","field_name":"status","value":"open"},
            {"id":52,"type":"Comment","public":true}]}]}
        """
            .replace("LONG", LONG);
    ImportedHistory h = ZendeskAudits.read(json);
    String id = "77";
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer( // an agent's public description: no private opening
                id,
                "zd-audit-1",
                t("09:00"),
                Map.of("brand", "42", "field_360001", "gold-plan", "channel", "email"),
                Set.of("vip")),
            new TicketEvent.StatusChanged(id, "zd-13", t("09:00"), "new"),
            new TicketEvent.Assigned(id, "zd-15", t("09:00"), "200"),
            new TicketEvent.CustomerMessage(id, "zd-31", t("09:10")),
            new TicketEvent.PriorityChanged(id, "zd-33", t("09:10"), "high"),
            new TicketEvent.TagsChanged(id, "zd-35", t("09:10"), Set.of("vip", "refund-request")),
            new TicketEvent.AttributeCleared(id, "zd-36", t("09:10"), "brand"),
            new TicketEvent.AttributeChanged(id, "zd-38", t("09:10"), "group", "7"),
            AgentReply.internalNote(id, "zd-41", t("09:20")).asAutomated(),
            new TicketEvent.CustomerMessage(id, "zd-42", t("09:20")),
            AgentReply.publicReply(id, "zd-43", t("09:20")),
            new TicketEvent.CustomerMessage(id, "zd-45", t("09:20")),
            new TicketEvent.StatusChanged(id, "zd-46", t("09:20"), "solved")),
        h.events());
    assertEquals(
        Map.ofEntries(
            Map.entry("tag that is not a key", 2L),
            Map.entry("priority cleared or not a key", 1L),
            Map.entry("assignee_id cleared or not a key", 2L),
            Map.entry("created field field_360002 without a key value", 1L),
            Map.entry("created field subject", 1L),
            Map.entry("changed field subject", 1L),
            Map.entry("description (the creating comment)", 2L),
            Map.entry("audit event Notification", 1L),
            Map.entry("audit event without a type", 1L),
            Map.entry("audit event Create after the creating audit", 1L)),
        h.ignored());
  }

  @Test
  void zendeskCreatorIsTheCustomerWhenRequesterOrEndUserAndABareArrayIsAccepted() {
    String audit =
        """
        {"id":1,"ticket_id":5,"created_at":"2026-03-02T09:00:00Z","author_id":AUTHOR,
         "events":[{"id":11,"type":"Create","field_name":"requester_id","value":REQUESTER}]}
        """;
    String users = "\"users\":[{\"id\":8,\"role\":\"end-user\"}]";
    assertEquals(
        TicketEvent.Created.byCustomer("5", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
        ZendeskAudits.read("[" + audit.replace("AUTHOR", "6").replace("REQUESTER", "6") + "]")
            .events()
            .get(0));
    assertEquals(
        TicketEvent.Created.byCustomer("5", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
        ZendeskAudits.read(
                "{"
                    + users
                    + ",\"audits\":["
                    + audit.replace("AUTHOR", "8").replace("REQUESTER", "6")
                    + "]}")
            .events()
            .get(0));
    assertEquals(
        TicketEvent.Created.byCustomer("5", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
        ZendeskAudits.read(
                "{\"users\":null,\"audits\":["
                    + audit.replace("AUTHOR", "7").replace("REQUESTER", "null")
                    + "]}")
            .events()
            .get(0));
    assertEquals(
        TicketEvent.Created.byAgent("5", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
        ZendeskAudits.read(
                "{"
                    + users
                    + ",\"audits\":["
                    + audit.replace("AUTHOR", "7").replace("REQUESTER", "6")
                    + "]}")
            .events()
            .get(0));
  }

  /**
   * An export without a requester_id event (Zendesk writes one Create event per property of a new
   * ticket: developer.zendesk.com, "Ticket Audit events reference", Create event): the customer's
   * own public comment was a public agent reply, meeting the first reply.
   */
  @Test
  void zendeskCommentOfAnUnknownAuthorWithNoRequesterKnownIsRefusedNotTakenForAnAgent() {
    String json =
        """
        [{"id":1,"ticket_id":42,"created_at":"2026-03-02T09:00:00Z","author_id":7,
          "events":[{"id":11,"type":"Create","field_name":"status","value":"new"}]},
         {"id":2,"ticket_id":42,"created_at":"2026-03-02T11:00:00Z","author_id":7,
          "events":[{"id":21,"type":"Comment","public":true,"body":"any news?"}]}]
        """;
    assertEquals(
        "comment by author 7 cannot be told a customer's message from an agent's reply: no"
            + " requester is known (no Create or Change event of requester_id before it) and the"
            + " export has no users role for the author; export the full audits, or with"
            + " include=users (at $[1].events[0], line 4, column 13)",
        error(() -> ZendeskAudits.read(json)));
    // the requester named, or the author's role sideloaded: the comment is the customer's
    TicketEvent message = new TicketEvent.CustomerMessage("42", "zd-21", t("11:00"));
    String withRequester =
        json.replace(
            "\"value\":\"new\"}",
            "\"value\":\"new\"},{\"id\":12,\"type\":\"Create\",\"field_name\":\"requester_id\",\"value\":7}");
    assertEquals(message, ZendeskAudits.read(withRequester).events().get(2));
    String withRole = "{\"users\":[{\"id\":7,\"role\":\"end-user\"}],\"audits\":" + json + "}";
    assertEquals(message, ZendeskAudits.read(withRole).events().get(2));
    // an agent's sideloaded role makes it a reply, requester or not
    assertEquals(
        TicketEvent.AgentReply.publicReply("42", "zd-21", t("11:00")),
        ZendeskAudits.read(withRole.replace("end-user", "agent")).events().get(2));
  }

  /**
   * s12user: with the requester known, any other author was taken for an agent, also in an export
   * with {@code include=users} whose users gave that author no role ({@code "role": null}, or not
   * there at all): a CC'd colleague's public comment became a public agent reply, meeting the first
   * reply, and nothing was counted in {@code ignored()}. Such an export names every author, so the
   * comment is refused as the one of an unknown author with no requester is; without a users
   * sideload the comment is still an agent's (the class javadoc says so).
   */
  @Test
  void zendeskCommentOfAnAuthorWithoutARoleInTheSideloadedUsersIsRefusedNotTakenForAnAgent() {
    String audits =
        """
        [{"id":1,"ticket_id":42,"created_at":"2026-03-02T09:00:00Z","author_id":900,
          "events":[{"id":11,"type":"Create","field_name":"requester_id","value":900},
                    {"id":12,"type":"Create","field_name":"status","value":"new"}]},
         {"id":2,"ticket_id":42,"created_at":"2026-03-02T09:20:00Z","author_id":901,
          "events":[{"id":21,"type":"Comment","public":true,"body":"same here"}]}]
        """;
    String roleNull =
        "{\"users\":[{\"id\":900,\"role\":\"end-user\"},{\"id\":901,\"role\":null}],"
            + "\"audits\":"
            + audits
            + "}";
    String expected =
        "comment by author 901 cannot be told a customer's message from an agent's reply: the author"
            + " is not the requester and the export's users give no role for the author (a string"
            + " such as \"end-user\" or \"agent\"); read it with UnknownAuthor.AGENT to take it for"
            + " an agent's (at $.audits[1].events[0], line 5, column 13)";
    assertEquals(expected, error(() -> ZendeskAudits.read(roleNull)));
    String absent = roleNull.replace(",{\"id\":901,\"role\":null}", "");
    assertEquals(expected, error(() -> ZendeskAudits.read(absent)));
    // the author's role sideloaded: a customer's message or an agent's reply, as it says
    assertEquals(
        new TicketEvent.CustomerMessage("42", "zd-21", t("09:20")),
        ZendeskAudits.read(roleNull.replace("\"role\":null", "\"role\":\"end-user\""))
            .events()
            .get(2));
    assertEquals(
        AgentReply.publicReply("42", "zd-21", t("09:20")),
        ZendeskAudits.read(roleNull.replace("\"role\":null", "\"role\":\"agent\""))
            .events()
            .get(2));
    // taken for an agent only when the caller says so
    assertEquals(
        AgentReply.publicReply("42", "zd-21", t("09:20")),
        ZendeskAudits.read(roleNull, ZendeskAudits.UnknownAuthor.AGENT).events().get(2));
  }

  /**
   * s13sem: without {@code include=users}, a comment by anyone but the requester was taken for an
   * agent's, so a CC'd customer's public comment met the first or next reply without a word. Email
   * CCs may be end users or agents (support.zendesk.com/hc/en-us/articles/5179445630234,
   * "Understanding CCs and followers": "CCs allow you to include end users and agents"), so being
   * CC'd identifies nobody; what the audits do identify without users is the requester (customer)
   * and the assignee (an agent: developer.zendesk.com/api-reference/ticketing/tickets/tickets,
   * {@code assignee_id} "The agent currently assigned to the ticket"). Any other author is now
   * refused, naming the two ways out, or taken for an agent under {@code UnknownAuthor.AGENT}.
   */
  @Test
  void zendeskCommentOfAnAuthorNeitherRequesterNorAssigneeWithoutUsersIsRefusedUnlessReadAsAgent() {
    String audits =
        """
        [{"id":1,"ticket_id":42,"created_at":"2026-03-02T09:00:00Z","author_id":900,
          "events":[{"id":11,"type":"Create","field_name":"requester_id","value":900},
                    {"id":12,"type":"Create","field_name":"status","value":"new"}]},
         {"id":2,"ticket_id":42,"created_at":"2026-03-02T09:10:00Z","author_id":900,
          "events":[{"id":20,"type":"EmailCcChange","previous_email_ccs":[],
                     "current_email_ccs":["colleague@example.com"]}]},
         {"id":3,"ticket_id":42,"created_at":"2026-03-02T09:20:00Z","author_id":901,
          "events":[{"id":21,"type":"Comment","public":true,"body":"same here"}]}]
        """;
    assertEquals(
        "comment by author 901 cannot be told a customer's message from an agent's reply: the"
            + " author is not the requester, was never the assignee and the export has no users (a"
            + " CC'd customer or an agent); export with include=users, or read it with"
            + " UnknownAuthor.AGENT to take it for an agent's (at $[2].events[0], line 8, column 13)",
        error(() -> ZendeskAudits.read(audits)));
    assertEquals(
        error(() -> ZendeskAudits.read(audits)),
        error(
            () ->
                ZendeskAudits.read(
                    new java.io.ByteArrayInputStream(
                        audits.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    // the caller's explicit choice: an agent's public reply, as earlier builds took it silently
    ImportedHistory h = ZendeskAudits.read(audits, ZendeskAudits.UnknownAuthor.AGENT);
    assertEquals(AgentReply.publicReply("42", "zd-21", t("09:20")), h.events().get(2));
    assertEquals(Map.of("audit event EmailCcChange", 1L), h.ignored());
    // the requester's own comment is the customer's under either rule
    String byRequester = audits.replace("\"author_id\":901", "\"author_id\":900");
    for (ZendeskAudits.UnknownAuthor rule : ZendeskAudits.UnknownAuthor.values()) {
      assertEquals(
          new TicketEvent.CustomerMessage("42", "zd-21", t("09:20")),
          ZendeskAudits.read(byRequester, rule).events().get(2));
    }
  }

  /**
   * Without {@code include=users}, a present or former assignee is an agent (only agents are
   * assigned: Tickets API, {@code assignee_id}), also when the assignment comes later in the same
   * update than the comment, and so is a business rule's comment ({@code via.channel "rule"}).
   */
  @Test
  void zendeskAssigneesAndBusinessRulesAreAgentsWithoutUsers() {
    String audits =
        """
        [{"id":1,"ticket_id":42,"created_at":"2026-03-02T09:00:00Z","author_id":900,
          "events":[{"id":11,"type":"Create","field_name":"requester_id","value":900},
                    {"id":12,"type":"Create","field_name":"status","value":"new"}]},
         {"id":2,"ticket_id":42,"created_at":"2026-03-02T09:10:00Z","author_id":200,
          "events":[{"id":21,"type":"Comment","public":true},
                    {"id":22,"type":"Change","field_name":"assignee_id","value":200}]},
         {"id":3,"ticket_id":42,"created_at":"2026-03-02T09:20:00Z","author_id":300,
          "events":[{"id":31,"type":"Change","field_name":"assignee_id","value":"300"}]},
         {"id":4,"ticket_id":42,"created_at":"2026-03-02T09:30:00Z","author_id":200,
          "events":[{"id":41,"type":"Comment","public":false}]},
         {"id":5,"ticket_id":42,"created_at":"2026-03-02T09:40:00Z","author_id":-1,
          "via":{"channel":"rule"},
          "events":[{"id":51,"type":"Comment","public":true}]}]
        """;
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer("42", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
            new TicketEvent.StatusChanged("42", "zd-12", t("09:00"), "new"),
            AgentReply.publicReply("42", "zd-21", t("09:10")),
            new TicketEvent.Assigned("42", "zd-22", t("09:10"), "200"),
            new TicketEvent.Assigned("42", "zd-31", t("09:20"), "300"),
            AgentReply.internalNote("42", "zd-41", t("09:30")),
            AgentReply.publicReply("42", "zd-51", t("09:40")).asAutomated()),
        ZendeskAudits.read(audits).events());
  }

  @Test
  void zendeskExportsThatAreNotOneTicketsHistoryAreRejected() {
    String create =
        "{\"id\":1,\"ticket_id\":5,\"created_at\":\"2026-03-02T09:00:00Z\","
            + "\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":\"status\",\"value\":\"new\"}]}";
    assertEquals(
        "expected an audits response object or an array of audits (at $, line 1, column 1)",
        error(() -> ZendeskAudits.read("42")));
    assertEquals(
        "expected an audit object but found 5 (at $[0], line 1, column 2)",
        error(() -> ZendeskAudits.read("[5]")));
    assertEquals(
        "audits of two tickets, 5 and 6 (at $[1].ticket_id, line 1, column 154)",
        error(() -> ZendeskAudits.read("[" + create + "," + create.replace(":5,", ":6,") + "]")));
    assertEquals(
        "the export holds no audits (at $, line 1, column 1)",
        error(() -> ZendeskAudits.read("[]")));
    assertEquals(
        "no audit creates the ticket (no Create events): export the whole history (at $, line 1,"
            + " column 1)",
        error(() -> ZendeskAudits.read("[" + create.replace("Create", "Change") + "]")));
  }

  @Test
  void jiraRulesForInitialValuesChangelogAndComments() {
    String json =
        """
        {"key":"SD-9","fields":{
          "created":"2026-03-02T09:00:00.000+0000",
          "reporter":{"accountId":"r1"},
          "status":{"name":"Done"},
          "priority":{"name":"Low"},
          "labels":["current-label"],
          "issuetype":{"name":"Service Request"},
          "comment":{"comments":[
            {"id":"1","created":"2026-03-02T09:05:00.000+0000","author":{"accountId":"r1"}},
            {"id":"2","created":"2026-03-02T09:06:00.000+0000",
             "author":{"accountId":"c2","accountType":"customer"}},
            {"id":"3","created":"2026-03-02T09:07:00.000+0000",
             "author":{"accountId":"a3","accountType":"atlassian"},"jsdPublic":false},
            {"id":"4","created":"2026-03-02T09:08:00.000+0000",
             "author":{"accountId":"b4","accountType":"app"}},
            {"id":"5","created":"2026-03-02T09:09:00.000+0000"}]}},
         "changelog":{"histories":[
          {"id":"20","created":"2026-03-02T10:00:00.000+0000","items":[
            {"field":"status","fromString":"In Progress","toString":"Done"},
            {"field":"assignee","to":null},
            {"field":"resolution","toString":null},
            {"field":"summary","toString":"new summary"},
            {"field":"LONG","toString":"v"},
            {"field":"labels","fromString":"","toString":"vip LONG"}]},
          {"id":"10","created":"2026-03-02T09:30:00.000+0000","items":[
            {"field":"status","fromString":"Waiting for support","toString":"In Progress"},
            {"field":"assignee","to":"agent-7"},
            {"field":"labels","fromString":null,"toString":""},
            {"field":"Team","toString":"Blue Team"}]}]}}
        """
            .replace("LONG", LONG);
    ImportedHistory h = JiraChangelog.read(json);
    String id = "SD-9";
    Instant created = t("09:00");
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer(
                id,
                "jira-created",
                created,
                Map.of("channel", "jira", "issuetype", "service-request"),
                Set.of()),
            new TicketEvent.StatusChanged(
                id, "jira-created-status", created, "waiting-for-support"),
            new TicketEvent.PriorityChanged(id, "jira-created-priority", created, "low"),
            new TicketEvent.StatusChanged(id, "jira-h10-0", t("09:30"), "in-progress"),
            new TicketEvent.Assigned(id, "jira-h10-1", t("09:30"), "agent-7"),
            new TicketEvent.TagsChanged(id, "jira-h10-2", t("09:30"), Set.of()),
            new TicketEvent.AttributeChanged(id, "jira-h10-3", t("09:30"), "team", "blue-team"),
            new TicketEvent.StatusChanged(id, "jira-h20-0", t("10:00"), "done"),
            new TicketEvent.AttributeCleared(id, "jira-h20-2", t("10:00"), "resolution"),
            new TicketEvent.TagsChanged(id, "jira-h20-5", t("10:00"), Set.of("vip")),
            new TicketEvent.CustomerMessage(id, "jira-c1", t("09:05")),
            new TicketEvent.CustomerMessage(id, "jira-c2", t("09:06")),
            AgentReply.internalNote(id, "jira-c3", t("09:07")),
            AgentReply.automated(id, "jira-c4", t("09:08")),
            AgentReply.publicReply(id, "jira-c5", t("09:09"))),
        h.events());
    assertEquals(
        Map.of(
            "changelog item assignee cleared or not a key",
            1L,
            "changelog item summary",
            1L,
            "changelog item " + LONG,
            1L,
            "label that is not a key",
            1L),
        h.ignored());
  }

  @Test
  void jiraLabelsThatNeverChangedAreTheCurrentOnesAndNoPriorityMeansNone() {
    ImportedHistory h =
        JiraChangelog.read(
            """
            {"key":"SD-1","fields":{"created":"2026-03-02T09:00:00Z",
              "labels":["Gold Plan","LONG"],"status":{"name":"Open"},
              "comment":{"comments":[{"id":"7","created":"2026-03-02T09:01:00Z"}]}},
             "changelog":{"histories":[{"id":"3","created":"2026-03-02T09:02:00Z",
              "items":[{"field":"status","fromString":"Open","toString":"Closed"}]}]}}
            """
                .replace("LONG", LONG));
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer(
                "SD-1",
                "jira-created",
                t("09:00"),
                Map.of("channel", "jira"),
                Set.of("gold", "plan")),
            new TicketEvent.StatusChanged("SD-1", "jira-created-status", t("09:00"), "open"),
            new TicketEvent.StatusChanged("SD-1", "jira-h3-0", t("09:02"), "closed"),
            // no reporter and no author: not the customer
            AgentReply.publicReply("SD-1", "jira-c7", t("09:01"))),
        h.events());
    assertEquals(Map.of("label that is not a key", 1L), h.ignored());
    assertEquals(
        "expected an issue object but found [] (at $, line 1, column 1)",
        error(() -> JiraChangelog.read("[]")));
  }

  @Test
  void keysUpTo64CharactersAreKeptAndExcerptsCutAfter40() {
    String tag64 = "t".repeat(64);
    ImportedHistory h =
        ZendeskAudits.read(
            "[{\"id\":1,\"ticket_id\":5,\"created_at\":\"2026-03-02T09:00:00Z\",\"events\":"
                + "[{\"id\":2,\"type\":\"Create\",\"field_name\":\"tags\",\"value\":[\""
                + tag64
                + "\"]}]}]");
    assertEquals(Set.of(tag64), ((TicketEvent.Created) h.events().get(0)).tags());
    String forty = "\"" + "a".repeat(38) + "\"";
    assertEquals(
        "expected an audit object but found " + forty + " (at $[0], line 1, column 2)",
        error(() -> ZendeskAudits.read("[" + forty + "]")));
    String fortyOne = "\"" + "a".repeat(39) + "\"";
    assertEquals(
        "expected an audit object but found "
            + fortyOne.substring(0, 40)
            + "... (at $[0], line 1, column 2)",
        error(() -> ZendeskAudits.read("[" + fortyOne + "]")));
  }

  @Test
  void longJsonSyntaxErrorsAreCutTo200Characters() {
    String m = error(() -> ZendeskAudits.read("[" + "x".repeat(1000) + "]"));
    assertTrue(m.startsWith("malformed JSON in the Zendesk audits export: "), m);
    assertTrue(m.matches("(?s).*\\.\\.\\. \\(at \\$\\[0\\], line 1, column \\d+\\)"), m);
    assertTrue(m.length() < 300, m);
  }

  /**
   * A comment's visibility flag that is not a JSON boolean (an ETL's {@code "false"}, a {@code 0},
   * a {@code null}) is refused with its path and place, not read as public: an internal note read
   * as a public reply would meet first reply.
   */
  @Test
  void aVisibilityFlagThatIsNotABooleanIsRefusedNotReadAsPublic() {
    for (String bad : List.of("\"false\"", "0", "null", "\"yes\"")) {
      String zendesk =
          """
          {"audits":[
           {"id":1,"ticket_id":77,"created_at":"2026-03-02T09:00:00Z","author_id":500,
            "events":[{"id":11,"type":"Create","field_name":"status","value":"new"}]},
           {"id":2,"ticket_id":77,"created_at":"2026-03-02T09:10:00Z","author_id":500,
            "events":[{"id":21,"type":"Comment","public":BAD}]}]}
          """
              .replace("BAD", bad);
      String m = error(() -> ZendeskAudits.read(zendesk));
      assertTrue(
          m.startsWith("expected true or false but found " + bad.replace("\"", "\"") + " (")
              && m.contains("audits[1].events[0].public")
              && m.contains("line 5, column"),
          m);
      String jira =
          """
          {"key":"SD-9","fields":{"created":"2026-03-02T09:00:00.000+0000",
            "reporter":{"accountId":"r1"},
            "comment":{"comments":[
              {"id":"3","created":"2026-03-02T09:07:00.000+0000",
               "author":{"accountId":"a3"},"jsdPublic":BAD}]}}}
          """
              .replace("BAD", bad);
      String j = error(() -> JiraChangelog.read(jira));
      assertTrue(
          j.startsWith("expected true or false but found ")
              && j.contains("fields.comment.comments[0].jsdPublic")
              && j.contains("line 5, column"),
          j);
      // on a customer's comment too: the flag is read before the author decides the kind
      String customer =
          jira.replace("\"author\":{\"accountId\":\"a3\"}", "\"author\":{\"accountId\":\"r1\"}");
      String c = error(() -> JiraChangelog.read(customer));
      assertTrue(c.contains("fields.comment.comments[0].jsdPublic"), c);
    }
  }

  /**
   * The creating comment (the description, not mapped to an event) is held to the same visibility
   * rule as later comments: before, {@code "true"}, {@code 0}, {@code null} and {@code "false"}
   * were all accepted there while the same flag on a later comment was refused.
   */
  @Test
  void theCreatingCommentsVisibilityFlagIsCheckedLikeAnyOther() throws java.io.IOException {
    String base;
    try (java.io.InputStream in =
        ImportMappingRulesTest.class.getResourceAsStream(
            "/imports/zendesk-audits-ticket-4711.json")) {
      base = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String flag = "\"body\": \"My invoice is charged twice.\", \"public\": true";
    assertTrue(base.contains(flag));
    for (String bad : List.of("\"true\"", "0", "null", "\"false\"")) {
      String text = base.replace(flag, flag.replace("true", bad));
      String m = error(() -> ZendeskAudits.read(text));
      assertTrue(
          m.startsWith(
                  "expected true or false but found " + bad + " (at $.audits[0].events[0].public,")
              && m.contains("line 8, column"),
          m);
    }
    // true and false (and an absent flag) are read as before
    ZendeskAudits.read(base.replace(flag, flag.replace("true", "false")));
    ZendeskAudits.read(base.replace(", \"public\": true, \"attachments\"", ", \"attachments\""));
  }

  /** A missing array is "required", as a missing value is, rather than "found null". */
  @Test
  void aMissingArrayIsRequired() {
    String m =
        error(
            () ->
                ZendeskAudits.read(
                    "{\"audits\":[{\"id\":1,\"ticket_id\":7,"
                        + "\"created_at\":\"2026-03-02T09:00:00Z\"}]}"));
    assertTrue(m.startsWith("events is required (at $.audits[0].events, line 1, column "), m);
    String n =
        error(
            () ->
                ZendeskAudits.read(
                    "{\"audits\":[{\"id\":1,\"ticket_id\":7,"
                        + "\"created_at\":\"2026-03-02T09:00:00Z\",\"events\":null}]}"));
    assertTrue(n.startsWith("expected an array but found null (at $.audits[0].events"), n);
  }
}
