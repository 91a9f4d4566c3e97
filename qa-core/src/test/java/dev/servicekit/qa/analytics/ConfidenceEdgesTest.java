package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every confidence inside (0, 1), as the javadoc of each interval says, gives an interval: also
 * those within 2^-53 of 0 or 1, where {@code (1 + confidence) / 2} rounds to 0.5 or to 1.
 */
class ConfidenceEdgesTest {

  private static final double NEAR_ONE = Math.nextDown(1.0);

  @Test
  void aWilsonIntervalAtANearCertainConfidenceIsWiderThanAtSixNinesAndStaysInTheUnitInterval() {
    // before: IllegalArgumentException "probability 1.0 must be in (0.5, 1)"
    ShareEstimate near = ShareEstimate.wilson(5, 10, NEAR_ONE);
    ShareEstimate six = ShareEstimate.wilson(5, 10, 0.999_999);
    assertTrue(near.lower() >= 0 && near.lower() < six.lower(), near.toString());
    assertTrue(near.upper() <= 1 && near.upper() > six.upper(), near.toString());
    assertEquals(NEAR_ONE, near.confidence());
  }

  @Test
  void aWilsonIntervalAtAVanishingConfidenceIsThePoint() {
    // before: (1 + 1e-17) / 2 is 0.5, and the call failed naming a "probability"
    ShareEstimate e = ShareEstimate.wilson(3, 10, 1e-17);
    assertEquals(0.3, e.lower(), 1e-12);
    assertEquals(0.3, e.upper(), 1e-12);
  }

  @Test
  void aStudentIntervalAndATrendAtANearCertainConfidenceAreFiniteAndWider() {
    ScoreAccumulator a = new ScoreAccumulator();
    for (double s : new double[] {70, 80, 90, 75, 85}) {
      a.add(s);
    }
    ScoreSummary near = a.summary(NEAR_ONE, 1);
    ScoreSummary six = a.summary(0.999_999, 1);
    assertTrue(
        Double.isFinite(near.halfWidth()) && near.halfWidth() > six.halfWidth(), near.toString());
    ScoreAccumulator b = new ScoreAccumulator();
    for (double s : new double[] {60, 65, 70, 62, 68}) {
      b.add(s);
    }
    Trend t = Trend.between(near, b.summary(NEAR_ONE, 1), NEAR_ONE);
    Trend t6 = Trend.between(six, b.summary(0.999_999, 1), 0.999_999);
    assertTrue(Double.isFinite(t.lower()) && t.lower() < t6.lower(), t.toString());
    assertEquals(t6.delta(), t.delta());
  }
}
