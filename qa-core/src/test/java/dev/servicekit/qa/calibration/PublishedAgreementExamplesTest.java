package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published worked examples of the agreement coefficients not already pinned by {@link
 * AgreementTest}, {@link AgreementCompletenessTest} and {@link IccReferenceValuesTest}. Every
 * expected value is the one the source prints, with the tolerance of its last printed digit.
 */
class PublishedAgreementExamplesTest {

  private static final double NaN = Double.NaN;

  /**
   * Stata Base Reference Manual, [R] kappa, examples 1 to 3 (the xeromammogram ratings of two
   * radiologists, {@code kap rada radb}, 85 subjects, categories 1 to 4): rows are rada, columns
   * radb.
   */
  private static final int[][] STATA_RADIOLOGISTS = {
    {21, 12, 0, 0}, {4, 17, 1, 0}, {3, 9, 15, 2}, {0, 0, 0, 1}
  };

  private static List<List<Integer>> fromTable(int[][] table) {
    List<Integer> r1 = new ArrayList<>();
    List<Integer> r2 = new ArrayList<>();
    for (int i = 0; i < table.length; i++) {
      for (int j = 0; j < table[i].length; j++) {
        for (int x = 0; x < table[i][j]; x++) {
          r1.add(i + 1);
          r2.add(j + 1);
        }
      }
    }
    return List.of(r1, r2);
  }

