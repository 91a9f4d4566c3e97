package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Items with equal means ({@code MSB = 0}, so {@code F = 0}): the McGraw and Wong bounds of every
 * defined form reduce to the point estimate whatever the F quantiles, e.g. ICC(1,1) and ICC(3,1)
 * are {@code (0 - 1) / (0 + k - 1) = -1/(k - 1)} and so are both their bounds. Computed through the
 * quantiles they missed the estimate by rounding ({@code 1 - 7/6} is not {@code -1/6} in doubles),
 * so the interval did not hold its own estimate.
 */
class IccEqualItemMeansTest {

  /** Each row a cyclic shift of {@code base}: all rows have the same mean. */
  private static double[][] shifts(int n, double... base) {
    int k = base.length;
    double[][] m = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = base[(i + j) % k];
      }
    }
    return m;
  }

  private static void boundsAreTheEstimate(double[][] m, IccForm form, double expected) {
    IccEstimate e = Agreement.icc(m, form, 0.95);
    String what = form + " of " + java.util.Arrays.deepToString(m) + ": " + e;
    assertEquals(0.0, e.f(), what);
    assertEquals(expected, e.value(), 1e-12, what);
    assertEquals(e.value(), e.lower(), 0.0, what);
    assertEquals(e.value(), e.upper(), 0.0, what);
  }

  @Test
  void theIntervalOfItemsWithEqualMeansIsTheEstimate() {
    for (int k = 2; k <= 9; k++) {
      double[] base = new double[k];
      for (int j = 0; j < k; j++) {
        base[j] = j * j % 5;
      }
      for (int n = 2; n <= 5; n++) {
        double[][] m = shifts(n, base);
        boundsAreTheEstimate(m, IccForm.ICC_1_1, -1.0 / (k - 1));
        boundsAreTheEstimate(m, IccForm.ICC_3_1, -1.0 / (k - 1));
      }
    }
  }

  @Test
  void absoluteAgreementOfItemsWithEqualMeans() {
    // 3 items x 2 reviewers, rows 0 2 / 1 1 / 2 0: MSB = 0, MSJ = 0, MSE = 4 / 2 = 2, so ICC(2,1)
    // = (0 - MSE) / (0 + (k - 1) MSE + k (0 - MSE) / n) = -2 / (2 - 4/3) = -3
    boundsAreTheEstimate(new double[][] {{0, 2}, {1, 1}, {2, 0}}, IccForm.ICC_2_1, -3);
    // rows 0 1 2 / 1 2 0 / 2 0 1 / 0 1 2 plus a reviewer bias of 3 on column 3: MSB = 0, and
    // ICC(2,k) = (0 - MSE) / (0 + (MSJ - MSE) / n) with MSJ > MSE, negative
    double[][] biased = shifts(4, 0, 1, 2);
    for (double[] row : biased) {
      row[2] += 3;
    }
    IccEstimate e = Agreement.icc(biased, IccForm.ICC_2_K, 0.95);
    assertEquals(e.value(), e.lower(), 0.0, e.toString());
    assertEquals(e.value(), e.upper(), 0.0, e.toString());
  }
}
