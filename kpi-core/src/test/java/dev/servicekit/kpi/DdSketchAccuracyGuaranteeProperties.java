package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/**
 * DDSketch's guarantee (Masson, Rim and Lee, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch
 * with Relative-Error Guarantees", PVLDB 12(12), 2019, Definition 1 and Proposition 3): the sketch
 * answers the q-quantile with {@code x~} such that {@code |x~ - x_q| <= alpha * x_q}, where {@code
 * x_q} is the element of 1-based rank {@code floor(1 + q (n - 1))}, i.e. 0-based {@code floor(q (n
 * - 1))}. Checked here as written, in double arithmetic and without a tolerance.
 */
class DdSketchAccuracyGuaranteeProperties {

  /** The bound itself for a single observation, at any accuracy the accumulator takes. */
  @Property(tries = 300)
  void aSingleObservationIsReadWithinTheRelativeAccuracy(
      @ForAll @DoubleRange(min = 1e-4, max = 0.5) @Scale(8) double alpha,
      @ForAll @LongRange(min = 0, max = 100_000) long millis) {
    PercentileAccumulator acc = PercentileAccumulator.create(alpha);
    acc.addMillis(millis);
    for (double q : new double[] {0, 0.5, 0.99, 1}) {
      double v = acc.quantileMillis(q).getAsDouble();
      assertTrue(
          Math.abs(v - millis) <= alpha * millis,
          "alpha=" + alpha + " x=" + millis + " q=" + q + " sketch=" + v);
    }
  }

  /**
   * 1 ms lies on the lower bound of its bucket, so the bucket's value 1 + alpha is the bound
   * exactly; as a double, 1 + 0.01 is 1.0100000000000000089, one ulp beyond it. It used to be
   * returned as is.
   */
  @Example
  void oneMillisecondAtOnePercentIsWithinOnePercent() {
    PercentileAccumulator acc = PercentileAccumulator.create(0.01);
    acc.addMillis(1);
    double v = acc.quantileMillis(0.5).getAsDouble();
    assertTrue(v - 1 <= 0.01, "sketch=" + v);
    assertEquals(1.01, v, 1e-15);
    for (double alpha : new double[] {0.02, 0.05, 0.1, 0.3, 0.34, 0.4, 0.5}) {
      PercentileAccumulator a = PercentileAccumulator.create(alpha);
      a.addMillis(1);
      a.addMillis(2);
      assertTrue(a.quantileMillis(0).getAsDouble() - 1 <= alpha, "alpha " + alpha);
      double two = a.quantileMillis(1).getAsDouble();
      assertTrue(Math.abs(two - 2) <= alpha * 2, "alpha " + alpha + " 2 ms read " + two);
    }
  }

  /** Against sorted values: the exact rank value, the bound without a tolerance. */
  @Property(tries = 200)
  void everyQuantileIsWithinTheBoundOfTheExactRankValue(
      @ForAll @DoubleRange(min = 1e-4, max = 0.5) @Scale(8) double alpha,
      @ForAll @NotEmpty @Size(max = 200) List<@LongRange(min = 0, max = 864_000_000) Long> values) {
    PercentileAccumulator acc = PercentileAccumulator.create(alpha);
    values.forEach(acc::addMillis);
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    for (double q : new double[] {0, 0.25, 0.5, 0.9, 0.95, 0.99, 1}) {
      long exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
      double v = acc.quantileMillis(q).getAsDouble();
      assertTrue(
          Math.abs(v - exact) <= alpha * exact,
          "alpha=" + alpha + " q=" + q + " exact=" + exact + " sketch=" + v);
    }
  }
}
