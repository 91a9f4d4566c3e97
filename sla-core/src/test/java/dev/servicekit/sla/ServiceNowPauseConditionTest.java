package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ServiceNow's pause condition as a conjunction: "State is On Hold AND On hold reason is Awaiting
 * Vendor".
 *
 * <p>Source: ServiceNow documentation, "SLA conditions"
 * (https://www.servicenow.com/docs/r/it-service-management/service-level-management/c_SLAConditions.html,
 * read as the ServiceNowDocs markdown of release "brazil"): the pause condition is evaluated each
 * time the task record is created or updated; the SLA suspends increasing elapsed time while it
 * matches and, with "When to resume: Pause conditions are not met", elapsed time increases again as
 * soon as it no longer matches. The page describes conditions as built in the condition builder
 * (e.g. {@code State is "On Hold"}); that a condition may AND two fields is the condition builder's
 * and was not read on a first-party page. The state and hold-reason values are the incident form's
 * ("On Hold", "Awaiting Vendor", "Awaiting Caller"), here as keys.
 */
class ServiceNowPauseConditionTest {

  private static final Instant EIGHT = Instant.parse("2026-03-02T08:00:00Z");

  private static Instant at(int hour) {
    return EIGHT.plus(Duration.ofHours(hour - 8));
  }

  private static final SlaMetric P2 = SlaMetric.custom("p2_resolution");

