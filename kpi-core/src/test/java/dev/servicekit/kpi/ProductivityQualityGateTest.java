package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The productivity leaderboard's quality gate and index on values no real agent has (a new user's
 * review): a NaN QA average (a CRM's 0 / 0.0) compared false with the gate and so passed it, an
 * infinite one too, and huge weights made an index of NaN that dropped the agent silently.
 */
class ProductivityQualityGateTest {

  private static ProductivityIndex index(double reply, double close) {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("reply", reply);
    w.put("close", close);
    return ProductivityIndex.of(w, 80, 0);
  }

  @Test
  void aCandidateWithANonFiniteQaAverageIsRefusedRatherThanPassingTheGate() {
    ProductivityAccumulator a = index(1, 2).newAccumulator();
    a.add("reply");
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1 / 0.0}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new ProductivityIndex.Candidate(a, OptionalDouble.of(bad)));
      assertEquals(
          "qaAverage " + bad + " must be finite, or empty when the agent was not evaluated",
          e.getMessage());
    }
    // the gate still works on finite averages and an empty one
    ProductivityIndex idx = index(1, 2);
    Map<String, ProductivityIndex.Candidate> agents = new LinkedHashMap<>();
    agents.put("below", new ProductivityIndex.Candidate(a, OptionalDouble.of(79.9)));
    agents.put("unrated", new ProductivityIndex.Candidate(a, OptionalDouble.empty()));
    agents.put("at", new ProductivityIndex.Candidate(a, OptionalDouble.of(80)));
    assertEquals(List.of("at"), idx.leaders(agents));
  }

  @Test
  void anIndexBeyondADoubleIsAnOverflowNotASilentNaN() {
    ProductivityIndex idx = index(1e308, -1e308);
    ProductivityAccumulator a = idx.newAccumulator();
    a.add("reply");
    assertEquals(1e308, idx.index(a));
    a.add("reply");
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> idx.index(a));
    assertEquals(
        "index overflows a double: weight 1.0E308 of action 'reply' times its count 2",
        e.getMessage());
    Map<String, ProductivityIndex.Candidate> agents =
        Map.of("x", new ProductivityIndex.Candidate(a, OptionalDouble.of(90)));
    assertThrows(ArithmeticException.class, () -> idx.leaders(agents));

    ProductivityIndex sums = index(1e308, 1e308);
    ProductivityAccumulator b = sums.newAccumulator();
    b.add("reply");
    b.add("close");
    assertEquals(
        "index overflows a double: the sum of weight x count over the 2 actions is beyond +-"
            + Double.MAX_VALUE,
        assertThrows(ArithmeticException.class, () -> sums.index(b)).getMessage());
  }

  @Test
  void nullArgumentsAreNamed() {
    ProductivityIndex idx = index(1, 2);
    assertEquals(
        "counts", assertThrows(NullPointerException.class, () -> idx.index(null)).getMessage());
    assertEquals(
        "agents", assertThrows(NullPointerException.class, () -> idx.leaders(null)).getMessage());
    Map<String, ProductivityIndex.Candidate> agents = new HashMap<>();
    agents.put("x", null);
    assertEquals(
        "agents value",
        assertThrows(NullPointerException.class, () -> idx.leaders(agents)).getMessage());
  }

  @Test
  void anUnknownActionIsQuotedAsABoundedExcerpt() {
    ProductivityAccumulator a = index(1, 2).newAccumulator();
    String huge = "x\n".repeat(10_000);
    String m = assertThrows(IllegalArgumentException.class, () -> a.add(huge)).getMessage();
    assertEquals(true, m.length() < 300, m);
    assertEquals(false, m.contains("\n"), m);
  }
}
