package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Ratings a review found leaking NaN or taken for data: a NaN rating in the paired methods, ratio
 * alpha of values near {@code Double.MAX_VALUE} beside subnormal ones, and a custom alpha distance
 * so large that its sums overflow.
 */
class AgreementHostileRatingsTest {

  private static final String MISSING_ADVICE =
      ": paired statistics take a rating for every item; missing ratings go in ReliabilityData"
          + " (percentAgreement, fleissKappa, krippendorffAlpha)";

  /**
   * Before: a boxed NaN equals itself, so it was a category of its own on which two raters "agreed"
   * (percent agreement 1.0 of two NaN ratings, kappa 0.33 of {NaN, 1} and {NaN, 2}).
   */
  @Test
  void aNaNRatingInThePairedMethodsIsRefusedNamingItsListAndIndex() {
    List<Double> ok = List.of(1.0, 2.0, 1.0);
    List<Double> withNaN = Arrays.asList(1.0, Double.NaN, 1.0);
    List<Double> scale = List.of(1.0, 2.0);
    double[][] linear = {{0, 1}, {1, 0}};
    for (boolean second : new boolean[] {false, true}) {
      List<Double> r1 = second ? ok : withNaN;
      List<Double> r2 = second ? withNaN : ok;
      String expected = (second ? "rater2" : "rater1") + "[1] is NaN" + MISSING_ADVICE;
      assertMessage(expected, () -> Agreement.percentAgreement(r1, r2));
      assertMessage(expected, () -> Agreement.cohensKappa(r1, r2));
      assertMessage(expected, () -> Agreement.scottsPi(r1, r2));
      assertMessage(
          expected, () -> Agreement.weightedCohensKappa(r1, r2, scale, KappaWeights.LINEAR));
      assertMessage(expected, () -> Agreement.weightedCohensKappa(r1, r2, scale, linear));
      assertMessage(
          expected,
          () -> Agreement.weightedCohensKappa(r1, r2, Map.of(1.0, 1, 2.0, 2), KappaWeights.LINEAR));
    }
    List<Float> floats = Arrays.asList(1f, Float.NaN);
    assertMessage(
        "rater2[1] is NaN" + MISSING_ADVICE, () -> Agreement.cohensKappa(List.of(1f, 2f), floats));
    // infinities are values like any other category code
    List<Double> inf = List.of(Double.POSITIVE_INFINITY, 1.0);
    assertEquals(1.0, Agreement.percentAgreement(inf, inf));
  }

  /**
   * The ratio distance of {@code 2^1023}, the least subnormal and 0 is 1 between any two of them
   * (to double precision), so ratio alpha is nominal alpha. Before, the values were scaled down by
   * {@code 2^-1023}, the subnormal one became 0 and its distance to 0 was 0 / 0: alpha NaN.
   */
  @Test
  void ratioAlphaOfHugeBesideSubnormalValuesIsDefined() {
    double big = 0x1p1023;
    double tiny = Double.MIN_VALUE;
    double[][] m = {{big, 1, tiny, 0, big, tiny}, {big, tiny, tiny, 0, 0, 0}};
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double nominal = Agreement.krippendorffAlpha(data, AlphaMetric.NOMINAL);
    assertEquals(nominal, Agreement.krippendorffAlpha(data, AlphaMetric.RATIO), 1e-12);
  }

  /**
   * Ratio alpha is scale-free: values whose pairwise sums overflow ({@code MAX_VALUE} and half of
   * it) give the alpha of 2 and 1.
   */
  @Test
  void ratioAlphaOfValuesWhoseSumsOverflowIsThatOfOrdinaryValues() {
    double[][] ordinary = {{2, 1, 1, 2, 0}, {2, 2, 1, 1, 1}, {1, 2, 1, 2, 0}};
    double[][] huge = new double[ordinary.length][];
    for (int i = 0; i < ordinary.length; i++) {
      huge[i] = ordinary[i].clone();
      for (int j = 0; j < huge[i].length; j++) {
        huge[i][j] = huge[i][j] * (Double.MAX_VALUE / 2);
      }
    }
    assertEquals(
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(ordinary), AlphaMetric.RATIO),
        Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(huge), AlphaMetric.RATIO),
        1e-12);
  }

  /**
   * Alpha is a ratio of sums of distances, so a custom distance of {@code Double.MAX_VALUE} between
   * any two values is nominal alpha. Before, the sums overflowed to infinity and alpha was NaN.
   */
  @Test
  void aCustomDistanceWhoseSumsOverflowGivesTheAlphaOfTheScaledDistance() {
    double[][] m = {{1, 2, 3, 3, 2, 1}, {1, 2, 3, 2, 2, 3}, {1, 1, 3, 3, 2, Double.NaN}};
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double nominal = Agreement.krippendorffAlpha(data, AlphaMetric.NOMINAL);
    assertEquals(
        nominal, Agreement.krippendorffAlpha(data, (a, b) -> a == b ? 0 : Double.MAX_VALUE), 1e-12);
    assertEquals(
        nominal, Agreement.krippendorffAlpha(data, (a, b) -> a == b ? 0 : 0x1p1000), 1e-12);
    // distances of interval size times 2^1000: interval alpha
    assertEquals(
        Agreement.krippendorffAlpha(data, AlphaMetric.INTERVAL),
        Agreement.krippendorffAlpha(data, (a, b) -> Math.scalb((a - b) * (a - b), 1000)),
        1e-12);
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