  private static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "in_progress", "on_hold", "resolved")
        .solvedStatuses("resolved")
        .metric(
            MetricDefinition.builder("p2_resolution")
                .startOn(MetricTrigger.created())
                .stopOn(MetricTrigger.solved())
                .pauseWhile(
                    PauseCondition.allOf(
                        PauseCondition.status("on_hold"),
                        PauseCondition.attribute("hold_reason", "awaiting_vendor")))
                .build())
        .defaultPolicy(
            SlaPolicy.builder("incident")
                .matrix(PriorityMatrix.constant("p2"))
                .target("p2", P2, Duration.ofHours(8))
                .build())
        .build();
  }

  private static final String JSON =
      """
      {"statuses": ["new", "in_progress", "on_hold", "resolved"],
       "solvedStatuses": ["resolved"],
       "metricDefinitions": [{"name": "p2_resolution",
         "startOn": [{"on": "created"}], "stopOn": [{"on": "solved"}],
         "pauseWhile": [[{"status": ["on_hold"]},
                         {"attribute": "hold_reason", "values": ["awaiting_vendor"]}]]}],
       "defaultPolicy": {"name": "incident", "matrix": {"default": "p2"},
         "targets": {"p2": {"*": {"custom:p2_resolution": "PT8H"}}}}}
      """;

  private static List<TicketEvent> history() {
    return List.of(
        TicketEvent.Created.byCustomer("INC1", "e1", at(8), Map.of(), Set.of()),
        // 09:00 one update: On Hold, awaiting the caller: the conjunction does not hold
        new TicketEvent.StatusChanged("INC1", "e2", at(9), "on_hold"),
        new TicketEvent.AttributeChanged("INC1", "e3", at(9), "hold_reason", "awaiting_caller"),
        // 10:00 the reason becomes Awaiting Vendor: paused
        new TicketEvent.AttributeChanged("INC1", "e4", at(10), "hold_reason", "awaiting_vendor"),
        // 12:00 back In Progress (the reason stays): runs
        new TicketEvent.StatusChanged("INC1", "e5", at(12), "in_progress"),
        // 13:00 On Hold again, still Awaiting Vendor: paused
        new TicketEvent.StatusChanged("INC1", "e6", at(13), "on_hold"),
        // 14:00 the reason becomes Awaiting Caller: runs
        new TicketEvent.AttributeChanged("INC1", "e7", at(14), "hold_reason", "awaiting_caller"));
  }

  @Test
  void pausedOnlyWhileOnHoldAndAwaitingVendor() {
    for (SlaPolicySet set : List.of(set(), SlaPolicyJson.read(JSON))) {
      SlaClock clock = SlaClock.of(set, Map.of(), "INC1");
      history().forEach(clock::accept);
      MetricCycle c = clock.evaluate(at(15)).latest(P2).orElseThrow();
      // running 08-10, 12-13 and 14-15: 4 h; paused 10-12 and 13-14: 3 h
      assertEquals(Duration.ofHours(4), c.elapsed());
      assertEquals(Duration.ofHours(3), c.pausedTime());
      assertEquals(Duration.ofHours(7), c.wallElapsed());
      assertEquals(Optional.of(at(19)), c.deadline()); // 4 h left from 15:00
      List<CycleSegment> trail = clock.auditTrail(P2, 0, at(15));
      List<CycleSegment.Kind> kinds = trail.stream().map(CycleSegment::kind).toList();
      assertEquals(
          List.of(
              CycleSegment.Kind.RUNNING,
              CycleSegment.Kind.PAUSED,
              CycleSegment.Kind.RUNNING,
              CycleSegment.Kind.PAUSED,
              CycleSegment.Kind.RUNNING),
          kinds,
          trail.toString());
      assertEquals("e4", trail.get(1).openedBy());
      assertEquals("e5", trail.get(1).closedBy().orElseThrow());
    }
  }

  @Test
  void eitherConditionAloneGivesOtherNumbers() {
    // the status alone pauses 09-12 and 13-15; the reason alone 10-14: neither is the conjunction
    for (PauseCondition alone :
        List.of(
            PauseCondition.status("on_hold"),
            PauseCondition.attribute("hold_reason", "awaiting_vendor"))) {
      SlaPolicySet set =
          SlaPolicySet.builder()
              .statuses("new", "in_progress", "on_hold", "resolved")
              .solvedStatuses("resolved")
              .metric(
                  MetricDefinition.builder("p2_resolution")
                      .startOn(MetricTrigger.created())
                      .stopOn(MetricTrigger.solved())
                      .pauseWhile(alone)
                      .build())
              .defaultPolicy(set().defaultPolicy())
              .build();
      SlaClock clock = SlaClock.of(set, Map.of(), "INC1");
      history().forEach(clock::accept);
      Duration elapsed = clock.evaluate(at(15)).latest(P2).orElseThrow().elapsed();
      // status alone: runs 08-09 and 12-13; reason alone: runs 08-10 and 14-15
      assertEquals(Duration.ofHours(alone.parts().get(0).key().isEmpty() ? 2 : 3), elapsed);
    }
  }

  @Test
  void anAbsentAttributePausesFromTheCreationUntilItIsSet() {
    // e.g. "not assigned yet": paused until the first assignment group is set
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "in_progress", "resolved")
            .solvedStatuses("resolved")
            .metric(
                MetricDefinition.builder("p2_resolution")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .pauseWhile(PauseCondition.attributeAbsent("assignment_group"))
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("incident")
                    .matrix(PriorityMatrix.constant("p2"))
                    .target("p2", P2, Duration.ofHours(8))
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of(), "INC2");
    clock.accept(TicketEvent.Created.byCustomer("INC2", "e1", at(8), Map.of(), Set.of()));
    clock.accept(new TicketEvent.AttributeChanged("INC2", "e2", at(10), "assignment_group", "net"));
    MetricCycle c = clock.evaluate(at(12)).latest(P2).orElseThrow();
    assertEquals(Duration.ofHours(2), c.elapsed());
    assertEquals(Duration.ofHours(2), c.pausedTime());
    // set at the creation: never absent
    SlaClock set0 = SlaClock.of(set, Map.of(), "INC3");
    set0.accept(
        TicketEvent.Created.byCustomer(
            "INC3", "e1", at(8), Map.of("assignment_group", "net"), Set.of()));
    assertEquals(Duration.ofHours(4), set0.evaluate(at(12)).latest(P2).orElseThrow().elapsed());
  }

  @Test
  void aMalformedConditionIsRejectedWithItsPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(JSON.replace("{\"status\": [\"on_hold\"]}", "{}")));
    assertTrue(
        e.getMessage().contains("exactly one of status, tag, attribute, attributeAbsent"),
        e.getMessage());
    assertTrue(e.getMessage().contains("metricDefinitions[0].pauseWhile[0][0]"), e.getMessage());
    assertTrue(e.getMessage().contains("line"), e.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(JSON.replace("[\"on_hold\"]", "[\"parked\"]")));
    assertTrue(
        unknown.getMessage().contains("metricDefinitions[0].pauseWhile[0][0].status[0]"),
        unknown.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(JSON.replace("\"pauseWhile\": [[", "\"pauseWhile\": [[], [")));
    assertTrue(empty.getMessage().contains("at least one part"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PauseCondition.allOf());
    assertThrows(IllegalArgumentException.class, () -> PauseCondition.status());
    assertThrows(NullPointerException.class, () -> PauseCondition.tag((String) null));
  }
}
