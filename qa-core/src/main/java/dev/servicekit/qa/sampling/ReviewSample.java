package dev.servicekit.qa.sampling;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A review sample.
 *
 * <p>Immutable and thread-safe if the items are.
 *
 * @param <T> the item type
 * @param items the sampled items, in population order
 * @param requiredSize the size the target precision asks for
 * @param capacityLimited whether reviewer capacity cut the sample below {@code requiredSize}
 * @param allocation sample size per stratum, in order of first appearance in the population
 * @param strata population size per stratum, same order
 */
public record ReviewSample<T>(
    List<T> items,
    long requiredSize,
    boolean capacityLimited,
    Map<Object, Integer> allocation,
    Map<Object, Integer> strata) {

  /** Validates and copies the components. */
  public ReviewSample {
    items = List.copyOf(items);
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(strata, "strata");
    allocation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(allocation));
    strata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(strata));
  }
}
