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

  /**
   * A result built in code is checked component by component, each refusal naming its component
   * (PIT: no test built one out of range): one case per component, the rest valid.
   */
  @Test
  void resultsBuiltInCodeRefuseEachComponentOutOfRange() {
    Duration s = Duration.ofSeconds(1);
    Duration neg = Duration.ofSeconds(-1);
    java.util.List<java.util.Map.Entry<String, org.junit.jupiter.api.function.Executable>> a =
        java.util.List.of(
            java.util.Map.entry(
                "agents", () -> new ErlangAResult(-1, 1, s, 0, 0, 0, 1, s, s, s, 0)),
            java.util.Map.entry(
                "trafficErlangs", () -> new ErlangAResult(1, -1, s, 0, 0, 0, 1, s, s, s, 0)),
            java.util.Map.entry(
                "averagePatience", () -> new ErlangAResult(1, 1, neg, 0, 0, 0, 1, s, s, s, 0)),
            java.util.Map.entry(
                "probabilityOfWaiting", () -> new ErlangAResult(1, 1, s, 1.5, 0, 0, 1, s, s, s, 0)),
            java.util.Map.entry(
                "probabilityOfAbandonment",
                () -> new ErlangAResult(1, 1, s, 0, Double.NaN, 0, 1, s, s, s, 0)),
            java.util.Map.entry(
                "probabilityOfAbandonmentGivenWait",
                () -> new ErlangAResult(1, 1, s, 0, 0, -0.1, 1, s, s, s, 0)),
            java.util.Map.entry(
                "serviceLevel", () -> new ErlangAResult(1, 1, s, 0, 0, 0, 2, s, s, s, 0)),
            java.util.Map.entry(
                "answerWithin", () -> new ErlangAResult(1, 1, s, 0, 0, 0, 1, neg, s, s, 0)),
            java.util.Map.entry(
                "averageSpeedOfAnswer", () -> new ErlangAResult(1, 1, s, 0, 0, 0, 1, s, neg, s, 0)),
            java.util.Map.entry(
                "averageWait", () -> new ErlangAResult(1, 1, s, 0, 0, 0, 1, s, s, neg, 0)),
            java.util.Map.entry(
                "occupancy", () -> new ErlangAResult(1, 1, s, 0, 0, 0, 1, s, s, s, 1.1)),
            java.util.Map.entry("answerWithin", () -> new ErlangCResult(1, 1, 0, 1, neg, s, 0)));
    for (var c : a) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.getValue());
      assertEquals(true, e.getMessage().startsWith(c.getKey() + " "), e.getMessage());
    }
    new ErlangAResult(1, 1, s, 0, 0, 0, 1, s, s, s, 0); // the valid base case
    new ErlangCResult(2, 1, 0, 1, s, s, 0.5);
  }
}
