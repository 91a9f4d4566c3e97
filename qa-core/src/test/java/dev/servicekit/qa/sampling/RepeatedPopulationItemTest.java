package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An interaction listed twice in the population could be drawn twice (the sample held it twice) and
 * counted twice in the precision's population size. Every seed must refuse it, naming both indices
 * and a bounded excerpt of the item.
 */
class RepeatedPopulationItemTest {

  @Test
  void anItemListedTwiceIsRefusedNamingBothIndicesWhateverTheSeed() {
    List<String> population = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      population.add("call-" + i);
    }
    population.add("call-7");
    ReviewSampler sampler = ReviewSampler.builder().capacity(40).build();
    for (long seed = 0; seed < 20; seed++) {
      long s = seed;
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> sampler.sample(population, s));
      assertEquals(
          "population[40] repeats population[7] (items must be distinct): 'call-7'",
          e.getMessage());
      e =
          assertThrows(
              IllegalArgumentException.class, () -> sampler.sample(population, String::length, s));
      assertEquals(
          "population[40] repeats population[7] (items must be distinct): 'call-7'",
          e.getMessage());
    }
  }

  @Test
  void theExcerptOfAHugeRepeatedItemIsBounded() {
    String huge = "x".repeat(1_000_000);
    ReviewSampler sampler = ReviewSampler.builder().capacity(5).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> sampler.sample(List.of(huge, "y", huge), 1));
    assertEquals(true, e.getMessage().length() < 200, e.getMessage().length() + " chars");
  }
}
