package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SamplingProperties {

  record Item(int id, int stratum) {}

  static List<Item> population(Random r) {
    int n = r.nextInt(3000);
    int strata = 1 + r.nextInt(12);
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // skewed strata sizes
      out.add(new Item(i, Math.min(strata - 1, (int) Math.abs(r.nextGaussian() * strata / 2))));
    }
    return out;
  }

  @Property(tries = 200)
  void proportionalSampleRespectsCapacityPopulationAndShares(@ForAll long seed) {
    Random r = new Random(seed);
    List<Item> pop = population(r);
    long capacity = r.nextInt(400);
    ReviewSampler sampler =
        ReviewSampler.builder()
            .capacity(capacity)
            .marginOfError(0.01 + r.nextDouble() * 0.1)
            .build();
    ReviewSample<Item> s = sampler.sample(pop, Item::stratum, seed);
    long expected = Math.min(capacity, s.requiredSize());
    assertEquals(expected, s.items().size());
    assertTrue(s.items().size() <= capacity && s.items().size() <= pop.size());
    assertEquals(s.items().size(), new HashSet<>(s.items()).size(), "no duplicates");
    int n = s.items().size();
    for (Map.Entry<Object, Integer> e : s.allocation().entrySet()) {
      double share = (double) n * s.strata().get(e.getKey()) / pop.size();
      assertTrue(Math.abs(e.getValue() - share) < 1, e + " vs " + share);
      long actual = s.items().stream().filter(i -> e.getKey().equals(i.stratum())).count();
      assertEquals((long) e.getValue(), actual);
    }
    // same seed, same sample
    assertEquals(s, sampler.sample(pop, Item::stratum, seed));
  }

  @Property(tries = 200)
  void minimumAllocationGivesEveryStratumItsMinimum(@ForAll long seed) {
    Random r = new Random(seed);
    List<Item> pop = population(r);
    int min = 1 + r.nextInt(3);
    long capacity = 12 * 3 + r.nextInt(300);
    ReviewSampler sampler =
        ReviewSampler.builder()
            .capacity(capacity)
            .allocation(Allocation.minimumPerStratum(min))
            .build();
    Map<Integer, Long> sizes =
        pop.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    Item::stratum, java.util.stream.Collectors.counting()));
    long base = sizes.values().stream().mapToLong(v -> Math.min(min, v)).sum();
    long n = Math.min(capacity, SampleSize.forProportion(pop.size(), 0.05, 0.95, 0.5));
    if (base > n) {
      assertThrows(IllegalArgumentException.class, () -> sampler.sample(pop, Item::stratum, seed));
      return;
    }
    ReviewSample<Item> s = sampler.sample(pop, Item::stratum, seed);
    for (Map.Entry<Object, Integer> e : s.allocation().entrySet()) {
      int size = s.strata().get(e.getKey());
      assertTrue(e.getValue() >= Math.min(min, size));
      assertTrue(e.getValue() <= size);
    }
    assertEquals(s.items().size(), s.allocation().values().stream().mapToInt(i -> i).sum());
  }
}
