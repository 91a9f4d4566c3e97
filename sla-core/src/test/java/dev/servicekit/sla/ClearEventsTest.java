package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TicketEvent.AttributeCleared} and {@link TicketEvent.PriorityCleared}: after a clear the
 * ticket behaves as if the attribute (or the explicit priority) had never been set, a clear that
 * changes the targeting is a re-target, a clear of what is not set changes nothing, and a change
 * and a clear of one field at one instant are two writes ordered by id.
 */
class ClearEventsTest {

  private static final String T = "T-1";
  private static final Instant C = Instant.parse("2026-03-02T09:00:00Z");

  private static Instant plusH(long h) {
    return C.plus(Duration.ofHours(h));
  }

  /** gold tier: policy gold; severity x tier matrix with default normal; 24/7 resolution. */
  static SlaPolicySet set(RetargetRule rule) {
    PriorityMatrix m =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s1", "silver", "high")
            .cell("s2", "gold", "high")
            .defaultPriority("normal")
            .build();
    SlaPolicy gold =
        SlaPolicy.builder("gold")
            .when(MatchCondition.always().withAttribute("tier", "gold"))
            .matrix(m)
            .target("urgent", SlaMetric.resolution(), Duration.ofHours(1))
            .target("high", SlaMetric.resolution(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(3))
            .build();
    SlaPolicy standard =
        SlaPolicy.builder("standard")
            .matrix(m)
            .target("urgent", SlaMetric.resolution(), Duration.ofHours(4))
            .target("high", SlaMetric.resolution(), Duration.ofHours(8))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(16))
            .build();
    return Fixtures.statusModel().retargetRule(rule).policy(gold).defaultPolicy(standard).build();
  }

  private static SlaEvaluation eval(SlaPolicySet set, Instant now, TicketEvent... events) {
    return SlaClock.evaluate(set, Map.of(), List.of(events), now);
  }

  private static TicketEvent.Created created(Map<String, String> attrs) {
    return TicketEvent.Created.byCustomer(T, "c", C, attrs, Set.of());
  }

  private static MetricCycle resolution(SlaEvaluation e) {
    return e.latest(SlaMetric.resolution()).orElseThrow(() -> new AssertionError(e.toString()));
  }

  @Test
  void aClearedSeverityFallsBackToTheMatrixDefaultAndIsReportedAbsent() {
    SlaEvaluation e =
        eval(
            set(RetargetRule.RECALCULATE),
            plusH(2),
            created(Map.of("severity", "s1", "tier", "silver")),
            new TicketEvent.AttributeCleared(T, "clr", plusH(1), "severity"));
    assertEquals(Optional.of("normal"), e.priority());
    assertEquals(Optional.of(Duration.ofHours(16)), resolution(e).target());
    assertEquals(
        List.of(
            new PolicyChange(C, "c", "standard", Optional.of("high"), "*"),
            new PolicyChange(plusH(1), "clr", "standard", Optional.of("normal"), "*")),
        e.policyChanges().stream().map(ClearEventsTest::anyChannel).toList());
    assertEquals(1, e.anomalies().size(), e.anomalies().toString());
    EventAnomaly a = e.anomalies().get(0);
    assertEquals("clr", a.eventId());
    assertTrue(
        a.reason().startsWith("severity is absent, so not among the severity keys"), a.reason());
  }

  private static PolicyChange anyChannel(PolicyChange p) {
    return new PolicyChange(p.at(), p.eventId(), p.policy(), p.priority(), "*");
  }

  @Test
  void aClearedSeverityIsTheTicketCreatedWithoutIt() {
    // From the clear on, the ticket is measured as one that never had the attribute.
    SlaPolicySet set = set(RetargetRule.RECALCULATE);
    SlaEvaluation cleared =
        eval(
            set,
            plusH(5),
            created(Map.of("severity", "s1", "tier", "silver")),
            new TicketEvent.AttributeCleared(T, "clr", C, "severity"));
    SlaEvaluation never = eval(set, plusH(5), created(Map.of("tier", "silver")));
    assertEquals(never.cycles(), cleared.cycles());
    assertEquals(never.priority(), cleared.priority());
    assertEquals(never.anomalies().size(), cleared.anomalies().size());
  }

