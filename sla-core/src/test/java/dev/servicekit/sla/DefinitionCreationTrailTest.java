package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a custom metric started by the creating update names the creation, as the
 * built-in metrics' trails do, also when the update carries attribute or tag changes whose event
 * ids sort after the creation's.
 */
class DefinitionCreationTrailTest {

  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant TEN = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

  private static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .metric(MetricDefinition.resolution("res", ReopenRule.RESUME))
        .metric(
            MetricDefinition.builder("triage")
                .startOn(MetricTrigger.created())
                .stopOn(MetricTrigger.publicReply())
                .build())
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("n"))
                .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                .target("n", SlaMetric.custom("res"), Duration.ofHours(8))
                .build())
        .build();
  }

  private static SlaClock clock(boolean attributeFirst) {
    SlaClock clock = SlaClock.of(set(), Map.of(), "T");
    TicketEvent created = TicketEvent.Created.byCustomer("T", "ev-1", NINE, Map.of(), Set.of());
    TicketEvent group = new TicketEvent.AttributeChanged("T", "ev-2", NINE, "group", "tier-1");
    TicketEvent tags = new TicketEvent.TagsChanged("T", "ev-3", NINE, Set.of("vip"));
    if (attributeFirst) {
      clock.accept(tags);
      clock.accept(group);
      clock.accept(created);
    } else {
      clock.accept(created);
      clock.accept(group);
      clock.accept(tags);
    }
    clock.accept(TicketEvent.AgentReply.publicReply("T", "ev-4", TEN));
    return clock;
  }

  @Test
  void aCycleStartedByTheCreatingUpdateIsOpenedByTheCreation() {
    for (boolean attributeFirst : new boolean[] {false, true}) {
      SlaClock clock = clock(attributeFirst);
      List<CycleSegment> builtIn = clock.auditTrail(SlaMetric.resolution(), 0, NOON);
      assertEquals("ev-1", builtIn.get(0).openedBy());
      // the ready-made definition's trail is the built-in's, segment for segment
      assertEquals(builtIn, clock.auditTrail(SlaMetric.custom("res"), 0, NOON));
      List<CycleSegment> triage = clock.auditTrail(SlaMetric.custom("triage"), 0, NOON);
      assertEquals(CycleSegment.Kind.RUNNING, triage.get(0).kind());
      assertEquals("ev-1", triage.get(0).openedBy()); // was ev-3, the update's last event
      assertEquals("ev-4", triage.get(0).closedBy().orElseThrow());
    }
  }

  /**
   * A re-target by the creating update begins the built-in's segment at the re-targeting event
   * (seed 825611302070685414 of TwinAuditTrailProperties): the twin's trail names it too.
   */
  @Test
  void aRetargetByTheCreatingUpdateOpensTheSegmentForTheTwinAsForTheBuiltIn() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .metric(MetricDefinition.resolution("res", ReopenRule.RESUME))
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                    .target("n", SlaMetric.custom("res"), Duration.ofHours(8))
                    .target("high", SlaMetric.resolution(), Duration.ofHours(4))
                    .target("high", SlaMetric.custom("res"), Duration.ofHours(4))
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "ev-1", NINE, Map.of(), Set.of()));
    clock.accept(new TicketEvent.PriorityChanged("T", "ev-2", NINE, "high"));
    clock.accept(new TicketEvent.AttributeChanged("T", "ev-3", NINE, "group", "tier-1"));
    List<CycleSegment> builtIn = clock.auditTrail(SlaMetric.resolution(), 0, NOON);
    assertEquals("ev-2", builtIn.get(0).openedBy());
    assertEquals(Duration.ofHours(4), builtIn.get(0).target().orElseThrow());
    assertEquals(builtIn, clock.auditTrail(SlaMetric.custom("res"), 0, NOON));
  }
}
