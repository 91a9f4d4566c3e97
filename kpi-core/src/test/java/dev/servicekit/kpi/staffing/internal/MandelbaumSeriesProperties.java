package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/** The Erlang A series against Commons Numbers' regularized incomplete gamma function. */
class MandelbaumSeriesProperties {

  @Property(tries = 300)
  void seriesTimesThePoissonTermIsTheRegularizedGammaP(
      @ForAll @DoubleRange(min = 0.01, max = 1e5) double b,
      @ForAll @DoubleRange(min = 0.0, max = 0.999) @net.jqwik.api.constraints.Scale(4)
          double fraction) {
    double y = fraction * (b + 1);
    // P(b, y) = y^b e^-y / Γ(b+1) * S(b, y), with y^b e^-y / Γ(b+1) = dP(b+1, y)/dy
    double p = RegularizedGamma.P.value(b, y);
    double viaSeries = RegularizedGamma.P.derivative(b + 1, y) * QueueMath.mandelbaumSums(b, y)[0];
    // relative error grows with the magnitude of ln P (as for any exp of a large logarithm)
    double tolerance = p == 0 ? 0 : 1e-12 * Math.max(1, -Math.log(p)) * p;
    assertEquals(p, viaSeries, tolerance + 1e-300, "b=" + b + " y=" + y);
  }

  @Property(tries = 200)
  void overloadedErlangBSeriesAgreesWithTheRecursion(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 64, max = 20_000) int n,
      @ForAll @DoubleRange(min = 0.0, max = 50) double extra) {
    double a = n + 2 + extra * Math.sqrt(n);
    double recursion = QueueMath.erlangBByRecursion(n, a);
    assertEquals(recursion, 1 / QueueMath.inverseErlangBOverloaded(n, a), 1e-12 * recursion);
  }
}
