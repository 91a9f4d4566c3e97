package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Helpdesk exports in, SLA numbers out. The fixtures are written from the vendors' API
 * documentation (cited in each fixture's {@code _source}); the expected numbers follow the vendors'
 * documented metric rules, worked by hand in the comments.
 */
class HelpdeskImportTest {

  private static final Map<String, BusinessCalendar> CALENDAR_HOURS = Map.of();

  private static Instant t(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  private static String fixtureText(String name) throws IOException {
    try (InputStream in = fixture(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * One page of a paginated export is refused at the field that says so (next_page, meta.has_more,
   * count; startAt, total): it was read as the whole history, its missing replies false breaches.
   * The pages joined into one document, the counts matching, read as before.
   */
  @Test
  void onePageOfAPaginatedExportIsRefusedAtTheFieldThatSaysSo() throws IOException {
    String zendesk = fixtureText("zendesk-audits-ticket-4711.json");
    assertTrue(zendesk.contains("\"next_page\": null") && zendesk.contains("\"count\": 7"));
    for (String[] c :
        new String[][] {
          {
            "\"next_page\": null",
            "\"next_page\": \"https://acme.zendesk.com/api/v2/tickets/4711/audits.json?page=2\"",
            "next_page is set",
            "$.next_page"
          },
          {
            "\"count\": 7",
            "\"count\": 250",
            "count 250 says the ticket has more audits than the 7",
            "$.count"
          },
          {
            "\"count\": 7",
            "\"count\": \"seven\"",
            "expected a non-negative integer but found \"seven\"",
            "$.count"
          },
          {
            "\"count\": 7",
            "\"count\": 7, \"meta\": {\"has_more\": true}",
            "meta.has_more is true",
            "$.meta.has_more"
          },
        }) {
      String page = zendesk.replace(c[0], c[1]);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(page), c[1]);
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
      assertTrue(e.getMessage().contains("(at " + c[3] + ", line "), e.getMessage());
    }
    String jira = fixtureText("jira-issue-SD-12.json");
    assertTrue(jira.contains("\"startAt\": 0,\n    \"maxResults\": 5,\n    \"total\": 5"));
    for (String[] c :
        new String[][] {
          {
            "\"maxResults\": 5,\n    \"total\": 5",
            "\"maxResults\": 5,\n    \"total\": 500",
            "the export holds one page of changelog (5 items from 0 of 500)",
            "$.changelog.total"
          },
          {"\"startAt\": 0,", "\"startAt\": 100,", "one page of changelog", "$.changelog.startAt"},
          {
            "\"startAt\": 0,",
            "\"startAt\": \"many\",",
            "expected a non-negative integer",
            "$.changelog.startAt"
          },
          {
            "],\n      \"total\": 5",
            "],\n      \"total\": 50",
            "one page of fields.comment (5 items from 0 of 50)",
            "$.fields.comment.total"
          },
        }) {
      assertTrue(jira.contains(c[0]), c[0]);
      String page = jira.replace(c[0], c[1]);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(page), c[1]);
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
      assertTrue(e.getMessage().contains("(at " + c[3] + ", line "), e.getMessage());
    }
  }

  private static InputStream fixture(String name) {
    InputStream in = HelpdeskImportTest.class.getResourceAsStream("/imports/" + name);
    if (in == null) {
      throw new IllegalStateException("missing fixture " + name);
    }
    return in;
  }

  /**
   * Zendesk's SLA metrics in calendar hours (24/7): first reply time and next reply time stop at a
   * public agent comment (internal notes and trigger comments do not count); requester wait time
   * counts new, open and on-hold and pauses in pending. Targets by Zendesk's priorities.
   */
  static SlaPolicySet zendeskLike() {
    String[] prios = {"low", "normal", "high", "urgent"};
    SlaPolicy.Builder p = SlaPolicy.builder("zendesk").matrix(matrix(prios, "normal"));
    long[] reply = {8, 4, 2, 1};
    for (int i = 0; i < prios.length; i++) {
      p.target(prios[i], SlaMetric.firstResponse(), Duration.ofHours(reply[i]));
      p.target(prios[i], SlaMetric.nextResponse(), Duration.ofHours(reply[i]));
      p.target(prios[i], SlaMetric.resolution(), Duration.ofHours(reply[i] * 4));
    }
    p.rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build());
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "hold", "solved", "closed")
        .solvedStatuses("solved", "closed")
        .internalNotesCount(false)
        .automatedRepliesCount(false)
        .defaultPolicy(p.build())
        .build();
  }

  /** Every priority reachable (set explicitly by the helpdesk), the default until one is set. */
  private static PriorityMatrix matrix(String[] priorities, String initial) {
    PriorityMatrix.Builder m = PriorityMatrix.builder().defaultPriority(initial);
    for (String p : priorities) {
      m.cell(p, "any", p);
    }
    return m.build();
  }

  @Test
  void zendeskAuditsMapToTheDocumentedEvents() throws IOException {
    ImportedHistory h;
    try (InputStream in = fixture("zendesk-audits-ticket-4711.json")) {
      h = ZendeskAudits.read(in);
    }
    String id = "4711";
    assertEquals(id, h.ticketId());
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer(
                id,
                "zd-audit-9001",
                t("09:00"),
                Map.of("type", "incident", "group", "3100", "channel", "web"),
                Set.of("billing", "vip")),
            new TicketEvent.StatusChanged(id, "zd-10003", t("09:00"), "new"),
            new TicketEvent.PriorityChanged(id, "zd-10004", t("09:00"), "high"),
            TicketEvent.AgentReply.internalNote(id, "zd-20001", t("09:20")),
            new TicketEvent.StatusChanged(id, "zd-20002", t("09:20"), "open"),
            new TicketEvent.Assigned(id, "zd-20003", t("09:20"), "200"),
            TicketEvent.AgentReply.publicReply(id, "zd-30001", t("10:30")),
            new TicketEvent.StatusChanged(id, "zd-30002", t("10:30"), "pending"),
            new TicketEvent.CustomerMessage(id, "zd-40001", t("13:00")),
            new TicketEvent.StatusChanged(id, "zd-40002", t("13:00"), "open"),
            TicketEvent.AgentReply.automated(id, "zd-50001", t("13:05")),
            TicketEvent.AgentReply.publicReply(id, "zd-60001", t("14:15")),
            new TicketEvent.PriorityChanged(id, "zd-60002", t("14:15"), "urgent"),
            new TicketEvent.TagsChanged(
                id, "zd-60003", t("14:15"), Set.of("billing", "refund", "vip")),
            new TicketEvent.StatusChanged(id, "zd-70001", t("16:00"), "solved")),
        h.events());
    assertEquals(
        Map.of(
            "audit event Notification", 1L,
            "audit event SatisfactionRating", 1L,
            "created field subject", 1L,
            "description (the creating comment)", 1L),
        h.ignored());
  }

  @Test
  void zendeskExportInZendeskSlaNumbersOut() throws IOException {
    ImportedHistory h;
    try (InputStream in = fixture("zendesk-audits-ticket-4711.json")) {
      h = ZendeskAudits.read(in);
    }
    SlaEvaluation e = SlaClock.evaluate(zendeskLike(), CALENDAR_HOURS, h.events(), t("18:00"));
    // First reply time: created 09:00, the 09:20 comment is internal, the first public agent
    // comment is at 10:30: 1 h 30 min against high's 2 h.
    MetricCycle first = e.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(Duration.ofMinutes(90), first.elapsed());
    assertEquals(CycleState.ACHIEVED, first.state());
    // Next reply time: the customer writes at 13:00; the 13:05 trigger comment does not count; the
    // agent answers at 14:15 (1 h 15 min). The same update raises the priority to urgent, and
    // Zendesk re-applies the new target to the running metric: 1 h, so breached by 15 min.
    MetricCycle next = e.latest(SlaMetric.nextResponse()).orElseThrow();
    assertEquals(Duration.ofMinutes(75), next.elapsed());
    assertEquals(CycleState.BREACHED, next.state());
    assertEquals(Duration.ofMinutes(15), next.breachedBy());
    // Requester wait time: new 09:00-09:20 (20 min) + open 09:20-10:30 (70) + pending 10:30-13:00
    // paused + open 13:00-16:00 (180) = 4 h 30 min, against urgent's 4 h: breached by 30 min.
    MetricCycle wait = e.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(Duration.ofMinutes(270), wait.elapsed());
    assertEquals(Duration.ofMinutes(30), wait.breachedBy());
    assertEquals("solved", e.status());
    assertEquals(List.of(), e.anomalies());
  }

  /**
   * Jira Service Management's default SLAs: Time to first response stops at the first comment for
   * customers (a public agent comment); Time to resolution pauses in "Waiting for customer" and
   * stops when the request is resolved. JSM SLAs count on a calendar; 24/7 here.
   */
  static SlaPolicySet jsmLike() {
    String[] prios = {"lowest", "low", "medium", "high", "highest"};
    SlaPolicy.Builder p = SlaPolicy.builder("jsm").matrix(matrix(prios, "medium"));
    long[] hours = {16, 8, 4, 2, 1};
    for (int i = 0; i < prios.length; i++) {
      p.target(prios[i], SlaMetric.firstResponse(), Duration.ofHours(hours[i]));
      p.target(prios[i], SlaMetric.nextResponse(), Duration.ofHours(hours[i]));
      p.target(prios[i], SlaMetric.resolution(), Duration.ofHours(hours[i] * 4));
    }
    p.rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("waiting-for-customer").build());
    return SlaPolicySet.builder()
        .statuses(
            "waiting-for-support",
            "in-progress",
            "waiting-for-customer",
            "resolved",
            "closed",
            "canceled")
        .solvedStatuses("resolved", "closed", "canceled")
        .internalNotesCount(false)
        .automatedRepliesCount(false)
        .defaultPolicy(p.build())
        .build();
  }

  @Test
  void jiraIssueWithChangelogMapsToTheDocumentedEvents() throws IOException {
    ImportedHistory h;
    try (InputStream in = fixture("jira-issue-SD-12.json")) {
      h = JiraChangelog.read(in);
    }
    String id = "SD-12";
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer(
                id,
                "jira-created",
                t("09:00"),
                Map.of("channel", "jira", "issuetype", "service-request"),
                Set.of()),
            new TicketEvent.StatusChanged(
                id, "jira-created-status", t("09:00"), "waiting-for-support"),
            new TicketEvent.PriorityChanged(id, "jira-created-priority", t("09:00"), "medium"),
            new TicketEvent.StatusChanged(id, "jira-h100-0", t("09:40"), "in-progress"),
            new TicketEvent.Assigned(id, "jira-h100-1", t("09:40"), "agent-7"),
            new TicketEvent.StatusChanged(id, "jira-h101-0", t("10:10"), "waiting-for-customer"),
            new TicketEvent.StatusChanged(id, "jira-h102-0", t("12:00"), "waiting-for-support"),
            new TicketEvent.PriorityChanged(id, "jira-h103-0", t("15:00"), "high"),
            new TicketEvent.TagsChanged(id, "jira-h103-1", t("15:00"), Set.of("vpn")),
            new TicketEvent.StatusChanged(id, "jira-h104-0", t("16:30"), "resolved"),
            new TicketEvent.AttributeChanged(id, "jira-h104-1", t("16:30"), "resolution", "done"),
            TicketEvent.AgentReply.internalNote(id, "jira-c500", t("09:30")),
            TicketEvent.AgentReply.publicReply(id, "jira-c501", t("10:05")),
            new TicketEvent.CustomerMessage(id, "jira-c502", t("11:50")),
            TicketEvent.AgentReply.automated(id, "jira-c503", t("11:51")),
            TicketEvent.AgentReply.publicReply(id, "jira-c504", t("13:00"))),
        h.events());
    assertEquals(Map.of("changelog item summary", 1L), h.ignored());
  }

  @Test
  void jiraExportInJsmSlaNumbersOut() throws IOException {
    ImportedHistory h;
    try (InputStream in = fixture("jira-issue-SD-12.json")) {
      h = JiraChangelog.read(in);
    }
    SlaEvaluation e = SlaClock.evaluate(jsmLike(), CALENDAR_HOURS, h.events(), t("18:00"));
    // Time to first response: 09:00 -> 10:05 (the 09:30 comment is internal): 65 min.
    assertEquals(
        Duration.ofMinutes(65), e.latest(SlaMetric.firstResponse()).orElseThrow().elapsed());
    // Next response: customer 11:50, the automation's 11:51 reply does not count, agent 13:00.
    assertEquals(
        Duration.ofMinutes(70), e.latest(SlaMetric.nextResponse()).orElseThrow().elapsed());
    // Time to resolution: 09:00-10:10 (70 min) + waiting for customer 10:10-12:00 paused +
    // 12:00-16:30 (270 min) = 5 h 40 min; priority High from 15:00 re-targets it to 8 h: met.
    MetricCycle res = e.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(Duration.ofMinutes(340), res.elapsed());
    assertEquals(CycleState.ACHIEVED, res.state());
    assertEquals(Duration.ofHours(8), res.target().orElseThrow());
    assertEquals("resolved", e.status());
  }

  @Test
  void malformedExportsAreRejectedWithPosition() {
    IllegalArgumentException syntax =
        assertThrows(
            IllegalArgumentException.class, () -> ZendeskAudits.read("{\"audits\": [\n {,}]}"));
    assertTrue(syntax.getMessage().contains(", line 2, column 3)"), syntax.getMessage());
    IllegalArgumentException twoTickets =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ZendeskAudits.read(
                    "[{\"id\":1,\"ticket_id\":1,\"created_at\":\"2026-03-02T09:00:00Z\",\"events\":[]},"
                        + "{\"id\":2,\"ticket_id\":2,\"created_at\":\"2026-03-02T09:00:00Z\",\"events\":[]}]"));
    assertTrue(
        twoTickets.getMessage().endsWith("(at $[1].ticket_id, line 1, column 93)"),
        twoTickets.getMessage());
    IllegalArgumentException time =
        assertThrows(
            IllegalArgumentException.class,
            () -> JiraChangelog.read("{\"key\":\"SD-1\",\"fields\":{\"created\":\"yesterday\"}}"));
    assertTrue(
        time.getMessage().endsWith("(at $.fields.created, line 1, column 35)"), time.getMessage());
    IllegalArgumentException noCreation =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ZendeskAudits.read(
                    "[{\"id\":1,\"ticket_id\":1,\"created_at\":\"2026-03-02T09:00:00Z\",\"events\":[]}]"));
    assertTrue(noCreation.getMessage().startsWith("no audit creates the ticket"));
  }
}
