package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A {@link ScoreSummary} built in code holds what {@link ScoreAccumulator#summary} returns, or is
 * refused naming the component. Before, {@code Trend.between} took a NaN mean to a refusal naming
 * an internal "degrees of freedom NaN", and a negative standard deviation to an interval.
 */
class ScoreSummaryComponentsTest {

  @Test
  void eachComponentOutsideItsRangeIsRefusedByName() {
    refused("count 0 must be >= 1", () -> new ScoreSummary(0, 1, 1, 0.95, 1, 1));
    refused("mean NaN must be finite", () -> new ScoreSummary(3, Double.NaN, 1, 0.95, 1, 1));
    refused(
        "mean -Infinity must be finite",
        () -> new ScoreSummary(3, Double.NEGATIVE_INFINITY, 1, 0.95, 1, 1));
    refused(
        "standardDeviation -1.0 must be finite and >= 0",
        () -> new ScoreSummary(3, 1, -1, 0.95, 1, 1));
    refused(
        "standardDeviation NaN must be finite and >= 0",
        () -> new ScoreSummary(3, 1, Double.NaN, 0.95, 1, 1));
    refused(
        "standardDeviation Infinity must be finite and >= 0",
        () -> new ScoreSummary(3, 1, Double.POSITIVE_INFINITY, 0.95, 1, 1));
    refused("confidence 1.0 must be in (0, 1)", () -> new ScoreSummary(3, 1, 1, 1, 1, 1));
    refused("halfWidth NaN must be >= 0", () -> new ScoreSummary(3, 1, 1, 0.95, Double.NaN, 1));
    refused("halfWidth -0.5 must be >= 0", () -> new ScoreSummary(3, 1, 1, 0.95, -0.5, 1));
    refused("tolerance NaN must be >= 0", () -> new ScoreSummary(3, 1, 1, 0.95, 1, Double.NaN));
  }

  @Test
  void whatTheAccumulatorReturnsIsAccepted() {
    ScoreAccumulator one = new ScoreAccumulator();
    one.add(70);
    ScoreSummary single = one.summary(0.95, 0);
    assertEquals(single, new ScoreSummary(1, 70, 0, 0.95, Double.POSITIVE_INFINITY, 0));
    ScoreAccumulator two = new ScoreAccumulator();
    two.add(-1e100);
    two.add(1e100);
    ScoreSummary wide = two.summary(0.5, Double.POSITIVE_INFINITY);
    assertEquals(
        wide,
        new ScoreSummary(
            2,
            wide.mean(),
            wide.standardDeviation(),
            0.5,
            wide.halfWidth(),
            Double.POSITIVE_INFINITY));
  }

  private static void refused(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
