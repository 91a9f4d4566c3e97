package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RetargetRule#CANCEL_AND_REATTACH}, ServiceNow's behaviour on a priority change.
 *
 * <p>Source: ServiceNow product documentation, "Configure SLA retroactive start and pause"
 * (https://www.servicenow.com/docs/r/yokohama/it-service-management/service-level-management/t_UseSLARetroactiveStartAndPause.html):
 * "an incident is raised with priority 3 - Moderate and changes to 1 - Critical after 3 hours. A
 * priority 1 SLA is attached at that time"; and "SLA conditions" (c_SLAConditions.html): with "When
 * to cancel" at its default, "Start conditions are not met", the SLA is cancelled when one of its
 * start conditions (here the priority) no longer matches. The 8 hour priority 1 resolution target
 * is the default "Priority 1 resolution (8 hour)" SLA definition ("Configure Service Level
 * Agreement", c_ConfigureSLAs.html); the 3 day priority 3 target is chosen for the test. The
 * schedule is 24x7.
 *
 * <p>Without retroactive start the new SLA counts from the change; with retroactive start (and
 * retroactive pause) from creation, which is {@link RetargetRule#RECALCULATE}.
 */
class CancelAndReattachTest {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant CHANGED = CREATED.plus(Duration.ofHours(3));

  static SlaPolicySet set(RetargetRule rule) {
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(
                PriorityMatrix.builder() // impact x urgency, as ServiceNow derives priority
                    .cell("1", "1", "1-critical")
                    .defaultPriority("3-moderate")
                    .build())
            .target("3-moderate", SlaMetric.resolution(), Duration.ofDays(3))
            .target("1-critical", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
            .build();
    return Fixtures.statusModel().retargetRule(rule).defaultPolicy(p).build();
  }

  private static List<TicketEvent> incident() {
    return List.of(
        TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
        new TicketEvent.PriorityChanged("INC1", "p", CHANGED, "1-critical"));
  }

  @Test
  void aPriorityChangeCancelsTheRunningSlaAndAttachesANewOneAtTheChange() {
    Instant now = CREATED.plus(Duration.ofHours(7));
    SlaEvaluation e = Fixtures.eval(set(RetargetRule.CANCEL_AND_REATTACH), incident(), now);
    List<MetricCycle> r = e.cycles(SlaMetric.resolution());
    assertEquals(2, r.size(), r.toString());
    MetricCycle old = r.get(0);
    assertEquals(CycleState.CANCELLED, old.state());
    assertEquals(Optional.of(CHANGED), old.stop());
    assertEquals(
        Optional.of(Duration.ofDays(3)), old.target(), "measured under the priority it ran under");
    assertEquals(Duration.ofHours(3), old.elapsed());
    MetricCycle attached = r.get(1);
    assertEquals(1, attached.cycle());
    assertEquals(CycleState.ACTIVE, attached.state());
    assertEquals(CHANGED, attached.start());
    assertEquals(Optional.of(Duration.ofHours(8)), attached.target());
    assertEquals(Duration.ofHours(4), attached.elapsed());
    assertEquals(Optional.of(CHANGED.plus(Duration.ofHours(8))), attached.deadline());
    // the first reply has no target here: nothing else is attached
    assertEquals(2, e.cycles().size());
  }

  @Test
  void retroactiveStartIsRecalculateFromTheOriginalStart() {
    Instant now = CREATED.plus(Duration.ofHours(7));
    SlaEvaluation e = Fixtures.eval(set(RetargetRule.RECALCULATE), incident(), now);
    List<MetricCycle> r = e.cycles(SlaMetric.resolution());
    assertEquals(1, r.size());
    assertEquals(CREATED, r.get(0).start());
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(8))), r.get(0).deadline());
  }

  @Test
  void aBreachedCycleStaysBreachedWhenCancelled() {
    // critical first (8 h), then moderate after 10 h: the critical SLA had breached at 17:00
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
            new TicketEvent.PriorityChanged("INC1", "p", CREATED, "1-critical"),
            new TicketEvent.PriorityChanged(
                "INC1", "q", CREATED.plus(Duration.ofHours(10)), "3-moderate"));
    SlaEvaluation e =
        Fixtures.eval(set(RetargetRule.CANCEL_AND_REATTACH), h, CREATED.plus(Duration.ofHours(11)));
    List<MetricCycle> r = e.cycles(SlaMetric.resolution());
    assertEquals(2, r.size(), "a change at the creation instant attaches nothing: " + r);
    assertEquals(CycleState.BREACHED, r.get(0).state());
    assertEquals(Optional.of(Duration.ofHours(8)), r.get(0).target());
    assertEquals(CycleState.ACTIVE, r.get(1).state());
    assertEquals(Optional.of(Duration.ofDays(3)), r.get(1).target());
  }

  @Test
  void anUpdateThatEndsOnTheTargetingItBeganWithCancelsNothing() {
    // one update at 12:00 sets critical (a) and back to moderate (b): nothing happened
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
            new TicketEvent.PriorityChanged("INC1", "a", CHANGED, "1-critical"),
            new TicketEvent.PriorityChanged("INC1", "b", CHANGED, "3-moderate"));
    Instant now = CREATED.plus(Duration.ofHours(7));
    SlaPolicySet set = set(RetargetRule.CANCEL_AND_REATTACH);
    SlaEvaluation e = Fixtures.eval(set, h, now);
    SlaEvaluation none = Fixtures.eval(set, h.subList(0, 1), now);
    assertEquals(none.cycles(), e.cycles());
    assertEquals(none.policyChanges(), e.policyChanges());
    // fed one by one with reads in between: the same
    SlaClock clock = Fixtures.clock(set, "INC1");
    for (TicketEvent ev : h) {
      clock.accept(ev);
      clock.evaluate(ev.at());
    }
    assertEquals(e, clock.evaluate(now));
  }

  @Test
  void jsonReadsAndWritesTheRule() {
    SlaPolicySet set = set(RetargetRule.CANCEL_AND_REATTACH);
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"retargetRule\": \"CANCEL_AND_REATTACH\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
  }
}
