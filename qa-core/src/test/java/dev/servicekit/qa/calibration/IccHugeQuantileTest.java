package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ICC(2,1) of five items rated 1 2, 0 3, 2 0, 0 3, 0 3: Satterthwaite's v is 0.009, so the upper F
 * quantile of the lower bound is about 1e305 or more, and {@code F_U * c} overflowed: the lower
 * bound was -0.0, above the upper bound. Reference: McGraw and Wong's formulas in SciPy 1.17.1
 * ({@code f.isf}): ICC(2,1) lower -0.6 (the limit {@code -n MSE / c} of a huge {@code F_U}) and
 * upper -0.57622313236800, ICC(2,k) lower -3.0 and upper -2.71946477677203 (at so small a {@code v}
 * the approximate interval does not hold the estimate, in SciPy too).
 */
class IccHugeQuantileTest {

  @Test
  void aTinySatterthwaiteDegreeOfFreedomGivesTheLimitOfTheLowerBound() {
    double[][] m = {{1, 2}, {0, 3}, {2, 0}, {0, 3}, {0, 3}};
    IccEstimate e = Agreement.icc(m, IccForm.ICC_2_1, 0.95);
    // MSB = 0.1, MSJ = 6.4, MSE = 2.4: (0.1 - 2.4) / (0.1 + 2.4 + 2 (6.4 - 2.4) / 5) = -23/41
    assertEquals(-23.0 / 41, e.value(), 1e-12);
    assertEquals(-0.6, e.lower(), 1e-9);
    assertEquals(-0.5762231323680019, e.upper(), 1e-6);
    assertTrue(e.lower() <= e.upper(), e.toString());
    IccEstimate avg = Agreement.icc(m, IccForm.ICC_2_K, 0.95);
    // MSB + (MSJ - MSE) / n = 0.1 + 0.8: (0.1 - 2.4) / 0.9 = -23/9
    assertEquals(-23.0 / 9, avg.value(), 1e-12);
    assertEquals(-3.0, avg.lower(), 1e-9);
    assertEquals(-2.7194647767720346, avg.upper(), 1e-6);
  }
}
