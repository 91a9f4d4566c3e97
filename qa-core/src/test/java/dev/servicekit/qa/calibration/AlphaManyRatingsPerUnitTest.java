package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Krippendorff's alpha summed the observed disagreement over every pair of ratings within a unit,
 * {@code O(m^2)} for a unit of {@code m} ratings: a few units rated by 10,000 reviewers on a
 * five-point scale took seconds per call (Fleiss' kappa of the same data milliseconds). Ratings of
 * one value within a unit are one term, weighted by how often each occurs, so the distance is
 * needed once per pair of distinct values in the unit; a counting distance tells it without a
 * clock, and the coincidence-matrix oracle checks the value.
 */
class AlphaManyRatingsPerUnitTest {

  @Test
  void aUnitOfManyRatingsCostsItsDistinctValuesNotItsPairs() {
    int units = 3;
    int reviewers = 2_000;
    Random r = new Random(11);
    double[][] itemsByReviewers = new double[units][reviewers];
    for (double[] unit : itemsByReviewers) {
      for (int j = 0; j < reviewers; j++) {
        unit[j] = r.nextInt(5);
      }
    }
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(itemsByReviewers);
    AtomicLong calls = new AtomicLong();
    DoubleBinaryOperator squared =
        (a, b) -> {
          calls.incrementAndGet();
          return (a - b) * (a - b);
        };
    double alpha = Agreement.krippendorffAlpha(data, squared);
    // 5 values: 25 validating calls (each pair both ways, each value with itself), then at most 10
    // pairs of distinct values per unit; every pair of different ratings was 4.8 million calls
    assertTrue(calls.get() <= 25 + units * 10, calls.get() + " calls of the distance");
    assertEquals(KrippendorffBruteForce.alpha(data, AlphaMetric.INTERVAL), alpha, 1e-12);
    for (AlphaMetric metric : AlphaMetric.values()) {
      assertEquals(
          KrippendorffBruteForce.alpha(data, metric),
          Agreement.krippendorffAlpha(data, metric),
          1e-12,
          metric.toString());
    }
  }
}
