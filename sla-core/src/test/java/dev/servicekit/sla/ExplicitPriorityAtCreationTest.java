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
 * README, "The matrix gives the priority only until the ticket's first PriorityChanged": a CRM that
 * keeps the priority as a field sends it as a PriorityChanged at the creation's instant; an
 * attribute named priority sets nothing.
 */
class ExplicitPriorityAtCreationTest {

  private static final Instant NINE = Instant.parse("2026-04-07T09:00:00Z");
  private static final Instant TEN = Instant.parse("2026-04-07T10:00:00Z");
  private static final Instant NOON = Instant.parse("2026-04-07T12:00:00Z");

  private static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("support")
                .matrix(
                    PriorityMatrix.builder()
                        .cell("major", "gold", "high")
                        .cell("critical", "gold", "urgent")
                        .defaultPriority("normal")
                        .build())
                .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(30))
                .target("high", SlaMetric.firstResponse(), Duration.ofHours(1))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4))
                .build())
        .build();
  }

  private static TicketEvent.Created created(Map<String, String> attributes) {
    return TicketEvent.Created.byCustomer("T", "c", NINE, attributes, Set.of());
  }

  @Test
  void anAttributeNamedPrioritySetsNoPriorityAndReportsNothing() {
    SlaEvaluation e =
        SlaClock.evaluate(
            set(),
            Map.of(),
            List.of(created(Map.of("severity", "major", "tier", "gold", "priority", "urgent"))),
            TEN);
    assertEquals(Optional.of("high"), e.priority());
    assertEquals(List.of(), e.anomalies());
  }

  @Test
  void anExplicitPriorityAtTheCreationOverridesTheMatrixForTheRestOfTheTicket() {
    SlaClock clock = SlaClock.of(set(), Map.of(), "T");
    clock.accept(created(Map.of("severity", "major", "tier", "gold")));
    clock.accept(new TicketEvent.PriorityChanged("T", "p", NINE, "normal"));
    clock.accept(new TicketEvent.AttributeChanged("T", "a", TEN, "severity", "critical"));
    SlaEvaluation e = clock.evaluate(NOON);
    assertEquals(Optional.of("normal"), e.priority(), "the severity change does not move it");
    assertEquals(
        Optional.of(Duration.ofHours(4)),
        e.latest(SlaMetric.firstResponse()).orElseThrow().target());
    assertEquals(
        List.of(
            new PolicyChange(NINE, "c", "support", Optional.of("high"), "*"),
            new PolicyChange(NINE, "p", "support", Optional.of("normal"), "*")),
        e.policyChanges(),
        "the creation's own entry, then the update's, at one instant");
  }
}
