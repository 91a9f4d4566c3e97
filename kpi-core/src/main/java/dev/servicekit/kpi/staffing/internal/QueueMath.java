package dev.servicekit.kpi.staffing.internal;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * Erlang B / C / A arithmetic on plain doubles, time measured in units of the average handle time.
 * Not API: {@code dev.servicekit.kpi.staffing.ErlangC} and {@code ErlangA} validate and convert.
 * Stateless and thread-safe.
 *
 * <p>The special functions (regularized incomplete gamma P and Q, the Poisson term {@code x^a e^-x
 * / Γ(a+1)} as the derivative of P, digamma) come from Apache Commons Numbers ({@code
 * commons-numbers-gamma}, ports of Boost's implementations); only the two sums that belong to the
 * queue models are written here: Mandelbaum and Zeltyn's {@code A(x, y)} series of Erlang A and the
 * Erlang B ratio on the overloaded side.
 */
public final class QueueMath {

  private QueueMath() {}

  /** Below this many agents Erlang B is computed by the plain recursion. */
  static final int RECURSION_BELOW = 64;

  /**
   * Erlang B, {@code B(n, a) = (a^n/n!) / sum_{k<=n} a^k/k!}, without factorials.
   *
   * <p>For {@code n < 64}: the stable recursion {@code B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))},
   * O(n). For larger n: the same quantity as a Poisson ratio, {@code B(n, a) = pmf(n; a) / cdf(n;
   * a)} with {@code pmf(n; a) = a^n e^-a / n!} (the derivative of P(n + 1, a)) and {@code cdf(n; a)
   * = Q(n + 1, a)}, O(sqrt(max(n, a))) (agrees with the recursion to ~1e-12 relative; see the
   * tests). B may underflow to 0 for {@code n >> a}, which is its correctly rounded value. On the
   * overloaded side {@code a >= n + 2}, where pmf and cdf may both underflow, {@code 1 / B = sum_j
   * n! / ((n - j)! a^j)}, whose terms fall at least geometrically: O(sqrt n) terms.
   */
  public static double erlangB(int n, double a) {
    if (n < RECURSION_BELOW || a == 0) {
      return erlangBByRecursion(n, a);
    }
    if (a >= n + 2) {
      return Math.min(1, 1 / inverseErlangBOverloaded(n, a));
    }
    double pmf = RegularizedGamma.P.derivative(n + 1.0, a);
    double cdf = RegularizedGamma.Q.value(n + 1.0, a);
    return Math.min(1, pmf / cdf);
  }

  /** {@code 1 / B(n, a) = sum_{j=0..n} n (n-1) ... (n-j+1) / a^j} for {@code a >= n + 2}. */
  static double inverseErlangBOverloaded(int n, double a) {
    double sum = 1;
    double term = 1;
    for (int j = 0; j < n; j++) {
      term *= (n - j) / a;
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }

  /** Erlang B by the recursion from B(0) = 1; O(n). */
  public static double erlangBByRecursion(int n, double a) {
    double b = 1;
    for (int k = 1; k <= n; k++) {
      double ab = a * b;
      b = ab / (k + ab);
    }
    return b;
  }

  /** One step of the Erlang B recursion: B(n) from B(n-1). */
  public static double erlangBNext(int n, double a, double previous) {
    double ab = a * previous;
    return ab / (n + ab);
  }

  /** Erlang C from Erlang B: {@code C = n B / (n - a (1 - B))}; requires {@code n > a}. */
  public static double erlangC(int n, double a, double b) {
    return Math.min(1, n * b / (n - a * (1 - b)));
  }

  /** Erlang C service level {@code 1 - C exp(-(n - a) t)} with {@code t = T / AHT}. */
  public static double erlangCServiceLevel(int n, double a, double c, double t) {
    return Math.max(0, 1 - c * Math.exp(-(n - a) * t));
  }

  /**
   * Smallest {@code n > a} (and {@code n >= minimum}) whose Erlang C service level at {@code t = T
   * / AHT} reaches {@code target}. Walks the Erlang B recursion once from 0 to the answer:
   * O(answer). Terminates because the service level reaches exactly 1.0 in doubles once {@code C
   * e^{-(n-a)t}} underflows, and {@code target < 1}.
   */
  public static int minimumErlangCAgents(double a, double t, double target, int minimum) {
    int start = Math.max(minimum, (int) Math.floor(a) + 1);
    double b = erlangB(start, a);
    int n = start;
    while (true) {
      double c = erlangC(n, a, b);
      if (erlangCServiceLevel(n, a, c, t) >= target) {
        return n;
      }
      n++;
      b = erlangBNext(n, a, b);
    }
  }

  /**
   * Erlang A (M/M/n+M) quantities for {@code n >= 1} agents, traffic {@code a > 0} Erlangs, mean
   * patience {@code p} and service-level threshold {@code t}, both in units of AHT.
   *
   * <p>With {@code x = n p}, {@code y = a p} (servers and arrivals measured in patience units), a
   * waiting arrival that finds {@code k} others queued has offered wait {@code V} such that {@code
   * U = e^{-V/p}} is Beta(x, k+1); mixing over the queue length seen on arrival (weights {@code t_k
   * = prod_{i<=k} y/(x+i)}, total {@code A(x,y) = x e^y y^-x γ(x,y)}) gives the density {@code x
   * u^{x-1} e^{y(1-u)} / A(x,y)} of U given a wait. From it:
   *
   * <ul>
   *   <li>{@code P(W>0) = A E_B / (1 + (A - 1) E_B)} with Erlang B {@code E_B = B(n, a)};
   *   <li>{@code P(served | W>0) = E[U] = (x/y) P(x+1, y) / P(x, y)};
   *   <li>{@code P(served within T | W>0) = E[U; V <= T] = (x/y) (P(x+1, y) - P(x+1, y e^{-T/p})) /
   *       P(x, y)};
   *   <li>{@code E[V 1{served} | W>0] = p sum_k t_k H_k x/(x+k+1) / sum_k t_k}, {@code H_k =
   *       sum_{i=1}^{k+1} 1/(x+i)}.
   * </ul>
   *
   * <p>{@code P(abandon | W>0) = 1 - P(served | W>0)} is computed directly, never as that
   * difference, so it keeps its relative precision when it is small (long patience).
   *
   * @return {@code {P(W>0), P(abandon | W>0), P(served within T | W>0), E[V 1{served} | W>0]}}
   */
  public static double[] erlangA(int n, double a, double p, double t) {
    double x = n * p;
    double y = a * p;
    double eb = erlangB(n, a);
    double logA;
    double pAbandonGivenWait;
    double slGivenWait;
    if (y < x + 1) {
      // Series regime: with t_j the terms of S(x+1, y) = sum_j t_j, S(x, y) = 1 + y/(x+1) S(x+1, y)
      // and P(abandon | wait) = 1 - x S(x+1,y) / ((x+1) S(x,y)) = sum_j (j+1) t_j / ((x+1) S(x,y)):
      // a sum of positive terms, free of the cancellation of 1 - (served | wait) when patience is
      // long (x, y large and close).
      double[] sums = mandelbaumSums(x + 1, y);
      double s1 = sums[0];
      double s0 = 1 + y / (x + 1) * s1;
      logA = Math.log(s0);
      pAbandonGivenWait = sums[1] / ((x + 1) * s0);
      double u = Math.exp(-t / p);
      // u^(x+1) e^(y(1-u)) <= 1 here because y (1 - u) <= y t/p < (x + 1) t/p
      double factor = Math.exp(-(x + 1) * (t / p) + y * -Math.expm1(-t / p));
      double s1u = mandelbaumSums(x + 1, y * u)[0];
      slGivenWait = x / (x + 1) * (s1 - factor * s1u) / s0;
    } else {
      // Overloaded regime: P(x, y) >= ~1/2 and P(abandon | wait) = (y - x)/y + (x/y) pmf / P(x, y)
      // with pmf = y^x e^-y / Γ(x+1) = P(x, y) - P(x+1, y): two non-negative terms.
      double pxy = regularizedGammaP(x, y);
      double pmf = RegularizedGamma.P.derivative(x + 1, y);
      // ln A(x, y) = -ln(pmf) + ln P(x, y); an underflowing pmf means A is beyond 1e300: P(wait) =
      // 1
      logA = -Math.log(pmf) + Math.log(pxy);
      pAbandonGivenWait = (y - x) / y + x / y * (pmf / pxy);
      slGivenWait = x / y * regularizedGammaPDifference(x + 1, y * Math.exp(-t / p), y) / pxy;
    }
    double pWait = eb == 0 ? 0 : 1 / (1 + (1 / eb - 1) * Math.exp(-logA));
    pAbandonGivenWait = clamp01(pAbandonGivenWait);
    slGivenWait = Math.min(clamp01(slGivenWait), 1 - pAbandonGivenWait);
    double waitOfServed = p * servedWaitSum(x, y);
    return new double[] {pWait, pAbandonGivenWait, slGivenWait, waitOfServed};
  }

  /**
   * Erlang A: the probability that a waiting arrival's offered wait V (the wait it would have if it
   * never abandoned) exceeds {@code t}, {@code P(V > t | W > 0) = P(x, y u) / P(x, y)} with {@code
   * u = e^{-t/p}} (from the density of {@code U = e^{-V/p}} given a wait, see {@link #erlangA}); in
   * the series regime as {@code u^x e^{y(1-u)} S(x, y u) / S(x, y)}, where both P underflow for
   * {@code y << x}. Same arguments and cost as {@link #erlangA}.
   */
  public static double erlangAOfferedWaitBeyond(int n, double a, double p, double t) {
    double x = n * p;
    double y = a * p;
    if (t == 0) {
      return 1;
    }
    double u = Math.exp(-t / p);
    double ratio;
    if (y < x + 1) {
      double logFactor = -x * (t / p) + y * -Math.expm1(-t / p);
      ratio = Math.exp(logFactor) * mandelbaumSums(x, y * u)[0] / mandelbaumSums(x, y)[0];
    } else {
      ratio = regularizedGammaP(x, y * u) / regularizedGammaP(x, y);
    }
    return clamp01(ratio);
  }

  /** Iteration cap for the series: generous, but finite. */
  private static int maxIterations(double a) {
    return 1000 + (int) Math.min(50_000_000, 40 * Math.sqrt(a) + 10);
  }

  /**
   * Mandelbaum and Zeltyn's series {@code S(b, y) = sum_{j>=0} t_j}, {@code t_j = y^j / ((b+1)(b+2)
   * ... (b+j))} (so that {@code P(b, y) = y^b e^-y S(b, y) / Γ(b+1)}), and {@code sum_j (j+1) t_j},
   * for {@code y < b + 1} where the terms fall from the start. O(sqrt(b)) terms.
   *
   * @return {@code {S(b, y), sum_j (j+1) t_j}}
   * @throws ArithmeticException if the series does not converge within its iteration cap
   */
  static double[] mandelbaumSums(double b, double y) {
    double term = 1;
    double sum = 1;
    double weighted = 1;
    double bj = b;
    int cap = maxIterations(b);
    for (int j = 1; j < cap; j++) {
      bj += 1;
      term *= y / bj;
      sum += term;
      double w = (j + 1) * term;
      weighted += w;
      if (w < weighted * 1e-17) {
        return new double[] {sum, weighted};
      }
    }
    throw new ArithmeticException("Erlang A series did not converge for x=" + b + " y=" + y);
  }

  /**
   * {@code P(a, hi) - P(a, lo)} for {@code 0 <= lo <= hi} without subtracting two values close to
   * one: from P when {@code hi < a + 1}, from Q when {@code lo >= a + 1}, mixed otherwise.
   */
  static double regularizedGammaPDifference(double a, double lo, double hi) {
    if (lo >= hi) {
      return 0;
    }
    if (hi < a + 1) {
      return regularizedGammaP(a, hi) - regularizedGammaP(a, lo);
    }
    if (lo >= a + 1) {
      return RegularizedGamma.Q.value(a, lo) - RegularizedGamma.Q.value(a, hi);
    }
    return 1 - RegularizedGamma.Q.value(a, hi) - regularizedGammaP(a, lo);
  }

  /**
   * The regularized lower incomplete gamma function {@code P(a, v)}: Commons Numbers' value, or,
   * below {@code a} where Commons' series gives up (its cap of 10^6 terms; the series needs about
   * {@code 37 a / (a - v)}, so from {@code a} near 1e11 on, as Erlang A's {@code x = N patience /
   * AHT} reaches: 1e6 agents at a patience of 10^6 AHT), Mandelbaum and Zeltyn's series {@code P(a,
   * v) = v^a e^-v / Γ(a+1) S(a, v)}, whose cap grows as {@code sqrt(a)}: it needs at most about
   * {@code sqrt(74 a)} terms. It was Commons' {@code ArithmeticException} ("Failed to converge
   * within 1000000 iterations") out of {@code ErlangA.evaluate}.
   */
  static double regularizedGammaP(double a, double v) {
    try {
      return RegularizedGamma.P.value(a, v);
    } catch (ArithmeticException e) {
      if (!(v < a + 1)) {
        throw e;
      }
      return lowerGammaPBySeries(a, v);
    }
  }

  /** {@code P(a, v) = v^a e^-v / Γ(a+1) S(a, v)} for {@code v < a + 1}; O(sqrt(a)) terms. */
  static double lowerGammaPBySeries(double a, double v) {
    return Math.min(1, RegularizedGamma.P.derivative(a + 1, v) * mandelbaumSums(a, v)[0]);
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /**
   * {@code sum_k t_k H_k x/(x+k+1) / sum_k t_k}, summed outward from the largest term {@code k* =
   * max(0, floor(y - x))} (the terms are unimodal), so the cost is O(sqrt(max(x, y))) terms rather
   * than O(k*).
   */
  private static double servedWaitSum(double x, double y) {
    long peak = (long) Math.max(0, Math.floor(y - x));
    double harmonicAtPeak =
        peak < 64 ? harmonic(x, peak) : Digamma.value(x + peak + 2) - Digamma.value(x + 1);
    double weightSum = 1;
    double weighted = harmonicAtPeak * x / (x + peak + 1);
    long cap = 10_000_000L + 100L * (long) Math.sqrt(x + y);
    // upward from the peak
    double term = 1;
    double h = harmonicAtPeak;
    long steps = 0;
    for (long k = peak + 1; ; k++) {
      term *= y / (x + k);
      h += 1 / (x + k + 1);
      weightSum += term;
      weighted += term * h * x / (x + k + 1);
      if (term < 1e-17 * weightSum) {
        break;
      }
      if (++steps > cap) {
        throw new ArithmeticException("Erlang A wait series did not converge: x=" + x + " y=" + y);
      }
    }
    // downward from the peak
    term = 1;
    h = harmonicAtPeak;
    for (long k = peak - 1; k >= 0; k--) {
      term *= (x + k + 1) / y;
      h -= 1 / (x + k + 2);
      weightSum += term;
      weighted += term * h * x / (x + k + 1);
      if (term < 1e-17 * weightSum) {
        break;
      }
      if (++steps > cap) {
        throw new ArithmeticException("Erlang A wait series did not converge: x=" + x + " y=" + y);
      }
    }
    return weighted / weightSum;
  }

  private static double harmonic(double x, long k) {
    double h = 0;
    for (long i = 1; i <= k + 1; i++) {
      h += 1 / (x + i);
    }
    return h;
  }
}
