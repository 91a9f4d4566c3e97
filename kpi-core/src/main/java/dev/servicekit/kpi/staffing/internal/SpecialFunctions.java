package dev.servicekit.kpi.staffing.internal;

/**
 * Log-gamma, digamma and the regularized incomplete gamma functions, written for the Erlang A
 * formulas. Not API.
 *
 * <p>Accuracy: about 1e-15 absolute for {@code lnGamma} and 1e-14 relative for {@code digamma}; the
 * incomplete gamma functions use the power series for {@code x < a + 1} and a Lentz continued
 * fraction otherwise (the classic split, which keeps the directly computed one of P and Q the
 * smaller), with the prefactor {@code x^a e^-x / Gamma(a+1)} evaluated through {@code t - log1p(t)}
 * and Stirling's error term so that it stays accurate when {@code a} and {@code x} are both large
 * and close. Stateless and thread-safe.
 */
public final class SpecialFunctions {

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final double EPS = 1e-16;
  private static final double TINY = 1e-300;

  /** From here on Stirling's series, truncated after the z^-13 term, is exact to ~1e-19. */
  private static final double STIRLING_FROM = 15;

  private SpecialFunctions() {}

  /** Lanczos coefficients for g = 7, n = 9 (the widely published set; ~1e-15 relative). */
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

