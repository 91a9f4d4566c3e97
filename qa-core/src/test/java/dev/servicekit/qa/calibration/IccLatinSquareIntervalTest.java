package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * ICC(2,1) of a Latin square (every row and every column a permutation of the same ratings: items
 * and reviewers with equal means, {@code MSB = MSJ = 0}) is {@code -MSE / (MSE (k - 1 - k / n)) =
 * -n / (nk - n - k)}, and McGraw and Wong's bounds, {@code -n MSE / ((kn - k - n) MSE)} when {@code
 * MSB = MSJ = 0}, equal it whatever their degrees of freedom; but Satterthwaite's {@code v} is 0 /
 * 0 there, and the bounds were NaN. The nudged square (one rating moved by {@code 1e-7}) takes the
 * general formula and lands next to them.
 */
class IccLatinSquareIntervalTest {

  private static double[][] nudged(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    out[0][0] += 1e-7;
    return out;
  }

  private static void check(double[][] square, double expected) {
    IccEstimate e = Agreement.icc(square, IccForm.ICC_2_1, 0.95);
    assertEquals(expected, e.value(), 1e-12, "value");
    assertEquals(expected, e.lower(), 1e-12, "lower");
    assertEquals(expected, e.upper(), 1e-12, "upper");
    IccEstimate near = Agreement.icc(nudged(square), IccForm.ICC_2_1, 0.95);
    assertEquals(near.lower(), e.lower(), 1e-4, "lower next to the nudged square's");
    assertEquals(near.upper(), e.upper(), 1e-4, "upper next to the nudged square's");
  }

  @Test
  void boundsOfALatinSquareAreItsValue() {
    check(new double[][] {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}, -3.0 / (9 - 3 - 3));
    check(
        new double[][] {{1, 2, 3, 4}, {2, 3, 4, 1}, {3, 4, 1, 2}, {4, 1, 2, 3}},
        -4.0 / (16 - 4 - 4));
  }
}
