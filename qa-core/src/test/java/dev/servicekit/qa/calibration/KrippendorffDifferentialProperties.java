package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Krippendorff's alpha without a coincidence matrix equals the textbook computation ({@link
 * KrippendorffBruteForce}) on small random data, for every metric and for custom distances.
 */
class KrippendorffDifferentialProperties {

  /** Random reviewers-by-items data: few categories or many distinct values, a quarter missing. */
  private static double[][] randomData(Random r) {
    int raters = 2 + r.nextInt(5);
    int units = 1 + r.nextInt(20);
    boolean fewValues = r.nextBoolean();
    double[][] m = new double[raters][units];
    for (double[] row : m) {
      for (int u = 0; u < units; u++) {
        if (r.nextInt(4) == 0) {
          row[u] = Double.NaN;
        } else {
          row[u] = fewValues ? r.nextInt(6) : Math.round(r.nextDouble() * 10_000) / 100.0;
        }
      }
    }
    return m;
  }

  private static void assertSame(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
    } else {
      assertEquals(expected, actual, 1e-12, what);
    }
  }

  @Property(tries = 500)
  void everyMetricMatchesTheCoincidenceMatrixOracle(@ForAll long seed) {
    double[][] m = randomData(new Random(seed));
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    for (AlphaMetric metric : AlphaMetric.values()) {
      assertSame(
          KrippendorffBruteForce.alpha(data, metric),
          Agreement.krippendorffAlpha(data, metric),
          metric + " " + Arrays.deepToString(m));
    }
  }

  @Property(tries = 300)
  void customDistancesMatchTheCoincidenceMatrixOracle(@ForAll long seed) {
    Random r = new Random(seed);
    double[][] m = randomData(r);
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double p = 0.5 + 2 * r.nextDouble();
    DoubleBinaryOperator distance = (a, b) -> Math.pow(Math.abs(a - b), p);
    assertSame(
        KrippendorffBruteForce.alpha(data, distance),
        Agreement.krippendorffAlpha(data, distance),
        "|a-b|^" + p + " " + Arrays.deepToString(m));
  }

  @Property(tries = 100)
  void ordinalAlphaDependsOnlyOnTheOrderOfValues(@ForAll long seed) {
    double[][] m = randomData(new Random(seed));
    double[][] monotone = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      monotone[i] = Arrays.stream(m[i]).map(x -> Math.exp(x / 10) - 7).toArray();
    }
    assertEquals(
        Double.doubleToLongBits(
            Agreement.krippendorffAlpha(
                ReliabilityData.ofReviewersByItems(m), AlphaMetric.ORDINAL)),
        Double.doubleToLongBits(
            Agreement.krippendorffAlpha(
                ReliabilityData.ofReviewersByItems(monotone), AlphaMetric.ORDINAL)));
  }

  /**
   * 20,000 items of two reviewers with 40,000 distinct values: the coincidence matrix alone would
   * be 12.8 GB and the textbook ordinal distance {@code O(v^3)}. Ordinal alpha only needs the
   * order, so it equals the interval alpha of the values' mid-ranks, which here are the ranks.
   */
  @Test
  void ordinalAlphaOverFortyThousandDistinctValuesNeedsNoMatrix() {
    int items = 20_000;
    Random r = new Random(20);
    double[][] itemsByReviewers = new double[items][2];
    for (int i = 0; i < items; i++) {
      itemsByReviewers[i][0] = i + r.nextDouble() * 0.4;
      itemsByReviewers[i][1] = i + 0.5 + r.nextDouble() * 0.4;
    }
    double[] sorted =
        Arrays.stream(itemsByReviewers).flatMapToDouble(Arrays::stream).sorted().toArray();
    double[][] ranks = new double[items][2];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < 2; j++) {
        ranks[i][j] = Arrays.binarySearch(sorted, itemsByReviewers[i][j]) + 0.5;
      }
    }
    double ordinal =
        Agreement.krippendorffAlpha(
            ReliabilityData.ofItemsByReviewers(itemsByReviewers), AlphaMetric.ORDINAL);
    assertEquals(
        Agreement.krippendorffAlpha(
            ReliabilityData.ofItemsByReviewers(ranks), AlphaMetric.INTERVAL),
        ordinal,
        1e-12);
    assertTrue(ordinal > 0.99, "adjacent ranks agree almost perfectly: " + ordinal);
  }
}
