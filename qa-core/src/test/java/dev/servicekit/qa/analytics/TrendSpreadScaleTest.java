package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Welch's interval is scale-equivariant: scores multiplied by {@code c} give the change, and both
 * bounds, multiplied by {@code c}. The degrees of freedom squared the variances of the means, so
 * spreads near 1e100 (scores within ±1e100 are accepted) overflowed and spreads near 1e-170
 * underflowed: df was NaN and {@code Trend.between} threw {@code degrees of freedom NaN must be >
 * 0} for summaries the accumulator makes. Reference (SciPy 1.17.1): before n = 10, sd 1, after n =
 * 12, sd 2, means 1 apart: df = 16.7477..., t.isf(0.025, df) gives the interval (-0.39044585667502,
 * 2.39044585667502).
 */
class TrendSpreadScaleTest {

  private static void atScale(double c) {
    ScoreSummary before = new ScoreSummary(10, 50 * c, 1 * c, 0.95, 0, 0);
    ScoreSummary after = new ScoreSummary(12, 51 * c, 2 * c, 0.95, 0, 0);
    Trend t = Trend.between(before, after, 0.95);
    assertEquals(1, t.delta() / c, 1e-12, "delta at scale " + c);
    assertEquals(-0.39044585667502374, t.lower() / c, 1e-9, "lower at scale " + c);
    assertEquals(2.390445856675024, t.upper() / c, 1e-9, "upper at scale " + c);
    assertEquals(Trend.Direction.FLAT, t.direction());
  }

  @Test
  void theIntervalScalesWithTheScores() {
    for (double c : new double[] {1, 1e80, 1e99, 1e-80, 1e-170}) {
      atScale(c);
    }
  }

  @Test
  void summariesOfScoresNearTheBoundHaveATrend() {
    ScoreAccumulator before = new ScoreAccumulator();
    ScoreAccumulator after = new ScoreAccumulator();
    for (double x : new double[] {-1, 1, 0}) {
      before.add(x * 1e100);
    }
    for (double x : new double[] {-1, 1, 0.5}) {
      after.add(x * 1e100);
    }
    ScoreAccumulator smallBefore = new ScoreAccumulator();
    ScoreAccumulator smallAfter = new ScoreAccumulator();
    for (double x : new double[] {-1, 1, 0}) {
      smallBefore.add(x);
    }
    for (double x : new double[] {-1, 1, 0.5}) {
      smallAfter.add(x);
    }
    Trend huge = Trend.between(before.summary(0.95, 1), after.summary(0.95, 1), 0.95);
    Trend unit = Trend.between(smallBefore.summary(0.95, 1), smallAfter.summary(0.95, 1), 0.95);
    assertEquals(unit.lower(), huge.lower() / 1e100, 1e-9);
    assertEquals(unit.upper(), huge.upper() / 1e100, 1e-9);
  }
}
