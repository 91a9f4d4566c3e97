package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class QueueMathProperties {

  @Property(tries = 300)
  void gammaPathOfErlangBAgreesWithTheRecursion(
      @ForAll @IntRange(min = 64, max = 30_000) int n,
      @ForAll @DoubleRange(min = 0.01, max = 20) @Scale(6) double loadFactor) {
    double a = n * loadFactor;
    double recursion = QueueMath.erlangBByRecursion(n, a);
    double gamma = QueueMath.erlangB(n, a);
    if (recursion < Double.MIN_NORMAL) {
      // underflow (n >> a): both must be (sub)normal-tiny
      assertEquals(0, gamma, 1e-290, "n=" + n + " a=" + a);
      return;
    }
    // Relative error grows with the magnitude of the exponent ln B (absolute error of the log).
    double tolerance = 1e-12 * Math.max(1, -Math.log(recursion)) * recursion;
    assertEquals(recursion, gamma, tolerance + Double.MIN_NORMAL, "n=" + n + " a=" + a);
  }

  @Property(tries = 100, edgeCases = net.jqwik.api.EdgeCasesMode.FIRST)
  void recursionStepContinuesTheGammaPath(
      @ForAll @IntRange(min = 64, max = 30_000) int n,
      @ForAll @DoubleRange(min = 0.5, max = 1.5) @Scale(6) double loadFactor) {
    double a = n * loadFactor;
    double next = QueueMath.erlangBNext(n + 1, a, QueueMath.erlangB(n, a));
    double direct = QueueMath.erlangB(n + 1, a);
    // Relative 1e-12 per unit of |ln B| (Commons Numbers' Poisson term and Q carry an error that
    // grows with the size of the logarithm: 7.4e-132 agrees to 1.0e-12), and subnormal results
    // (n = 30,000 at half load gives ~1e-313) carry only a few significant bits: there, a few
    // units in the last place; a result that underflows to 0 may come out one step apart as the
    // smallest subnormal.
    double tolerance =
        direct == 0
            ? 16 * Double.MIN_VALUE
            : Math.max(1e-12 * Math.max(1, -Math.log(direct)) * direct, 16 * Math.ulp(direct));
    assertEquals(direct, next, tolerance, "n=" + n + " a=" + a);
  }
}
