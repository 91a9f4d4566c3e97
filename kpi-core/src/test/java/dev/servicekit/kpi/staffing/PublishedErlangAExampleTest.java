package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Erlang A against a published example: pyworkforce's user guide, "Erlang A (abandonment)"
 * (pyworkforce.rodrigo-arenas.com/stable/guide/erlanga), which computes the metrics from the
 * stationary distribution of the M/M/c+M birth-death chain. Its example: 100 transactions in a
 * 30-minute interval, AHT 3 min, mean patience 5 min, answer within 20 s, target service level 0.8,
 * maximum occupancy 0.85, shrinkage 0.3, gives 13 raw positions and 19 positions, service level
 * 0.858, occupancy 0.750, abandonment probability 0.025, waiting probability 0.226 and an
 * "average_speed_of_answer" of 0.125 min (printed to three decimals).
 *
 * <p>pyworkforce's "average speed of answer" is the mean wait of all arrivals, abandoners included:
 * servicekit's {@link ErlangAResult#averageWait()} (7.49 s). servicekit's {@link
 * ErlangAResult#averageSpeedOfAnswer()} is the mean wait of the answered contacts only (6.91 s), as
 * in Mandelbaum and Zeltyn's E[W | served].
 */
class PublishedErlangAExampleTest {

  @Test
  void pyworkforceGuideExample() {
    Workload w = Workload.of(100, Duration.ofMinutes(30), Duration.ofMinutes(3));
    StaffingTarget target =
        StaffingTarget.of(0.8, Duration.ofSeconds(20)).withMaxOccupancy(0.85).withShrinkage(0.3);
    StaffingRequirement<ErlangAResult> req =
        ErlangA.requiredAgents(w, Duration.ofMinutes(5), target);
    assertEquals(13, req.agents());
    assertEquals(19, req.scheduledAgents());
    ErlangAResult r = req.metrics();
    assertEquals(0.858, r.serviceLevel(), 5e-4);
    assertEquals(0.750, r.occupancy(), 5e-4);
    assertEquals(0.025, r.probabilityOfAbandonment(), 5e-4);
    assertEquals(0.226, r.probabilityOfWaiting(), 5e-4);
    assertEquals(0.125, seconds(r.averageWait()) / 60, 5e-4);
    // answered contacts only wait less on average than all arrivals
    assertTrue(seconds(r.averageSpeedOfAnswer()) < seconds(r.averageWait()));
  }

  /**
   * pyworkforce's test suite, {@code pyworkforce/queuing/tests/test_abandonment.py}, {@code
   * test_erlanga_regression_metrics} ("snapshot of the exact stationary metrics"): the same example
   * at 14 positions, rounded there to 5 or 6 decimals, gives waiting probability 0.14526,
   * abandonment probability 0.013984, occupancy 0.704297, "average_speed_of_answer" 0.069919 min
   * (the mean wait of all arrivals, {@link ErlangAResult#averageWait()}) and service level
   * 0.916792. pyworkforce computes them from a truncated birth-death chain and the service level by
   * uniformization of a tagged caller's chain, not by servicekit's incomplete-gamma formulas.
   */
  @Test
  void pyworkforceRegressionSnapshotAtFourteenPositions() {
    Workload w = Workload.of(100, Duration.ofMinutes(30), Duration.ofMinutes(3));
    ErlangAResult r = ErlangA.evaluate(w, Duration.ofMinutes(5), 14, Duration.ofSeconds(20));
    assertEquals(0.14526, r.probabilityOfWaiting(), 5e-6);
    assertEquals(0.013984, r.probabilityOfAbandonment(), 5e-7);
    assertEquals(0.704297, r.occupancy(), 5e-7);
    assertEquals(0.069919, seconds(r.averageWait()) / 60, 5e-7);
    assertEquals(0.916792, r.serviceLevel(), 5e-7);
  }
}
