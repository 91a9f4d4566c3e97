package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ICC(2,1) and ICC(2,k) of data without error variance (every reviewer gives each item the same
 * rating, or the same rating plus a constant of the reviewer's) had a value but NaN bounds: the
 * McGraw and Wong interval divides by {@code F_j = MSJ / MSE}, infinite or 0 / 0 there. The
 * consistency forms already take the interval's limit (both bounds 1). The oracle is continuity:
 * the same data with one rating moved by {@code 1e-7}, which has error variance and takes the
 * general formula, gives bounds within {@code 1e-4} of the limit.
 */
class IccNoErrorVarianceIntervalTest {

  private static final double[][] ALL_AGREE = {{1, 1, 1}, {2, 2, 2}, {5, 5, 5}, {0, 0, 0}};

  private static final double[][] OFFSETS = {{1, 3}, {2, 4}, {5, 7}, {0, 2}};

  private static double[][] nudged(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    out[0][0] += 1e-7;
    return out;
  }

  private static void boundsAreTheLimit(double[][] m, IccForm form) {
    IccEstimate exact = Agreement.icc(m, form, 0.95);
    IccEstimate near = Agreement.icc(nudged(m), form, 0.95);
    String what = form + " of " + java.util.Arrays.deepToString(m);
    assertTrue(Double.isFinite(near.lower()) && Double.isFinite(near.upper()), what);
    assertEquals(near.value(), exact.value(), 1e-4, what + " value");
    assertEquals(near.lower(), exact.lower(), 1e-4, what + " lower");
    assertEquals(near.upper(), exact.upper(), 1e-4, what + " upper");
    assertTrue(exact.lower() <= exact.value() && exact.value() <= exact.upper(), what);
  }

  @Test
  void reviewersWhoAllAgreeGiveAnIntervalOfOne() {
    for (IccForm form : new IccForm[] {IccForm.ICC_2_1, IccForm.ICC_2_K}) {
      IccEstimate e = Agreement.icc(ALL_AGREE, form, 0.95);
      assertEquals(1.0, e.value(), 0.0, form.toString());
      assertEquals(1.0, e.lower(), 0.0, form.toString());
      assertEquals(1.0, e.upper(), 0.0, form.toString());
      boundsAreTheLimit(ALL_AGREE, form);
    }
  }

  @Test
  void reviewersOffsetByConstantsGiveTheLimitOfTheInterval() {
    for (IccForm form : new IccForm[] {IccForm.ICC_2_1, IccForm.ICC_2_K}) {
      boundsAreTheLimit(OFFSETS, form);
    }
  }
}
