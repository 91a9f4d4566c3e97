package dev.servicekit.kpi.staffing.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Offered traffic {@code calls * AHT / interval} as an exact rational: its correctly rounded
 * double, and exact comparisons against a decimal occupancy cap. Not API. Stateless and
 * thread-safe.
 *
 * <p>The double is computed with a fused multiply-add error-free transformation: the product's and
 * the quotient's rounding errors are recovered exactly, so {@code q + c} is the correctly rounded
 * result unless the exact value lies within a tiny distance of a rounding boundary; those rare
 * cases (and durations beyond 2^53 ns, about 104 days) are decided with {@link BigDecimal}.
 */
public final class ExactTraffic {

  private static final double TWO_53 = 0x1p53;

  /** Enough digits that a midpoint between two doubles of the traffic range is kept exact. */
  private static final MathContext WIDE = new MathContext(160, RoundingMode.HALF_EVEN);

  private ExactTraffic() {}

  /**
   * Returns {@code calls * aht / interval} correctly rounded to a double.
   *
   * @param calls finite, {@code >= 0}
   * @param aht positive
   * @param interval positive
   * @return the traffic in Erlangs
   */
  public static double erlangs(double calls, Duration aht, Duration interval) {
    if (calls == 0) {
      return 0;
    }
    long ahtNs = nanosOrMinus(aht);
    long intervalNs = nanosOrMinus(interval);
    if (ahtNs > 0 && intervalNs > 0 && ahtNs < TWO_53 && intervalNs < TWO_53) {
      double a = ahtNs;
      double i = intervalNs;
      double p = calls * a;
      double q = p / i;
      // p and q well inside the normal range keep both error terms exact
      if (p > 0x1p-900 && p < 0x1p900 && q > 0x1p-900 && !isPowerOfTwo(q)) {
        double e = Math.fma(calls, a, -p); // calls * a = p + e exactly
        double r = Math.fma(-q, i, p); // p = q * i + r exactly
        double c = (r + e) / i; // exact value = q + c, |c| about one ulp at most
        double f = Math.abs(c) / Math.ulp(q);
        if (Math.abs(f - 0.5) > 1e-6 && f < 1.4) {
          return q + c;
        }
      }
    }
    return exact(calls, aht, interval).divide(new BigDecimal(nanos(interval)), WIDE).doubleValue();
  }

  /**
   * The fewest agents {@code n >= 1} with {@code calls * aht / (interval * n) <= maxOccupancy},
   * decided exactly, with {@code maxOccupancy} read as its shortest decimal form (so 0.83 is
   * 83/100).
   *
   * @param calls finite, {@code >= 0}
   * @param aht positive
   * @param interval positive
   * @param maxOccupancy in (0, 1]
   * @return the minimum agents for the cap, possibly above {@code Integer.MAX_VALUE}
   */
  public static BigInteger minimumAgentsForOccupancy(
      double calls, Duration aht, Duration interval, double maxOccupancy) {
    BigDecimal den = BigDecimal.valueOf(maxOccupancy).multiply(new BigDecimal(nanos(interval)));
    BigInteger n = exact(calls, aht, interval).divide(den, 0, RoundingMode.CEILING).toBigInteger();
    return n.max(BigInteger.ONE);
  }

  /** {@code calls * aht} in nanoseconds, exactly. */
  private static BigDecimal exact(double calls, Duration aht, Duration interval) {
    return new BigDecimal(calls).multiply(new BigDecimal(nanos(aht)));
  }

  private static BigInteger nanos(Duration d) {
    return BigInteger.valueOf(d.getSeconds())
        .multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(d.getNano()));
  }

  private static long nanosOrMinus(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static boolean isPowerOfTwo(double q) {
    return (Double.doubleToRawLongBits(q) & 0x000f_ffff_ffff_ffffL) == 0;
  }
}
