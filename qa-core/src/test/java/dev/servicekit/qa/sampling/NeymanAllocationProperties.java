package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Neyman allocation's laws: the sizes add up to the sample size, none exceeds its stratum or falls
 * below its minimum, equal standard deviations give the proportional allocation, and each size is
 * the continuous optimum under the bounds {@code n_h <= N_h} rounded down or up, the optimum found
 * independently by bisection on Lagrange's multiplier ({@code n_h = min(r_h, lambda r_h S_h)}).
 */
class NeymanAllocationProperties {

  private record Case(long n, long[] sizes, double[] sd, int minimum) {
    @Override
    public String toString() {
      return "n="
          + n
          + " sizes="
          + Arrays.toString(sizes)
          + " sd="
          + Arrays.toString(sd)
          + " minimum="
          + minimum;
    }
  }

  private static Case randomCase(Random r) {
    int k = 1 + r.nextInt(8);
    long[] sizes = new long[k];
    double[] sd = new double[k];
    long total = 0;
    for (int h = 0; h < k; h++) {
      sizes[h] = r.nextInt(4) == 0 ? 1 + r.nextInt(5) : 1 + r.nextInt(r.nextBoolean() ? 50 : 5000);
      sd[h] =
          switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(10);
            default -> r.nextDouble() * 100;
          };
      total += sizes[h];
    }
    int minimum = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 0;
    long base = 0;
    for (long s : sizes) {
      base += Math.min(minimum, s);
    }
    long n = base + (long) (r.nextDouble() * (total - base + 1));
    return new Case(Math.min(n, total), sizes, sd, minimum);
  }

  /** The continuous optimum of the rest beyond the minimum, by bisection. */
  private static double[] continuousOptimum(Case c) {
    int k = c.sizes.length;
    double[] r = new double[k];
    double rest = c.n;
    for (int h = 0; h < k; h++) {
      double base = Math.min(c.minimum, c.sizes[h]);
      r[h] = c.sizes[h] - base;
      rest -= base;
    }
    double[] out = new double[k];
    double withVariance = 0;
    for (int h = 0; h < k; h++) {
      if (c.sd[h] > 0) {
        withVariance += r[h];
      }
    }
    if (rest >= withVariance) {
      // strata with variance in full, the others share what is left by size
      double left = rest - withVariance;
      double without = 0;
      for (int h = 0; h < k; h++) {
        if (c.sd[h] == 0) {
          without += r[h];
        }
      }
      for (int h = 0; h < k; h++) {
        out[h] = c.sd[h] > 0 ? r[h] : without == 0 ? 0 : left * r[h] / without;
      }
      return out;
    }
    double lo = 0;
    double hi = 1;
    while (fill(hi, r, c.sd) < rest) {
      hi *= 2;
    }
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (fill(mid, r, c.sd) < rest) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    for (int h = 0; h < k; h++) {
      out[h] = Math.min(r[h], hi * r[h] * c.sd[h]);
    }
    return out;
  }

  private static double fill(double lambda, double[] r, double[] sd) {
    double sum = 0;
    for (int h = 0; h < r.length; h++) {
      sum += Math.min(r[h], lambda * r[h] * sd[h]);
    }
    return sum;
  }

  @Property(tries = 1000)
  void sizesAddUpStayWithinTheirStrataAndRoundTheContinuousOptimum(@ForAll long seed) {
    Case c = randomCase(new Random(seed));
    long[] out = ReviewSampler.allocate(c.n, c.sizes, c.minimum, c.sd);
    double[] optimum = continuousOptimum(c);
    long sum = 0;
    for (int h = 0; h < out.length; h++) {
      sum += out[h];
      long base = Math.min(c.minimum, c.sizes[h]);
      assertTrue(out[h] <= c.sizes[h], "stratum " + h + " over its size: " + c);
      assertTrue(out[h] >= base, "stratum " + h + " below its minimum: " + c);
      double share = base + optimum[h];
      assertTrue(
          Math.abs(out[h] - share) < 1 + 1e-6,
          "stratum " + h + ": " + out[h] + " vs the optimum " + share + ", " + c);
    }
    assertEquals(c.n, sum, c.toString());
  }

  @Property(tries = 500)
  void equalStandardDeviationsAreTheProportionalAllocation(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = randomCase(r);
    double s = r.nextInt(3) == 0 ? 1 + r.nextInt(5) : r.nextDouble() * 1000;
    double[] equal = new double[c.sizes.length];
    Arrays.fill(equal, s);
    assertArrayEquals(
        ReviewSampler.allocate(c.n, c.sizes, c.minimum, null),
        ReviewSampler.allocate(c.n, c.sizes, c.minimum, equal),
        c + " S=" + s);
  }

  /** Scaling every standard deviation by one factor changes nothing: only their ratios count. */
  @Property(tries = 300)
  void scalingTheStandardDeviationsChangesNothing(@ForAll long seed) {
    Random r = new Random(seed);
    Case c = randomCase(r);
    double factor = Math.scalb(1.0, r.nextInt(40) - 20); // exact
    double[] scaled = Arrays.stream(c.sd).map(v -> v * factor).toArray();
    assertArrayEquals(
        ReviewSampler.allocate(c.n, c.sizes, c.minimum, c.sd),
        ReviewSampler.allocate(c.n, c.sizes, c.minimum, scaled),
        c.toString());
  }
}
