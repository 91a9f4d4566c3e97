package dev.servicekit.qa.sampling;

import dev.servicekit.qa.internal.Excerpts;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A review sample.
 *
 * <p>The components agree as {@link ReviewSampler#sample} makes them, and the constructor checks
 * it: {@code requiredSize >= 0}; {@code allocation} and {@code strata} list the same strata (no
 * null key or count) in the same order; each stratum has at least one member and is allocated
 * between 0 and its size; the allocations add up to the number of items, which is {@code
 * requiredSize} or, if and only if {@code capacityLimited}, less.
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

  /**
   * Validates and copies the components. O(items + strata).
   *
   * @throws IllegalArgumentException if the components disagree (see the class comment); the
   *     message names the component and the rule
   */
  public ReviewSample {
    Objects.requireNonNull(items, "items");
    int index = 0;
    for (T item : items) {
      if (item == null) {
        throw new NullPointerException("items[" + index + "]");
      }
      index++;
    }
    items = List.copyOf(items);
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(strata, "strata");
    allocation = Collections.unmodifiableMap(new LinkedHashMap<>(allocation));
    strata = Collections.unmodifiableMap(new LinkedHashMap<>(strata));
    if (requiredSize < 0) {
      throw new IllegalArgumentException("requiredSize " + requiredSize + " must be >= 0");
    }
    if (allocation.size() != strata.size()) {
      throw new IllegalArgumentException(
          "allocation has "
              + allocation.size()
              + " strata but strata has "
              + strata.size()
              + ": both must list the same strata in the same order");
    }
    Iterator<Map.Entry<Object, Integer>> s = strata.entrySet().iterator();
    long allocated = 0;
    int h = 0;
    for (Map.Entry<Object, Integer> a : allocation.entrySet()) {
      Map.Entry<Object, Integer> st = s.next();
      Objects.requireNonNull(a.getKey(), "allocation key " + h);
      Objects.requireNonNull(st.getKey(), "strata key " + h);
      if (!a.getKey().equals(st.getKey())) {
        throw new IllegalArgumentException(
            "allocation's stratum "
                + h
                + " is "
                + Excerpts.quote(String.valueOf(a.getKey()))
                + " but strata's is "
                + Excerpts.quote(String.valueOf(st.getKey()))
                + ": both must list the same strata in the same order");
      }
      Integer size = Objects.requireNonNull(st.getValue(), "strata value " + h);
      Integer take = Objects.requireNonNull(a.getValue(), "allocation value " + h);
      if (size < 1) {
        throw new IllegalArgumentException(
            "strata of "
                + Excerpts.quote(String.valueOf(st.getKey()))
                + " is "
                + size
                + ": a stratum has at least one member");
      }
      if (take < 0 || take > size) {
        throw new IllegalArgumentException(
            "allocation of "
                + Excerpts.quote(String.valueOf(a.getKey()))
                + " is "
                + take
                + ": must be between 0 and its stratum's size "
                + size);
      }
      allocated += take;
      h++;
    }
    if (allocated != items.size()) {
      throw new IllegalArgumentException(
          "allocation adds up to "
              + allocated
              + " but there are "
              + items.size()
              + " items: each sampled item belongs to one stratum");
    }
    if (items.size() > requiredSize) {
      throw new IllegalArgumentException(
          "items has "
              + items.size()
              + " items, more than requiredSize "
              + requiredSize
              + ": a sample is never larger than the precision asks for");
    }
    if (capacityLimited != (items.size() < requiredSize)) {
      throw new IllegalArgumentException(
          "capacityLimited "
              + capacityLimited
              + " with "
              + items.size()
              + " items and requiredSize "
              + requiredSize
              + ": capacityLimited must be true exactly when there are fewer items than"
              + " requiredSize");
    }
  }
}
