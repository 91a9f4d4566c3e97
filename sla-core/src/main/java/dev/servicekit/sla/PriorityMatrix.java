package dev.servicekit.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a ticket's severity and customer tier to a priority (key accounts get tighter targets).
 * Severities, tiers and priorities are customer-defined keys. Every severity x tier cell must be
 * filled unless a default priority is given; the default also applies to severities or tiers the
 * matrix does not list.
 *
 * <p>Lookup is {@code O(1)}. This class is immutable and thread-safe.
 */
public final class PriorityMatrix {

  private final List<String> severities;
  private final List<String> tiers;
  private final Map<String, String> cells; // "severity\u0000tier" -> priority
  private final Optional<String> defaultPriority;
  private final Map<String, Map<String, Optional<String>>> lookup; // allocation-free lookups

  private PriorityMatrix(
      List<String> severities,
      List<String> tiers,
      Map<String, String> cells,
      Optional<String> defaultPriority) {
    this.severities = severities;
    this.tiers = tiers;
    this.cells = cells;
    this.defaultPriority = defaultPriority;
    Map<String, Map<String, Optional<String>>> l = new java.util.HashMap<>();
    for (String s : severities) {
      for (String t : tiers) {
        String p = cells.get(cellKey(s, t));
        if (p != null) {
          l.computeIfAbsent(s, k -> new java.util.HashMap<>()).put(t, Optional.of(p));
        }
      }
    }
    this.lookup = l;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a matrix that maps every ticket to one priority.
   *
   * @param priority the priority key
   * @return the matrix
   */
  public static PriorityMatrix constant(String priority) {
    return builder().defaultPriority(priority).build();
  }

  /**
   * Returns the priority of a cell, or the default priority when the cell is not listed.
   *
   * @param severity severity key
   * @param tier tier key
   * @return the priority, empty if there is neither such a cell nor a default
   */
  public Optional<String> priorityFor(String severity, String tier) {
    Map<String, Optional<String>> row = lookup.get(severity);
    if (row != null) {
      Optional<String> p = row.get(tier);
      if (p != null) {
        return p;
      }
    }
    return defaultPriority;
  }

  /**
   * Returns the listed severities, in declaration order.
   *
   * @return severities
   */
  public List<String> severities() {
    return severities;
  }

  /**
   * Returns the listed tiers, in declaration order.
   *
   * @return tiers
   */
  public List<String> tiers() {
    return tiers;
  }

  /**
   * Returns the default priority.
   *
   * @return the default, if any
   */
  public Optional<String> defaultPriority() {
    return defaultPriority;
  }

  /**
   * Returns every priority the matrix can produce, in order of first appearance.
   *
   * @return priorities
   */
  public Set<String> priorities() {
    Set<String> out = new LinkedHashSet<>(cells.values());
    defaultPriority.ifPresent(out::add);
    return Collections.unmodifiableSet(out);
  }

  /**
   * Returns the explicit cells as severity -&gt; tier -&gt; priority.
   *
   * @return the cells, in declaration order
   */
  public Map<String, Map<String, String>> cells() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String s : severities) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String t : tiers) {
        String p = cells.get(cellKey(s, t));
        if (p != null) {
          row.put(t, p);
        }
      }
      out.put(s, Collections.unmodifiableMap(row));
    }
    return Collections.unmodifiableMap(out);
  }

  private static String cellKey(String severity, String tier) {
    return severity + '\u0000' + tier;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PriorityMatrix m
        && severities.equals(m.severities)
        && tiers.equals(m.tiers)
        && cells.equals(m.cells)
        && defaultPriority.equals(m.defaultPriority);
  }

  @Override
  public int hashCode() {
    return Objects.hash(severities, tiers, cells, defaultPriority);
  }

  @Override
  public String toString() {
    return "PriorityMatrix" + cells() + defaultPriority.map(p -> " default " + p).orElse("");
  }

  /** Mutable builder of {@link PriorityMatrix}; not thread-safe. */
  public static final class Builder {
    private final List<String> severities = new ArrayList<>();
    private final List<String> tiers = new ArrayList<>();
    private final Map<String, String> cells = new LinkedHashMap<>();
    private Optional<String> defaultPriority = Optional.empty();

    private Builder() {}

    /**
     * Sets the priority of one cell; the severity and tier are listed on first use.
     *
     * @param severity severity key
     * @param tier tier key
     * @param priority priority key
     * @return this builder
     * @throws IllegalArgumentException if a key is invalid or the cell was already set
     */
    public Builder cell(String severity, String tier, String priority) {
      Keys.requireKey(severity, "severity");
      Keys.requireKey(tier, "tier");
      Keys.requireKey(priority, "priority");
      String prev = cells.putIfAbsent(cellKey(severity, tier), priority);
      if (prev != null) {
        throw new IllegalArgumentException(
            "cell (" + severity + ", " + tier + ") was already set to " + prev);
      }
      if (!severities.contains(severity)) {
        severities.add(severity);
      }
      if (!tiers.contains(tier)) {
        tiers.add(tier);
      }
      return this;
    }

    /**
     * Sets the priority of cells not listed explicitly.
     *
     * @param priority priority key
     * @return this builder
     */
    public Builder defaultPriority(String priority) {
      Keys.requireKey(priority, "defaultPriority");
      if (defaultPriority.isPresent()) {
        throw new IllegalArgumentException(
            "defaultPriority was already set to " + defaultPriority.get());
      }
      defaultPriority = Optional.of(priority);
      return this;
    }

    /**
     * Builds the matrix.
     *
     * @return the matrix
     * @throws IllegalArgumentException if a severity x tier cell is missing and there is no default
     *     priority, or the matrix is empty
     */
    public PriorityMatrix build() {
      if (cells.isEmpty() && defaultPriority.isEmpty()) {
        throw new IllegalArgumentException("priority matrix has no cells and no defaultPriority");
      }
      if (defaultPriority.isEmpty()) {
        for (String s : severities) {
          for (String t : tiers) {
            if (!cells.containsKey(cellKey(s, t))) {
              throw new IllegalArgumentException(
                  "priority matrix cell (severity "
                      + s
                      + ", tier "
                      + t
                      + ") is missing and there is no defaultPriority");
            }
          }
        }
      }
      return new PriorityMatrix(
          List.copyOf(severities), List.copyOf(tiers), Map.copyOf(cells), defaultPriority);
    }
  }
}
