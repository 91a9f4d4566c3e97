package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Staffing at the edges of what it accepts: the largest traffic, targets a ulp from 0 and 1,
 * patience of a nanosecond or at its bound, the agent limit. Each either answers within a few
 * seconds with a minimal staffing that meets the target, or refuses with an {@link
 * IllegalArgumentException} naming the field: never a hang, an overflow or another exception.
 */
class StaffingExtremeInputsTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final Workload MAX_TRAFFIC = Workload.of(ErlangC.MAX_TRAFFIC_ERLANGS, HOUR, HOUR);
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @Test
  void erlangCAtTheTrafficLimitAndATargetAUlpBelowOneIsMinimal() {
    StaffingTarget target = StaffingTarget.of(ALMOST_ONE, Duration.ZERO);
    StaffingRequirement<ErlangCResult> req =
        assertTimeoutPreemptively(LIMIT, () -> ErlangC.requiredAgents(MAX_TRAFFIC, target));
    assertTrue(req.metrics().serviceLevel() >= ALMOST_ONE, req::toString);
    assertTrue(
        ErlangC.evaluate(MAX_TRAFFIC, req.agents() - 1, Duration.ZERO).serviceLevel() < ALMOST_ONE);
  }

  @Test
  void erlangCAtTheSmallestTargetNeedsTheFewestStableAgents() {
    StaffingTarget target = StaffingTarget.of(Double.MIN_VALUE, Duration.ZERO);
    StaffingRequirement<ErlangCResult> req =
        assertTimeoutPreemptively(LIMIT, () -> ErlangC.requiredAgents(MAX_TRAFFIC, target));
    assertEquals(ErlangC.minimumStableAgents(MAX_TRAFFIC), req.agents());
  }

  @Test
  void erlangAAtTheTrafficLimitWithExtremePatienceIsMinimal() {
    StaffingTarget target = StaffingTarget.of(0.8, LIMIT);
    for (Duration patience : new Duration[] {Duration.ofNanos(1), Duration.ofHours(1_000_000)}) {
      StaffingRequirement<ErlangAResult> req =
          assertTimeoutPreemptively(
              LIMIT, () -> ErlangA.requiredAgents(MAX_TRAFFIC, patience, target));
      assertTrue(req.metrics().serviceLevel() >= 0.8, req::toString);
      assertTrue(
          ErlangA.evaluate(MAX_TRAFFIC, patience, req.agents() - 1, LIMIT).serviceLevel() < 0.8,
          "patience " + patience);
    }
  }

  @Test
  void erlangAAtTheTrafficLimitAndATargetAUlpBelowOneIsMinimal() {
    StaffingTarget target = StaffingTarget.of(ALMOST_ONE, Duration.ofHours(24));
    Duration patience = Duration.ofSeconds(60);
    StaffingRequirement<ErlangAResult> req =
        assertTimeoutPreemptively(
            LIMIT, () -> ErlangA.requiredAgents(MAX_TRAFFIC, patience, target));
    assertTrue(req.metrics().serviceLevel() >= ALMOST_ONE, req::toString);
    assertTrue(
        ErlangA.evaluate(MAX_TRAFFIC, patience, req.agents() - 1, Duration.ofHours(24))
                .serviceLevel()
            < ALMOST_ONE);
  }

  /**
   * A million Erlangs at the longest patience (10^6 AHT) on 10 agents fewer: Commons Numbers'
   * incomplete gamma series stopped at its 10^6 terms and {@code evaluate} threw its {@code
   * ArithmeticException} ("Failed to converge within 1000000 iterations"), and so did {@code
   * requiredAgents} for 80 % within 24 hours. The queue settles at about 10^7 callers, some ten
   * hours' wait: within 24 hours all are answered but the 10 Erlangs that abandon, within an hour
   * hardly anyone.
   */
  @Test
  void aMillionErlangsAtTheLongestPatienceJustBelowTheTraffic() {
    Duration patience = Duration.ofHours(1_000_000);
    Duration day = Duration.ofHours(24);
    ErlangAResult r =
        assertTimeoutPreemptively(
            LIMIT, () -> ErlangA.evaluate(MAX_TRAFFIC, patience, 999_990, day));
    assertEquals(1e-5, r.probabilityOfAbandonment(), 1e-7);
    assertEquals(1 - r.probabilityOfAbandonment(), r.serviceLevel(), 1e-9);
    assertTrue(ErlangA.evaluate(MAX_TRAFFIC, patience, 999_990, HOUR).serviceLevel() < 1e-6);
    StaffingTarget target = StaffingTarget.of(0.8, day);
    StaffingRequirement<ErlangAResult> req =
        assertTimeoutPreemptively(
            LIMIT, () -> ErlangA.requiredAgents(MAX_TRAFFIC, patience, target));
    assertTrue(req.metrics().serviceLevel() >= 0.8, req::toString);
    assertTrue(ErlangA.evaluate(MAX_TRAFFIC, patience, req.agents() - 1, day).serviceLevel() < 0.8);
  }

  @Test
  void oneAgentUnderTheLargestTrafficAndPatienceStaysInRange() {
    ErlangAResult r =
        assertTimeoutPreemptively(
            LIMIT, () -> ErlangA.evaluate(MAX_TRAFFIC, Duration.ofHours(1_000_000), 1, LIMIT));
    assertEquals(1.0, r.probabilityOfWaiting());
    assertEquals(1.0, r.occupancy());
    // a million Erlangs on one agent: all but one caller in a million leave
    assertEquals(1 - 1e-6, r.probabilityOfAbandonment(), 1e-9);
  }

  @Test
  void anOccupancyCapNeedingMoreThanTheAgentLimitIsRefusedByName() {
    StaffingTarget tiny = StaffingTarget.of(0.8, LIMIT).withMaxOccupancy(Double.MIN_VALUE);
    assertMessage("maxOccupancy 4.9E-324", () -> ErlangC.requiredAgents(MAX_TRAFFIC, tiny));
    assertMessage(
        "needs more than " + ErlangC.MAX_AGENTS + " agents",
        () -> ErlangA.requiredAgents(MAX_TRAFFIC, Duration.ofSeconds(60), tiny));
    // Erlang A names the part of the target out of reach (it named the whole target only)
    assertMessage(
        "maxOccupancy 4.9E-324 (occupancy 0.1",
        () -> ErlangA.requiredAgents(MAX_TRAFFIC, Duration.ofSeconds(60), tiny));
  }

  @Test
  void shrinkageAUlpBelowOneIsRefusedByName() {
    StaffingTarget target = StaffingTarget.of(0.8, LIMIT).withShrinkage(ALMOST_ONE);
    assertMessage(
        "shrinkage 0.9999999999999999 leaves too little time",
        () -> ErlangC.requiredAgents(MAX_TRAFFIC, target));
  }

  @Test
  void agentCountsOutsideTheLimitsAreRefusedByName() {
    Workload w = Workload.of(10, HOUR, HOUR);
    assertMessage("agents 2147483647", () -> ErlangC.evaluate(w, Integer.MAX_VALUE, LIMIT));
    assertMessage("agents -2147483648", () -> ErlangC.evaluate(w, Integer.MIN_VALUE, LIMIT));
    assertMessage(
        "agents 2147483647",
        () -> ErlangA.evaluate(w, Duration.ofSeconds(60), Integer.MAX_VALUE, LIMIT));
    assertMessage("agents -1", () -> ErlangA.evaluate(w, Duration.ofSeconds(60), -1, LIMIT));
  }

  @Test
  void trafficFromANanosecondIntervalIsRefusedByName() {
    // a billion calls of 24 hours in a nanosecond: 8.64e22 Erlangs
    Workload w = Workload.of(Workload.MAX_CALLS, Duration.ofNanos(1), Duration.ofHours(24));
    assertMessage(
        "traffic 8.64E22 Erlangs must be <= ",
        () -> ErlangC.requiredAgents(w, StaffingTarget.of(0.8, LIMIT)));
    assertMessage(
        "traffic 8.64E22 Erlangs must be <= ",
        () -> ErlangA.requiredAgents(w, Duration.ofSeconds(60), StaffingTarget.of(0.8, LIMIT)));
  }

  /** It was BigDecimal's bare "Overflow", naming neither the demand nor the capacity. */
  @Test
  void reviewersBeyondAnIntNameTheDemandAndTheCapacity() {
    ReviewerCapacity capacity = ReviewerCapacity.of(1e-300);
    QaReviewDemand demand = QaReviewDemand.of(1e9, 1000, 1);
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> capacity.reviewersNeeded(demand));
    assertTrue(e.getMessage().contains("1000.0 evaluations per day"), e::getMessage);
    assertTrue(e.getMessage().contains("evaluationsPerReviewerPerDay 1.0E-300"), e::getMessage);
    assertTrue(e.getMessage().contains("would exceed 2147483647"), e::getMessage);
    // the largest answer an int holds is still given
    assertEquals(
        Integer.MAX_VALUE,
        ReviewerCapacity.of(1)
            .reviewersNeeded(QaReviewDemand.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 1)));
  }
}
