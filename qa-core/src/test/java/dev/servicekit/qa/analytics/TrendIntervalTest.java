package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The Welch interval of {@link Trend#between}, not only its direction: bounds computed by hand from
 * the summaries, with Student t quantiles from the NIST/SEMATECH e-Handbook of Statistical Methods,
 * section 1.3.6.7.2 "Critical values of the Student's t distribution" (three decimals).
 */
class TrendIntervalTest {

  private static ScoreSummary summary(long count, double mean, double sd) {
    return new ScoreSummary(count, mean, sd, 0.95, 0, 1);
  }

  @Test
  void equalSpreadsAndSizesGiveEighteenDegreesOfFreedom() {
    // se = sqrt(100/10 + 100/10) = 4.4721; df = 20^2 / (10^2/9 + 10^2/9) = 18; t(0.975, 18) = 2.101
    Trend t = Trend.between(summary(10, 70, 10), summary(10, 80, 10), 0.95);
    assertEquals(10, t.delta(), 1e-12);
    assertEquals(10 - 2.101 * Math.sqrt(20), t.lower(), 3e-3);
    assertEquals(10 + 2.101 * Math.sqrt(20), t.upper(), 3e-3);
    assertEquals(Trend.Direction.UP, t.direction());
  }

  @Test
  void aConstantPeriodLeavesTheOtherPeriodsDegreesOfFreedom() {
    // before: 4 equal scores; after: n = 11, sd 5 -> se = sqrt(25/11), df = 10
    ScoreSummary before = summary(4, 0, 0);
    ScoreSummary after = summary(11, 3, 5);
    double se = Math.sqrt(25.0 / 11);
    Trend at95 = Trend.between(before, after, 0.95); // t(0.975, 10) = 2.228
    assertEquals(3 - 2.228 * se, at95.lower(), 2e-3);
    assertEquals(3 + 2.228 * se, at95.upper(), 2e-3);
    assertEquals(Trend.Direction.FLAT, at95.direction());
    Trend at90 = Trend.between(before, after, 0.90); // t(0.95, 10) = 1.812
    assertEquals(3 - 1.812 * se, at90.lower(), 2e-3);
    assertEquals(Trend.Direction.UP, at90.direction());
    Trend reversed = Trend.between(after, before, 0.90);
    assertEquals(-3, reversed.delta(), 1e-12);
    assertEquals(-3 + 1.812 * se, reversed.upper(), 2e-3);
    assertEquals(Trend.Direction.DOWN, reversed.direction());
  }

  @Test
  void withoutAnySpreadTheIntervalIsThePointAndNoChangeIsFlat() {
    Trend same = Trend.between(summary(5, 80, 0), summary(7, 80, 0), 0.95);
    assertEquals(0, same.lower());
    assertEquals(0, same.upper());
    assertEquals(Trend.Direction.FLAT, same.direction());
    Trend up = Trend.between(summary(5, 80, 0), summary(7, 80.5, 0), 0.95);
    assertEquals(0.5, up.lower(), 1e-12);
    assertEquals(0.5, up.upper(), 1e-12);
    assertEquals(Trend.Direction.UP, up.direction());
    assertEquals(
        Trend.Direction.DOWN,
        Trend.between(summary(5, 80, 0), summary(7, 79.5, 0), 0.95).direction());
  }

  @Test
  void twoScoresPerPeriodAreEnoughButOneIsNot() {
    // n = 2 each, sd 1: se = 1, df = 1 / (0.25 + 0.25) = 2; t(0.975, 2) = 4.303
    Trend two = Trend.between(summary(2, 1, 1), summary(2, 2, 1), 0.95);
    assertEquals(1 - 4.303, two.lower(), 2e-3);
    assertEquals(1 + 4.303, two.upper(), 2e-3);
    assertEquals(Trend.Direction.FLAT, two.direction());
    for (Trend t :
        new Trend[] {
          Trend.between(summary(1, 1, 0), summary(2, 2, 1), 0.95),
          Trend.between(summary(2, 1, 1), summary(1, 2, 0), 0.95)
        }) {
      assertEquals(Trend.Direction.INSUFFICIENT_DATA, t.direction());
      assertEquals(1, t.delta(), 1e-12);
      assertEquals(Double.NEGATIVE_INFINITY, t.lower());
      assertEquals(Double.POSITIVE_INFINITY, t.upper());
    }
  }

  @Test
  void rejectsAConfidenceOutsideTheOpenUnitInterval() {
    ScoreSummary s = summary(5, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> Trend.between(s, s, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Trend.between(s, s, 0.0));
    assertThrows(NullPointerException.class, () -> Trend.between(null, s, 0.95));
    assertThrows(NullPointerException.class, () -> Trend.between(s, null, 0.95));
  }
}
