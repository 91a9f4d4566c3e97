package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null item in the population was refused only when the seed happened to draw it, and then by an
 * {@code NullPointerException} without a message from {@link ReviewSample}'s copy of the items;
 * other seeds gave a sample. Every seed must refuse it, naming its index.
 */
class NullPopulationItemTest {

  @Test
  void aNullItemIsRefusedNamingItsIndexWhateverTheSeed() {
    List<String> population = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      population.add(i == 50 ? null : "call-" + i);
    }
    ReviewSampler sampler = ReviewSampler.builder().capacity(10).build();
    for (long seed = 0; seed < 20; seed++) {
      long s = seed;
      NullPointerException e =
          assertThrows(NullPointerException.class, () -> sampler.sample(population, s));
      assertEquals("population[50] is null", e.getMessage());
      e =
          assertThrows(
              NullPointerException.class,
              () -> sampler.sample(population, c -> c == null ? "none" : c.length(), s));
      assertEquals("population[50] is null", e.getMessage());
    }
  }
}
