package dev.servicekit.kpi.staffing.internal;

/**
 * Erlang B / C / A arithmetic on plain doubles, time measured in units of the average handle time.
 * Not API: {@code dev.servicekit.kpi.staffing.ErlangC} and {@code ErlangA} validate and convert.
 * Stateless and thread-safe.
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
   * a) = exp(ln(a^n e^-a / n!)) / Q(n + 1, a)} with Q the regularized upper incomplete gamma
   * function, O(sqrt(max(n, a))) (agrees with the recursion to ~1e-13 relative; see the tests). B
   * may underflow to 0 for {@code n >> a}, which is its correctly rounded value.
   */
  public static double erlangB(int n, double a) {
    if (n < RECURSION_BELOW || a == 0) {
      return erlangBByRecursion(n, a);
    }
    if (a >= n + 2) {
      // Overloaded side: cdf(n; a) = Q(n+1, a) = a^(n+1) e^-a h / n!, so the ratio collapses to
      // 1 / (a h) with h the continued fraction; no underflowing prefactor (n << a is common in
      // Erlang A).
      return Math.min(1, 1 / (a * SpecialFunctions.continuedFractionValue(n + 1, a)));
    }
    double logPmf = SpecialFunctions.logPoissonTerm(n, a);
    double cdf = SpecialFunctions.regularizedGammaQ(n + 1, a);
    return Math.min(1, Math.exp(logPmf) / cdf);
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
   * @return {@code {P(W>0), P(abandon | W>0), P(served within T | W>0), E[V 1{served} | W>0]}}
   */
  public static double[] erlangA(int n, double a, double p, double t) {
    double x = n * p;
    double y = a * p;
    double eb = erlangB(n, a);
    double logA;
    double servedGivenWait;
    double slGivenWait;
    if (y < x + 1) {
      // Series regime: A(x, y) = S(x, y) and every ratio below is free of underflowing prefactors.
      double s0 = SpecialFunctions.seriesSum(x, y);
      double s1 = SpecialFunctions.seriesSum(x + 1, y);
      logA = Math.log(s0);
      servedGivenWait = x / (x + 1) * s1 / s0;
      double u = Math.exp(-t / p);
      // u^(x+1) e^(y(1-u)) <= 1 here because y (1 - u) <= y t/p < (x + 1) t/p
      double factor = Math.exp(-(x + 1) * (t / p) + y * -Math.expm1(-t / p));
      double s1u = SpecialFunctions.seriesSum(x + 1, y * u);
      slGivenWait = x / (x + 1) * (s1 - factor * s1u) / s0;
    } else {
      double pxy = SpecialFunctions.regularizedGammaP(x, y);
      // ln A(x, y) = -ln(y^x e^-y / Γ(x+1)) + ln P(x, y)
      logA = -SpecialFunctions.logPoissonTerm(x, y) + Math.log(pxy);
      double ratio = x / y;
      servedGivenWait = ratio * SpecialFunctions.regularizedGammaP(x + 1, y) / pxy;
      slGivenWait =
          ratio
              * SpecialFunctions.regularizedGammaPDifference(x + 1, y * Math.exp(-t / p), y)
              / pxy;
    }
    double pWait = eb == 0 ? 0 : 1 / (1 + (1 / eb - 1) * Math.exp(-logA));
    servedGivenWait = clamp01(servedGivenWait);
    slGivenWait = Math.min(clamp01(slGivenWait), servedGivenWait);
    double waitOfServed = p * servedWaitSum(x, y);
    return new double[] {pWait, 1 - servedGivenWait, slGivenWait, waitOfServed};
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
        peak < 64
            ? harmonic(x, peak)
            : SpecialFunctions.digamma(x + peak + 2) - SpecialFunctions.digamma(x + 1);
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