  /**
   * Stata's output for the table above: unweighted, agreement 63.53 %, expected 30.82 %, kappa
   * 0.4728; {@code wgt(w)} (weights {@code 1 - |i - j| / (k - 1)}: servicekit's LINEAR disagreement
   * {@code |i - j| / (k - 1)}) 86.67 %, 69.11 %, 0.5684; {@code wgt(w2)} (weights {@code 1 - ((i -
   * j) / (k - 1))^2}: QUADRATIC) 94.77 %, 84.09 %, 0.6714.
   */
  @Test
  void stataRadiologistsUnweightedAndWeightedKappa() {
    List<List<Integer>> r = fromTable(STATA_RADIOLOGISTS);
    List<Integer> rada = r.get(0);
    List<Integer> radb = r.get(1);
    assertEquals(85, rada.size());
    assertEquals(0.6353, Agreement.percentAgreement(rada, radb), 5e-5);
    assertEquals(0.4728, Agreement.cohensKappa(rada, radb), 5e-5);
    List<Integer> scale = List.of(1, 2, 3, 4);
    assertEquals(
        0.5684, Agreement.weightedCohensKappa(rada, radb, scale, KappaWeights.LINEAR), 5e-5);
    assertEquals(
        0.6714, Agreement.weightedCohensKappa(rada, radb, scale, KappaWeights.QUADRATIC), 5e-5);
    // the same weights as an explicit disagreement matrix, and by the categories' values
    double[][] linear = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        linear[i][j] = Math.abs(i - j) / 3.0;
      }
    }
    assertEquals(0.5684, Agreement.weightedCohensKappa(rada, radb, scale, linear), 5e-5);
    Map<Integer, Integer> values = new LinkedHashMap<>();
    scale.forEach(v -> values.put(v, v));
    assertEquals(
        0.6714, Agreement.weightedCohensKappa(rada, radb, values, KappaWeights.QUADRATIC), 5e-5);
  }

  /**
   * Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), example A: binary data, two
   * observers, ten units, no missing values: alpha = 0.095.
   */
  @Test
  void krippendorffBinaryTwoObservers() {
    double[][] data = {{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}};
    ReliabilityData d = ReliabilityData.ofReviewersByItems(data);
    assertEquals(0.095, Agreement.krippendorffAlpha(d, AlphaMetric.NOMINAL), 5e-4);
  }

  /**
   * Krippendorff (2011), example B: nominal data, two observers (Ben and Gerry), twelve units, no
   * missing values, values a..e coded 1..5: alpha = 0.692.
   */
  @Test
  void krippendorffNominalTwoObservers() {
    double[][] data = {
      {1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1}, // Ben:   a a b b d c c c e d d a
      {2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4} // Gerry: b a b b b c c c e d d d
    };
    ReliabilityData d = ReliabilityData.ofReviewersByItems(data);
    assertEquals(0.692, Agreement.krippendorffAlpha(d, AlphaMetric.NOMINAL), 5e-4);
  }

  /**
   * Wikipedia, "Krippendorff's alpha", section "A computational example": three coders, fifteen
   * units, values 1..4 with missing values; alpha_nominal = 0.691, alpha_interval = 0.811.
   */
  @ParameterizedTest
  @CsvSource({"NOMINAL, 0.691", "INTERVAL, 0.811"})
  void wikipediaComputationalExample(AlphaMetric metric, double alpha) {
    double[][] data = {
      {NaN, NaN, NaN, NaN, NaN, 3, 4, 1, 2, 1, 1, 3, 3, NaN, 3}, // coder A
      {1, NaN, 2, 1, 3, 3, 4, 3, NaN, NaN, NaN, NaN, NaN, NaN, NaN}, // coder B
      {NaN, NaN, 2, 1, 3, 4, 4, NaN, 2, 1, 1, 3, 3, NaN, 4} // coder C
    };
    ReliabilityData d = ReliabilityData.ofReviewersByItems(data);
    assertEquals(alpha, Agreement.krippendorffAlpha(d, metric), 5e-4);
  }

  /**
   * Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin
   * 76(5): 30 patients each diagnosed by 6 psychiatrists into 5 categories (depression, personality
   * disorder, schizophrenia, neurosis, other). The raw ratings are R package irr's data set {@code
   * diagnoses}; {@code kappam.fleiss(diagnoses)} prints Kappa = 0.43 (Fleiss: 0.430), its value
   * 0.4302445 to 7 digits.
   */
  @Test
  void fleiss1971PsychiatricDiagnoses() {
    double[][] diagnoses = {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
      {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
      {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
      {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
      {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
      {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
      {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}
    };
    ReliabilityData d = ReliabilityData.ofItemsByReviewers(diagnoses);
    assertEquals(0.4302445, Agreement.fleissKappa(d), 5e-8);
    // the same as Fleiss' table of counts per category
    int[][] counts = new int[diagnoses.length][5];
    for (int i = 0; i < diagnoses.length; i++) {
      for (double v : diagnoses[i]) {
        counts[i][(int) v - 1]++;
      }
    }
    assertEquals(0.4302445, Agreement.fleissKappa(counts), 5e-8);
  }

  /**
   * SAS/STAT, PROC FREQ {@code AGREE} output for a 3 x 3 table of two raters (rows {0, 4, 1}, {0,
   * 8, 0}, {0, 1, 5}), as statsmodels' inter-rater tests quote it: simple kappa 0.4842, weighted
   * kappa 0.4701 with SAS's default Cicchetti-Allison weights {@code 1 - |i - j| / (k - 1)}, which
   * are servicekit's LINEAR disagreement weights.
   */
  @Test
  void sasAgreeThreeByThreeTable() {
    List<List<Integer>> r = fromTable(new int[][] {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
    assertEquals(0.4842, Agreement.cohensKappa(r.get(0), r.get(1)), 5e-5);
    assertEquals(
        0.4701,
        Agreement.weightedCohensKappa(r.get(0), r.get(1), List.of(1, 2, 3), KappaWeights.LINEAR),
        5e-5);
  }

  /**
   * R package irr, {@code kappa2(anxiety[, 2:3])} with weights "unweighted", "equal" and "squared"
   * (irr's data set {@code anxiety}: 20 subjects rated 1 to 6 by three raters; raters 2 and 3):
   * -0.006289308, 0.1459075 and 0.2520325. irr weighs by position among the levels the two raters
   * used (1, 2, 3, 4, 6: nobody rated 5), so those are the categories to list; the whole scale 1..6
   * puts 6 two steps from 4 and gives another value.
   */
  @Test
  void irrKappa2OnTheAnxietyData() {
    List<Integer> rater2 = List.of(3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4);
    List<Integer> rater3 = List.of(2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2);
    List<Integer> used = List.of(1, 2, 3, 4, 6);
    assertEquals(-0.006289308, Agreement.cohensKappa(rater2, rater3), 5e-10);
    assertEquals(
        0.1459075, Agreement.weightedCohensKappa(rater2, rater3, used, KappaWeights.LINEAR), 5e-8);
    assertEquals(
        0.2520325,
        Agreement.weightedCohensKappa(rater2, rater3, used, KappaWeights.QUADRATIC),
        5e-8);
    double wholeScale =
        Agreement.weightedCohensKappa(
            rater2, rater3, List.of(1, 2, 3, 4, 5, 6), KappaWeights.LINEAR);
    assertTrue(Math.abs(wholeScale - 0.1459075) > 0.01, String.valueOf(wholeScale));
  }

  /**
   * Pingouin's documentation of {@code pingouin.intraclass_corr}
   * (pingouin-stats.org/generated/pingouin.intraclass_corr.html), example on its data set {@code
   * icc}: 8 wines scored by 4 judges. It prints the ICCs to 3 decimals, F to 3, and the 95 %
   * intervals to 2: ICC1 0.728, F 11.680 on (7, 24), [0.43, 0.93]; ICC2 0.728, F 11.787 on (7, 21),
   * [0.43, 0.93]; ICC3 0.729, [0.43, 0.93]; ICC1k 0.914, [0.75, 0.98]; ICC2k 0.914, [0.75, 0.98];
   * ICC3k 0.915, [0.75, 0.98]. A second data set (n = 8, k = 4) besides Shrout and Fleiss'.
   */
  @ParameterizedTest
  @CsvSource({
    "ICC_1_1, 0.728, 11.680, 24, 0.43, 0.93",
    "ICC_2_1, 0.728, 11.787, 21, 0.43, 0.93",
    "ICC_3_1, 0.729, 11.787, 21, 0.43, 0.93",
    "ICC_1_K, 0.914, 11.680, 24, 0.75, 0.98",
    "ICC_2_K, 0.914, 11.787, 21, 0.75, 0.98",
    "ICC_3_K, 0.915, 11.787, 21, 0.75, 0.98"
  })
  void pingouinWineJudges(
      IccForm form, double value, double f, int df2, double lower, double upper) {
    double[][] winesByJudges = { // judges A, B, C, D
      {1, 2, 0, 1}, {1, 3, 3, 2}, {3, 8, 1, 4}, {6, 4, 3, 3},
      {6, 5, 5, 6}, {7, 5, 6, 2}, {8, 7, 7, 9}, {9, 9, 9, 8}
    };
    IccEstimate e = Agreement.icc(winesByJudges, form, 0.95);
    assertEquals(value, e.value(), 5e-4);
    assertEquals(f, e.f(), 5e-4);
    assertEquals(7, e.df1());
    assertEquals(df2, e.df2());
    assertEquals(lower, e.lower(), 5e-3);
    assertEquals(upper, e.upper(), 5e-3);
  }

  /**
   * R package irrCAC 1.0 (Gwet), README "Computing agreement Coefficients from Contingency tables"
   * (github.com/kgwet/irrCAC): its data set {@code cont3x3abstractors}, two abstractors classifying
   * 100 pregnancies as Ectopic, AIU or NIU (rows one abstractor, columns the other). It prints
   * Cohen's kappa 0.7964094, Scott's pi 0.7962397, Krippendorff's alpha 0.7972585 and percent
   * agreement 0.89.
   */
  @Test
  void irrCacAbstractorsContingencyTable() {
    List<List<Integer>> r = fromTable(new int[][] {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
    List<Integer> a = r.get(0);
    List<Integer> b = r.get(1);
    assertEquals(100, a.size());
    assertEquals(0.7964094, Agreement.cohensKappa(a, b), 5e-8);
    assertEquals(0.7962397, Agreement.scottsPi(a, b), 5e-8);
    assertEquals(0.89, Agreement.percentAgreement(a, b), 1e-12);
    double[][] reviewersByItems = new double[2][a.size()];
    for (int i = 0; i < a.size(); i++) {
      reviewersByItems[0][i] = a.get(i);
      reviewersByItems[1][i] = b.get(i);
    }
    ReliabilityData d = ReliabilityData.ofReviewersByItems(reviewersByItems);
    assertEquals(0.7972585, Agreement.krippendorffAlpha(d, AlphaMetric.NOMINAL), 5e-8);
    assertEquals(0.7962397, Agreement.fleissKappa(d), 5e-8); // Fleiss' kappa of two is Scott's pi
    // irrCAC vignette "Weighted Chance-corrected Agreement Coefficients", quadratic.weights(1:3):
    // kappa2.table 0.8921569; krippen2.table 0.8926487, which is alpha with the interval metric on
    // the codes 1..3
    assertEquals(
        0.8921569,
        Agreement.weightedCohensKappa(a, b, List.of(1, 2, 3), KappaWeights.QUADRATIC),
        5e-8);
    assertEquals(0.8926487, Agreement.krippendorffAlpha(d, AlphaMetric.INTERVAL), 5e-8);
  }

  /**
   * irrCAC README, "Computing agreement coefficients from the distribution of raters by subject &
   * category": {@code distrib.6raters}, the first 15 of Fleiss' (1971) 30 patients, 6 psychiatrists
   * each (columns: depression, personality disorder, schizophrenia, neurosis, other). {@code
   * fleiss.kappa.dist}: kappa 0.4139265 with pa 0.5511111 (Fleiss' P-bar); {@code
   * krippen.alpha.dist}: alpha 0.4204384.
   */
  @Test
  void irrCacSixRatersDistribution() {
    int[][] counts = {
      {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
      {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
      {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}
    };
    assertEquals(0.4139265, Agreement.fleissKappa(counts), 5e-8);
    double[][] itemsByReviewers = new double[counts.length][6];
    for (int i = 0; i < counts.length; i++) {
      int rater = 0;
      for (int c = 0; c < 5; c++) {
        for (int x = 0; x < counts[i][c]; x++) {
          itemsByReviewers[i][rater++] = c + 1;
        }
      }
    }
    ReliabilityData d = ReliabilityData.ofItemsByReviewers(itemsByReviewers);
    assertEquals(0.4139265, Agreement.fleissKappa(d), 5e-8);
    assertEquals(0.4204384, Agreement.krippendorffAlpha(d, AlphaMetric.NOMINAL), 5e-8);
    // the weighting vignette: krippen.alpha.dist with quadratic.weights(1:5), 0.259511
    assertEquals(0.259511, Agreement.krippendorffAlpha(d, AlphaMetric.INTERVAL), 5e-7);
    assertEquals(0.5511111, Agreement.percentAgreement(d, PairingConvention.PAIRWISE_MEAN), 5e-8);
  }

  /**
   * irrCAC README, "Computing agreement coefficients from raw ratings": {@code cac.raw4raters},
   * Krippendorff's (2011) 12 units by 4 raters with missing ratings, one row per unit (unit 12 has
   * one rating). {@code pa.coeff.raw}: 0.8181818 (the mean over the 11 units with two ratings);
   * {@code fleiss.kappa.raw}: pa 0.8181818, pe 0.2387153, kappa 0.76117 (printed to 5 decimals);
   * {@code krippen.alpha.raw}: 0.74342. Gwet's chance agreement for missing ratings averages each
   * unit's shares of the categories over all 12 units; pooling the ratings of the pairable units
   * instead gives pe 0.24 and kappa 0.76077.
   */
  @Test
  void irrCacFourRatersWithMissingRatings() {
    double[][] unitsByRaters = {
      {1, 1, NaN, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
      {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {NaN, 5, 5, 5}, {NaN, NaN, 1, 1}, {NaN, NaN, 3, NaN}
    };
    ReliabilityData d = ReliabilityData.ofItemsByReviewers(unitsByRaters);
    assertEquals(0.8181818, Agreement.percentAgreement(d, PairingConvention.PAIRWISE_MEAN), 5e-8);
    double pa = 0.8181818181818182;
    double pe = 0.2387153;
    assertEquals((pa - pe) / (1 - pe), Agreement.fleissKappa(d), 1e-7);
    assertEquals(0.76117, Agreement.fleissKappa(d), 5e-6);
    assertEquals(0.74342, Agreement.krippendorffAlpha(d, AlphaMetric.NOMINAL), 5e-6);
    // the weighting vignette: krippen.alpha.raw(weights = "quadratic") 0.84911, Krippendorff's
    // interval alpha (his 0.849)
    assertEquals(0.84911, Agreement.krippendorffAlpha(d, AlphaMetric.INTERVAL), 5e-6);
  }
}
