package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Allocation#neyman(Map)} against published allocations, through the sampler, and on
 * malformed standard deviations.
 */
class NeymanAllocationTest {

  /**
   * Each {@code n_h} is its published (continuous) share rounded down or up, and they are exactly
   * {@code expected}.
   */
  private static void assertRounds(long[] expected, double[] published, long[] actual) {
    assertArrayEquals(expected, actual);
    for (int h = 0; h < published.length; h++) {
      assertTrue(
          actual[h] == Math.floor(published[h]) || actual[h] == Math.ceil(published[h]),
          "stratum " + h + ": " + actual[h] + " is not " + published[h] + " rounded");
    }
  }

  /**
   * R package stratallo (Wesołowski, Wieczorkowski and Wójciak; README "Examples",
   * github.com/wwojciech/stratallo): strata of 3,000, 4,000, 5,000 and 2,000 with standard
   * deviations 48, 79, 76 and 16, a sample of 190. {@code opt(n, a = N * S)} prints the
   * Tschuprov-Neyman allocation 31.376147, 68.853211, 82.798165, 6.972477: rounded down 187, and
   * the three largest remainders (.972, .853, .798) take one more.
   */
  @Test
  void stratalloFourStrata() {
    long[] sizes = {3000, 4000, 5000, 2000};
    double[] sd = {48, 79, 76, 16};
    double[] published = {31.376147, 68.853211, 82.798165, 6.972477};
    assertRounds(new long[] {31, 69, 83, 7}, published, ReviewSampler.allocate(190, sizes, 0, sd));
  }

  /**
   * stratallo's README, "One-sided upper-bounds constraints": the same {@code a_h = N_h S_h} with
   * upper bounds 100, 90, 70 and 80 gives 35.121951, 77.073171, 70, 7.804878: the third stratum's
   * share (82.8) exceeds its bound and the excess goes to the others. Here the bound is the
   * stratum's size, so the strata are of those sizes with {@code S_h = a_h / N_h}.
   */
  @Test
  void stratalloUpperBoundsAreStrataTakenInFull() {
    long[] sizes = {100, 90, 70, 80};
    double[] a = {3000 * 48, 4000 * 79, 5000 * 76, 2000 * 16};
    double[] sd = new double[4];
    for (int h = 0; h < 4; h++) {
      sd[h] = a[h] / sizes[h];
    }
    double[] published = {35.121951, 77.073171, 70, 7.804878};
    assertRounds(new long[] {35, 77, 70, 8}, published, ReviewSampler.allocate(190, sizes, 0, sd));
  }

