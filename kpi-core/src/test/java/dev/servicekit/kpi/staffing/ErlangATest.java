package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static dev.servicekit.kpi.staffing.ErlangCTest.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErlangATest {

  private static final Workload CLASSIC =
      Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180));
  private static final StaffingTarget EIGHTY_TWENTY =
      StaffingTarget.of(0.8, Duration.ofSeconds(20));

  @Test
  void understaffedQueueIsStableWithAbandonment() {
    // 8 agents for 10 Erlangs: Erlang C is undefined, Erlang A is not.
    ErlangAResult r = ErlangA.evaluate(CLASSIC, Duration.ofSeconds(60), 8, Duration.ofSeconds(20));
    ErlangAOracle.Values o = ErlangAOracle.solve(8, 10, 60.0 / 180, 20.0 / 180);
    assertEquals(o.pWait(), r.probabilityOfWaiting(), 1e-10);
    assertEquals(o.pAbandon(), r.probabilityOfAbandonment(), 1e-10);
    assertEquals(o.serviceLevel(), r.serviceLevel(), 1e-9);
    // carried load = offered minus abandoned: occupancy below 1 although A > N
    assertEquals(10 * (1 - r.probabilityOfAbandonment()) / 8, r.occupancy(), 1e-12);
    assertTrue(r.occupancy() < 1);
  }

  @Test
  void abandonmentLowersTheStaffNeededForTheClassicExample() {
    // Erlang C needs 14 for 80/20 (see ErlangCTest); with a 60 s mean patience the callers who
    // leave relieve the queue, and abandoners count against the service level.
    StaffingRequirement<ErlangAResult> req =
        ErlangA.requiredAgents(CLASSIC, Duration.ofSeconds(60), EIGHTY_TWENTY);
    int n = req.agents();
    assertTrue(n <= 14, req.toString());
    assertTrue(req.metrics().serviceLevel() >= 0.8);
    assertTrue(
        ErlangA.evaluate(CLASSIC, Duration.ofSeconds(60), n - 1, Duration.ofSeconds(20))
                .serviceLevel()
            < 0.8);
  }

  @Test
  void overloadedFluidLimit() {
    // 1000 Erlangs on 800 agents with 60 s patience: nearly everyone waits and the abandon
    // fraction approaches the fluid value 1 - N/A = 0.2 (Garnett, Mandelbaum & Reiman 2002, §4).
    Workload w = Workload.of(1000, Duration.ofSeconds(180), Duration.ofSeconds(180));
    ErlangAResult r = ErlangA.evaluate(w, Duration.ofSeconds(60), 800, Duration.ofSeconds(20));
    assertEquals(0.2, r.probabilityOfAbandonment(), 2e-3);
    assertEquals(1.0, r.probabilityOfWaiting(), 1e-3);
    // offered wait v with e^{-v/60} = 0.8: v = 13.4 s, so the answered ones are within 20 s
    assertEquals(-60 * Math.log(0.8), seconds(r.averageSpeedOfAnswer()), 0.5);
  }

  @Test
  void largeTrafficRequirementIsFiniteAndMinimal() {
    Workload w = Workload.of(10_000, Duration.ofSeconds(180), Duration.ofSeconds(180));
    StaffingRequirement<ErlangAResult> req =
        ErlangA.requiredAgents(w, Duration.ofSeconds(120), EIGHTY_TWENTY);
    assertTrue(req.metrics().serviceLevel() >= 0.8, req.toString());
    assertTrue(
        ErlangA.evaluate(w, Duration.ofSeconds(120), req.agents() - 1, Duration.ofSeconds(20))
                .serviceLevel()
            < 0.8);
  }

  @Test
  void extremePatienceRatioStaysBoundedAndSane() {
    // patience at the accepted maximum (10^6 AHT): x = N * 10^6 ~ 10^9 in the gamma functions
    Workload w = Workload.of(1000, Duration.ofSeconds(180), Duration.ofSeconds(180));
    Duration patience = Duration.ofSeconds(180L * 1_000_000);
    ErlangAResult under = ErlangA.evaluate(w, patience, 900, Duration.ofSeconds(20));
    // overloaded: the queue settles only through abandonment, 1 - N/A of callers leave
    assertEquals(0.1, under.probabilityOfAbandonment(), 1e-3);
    assertEquals(1.0, under.probabilityOfWaiting(), 1e-9);
    ErlangAResult over = ErlangA.evaluate(w, patience, 1030, Duration.ofSeconds(20));
    ErlangCResult c = ErlangC.evaluate(w, 1030, Duration.ofSeconds(20));
    assertEquals(c.probabilityOfWaiting(), over.probabilityOfWaiting(), 1e-4);
    assertEquals(c.serviceLevel(), over.serviceLevel(), 1e-4);
  }

  @Test
  void zeroTrafficNeedsNoAgents() {
    Workload none = Workload.of(0, Duration.ofMinutes(15), Duration.ofSeconds(300));
    assertEquals(0, ErlangA.requiredAgents(none, Duration.ofSeconds(60), EIGHTY_TWENTY).agents());
  }

  @Test
  void badInputsNameTheFieldAndValue() {
    assertMessage(
        "averagePatience PT0S",
        () -> ErlangA.evaluate(CLASSIC, Duration.ZERO, 10, Duration.ofSeconds(20)));
    assertMessage(
        "agents 0", () -> ErlangA.evaluate(CLASSIC, Duration.ofSeconds(60), 0, Duration.ZERO));
    assertMessage(
        "answerWithin PT-1S",
        () -> ErlangA.evaluate(CLASSIC, Duration.ofSeconds(60), 3, Duration.ofSeconds(-1)));
    assertMessage(
        "averagePatience PT1000000H",
        () -> ErlangA.evaluate(CLASSIC, Duration.ofHours(1_000_000), 3, Duration.ZERO));
  }
}
