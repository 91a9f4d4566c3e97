package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ICC point estimates, F ratios and intervals pinned tightly on Shrout and Fleiss' (1979) example.
 *
 * <p>Sources. Data: Shrout, P. E. and Fleiss, J. L. (1979), "Intraclass correlations: uses in
 * assessing rater reliability", Psychological Bulletin 86(2), 420-428, Table 2 (6 targets, 4
 * judges). Its Table 3 prints the mean squares BMS = 11.24, JMS = 32.49, WMS = 6.26, EMS = 1.02;
 * from the data they are exactly 1349/120, 2339/72, 451/72 and 367/360, so each point estimate of
 * Table 4 (0.17, 0.29, 0.71, 0.44, 0.62, 0.91) is an exact fraction, checked here to 1e-12.
 *
 * <p>Intervals: McGraw, K. O. and Wong, S. P. (1996), "Forming inferences about some intraclass
 * correlation coefficients", Psychological Methods 1(1), 30-46, Table 7 (cases 1, 2A and 3A). The
 * 95 % bounds below were computed from those formulas with the exact mean squares and SciPy 1.17.1
 * ({@code scipy.stats.f.ppf}, an F quantile independent of the Commons Statistics one used in main
 * code), and agree with R package psych's {@code ICC()} output for the same data as printed in its
 * documentation (-0.133 / 0.72, 0.019 / 0.76, 0.342 / 0.95, -0.884 / 0.91, 0.071 / 0.93, 0.676 /
 * 0.99).
 */
class IccReferenceValuesTest {

  static final double[][] SF = AgreementCompletenessTest.SHROUT_FLEISS_TABLE_2;

  static final double BMS = 1349.0 / 120;
  static final double JMS = 2339.0 / 72;
  static final double WMS = 451.0 / 72;
  static final double EMS = 367.0 / 360;

  @ParameterizedTest
  @CsvSource({
    // form,  exact value,       lower (SciPy),         upper (SciPy),       psych lower, upper
    "ICC_1_1, 448/2703,  -0.13293232487475098, 0.722560062328121,  -0.133, 0.72",
    "ICC_2_1, 184/635,   0.018786513374711995, 0.7610843696489528, 0.019,  0.76",
    "ICC_3_1, 920/1287,  0.3424647650339252,   0.9458582599553595, 0.342,  0.95",
    "ICC_1_K, 1792/4047, -0.8844421552381201,  0.9124154203407755, -0.884, 0.91",
    "ICC_2_K, 736/1187,  0.0711368153025033,   0.9272320401677219, 0.071,  0.93",
    "ICC_3_K, 3680/4047, 0.6756747138163046,   0.9858916781690623, 0.676,  0.99"
  })
  void shroutFleissTable4ExactlyWithMcGrawWongIntervals(
      IccForm form,
      String exact,
      double lower,
      double upper,
      double psychLower,
      double psychUpper) {
    IccEstimate e = Agreement.icc(SF, form, 0.95);
    String[] q = exact.split("/");
    assertEquals(Double.parseDouble(q[0]) / Double.parseDouble(q[1]), e.value(), 1e-12);
    assertEquals(lower, e.lower(), 1e-9, "lower");
    assertEquals(upper, e.upper(), 1e-9, "upper");
    // the printed values, to their printed precision
    assertEquals(psychLower, e.lower(), halfUnitOfLastDigit(psychLower));
    assertEquals(psychUpper, e.upper(), halfUnitOfLastDigit(psychUpper));
    assertEquals(0.95, e.confidence());
  }

  @Test
  void fRatiosAndDegreesOfFreedomAreThoseOfTheAnovaTable() {
    for (IccForm form : IccForm.values()) {
      IccEstimate e = Agreement.icc(SF, form, 0.95);
      boolean oneWay = form == IccForm.ICC_1_1 || form == IccForm.ICC_1_K;
      // one-way: BMS / WMS on (n - 1, n (k - 1)); two-way: BMS / EMS on (n - 1, (n - 1)(k - 1))
      assertEquals(oneWay ? BMS / WMS : BMS / EMS, e.f(), 1e-12, form.toString());
      assertEquals(5, e.df1(), form.toString());
      assertEquals(oneWay ? 18 : 15, e.df2(), form.toString());
      assertEquals(form, e.form());
    }
  }

  @Test
  void otherConfidenceLevelsUseTheirOwnQuantiles() {
    // ICC(3,1) at 90 %: F quantiles at 0.95, SciPy 1.17.1 (as above)
    IccEstimate e = Agreement.icc(SF, IccForm.ICC_3_1, 0.90);
    assertEquals(0.4118341309190449, e.lower(), 1e-9);
    assertEquals(0.9258328076802796, e.upper(), 1e-9);
    assertEquals(0.90, e.confidence());
    // ICC(2,1) at 99 %
    IccEstimate two = Agreement.icc(SF, IccForm.ICC_2_1, 0.99);
    assertEquals(-0.012914823882727309, two.lower(), 1e-9);
    assertEquals(0.8703456724571627, two.upper(), 1e-9);
  }

