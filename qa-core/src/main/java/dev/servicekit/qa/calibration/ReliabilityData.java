package dev.servicekit.qa.calibration;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reliability data for Krippendorff's alpha: the values that raters assigned to units, with missing
 * values allowed (a rater need not rate every unit).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}, {@link
 * #ofItemsByReviewers(double[][])} or {@link #ofReviewersByItems(double[][])}.
 */
public final class ReliabilityData {

  private final List<double[]> units;

  private ReliabilityData(List<double[]> units) {
    // -0.0 is the value 0: every coefficient must see one value (they are told apart by their
    // bits, which sorting and hashing of doubles look at)
    for (double[] u : units) {
      for (int i = 0; i < u.length; i++) {
        if (u[i] == 0) {
          u[i] = 0.0;
        }
      }
    }
    this.units = units;
  }

  /**
   * From Krippendorff's canonical raters-by-units matrix; {@link Double#NaN} marks a missing value.
   *
   * @param ratersByUnits one row per rater, one column per unit; rows of equal length
   * @return the data
   * @throws IllegalArgumentException if rows differ in length or a value is infinite
   * @deprecated the name does not say which way round the matrix is, and a square matrix passed the
   *     wrong way round is silently accepted; use {@link #ofReviewersByItems(double[][])} (the same
   *     layout) or {@link #ofItemsByReviewers(double[][])} (the usual spreadsheet layout)
   */
  @Deprecated
  public static ReliabilityData ofMatrix(double[][] ratersByUnits) {
    return ofReviewersByItems(ratersByUnits);
  }

  /**
   * From a reviewers-by-items matrix (Krippendorff's layout: one row per reviewer); {@link
   * Double#NaN} marks a missing value, {@code O(reviewers * items)}.
   *
   * @param reviewersByItems one row per reviewer, one column per item; rows of equal length
   * @return the data
   * @throws IllegalArgumentException if rows differ in length or a value is infinite
   */
  public static ReliabilityData ofReviewersByItems(double[][] reviewersByItems) {
    Objects.requireNonNull(reviewersByItems, "reviewersByItems");
    Builder b = builder();
    for (int r = 0; r < reviewersByItems.length; r++) {
      Objects.requireNonNull(reviewersByItems[r], "reviewersByItems[" + r + "]");
      if (reviewersByItems[r].length != reviewersByItems[0].length) {
        throw new IllegalArgumentException(
            "reviewersByItems["
                + r
                + "] has "
                + reviewersByItems[r].length
                + " items but row 0 has "
                + reviewersByItems[0].length
                + " (one row per reviewer; for one row per item use ofItemsByReviewers)");
      }
    }
    int items = reviewersByItems.length == 0 ? 0 : reviewersByItems[0].length;
    for (int u = 0; u < items; u++) {
      for (int r = 0; r < reviewersByItems.length; r++) {
        double v = reviewersByItems[r][u];
        checkCell(v, "reviewersByItems", r, u);
        if (!Double.isNaN(v)) {
          b.add("item" + u, "reviewer" + r, v);
        }
      }
    }
    return b.build();
  }

  /**
   * From an items-by-reviewers matrix (the usual spreadsheet layout: one row per rated item, one
   * column per reviewer); {@link Double#NaN} marks a missing value, {@code O(items * reviewers)}.
   *
   * @param itemsByReviewers one row per item, one column per reviewer; rows of equal length
   * @return the data
   * @throws IllegalArgumentException if rows differ in length or a value is infinite
   */
  public static ReliabilityData ofItemsByReviewers(double[][] itemsByReviewers) {
    Objects.requireNonNull(itemsByReviewers, "itemsByReviewers");
    Builder b = builder();
    for (int u = 0; u < itemsByReviewers.length; u++) {
      Objects.requireNonNull(itemsByReviewers[u], "itemsByReviewers[" + u + "]");
      if (itemsByReviewers[u].length != itemsByReviewers[0].length) {
        throw new IllegalArgumentException(
            "itemsByReviewers["
                + u
                + "] has "
                + itemsByReviewers[u].length
                + " reviewers but row 0 has "
                + itemsByReviewers[0].length
                + " (one row per item; for one row per reviewer use ofReviewersByItems)");
      }
      for (int r = 0; r < itemsByReviewers[u].length; r++) {
        double v = itemsByReviewers[u][r];
        checkCell(v, "itemsByReviewers", u, r);
        if (!Double.isNaN(v)) {
          b.add("item" + u, "reviewer" + r, v);
        }
      }
    }
    return b.build();
  }

  /**
   * Refuses an infinite cell of a matrix, naming it by its indices (the builder would name the
   * generated unit and rater ids, {@code 'item3'} and {@code 'reviewer1'}, which the caller never
   * wrote).
   */
  private static void checkCell(double v, String matrix, int row, int column) {
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          matrix
              + "["
              + row
              + "]["
              + column
              + "] = "
              + v
              + " must be finite (NaN marks a missing rating)");
    }
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
   * The values per unit (missing values omitted), in insertion order. Internal use.
   *
   * @return the units
   */
  List<double[]> units() {
    return units;
  }

  /**
   * The number of units with at least one value.
   *
   * @return the unit count
   */
  public int unitCount() {
    return units.size();
  }

  /** Builder of {@link ReliabilityData}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Map<String, Double>> byUnit = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Records the value a rater gave a unit.
     *
     * @param unit the unit id (not blank, at most 128 characters, no control characters or unpaired
     *     surrogates)
     * @param rater the rater id (the same rule)
     * @param value a finite value (a category code for nominal data)
     * @return this builder
     * @throws IllegalArgumentException if an id breaks the rule, the value is not finite or the
     *     rater already rated the unit
     */
    public Builder add(String unit, String rater, double value) {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(rater, "rater");
      Ids.require(unit, "unit");
      Ids.require(rater, "rater");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "value "
                + value
                + " of rater "
                + Excerpts.quote(rater)
                + " on unit "
                + Excerpts.quote(unit)
                + " must be finite");
      }
      Map<String, Double> ratings = byUnit.get(unit);
      Double previous = ratings == null ? null : ratings.get(rater);
      if (previous != null) { // checked before anything is stored: the first rating stays
        throw new IllegalArgumentException(
            "rater "
                + Excerpts.quote(rater)
                + " already rated unit "
                + Excerpts.quote(unit)
                + " ("
                + previous
                + ")");
      }
      byUnit.computeIfAbsent(unit, u -> new LinkedHashMap<>()).put(rater, value);
      return this;
    }

    /**
     * Builds the data.
     *
     * @return the data
     */
    public ReliabilityData build() {
      List<double[]> units = new ArrayList<>();
      for (Map<String, Double> values : byUnit.values()) {
        units.add(values.values().stream().mapToDouble(Double::doubleValue).toArray());
      }
      return new ReliabilityData(List.copyOf(units));
    }
  }
}
