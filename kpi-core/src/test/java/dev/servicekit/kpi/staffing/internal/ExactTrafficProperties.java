package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@code ExactTraffic.erlangs(calls, aht, interval)} is the double nearest to the exact rational
 * {@code calls * aht / interval}: checked exactly in {@link BigDecimal} against the result and its
 * two neighbours, including traffic values built to lie next to a rounding tie.
 */
class ExactTrafficProperties {

  private static BigDecimal exact(double calls, long ahtNanos, long intervalNanos) {
    return new BigDecimal(calls).multiply(BigDecimal.valueOf(ahtNanos));
  }

  /** |exact - candidate * interval| as a BigDecimal (both scaled by the interval). */
  private static BigDecimal distance(BigDecimal scaledExact, double candidate, long intervalNanos) {
    return scaledExact
        .subtract(new BigDecimal(candidate).multiply(BigDecimal.valueOf(intervalNanos)))
        .abs();
  }

  private static void assertNearest(double calls, long ahtNanos, long intervalNanos) {
    double r =
        ExactTraffic.erlangs(calls, Duration.ofNanos(ahtNanos), Duration.ofNanos(intervalNanos));
    BigDecimal x = exact(calls, ahtNanos, intervalNanos);
    BigDecimal d = distance(x, r, intervalNanos);
    String ctx = calls + " * " + ahtNanos + " / " + intervalNanos + " = " + r;
    assertTrue(d.compareTo(distance(x, Math.nextUp(r), intervalNanos)) <= 0, ctx);
    assertTrue(d.compareTo(distance(x, Math.nextDown(r), intervalNanos)) <= 0, ctx);
  }

  @Property(tries = 500)
  void trafficIsTheNearestDouble(
      @ForAll @DoubleRange(min = 0, max = 1e6) double calls,
      @ForAll @LongRange(min = 1, max = 86_400_000_000_000L) long ahtNanos,
      @ForAll @LongRange(min = 1, max = 86_400_000_000_000L) long intervalNanos) {
    assertNearest(calls, ahtNanos, intervalNanos);
  }

  @Property(tries = 300)
  void trafficIsTheNearestDoubleForWholeCallsAndSeconds(
      @ForAll @LongRange(min = 0, max = 100_000) long calls,
      @ForAll @LongRange(min = 1, max = 7_200) long ahtSeconds,
      @ForAll @LongRange(min = 1, max = 86_400) long intervalSeconds) {
    assertNearest(calls, ahtSeconds * 1_000_000_000L, intervalSeconds * 1_000_000_000L);
  }

  @Test
  void theIssueExampleAndValuesNextToATieRoundCorrectly() {
    // issue 14: 83 calls of 180 s in 1800 s is 8.3 Erlangs, the double nearest 83/10
    assertEquals(8.3, ExactTraffic.erlangs(83, Duration.ofSeconds(180), Duration.ofSeconds(1800)));
    // calls / interval with the exact quotient just off a tie: 2^53 + 1 over 2 and similar
    long[][] cases = {{9_007_199_254_740_993L, 2}, {9_007_199_254_740_995L, 2}, {3, 2}, {1, 3}};
    for (long[] c : cases) {
      assertNearest(1, c[0], c[1]);
      assertNearest(3, c[0] / 3, c[1]);
    }
  }
}
