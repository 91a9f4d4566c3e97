package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Erlang C against the printed output of two independent calculators, beyond the worked examples of
 * {@link ErlangCTest}. Each expected value is copied from the source, at the precision it prints.
 */
class PublishedErlangCCalculatorsTest {

  private static final Workload CCH_EXAMPLE =
      Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180));

  /**
   * CRAN package ErlangC 0.1.0 (Damonsoul, 2024), README and reference manual,
   * https://CRAN.R-project.org/package=ErlangC: {@code erlang_c(100, 30 min, 180 s, 20 s, 14)}
   * prints traffic_intensity 10, wait_probability 0.1741319, service_level 0.88835,
   * average_speed_of_answer "7.83593701177724s", immediate_answer_probability 0.8258681, occupancy
   * 0.7142857. Its {@code calculate_agents} table starts at 11 agents with wait_probability
   * 0.6821182 and service_level 0.3896138, and with require_service_level 0.8 and max_occupancy
   * 0.85 returns 14 agents. The immediate-answer share is the service level within 0 s.
   */
  @Test
  void cranErlangCPackageReadme() {
    ErlangCResult at14 = ErlangC.evaluate(CCH_EXAMPLE, 14, Duration.ofSeconds(20));
    assertEquals(10.0, at14.trafficErlangs());
    assertEquals(0.1741319, at14.probabilityOfWaiting(), 5e-8);
    assertEquals(0.88835, at14.serviceLevel(), 5e-6);
    // printed to the picosecond; a Duration holds nanoseconds (truncated)
    assertEquals(7.83593701177724, seconds(at14.averageSpeedOfAnswer()), 1e-9);
    assertEquals(0.7142857, at14.occupancy(), 5e-8);
    assertEquals(0.8258681, ErlangC.evaluate(CCH_EXAMPLE, 14, Duration.ZERO).serviceLevel(), 5e-8);

    ErlangCResult at11 = ErlangC.evaluate(CCH_EXAMPLE, 11, Duration.ofSeconds(20));
    assertEquals(0.6821182, at11.probabilityOfWaiting(), 5e-8);
    assertEquals(0.3896138, at11.serviceLevel(), 5e-8);

    StaffingRequirement<ErlangCResult> req =
        ErlangC.requiredAgents(
            CCH_EXAMPLE, StaffingTarget.of(0.8, Duration.ofSeconds(20)).withMaxOccupancy(0.85));
    assertEquals(14, req.agents());
  }

  /**
   * The Erlang C calculator of personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm, its
   * example: 600 calls an hour of 120 s are 20 Erlangs; for a delay probability of at most 15 %, 26
   * circuits (agents); 30 circuits reduce the delay probability to 2.5 %; 30 circuits at 15 % carry
   * 23.6 Erlangs. A target on the delay probability is a service level within 0 s: {@code SL(0) = 1
   * - P(wait)}.
   *
   * <p>The page's average delay, "2.5 sec/CCS, so, 1800 total seconds or 3 seconds per call", is
   * the delay at the 15 % target ({@code 0.15 * 120 / (26 - 20)}), not at the delay probability 26
   * circuits give (14.3 %): the ASA of 26 agents is below it.
   */
  @Test
  void telefonicaCalculatorDelayProbabilityExample() {
    Workload w = Workload.of(600, Duration.ofHours(1), Duration.ofSeconds(120));
    assertEquals(20.0, w.trafficErlangs());
    StaffingRequirement<ErlangCResult> req =
        ErlangC.requiredAgents(w, StaffingTarget.of(0.85, Duration.ZERO));
    assertEquals(26, req.agents());
    assertTrue(req.metrics().probabilityOfWaiting() <= 0.15);
    assertTrue(seconds(req.metrics().averageSpeedOfAnswer()) < 3.0);

    assertEquals(0.025, ErlangC.evaluate(w, 30, Duration.ZERO).probabilityOfWaiting(), 5e-4);

    // 23.6 Erlangs is the traffic 30 circuits carry at 15 %, to one decimal: 23.6 stays within it,
    // 23.65 (which would round to 23.7) does not
    Duration hour = Duration.ofHours(1);
    assertTrue(
        ErlangC.evaluate(Workload.of(23.6, hour, hour), 30, Duration.ZERO).probabilityOfWaiting()
            <= 0.15);
    assertTrue(
        ErlangC.evaluate(Workload.of(23.65, hour, hour), 30, Duration.ZERO).probabilityOfWaiting()
            > 0.15);
  }
}
