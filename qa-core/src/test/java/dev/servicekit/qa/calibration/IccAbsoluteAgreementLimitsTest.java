package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Limits of the absolute-agreement forms ICC(2,1) and ICC(2,k) that the interval formulas reach
 * only through rounding or 0 / 0. Reviewers who all agree (no reviewer or error variance) have ICC
 * 1, and both McGraw and Wong bounds reduce to {@code n MSB / (n MSB) = 1} whatever the F
 * quantiles: they came out 0.9999999999999999 for five items at 1 and one at 0, below the estimate.
 * Items all rated alike but reviewers who differ ({@code MSB = MSE = 0 < MSJ}) have ICC {@code 0 /
 * (k MSJ / n) = 0}, and the bounds reduce to {@code 0 / (k MSJ) = 0}; they were NaN (F = 0 / 0),
 * though the value is defined.
 */
class IccAbsoluteAgreementLimitsTest {

  private static void interval(double[][] m, double expected) {
    for (IccForm form : new IccForm[] {IccForm.ICC_2_1, IccForm.ICC_2_K}) {
      IccEstimate e = Agreement.icc(m, form, 0.95);
      String what = form + " of " + java.util.Arrays.deepToString(m) + ": " + e;
      assertEquals(expected, e.value(), 0.0, what);
      assertEquals(expected, e.lower(), 0.0, what);
      assertEquals(expected, e.upper(), 0.0, what);
    }
  }

  @Test
  void reviewersWhoAllAgreeHaveAnIntervalOfExactlyOne() {
    interval(new double[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {0, 0}}, 1);
    interval(new double[][] {{3, 3, 3}, {0, 0, 0}, {1, 1, 1}, {1, 1, 1}, {2, 2, 2}}, 1);
  }

  @Test
  void itemsRatedAlikeByReviewersWhoDifferHaveAnIntervalOfZero() {
    interval(new double[][] {{1, 0}, {1, 0}}, 0);
    interval(new double[][] {{1, 0, 2}, {1, 0, 2}, {1, 0, 2}}, 0);
  }
}
