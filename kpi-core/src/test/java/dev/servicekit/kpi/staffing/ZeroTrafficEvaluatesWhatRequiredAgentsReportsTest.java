package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * For a workload of no traffic {@code requiredAgents} reports 0 agents, with service level 1 and
 * occupancy 0; {@code evaluate} refused those 0 agents ("must exceed the traffic of 0.0 Erlangs",
 * "must be in [1, ...]"), so a planner that evaluates the staffing it was told failed on quiet
 * intervals. It now gives the same metrics; 0 agents for any traffic is still refused.
 */
class ZeroTrafficEvaluatesWhatRequiredAgentsReportsTest {

  private static final Workload NONE =
      Workload.of(0, Duration.ofMinutes(30), Duration.ofMinutes(4));
  private static final StaffingTarget TARGET =
      StaffingTarget.of(0.8, Duration.ofSeconds(20)).withShrinkage(0.3);

  @Test
  void erlangCEvaluatesTheZeroAgentsItRequires() {
    StaffingRequirement<ErlangCResult> r = ErlangC.requiredAgents(NONE, TARGET);
    assertEquals(0, r.agents());
    assertEquals(r.metrics(), ErlangC.evaluate(NONE, r.agents(), TARGET.answerWithin()));
    Workload some = Workload.of(1, Duration.ofMinutes(30), Duration.ofMinutes(4));
    assertThrows(
        IllegalArgumentException.class, () -> ErlangC.evaluate(some, 0, TARGET.answerWithin()));
  }

  @Test
  void erlangAEvaluatesTheZeroAgentsItRequires() {
    Duration patience = Duration.ofMinutes(2);
    StaffingRequirement<ErlangAResult> r = ErlangA.requiredAgents(NONE, patience, TARGET);
    assertEquals(0, r.agents());
    assertEquals(r.metrics(), ErlangA.evaluate(NONE, patience, r.agents(), TARGET.answerWithin()));
    Workload some = Workload.of(1, Duration.ofMinutes(30), Duration.ofMinutes(4));
    assertThrows(
        IllegalArgumentException.class,
        () -> ErlangA.evaluate(some, patience, 0, TARGET.answerWithin()));
  }
}
