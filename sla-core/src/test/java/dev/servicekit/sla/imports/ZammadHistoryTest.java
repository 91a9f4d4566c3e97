package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaPreset;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ZammadHistory}: a Zammad ticket's export (ticket, articles and history, fetched with
 * {@code expand=true}) in, events and SLA numbers under {@link SlaPreset#ZAMMAD} out. The fixture
 * is written from Zammad's API documentation and code (its {@code _source}); the expected numbers
 * are worked by hand from Zammad's documented rules (cited in {@code ZammadPresetTest}).
 */
class ZammadHistoryTest {

  private static final String FIXTURE = "zammad-ticket-31.json";
  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric SOLUTION = SlaMetric.resolution();

  private static String fixture() throws IOException {
    try (InputStream in = ZammadHistoryTest.class.getResourceAsStream("/imports/" + FIXTURE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Instant t(String hhmm) {
    return Instant.parse("2026-01-05T" + hhmm + ":00Z");
  }

  /** Zammad's SLA "standard": first response 2 h, update 2 h, solution 8 h, on the team hours. */
  private static SlaPolicySet zammad() {
    SlaPolicy.Builder b = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("2-normal"));
    for (String p : List.of("2-normal", "3-high")) {
      b.target(p, FIRST, Duration.ofHours(2))
          .target(p, SlaMetric.periodicUpdate(), Duration.ofHours(2))
          .target(p, SOLUTION, Duration.ofHours(8));
    }
    b.rule(SlaPreset.ZAMMAD.rule(FIRST).calendar("team").build())
        .rule(SlaPreset.ZAMMAD.rule(SlaMetric.periodicUpdate()).calendar("team").build())
        .rule(SlaPreset.ZAMMAD.rule(SOLUTION).calendar("team").build());
    return SlaPreset.ZAMMAD.policySet().defaultPolicy(b.build()).build();
  }

  private static final Map<String, BusinessCalendar> TEAM =
      Map.of(
          "team",
          BusinessCalendar.builder(ZoneOffset.UTC)
              .weekdays(TimeRange.parse("09:00-17:00"))
              .build());

  private static MetricCycle only(SlaEvaluation e, SlaMetric m) {
    List<MetricCycle> c = e.cycles().stream().filter(x -> x.metric().equals(m)).toList();
    assertEquals(1, c.size(), m + " cycles: " + c);
    return c.get(0);
  }

  @Test
  void mapsTicketArticlesAndHistoryToEventsInTimeOrder() throws IOException {
    ImportedHistory h = ZammadHistory.read(fixture());
    assertEquals("31", h.ticketId());
    List<TicketEvent> e = h.events();
    assertEquals(
        TicketEvent.Created.byCustomer(
            "31",
            "zammad-created",
            t("09:00"),
            Map.of("channel", "email", "group", "users"),
            Set.of()),
        e.get(0));
    // the values at creation come from the earliest update's value_from, not the current ones
    assertEquals(
        new TicketEvent.StatusChanged("31", "zammad-created-state", t("09:00"), "new"), e.get(1));
    assertEquals(
        new TicketEvent.PriorityChanged("31", "zammad-created-priority", t("09:00"), "2-normal"),
        e.get(2));
    assertEquals(new TicketEvent.CustomerMessage("31", "zammad-a101", t("09:00")), e.get(3));
    assertEquals(TicketEvent.AgentReply.internalNote("31", "zammad-a102", t("09:20")), e.get(4));
    // a public note is no response by default
    assertEquals(TicketEvent.AgentReply.internalNote("31", "zammad-a103", t("09:30")), e.get(5));
    assertEquals(new TicketEvent.StatusChanged("31", "zammad-h206", t("10:15"), "open"), e.get(7));
    assertEquals(TicketEvent.AgentReply.publicReply("31", "zammad-a104", t("10:15")), e.get(6));
    assertEquals(
        new TicketEvent.StatusChanged("31", "zammad-h209", t("10:40"), "pending-reminder"),
        e.get(8));
    assertEquals(new TicketEvent.StatusChanged("31", "zammad-h211", t("12:00"), "open"), e.get(10));
    assertEquals(new TicketEvent.CustomerMessage("31", "zammad-a105", t("12:00")), e.get(9));
    assertEquals(
        new TicketEvent.PriorityChanged("31", "zammad-h213", t("12:10"), "3-high"), e.get(11));
    assertEquals(
        new TicketEvent.TagsChanged("31", "zammad-h214", t("12:30"), Set.of("hardware")),
        e.get(12));
    assertEquals(
        new TicketEvent.Assigned("31", "zammad-h215", t("13:00"), "nicole-braun"), e.get(13));
    assertEquals(TicketEvent.AgentReply.publicReply("31", "zammad-a106", t("13:30")), e.get(14));
    assertEquals(
        new TicketEvent.StatusChanged("31", "zammad-h218", t("15:00"), "closed"), e.get(15));
    assertEquals(16, e.size(), e.toString());
    assertEquals(
        Map.of(
            "article by System", 1L,
            "history attribute first_response_escalation_at", 1L,
            "history attribute pending_time", 1L,
            "history attribute close_at", 1L,
            "history of Mention created", 1L,
            "history type email", 1L,
            "history type notification", 1L),
        h.ignored());
  }

  /**
   * Under Zammad's rules: first response from the creation (09:00) to the agent's email at 10:15
   * (the internal note at 09:20 and the public note at 09:30 are no response): 1 h 15 min of 2 h,
   * met. Solution time from 09:00 to the close at 15:00, less the pending reminder 10:40-12:00
   * (pending states accumulate no time): 6 h - 1 h 20 min = 4 h 40 min of 8 h, met.
   */
  @Test
  void theExportUnderTheZammadPresetGivesZammadsNumbers() throws IOException {
    ImportedHistory h = ZammadHistory.read(fixture());
    SlaEvaluation e = SlaClock.evaluate(zammad(), TEAM, h.events(), t("17:00"));
    MetricCycle first = only(e, FIRST);
    assertEquals(CycleState.ACHIEVED, first.state());
    assertEquals(t("10:15"), first.stop().orElseThrow());
    assertEquals(Duration.ofMinutes(75), first.elapsed());
    assertEquals(t("11:00"), first.deadline().orElseThrow());
    MetricCycle solution = only(e, SOLUTION);
    assertEquals(CycleState.ACHIEVED, solution.state());
    assertEquals(t("15:00"), solution.stop().orElseThrow());
    assertEquals(Duration.ofMinutes(280), solution.elapsed());
    assertEquals(Duration.ofMinutes(80), solution.pausedTime());
    assertEquals("3-high", e.priority().orElseThrow());
  }

  /** Where Zammad counts public notes as responses, the note at 09:30 is the first response. */
  @Test
  void aPublicNoteIsAResponseWhereZammadIsConfiguredSo() throws IOException {
    ImportedHistory h = ZammadHistory.read(fixture(), ZammadHistory.PublicNote.RESPONSE);
    assertEquals(
        TicketEvent.AgentReply.publicReply("31", "zammad-a103", t("09:30")), h.events().get(5));
    ImportedHistory s =
        ZammadHistory.read(
            new ByteArrayInputStream(fixture().getBytes(StandardCharsets.UTF_8)),
            ZammadHistory.PublicNote.RESPONSE);
    assertEquals(h, s);
    MetricCycle first = only(SlaClock.evaluate(zammad(), TEAM, h.events(), t("17:00")), FIRST);
    assertEquals(t("09:30"), first.stop().orElseThrow());
    assertEquals(Duration.ofMinutes(30), first.elapsed());
  }

  /** A ticket that never changed a field starts with its current value. */
  @Test
  void aFieldThatNeverChangedIsReadFromTheTicket() {
    String json =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\","
            + " \"priority\": \"1 low\", \"group\": \"Sales\", \"organization\": \"ACME Corp\"},"
            + " \"articles\": [], \"history\": []}";
    ImportedHistory h = ZammadHistory.read(json);
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer(
                "5",
                "zammad-created",
                t("09:00"),
                Map.of("group", "sales", "organization", "acme-corp"),
                Set.of()),
            new TicketEvent.StatusChanged("5", "zammad-created-state", t("09:00"), "open"),
            new TicketEvent.PriorityChanged("5", "zammad-created-priority", t("09:00"), "1-low")),
        h.events());
    assertEquals(Map.of(), h.ignored());
  }

  /**
   * Two state changes of one instant (a trigger chain) are applied in the list's order, also where
   * their ids would sort otherwise as text (h10 before h9): the later one is stamped a nanosecond
   * apart, so the ticket ends in the state the list ends in.
   */
  @Test
  void updatesOfOneInstantKeepTheListsOrder() {
    String json =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"closed\"},"
            + " \"articles\": [], \"history\": ["
            + update(9, "state", "new", "open", "10:00")
            + ","
            + update(10, "state", "open", "closed", "10:00")
            + "]}";
    List<TicketEvent> e = ZammadHistory.read(json).events();
    assertEquals(new TicketEvent.StatusChanged("5", "zammad-h9", t("10:00"), "open"), e.get(2));
    assertEquals(
        new TicketEvent.StatusChanged("5", "zammad-h10", t("10:00").plusNanos(1), "closed"),
        e.get(3));
  }

  /** Tags: each added or removed tag gives the ticket's tags after it; custom fields and clears. */
  @Test
  void tagsCustomFieldsAndClears() {
    String json =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"},"
            + " \"articles\": [], \"history\": ["
            + "{\"id\": 1, \"o_id\": 5, \"object\": \"Ticket\", \"type\": \"added\", \"attribute\":"
            + " \"tag\", \"value_to\": \"vip\", \"created_at\": \"2026-01-05T10:00:00Z\"},"
            + "{\"id\": 2, \"o_id\": 5, \"object\": \"Ticket\", \"type\": \"added\", \"attribute\":"
            + " \"tag\", \"value_to\": \"printer\", \"created_at\": \"2026-01-05T10:01:00Z\"},"
            + "{\"id\": 3, \"o_id\": 5, \"object\": \"Ticket\", \"type\": \"removed\", \"attribute\":"
            + " \"tag\", \"value_to\": \"vip\", \"created_at\": \"2026-01-05T10:02:00Z\"},"
            + update(4, "customer_tier", "", "Gold", "10:03")
            + ","
            + update(5, "customer_tier", "Gold", "", "10:04")
            + ","
            + update(6, "priority", "2 normal", "", "10:05")
            + ","
            + update(7, "owner", "Nicole Braun", "-", "10:06")
            + "]}";
    ImportedHistory h = ZammadHistory.read(json);
    List<TicketEvent> e = h.events().subList(1, h.events().size());
    assertEquals(
        new TicketEvent.TagsChanged("5", "zammad-h1", t("10:00"), Set.of("vip")), e.get(2));
    assertEquals(
        new TicketEvent.TagsChanged("5", "zammad-h2", t("10:01"), Set.of("vip", "printer")),
        e.get(3));
    assertEquals(
        new TicketEvent.TagsChanged("5", "zammad-h3", t("10:02"), Set.of("printer")), e.get(4));
    assertEquals(
        new TicketEvent.AttributeChanged("5", "zammad-h4", t("10:03"), "customer_tier", "gold"),
        e.get(5));
    assertEquals(
        new TicketEvent.AttributeCleared("5", "zammad-h5", t("10:04"), "customer_tier"), e.get(6));
    assertEquals(new TicketEvent.PriorityCleared("5", "zammad-h6", t("10:05")), e.get(7));
    assertEquals(8, e.size(), e.toString());
    assertEquals(Map.of("owner set to nobody or not a key", 1L), h.ignored());
  }

  /**
   * An article whose {@code internal} flag an agent changed later (Zammad logs {@code
   * Ticket::Article} {@code updated} {@code internal}, its article model ignoring only type, sender
   * and addresses in history) is read as it was created: Zammad sets the first response in the
   * article's {@code after_create}, so a note made public an hour later is no response, and a reply
   * made internal later was one. The current flag alone would read both the other way.
   */
  @Test
  void anArticleIsReadWithTheInternalFlagItWasCreatedWith() {
    String json =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"},"
            + " \"articles\": ["
            + article(7, false, "09:30")
            + ","
            + article(8, true, "10:00")
            + "], \"history\": ["
            + articleInternal(20, 7, "true", "false", "11:00")
            + ","
            + articleInternal(21, 8, "false", "true", "11:05")
            + ","
            + articleInternal(22, 8, "true", "false", "11:10")
            + "]}";
    ImportedHistory h = ZammadHistory.read(json);
    assertEquals(
        List.of(
            TicketEvent.AgentReply.internalNote("5", "zammad-a7", t("09:30")),
            TicketEvent.AgentReply.publicReply("5", "zammad-a8", t("10:00"))),
        h.events().subList(2, h.events().size()));
    assertEquals(Map.of(), h.ignored());

    String odd = json.replace("\"value_from\": \"true\"", "\"value_from\": \"yes\"");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ZammadHistory.read(odd));
    assertTrue(e.getMessage().contains("history[0].value_from"), e.getMessage());
  }

  /**
   * Zammad writes a relation's name into the history only while the ticket has the relation after
   * the update ({@code HasHistory}: the names are looked up when {@code send(attribute)} is set),
   * so clearing a ticket's organization logs {@code "value_from": "5", "id_from": 5}. That id is no
   * organization name: the organization at creation is left out and counted, not read as {@code 5}.
   */
  @Test
  void anOrganizationClearedLaterIsNotReadFromTheIdZammadLogged() {
    String entry =
        "{\"id\": 1, \"o_id\": 5, \"object\": \"Ticket\", \"type\": \"updated\", \"attribute\":"
            + " \"organization\", \"id_from\": 5, \"value_from\": \"5\", \"value_to\": \"\","
            + " \"created_at\": \"2026-01-05T10:00:00Z\"}";
    String json =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\","
            + " \"group\": \"Sales\", \"organization_id\": null, \"organization\": null},"
            + " \"articles\": [], \"history\": ["
            + entry
            + "]}";
    ImportedHistory h = ZammadHistory.read(json);
    assertEquals(
        TicketEvent.Created.byCustomer(
            "5", "zammad-created", t("09:00"), Map.of("group", "sales"), Set.of()),
        h.events().get(0));
    assertEquals(
        new TicketEvent.AttributeCleared("5", "zammad-h1", t("10:00"), "organization"),
        h.events().get(2));
    assertEquals(Map.of("created organization logged as an id", 1L), h.ignored());

    // a name that the history did log is read, also where it looks like a number
    ImportedHistory named =
        ZammadHistory.read(
            json.replace(
                    "\"id_from\": 5, \"value_from\": \"5\"",
                    "\"id_from\": 5, \"value_from\": \"ACME\"")
                .replace(
                    "\"organization_id\": null, \"organization\": null",
                    "\"organization\": \"7\""));
    assertEquals(
        Map.of("group", "sales", "organization", "acme"),
        ((TicketEvent.Created) named.events().get(0)).attributes());
  }

  /**
   * An entry or article listed twice as it is (pages joined with an overlap), which the reader
   * accepts, is one event: both copies were events with one id, the second stamped a nanosecond
   * later (its id does not sort after the first's), and a clock fed them refused the second as an
   * id reused with other content.
   */
  @Test
  void anEntryOrArticleListedTwiceAsItIsIsOneEventAClockAccepts() {
    String a = article(7, false, "09:30");
    String u = update(9, "state", "new", "open", "09:30");
    String head =
        "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"},";
    ImportedHistory once =
        ZammadHistory.read(head + " \"articles\": [" + a + "], \"history\": [" + u + "]}");
    ImportedHistory twice =
        ZammadHistory.read(
            head + " \"articles\": [" + a + "," + a + "], \"history\": [" + u + "," + u + "]}");
    assertEquals(once.events(), twice.events());
    assertEquals(once.ignored(), twice.ignored());
    SlaClock clock = SlaClock.of(zammad(), TEAM, "5");
    twice.events().forEach(clock::accept);
    assertEquals(List.of(), clock.evaluate(t("12:00")).anomalies());
  }

  private static String article(int id, boolean internal, String hhmm) {
    return "{\"id\": "
        + id
        + ", \"ticket_id\": 5, \"sender\": \"Agent\", \"type\": \"email\", \"internal\": "
        + internal
        + ", \"created_at\": \"2026-01-05T"
        + hhmm
        + ":00Z\"}";
  }

  private static String articleInternal(int id, int article, String from, String to, String hhmm) {
    return "{\"id\": "
        + id
        + ", \"o_id\": "
        + article
        + ", \"object\": \"Ticket::Article\", \"related_o_id\": 5, \"related_object\":"
        + " \"Ticket\", \"type\": \"updated\", \"attribute\": \"internal\", \"value_from\": \""
        + from
        + "\", \"value_to\": \""
        + to
        + "\", \"created_at\": \"2026-01-05T"
        + hhmm
        + ":00Z\"}";
  }

  private static String update(int id, String attribute, String from, String to, String hhmm) {
    return "{\"id\": "
        + id
        + ", \"o_id\": 5, \"object\": \"Ticket\", \"type\": \"updated\", \"attribute\": \""
        + attribute
        + "\", \"value_from\": \""
        + from
        + "\", \"value_to\": \""
        + to
        + "\", \"created_at\": \"2026-01-05T"
        + hhmm
        + ":00Z\"}";
  }

  /**
   * What a Zammad export must hold is refused where it is missing, with path, line and column: the
   * names expand=true writes, the articles and the history; an article or entry of another ticket,
   * an id given twice with other content, a sender Zammad does not have.
   */
  @Test
  void anIncompleteOrInconsistentExportIsRefusedWhereItIsWrong() throws IOException {
    String f = fixture();
    String[][] cases = {
      {
        "\"state\": \"closed\",",
        "",
        "state is required: the export has only state_id; fetch it with ?expand=true",
        "$.ticket.state"
      },
      {
        "\"sender\": \"Customer\", \"type\": \"email\", \"internal\": false, \"from\": \"Bob Smith\", \"subject\": \"Printer jams\"",
        "\"sender_id\": 2, \"type\": \"email\", \"internal\": false",
        "sender is required: the export has only sender_id",
        "$.articles[0].sender"
      },
      {
        "\"sender\": \"Agent\", \"type\": \"phone\"",
        "\"sender\": \"Robot\", \"type\": \"phone\"",
        "sender Robot is not one of Zammad's senders",
        "$.articles[5].sender"
      },
      {
        "{ \"id\": 102, \"ticket_id\": 31",
        "{ \"id\": 102, \"ticket_id\": 32",
        "article of ticket 32 in the export of ticket 31",
        "$.articles[1].ticket_id"
      },
      {
        "{ \"id\": 209, \"o_id\": 31",
        "{ \"id\": 209, \"o_id\": 30",
        "history of ticket 30 in the export of ticket 31",
        "$.history.history[8].o_id"
      },
      {
        "{ \"id\": 210,",
        "{ \"id\": 209,",
        "history id 209 is given twice with other content",
        "$.history.history[9].id"
      },
      {
        "\"internal\": true",
        "\"internal\": \"yes\"",
        "expected true or false but found \"yes\"",
        "$.articles[1].internal"
      },
      {
        "\"created_at\": \"2026-01-05T10:40:00.000Z\" },\n      { \"id\": 210",
        "\"created_at\": \"tomorrow\" },\n      { \"id\": 210",
        "timestamp \"tomorrow\" is not ISO-8601",
        "$.history.history[8].created_at"
      },
    };
    for (String[] c : cases) {
      assertTrue(f.contains(c[0]), c[0]);
      String bad =
          f.replaceFirst(
              java.util.regex.Pattern.quote(c[0]), java.util.regex.Matcher.quoteReplacement(c[1]));
      String m =
          assertThrows(IllegalArgumentException.class, () -> ZammadHistory.read(bad), c[2])
              .getMessage();
      assertTrue(m.contains(c[2]), m);
      assertTrue(m.contains("(at " + c[3] + ", line "), m);
    }
    for (String[] c :
        new String[][] {
          {
            "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"}, \"articles\": []}",
            "history is required",
            "$.history"
          },
          {
            "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"}, \"history\": []}",
            "articles is required",
            "$.articles"
          },
          {
            "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state\": \"open\"}, \"articles\": [], \"history\": {\"assets\": {}}}",
            "history is required",
            "$.history.history"
          },
          {
            "{\"ticket\": {\"id\": 5, \"created_at\": \"2026-01-05T09:00:00Z\", \"state_id\": 2}, \"articles\": [], \"history\": []}",
            "fetch it with ?expand=true",
            "$.ticket.state"
          },
          {"[]", "expected an object", "$"},
        }) {
      String m =
          assertThrows(IllegalArgumentException.class, () -> ZammadHistory.read(c[0])).getMessage();
      assertTrue(m.contains(c[1]), m);
      assertTrue(m.contains("(at " + c[2] + ", line ") || m.endsWith("(at " + c[2] + ")"), m);
    }
  }
}
