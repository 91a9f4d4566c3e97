package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link MetricTrigger#reopenedFrom}, the counterpart of {@link MetricTrigger#solvedInto}: a reopen
 * from some solved statuses only, so that a definition can tell a reopen from a cancelled status
 * (an un-cancel, an unmerge) from a reopen from one that met the cycle. No earlier trigger says it:
 * {@code reopened} fires for both, and {@code status_left} of a solved status also fires on a move
 * to another solved status (solved to closed), which is no reopen. Before, the trigger took no
 * values (in code and in JSON: "trigger reopened takes no values").
 */
class ReopenedFromTest {

  private static final SlaMetric AFTER_SOLVE = SlaMetric.custom("after_solve");
  private static final SlaMetric AFTER_CANCEL = SlaMetric.custom("after_cancel");
  private static final SlaMetric ANY_REOPEN = SlaMetric.custom("any_reopen");

  private static MetricDefinition from(String name, MetricTrigger start) {
    return MetricDefinition.builder(name)
        .startOn(start)
        .stopOn(MetricTrigger.solved())
        .cycles(MetricDefinition.Cycles.NEW_CYCLE)
        .build();
  }

  /** Solved statuses solved and closed, closed cancelled; three reopen metrics, 4 h each. */
  private static SlaPolicySet set() {
    SlaPolicy.Builder p = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    for (SlaMetric m : List.of(AFTER_SOLVE, AFTER_CANCEL, ANY_REOPEN)) {
      p.target("normal", m, Duration.ofHours(4));
    }
    return Fixtures.statusModel()
        .cancelledStatuses("closed")
        .metric(from("after_solve", MetricTrigger.reopenedFrom("solved")))
        .metric(from("after_cancel", MetricTrigger.reopenedFrom("closed")))
        .metric(from("any_reopen", MetricTrigger.reopened()))
        .defaultPolicy(p.build())
        .build();
  }

  private static TicketEvent status(String id, Instant at, String s) {
    return new TicketEvent.StatusChanged("T", id, at, s);
  }

  private static List<Instant> starts(SlaEvaluation e, SlaMetric m) {
    return e.cycles(m).stream().map(MetricCycle::start).toList();
  }

  @Test
  void aReopenFromASolvedStatusAndOneFromACancelledStatusAreToldApart() {
    SlaEvaluation e =
        Fixtures.eval(
            set(),
            List.of(
                TicketEvent.Created.byCustomer("T", "c", mon(9, 0), Map.of(), Set.of()),
                status("s1", mon(9, 30), "solved"),
                status("s2", mon(10, 0), "open"), // reopened from solved
                status("s3", mon(11, 0), "closed"), // cancelled
                status("s4", mon(12, 0), "open"), // reopened from closed
                status("s5", mon(12, 30), "solved"),
                status("s6", mon(12, 40), "closed"), // solved to closed: no reopen
                status("s7", mon(13, 0), "open")), // reopened from closed
            mon(14, 0));
    assertEquals(List.of(mon(10, 0)), starts(e, AFTER_SOLVE), e.toString());
    assertEquals(mon(11, 0), e.latest(AFTER_SOLVE).orElseThrow().stop().orElseThrow());
    assertEquals(List.of(mon(12, 0), mon(13, 0)), starts(e, AFTER_CANCEL), e.toString());
    assertEquals(List.of(mon(10, 0), mon(12, 0), mon(13, 0)), starts(e, ANY_REOPEN), e.toString());
  }

  @Test
  void theStatusesListedMustBeSolvedOnesAndTheFactoryNeedsOne() {
    MetricDefinition d = from("x", MetricTrigger.reopenedFrom("pending"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Fixtures.statusModel()
                    .metric(d)
                    .defaultPolicy(
                        SlaPolicy.builder("p")
                            .matrix(PriorityMatrix.constant("normal"))
                            .target("normal", SlaMetric.custom("x"), Duration.ofHours(1))
                            .build())
                    .build());
    assertEquals(
        "metric x startOn trigger reopened[pending]: status pending is not a solved status"
            + " [solved, closed], so the ticket is never reopened from it",
        e.getMessage());
    assertEquals(
        "trigger reopened lists no status: use reopened() for any",
        assertThrows(IllegalArgumentException.class, MetricTrigger::reopenedFrom).getMessage());
    assertEquals(
        "status 'solved' is listed twice in trigger reopened values",
        assertThrows(
                IllegalArgumentException.class,
                () -> MetricTrigger.reopenedFrom("solved", "solved"))
            .getMessage());
    assertEquals("reopened[closed]", MetricTrigger.reopenedFrom("closed").toString());
  }

  @Test
  void theJsonFormListsTheStatusesAndReadsBackEqual() {
    SlaPolicySet set = set();
    String json = SlaPolicyJson.write(set);
    String trigger = "{\"on\": \"reopened\", \"values\": [\"closed\"]}";
    assertTrue(json.contains(trigger), json);
    assertEquals(set, SlaPolicyJson.read(json));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaPolicyJson.read(
                    json.replace(trigger, "{\"on\": \"reopened\", \"values\": [\"shut\"]}")));
    assertTrue(bad.getMessage().contains("'shut'"), bad.getMessage());
    assertTrue(bad.getMessage().contains("startOn[0].values[0], line "), bad.getMessage());
  }
}
