package dev.servicekit.qa.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reliability data for Krippendorff's alpha: the values that raters assigned to units, with missing
 * values allowed (a rater need not rate every unit).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()} or {@link #ofMatrix(double[][])}.
 */
public final class ReliabilityData {

  private final List<double[]> units;

  private ReliabilityData(List<double[]> units) {
    this.units = units;
  }

  /**
   * From Krippendorff's canonical raters-by-units matrix; {@link Double#NaN} marks a missing value.
   *
   * @param ratersByUnits one row per rater, one column per unit; rows of equal length
   * @return the data
   * @throws IllegalArgumentException if rows differ in length or a value is infinite
   */
  public static ReliabilityData ofMatrix(double[][] ratersByUnits) {
    Objects.requireNonNull(ratersByUnits, "ratersByUnits");
    Builder b = builder();
    for (int r = 0; r < ratersByUnits.length; r++) {
      if (ratersByUnits[r].length != ratersByUnits[0].length) {
        throw new IllegalArgumentException(
            "ratersByUnits["
                + r
                + "] has "
                + ratersByUnits[r].length
                + " units but row 0 has "
                + ratersByUnits[0].length);
      }
      for (int u = 0; u < ratersByUnits[r].length; u++) {
        if (!Double.isNaN(ratersByUnits[r][u])) {
          b.add("u" + u, "r" + r, ratersByUnits[r][u]);
        }
      }
    }
    return b.build();
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
     * @param unit the unit id
     * @param rater the rater id
     * @param value a finite value (a category code for nominal data)
     * @return this builder
     * @throws IllegalArgumentException if the value is not finite or the rater already rated the
     *     unit
     */
    public Builder add(String unit, String rater, double value) {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(rater, "rater");
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "value " + value + " of rater '" + rater + "' on unit '" + unit + "' must be finite");
      }
      Double previous = byUnit.computeIfAbsent(unit, u -> new LinkedHashMap<>()).put(rater, value);
      if (previous != null) {
        throw new IllegalArgumentException(
            "rater '" + rater + "' already rated unit '" + unit + "' (" + previous + ")");
      }
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
