package dev.servicekit.sla;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
 * <p>The two axes are ticket attributes, by default {@value #DEFAULT_ROWS} (the rows) and {@value
 * #DEFAULT_COLUMNS} (the columns); {@link Builder#rows} and {@link Builder#columns} name others, so
 * that, say, a ServiceNow-style impact x urgency lookup reads the attributes {@code impact} and
 * {@code urgency} as they are. Throughout this API "severity" means the row value and "tier" the
 * column value, whatever the attributes are called.
 *
 * <p>Lookup is {@code O(1)}. This class is immutable and thread-safe.
 */
public final class PriorityMatrix {

  /** The attribute read for the rows unless {@link Builder#rows} names another. */
  public static final String DEFAULT_ROWS = "severity";

  /** The attribute read for the columns unless {@link Builder#columns} names another. */
  public static final String DEFAULT_COLUMNS = "tier";

  private final String rowAttribute;
  private final String columnAttribute;
  private final List<String> severities;
  private final List<String> tiers;
  private final Map<String, String> cells; // "severity\u0000tier" -> priority
  private final Optional<String> defaultPriority;
  private final Map<String, Map<String, Optional<String>>> lookup; // allocation-free lookups

  private PriorityMatrix(
      String rowAttribute,
      String columnAttribute,
      List<String> severities,
      List<String> tiers,
      Map<String, String> cells,
      Optional<String> defaultPriority) {
    this.rowAttribute = rowAttribute;
    this.columnAttribute = columnAttribute;
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
   * Returns the ticket attribute whose value selects the row (the "severity").
   *
   * @return the row attribute, {@value #DEFAULT_ROWS} unless configured
   */
  public String rowAttribute() {
    return rowAttribute;
  }

  /**
   * Returns the ticket attribute whose value selects the column (the "tier").
   *
   * @return the column attribute, {@value #DEFAULT_COLUMNS} unless configured
   */
  public String columnAttribute() {
    return columnAttribute;
  }

  /**
   * Returns whether the matrix reads its axes: it lists at least one cell. A matrix with only a
   * default priority maps every ticket to it and reads no attribute.
   *
   * @return true if some cell is listed
   */
  public boolean readsAttributes() {
    return !cells.isEmpty();
  }

  /**
   * Returns the listed row values (of {@link #rowAttribute()}: the severities by default), in
   * declaration order.
   *
   * @return the row values
   */
  public List<String> rowValues() {
    return severities;
  }

  /**
   * Returns the listed column values (of {@link #columnAttribute()}: the tiers by default), in
   * declaration order.
   *
   * @return the column values
   */
  public List<String> columnValues() {
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
        && rowAttribute.equals(m.rowAttribute)
        && columnAttribute.equals(m.columnAttribute)
        && severities.equals(m.severities)
        && tiers.equals(m.tiers)
        && cells.equals(m.cells)
        && defaultPriority.equals(m.defaultPriority);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rowAttribute, columnAttribute, severities, tiers, cells, defaultPriority);
  }

  @Override
  public String toString() {
    String axes =
        rowAttribute.equals(DEFAULT_ROWS) && columnAttribute.equals(DEFAULT_COLUMNS)
            ? ""
            : "(" + rowAttribute + " x " + columnAttribute + ")";
    return "PriorityMatrix" + axes + cells() + defaultPriority.map(p -> " default " + p).orElse("");
  }

  /** Mutable builder of {@link PriorityMatrix}; not thread-safe. */
  public static final class Builder {
    private final List<String> severities = new ArrayList<>();
    private final List<String> tiers = new ArrayList<>();
    // the rows and columns seen, to keep cell() O(1): searching the lists made a matrix of n
    // columns quadratic to build (60 000 cells of one row took 86 s to read)
    private final Set<String> severitySeen = new HashSet<>();
    private final Set<String> tierSeen = new HashSet<>();
    private final Map<String, String> cells = new LinkedHashMap<>();
    private Optional<String> defaultPriority = Optional.empty();
    private String rowAttribute;
    private String columnAttribute;

    private Builder() {}

    /**
     * Names the ticket attribute whose value selects the row (default {@value #DEFAULT_ROWS}).
     *
     * @param attribute the attribute name, a key other than {@value SlaPolicySet#CHANNEL} (which
     *     selects targets) and {@code priority} (which names the cell's result in the policy JSON)
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or reserved, or rows were already set
     */
    public Builder rows(String attribute) {
      if (rowAttribute != null) {
        throw new IllegalArgumentException("rows was already set to " + rowAttribute);
      }
      rowAttribute = requireAxis(attribute, "rows");
      return this;
    }

    /**
     * Names the ticket attribute whose value selects the column (default {@value
     * #DEFAULT_COLUMNS}).
     *
     * @param attribute the attribute name, a key other than {@value SlaPolicySet#CHANNEL} and
     *     {@code priority}
     * @return this builder
     * @throws IllegalArgumentException if the name is invalid or reserved, or columns were already
     *     set
     */
    public Builder columns(String attribute) {
      if (columnAttribute != null) {
        throw new IllegalArgumentException("columns was already set to " + columnAttribute);
      }
      columnAttribute = requireAxis(attribute, "columns");
      return this;
    }

    private static String requireAxis(String attribute, String field) {
      Keys.requireKey(attribute, field);
      if (attribute.equals(SlaPolicySet.CHANNEL) || attribute.equals("priority")) {
        throw new IllegalArgumentException(
            field
                + " '"
                + attribute
                + "' is reserved: the matrix cannot read the attribute "
                + SlaPolicySet.CHANNEL
                + " (it selects targets) nor priority (the result of a cell)");
      }
      return attribute;
    }

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
      Keys.requireKey(severity, rowAttribute == null ? DEFAULT_ROWS : rowAttribute);
      Keys.requireKey(tier, columnAttribute == null ? DEFAULT_COLUMNS : columnAttribute);
      Keys.requireKey(priority, "priority");
      String prev = cells.putIfAbsent(cellKey(severity, tier), priority);
      if (prev != null) {
        throw new IllegalArgumentException(
            "cell (" + severity + ", " + tier + ") was already set to " + prev);
      }
      if (severitySeen.add(severity)) {
        severities.add(severity);
      }
      if (tierSeen.add(tier)) {
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
     *     priority, the matrix is empty, or rows and columns name the same attribute
     */
    public PriorityMatrix build() {
      if (cells.isEmpty() && defaultPriority.isEmpty()) {
        throw new IllegalArgumentException("priority matrix has no cells and no defaultPriority");
      }
      String rows = rowAttribute == null ? DEFAULT_ROWS : rowAttribute;
      String columns = columnAttribute == null ? DEFAULT_COLUMNS : columnAttribute;
      if (rows.equals(columns)) {
        throw new IllegalArgumentException(
            "priority matrix rows and columns both read the attribute " + rows);
      }
      if (defaultPriority.isEmpty()) {
        for (String s : severities) {
          for (String t : tiers) {
            if (!cells.containsKey(cellKey(s, t))) {
              throw new IllegalArgumentException(
                  "priority matrix cell ("
                      + rows
                      + " "
                      + s
                      + ", "
                      + columns
                      + " "
                      + t
                      + ") is missing and there is no defaultPriority");
            }
          }
        }
      }
      return new PriorityMatrix(
          rows,
          columns,
          List.copyOf(severities),
          List.copyOf(tiers),
          Map.copyOf(cells),
          defaultPriority);
    }
  }
}
