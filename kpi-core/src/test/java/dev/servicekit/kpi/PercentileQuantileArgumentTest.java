package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A percentile asked for as a percent ({@code 90} for p90, as dashboards name it) is refused with a
 * message that names the fraction expected, as the staffing targets' are.
 */
class PercentileQuantileArgumentTest {

  @Test
  void aPercentIsRefusedNamingTheFractionExpected() {
    PercentileAccumulator a = PercentileAccumulator.create();
    a.add(Duration.ofMinutes(3));
    for (double q : new double[] {90, -0.1, 1.0000001, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> a.quantileMillis(q));
      assertEquals(
          "quantile " + q + " must be in [0, 1], e.g. 0.9 for the 90th percentile (p90)",
          e.getMessage());
    }
    assertEquals(1, a.count()); // nothing changed
  }

  @Test
  void theBoundsThemselvesAreQuantiles() {
    PercentileAccumulator a = PercentileAccumulator.create();
    a.add(Duration.ofSeconds(1));
    a.add(Duration.ofSeconds(100));
    assertEquals(1_000, a.quantileMillis(0).orElseThrow(), 10);
    assertEquals(100_000, a.quantileMillis(1).orElseThrow(), 1_000);
  }
}