  /** The first stratallo example through the sampler: capacity 190 binds on 14,000 interactions. */
  @Test
  void theSamplerDrawsTheNeymanAllocation() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("A", 3000);
    sizes.put("B", 4000);
    sizes.put("C", 5000);
    sizes.put("D", 2000);
    List<String> population = new ArrayList<>();
    sizes.forEach(
        (s, n) -> {
          for (int i = 0; i < n; i++) {
            population.add(s + i);
          }
        });
    Map<String, Integer> sd = Map.of("A", 48, "B", 79, "C", 76, "D", 16);
    ReviewSample<String> s =
        ReviewSampler.builder()
            .capacity(190)
            .allocation(Allocation.neyman(sd))
            .build()
            .sample(population, item -> item.substring(0, 1), 42);
    assertTrue(s.capacityLimited());
    assertEquals(Map.of("A", 31, "B", 69, "C", 83, "D", 7), s.allocation());
    for (String stratum : sizes.keySet()) {
      assertEquals(
          (long) s.allocation().get(stratum),
          s.items().stream().filter(i -> i.startsWith(stratum)).count());
    }
  }

  @Test
  void aMinimumComesFirstAndTheRestGoesByWhatIsLeftOfEachStratum() {
    // 3 each first; the rest, 20 - 9 = 11, by (N_h - 3) S_h = 0, 97 * 1, 7 * 100 = 0, 97, 700
    long[] sizes = {3, 100, 10};
    double[] sd = {50, 1, 100};
    long[] out = ReviewSampler.allocate(20, sizes, 3, sd);
    // shares 11 * 97 / 797 = 1.34 and 11 * 700 / 797 = 9.66, but stratum 2 has only 7 left
    assertArrayEquals(new long[] {3, 3 + 4, 10}, out);
  }

  @Test
  void strataWithoutVarianceGetOnlyTheirMinimumUnlessNothingElseIsLeft() {
    assertArrayEquals(
        new long[] {0, 10, 0},
        ReviewSampler.allocate(10, new long[] {50, 50, 50}, 0, new double[] {0, 2, 0}));
    assertArrayEquals(
        new long[] {1, 10, 1},
        ReviewSampler.allocate(12, new long[] {50, 50, 50}, 1, new double[] {0, 2, 0}));
    // the stratum with variance is taken in full; the others share the rest by size
    assertArrayEquals(
        new long[] {7, 10, 3},
        ReviewSampler.allocate(20, new long[] {70, 10, 30}, 0, new double[] {0, 2, 0}));
    // all without variance: proportional
    assertArrayEquals(
        ReviewSampler.allocate(20, new long[] {70, 10, 30}, 0, null),
        ReviewSampler.allocate(20, new long[] {70, 10, 30}, 0, new double[] {0, 0, 0}));
  }

  /** Shares are exact at the ends of the double range: only the ratios of the S_h count. */
  @Test
  void subnormalAndHugeStandardDeviationsAreExact() {
    long[] sizes = {1000, 1000, 1000};
    double tiny = Double.MIN_VALUE;
    assertArrayEquals(
        ReviewSampler.allocate(100, sizes, 0, new double[] {1, 3, 6}),
        ReviewSampler.allocate(100, sizes, 0, new double[] {tiny, 3 * tiny, 6 * tiny}));
    double big = Double.MAX_VALUE / 8;
    assertArrayEquals(
        ReviewSampler.allocate(100, sizes, 0, new double[] {1, 3, 6}),
        ReviewSampler.allocate(100, sizes, 0, new double[] {big, 3 * big, 6 * big}));
    // a subnormal beside MAX_VALUE: a share of 2^-2098 of the sample rounds to 0
    assertArrayEquals(
        new long[] {0, 100, 0},
        ReviewSampler.allocate(100, sizes, 0, new double[] {tiny, Double.MAX_VALUE, 0}));
  }

  @Test
  void malformedStandardDeviationsAreRefusedNamingTheStratum() {
    assertEquals(
        "standardDeviations must give the standard deviation of every stratum, but is empty",
        assertThrows(IllegalArgumentException.class, () -> Allocation.neyman(Map.of()))
            .getMessage());
    for (Object bad :
        new Object[] {
          Double.NaN, -1.0, Double.POSITIVE_INFINITY, Float.NaN, new BigDecimal("-0.5")
        }) {
      Map<String, Number> sd = new LinkedHashMap<>();
      sd.put("chat", 1);
      sd.put("phone", (Number) bad);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Allocation.neyman(sd, 2));
      assertEquals(
          "standardDeviations['phone'] = "
              + ((Number) bad).doubleValue()
              + " must be finite and >= 0",
          e.getMessage());
    }
    Map<String, Number> nullValue = new HashMap<>();
    nullValue.put("chat", null);
    assertEquals(
        "standardDeviations['chat']",
        assertThrows(NullPointerException.class, () -> Allocation.neyman(nullValue)).getMessage());
    Map<String, Number> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    assertEquals(
        "standardDeviations key",
        assertThrows(NullPointerException.class, () -> Allocation.neyman(nullKey)).getMessage());
    assertEquals(
        "minimum 0 must be >= 1",
        assertThrows(IllegalArgumentException.class, () -> Allocation.neyman(Map.of("a", 1), 0))
            .getMessage());
  }

  @Test
  void aStratumWithoutAStandardDeviationIsRefusedNamingIt() {
    ReviewSampler sampler =
        ReviewSampler.builder()
            .capacity(10)
            .allocation(Allocation.neyman(Map.of("chat", 2.0)))
            .build();
    List<String> population = List.of("chat-1", "chat-2", "email-1");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sampler.sample(population, i -> i.substring(0, i.indexOf('-')), 1));
    assertEquals(
        "stratum 'email' has no standard deviation in the Neyman allocation, which knows [chat]",
        e.getMessage());
    // a key no stratum has is fine
    ReviewSample<String> s =
        ReviewSampler.builder()
            .capacity(10)
            .allocation(Allocation.neyman(Map.of("chat", 2.0, "email", 1.0, "phone", 3.0)))
            .build()
            .sample(population, i -> i.substring(0, i.indexOf('-')), 1);
    assertEquals(3, s.items().size());
  }

  @Test
  void valueSemantics() {
    Map<String, Double> sd = new LinkedHashMap<>();
    sd.put("chat", 2.0);
    sd.put("phone", 0.5);
    Allocation a = Allocation.neyman(sd);
    sd.put("email", 1.0); // a defensive copy
    assertEquals(Map.of("chat", 2.0, "phone", 0.5), a.standardDeviations());
    assertThrows(UnsupportedOperationException.class, () -> a.standardDeviations().clear());
    assertEquals(a, Allocation.neyman(Map.of("phone", 0.5, "chat", 2)));
    assertEquals(a.hashCode(), Allocation.neyman(Map.of("phone", 0.5, "chat", 2)).hashCode());
    assertNotEquals(a, Allocation.neyman(Map.of("phone", 0.5, "chat", 2), 1));
    assertNotEquals(a, Allocation.proportional());
    assertEquals(0, a.minimumPerStratum());
    assertEquals(Map.of(), Allocation.proportional().standardDeviations());
    assertEquals(Map.of(), Allocation.minimumPerStratum(2).standardDeviations());
    assertEquals("Allocation[neyman={chat=2.0, phone=0.5}]", a.toString());
    assertEquals(
        "Allocation[neyman={chat=2.0}, minimumPerStratum=3]",
        Allocation.neyman(Map.of("chat", 2), 3).toString());
    // -0.0 is 0
    assertEquals(Allocation.neyman(Map.of("x", 0.0)), Allocation.neyman(Map.of("x", -0.0)));
  }
}