  @Test
  void hugeButFiniteRatingsGiveTheSameCoefficientsInsteadOfNaN() {
    // before: sums of squares of values near 1e300 overflowed and every coefficient was NaN,
    // which the module reserves for "undefined" (no variance); ICCs are scale-free
    for (IccForm form : IccForm.values()) {
      IccEstimate plain = Agreement.icc(SF, form, 0.95);
      double[][] pow2 = new double[SF.length][];
      double[][] dec = new double[SF.length][];
      for (int i = 0; i < SF.length; i++) {
        pow2[i] = new double[SF[i].length];
        dec[i] = new double[SF[i].length];
        for (int j = 0; j < SF[i].length; j++) {
          pow2[i][j] = Math.scalb(SF[i][j], 1000); // exact
          dec[i][j] = SF[i][j] * 1e300;
        }
      }
      IccEstimate exact = Agreement.icc(pow2, form, 0.95);
      assertEquals(plain.value(), exact.value(), 0.0, form.toString());
      assertEquals(plain.lower(), exact.lower(), 0.0, form.toString());
      assertEquals(plain.upper(), exact.upper(), 0.0, form.toString());
      IccEstimate scaled = Agreement.icc(dec, form, 0.95);
      assertEquals(plain.value(), scaled.value(), 1e-12, form.toString());
      assertEquals(plain.lower(), scaled.lower(), 1e-9, form.toString());
    }
  }

  @Test
  void aNearCertainConfidenceHasBoundsWiderThanSixNines() {
    // (1 + c) / 2 is exactly 1.0 in double for the largest c below 1; the F quantiles come from
    // the upper tail (1 - c) / 2 instead, so the bounds exist (they were NaN before, unlike every
    // other interval of the module, which answers for every confidence in (0, 1))
    double c = Math.nextDown(1.0);
    for (IccForm form : IccForm.values()) {
      IccEstimate e = Agreement.icc(SF, form, c);
      IccEstimate six = Agreement.icc(SF, form, 0.999_999);
      assertEquals(Agreement.icc(SF, form, 0.95).value(), e.value(), 0.0, form.toString());
      assertTrue(e.lower() <= six.lower() && six.upper() <= e.upper(), form + ": " + e);
      assertTrue(!Double.isNaN(e.lower()) && !Double.isNaN(e.upper()), form + ": " + e);
      assertEquals(c, e.confidence());
    }
  }

  @Test
  void averageOfRandomRatersIsUnboundedBelowPastTheSpearmanBrownPole() {
    // 3 items x 2 raters, ICC(2,1) = 3/7 with a single-rater lower bound below -1/(k-1) = -1:
    // the Spearman-Brown transform to ICC(2,k) has passed its pole, so the k-rater lower bound is
    // unbounded below (bounds: SciPy 1.17.1 with McGraw and Wong's formulas, as above)
    double[][] m = {{2, 4}, {1, 5}, {8, 6}};
    IccEstimate single = Agreement.icc(m, IccForm.ICC_2_1, 0.95);
    assertEquals(3.0 / 7, single.value(), 1e-12);
    assertEquals(-1.1008479522787427, single.lower(), 1e-9);
    assertEquals(0.9809708868920908, single.upper(), 1e-9);
    IccEstimate avg = Agreement.icc(m, IccForm.ICC_2_K, 0.95);
    assertEquals(0.6, avg.value(), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, avg.lower());
    assertEquals(0.990394047063577, avg.upper(), 1e-9);
  }

  @Test
  void noErrorVarianceGivesOneAndInfiniteF() {
    // rows are constant offsets of each other: EMS = 0, so F = infinity and the consistency
    // forms are exactly 1 with both bounds 1 (1 - k / (F + k - 1) with F infinite)
    double[][] m = {{1, 3}, {2, 4}, {5, 7}, {0, 2}};
    for (IccForm form : new IccForm[] {IccForm.ICC_3_1, IccForm.ICC_3_K}) {
      IccEstimate e = Agreement.icc(m, form, 0.95);
      assertEquals(1.0, e.value(), 0.0, form.toString());
      assertEquals(Double.POSITIVE_INFINITY, e.f(), form.toString());
      assertEquals(1.0, e.lower(), 0.0, form.toString());
      assertEquals(1.0, e.upper(), 0.0, form.toString());
    }
  }

  @Test
  void confidenceAndShapeAreCheckedWithTheirValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Agreement.icc(SF, IccForm.ICC_1_1, 0));
    assertEquals("confidence 0.0 must be in (0, 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Agreement.icc(SF, IccForm.ICC_1_1, 1));
    assertEquals("confidence 1.0 must be in (0, 1)", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.icc(new double[][] {{1, 2, 3}}, IccForm.ICC_1_1, 0.95));
    assertEquals("ICC needs >= 2 items (rows), got 1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.icc(new double[][] {{1}, {2}}, IccForm.ICC_1_1, 0.95));
    assertEquals("ICC needs >= 2 reviewers (columns), got 1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Agreement.icc(new double[][] {{1, 2}, {3, 4, 5}}, IccForm.ICC_1_1, 0.95));
    assertEquals("itemsByReviewers[1] has 3 reviewers but row 0 has 2", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Agreement.icc(
                    new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}, IccForm.ICC_1_1, 0.95));
    assertEquals(
        "itemsByReviewers[1][1] = Infinity; ICC needs complete, finite data", e.getMessage());
  }

  private static double halfUnitOfLastDigit(double printed) {
    String s = Double.toString(Math.abs(printed));
    int decimals = s.length() - s.indexOf('.') - 1;
    return 0.5 * Math.pow(10, -decimals);
  }
}
