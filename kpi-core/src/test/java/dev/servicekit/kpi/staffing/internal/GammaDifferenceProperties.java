package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.junit.jupiter.api.Test;

/**
 * {@code QueueMath.regularizedGammaPDifference(a, lo, hi) = P(a, hi) - P(a, lo)} against an
 * independent oracle: adaptive Simpson's rule on the gamma density {@code x^(a-1) e^-x / Γ(a)} over
 * {@code [lo, hi]}. The intervals lie below, across and above the mode, including far tails where
 * the difference is 1e-30 and subtracting two values close to one would leave nothing, so each of
 * the three ways of computing it must keep its relative precision.
 */
class GammaDifferenceProperties {

  /**
   * Adaptive Simpson's rule on the density over {@code [lo, hi]}, cut into 64 pieces first so that
   * a narrow peak is not missed; each piece is refined until its two halves agree to 1e-13.
   */
  static double integratedDensity(double a, double lo, double hi) {
    int pieces = 64;
    double total = 0;
    for (int i = 0; i < pieces; i++) {
      double l = lo + (hi - lo) * i / pieces;
      double r = i == pieces - 1 ? hi : lo + (hi - lo) * (i + 1) / pieces;
      double fl = density(a, l);
      double fr = density(a, r);
      double fm = density(a, (l + r) / 2);
      total += adaptive(a, l, r, fl, fm, fr, simpson(l, r, fl, fm, fr), 40);
    }
    return total;
  }

  private static double density(double a, double x) {
    return RegularizedGamma.P.derivative(a, x);
  }

  private static double simpson(double l, double r, double fl, double fm, double fr) {
    return (r - l) / 6 * (fl + 4 * fm + fr);
  }

  private static double adaptive(
      double a, double l, double r, double fl, double fm, double fr, double whole, int depth) {
    double m = (l + r) / 2;
    double flm = density(a, (l + m) / 2);
    double fmr = density(a, (m + r) / 2);
    double left = simpson(l, m, fl, flm, fm);
    double right = simpson(m, r, fm, fmr, fr);
    double both = left + right;
    if (depth == 0 || Math.abs(both - whole) <= 1e-13 * Math.abs(both)) {
      return both + (both - whole) / 15;
    }
    return adaptive(a, l, m, fl, flm, fm, left, depth - 1)
        + adaptive(a, m, r, fm, fmr, fr, right, depth - 1);
  }

  @Property(tries = 100)
  void differenceMatchesTheIntegralOfTheDensity(
      @ForAll @DoubleRange(min = 1, max = 300) @Scale(3) double a,
      @ForAll @DoubleRange(min = 0.05, max = 3) @Scale(3) double start,
      @ForAll @DoubleRange(min = 1.2, max = 3) @Scale(3) double stretch) {
    double lo = a * start;
    double hi = lo * stretch;
    double expected = integratedDensity(a, lo, hi);
    double actual = QueueMath.regularizedGammaPDifference(a, lo, hi);
    assertEquals(expected, actual, 1e-10 * expected, "a=" + a + " lo=" + lo + " hi=" + hi);
  }

  @Test
  void eachRegimeKeepsItsRelativePrecisionInTheTails() {
    // {a, lo, hi}: both below a + 1 (lower tail), straddling a + 1, both above a + 1 (upper tail)
    double[][] cases = {
      {50, 1, 2}, {200, 20, 40}, {5, 2, 60}, {100, 50, 150}, {5, 60, 70}, {10, 80, 90}, {1, 40, 41}
    };
    for (double[] c : cases) {
      double expected = integratedDensity(c[0], c[1], c[2]);
      double actual = QueueMath.regularizedGammaPDifference(c[0], c[1], c[2]);
      assertEquals(expected, actual, 1e-9 * expected, "a=" + c[0] + " lo=" + c[1] + " hi=" + c[2]);
    }
  }

  @Test
  void anEmptyOrReversedIntervalHasNoMass() {
    assertEquals(0.0, QueueMath.regularizedGammaPDifference(3, 2, 2));
    assertEquals(0.0, QueueMath.regularizedGammaPDifference(3, 5, 2));
  }
}
