package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.CountingSequentialList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ReviewSampler#sample} is documented {@code O(N)}, but read the population by index, and
 * {@code get(i)} of a sequential-access list (a {@link java.util.LinkedList}) walks {@code i}
 * elements: {@code O(N^2)}, minutes for a million calls. A list that counts the elements its
 * iterators step over tells it without a clock.
 */
class SequentialPopulationTest {

  @Test
  void aSequentialPopulationIsReadInLinearSteps() {
    int n = 2000;
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      numbers.add(i);
    }
    CountingSequentialList<Integer> population = new CountingSequentialList<>(numbers);
    ReviewSampler sampler = ReviewSampler.builder().capacity(100).build();
    ReviewSample<Integer> sample = sampler.sample(population, i -> i % 7, 42);
    assertEquals(100, sample.items().size());
    assertTrue(population.steps() <= 3L * n, population.steps() + " steps for " + n + " items");
    // the same sample as from a random-access copy of the population
    assertEquals(sample, sampler.sample(new ArrayList<>(population), i -> i % 7, 42));
  }
}
