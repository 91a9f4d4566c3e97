package dev.servicekit.qa.calibration;

/**
 * Gwet's AC1 and AC2 straight from the definitions of Gwet (2014, "Handbook of Inter-Rater
 * Reliability", 4th ed., ch. 2 and 3), as irrCAC's {@code gwet.ac1.raw} and {@code gwet.ac1.table}
 * compute them: an explicit {@code q x q} agreement-weight matrix, percent agreement as the mean
 * weight over every ordered pair of ratings by different reviewers of an item, chance agreement
 * from the matrix's sum. No sorting, no counting by category: the oracle for {@link
 * Agreement#gwetAc1(ReliabilityData)} and friends.
 */
final class GwetBruteForce {

  private GwetBruteForce() {}

  /** 1 on the diagonal, 0 elsewhere: AC1. */
  static double[][] identity(int q) {
    double[][] w = new double[q][q];
    for (int k = 0; k < q; k++) {
      w[k][k] = 1;
    }
    return w;
  }

  /** Gwet's linear or quadratic agreement weights {@code 1 - |x_k - x_l| / (max - min)} (^2). */
  static double[][] fromValues(double[] categories, boolean quadratic) {
    int q = categories.length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : categories) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double[][] w = new double[q][q];
    for (int k = 0; k < q; k++) {
      for (int l = 0; l < q; l++) {
        double d = Math.abs(categories[k] - categories[l]) / (max - min);
        w[k][l] = 1 - (quadratic ? d * d : d);
      }
    }
    return w;
  }

  private static int indexOf(double[] categories, double v) {
    for (int k = 0; k < categories.length; k++) {
      if (categories[k] == v) {
        return k;
      }
    }
    throw new AssertionError(v + " is not a category");
  }

  /**
   * AC from a reviewers-by-items matrix (NaN missing), the categories and their agreement weights.
   */
  static double ac(double[][] reviewersByItems, double[] categories, double[][] weights) {
    int q = categories.length;
    int items = reviewersByItems.length == 0 ? 0 : reviewersByItems[0].length;
    double paSum = 0;
    int paired = 0;
    int rated = 0;
    double[] pi = new double[q];
    for (int i = 0; i < items; i++) {
      int m = 0;
      for (double[] reviewer : reviewersByItems) {
        if (!Double.isNaN(reviewer[i])) {
          m++;
        }
      }
      if (m == 0) {
        continue;
      }
      rated++;
      for (double[] reviewer : reviewersByItems) {
        if (!Double.isNaN(reviewer[i])) {
          pi[indexOf(categories, reviewer[i])] += 1.0 / m;
        }
      }
      if (m < 2) {
        continue;
      }
      paired++;
      double sum = 0;
      for (int r = 0; r < reviewersByItems.length; r++) {
        for (int s = 0; s < reviewersByItems.length; s++) {
          double a = reviewersByItems[r][i];
          double b = reviewersByItems[s][i];
          if (r != s && !Double.isNaN(a) && !Double.isNaN(b)) {
            sum += weights[indexOf(categories, a)][indexOf(categories, b)];
          }
        }
      }
      paSum += sum / (m * (m - 1.0));
    }
    if (paired == 0 || q < 2) {
      return Double.NaN;
    }
    double pa = paSum / paired;
    double total = 0;
    for (double[] row : weights) {
      for (double w : row) {
        total += w;
      }
    }
    double spread = 0;
    for (int k = 0; k < q; k++) {
      double p = pi[k] / rated;
      spread += p * (1 - p);
    }
    double pe = total * spread / (q * (q - 1.0));
    return pe >= 1 ? Double.NaN : (pa - pe) / (1 - pe);
  }

  /**
   * irrCAC's {@code gwet.ac1.table}: two raters' contingency table {@code table[k][l]} (rater 1 in
   * category k, rater 2 in l) with agreement weights.
   */
  static double acOfTable(long[][] table, double[][] weights) {
    int q = table.length;
    double n = 0;
    for (long[] row : table) {
      for (long c : row) {
        n += c;
      }
    }
    double pa = 0;
    double[] pi = new double[q];
    double total = 0;
    for (int k = 0; k < q; k++) {
      for (int l = 0; l < q; l++) {
        pa += weights[k][l] * table[k][l] / n;
        pi[k] += table[k][l] / (2 * n);
        pi[l] += table[k][l] / (2 * n);
        total += weights[k][l];
      }
    }
    double spread = 0;
    for (double p : pi) {
      spread += p * (1 - p);
    }
    double pe = total * spread / (q * (q - 1.0));
    return (pa - pe) / (1 - pe);
  }
}