  @Test
  void aClearedTierStopsMatchingThePolicyCondition() {
    SlaEvaluation e =
        eval(
            set(RetargetRule.RECALCULATE),
            plusH(2),
            created(Map.of("severity", "s2", "tier", "gold")),
            new TicketEvent.AttributeCleared(T, "clr", plusH(1), "tier"));
    assertEquals("standard", e.policy());
    assertEquals(Optional.of("normal"), e.priority()); // s2 without a tier: the default
    assertEquals(2, e.policyChanges().size());
    assertEquals("gold", e.policyChanges().get(0).policy());
    assertEquals("standard", e.policyChanges().get(1).policy());
  }

  @Test
  void aPriorityClearReturnsToTheMatrixPriority() {
    SlaEvaluation e =
        eval(
            set(RetargetRule.RECALCULATE),
            plusH(3),
            created(Map.of("severity", "s1", "tier", "silver")),
            new TicketEvent.PriorityChanged(T, "p", plusH(1), "urgent"),
            new TicketEvent.PriorityCleared(T, "pc", plusH(2)));
    assertEquals(Optional.of("high"), e.priority());
    assertEquals(Optional.of(Duration.ofHours(8)), resolution(e).target());
    List<Optional<String>> priorities =
        e.policyChanges().stream().map(PolicyChange::priority).toList();
    assertEquals(
        List.of(Optional.of("high"), Optional.of("urgent"), Optional.of("high")), priorities);
    assertEquals("pc", e.policyChanges().get(2).eventId());
    assertTrue(e.anomalies().isEmpty(), e.anomalies().toString());
  }

  @Test
  void aPriorityClearWhereTheMatrixGivesTheSamePriorityChangesNothing() {
    SlaPolicySet set = set(RetargetRule.RECALCULATE);
    SlaEvaluation e =
        eval(
            set,
            plusH(3),
            created(Map.of("severity", "s1", "tier", "silver")),
            new TicketEvent.PriorityChanged(T, "p", plusH(1), "high"),
            new TicketEvent.PriorityCleared(T, "pc", plusH(2)));
    assertEquals(1, e.policyChanges().size(), e.policyChanges().toString());
  }

  @Test
  void clearingWhatIsNotSetIsANoOpLikeSettingTheSameValue() {
    SlaPolicySet set = set(RetargetRule.CANCEL_AND_REATTACH);
    TicketEvent.Created c = created(Map.of("tier", "silver"));
    SlaEvaluation plain = eval(set, plusH(5), c);
    SlaEvaluation cleared =
        eval(
            set,
            plusH(5),
            c,
            new TicketEvent.AttributeCleared(T, "a", plusH(1), "severity"), // never set
            new TicketEvent.AttributeCleared(T, "b", plusH(1), "colour"), // read by nothing
            new TicketEvent.PriorityCleared(T, "p", plusH(2))); // no explicit priority
    assertEquals(plain, cleared);
    // a second clear of a cleared attribute is a no-op too
    SlaEvaluation once =
        eval(
            set,
            plusH(5),
            created(Map.of("tier", "silver", "severity", "s1")),
            new TicketEvent.AttributeCleared(T, "a", plusH(1), "severity"));
    SlaEvaluation twice =
        eval(
            set,
            plusH(5),
            created(Map.of("tier", "silver", "severity", "s1")),
            new TicketEvent.AttributeCleared(T, "a", plusH(1), "severity"),
            new TicketEvent.AttributeCleared(T, "b", plusH(2), "severity"));
    assertEquals(once, twice);
  }

