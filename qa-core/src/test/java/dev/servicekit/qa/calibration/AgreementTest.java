package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgreementTest {

  private static final double NaN = Double.NaN;

  /** Two raters' yes/no lists from a 2x2 table: a = yes/yes, b = yes/no, c = no/yes, d = no/no. */
  static List<List<String>> fromTable(int a, int b, int c, int d) {
    List<String> r1 = new ArrayList<>();
    List<String> r2 = new ArrayList<>();
    add(r1, r2, "yes", "yes", a);
    add(r1, r2, "yes", "no", b);
    add(r1, r2, "no", "yes", c);
    add(r1, r2, "no", "no", d);
    return List.of(r1, r2);
  }

  private static void add(List<String> r1, List<String> r2, String x, String y, int n) {
    r1.addAll(Collections.nCopies(n, x));
    r2.addAll(Collections.nCopies(n, y));
  }

  // Wikipedia, "Cohen's kappa", worked examples: 50 grant proposals, p_o = 0.7, p_e = 0.5,
  // kappa = 0.4; "same percentages but different numbers": kappa 0.1304 and 0.2593.
  @ParameterizedTest
  @CsvSource({
    "20, 5, 10, 15, 0.70, 0.4",
    "45, 15, 25, 15, 0.60, 0.1304",
    "25, 35, 5, 35, 0.60, 0.2593"
  })
  void cohensKappaWikipediaExamples(int a, int b, int c, int d, double po, double kappa) {
    List<List<String>> r = fromTable(a, b, c, d);
    assertEquals(po, Agreement.percentAgreement(r.get(0), r.get(1)), 1e-12);
    assertEquals(kappa, Agreement.cohensKappa(r.get(0), r.get(1)), 5e-5);
    // with two categories every weighting scheme reduces to the unweighted kappa
    for (KappaWeights w : KappaWeights.values()) {
      assertEquals(
          Agreement.cohensKappa(r.get(0), r.get(1)),
          Agreement.weightedCohensKappa(r.get(0), r.get(1), List.of("no", "yes"), w),
          1e-12);
    }
  }

  @Test
  void cohensKappaIsUndefinedWhenChanceAgreementIsOne() {
    assertEquals(NaN, Agreement.cohensKappa(List.of("a", "a"), List.of("a", "a")));
    assertEquals(1.0, Agreement.cohensKappa(List.of("a", "b"), List.of("a", "b")), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> Agreement.cohensKappa(List.of("a"), List.of()));
  }

  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories;
  // P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210 (values as printed, 3 decimals).
  @Test
  void fleissKappaWikipediaExample() {
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
    assertEquals(0.210, Agreement.fleissKappa(counts), 5e-4);
  }

  @Test
  void fleissKappaWithTwoRatersMatchesScottsPiIdentity() {
    // For two raters Fleiss' kappa equals Scott's pi: (p_o - p_e) / (1 - p_e) with pooled
    // marginals. Table a=20, b=5, c=10, d=15: pooled yes = (25 + 30) / 100 = 0.55.
    int[][] counts = new int[50][];
    int i = 0;
    for (int k = 0; k < 20; k++) {
      counts[i++] = new int[] {2, 0};
    }
    for (int k = 0; k < 15; k++) {
      counts[i++] = new int[] {1, 1};
    }
    for (int k = 0; k < 15; k++) {
      counts[i++] = new int[] {0, 2};
    }
    double pe = 0.55 * 0.55 + 0.45 * 0.45;
    assertEquals((0.7 - pe) / (1 - pe), Agreement.fleissKappa(counts), 1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> Agreement.fleissKappa(new int[][] {{2, 0}, {1, 2}}),
        "rows with different totals");
  }

  // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the example with four
  // observers, twelve units and missing values: alpha nominal 0.743, ordinal 0.815,
  // interval 0.849, ratio 0.797.
  static final double[][] KRIPPENDORFF_2011 = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, NaN, NaN, NaN},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NaN, 3},
    {NaN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NaN},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NaN}
  };

  @ParameterizedTest
  @CsvSource({"NOMINAL, 0.743", "ORDINAL, 0.815", "INTERVAL, 0.849", "RATIO, 0.797"})
  void krippendorffAlphaPublishedExample(AlphaMetric metric, double alpha) {
    ReliabilityData data = ReliabilityData.ofReviewersByItems(KRIPPENDORFF_2011);
    assertEquals(alpha, Agreement.krippendorffAlpha(data, metric), 5e-4);
  }

  @Test
  void krippendorffAlphaEdgeCases() {
    ReliabilityData perfect =
        ReliabilityData.ofReviewersByItems(new double[][] {{1, 2, 3}, {1, 2, 3}});
    assertEquals(1.0, Agreement.krippendorffAlpha(perfect, AlphaMetric.NOMINAL), 1e-12);
    ReliabilityData constant = ReliabilityData.ofReviewersByItems(new double[][] {{1, 1}, {1, 1}});
    assertTrue(Double.isNaN(Agreement.krippendorffAlpha(constant, AlphaMetric.INTERVAL)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReliabilityData.builder().add("u", "r", 1).add("u", "r", 2));
    assertTrue(e.getMessage().contains("rater 'r' already rated unit 'u'"));
  }
}
