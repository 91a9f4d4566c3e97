package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Allocation#proportional()} is Hamilton's largest remainder method (Hare quota), checked on
 * the published examples of its Alabama paradox (Wikipedia, "Alabama paradox"): more seats can take
 * one from a stratum. Each stratum is an interaction stratum of that many items; capacity is the
 * number of seats.
 */
class ProportionalAllocationPublishedExamplesTest {

  /** Items {@code s-0 .. s-(size-1)} of each stratum {@code s}, in stratum order. */
  private static List<String> population(Map<String, Integer> sizes) {
    List<String> out = new ArrayList<>();
    sizes.forEach(
        (stratum, size) -> {
          for (int i = 0; i < size; i++) {
            out.add(stratum + "-" + i);
          }
        });
    return out;
  }

  private static Map<Object, Integer> allocate(Map<String, Integer> sizes, long seats) {
    ReviewSample<String> s =
        ReviewSampler.builder()
            .capacity(seats)
            .build()
            .sample(population(sizes), item -> item.substring(0, item.indexOf('-')), 7);
    assertTrue(s.capacityLimited(), "capacity must bind: " + s.requiredSize());
    assertEquals(seats, s.items().size());
    return s.allocation();
  }

  private static Map<String, Integer> sizes(Object... stratumAndSize) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < stratumAndSize.length; i += 2) {
      m.put((String) stratumAndSize[i], (Integer) stratumAndSize[i + 1]);
    }
    return m;
  }

  /** Three states of sizes 6, 6 and 2: 10 seats give 4, 4, 2; 11 seats give 5, 5, 1. */
  @Test
  void threeStatesOfSixSixAndTwo() {
    Map<String, Integer> sizes = sizes("A", 6, "B", 6, "C", 2);
    assertEquals(Map.of("A", 4, "B", 4, "C", 2), allocate(sizes, 10));
    assertEquals(Map.of("A", 5, "B", 5, "C", 1), allocate(sizes, 11));
  }

  /**
   * Four states of 5,670, 3,850, 420 and 60: 323 seats (quotas 183.141, 124.355, 13.566, 1.938)
   * give 183, 124, 14, 2; 324 seats give 184, 125, 13, 2.
   */
  @Test
  void fourStatesOfTenThousand() {
    Map<String, Integer> sizes = sizes("A", 5670, "B", 3850, "C", 420, "D", 60);
    assertEquals(Map.of("A", 183, "B", 124, "C", 14, "D", 2), allocate(sizes, 323));
    assertEquals(Map.of("A", 184, "B", 125, "C", 13, "D", 2), allocate(sizes, 324));
  }
}
