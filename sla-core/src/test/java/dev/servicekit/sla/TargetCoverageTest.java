package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which priorities a policy's target table must cover ({@link SlaPolicy}): a policy measured only
 * by due dates needs no target cell, a priority only a {@link TicketEvent.PriorityChanged} sets
 * (Zendesk and ServiceNow CRMs send the priority itself) may have targets, and a priority the
 * matrix produces without a cell, or a row missing a listed channel, is still rejected.
 */
class TargetCoverageTest {

  private final Fixtures.Ticket t = new Fixtures.Ticket("C-1");

  @Test
  void aPolicyMeasuredOnlyByADueDateNeedsNoTargetCell() {
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("n"))
            .rule(MetricRule.builder(SlaMetric.resolution()).dueFrom("due_at").build())
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(p).build();
    MetricCycle c =
        only(
            Fixtures.eval(
                set, List.of(t.created(mon(9, 0), "due_at", "2026-01-05T15:00:00Z")), mon(10, 0)),
            SlaMetric.resolution());
    assertEquals(Optional.of(mon(15, 0)), c.deadline());
    assertEquals(SlaPolicyJson.read(SlaPolicyJson.write(set)), set);
  }

  @Test
  void aPolicyWithoutAnyTargetOrRuleIsAPolicyWithoutSla() {
    SlaPolicy none = SlaPolicy.builder("no-sla").matrix(PriorityMatrix.constant("n")).build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(none).build();
    assertEquals(List.of(), Fixtures.eval(set, List.of(t.created(mon(9, 0))), mon(10, 0)).cycles());
  }

  @Test
  void aPrioritySetOnlyByAPriorityChangeMayHaveTargets() {
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("p3"))
            .target("p3", SlaMetric.resolution(), h(8))
            .target("p1", SlaMetric.resolution(), h(1))
            .build();
    SlaPolicySet set = Fixtures.statusModel().defaultPolicy(p).build();
    assertTrue(set.priorities().contains("p1"));
    List<TicketEvent> h = List.of(t.created(mon(9, 0)), t.priority(mon(9, 30), "p1"));
    MetricCycle c = only(Fixtures.eval(set, h, mon(9, 45)), SlaMetric.resolution());
    assertEquals(Optional.of(mon(10, 0)), c.deadline());
    assertEquals(Optional.of(h(1)), c.target());
    assertEquals(SlaPolicyJson.read(SlaPolicyJson.write(set)), set);
  }

  @Test
  void aPriorityTheMatrixProducesStillNeedsItsCellWhenTheTableHasAny() {
    SlaPolicy.Builder b =
        SlaPolicy.builder("p")
            .matrix(
                PriorityMatrix.builder().cell("s1", "gold", "urgent").defaultPriority("n").build())
            .target("urgent", SlaMetric.resolution(), h(1));
    String m = assertThrows(IllegalArgumentException.class, b::build).getMessage();
    assertTrue(m.startsWith("policy p has no target cell for priority n"), m);
  }

  @Test
  void aRowOfAPriorityTheMatrixDoesNotProduceMustCoverTheListedChannels() {
    SlaPolicy.Builder b =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("p3"))
            .channels("email", "chat")
            .target("p3", SlaMetric.resolution(), h(8))
            .target("p1", "email", SlaMetric.resolution(), h(1));
    String m = assertThrows(IllegalArgumentException.class, b::build).getMessage();
    assertEquals(
        "policy p has no target cell for (priority p1, channel chat) and no fallback channel '*'",
        m);
    b.target("p1", "phone", SlaMetric.resolution(), h(1))
        .target("p1", "chat", SlaMetric.firstResponse(), Duration.ofMinutes(5));
    String unlisted = assertThrows(IllegalArgumentException.class, b::build).getMessage();
    assertTrue(unlisted.contains("target cell for channel phone which is not listed"), unlisted);
  }
}
