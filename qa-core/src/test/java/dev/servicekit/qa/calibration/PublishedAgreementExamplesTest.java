package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
