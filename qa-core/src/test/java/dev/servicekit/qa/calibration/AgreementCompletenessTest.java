package dev.servicekit.qa.calibration;

import static java.lang.Double.NaN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgreementCompletenessTest {

  // Shrout, P. E. and Fleiss, J. L. (1979), "Intraclass correlations: uses in assessing rater
  // reliability", Psychological Bulletin 86(2), Table 2: 6 targets rated by 4 judges.
  static final double[][] SHROUT_FLEISS_TABLE_2 = {
    {9, 2, 5, 8}, {6, 1, 3, 2}, {8, 4, 6, 8}, {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}
  };

  // Point estimates: Shrout and Fleiss (1979), Table 4 (2 decimals as printed). 95 % intervals
  // and F: R package psych, ICC() on the same data ("sf" example of its documentation), as printed
  // (2-3 decimals); the intervals follow McGraw and Wong (1996).
  @ParameterizedTest
  @CsvSource({
    "ICC_1_1, 0.17, -0.133, 0.72, 1.8, 5, 18",
    "ICC_2_1, 0.29, 0.019, 0.76, 11.0, 5, 15",
    "ICC_3_1, 0.71, 0.342, 0.95, 11.0, 5, 15",
    "ICC_1_K, 0.44, -0.884, 0.91, 1.8, 5, 18",
    "ICC_2_K, 0.62, 0.071, 0.93, 11.0, 5, 15",
    "ICC_3_K, 0.91, 0.676, 0.99, 11.0, 5, 15"
  })
  void iccMatchesShroutFleissTable4AndPsychIntervals(
      IccForm form, double value, double lower, double upper, double f, int df1, int df2) {
    IccEstimate e = Agreement.icc(SHROUT_FLEISS_TABLE_2, form, 0.95);
    assertEquals(value, e.value(), 0.005);
    assertEquals(lower, e.lower(), 0.005);
    assertEquals(upper, e.upper(), 0.005);
    assertEquals(f, e.f(), 0.05);
    assertEquals(df1, e.df1());
    assertEquals(df2, e.df2());
    assertTrue(e.lower() <= e.value() && e.value() <= e.upper());
  }

  @Test
  void iccRejectsIncompleteOrTooSmallDataAndIsNaNWithoutVariance() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.icc(new double[][] {{1, 2}, {3, NaN}}, IccForm.ICC_2_1, 0.95));
    assertTrue(e.getMessage().contains("itemsByReviewers[1][1] = NaN"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Agreement.icc(new double[][] {{1, 2}}, IccForm.ICC_2_1, 0.95));
    assertThrows(
        IllegalArgumentException.class,
        () -> Agreement.icc(SHROUT_FLEISS_TABLE_2, IccForm.ICC_2_1, 1.0));
    IccEstimate flat = Agreement.icc(new double[][] {{3, 3}, {3, 3}}, IccForm.ICC_3_1, 0.95);
    assertTrue(Double.isNaN(flat.value()));
    // perfect consistency: no error variance
    IccEstimate perfect =
        Agreement.icc(new double[][] {{1, 1}, {2, 2}, {3, 3}}, IccForm.ICC_3_1, 0.95);
    assertEquals(1.0, perfect.value(), 1e-12);
    assertEquals(1.0, perfect.lower(), 1e-12);
  }

  // Wikipedia, "Fleiss' kappa", worked example (10 subjects, 14 raters, 5 categories,
  // kappa = 0.210), given as raw ratings instead of the count table.
  @Test
  void fleissKappaFromRawRatingsReproducesTheCountTableExample() {
    int[][] counts = {
      {0, 0, 0, 0, 14},
      {0, 2, 6, 4, 2},
      {0, 0, 3, 5, 6},
      {0, 3, 9, 2, 0},
      {2, 2, 8, 1, 1},
      {7, 7, 0, 0, 0},
      {3, 2, 6, 3, 0},
      {2, 5, 3, 2, 2},
      {6, 5, 2, 1, 0},
      {0, 2, 2, 3, 7}
    };
    double[][] itemsByReviewers = new double[counts.length][14];
    for (int i = 0; i < counts.length; i++) {
      int r = 0;
      for (int c = 0; c < 5; c++) {
        for (int x = 0; x < counts[i][c]; x++) {
          itemsByReviewers[i][r++] = c + 1;
        }
      }
    }
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(itemsByReviewers);
    assertEquals(0.210, Agreement.fleissKappa(data), 5e-4);
    assertEquals(Agreement.fleissKappa(counts), Agreement.fleissKappa(data), 1e-12);
    // P-bar = 0.378 is the PAIRWISE_MEAN percent agreement
    assertEquals(0.378, Agreement.percentAgreement(data, PairingConvention.PAIRWISE_MEAN), 5e-4);
  }

  @Test
  void fleissKappaWithMissingRatingsUsesEachItemsOwnRaterCount() {
    // item 0: a a a; item 1: a b (third missing); item 2: b b; item 3: a only (not pairable)
    double[][] m = {{1, 1, 1}, {1, 2, NaN}, {2, NaN, 2}, {1, NaN, NaN}};
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(m);
    // P_i = 1, 0, 1 -> P-bar = 2/3 (item 3 has no pair). Chance agreement as Gwet (2014) and
    // irrCAC: pi_j is the mean over the 4 rated items of their shares n_ij / n_i, item 3 included:
    // pi_a = (1 + 1/2 + 0 + 1) / 4 = 5/8, pi_b = 3/8 -> p_e = (25 + 9) / 64 (pooling the ratings
    // of the pairable items gave 25/49)
    double pe = 34.0 / 64;
    assertEquals((2.0 / 3 - pe) / (1 - pe), Agreement.fleissKappa(data), 1e-12);
  }

  @Test
  void percentAgreementConventionsOnOneExample() {
    // items: {1,1,1} {1,1,2} {1,2,3} {1,1,-}: agreeing pairs 3/3, 1/3, 0/3, 1/1
    double[][] m = {{1, 1, 1}, {1, 1, 2}, {1, 2, 3}, {1, 1, NaN}, {5, NaN, NaN}};
    ReliabilityData data = ReliabilityData.ofItemsByReviewers(m);
    assertEquals(
        (1 + 1.0 / 3 + 0 + 1) / 4,
        Agreement.percentAgreement(data, PairingConvention.PAIRWISE_MEAN),
        1e-12);
    assertEquals(
        5.0 / 10, Agreement.percentAgreement(data, PairingConvention.PAIRWISE_POOLED), 1e-12);
    assertEquals(2.0 / 4, Agreement.percentAgreement(data, PairingConvention.UNANIMOUS), 1e-12);
    ReliabilityData lonely = ReliabilityData.ofItemsByReviewers(new double[][] {{1, NaN}});
    assertTrue(Double.isNaN(Agreement.percentAgreement(lonely, PairingConvention.PAIRWISE_MEAN)));
  }

  // Scott (1955): pi = (p_o - p_e) / (1 - p_e) with p_e from the pooled marginals. Table
  // a=20 (yes/yes), b=5, c=10, d=15: p_o = 0.7, pooled yes = 55/100 -> p_e = 0.505, pi = 0.3939.
  @Test
  void scottsPiFromPooledMarginals() {
    List<String> r1 = new ArrayList<>();
    List<String> r2 = new ArrayList<>();
    add(r1, r2, "y", "y", 20);
    add(r1, r2, "y", "n", 5);
    add(r1, r2, "n", "y", 10);
    add(r1, r2, "n", "n", 15);
    assertEquals((0.7 - 0.505) / 0.495, Agreement.scottsPi(r1, r2), 1e-12);
  }

  private static void add(List<String> r1, List<String> r2, String x, String y, int n) {
    for (int i = 0; i < n; i++) {
      r1.add(x);
      r2.add(y);
    }
  }

  @Test
  void valueBasedWeightsSeeUnequalSpacingThatPositionsDoNot() {
    // scale 0, 1, 10: positions say "1 vs 10" is as far as "0 vs 1"; values do not
    List<Integer> r1 = List.of(0, 1, 10, 10, 1, 0, 10);
    List<Integer> r2 = List.of(1, 1, 10, 1, 0, 0, 10);
    Map<Integer, Integer> values = new LinkedHashMap<>();
    values.put(0, 0);
    values.put(1, 1);
    values.put(10, 10);
    double byValue = Agreement.weightedCohensKappa(r1, r2, values, KappaWeights.LINEAR);
    double[][] matrix = {{0, 0.1, 1}, {0.1, 0, 0.9}, {1, 0.9, 0}};
    assertEquals(Agreement.weightedCohensKappa(r1, r2, List.of(0, 1, 10), matrix), byValue, 1e-12);
    double byPosition =
        Agreement.weightedCohensKappa(r1, r2, List.of(0, 1, 10), KappaWeights.LINEAR);
    assertTrue(Math.abs(byPosition - byValue) > 0.01, byPosition + " vs " + byValue);
  }

  @Test
  void customWeightMatrixIsValidatedCellByCell() {
    List<String> r = List.of("a", "b");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Agreement.weightedCohensKappa(
                    r, r, List.of("a", "b"), new double[][] {{0, 1}, {2, 0}}));
    assertTrue(e.getMessage().contains("disagreement[0][1] = 1.0 must equal"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Agreement.weightedCohensKappa(
                    r, r, List.of("a", "b"), new double[][] {{1, 1}, {1, 0}}));
    assertTrue(e.getMessage().contains("must be 0"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Agreement.weightedCohensKappa(r, r, List.of("a", "b"), new double[][] {{0, 1}}));
  }

  // Krippendorff (2011) reference data: a custom squared distance reproduces the built-in metrics.
  @Test
  void customAlphaDistanceReproducesIntervalAndNominal() {
    ReliabilityData data = ReliabilityData.ofReviewersByItems(AgreementTest.KRIPPENDORFF_2011);
    assertEquals(0.849, Agreement.krippendorffAlpha(data, (a, b) -> (a - b) * (a - b)), 5e-4);
    assertEquals(0.743, Agreement.krippendorffAlpha(data, (a, b) -> a == b ? 0 : 1), 5e-4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Agreement.krippendorffAlpha(data, (a, b) -> 1));
    assertTrue(e.getMessage().contains("must be finite, >= 0 and 0 for equal values"));
  }

  @Test
  void itemsByReviewersIsTheTransposeOfReviewersByItems() {
    double[][] reviewersByItems = AgreementTest.KRIPPENDORFF_2011;
    double[][] itemsByReviewers = new double[reviewersByItems[0].length][reviewersByItems.length];
    for (int r = 0; r < reviewersByItems.length; r++) {
      for (int u = 0; u < reviewersByItems[0].length; u++) {
        itemsByReviewers[u][r] = reviewersByItems[r][u];
      }
    }
    for (AlphaMetric metric : AlphaMetric.values()) {
      assertEquals(
          Agreement.krippendorffAlpha(ReliabilityData.ofReviewersByItems(reviewersByItems), metric),
          Agreement.krippendorffAlpha(ReliabilityData.ofItemsByReviewers(itemsByReviewers), metric),
          1e-12);
    }
    // a spreadsheet (items down, reviewers across) passed as reviewers-by-items is ragged-checked
    // with a message that names the layout
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReliabilityData.ofItemsByReviewers(new double[][] {{1, 2}, {1}}));
    assertTrue(e.getMessage().contains("one row per item"), e.getMessage());
  }

  @Test
  void everyCoefficientSignalsUndefinedDataWithNaN() {
    List<String> same = List.of("x", "x", "x");
    assertTrue(Double.isNaN(Agreement.cohensKappa(same, same)));
    assertTrue(Double.isNaN(Agreement.scottsPi(same, same)));
    assertTrue(
        Double.isNaN(Agreement.weightedCohensKappa(same, same, List.of("x"), KappaWeights.LINEAR)));
    assertTrue(
        Double.isNaN(
            Agreement.weightedCohensKappa(same, same, List.of("x", "y"), KappaWeights.QUADRATIC)));
    assertTrue(
        Double.isNaN(
            Agreement.weightedCohensKappa(same, same, Map.of("x", 1), KappaWeights.LINEAR)));
    ReliabilityData constant = ReliabilityData.ofItemsByReviewers(new double[][] {{1, 1}, {1, 1}});
    assertTrue(Double.isNaN(Agreement.fleissKappa(constant)));
    assertTrue(Double.isNaN(Agreement.fleissKappa(new int[][] {{2, 0}, {2, 0}})));
    assertTrue(Double.isNaN(Agreement.krippendorffAlpha(constant, AlphaMetric.NOMINAL)));
    assertTrue(
        Double.isNaN(Agreement.icc(new double[][] {{1, 1}, {1, 1}}, IccForm.ICC_1_1, 0.9).value()));
  }
}
