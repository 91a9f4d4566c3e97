package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.junit.jupiter.api.Test;

/**
 * {@link QueueMath#regularizedGammaP}: below {@code a}, from {@code a} near 1e11 on, Commons
 * Numbers' series stops at 10^6 terms a few standard deviations below {@code a}, which Erlang A's
 * {@code x = N patience / AHT} reaches (10^6 agents at a patience of 10^6 AHT); there the value
 * comes from Mandelbaum and Zeltyn's series.
 */
class LowerGammaFallbackTest {

  /** Where Commons converges (up to 1e10), the series gives its value, a few sd below a. */
  @Property(tries = 60)
  void seriesAgreesWithCommonsUpToTenBillion(
      @ForAll @DoubleRange(min = 1e5, max = 1e10) double a,
      @ForAll @DoubleRange(min = 0, max = 12) @Scale(3) double standardDeviations) {
    double v = a - standardDeviations * Math.sqrt(a);
    double p = RegularizedGamma.P.value(a, v);
    double s = QueueMath.lowerGammaPBySeries(a, v);
    // both carry the Poisson term's error, relative ~1e-6 at a = 1e10 (a log of magnitude a):
    // measured at most 3e-13 absolute over 0..12 sd
    String ctx = "a=" + a + " v=" + v + " commons=" + p + " series=" + s;
    assertTrue(Math.abs(p - s) <= 1e-12, ctx);
    assertTrue(Math.abs(p - s) <= 1e-5 * p || p == s, ctx);
  }

  @Test
  void whereCommonsGivesUpTheSeriesAnswers() {
    double[][] failing = {
      {1e11, 1e11 * (1 - 2e-5)}, {1e12, 1e12 * (1 - 1e-5)}, {1e13, 1e13 * (1 - 5e-6)}
    };
    for (double[] av : failing) {
      double a = av[0];
      double v = av[1];
      // the premise: Commons' own series stops at its cap here
      assertThrows(ArithmeticException.class, () -> RegularizedGamma.P.value(a, v));
      double p = QueueMath.regularizedGammaP(a, v);
      assertEquals(QueueMath.lowerGammaPBySeries(a, v), p);
      assertTrue(p > 0 && p < 1e-6, "a=" + a + " P=" + p);
    }
    // where Commons answers, its value is kept
    assertEquals(RegularizedGamma.P.value(1e12, 1e12), QueueMath.regularizedGammaP(1e12, 1e12));
  }
}
