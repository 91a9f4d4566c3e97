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

  // -------------------------------------------------------------------------------------------
  // Metrics defined as data are re-attached like the built-ins

  private static final SlaMetric TASK_SLA = SlaMetric.custom("resolution_sla");
  private static final SlaMetric ANSWER = SlaMetric.custom("answer");

  /**
   * The same ServiceNow incident with its resolution SLA defined as data (started at creation,
   * stopped by solving, paused while pending or while the On hold reason is Awaiting Vendor) and a
   * per-call answer metric: the priority change at 12:00 cancels the running task SLA and attaches
   * a new one, like the built-in resolution; the call ringing across the change is cancelled and
   * re-attached too, under its own call id (like the built-in answer time, {@code
   * PerCallReattachTest}).
   */
  static SlaPolicySet definedAsData(ReattachStart start, boolean retroactivePause) {
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(
                PriorityMatrix.builder()
                    .cell("1", "1", "1-critical")
                    .defaultPriority("3-moderate")
                    .build())
            .target("3-moderate", TASK_SLA, Duration.ofDays(3))
            .target("1-critical", TASK_SLA, Duration.ofHours(8))
            .target("3-moderate", ANSWER, Duration.ofSeconds(30))
            .target("1-critical", ANSWER, Duration.ofSeconds(30))
            .build();
    return Fixtures.statusModel()
        .metric(
            MetricDefinition.builder("resolution_sla")
                .startOn(MetricTrigger.created())
                .stopOn(MetricTrigger.solved())
                .pauseIn("pending")
                .pauseWhileAttribute("hold_reason", "awaiting_vendor")
                .build())
        .metric(MetricDefinition.answerTime("answer"))
        .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
        .reattachStart(start)
        .retroactivePause(retroactivePause)
        .defaultPolicy(p)
        .build();
  }

  private static List<TicketEvent> heldIncident() {
    return List.of(
        TicketEvent.Created.byCustomer("INC1", "c", CREATED, Map.of(), Set.of()),
        new TicketEvent.AttributeChanged(
            "INC1", "h1", CREATED.plus(Duration.ofHours(1)), "hold_reason", "awaiting_vendor"),
        new TicketEvent.AttributeChanged(
            "INC1", "h2", CREATED.plus(Duration.ofHours(2)), "hold_reason", "none"),
        new TicketEvent.CallOffered("INC1", "o", CHANGED.minusSeconds(10), "call-1"),
        new TicketEvent.PriorityChanged("INC1", "p", CHANGED, "1-critical"),
        new TicketEvent.CallAnswered("INC1", "a", CHANGED.plusSeconds(10), "call-1"));
  }

  @Test
  void aMetricDefinedAsDataIsCancelledAndReattachedLikeTheBuiltIn() {
    Instant now = CREATED.plus(Duration.ofHours(7)); // 16:00
    SlaEvaluation e =
        Fixtures.eval(definedAsData(ReattachStart.AT_CHANGE, false), heldIncident(), now);
    List<MetricCycle> r = e.cycles(TASK_SLA);
    assertEquals(2, r.size(), r.toString());
    MetricCycle old = r.get(0);
    assertEquals(CycleState.CANCELLED, old.state());
    assertEquals(Optional.of(CHANGED), old.stop());
    assertEquals(Optional.of(Duration.ofDays(3)), old.target());
    assertEquals(Duration.ofHours(2), old.elapsed()); // 09-10 and 11-12: the hold paused 10-11
    assertEquals(Duration.ofHours(1), old.pausedTime());
    MetricCycle attached = r.get(1);
    assertEquals(1, attached.cycle());
    assertEquals(CHANGED, attached.start());
    assertEquals(Optional.of(Duration.ofHours(8)), attached.target());
    assertEquals(Duration.ofHours(4), attached.elapsed());
    assertEquals(Optional.of(CHANGED.plus(Duration.ofHours(8))), attached.deadline());
    // the call rang across the change: cancelled after 10 s, re-attached for the same call at the
    // change and answered 10 s later
    List<MetricCycle> calls = e.cycles(ANSWER);
    assertEquals(2, calls.size(), calls.toString());
    assertEquals(CycleState.CANCELLED, calls.get(0).state());
    assertEquals(Duration.ofSeconds(10), calls.get(0).elapsed());
    assertEquals(CycleState.ACHIEVED, calls.get(1).state());
    assertEquals("call-1", calls.get(1).key());
    assertEquals(CHANGED, calls.get(1).start());
    assertEquals(Duration.ofSeconds(10), calls.get(1).elapsed());
    // the audit trail of the attached cycle names the priority change as its opener
    SlaClock clock = Fixtures.clock(definedAsData(ReattachStart.AT_CHANGE, false), "INC1");
    heldIncident().forEach(clock::accept);
    List<CycleSegment> trail = clock.auditTrail(TASK_SLA, 1, now);
    assertEquals("p", trail.get(0).openedBy());
    assertEquals(CycleSegment.Kind.RUNNING, trail.get(0).kind());
  }

  /**
   * With retroactive start ("Set start to: Created") the attached task SLA counts from creation:
   * with retroactive pause the Awaiting Vendor hour is not counted (deadline 18:00), without it the
   * span before the attach counts in full (deadline 17:00), as for the built-in resolution ({@code
   * RetroactiveStartTest}).
   */
  @Test
  void aMetricDefinedAsDataIsAttachedRetroactivelyWithOrWithoutItsPauses() {
    Instant now = CREATED.plus(Duration.ofHours(7));
    MetricCycle withPause =
        Fixtures.eval(definedAsData(ReattachStart.AT_CREATION, true), heldIncident(), now)
            .cycles(TASK_SLA)
            .get(1);
    assertEquals(CREATED, withPause.start());
    assertEquals(Duration.ofHours(6), withPause.elapsed());
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(9))), withPause.deadline());
    MetricCycle without =
        Fixtures.eval(definedAsData(ReattachStart.AT_CREATION, false), heldIncident(), now)
            .cycles(TASK_SLA)
            .get(1);
    assertEquals(Duration.ofHours(7), without.elapsed());
    assertEquals(Optional.of(CREATED.plus(Duration.ofHours(8))), without.deadline());
  }
}
