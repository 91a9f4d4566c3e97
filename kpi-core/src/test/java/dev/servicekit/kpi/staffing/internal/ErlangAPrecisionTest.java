package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Erlang A's P(abandon) against a 60-digit {@link BigDecimal} oracle in the regime where the
 * patience is long compared with the handle time (x = N p and y = A p large and close), where
 * computing it as {@code 1 - P(served | wait)} cancels.
 */
class ErlangAPrecisionTest {

  private static final MathContext MC = new MathContext(60);

  @ParameterizedTest(name = "N={0} A={1} patience/AHT={2}")
  @CsvSource({
    "10, 8, 1e2",
    "10, 8, 1e4",
    "10, 8, 1e6",
    "50, 45, 1e4",
    "50, 45, 1e6",
    "3, 1.5, 1e5",
    "100, 97, 1e3"
  })
  void abandonProbabilityKeepsItsRelativePrecisionAtLongPatience(int n, double a, double p) {
    double[] q = QueueMath.erlangA(n, a, p, 20.0 / 180);
    double pAbandon = q[0] * q[1];
    double oracle = oracleAbandon(n, a, p).doubleValue();
    assertEquals(oracle, pAbandon, 1e-12 * oracle, "P(abandon)");
    assertEquals(oracleAbandonGivenWait(n * p, a * p).doubleValue(), q[1], 1e-12 * q[1]);
  }

  /** S(x, y) = sum_j y^j / ((x+1)...(x+j)), summed until the terms are below 1e-50 of the sum. */
  static BigDecimal series(BigDecimal x, BigDecimal y) {
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    BigDecimal denominator = x;
    BigDecimal stop = new BigDecimal("1e-50");
    while (true) {
      denominator = denominator.add(BigDecimal.ONE);
      term = term.multiply(y, MC).divide(denominator, MC);
      sum = sum.add(term, MC);
      if (term.compareTo(sum.multiply(stop)) < 0) {
        return sum;
      }
    }
  }

  /** 1 - x S(x+1, y) / ((x+1) S(x, y)): the textbook form, safe with 60 digits. */
  static BigDecimal oracleAbandonGivenWait(double xd, double yd) {
    BigDecimal x = new BigDecimal(xd);
    BigDecimal y = new BigDecimal(yd);
    BigDecimal s0 = series(x, y);
    BigDecimal s1 = series(x.add(BigDecimal.ONE), y);
    BigDecimal served = x.multiply(s1, MC).divide(x.add(BigDecimal.ONE).multiply(s0, MC), MC);
    return BigDecimal.ONE.subtract(served, MC);
  }

  /**
   * P(wait) P(abandon | wait) with P(wait) = A E / (1 + (A - 1) E), E by the Erlang B recursion.
   */
  static BigDecimal oracleAbandon(int n, double ad, double p) {
    BigDecimal a = new BigDecimal(ad);
    BigDecimal b = BigDecimal.ONE;
    for (int k = 1; k <= n; k++) {
      BigDecimal ab = a.multiply(b, MC);
      b = ab.divide(BigDecimal.valueOf(k).add(ab), MC);
    }
    double x = n * p;
    double y = ad * p;
    BigDecimal bigA = series(new BigDecimal(x), new BigDecimal(y));
    BigDecimal pWait =
        bigA.multiply(b, MC)
            .divide(BigDecimal.ONE.add(bigA.subtract(BigDecimal.ONE).multiply(b, MC)), MC);
    return pWait.multiply(oracleAbandonGivenWait(x, y), MC);
  }
}
