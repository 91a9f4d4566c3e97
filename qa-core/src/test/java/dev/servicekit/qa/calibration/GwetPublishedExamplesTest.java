package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Gwet's AC1 and AC2 against the values R's irrCAC 1.0 (Gwet's own package,
 * github.com/kgwet/irrCAC) prints for its data sets: the README ("Computing Agreement
 * Coefficients") for AC1 and the vignette "Weighted Chance-corrected Agreement Coefficients"
 * (vignettes/weighting) for AC2 with {@code quadratic.weights}. Every expected value is the printed
 * one, with the tolerance of its last printed digit; where irrCAC prints {@code pa} and {@code pe},
 * the coefficient is also checked as {@code (pa - pe) / (1 - pe)}.
 */
class GwetPublishedExamplesTest {

  private static final double NaN = Double.NaN;
  private static final double[] ONE_TO_THREE = {1, 2, 3};
  private static final double[] ONE_TO_FIVE = {1, 2, 3, 4, 5};

  /** Two raters' contingency table as raw data, categories coded 1..q (rows rater 1). */
  private static ReliabilityData fromTable(int[][] table) {
    int n = 0;
    for (int[] row : table) {
      for (int c : row) {
        n += c;
      }
    }
    double[][] reviewersByItems = new double[2][n];
    int i = 0;
    for (int k = 0; k < table.length; k++) {
      for (int l = 0; l < table[k].length; l++) {
        for (int x = 0; x < table[k][l]; x++) {
          reviewersByItems[0][i] = k + 1;
          reviewersByItems[1][i++] = l + 1;
        }
      }
    }
    return ReliabilityData.ofReviewersByItems(reviewersByItems);
  }

  /**
   * {@code cont3x3abstractors}: two abstractors classifying 100 pregnancies as Ectopic, AIU or NIU.
   * README: {@code gwet.ac1.table} 0.8493305; weighting vignette: with {@code
   * quadratic.weights(1:3)} AC2 0.9402369.
   */
  @Test
  void irrCacAbstractorsContingencyTable() {
    ReliabilityData d = fromTable(new int[][] {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
    assertEquals(0.8493305, Agreement.gwetAc1(d), 5e-8);
    assertEquals(0.8493305, Agreement.gwetAc1(d, ONE_TO_THREE), 5e-8);
    assertEquals(0.9402369, Agreement.gwetAc2(d, ONE_TO_THREE, KappaWeights.QUADRATIC), 5e-8);
  }

  /**
   * {@code distrib.6raters}: the first 15 of Fleiss' (1971) 30 patients, 6 psychiatrists each, 5
   * diagnoses. README: {@code gwet.ac1.dist} AC1 0.4448007 with pa 0.5511111 and pe 0.1914815;
   * weighting vignette: with {@code quadratic.weights(1:5)} AC2 0.4837438, pa 0.8544444, pe
   * 0.7180556.
   */
  @Test
  void irrCacSixRatersDistribution() {
    int[][] counts = {
      {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
      {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
      {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1}
    };
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
    assertEquals(0.4448007, Agreement.gwetAc1(d), 5e-8);
    assertEquals((0.5511111 - 0.1914815) / (1 - 0.1914815), Agreement.gwetAc1(d), 1e-7);
    assertEquals(0.4837438, Agreement.gwetAc2(d, ONE_TO_FIVE, KappaWeights.QUADRATIC), 5e-8);
    assertEquals(
        (0.8544444 - 0.7180556) / (1 - 0.7180556),
        Agreement.gwetAc2(d, ONE_TO_FIVE, KappaWeights.QUADRATIC),
        5e-7);
  }

  /**
   * {@code cac.raw4raters}: Krippendorff's (2011) 12 units by 4 raters with missing ratings (unit
   * 12 has one rating, which counts in chance agreement only). README: {@code gwet.ac1.raw} AC1
   * 0.77544 (printed to 5 decimals) with pa 0.8181818, pe 0.1903212; weighting vignette: {@code
   * weights = "quadratic"} AC2 0.914 (0.91400 rounded to 5 decimals) with pa 0.9753788, pe
   * 0.7137044.
   */
  @Test
  void irrCacFourRatersWithMissingRatings() {
    double[][] unitsByRaters = {
      {1, 1, NaN, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
      {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {NaN, 5, 5, 5}, {NaN, NaN, 1, 1}, {NaN, NaN, 3, NaN}
    };
    ReliabilityData d = ReliabilityData.ofItemsByReviewers(unitsByRaters);
    assertEquals(0.77544, Agreement.gwetAc1(d), 5e-6);
    assertEquals((0.8181818 - 0.1903212) / (1 - 0.1903212), Agreement.gwetAc1(d), 1e-7);
    double ac2 = Agreement.gwetAc2(d, ONE_TO_FIVE, KappaWeights.QUADRATIC);
    assertEquals(0.914, ac2, 5e-6);
    assertEquals((0.9753788 - 0.7137044) / (1 - 0.7137044), ac2, 5e-7);
  }
}
