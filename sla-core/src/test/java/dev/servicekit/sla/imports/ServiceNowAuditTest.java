package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceNowAudit}: a ServiceNow incident's export (record, sys_audit rows and journal
 * entries of the Table API, actual values) in, events and SLA numbers under {@link
 * SlaPreset#SERVICENOW} out. The fixture is written from ServiceNow's documentation (its {@code
 * _source}); the expected numbers are worked by hand from the preset's documented rules.
 */
class ServiceNowAuditTest {

  private static final String FIXTURE = "servicenow-incident-INC0010031.json";
  private static final String INC = "9d385017c611228701d22104cc95c371";
  private static final String BETH = "46d44a23a9fe19810012d100cca80666";
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();

  private static String fixture() throws IOException {
    try (InputStream in = ServiceNowAuditTest.class.getResourceAsStream("/imports/" + FIXTURE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Instant t(String hhmm) {
    return Instant.parse("2026-01-05T" + hhmm + ":00Z");
  }

  private static String a(int n) {
    return String.format("sn-ua%031d", n);
  }

  private static String j(int n) {
    return String.format("sn-jb%031d", n);
  }

  @Test
  void mapsRecordAuditAndJournalToEventsInTimeOrder() throws IOException {
    ImportedHistory h = ServiceNowAudit.read(fixture());
    assertEquals(INC, h.ticketId());
    List<TicketEvent> e = h.events();
    // values at creation: the earliest audit row's oldvalue (impact 3, priority 3, no assignee),
    // else the record's value (urgency, category, group, channel)
    assertEquals(
        TicketEvent.Created.byCustomer(
            INC,
            "sn-created",
            t("09:00"),
            Map.of(
                "impact", "3",
                "urgency", "2",
                "category", "hardware",
                "assignment_group", "8a5055c9c61122780043563ef53438e3",
                "contact_type", "email"),
            Set.of()),
        e.get(0));
    assertEquals(
        new TicketEvent.StatusChanged(INC, "sn-created-state", t("09:00"), "new"), e.get(1));
    assertEquals(
        new TicketEvent.PriorityChanged(INC, "sn-created-priority", t("09:00"), "3-moderate"),
        e.get(2));
    assertEquals(new TicketEvent.StatusChanged(INC, a(1), t("09:30"), "in-progress"), e.get(3));
    assertEquals(new TicketEvent.Assigned(INC, a(3), t("09:30"), BETH), e.get(4));
    assertEquals(TicketEvent.AgentReply.internalNote(INC, j(1), t("09:45")), e.get(5));
    // of one second, the agent's comment, then the hold it came with
    assertEquals(TicketEvent.AgentReply.publicReply(INC, j(2), t("10:00")), e.get(6));
    Instant tenish = t("10:00");
    assertEquals(new TicketEvent.StatusChanged(INC, a(7), tenish, "on-hold"), e.get(7));
    assertEquals(new TicketEvent.AttributeChanged(INC, a(8), tenish, "hold_reason", "1"), e.get(8));
    assertEquals(new TicketEvent.AttributeChanged(INC, a(9), t("11:00"), "impact", "2"), e.get(9));
    assertEquals(new TicketEvent.PriorityChanged(INC, a(10), t("11:00"), "2-high"), e.get(10));
    // the caller's comment, then the state it caused (ServiceNow: the caller's update sets In
    // Progress and clears the hold reason)
    assertEquals(new TicketEvent.CustomerMessage(INC, j(3), t("12:00")), e.get(11));
    Instant noonish = t("12:00");
    assertEquals(new TicketEvent.StatusChanged(INC, a(12), noonish, "in-progress"), e.get(12));
    assertEquals(new TicketEvent.AttributeCleared(INC, a(13), noonish, "hold_reason"), e.get(13));
    assertEquals(new TicketEvent.StatusChanged(INC, a(14), t("14:00"), "resolved"), e.get(14));
    assertEquals(
        new TicketEvent.AttributeChanged(
            INC, a(15), t("14:00"), "close_code", "solved-(permanently)"),
        e.get(15));
    assertEquals(new TicketEvent.StatusChanged(INC, a(17), t("16:00"), "closed"), e.get(16));
    assertEquals(17, e.size(), e.toString());
    // the audit rows of comments and work notes are not counted: the journal entries are mapped
    assertEquals(
        Map.of(
            "audit field calendar_duration", 1L,
            "audit field incident_state", 1L,
            "audit field reassignment_count", 1L,
            "audit field resolved_at", 1L),
        h.ignored());
    assertEquals(
        h,
        ServiceNowAudit.read(new ByteArrayInputStream(fixture().getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Under ServiceNow's rules (24/7; resolution 8 h at 3-moderate, 4 h at 2-high; paused On Hold; a
   * priority change cancels the running SLA and attaches a new one from the change): the 3-moderate
   * SLA runs 09:00-10:00 (1 h), is paused On Hold from 10:00 and cancelled at the priority change
   * at 11:00. The 2-high SLA starts at 11:00 On Hold (paused until the caller's reply puts the
   * incident In Progress at 12:00), runs 12:00-14:00 and stops at Resolved: 2 h of 4 h, 1 h paused,
   * due 11:00 + 4 h + 1 h = 16:00, met.
   */
  @Test
  void theExportUnderTheServiceNowPresetGivesServiceNowsNumbers() throws IOException {
    SlaPolicySet set =
        SlaPreset.SERVICENOW
            .policySet()
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("3-moderate"))
                    .target("3-moderate", RESOLUTION, Duration.ofHours(8))
                    .target("2-high", RESOLUTION, Duration.ofHours(4))
                    .build())
            .build();
    ImportedHistory h = ServiceNowAudit.read(fixture());
    SlaEvaluation ev = SlaClock.evaluate(set, Map.of(), h.events(), t("17:00"));
    List<MetricCycle> r = ev.cycles(RESOLUTION);
    assertEquals(2, r.size(), r.toString());
    MetricCycle moderate = r.get(0);
    assertEquals(CycleState.CANCELLED, moderate.state());
    assertEquals(t("09:00"), moderate.start());
    assertEquals(Duration.ofHours(1), moderate.elapsed());
    MetricCycle high = r.get(1);
    assertEquals(CycleState.ACHIEVED, high.state());
    assertEquals(t("11:00"), high.start());
    assertEquals(t("14:00"), high.stop().orElseThrow());
    assertEquals(Duration.ofHours(2), high.elapsed());
    assertEquals(Duration.ofHours(1), high.pausedTime());
    assertEquals(t("16:00"), high.deadline().orElseThrow());
    assertEquals("closed", ev.status());
    assertEquals("2-high", ev.priority().orElseThrow());
  }

  private static String export(String record, String audit, String journal) {
    return "{\"sysparm_display_value\": \"false\", \"record\": {\"result\": "
        + record
        + "}, \"audit\": {\"result\": ["
        + audit
        + "]}, \"journal\": {\"result\": ["
        + journal
        + "]}}";
  }

  private static final String RECORD =
      "{\"sys_id\": \"r1\", \"sys_created_on\": \"2026-01-05 09:00:00\", \"state\": \"2\","
          + " \"caller_id.user_name\": \"abel.tuter\"}";

  private static String row(String id, String field, String from, String to, String hhmm) {
    return "{\"sys_id\": \""
        + id
        + "\", \"documentkey\": \"r1\", \"fieldname\": \""
        + field
        + "\", \"oldvalue\": \""
        + from
        + "\", \"newvalue\": \""
        + to
        + "\", \"sys_created_on\": \"2026-01-05 "
        + hhmm
        + ":00\"}";
  }

  /** Before Helsinki, code 4 is Awaiting User Info and 3 Awaiting Problem; since, 4 is refused. */
  @Test
  void theStateCodesFollowTheInstancesStateModel() {
    String json =
        export(
            RECORD,
            row("x1", "state", "2", "4", "10:00") + "," + row("x2", "state", "4", "3", "11:00"),
            "");
    List<TicketEvent> e =
        ServiceNowAudit.read(json, ServiceNowAudit.StateModel.PRE_HELSINKI).events();
    assertEquals(
        new TicketEvent.StatusChanged("r1", "sn-created-state", t("09:00"), "in-progress"),
        e.get(1));
    assertEquals(
        new TicketEvent.StatusChanged("r1", "sn-ux1", t("10:00"), "awaiting-user-info"), e.get(2));
    assertEquals(new TicketEvent.StatusChanged("r1", "sn-ux2", t("11:00"), "on-hold"), e.get(3));
    String m =
        assertThrows(IllegalArgumentException.class, () -> ServiceNowAudit.read(json)).getMessage();
    assertTrue(m.contains("state 4 is not a state code of the Helsinki state model"), m);
    assertTrue(m.contains("(at $.audit.result[0].newvalue, line "), m);
    String canceled = export(RECORD, row("x1", "state", "2", "8", "10:00"), "");
    assertEquals(
        new TicketEvent.StatusChanged("r1", "sn-ux1", t("10:00"), "canceled"),
        ServiceNowAudit.read(canceled).events().get(2));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServiceNowAudit.read(canceled, ServiceNowAudit.StateModel.PRE_HELSINKI));
  }

  /** With sysparm_display_value=all each field is {display_value, value}: the value is read. */
  @Test
  void displayValueAllReadsTheActualValues() {
    String json =
        "{\"sysparm_display_value\": \"all\", \"record\": {\"result\": {\"sys_id\": {\"display_value\":"
            + " \"r1\", \"value\": \"r1\"}, \"sys_created_on\": {\"display_value\": \"05/01/2026"
            + " 10:00:00\", \"value\": \"2026-01-05 09:00:00\"}, \"state\": {\"display_value\":"
            + " \"In Progress\", \"value\": \"2\"}, \"priority\": {\"display_value\": \"1 -"
            + " Critical\", \"value\": \"1\"}}}, \"audit\": {\"result\": [{\"sys_id\":"
            + " {\"value\": \"x1\"}, \"fieldname\": {\"value\": \"state\"}, \"oldvalue\":"
            + " {\"value\": \"2\"}, \"newvalue\": {\"value\": \"6\"}, \"sys_created_on\":"
            + " {\"display_value\": \"05/01/2026 11:00:00\", \"value\": \"2026-01-05 10:00:00\"}}]},"
            + " \"journal\": {\"result\": []}}";
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer("r1", "sn-created", t("09:00"), Map.of(), Set.of()),
            new TicketEvent.StatusChanged("r1", "sn-created-state", t("09:00"), "in-progress"),
            new TicketEvent.PriorityChanged("r1", "sn-created-priority", t("09:00"), "1-critical"),
            new TicketEvent.StatusChanged("r1", "sn-ux1", t("10:00"), "resolved")),
        ServiceNowAudit.read(json).events());
  }

  /**
   * Refused where it is wrong, with path, line and column: display values, no declaration, a
   * date-time not of the actual values' form (an offset, a display format), a row of another
   * record, a sys_id twice with other content, an unknown priority code, a comment whose author
   * cannot be told.
   */
  @Test
  void anAmbiguousIncompleteOrInconsistentExportIsRefusedWhereItIsWrong() throws IOException {
    String f = fixture();
    String[][] cases = {
      {
        "\"sysparm_display_value\": \"false\"",
        "\"sysparm_display_value\": \"true\"",
        "display values are refused",
        "$.sysparm_display_value"
      },
      {
        "\"sysparm_display_value\": \"false\"",
        "\"display\": \"false\"",
        "sysparm_display_value is required",
        "$.sysparm_display_value"
      },
      {
        "\"sys_created_on\": \"2026-01-05 09:45:00\"},\n      {\"sys_id\": \"a0000000000000000000000000000006\"",
        "\"sys_created_on\": \"2026-01-05T09:45:00Z\"},\n      {\"sys_id\": \"a0000000000000000000000000000006\"",
        "date-time \"2026-01-05T09:45:00Z\" is not the Table API's actual value yyyy-MM-dd HH:mm:ss (UTC)",
        "$.audit.result[4].sys_created_on"
      },
      {
        "\"sys_created_on\": \"2026-01-05 09:00:00\",\n      \"sys_created_by\"",
        "\"sys_created_on\": \"05/01/2026 09:00:00\",\n      \"sys_created_by\"",
        "is not the Table API's actual value",
        "$.record.result.sys_created_on"
      },
      {
        "\"sys_id\": \"b0000000000000000000000000000002\", \"element_id\": \"9d385017c611228701d22104cc95c371\"",
        "\"sys_id\": \"b0000000000000000000000000000002\", \"element_id\": \"0000\"",
        "row of record 0000 in the export of record 9d385017c611228701d22104cc95c371",
        "$.journal.result[1].element_id"
      },
      {
        "{\"sys_id\": \"a0000000000000000000000000000002\"",
        "{\"sys_id\": \"a0000000000000000000000000000001\"",
        "audit sys_id a0000000000000000000000000000001 is given twice with other content",
        "$.audit.result[1].sys_id"
      },
      {
        "\"fieldname\": \"priority\", \"oldvalue\": \"3\", \"newvalue\": \"2\"",
        "\"fieldname\": \"priority\", \"oldvalue\": \"3\", \"newvalue\": \"9\"",
        "priority 9 is not one of ServiceNow's priority codes 1 to 5",
        "$.audit.result[9].newvalue"
      },
      {
        "\"element\": \"comments\", \"value\": \"The second tray\"",
        "\"element\": \"x_other\", \"value\": \"The second tray\"",
        "the audit has 2 rows of comments but the journal 1 entries",
        "$.journal.result"
      },
      {
        "\"caller_id.user_name\": \"abel.tuter\",",
        "",
        "the comment's author cannot be told from an agent",
        "$.journal.result[1].sys_created_by"
      },
    };
    for (String[] c : cases) {
      assertTrue(f.contains(c[0]), c[0]);
      String bad =
          f.replaceFirst(
              java.util.regex.Pattern.quote(c[0]), java.util.regex.Matcher.quoteReplacement(c[1]));
      String m =
          assertThrows(IllegalArgumentException.class, () -> ServiceNowAudit.read(bad), c[2])
              .getMessage();
      assertTrue(m.contains(c[2]), m);
      assertTrue(m.contains("(at " + c[3] + ", line "), m);
    }
    for (String[] c :
        new String[][] {
          {"[]", "expected an object", "$"},
          {
            export(RECORD, "", "").replace("{\"result\": []}}", "{}}"),
            "result is required",
            "$.journal.result"
          },
          {
            export(RECORD.replace("\"state\": \"2\",", ""), "", ""),
            "state is required",
            "$.record.result.state"
          },
        }) {
      String m =
          assertThrows(IllegalArgumentException.class, () -> ServiceNowAudit.read(c[0]))
              .getMessage();
      assertTrue(m.contains(c[1]), m);
      assertTrue(m.contains("(at " + c[2] + ", line ") || m.endsWith("(at " + c[2] + ")"), m);
    }
  }

  /**
   * An audit row of the creation's second with no oldvalue is the insert's: its newvalue is the
   * value at creation. One with no oldvalue later leaves the state at creation unknown: refused.
   */
  @Test
  void theInsertsAuditRowGivesTheValueAtCreation() {
    String insert =
        row("x1", "state", "", "1", "09:00") + "," + row("x2", "state", "1", "2", "09:30");
    List<TicketEvent> e = ServiceNowAudit.read(export(RECORD, insert, "")).events();
    assertEquals(
        new TicketEvent.StatusChanged("r1", "sn-created-state", t("09:00"), "new"), e.get(1));
    assertEquals(new TicketEvent.StatusChanged("r1", "sn-ux1", t("09:00"), "new"), e.get(2));
    assertEquals(
        new TicketEvent.StatusChanged("r1", "sn-ux2", t("09:30"), "in-progress"), e.get(3));
    String late = row("x1", "state", "", "2", "09:30");
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ServiceNowAudit.read(export(RECORD, late, "")))
            .getMessage();
    assertTrue(m.contains("the state at creation is unknown"), m);
    assertTrue(m.contains("(at $.audit.result[0].oldvalue, line "), m);
  }

  /** Without comments the caller is not needed; a work note and other journal fields are read. */
  @Test
  void workNotesNeedNoCallerAndOtherJournalFieldsAreCounted() {
    String rec = RECORD.replace(", \"caller_id.user_name\": \"abel.tuter\"", "");
    String journal =
        "{\"sys_id\": \"j1\", \"element_id\": \"r1\", \"element\": \"work_notes\", \"sys_created_by\":"
            + " \"beth\", \"sys_created_on\": \"2026-01-05 09:10:00\"},"
            + "{\"sys_id\": \"j2\", \"element_id\": \"r1\", \"element\": \"x_acme_notes\","
            + " \"sys_created_by\": \"beth\", \"sys_created_on\": \"2026-01-05 09:20:00\"}";
    ImportedHistory h = ServiceNowAudit.read(export(rec, "", journal));
    assertEquals(
        TicketEvent.AgentReply.internalNote("r1", "sn-jj1", t("09:10")), h.events().get(2));
    assertEquals(3, h.events().size());
    assertEquals(Map.of("journal element x_acme_notes", 1L), h.ignored());
  }
}
