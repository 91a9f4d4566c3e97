package dev.servicekit.qa.calibration;

import static java.lang.Double.NaN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation messages and the edges of the agreement coefficients' inputs. */
class AgreementBoundariesTest {

  private static final List<String> ABC = List.of("a", "b", "c");
  private static final double[][] LINEAR_3 = {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}};

  @Test
  void everyWeightedKappaNamesARatingOutsideTheCategoriesOfEitherRater() {
    List<String> good = List.of("a", "b", "c");
    List<String> badFirst = List.of("a", "x", "c");
    Map<String, Integer> values = new LinkedHashMap<>();
    values.put("a", 1);
    values.put("b", 2);
    values.put("c", 4);
    String expected = "ratings[1] (x, b) must be among the 3 categories";
    String swapped = "ratings[1] (b, x) must be among the 3 categories";
    assertMessage(
        expected, () -> Agreement.weightedCohensKappa(badFirst, good, ABC, KappaWeights.LINEAR));
    assertMessage(
        swapped, () -> Agreement.weightedCohensKappa(good, badFirst, ABC, KappaWeights.LINEAR));
    assertMessage(expected, () -> Agreement.weightedCohensKappa(badFirst, good, ABC, LINEAR_3));
    assertMessage(swapped, () -> Agreement.weightedCohensKappa(good, badFirst, ABC, LINEAR_3));
    assertMessage(
        expected,
        () -> Agreement.weightedCohensKappa(badFirst, good, values, KappaWeights.QUADRATIC));
    assertMessage(
        swapped,
        () -> Agreement.weightedCohensKappa(good, badFirst, values, KappaWeights.QUADRATIC));
    // the last item is checked too
    assertMessage(
        "ratings[2] (c, y) must be among the 3 categories",
        () ->
            Agreement.weightedCohensKappa(good, List.of("a", "b", "y"), ABC, KappaWeights.LINEAR));
  }

  @Test
  void longCategoriesAreCutToEightyCharactersInMessages() {
    String eighty = "c".repeat(80);
    String eightyOne = "d".repeat(81);
    List<String> r = List.of("a", "b");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.weightedCohensKappa(List.of(eighty, "a"), r, ABC, LINEAR_3));
    assertEquals("ratings[0] (" + eighty + ", a) must be among the 3 categories", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.weightedCohensKappa(List.of(eightyOne, "a"), r, ABC, LINEAR_3));
    assertEquals(
        "ratings[0] (" + "d".repeat(80) + "…(81 chars), a) must be among the 3 categories",
        e.getMessage());
  }

  @Test
  void valueWeightsDependOnlyOnDifferencesAndSurviveHugeValues() {
    List<String> r1 = List.of("a", "a", "b", "c", "c", "b", "a");
    List<String> r2 = List.of("a", "b", "b", "c", "a", "c", "a");
    for (KappaWeights w : KappaWeights.values()) {
      double byPosition = Agreement.weightedCohensKappa(r1, r2, ABC, w);
      // equally spaced values centred on 0 (max + min = 0) are the positional weights
      assertEquals(byPosition, kappaByValues(r1, r2, -1, 0, 1, w), 1e-12, w.toString());
      // weights are normalised by the range before squaring, so 1e200 does not overflow
      assertEquals(byPosition, kappaByValues(r1, r2, 0, 1e200, 2e200, w), 1e-12, w.toString());
    }
    assertTrue(Double.isNaN(kappaByValues(r1, r2, 3, 3, 3, KappaWeights.LINEAR)));
  }

  private static double kappaByValues(
      List<String> r1, List<String> r2, double a, double b, double c, KappaWeights w) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("a", a);
    values.put("b", b);
    values.put("c", c);
    return Agreement.weightedCohensKappa(r1, r2, values, w);
  }

  @Test
  void ratioAlphaAcceptsZeroAndIgnoresUnpairableNegativeValues() {
    // with only the values 0 and 1, the ratio distance ((0 - 1) / (0 + 1))^2 = 1 is nominal's
    double[][] m = {{0, 1, 1, 0, 1}, {0, 1, 0, 0, 1}, {0, NaN, 1, 1, 1}};
    ReliabilityData data = ReliabilityData.ofReviewersByItems(m);
    double nominal = Agreement.krippendorffAlpha(data, AlphaMetric.NOMINAL);
    assertEquals(nominal, Agreement.krippendorffAlpha(data, AlphaMetric.RATIO), 1e-12);
    // an item rated once (here -5) is not pairable: it is ignored, not rejected
    double[][] withLonely = {{0, 1, 1, 0, 1, -5}, {0, 1, 0, 0, 1, NaN}, {0, NaN, 1, 1, 1, NaN}};
    assertEquals(
        nominal,
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(withLonely), AlphaMetric.RATIO),
        1e-12);
    // no pairable value at all: NaN, not an exception
    ReliabilityData lonely = ReliabilityData.ofReviewersByItems(new double[][] {{-1, 2}});
    assertTrue(Double.isNaN(Agreement.krippendorffAlpha(lonely, AlphaMetric.RATIO)));
    // a pairable negative value is refused, naming it
    ReliabilityData negative =
        ReliabilityData.ofReviewersByItems(new double[][] {{-1, 2}, {-1, 3}});
    assertMessage(
        "ratio metric needs values >= 0 but found -1.0",
        () -> Agreement.krippendorffAlpha(negative, AlphaMetric.RATIO));
    // the interval metric takes them: units {-1, -1} and {2, 3}, n = 4, observed 2, expected 102
    // (coincidences by hand), alpha = 1 - 3 * 2 / 102
    assertEquals(
        16.0 / 17, Agreement.krippendorffAlpha(negative, AlphaMetric.INTERVAL), 1e-12, "interval");
  }

  @Test
  void fleissKappaReportsARowTotalBeyondTheIntRangeAsItIsInsteadOfWrapped() {
    int max = Integer.MAX_VALUE;
    // before: "counts[0] has -2 ratings; need >= 2 raters"
    assertEquals(
        "counts[0] has 4294967294 ratings; at most 2147483647 raters per subject",
        assertThrows(
                IllegalArgumentException.class,
                () -> Agreement.fleissKappa(new int[][] {{max, max}, {max, max}}))
            .getMessage());
    // the largest accepted total: squared counts near 2^62 still sum exactly in a long
    int half = max / 2;
    double k = Agreement.fleissKappa(new int[][] {{half, max - half}, {max, 0}, {0, max}});
    // by hand, h = half, n = 2h + 1: P = h / (2h + 1), 1, 1; the category shares are about 1/2
    // each, so P-bar is about 5/6, P-e about 1/2 and kappa about (5/6 - 1/2) / (1/2) = 2/3
    assertEquals(2.0 / 3, k, 1e-6);
  }

  @Test
  void intervalAndRatioAlphaOfHugeFiniteValuesEqualAlphaOfTheUnscaledValues() {
    // before: squared differences near 1e600 overflowed and alpha was NaN ("undefined"); ratio
    // alpha's x + y overflowed to infinity and every distance became 0 (alpha 1)
    double[][] plain = {{1, 2, 3}, {2, 2, 4}, {5, 4, 5}, {1, 1, 2}};
    double[][] huge = new double[plain.length][];
    for (int i = 0; i < plain.length; i++) {
      huge[i] = new double[plain[i].length];
      for (int j = 0; j < plain[i].length; j++) {
        huge[i][j] = Math.scalb(plain[i][j], 1020); // exact, up to 5 x 2^1020 (about 5.6e307)
      }
    }
    for (AlphaMetric m : AlphaMetric.values()) {
      double expected = Agreement.krippendorffAlpha(ReliabilityData.ofItemsByReviewers(plain), m);
      assertEquals(
          expected,
          Agreement.krippendorffAlpha(ReliabilityData.ofItemsByReviewers(huge), m),
          0.0,
          m.toString());
      assertTrue(!Double.isNaN(expected) && expected < 1, m + ": " + expected);
    }
  }

  @Test
  void customAlphaDistanceMustBeSymmetric() {
    ReliabilityData data =
        ReliabilityData.ofReviewersByItems(new double[][] {{1, 2, 3}, {1, 3, 3}});
    assertMessage(
        "squaredDistance(2.0, 1.0) = 1.0 must equal squaredDistance(1.0, 2.0) = 2.0",
        () -> Agreement.krippendorffAlpha(data, (a, b) -> a == b ? 0 : a < b ? 2 : 1));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /**
   * Numeric edges a review found: -0.0 counted as another value than 0.0 (nominal alpha 0.263
   * against 0.533, ratio alpha NaN), interval alpha of tiny values NaN (squared differences
   * underflowed), and weighted kappa of category values spanning the doubles NaN ({@code max - min}
   * overflowed). Each now gives the coefficient of the same data at an ordinary scale.
   */
  @Test
  void signedZerosTinyScalesAndHugeRangesGiveTheCoefficientOfOrdinaryData() {
    double[][] plain = {{0.0, 1, 0, 1}, {0.0, 1, 0, 0}};
    double[][] signed = {{0.0, 1, 0, 1}, {-0.0, 1, 0, 0}};
    assertEquals(
        Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(plain), AlphaMetric.NOMINAL),
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(signed), AlphaMetric.NOMINAL));
    assertEquals(
        1.0,
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(new double[][] {{-0.0, 1, 2}, {0, 1, 2}}),
            AlphaMetric.RATIO));
    double[][] data = {{1, 2, 3, 3, 2}, {1, 2, 3, 2, 2}, {2, 2, 3, 3, 1}};
    double ordinary =
        Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(data), AlphaMetric.INTERVAL);
    for (double scale : new double[] {0x1p-600, 0x1p-560, 0x1p500}) {
      double[][] scaled = new double[data.length][];
      for (int i = 0; i < data.length; i++) {
        scaled[i] = data[i].clone();
        for (int j = 0; j < scaled[i].length; j++) {
          scaled[i][j] *= scale;
        }
      }
      assertEquals(
          ordinary,
          Agreement.krippendorffAlpha(
              ReliabilityData.ofReviewersByItems(scaled), AlphaMetric.INTERVAL),
          "scale " + scale);
    }
    Map<String, Double> spaced = new LinkedHashMap<>();
    spaced.put("a", -1.0);
    spaced.put("b", 0.0);
    spaced.put("c", 1.0);
    Map<String, Double> huge = new LinkedHashMap<>();
    huge.put("a", -Double.MAX_VALUE);
    huge.put("b", 0.0);
    huge.put("c", Double.MAX_VALUE);
    List<String> r1 = List.of("a", "b", "c", "a", "c");
    List<String> r2 = List.of("a", "c", "c", "b", "c");
    assertEquals(
        Agreement.weightedCohensKappa(r1, r2, spaced, KappaWeights.LINEAR),
        Agreement.weightedCohensKappa(r1, r2, huge, KappaWeights.LINEAR),
        1e-12);
  }

  /**
   * A null rating in the paired methods is refused naming its list and index: before, percent
   * agreement counted rater2's null as a disagreement (rater1's threw a bare NPE) and kappa took
   * null as a category of its own.
   */
  @Test
  void aNullPairedRatingIsRefusedNamingIt() {
    List<String> a = java.util.Arrays.asList("good", "bad", "good");
    List<String> b = java.util.Arrays.asList("good", null, "good");
    List<String> cats = List.of("bad", "good");
    Map<String, Integer> values = Map.of("bad", 0, "good", 1);
    List<Executable> calls =
        List.of(
            () -> Agreement.percentAgreement(a, b),
            () -> Agreement.cohensKappa(a, b),
            () -> Agreement.scottsPi(a, b),
            () -> Agreement.weightedCohensKappa(a, b, cats, KappaWeights.LINEAR),
            () -> Agreement.weightedCohensKappa(a, b, values, KappaWeights.QUADRATIC),
            () -> Agreement.weightedCohensKappa(a, b, cats, new double[][] {{0, 1}, {1, 0}}));
    for (Executable call : calls) {
      NullPointerException e = assertThrows(NullPointerException.class, call);
      assertTrue(e.getMessage().startsWith("rater2[1] is null"), e.getMessage());
    }
    NullPointerException swapped =
        assertThrows(NullPointerException.class, () -> Agreement.percentAgreement(b, a));
    assertTrue(swapped.getMessage().startsWith("rater1[1] is null"), swapped.getMessage());
    NullPointerException category =
        assertThrows(
            NullPointerException.class,
            () ->
                Agreement.weightedCohensKappa(
                    a, a, java.util.Arrays.asList("bad", null, "good"), KappaWeights.LINEAR));
    assertEquals("category", category.getMessage());
  }
}
