package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Shrinkage and maximum occupancy are fractions, and a percentage given by mistake is refused with
 * an example of the fraction, as a service level already was ("e.g. 0.8 for 80%"). Before, {@code
 * withShrinkage(30)} said only "must be in [0, 1)" (a new user's review, s8review F2).
 */
class StaffingFractionMessagesTest {

  private static final StaffingTarget TARGET = StaffingTarget.of(0.8, Duration.ofSeconds(20));

  @Test
  void aShrinkageGivenInPercentSaysWhichFractionWasMeant() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TARGET.withShrinkage(30));
    assertEquals("shrinkage 30.0 must be in [0, 1), e.g. 0.3 for 30%", e.getMessage());
    ErlangCResult metrics =
        ErlangC.evaluate(
            Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180)),
            14,
            Duration.ofSeconds(20));
    e = assertThrows(IllegalArgumentException.class, () -> StaffingRequirement.of(metrics, 30));
    assertEquals("shrinkage 30.0 must be in [0, 1), e.g. 0.3 for 30%", e.getMessage());
  }

  @Test
  void aMaximumOccupancyGivenInPercentSaysWhichFractionWasMeant() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TARGET.withMaxOccupancy(85));
    assertEquals("maxOccupancy 85.0 must be in (0, 1], e.g. 0.85 for 85%", e.getMessage());
  }
}