  @Test
  void aClearUnderCancelAndReattachCancelsAndAttachesANewCycle() {
    SlaPolicySet set = CancelAndReattachTest.set(RetargetRule.CANCEL_AND_REATTACH);
    SlaEvaluation e =
        eval(
            set,
            plusH(6),
            TicketEvent.Created.byCustomer(T, "c", C, Map.of(), Set.of()),
            new TicketEvent.PriorityChanged(T, "p", plusH(3), "1-critical"),
            new TicketEvent.PriorityCleared(T, "pc", plusH(5)));
    List<MetricCycle> r = e.cycles(SlaMetric.resolution());
    assertEquals(3, r.size(), r.toString());
    assertEquals(CycleState.CANCELLED, r.get(0).state());
    assertEquals(CycleState.CANCELLED, r.get(1).state());
    assertEquals(Optional.of(plusH(5)), r.get(1).stop());
    assertEquals(Optional.of(Duration.ofHours(8)), r.get(1).target());
    assertEquals(CycleState.ACTIVE, r.get(2).state());
    assertEquals(plusH(5), r.get(2).start());
    assertEquals(Optional.of(Duration.ofDays(3)), r.get(2).target());
  }

  @Test
  void theAuditTrailShowsTheClearAsARetarget() {
    SlaClock clock = SlaClock.of(set(RetargetRule.RECALCULATE), Map.of(), T);
    clock.accept(created(Map.of("severity", "s1", "tier", "silver")));
    clock.accept(new TicketEvent.AttributeCleared(T, "clr", plusH(1), "severity"));
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.resolution(), 0, plusH(2));
    CycleSegment last = trail.get(trail.size() - 1);
    assertEquals("clr", last.openedBy(), trail.toString());
    assertEquals(plusH(1), last.from());
    assertEquals(Optional.of(Duration.ofHours(16)), last.target());
  }

  @Test
  void aDueDateClearedLeavesTheMetricWithoutADueDate() {
    SlaPolicy p =
        SlaPolicy.builder("incident")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .rule(MetricRule.builder(SlaMetric.resolution()).dueFrom("due_at").build())
            .build();
    for (DueDateRule rule : DueDateRule.values()) {
      SlaPolicySet set = Fixtures.statusModel().dueDateRule(rule).defaultPolicy(p).build();
      TicketEvent.Created c =
          TicketEvent.Created.byCustomer(
              T, "c", C, Map.of("due_at", plusH(10).toString()), Set.of());
      SlaEvaluation before = eval(set, plusH(2), c);
      assertEquals(Optional.of(plusH(10)), resolution(before).deadline());
      SlaEvaluation e =
          eval(set, plusH(2), c, new TicketEvent.AttributeCleared(T, "clr", plusH(1), "due_at"));
      SlaEvaluation never =
          eval(set, plusH(2), TicketEvent.Created.byCustomer(T, "c", C, Map.of(), Set.of()));
      // as the ticket that never had one: untargeted (AS_GIVEN) or due a second after the start
      assertEquals(
          never.latest(SlaMetric.resolution()).map(MetricCycle::target),
          e.latest(SlaMetric.resolution()).map(MetricCycle::target),
          rule.toString());
      assertTrue(
          e.anomalies().stream()
              .anyMatch(a -> a.eventId().equals("clr") && a.reason().contains("no due date")),
          e.anomalies().toString());
    }
  }

  @Test
  void aDefinitionsAttributeLeftFiresOnAClear() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .metric(
                MetricDefinition.builder("vendor_wait")
                    .startOn(MetricTrigger.attributeEntered("hold", "vendor"))
                    .stopOn(MetricTrigger.attributeLeft("hold", "vendor"))
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.custom("vendor_wait"), Duration.ofHours(4))
                    .build())
            .build();
    SlaEvaluation e =
        eval(
            set,
            plusH(5),
            created(Map.of()),
            new TicketEvent.AttributeChanged(T, "v", plusH(1), "hold", "vendor"),
            new TicketEvent.AttributeCleared(T, "clr", plusH(3), "hold"));
    MetricCycle w = e.latest(SlaMetric.custom("vendor_wait")).orElseThrow();
    assertEquals(CycleState.ACHIEVED, w.state());
    assertEquals(Optional.of(plusH(3)), w.stop());
    assertEquals(Duration.ofHours(2), w.elapsed());
  }

  @Test
  void aPauseWhileAttributeStopsMatchingWhenCleared() {
    SlaPolicySet set =
        Fixtures.statusModel()
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                    .rule(
                        MetricRule.builder(SlaMetric.resolution())
                            .pauseWhileAttribute("hold", "vendor")
                            .build())
                    .build())
            .build();
    SlaEvaluation e =
        eval(
            set,
            plusH(5),
            created(Map.of("hold", "vendor")),
            new TicketEvent.AttributeCleared(T, "clr", plusH(2), "hold"));
    MetricCycle r = resolution(e);
    assertEquals(Duration.ofHours(3), r.elapsed());
    assertEquals(Duration.ofHours(2), r.pausedTime());
  }

  @Test
  void aChangeAndAClearOfOneAttributeAtOneInstantLeaveTheLaterIdsWrite() {
    SlaPolicySet set = set(RetargetRule.RECALCULATE);
    TicketEvent.Created c = created(Map.of("tier", "silver", "severity", "s2"));
    // the clear has the later id: the attribute is absent after the instant
    List<TicketEvent> clearLast =
        List.of(
            c,
            new TicketEvent.AttributeChanged(T, "e1", plusH(1), "severity", "s1"),
            new TicketEvent.AttributeCleared(T, "e2", plusH(1), "severity"));
    // the change has the later id: s1 after the instant
    List<TicketEvent> changeLast =
        List.of(
            c,
            new TicketEvent.AttributeCleared(T, "e1", plusH(1), "severity"),
            new TicketEvent.AttributeChanged(T, "e2", plusH(1), "severity", "s1"));
    for (int shuffle = 0; shuffle < 6; shuffle++) {
      assertEquals(Optional.of("normal"), arrived(set, clearLast, shuffle).priority());
      assertEquals(Optional.of("high"), arrived(set, changeLast, shuffle).priority());
    }
    // the same for the priority
    List<TicketEvent> priorityClearLast =
        List.of(
            c,
            new TicketEvent.PriorityChanged(T, "e1", plusH(1), "urgent"),
            new TicketEvent.PriorityCleared(T, "e2", plusH(1)));
    List<TicketEvent> priorityChangeLast =
        List.of(
            c,
            new TicketEvent.PriorityCleared(T, "e1", plusH(1)),
            new TicketEvent.PriorityChanged(T, "e2", plusH(1), "urgent"));
    for (int shuffle = 0; shuffle < 6; shuffle++) {
      SlaEvaluation cleared = arrived(set, priorityClearLast, shuffle);
      assertEquals(Optional.of("normal"), cleared.priority());
      assertEquals(1, cleared.policyChanges().size(), "never left normal for any time");
      assertEquals(Optional.of("urgent"), arrived(set, priorityChangeLast, shuffle).priority());
    }
  }

  private static SlaEvaluation arrived(SlaPolicySet set, List<TicketEvent> events, long seed) {
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    SlaClock clock = SlaClock.of(set, Map.of(), T);
    shuffled.forEach(clock::accept);
    return clock.evaluate(plusH(3));
  }

  @Test
  void aRetractedClearRestoresTheValueAndAReplacedOneIsTheNewEvent() {
    SlaPolicySet set = set(RetargetRule.RECALCULATE);
    TicketEvent.Created c = created(Map.of("tier", "silver", "severity", "s1"));
    SlaClock clock = SlaClock.of(set, Map.of(), T);
    clock.accept(c);
    clock.accept(new TicketEvent.AttributeCleared(T, "clr", plusH(1), "severity"));
    assertEquals(Optional.of("normal"), clock.evaluate(plusH(2)).priority());
    assertTrue(clock.retract("clr"));
    assertEquals(eval(set, plusH(2), c), clock.evaluate(plusH(2)));
    clock.accept(new TicketEvent.PriorityCleared(T, "pc", plusH(1)));
    assertTrue(
        clock.replace(new TicketEvent.PriorityChanged(T, "pc", plusH(1), "urgent")),
        "a clear replaced by a change");
    assertEquals(Optional.of("urgent"), clock.evaluate(plusH(2)).priority());
    assertTrue(
        clock.replace(new TicketEvent.AttributeCleared(T, "pc", plusH(1), "severity")),
        "a change replaced by a clear");
    assertEquals(Optional.of("normal"), clock.evaluate(plusH(2)).priority());
  }

  @Test
  void anAsOfReadBeforeAClearSeesTheValue() {
    SlaPolicySet set = set(RetargetRule.RECALCULATE);
    SlaClock clock = SlaClock.of(set, Map.of(), T);
    clock.accept(new TicketEvent.AttributeCleared(T, "clr", plusH(2), "severity")); // early arrival
    clock.accept(created(Map.of("tier", "silver", "severity", "s1")));
    assertEquals(Optional.of("high"), clock.evaluate(plusH(1)).priority());
    assertEquals(Optional.of("normal"), clock.evaluate(plusH(3)).priority());
  }

  @Test
  void strictKeysAcceptAClear() {
    PriorityMatrix m = PriorityMatrix.builder().cell("s1", "gold", "urgent").build();
    SlaPolicySet set =
        Fixtures.statusModel()
            .rejectUnknownKeys(true)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(m)
                    .target("urgent", SlaMetric.resolution(), Duration.ofHours(1))
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of(), T);
    clock.accept(created(Map.of("severity", "s1", "tier", "gold")));
    assertTrue(clock.accept(new TicketEvent.AttributeCleared(T, "a", plusH(1), "severity")));
    assertTrue(clock.accept(new TicketEvent.PriorityCleared(T, "p", plusH(1))));
    assertFalse(clock.evaluate(plusH(2)).priority().isPresent(), "no default: no priority");
  }

  @Test
  void theKindsAreValuesAndValidateTheirKey() {
    assertEquals(
        new TicketEvent.AttributeCleared(T, "e", C, "tier"),
        new TicketEvent.AttributeCleared(T, "e", C, "tier"));
    assertFalse(
        new TicketEvent.AttributeCleared(T, "e", C, "tier")
            .equals(new TicketEvent.AttributeCleared(T, "e", C, "severity")));
    assertEquals(
        new TicketEvent.PriorityCleared(T, "e", C), new TicketEvent.PriorityCleared(T, "e", C));
    assertFalse(
        new TicketEvent.PriorityCleared(T, "e", C)
            .equals(new TicketEvent.AttributeCleared(T, "e", C, "x")));
    assertEquals(
        "AttributeCleared[ticketId=T-1, id=e, at=2026-03-02T09:00:00Z, key=tier]",
        new TicketEvent.AttributeCleared(T, "e", C, "tier").toString());
    assertEquals(
        "PriorityCleared[ticketId=T-1, id=e, at=2026-03-02T09:00:00Z]",
        new TicketEvent.PriorityCleared(T, "e", C).toString());
    assertThrows(
        NullPointerException.class, () -> new TicketEvent.AttributeCleared(T, "e", C, null));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TicketEvent.AttributeCleared(T, "e", C, " x"));
    assertTrue(bad.getMessage().startsWith("attribute ' x'"), bad.getMessage());
    // ordered with the attribute and priority changes, before status changes
    List<TicketEvent> l =
        new ArrayList<>(
            List.of(
                new TicketEvent.StatusChanged(T, "a", C, "open"),
                new TicketEvent.PriorityCleared(T, "z", C),
                new TicketEvent.AttributeChanged(T, "y", C, "k", "v"),
                new TicketEvent.AttributeCleared(T, "x", C, "k")));
    l.sort(TicketEvent.ORDER);
    assertEquals(List.of("x", "y", "z", "a"), l.stream().map(TicketEvent::id).toList());
  }
}
