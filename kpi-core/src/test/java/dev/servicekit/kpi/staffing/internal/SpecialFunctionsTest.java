package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialFunctionsTest {

  @Test
  void lnGammaOfIntegersIsLogFactorial() {
    double logFactorial = 0; // ln((n-1)!)
    for (int n = 1; n <= 3000; n++) {
      assertEquals(logFactorial, SpecialFunctions.lnGamma(n), 1e-13 * Math.max(1, logFactorial));
      logFactorial += Math.log(n);
    }
  }

  // Abramowitz & Stegun 6.1.8 and 6.3.2/6.3.3: Γ(1/2) = sqrt(pi), ψ(1) = -γ, ψ(1/2) = -γ - 2 ln 2.
  @Test
  void publishedConstants() {
    assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.lnGamma(0.5), 1e-15);
    double eulerGamma = 0.5772156649015329;
    assertEquals(-eulerGamma, SpecialFunctions.digamma(1), 1e-15);
    assertEquals(-eulerGamma - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-14);
  }

  @Property(tries = 200)
  void digammaSatisfiesRecurrence(@ForAll @DoubleRange(min = 0.01, max = 1e6) double x) {
    assertEquals(
        SpecialFunctions.digamma(x) + 1 / x,
        SpecialFunctions.digamma(x + 1),
        1e-13 * Math.max(1, Math.abs(SpecialFunctions.digamma(x + 1))));
  }

  @Property(tries = 200)
  void exponentialCaseIsClosedForm(@ForAll @DoubleRange(min = 0, max = 700) double x) {
    // P(1, x) = 1 - e^-x, Q(1, x) = e^-x
    assertEquals(-Math.expm1(-x), SpecialFunctions.regularizedGammaP(1, x), 1e-14);
    double q = Math.exp(-x);
    assertEquals(q, SpecialFunctions.regularizedGammaQ(1, x), 1e-13 * q + 1e-300);
  }

  /** Q(a, x) = P(Poisson(x) <= a - 1) for integer a, summed term by term in logs. */
  private static double poissonCdf(int upTo, double x) {
    double sum = 0;
    double logTerm = -x;
    for (int k = 0; k <= upTo; k++) {
      sum += Math.exp(logTerm);
      logTerm += Math.log(x) - Math.log(k + 1);
    }
    return sum;
  }

  @Property(tries = 200)
  void integerShapeMatchesPoissonSum(
      @ForAll @IntRange(min = 1, max = 400) int a,
      @ForAll @DoubleRange(min = 0.01, max = 600) double x) {
    double q = poissonCdf(a - 1, x);
    double tolerance = 1e-11 * Math.max(q, Math.min(1, 1e-3)) + 1e-300;
    assertEquals(q, SpecialFunctions.regularizedGammaQ(a, x), Math.max(tolerance, 1e-13));
    assertEquals(1 - q, SpecialFunctions.regularizedGammaP(a, x), 1e-12);
  }

  // Reference values from mpmath 1.3.0, gammainc(a, 0, x, regularized=True) and gammainc(a, x,
  // inf, regularized=True) at 30 significant digits (printed to 20).
  @ParameterizedTest(name = "a={0} x={1}")
  @CsvSource({
    "10000, 10000, 0.50132980833995520038, 0.49867019166004479962",
    "10000, 9900, 0.15865119219356465696, 0.84134880780643534304",
    "10000, 10100, 0.8413487504471796224, 0.1586512495528203776",
    "250000, 250000, 0.50026596152617782502, 0.49973403847382217498",
    "250000, 249000, 0.022642042198113288357, 0.97735795780188671164",
    "0.5, 0.3, 0.56142197391900013648, 0.43857802608099986352",
    "2.5, 7.25, 0.98727331487759991522, 0.012726685122400084784",
    "1234.5, 1200, 0.16312290592537935192, 0.83687709407462064808",
    "1000000, 1001000, 0.84134478636834029163, 0.15865521363165970837",
    "37.25, 30, 0.11132682164387472309, 0.88867317835612527691"
  })
  void matchesHighPrecisionReference(double a, double x, double p, double q) {
    assertEquals(p, SpecialFunctions.regularizedGammaP(a, x), 1e-13 * p);
    assertEquals(q, SpecialFunctions.regularizedGammaQ(a, x), 1e-13 * q);
  }

  @Property(tries = 200)
  void differenceMatchesDirectSubtraction(
      @ForAll @DoubleRange(min = 0.1, max = 300) double a,
      @ForAll @DoubleRange(min = 0, max = 400) double lo,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
    double hi = lo + fraction * 100;
    double direct =
        SpecialFunctions.regularizedGammaP(a, hi) - SpecialFunctions.regularizedGammaP(a, lo);
    assertEquals(direct, SpecialFunctions.regularizedGammaPDifference(a, lo, hi), 1e-13);
  }

  @Property(tries = 100)
  void seriesSumIsTheScaledLowerGamma(
      @ForAll @DoubleRange(min = 0.05, max = 5000) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
    double x = fraction * (a + 1);
    double p = SpecialFunctions.regularizedGammaP(a, x);
    double viaSeries =
        Math.exp(SpecialFunctions.logPoissonTerm(a, x)) * SpecialFunctions.seriesSum(a, x);
    assertEquals(p, viaSeries, 1e-12 * p + 1e-300);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaP(0, 1));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaP(1, -1));
    assertThrows(
        IllegalArgumentException.class, () -> SpecialFunctions.regularizedGammaP(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.lnGamma(0));
  }
}
