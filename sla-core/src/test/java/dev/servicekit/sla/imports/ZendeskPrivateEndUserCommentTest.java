package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaPreset;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An end user's comment that Zendesk made private, imported from the audits and measured by {@link
 * SlaPreset#ZENDESK} (next reply 1 h, 24/7; times UTC, Monday 2026-03-02).
 *
 * <p>Sources: Zendesk, "Understanding when email replies become public or private comments"
 * (https://support.zendesk.com/hc/en-us/articles/4408842992538): "A private comment appears in the
 * agent interface as an internal note. Private comments and internal notes are the same thing"; an
 * email reply from a CC (with "Make email comments from CCed end users public" off) or from an end
 * user who is neither the requester nor a CC is private. Zendesk's metric definitions as GitLab
 * republishes them ("These are Zendesk's official definitions",
 * https://handbook.gitlab.com/handbook/security/customer-support-operations/zendesk/metrics-definitions,
 * cited by {@code ZendeskPresetTest}): next reply time runs "from a public reply from an end-user
 * until it received a public reply from an agent".
 */
class ZendeskPrivateEndUserCommentTest {

  private static final SlaMetric NEXT = SlaMetric.nextResponse();

  private static Instant t(String hhmm) {
    return Instant.parse("2026-03-02T" + hhmm + ":00Z");
  }

  // Requester 600 opens the ticket at 09:00, agent 500 answers at 09:10. A CC'd end user's (800)
  // email reply arrives at 10:00 as a private comment: no reply is owed for it. The requester's
  // public comment at 11:00 is, and the agent's reply at 11:20 answers it: one next reply cycle,
  // 11:00-11:20, met in 20 min. Taken for a customer message, the private comment started next
  // reply at 10:00, breached at 11:00 before the agent could have seen anything public to answer.
  @Test
  void anEndUsersPrivateCommentOwesNoReply() {
    String json =
        """
        {"users":[{"id":500,"role":"agent"},{"id":600,"role":"end-user"},
                  {"id":800,"role":"end-user"}],
         "audits":[
          {"id":1,"ticket_id":9,"created_at":"2026-03-02T09:00:00Z","author_id":600,
           "events":[
            {"id":11,"type":"Create","field_name":"requester_id","value":600},
            {"id":12,"type":"Comment","public":true}]},
          {"id":2,"ticket_id":9,"created_at":"2026-03-02T09:10:00Z","author_id":500,
           "events":[{"id":21,"type":"Comment","public":true}]},
          {"id":3,"ticket_id":9,"created_at":"2026-03-02T10:00:00Z","author_id":800,
           "events":[{"id":31,"type":"Comment","public":false}]},
          {"id":4,"ticket_id":9,"created_at":"2026-03-02T11:00:00Z","author_id":600,
           "events":[{"id":41,"type":"Comment","public":true}]},
          {"id":5,"ticket_id":9,"created_at":"2026-03-02T11:20:00Z","author_id":500,
           "events":[{"id":51,"type":"Comment","public":true}]}]}
        """;
    ImportedHistory h = ZendeskAudits.read(json);
    assertEquals(1L, h.ignored().get("private comment by a customer"), h.ignored().toString());
    assertEquals(
        List.of(
            TicketEvent.Created.byCustomer("9", "zd-audit-1", t("09:00"), Map.of(), Set.of()),
            TicketEvent.AgentReply.publicReply("9", "zd-21", t("09:10")),
            new TicketEvent.CustomerMessage("9", "zd-41", t("11:00")),
            TicketEvent.AgentReply.publicReply("9", "zd-51", t("11:20"))),
        h.events());
    SlaPolicySet zendesk =
        SlaPreset.ZENDESK
            .policySet()
            .defaultPolicy(
                SlaPolicy.builder("support")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", NEXT, Duration.ofHours(1))
                    .build())
            .build();
    List<MetricCycle> next =
        SlaClock.evaluate(zendesk, Map.of(), h.events(), t("12:00")).cycles(NEXT);
    assertEquals(1, next.size(), next.toString());
    assertEquals(t("11:00"), next.get(0).start());
    assertEquals(Duration.ofMinutes(20), next.get(0).elapsed());
    assertEquals(CycleState.ACHIEVED, next.get(0).state());
  }
}
