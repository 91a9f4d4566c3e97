package dev.servicekit.kpi.staffing;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Brute-force Erlang C for tests: the textbook Poisson-sum formula {@code C = (A^N/N! * N/(N-A)) /
 * (sum_{k<N} A^k/k! + A^N/N! * N/(N-A))} in 60-digit decimal arithmetic, with A taken exactly from
 * its double. Independent of the Erlang B recursion used by the library.
 */
final class ErlangCOracle {

  private static final MathContext MC = new MathContext(60);

  private ErlangCOracle() {}

  static double probabilityOfWaiting(double traffic, int agents) {
    BigDecimal a = new BigDecimal(traffic);
    BigDecimal term = BigDecimal.ONE; // A^k / k!
    BigDecimal sum = BigDecimal.ZERO;
    for (int k = 0; k < agents; k++) {
      sum = sum.add(term, MC);
      term = term.multiply(a, MC).divide(BigDecimal.valueOf(k + 1), MC);
    }
    BigDecimal n = BigDecimal.valueOf(agents);
    BigDecimal last = term.multiply(n, MC).divide(n.subtract(a, MC), MC);
    return last.divide(sum.add(last, MC), MC).doubleValue();
  }

  static double serviceLevel(double traffic, int agents, double thresholdOverAht) {
    double c = probabilityOfWaiting(traffic, agents);
    return 1 - c * Math.exp(-(agents - traffic) * thresholdOverAht);
  }

  /** Smallest N > A meeting the service level, by stepping N upward from 1. */
  static int requiredAgents(double traffic, double thresholdOverAht, double target) {
    for (int n = 1; ; n++) {
      if (n > traffic && serviceLevel(traffic, n, thresholdOverAht) >= target) {
        return n;
      }
    }
  }
}
