package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rules that mutation testing (PIT) showed no test pinned: a target met exactly, the agent bound of
 * Erlang A's search, and the overloaded Erlang A regime's speed of answer against the oracle (a
 * mutant 1.2 s off passed the old half-second tolerance).
 */
class StaffingBoundaryRulesTest {

  private static final Workload W =
      Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180));

  @Test
  void aServiceLevelTargetMetExactlyIsMet() {
    double c = ErlangC.evaluate(W, 13, Duration.ofSeconds(20)).serviceLevel();
    assertEquals(
        13, ErlangC.requiredAgents(W, StaffingTarget.of(c, Duration.ofSeconds(20))).agents());
    double a =
        ErlangA.evaluate(W, Duration.ofSeconds(120), 12, Duration.ofSeconds(20)).serviceLevel();
    assertEquals(
        12,
        ErlangA.requiredAgents(
                W, Duration.ofSeconds(120), StaffingTarget.of(a, Duration.ofSeconds(20)))
            .agents());
  }

  @Test
  void erlangASearchStopsAtItsAgentBound() {
    Workload huge = Workload.of(1_000_000, Duration.ofMinutes(30), Duration.ofMinutes(30));
    StaffingTarget t = StaffingTarget.of(0.8, Duration.ofSeconds(20)).withMaxOccupancy(0.01);
    IllegalArgumentException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () ->
                assertThrows(
                    IllegalArgumentException.class,
                    () -> ErlangA.requiredAgents(huge, Duration.ofSeconds(120), t)));
    assertEquals(true, e.getMessage().contains("more than 10000000 agents"), e.getMessage());
  }

  @Test
  void overloadedErlangASpeedOfAnswerMatchesTheOracle() {
    // 200 Erlangs on 100 agents, 60 s patience: the queue settles only through abandonment
    Workload w = Workload.of(6000, Duration.ofMinutes(30), Duration.ofSeconds(60));
    ErlangAResult r = ErlangA.evaluate(w, Duration.ofSeconds(60), 100, Duration.ofSeconds(20));
    double asa = seconds(r.averageSpeedOfAnswer());
    // the oracle works in handle times (60 s: patience 1, threshold 1/3), and gives the served
    // calls' wait per arrival: the speed of answer times the share not abandoned
    ErlangAOracle.Values o = ErlangAOracle.solve(100, 200, 1, 1.0 / 3);
    assertEquals(60 * o.waitOfServed(), asa * (1 - r.probabilityOfAbandonment()), 1e-6);
  }

  /**
   * No traffic: nobody waits or abandons, every call (none) is within the threshold, agents idle.
   */
  @Test
  void erlangAWithNoTrafficIsAnIdleQueue() {
    Workload none = Workload.of(0, Duration.ofMinutes(30), Duration.ofSeconds(180));
    ErlangAResult r = ErlangA.evaluate(none, Duration.ofSeconds(60), 3, Duration.ofSeconds(20));
    assertEquals(1.0, r.serviceLevel());
    assertEquals(0.0, r.occupancy());
    assertEquals(0.0, r.probabilityOfWaiting());
    assertEquals(0.0, r.probabilityOfAbandonment());
    assertEquals(Duration.ZERO, r.averageSpeedOfAnswer());
  }

  /**
   * The documented limits are inclusive: exactly MAX_TRAFFIC_ERLANGS of traffic and exactly
   * MAX_AGENTS agents are taken, one more agent refused.
   */
  @Test
  void theTrafficAndAgentLimitsAreInclusive() {
    Workload max = Workload.of(1_000_000, Duration.ofMinutes(30), Duration.ofMinutes(30));
    assertEquals(ErlangC.MAX_TRAFFIC_ERLANGS, max.trafficErlangs());
    assertEquals(1_000_001, ErlangC.minimumStableAgents(max));
    Workload light = Workload.of(10, Duration.ofMinutes(30), Duration.ofSeconds(60));
    assertEquals(
        ErlangC.MAX_AGENTS,
        ErlangC.evaluate(light, ErlangC.MAX_AGENTS, Duration.ofSeconds(20)).agents());
    assertEquals(
        ErlangC.MAX_AGENTS,
        ErlangA.evaluate(light, Duration.ofSeconds(60), ErlangC.MAX_AGENTS, Duration.ofSeconds(20))
            .agents());
    assertThrows(
        IllegalArgumentException.class,
        () -> ErlangC.evaluate(light, ErlangC.MAX_AGENTS + 1, Duration.ofSeconds(20)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ErlangA.evaluate(
                light, Duration.ofSeconds(60), ErlangC.MAX_AGENTS + 1, Duration.ofSeconds(20)));
  }
}