  /**
   * ln Γ(x) for {@code x > 0}: Stirling's series for {@code x >= 15}; below, the logarithm of the
   * Lanczos approximation of Γ(x) (Γ itself, so that no large logarithms cancel near x = 1, 2).
   */
  public static double lnGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("lnGamma argument " + x + " must be > 0");
    }
    if (x >= STIRLING_FROM) {
      return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingError(x);
    }
    if (x < 0.5) {
      // Γ(x) = Γ(x + 1) / x keeps the Lanczos argument in its accurate range
      return Math.log(lanczosGamma(x + 1) / x);
    }
    return Math.log(lanczosGamma(x));
  }

  /** Γ(x) for 0.5 <= x < 16 by the Lanczos approximation. */
  private static double lanczosGamma(double x) {
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
  }

  /**
   * Stirling's error term {@code ln Γ(z+1) - (z ln z - z + ln sqrt(2 pi z))} written as the series
   * {@code 1/(12z) - 1/(360 z^3) + ...}; also equals {@code ln Γ(z) - ((z-1/2) ln z - z + ln sqrt(2
   * pi))}. Valid for {@code z >= 10} (error below 1e-16 there).
   */
  static double stirlingError(double z) {
    double r = 1 / z;
    double r2 = r * r;
    return r
        * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188)))));
  }

  /** ψ(x) = d/dx ln Γ(x) for {@code x > 0}: upward recurrence to 20, then the asymptotic series. */
  public static double digamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("digamma argument " + x + " must be > 0");
    }
    double result = 0;
    double z = x;
    while (z < 20) {
      result -= 1 / z;
      z += 1;
    }
    double r2 = 1 / (z * z);
    return result
        + Math.log(z)
        - 0.5 / z
        - r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 / 132))));
  }

  /**
   * {@code ln(x^a e^-x / Γ(a+1))} for {@code a > 0}, {@code x >= 0}; {@code -Infinity} for {@code x
   * = 0}. For large {@code a} it is computed as {@code -a (t - log1p t) - ln sqrt(2 pi a) -
   * stirlingError(a)} with {@code t = (x - a)/a}, which has no cancellation when {@code x ~ a}.
   */
  public static double logPoissonTerm(double a, double x) {
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (a < STIRLING_FROM) {
      return a * Math.log(x) - x - lnGamma(a + 1);
    }
    double t = (x - a) / a;
    return -a * tMinusLog1p(t) - HALF_LOG_TWO_PI - 0.5 * Math.log(a) - stirlingError(a);
  }

  /** {@code t - log(1 + t)} for {@code t > -1}, accurate for small {@code |t|}. */
  static double tMinusLog1p(double t) {
    if (Math.abs(t) >= 0.25) {
      return t - Math.log1p(t);
    }
    // t^2/2 - t^3/3 + t^4/4 - ...; |t| < 1/4 so 40 terms reach 1e-24 relative.
    double sum = 0;
    double power = t;
    for (int k = 2; k < 60; k++) {
      power *= -t;
      double term = -power / k;
      sum += term;
      if (Math.abs(term) <= 1e-18 * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }

  /** Iteration cap for the series and the continued fraction: generous, but finite. */
  private static int maxIterations(double a) {
    return 1000 + (int) Math.min(50_000_000, 40 * Math.sqrt(a) + 10);
  }

  /**
   * Regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), {@code a > 0, x >= 0}.
   *
   * @throws ArithmeticException if the expansion does not converge within its iteration cap
   */
  public static double regularizedGammaP(double a, double x) {
    checkArguments(a, x);
    if (x == 0) {
      return 0;
    }
    return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
  }

  /**
   * Regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), {@code a > 0, x >= 0}.
   *
   * @throws ArithmeticException if the expansion does not converge within its iteration cap
   */
  public static double regularizedGammaQ(double a, double x) {
    checkArguments(a, x);
    if (x == 0) {
      return 1;
    }
    return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
  }

  /**
   * {@code P(a, hi) - P(a, lo)} for {@code 0 <= lo <= hi}, without the cancellation of subtracting
   * two values close to one: both P from the series when {@code hi < a + 1}, both Q from the
   * continued fraction when {@code lo >= a + 1}, the mixed case otherwise.
   */
  public static double regularizedGammaPDifference(double a, double lo, double hi) {
    checkArguments(a, lo);
    checkArguments(a, hi);
    if (lo > hi) {
      throw new IllegalArgumentException("lo " + lo + " must be <= hi " + hi);
    }
    if (lo == hi) {
      return 0;
    }
    if (hi < a + 1) {
      return series(a, hi) - (lo == 0 ? 0 : series(a, lo));
    }
    if (lo >= a + 1) {
      return continuedFraction(a, lo) - continuedFraction(a, hi);
    }
    return 1 - continuedFraction(a, hi) - (lo == 0 ? 0 : series(a, lo));
  }

  private static void checkArguments(double a, double x) {
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("incomplete gamma shape a " + a + " must be finite > 0");
    }
    if (!(x >= 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(
          "incomplete gamma argument x " + x + " must be finite >= 0");
    }
  }

  /** P(a, x) by {@code x^a e^-x / Γ(a+1) * sum_k x^k / ((a+1)...(a+k))}; for x < a + 1. */
  private static double series(double a, double x) {
    double prefactor = Math.exp(logPoissonTerm(a, x));
    if (prefactor == 0) {
      return 0;
    }
    return Math.min(1, prefactor * seriesSum(a, x));
  }

  /**
   * The series {@code S(a, x) = sum_{k>=0} x^k / ((a+1)(a+2)...(a+k))}, so that {@code P(a, x) =
   * x^a e^-x S(a, x) / Γ(a+1)}; it is Mandelbaum and Zeltyn's {@code A(a, x)} of the Erlang A
   * model. Meant for {@code x < a + 1}, where the terms decrease from the start; O(sqrt(a)) terms.
   *
   * @throws ArithmeticException if the series does not converge within its iteration cap
   */
  public static double seriesSum(double a, double x) {
    checkArguments(a, x);
    double term = 1;
    double sum = 1;
    double ap = a;
    int cap = maxIterations(a);
    for (int i = 0; i < cap; i++) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (term < sum * EPS) {
        return sum;
      }
    }
    throw new ArithmeticException(
        "incomplete gamma series did not converge for a=" + a + " x=" + x);
  }

  /** Q(a, x) by the modified Lentz evaluation of Legendre's continued fraction; for x >= a + 1. */
  private static double continuedFraction(double a, double x) {
    // Γ(a+1) = a Γ(a): the prefactor of Q is x^a e^-x / Γ(a) = a * exp(logPoissonTerm).
    double prefactor = a * Math.exp(logPoissonTerm(a, x));
    if (prefactor == 0) {
      return 0;
    }
    return Math.min(1, prefactor * continuedFractionValue(a, x));
  }

  /**
   * The continued fraction {@code h(a, x) = 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...)))} with
   * {@code Q(a, x) = x^a e^-x h(a, x) / Γ(a)}, without the prefactor (which may underflow when Q
   * itself is tiny). Meant for {@code x >= a + 1}; O(sqrt(a)) terms.
   *
   * @throws ArithmeticException if the fraction does not converge within its iteration cap
   */
  public static double continuedFractionValue(double a, double x) {
    checkArguments(a, x);
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    int cap = maxIterations(a);
    for (int i = 1; i < cap; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        return h;
      }
    }
    throw new ArithmeticException(
        "incomplete gamma continued fraction did not converge for a=" + a + " x=" + x);
  }
}
