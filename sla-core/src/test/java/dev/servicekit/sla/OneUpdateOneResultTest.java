package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One CRM update, one result: the targeting is derived once per instant, from the state after all
 * of that instant's changes, whatever the ids of the events that carry them (issue 17).
 *
 * <p>The reproducer: KEEP_REACHED, first reply 24/7, created Thursday 10:00Z with severity
 * s2 and tier silver (normal, 3 h). At 11:00 one update sets severity s1 and tier bronze, which the
 * matrix maps to normal again. Applied one attribute at a time, id order decided whether the clock
 * passed through urgent (15 min) for zero time and kept the breach it would have had there.
 */
class OneUpdateOneResultTest {

  private static final Instant THU_10 = Instant.parse("2026-01-08T10:00:00Z");
  private static final Instant THU_11 = Instant.parse("2026-01-08T11:00:00Z");

  static SlaPolicySet set(RetargetRule rule) {
    PriorityMatrix matrix =
        PriorityMatrix.builder()
            .cell("s1", "silver", "urgent")
            .cell("s2", "silver", "normal")
            .cell("s1", "bronze", "normal")
            .cell("s2", "bronze", "low")
            .build();
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(matrix)
            .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(15))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(3))
            .target("low", SlaMetric.firstResponse(), Duration.ofHours(8))
            .rule(
                MetricRule.builder(SlaMetric.firstResponse())
                    .warnAt(50, 75, 90)
                    .escalate(EscalationLevel.of(1, 100, "lead"))
                    .escalate(EscalationLevel.of(2, 200, "manager"))
                    .build())
            .build();
    return Fixtures.statusModel().retargetRule(rule).defaultPolicy(p).build();
  }

  /** The update at 11:00: event {@code a} sets {@code aKey}, event {@code b} the other key. */
  static List<TicketEvent> history(String aKey) {
    String bKey = aKey.equals("severity") ? "tier" : "severity";
    Map<String, String> values = Map.of("severity", "s1", "tier", "bronze");
    return List.of(
        new TicketEvent.Created(
            "T", "c", THU_10, Map.of("severity", "s2", "tier", "silver"), Set.of()),
        new TicketEvent.AttributeChanged("T", "a", THU_11, aKey, values.get(aKey)),
        new TicketEvent.AttributeChanged("T", "b", THU_11, bKey, values.get(bKey)));
  }

  @Test
  void keepReachedKeepsNothingFromATargetingThatWasInForceForNoTime() {
    SlaPolicySet set = set(RetargetRule.KEEP_REACHED);
    Instant now = Instant.parse("2026-01-08T11:30:00Z");
    SlaEvaluation severityFirst = Fixtures.eval(set, history("severity"), now);
    SlaEvaluation tierFirst = Fixtures.eval(set, history("tier"), now);
    MetricCycle c = severityFirst.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(CycleState.ACTIVE, c.state(), "urgent was never in force");
    assertEquals(Optional.empty(), c.breachedAt());
    assertEquals(50, c.warningPercent(), "90 of 180 minutes");
    assertEquals(Optional.empty(), c.escalation());
    assertEquals(Optional.of(Instant.parse("2026-01-08T13:00:00Z")), c.deadline());
    assertEquals(tierFirst, severityFirst, "the ids of one update do not matter");
    assertEquals(
        1, severityFirst.policyChanges().size(), "normal again: no change, only the creation");
  }

  @Test
  void aChangedTargetingIsRecordedOncePerInstantNamingTheLastEvent() {
    // s1 + silver from s2 + bronze (low): urgent, whatever the order; one entry at 11:00.
    SlaPolicySet set = set(RetargetRule.KEEP_REACHED);
    List<TicketEvent> h =
        List.of(
            new TicketEvent.Created(
                "T", "c", THU_10, Map.of("severity", "s2", "tier", "bronze"), Set.of()),
            new TicketEvent.AttributeChanged("T", "a", THU_11, "tier", "silver"),
            new TicketEvent.AttributeChanged("T", "b", THU_11, "severity", "s1"));
    SlaEvaluation e = Fixtures.eval(set, h, THU_11);
    assertEquals(
        List.of(
            new PolicyChange(THU_10, "c", "standard", Optional.of("low"), "*"),
            new PolicyChange(THU_11, "b", "standard", Optional.of("urgent"), "*")),
        e.policyChanges());
    MetricCycle c = e.latest(SlaMetric.firstResponse()).orElseThrow();
    // kept from low (1 h of 8 h: 12 %, no warning), then urgent from the start: breached 10:15
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(Instant.parse("2026-01-08T10:15:00.000000001Z")), c.breachedAt());
  }

  @Test
  void incrementalWithReadsBetweenTheChangesEqualsBatch() {
    for (RetargetRule rule : RetargetRule.values()) {
      SlaPolicySet set = set(rule);
      for (String first : List.of("severity", "tier")) {
        List<TicketEvent> h = history(first);
        SlaClock clock = Fixtures.clock(set, "T");
        for (TicketEvent e : h) {
          clock.accept(e);
          clock.evaluate(e.at()); // a read between the two changes of 11:00
        }
        Instant now = Instant.parse("2026-01-08T12:00:00Z");
        assertEquals(Fixtures.eval(set, h, now), clock.evaluate(now), rule + " " + first);
      }
    }
  }
}
