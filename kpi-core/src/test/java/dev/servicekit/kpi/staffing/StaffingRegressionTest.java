package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The staffing reproducers of issue 14, each failing before its fix. */
class StaffingRegressionTest {

  private static final Workload EIGHT_POINT_THREE =
      Workload.of(83, Duration.ofSeconds(1800), Duration.ofSeconds(180));

  @Test
  void occupancyCapThatIsMetExactlyIsMet() {
    // 83 * 180 / 1800 = 8.3 Erlangs; 8.3 / 10 = 0.83 meets the inclusive cap of 0.83 exactly.
    // The service level target (10 % in 20 s) is met by 9 agents already, so the cap binds.
    StaffingTarget target = StaffingTarget.of(0.10, Duration.ofSeconds(20)).withMaxOccupancy(0.83);
    assertEquals(10, ErlangC.requiredAgents(EIGHT_POINT_THREE, target).agents());
    assertEquals(10, ErlangC.minimumForOccupancy(EIGHT_POINT_THREE, 0.83));
    // and one call more does not fit: 8.4 / 10 > 0.83
    Workload more = Workload.of(84, Duration.ofSeconds(1800), Duration.ofSeconds(180));
    assertEquals(11, ErlangC.minimumForOccupancy(more, 0.83));
  }

  @Test
  void trafficIsTheCorrectlyRoundedQuotient() {
    // 83 * (180 / 1800) in doubles is 8.300000000000000711 rounded twice; the exact 8.3 rounds to
    // the double nearest 8.3.
    assertEquals(8.3, EIGHT_POINT_THREE.trafficErlangs());
    // 1 call of 1 ns AHT per 3 ns: the double nearest 1/3
    assertEquals(
        1.0 / 3, Workload.of(1, Duration.ofNanos(3), Duration.ofNanos(1)).trafficErlangs());
  }

  @Test
  void shrinkageCloseToOneIsAnIllegalArgumentNotAnOverflow() {
    StaffingTarget target =
        StaffingTarget.of(0.8, Duration.ofSeconds(20)).withShrinkage(0.9999999999);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ErlangC.requiredAgents(EIGHT_POINT_THREE, target));
    assertTrue(e.getMessage().startsWith("shrinkage 0.9999999999"), e.getMessage());
  }

  @Test
  void erlangCRejectsUnstableStaffingWhileErlangAAnswersIt() {
    // the documented convention: Erlang C has no steady state for N <= A, Erlang A has one
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ErlangC.evaluate(EIGHT_POINT_THREE, 8, Duration.ofSeconds(20)));
    assertTrue(e.getMessage().contains("must exceed the traffic"), e.getMessage());
    assertEquals(9, ErlangC.minimumStableAgents(EIGHT_POINT_THREE));
    ErlangC.evaluate(
        EIGHT_POINT_THREE, ErlangC.minimumStableAgents(EIGHT_POINT_THREE), Duration.ZERO);
    ErlangAResult a =
        ErlangA.evaluate(EIGHT_POINT_THREE, Duration.ofSeconds(60), 8, Duration.ofSeconds(20));
    assertTrue(a.probabilityOfAbandonment() > 0 && a.serviceLevel() > 0 && a.serviceLevel() < 1);
  }
}
