package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ready-made definitions built for a set's solved and cancelled statuses ({@link
 * MetricDefinition#nextResponse(String, Set, Set)} and the others) follow the built-ins' cancelled
 * statuses: a solve into a cancelled status cancels where another solve meets, and under {@link
 * SolveRule#PAUSE} the cancel of the first reply paused in a solved status arms next reply. The
 * plain {@link MetricDefinition#nextResponse(String)} met such a cycle and missed that arm.
 * Differentially: {@link BuiltInDefinitionDifferentialProperties}.
 */
class CancelledStatusTwinsTest {

  private static final Instant NINE = Fixtures.mon(9, 0);

  private static SlaPolicySet set(SolveRule onSolve) {
    return Mirrors.withTwins(
        Fixtures.statusModel()
            .cancelledStatuses("closed")
            .firstResponseSolve(onSolve)
            .defaultPolicy(policy())
            .build());
  }

  private static SlaPolicy policy() {
    SlaPolicy.Builder p = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    p.target("normal", SlaMetric.firstResponse(), java.time.Duration.ofHours(4));
    p.target("normal", SlaMetric.nextResponse(), java.time.Duration.ofHours(4));
    p.target("normal", SlaMetric.periodicUpdate(), java.time.Duration.ofHours(4));
    p.target("normal", SlaMetric.resolution(), java.time.Duration.ofHours(8));
    return p.build();
  }

  private static TicketEvent.Created created() {
    return TicketEvent.Created.byCustomer(
        "T", "c", NINE, java.util.Map.of("tier", "silver", "severity", "s2"), Set.of());
  }

  private static List<MetricCycle> twin(SlaEvaluation e, SlaMetric builtIn) {
    return e.cycles(Mirrors.twin(builtIn)).stream().map(m -> Mirrors.as(builtIn, m)).toList();
  }

  @Test
  void aCloseCancelsTheRunningNextReplyOfTheBuiltInAndOfItsTwin() {
    SlaEvaluation e =
        Fixtures.eval(
            set(SolveRule.END),
            List.of(
                created(),
                TicketEvent.reply("T", "r", Fixtures.mon(9, 30), true, false),
                new TicketEvent.CustomerMessage("T", "m", Fixtures.mon(10, 0)),
                new TicketEvent.StatusChanged("T", "s", Fixtures.mon(11, 0), "closed")),
            Fixtures.mon(12, 0));
    List<MetricCycle> next = e.cycles(SlaMetric.nextResponse());
    assertEquals(1, next.size(), e.toString());
    assertEquals(CycleState.CANCELLED, next.get(0).state());
    assertEquals(next, twin(e, SlaMetric.nextResponse()));
    for (SlaMetric m : List.of(SlaMetric.resolution(), SlaMetric.periodicUpdate())) {
      assertEquals(e.cycles(m), twin(e, m), m.toString());
    }
    assertEquals(CycleState.CANCELLED, e.latest(SlaMetric.resolution()).orElseThrow().state());
  }

  @Test
  void underPauseTheCancelOfAPausedFirstReplyArmsNextReplyForTheTwinToo() {
    SlaEvaluation e =
        Fixtures.eval(
            set(SolveRule.PAUSE),
            List.of(
                created(),
                new TicketEvent.StatusChanged("T", "s1", Fixtures.mon(9, 30), "solved"),
                new TicketEvent.StatusChanged("T", "s2", Fixtures.mon(10, 0), "closed"),
                new TicketEvent.StatusChanged("T", "s3", Fixtures.mon(11, 0), "open"),
                new TicketEvent.CustomerMessage("T", "m", Fixtures.mon(12, 0))),
            Fixtures.mon(13, 0));
    assertEquals(CycleState.CANCELLED, e.latest(SlaMetric.firstResponse()).orElseThrow().state());
    List<MetricCycle> next = e.cycles(SlaMetric.nextResponse());
    assertEquals(1, next.size(), e.toString());
    assertEquals(Fixtures.mon(12, 0), next.get(0).start());
    assertEquals(next, twin(e, SlaMetric.nextResponse()));
  }

  @Test
  void withoutCancelledStatusesTheFactoriesGiveThePlainDefinitions() {
    Set<String> solved = Set.of("solved", "closed");
    assertEquals(
        MetricDefinition.nextResponse("n"), MetricDefinition.nextResponse("n", solved, Set.of()));
    assertEquals(
        MetricDefinition.resolution("r", ReopenRule.RESUME),
        MetricDefinition.resolution("r", ReopenRule.RESUME, solved, Set.of()));
    assertEquals(
        MetricDefinition.periodicUpdate("p", true),
        MetricDefinition.periodicUpdate("p", true, solved, Set.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetricDefinition.nextResponse("n", Set.of("solved"), Set.of("closed")));
    assertEquals(
        "cancelled status 'closed' is not among the solved statuses [solved]", e.getMessage());
  }

  @Test
  void aSolvedIntoTriggerNamesSolvedStatusesOnly() {
    MetricDefinition d =
        MetricDefinition.builder("age")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.solvedInto("open"))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fixtures.statusModel().metric(d).defaultPolicy(policy()).build());
    assertEquals(
        "metric age stopOn trigger solved[open]: status open is not a solved status [solved,"
            + " closed], so the ticket is never solved into it",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, MetricTrigger::solvedInto);
    assertEquals("solved[closed]", MetricTrigger.solvedInto("closed").toString());
    // JSON: written with its statuses, read back equal; an undeclared status is located
    SlaPolicySet set = set(SolveRule.END);
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("{\"on\": \"solved\", \"values\": [\"closed\"]}"), json);
    assertEquals(set, SlaPolicyJson.read(json));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaPolicyJson.read(
                    json.replace(
                        "{\"on\": \"solved\", \"values\": [\"closed\"]}",
                        "{\"on\": \"solved\", \"values\": [\"shut\"]}")));
    assertTrue(bad.getMessage().contains("shut"), bad.getMessage());
    assertTrue(bad.getMessage().contains("cancelOn[0].values[0], line "), bad.getMessage());
  }
}
