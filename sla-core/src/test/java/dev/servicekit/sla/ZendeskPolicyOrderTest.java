package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.min;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPreset#ZENDESK}: which SLA policy a ticket gets, and what a solve does to a running
 * next reply (times UTC, Monday 2026-01-05, 24/7).
 *
 * <p>Sources: Zendesk, "Defining and using SLA policies"
 * (https://support.zendesk.com/hc/en-us/articles/204770038), "Understanding how SLA policies are
 * applied to tickets": "Starting at the top of your list of policies and moving down, we compare
 * the conditions on that policy to the ticket. The first policy we find whose conditions are
 * satisfied by the ticket is applied to the ticket", when the ticket is created or updated.
 * Fivetran's dbt_zendesk reply time SLA model ({@code
 * models/sla_policy/reply_time/int_zendesk__reply_time_combined.sql}, which {@link
 * ZendeskPresetTest} cites for first reply): a reply time target, first or next, is breached only
 * if its breach instant is before the next public agent reply and before the next solve, so a solve
 * fulfils a running next reply. Third-party.
 */
class ZendeskPolicyOrderTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric NEXT = SlaMetric.nextResponse();

  private static SlaPolicy policy(String name, MatchCondition when, Duration first) {
    return SlaPolicy.builder(name)
        .when(when)
        .matrix(PriorityMatrix.constant("normal"))
        .target("normal", FIRST, first)
        .target("normal", NEXT, Duration.ofHours(1))
        .build();
  }

  /** VIP above email: a VIP email ticket satisfies both, and the VIP policy is listed first. */
  private static SlaPolicySet ordered() {
    return SlaPreset.ZENDESK
        .policySet()
        .policy(policy("vip", MatchCondition.always().withTags("vip"), min(15)))
        .policy(policy("email", MatchCondition.always().withAttribute("channel", "email"), min(60)))
        .defaultPolicy(SlaPolicy.builder("none").matrix(PriorityMatrix.constant("normal")).build())
        .build();
  }

  // A VIP ticket by email created 09:00 satisfies both policies: the first listed (VIP, first reply
  // 15 min) applies, due 09:15. When the vip tag is removed at 09:20 the update is compared again
  // and the email policy (60 min) applies; the running first reply is measured from the creation
  // against it (the preset's re-target rule): due 10:00, no longer breached at 09:30.
  @Test
  void theFirstListedPolicyWhoseConditionsTheTicketSatisfiesApplies() {
    Fixtures.Ticket t = new Fixtures.Ticket("Z-ORDER");
    TicketEvent created =
        new TicketEvent.Created(t.id, "e000", mon(9, 0), Map.of("channel", "email"), Set.of("vip"));
    MetricCycle vip = only(Fixtures.eval(ordered(), List.of(created), mon(9, 10)), FIRST);
    assertEquals("vip", vip.policy());
    assertEquals(Optional.of(mon(9, 15)), vip.deadline());
    List<TicketEvent> untagged =
        List.of(created, new TicketEvent.TagsChanged(t.id, "e001", mon(9, 20), Set.of()));
    MetricCycle email = only(Fixtures.eval(ordered(), untagged, mon(9, 30)), FIRST);
    assertEquals("email", email.policy());
    assertEquals(mon(9, 0), email.start());
    assertEquals(Optional.of(mon(10, 0)), email.deadline());
    assertEquals(CycleState.ACTIVE, email.state());
  }

  // First reply at 09:05; the customer writes at 10:00 and the agent solves the ticket at 10:30
  // without a public comment: next reply (1 h, due 11:00) is fulfilled at the solve, 30 min in.
  // Solved at 11:10 instead, after the breach instant, it is breached.
  @Test
  void aSolveFulfilsARunningNextReply() {
    for (int solvedAt : new int[] {30, 70}) {
      Fixtures.Ticket t = new Fixtures.Ticket("Z-NEXT-" + solvedAt);
      List<TicketEvent> h =
          List.of(
              new TicketEvent.Created(
                  t.id, "e000", mon(9, 0), Map.of("channel", "email"), Set.of()),
              t.reply(mon(9, 5)),
              t.customer(mon(10, 0)),
              t.status(mon(10, 0).plus(min(solvedAt)), "solved"));
      MetricCycle c = only(Fixtures.eval(ordered(), h, mon(12, 0)), NEXT);
      assertEquals(mon(10, 0), c.start());
      assertEquals(Optional.of(mon(10, 0).plus(min(solvedAt))), c.stop());
      assertEquals(Optional.of(mon(11, 0)), c.deadline());
      assertEquals(solvedAt <= 60 ? CycleState.ACHIEVED : CycleState.BREACHED, c.state());
    }
  }
}
