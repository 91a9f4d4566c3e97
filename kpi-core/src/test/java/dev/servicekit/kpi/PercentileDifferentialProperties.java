package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

/** Percentiles against a brute-force oracle (sort and pick the rank): within relative accuracy. */
class PercentileDifferentialProperties {

  @Property(tries = 200)
  void quantilesAreWithinRelativeAccuracyOfTheExactRankValue(
      @ForAll @NotEmpty @Size(max = 300) List<@LongRange(min = 0, max = 864_000_000) Long> values) {
    PercentileAccumulator acc = PercentileAccumulator.create(0.01);
    values.forEach(acc::addMillis);
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    assertEquals(values.size(), acc.count());
    for (double q : new double[] {0, 0.5, 0.9, 0.99, 1}) {
      // DDSketch's rank convention: the value of rank floor(q * (n - 1)) in sorted order.
      long exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
      double v = acc.quantileMillis(q).getAsDouble();
      assertTrue(
          Math.abs(v - exact) <= 0.01 * exact + 1e-9,
          "q=" + q + " exact=" + exact + " sketch=" + v);
    }
  }

  /** The javadoc's example: with two observations every quantile below 1 is the smaller one. */
  @Example
  void p99OfTwoHandleTimesIsTheShorterOneAsTheJavadocSays() {
    PercentileAccumulator acc = PercentileAccumulator.create();
    acc.addMillis(1_000);
    acc.addMillis(600_000);
    assertEquals(1_000, acc.quantileMillis(0.99).getAsDouble(), 10);
    assertEquals(1_000, acc.result().p99Millis().getAsDouble(), 10);
    assertEquals(600_000, acc.quantileMillis(1).getAsDouble(), 6_000);
  }
}
