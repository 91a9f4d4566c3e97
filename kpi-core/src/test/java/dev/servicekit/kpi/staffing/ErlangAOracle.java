package dev.servicekit.kpi.staffing;

/**
 * Brute-force Erlang A for tests, from first principles and independent of the incomplete gamma
 * formulas: the birth-death chain of M/M/n+M (birth rate λ, death rate {@code min(j, n) μ + max(0,
 * j - n) θ}) truncated where its weights vanish, solved for its stationary distribution; the
 * abandonment probability from Little's law ({@code θ E[queue] / λ}); and, for the service level
 * and ASA (and the abandonment within a time), the tagged arrival that sees {@code k} callers
 * queued, whose offered wait is a sum of exponentials with rates {@code nμ + jθ}, {@code j = k..0}:
 * {@code P(served within T)} by uniformization of that small absorbing chain, {@code E[V
 * 1{served}]} from its Laplace transform. Time is in units of AHT (μ = 1).
 */
final class ErlangAOracle {

  record Values(double pWait, double pAbandon, double serviceLevel, double waitOfServed) {}

  private ErlangAOracle() {}

  static Values solve(int n, double a, double patience, double threshold) {
    double theta = 1 / patience;
    // stationary weights, scaled so the largest is about 1
    int maxStates = 2_000_000;
    double[] w = new double[1024];
    w[0] = 1;
    double total = 1;
    int last = 0;
    for (int j = 1; j < maxStates; j++) {
      double death = Math.min(j, n) + Math.max(0, j - n) * theta;
      double next = w[j - 1] * a / death;
      if (j >= w.length) {
        w = java.util.Arrays.copyOf(w, w.length * 2);
      }
      w[j] = next;
      total += next;
      last = j;
      if (next > 1e200) {
        for (int i = 0; i <= j; i++) {
          w[i] /= 1e200;
        }
        total /= 1e200;
      }
      if (j > n && w[j] < 1e-22 * total && death > a) {
        break;
      }
    }
    double below = 0;
    for (int j = 0; j < n && j <= last; j++) {
      below += w[j];
    }
    double pWait = 1 - below / total;
    double queue = 0;
    double withinT = below;
    double waitServed = 0;
    for (int j = n; j <= last; j++) {
      int k = j - n;
      queue += k * w[j];
      if (w[j] == 0) {
        continue;
      }
      double product = 1;
      double sum = 0;
      for (int i = 0; i <= k; i++) {
        double rate = n + i * theta;
        product *= rate / (rate + theta);
        sum += 1 / (rate + theta);
      }
      waitServed += w[j] * product * sum;
      withinT += w[j] * servedWithin(n, k, theta, threshold);
    }
    double pAbandon = theta * queue / total / a;
    return new Values(pWait, pAbandon, withinT / total, waitServed / total);
  }

  /**
   * The fraction of all arrivals that abandon with a wait {@code <= threshold}: the stationary
   * weights of {@link #solve}, and per queue length seen on arrival the tagged caller's chain run
   * by uniformization, absorbing its abandonment mass up to the threshold.
   */
  static double abandonedWithin(int n, double a, double patience, double threshold) {
    double theta = 1 / patience;
    double[] w = new double[1024];
    w[0] = 1;
    double total = 1;
    int last = 0;
    for (int j = 1; j < 2_000_000; j++) {
      double death = Math.min(j, n) + Math.max(0, j - n) * theta;
      if (j >= w.length) {
        w = java.util.Arrays.copyOf(w, w.length * 2);
      }
      w[j] = w[j - 1] * a / death;
      total += w[j];
      last = j;
      if (w[j] > 1e200) {
        for (int i = 0; i <= j; i++) {
          w[i] /= 1e200;
        }
        total /= 1e200;
      }
      if (j > n && w[j] < 1e-22 * total && death > a) {
        break;
      }
    }
    double abandoned = 0;
    for (int j = n; j <= last; j++) {
      if (w[j] != 0) {
        abandoned += w[j] * tagged(n, j - n, theta, threshold)[1];
      }
    }
    return abandoned / total;
  }

  /** P(tagged caller with k ahead is served within t) by uniformization. */
  static double servedWithin(int n, int k, double theta, double t) {
    return tagged(n, k, theta, t)[0];
  }

  /**
   * {P(served within t), P(abandoned within t)} of a tagged caller with k ahead, by uniformization.
   */
  private static double[] tagged(int n, int k, double theta, double t) {
    if (t == 0) {
      return new double[] {0, 0};
    }
    double uniform = n + k * theta + theta;
    double mean = uniform * t;
    int steps = (int) Math.ceil(mean + 15 * Math.sqrt(mean) + 40);
    double[] state = new double[k + 1]; // index = callers ahead
    state[k] = 1;
    double served = 0;
    double abandoned = 0;
    double logPoisson = -mean; // log P(N = m), kept in logs so large means do not underflow
    double servedResult = 0;
    double abandonedResult = 0;
    for (int m = 0; m <= steps; m++) {
      double weight = Math.exp(logPoisson);
      servedResult += weight * served;
      abandonedResult += weight * abandoned;
      double[] next = new double[k + 1];
      for (int j = 0; j <= k; j++) {
        double forward = (n + j * theta) / uniform;
        double stay = 1 - forward - theta / uniform;
        next[j] += state[j] * stay;
        abandoned += state[j] * theta / uniform;
        if (j == 0) {
          served += state[j] * forward;
        } else {
          next[j - 1] += state[j] * forward;
        }
      }
      state = next;
      logPoisson += Math.log(mean / (m + 1));
    }
    return new double[] {servedResult, abandonedResult};
  }
}
