package dev.servicekit.benchmarks.qa;

/**
 * Baseline for {@link QuantileBenchmark}: qa-core's former hand-written Student t and standard
 * normal distribution functions and quantiles, implemented from the textbook definitions
 * (regularized incomplete beta / gamma by Lentz continued fractions, Lanczos log-gamma) and
 * inverted by bisection. Accurate to about 1e-10. Not API.
 */
final class LegacyDistributions {

  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  private LegacyDistributions() {}

  /** ln Gamma(x) for x > 0 (Lanczos, g = 7). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = LANCZOS[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** Regularized incomplete beta I_x(a, b). */
  static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double lnFront =
        logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(lnFront) * betaFraction(x, a, b) / a;
    }
    return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
  }

  private static double betaFraction(double x, double a, double b) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < TINY ? TINY : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return h;
  }

  /** Regularized lower incomplete gamma P(a, x). */
  static double incompleteGamma(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    double lnFront = -x + a * Math.log(x) - logGamma(a);
    if (x < a + 1) {
      double sum = 1 / a;
      double term = sum;
      for (int n = 1; n <= 10_000; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPS) {
          break;
        }
      }
      return sum * Math.exp(lnFront);
    }
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i <= 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < TINY ? TINY : d;
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return 1 - Math.exp(lnFront) * h;
  }

  /**
   * CDF of Student's t with {@code df} degrees of freedom.
   *
   * @param t the value
   * @param df degrees of freedom, {@code > 0}
   * @return P(T <= t)
   */
  public static double studentTCdf(double t, double df) {
    double tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /**
   * Standard normal CDF.
   *
   * @param z the value
   * @return P(Z <= z)
   */
  public static double normalCdf(double z) {
    double half = 0.5 * incompleteGamma(0.5, z * z / 2);
    return z >= 0 ? 0.5 + half : 0.5 - half;
  }

  /**
   * Quantile of Student's t, for {@code p} in (0.5, 1).
   *
   * @param p probability
   * @param df degrees of freedom, {@code > 0}
   * @return t with P(T <= t) = p
   */
  public static double studentTQuantile(double p, double df) {
    return bisect(p, x -> studentTCdf(x, df));
  }

  /**
   * Quantile of the standard normal, for {@code p} in (0.5, 1).
   *
   * @param p probability
   * @return z with P(Z <= z) = p
   */
  public static double normalQuantile(double p) {
    return bisect(p, LegacyDistributions::normalCdf);
  }

  private static double bisect(double p, java.util.function.DoubleUnaryOperator cdf) {
    if (!(p > 0.5 && p < 1)) {
      throw new IllegalArgumentException("probability " + p + " must be in (0.5, 1)");
    }
    double lo = 0;
    double hi = 1;
    while (cdf.applyAsDouble(hi) < p) {
      hi *= 2;
      if (hi > 1e12) {
        return hi;
      }
    }
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (cdf.applyAsDouble(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
