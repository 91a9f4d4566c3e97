package dev.servicekit.qa.sampling;

import dev.servicekit.qa.internal.Excerpts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a sample is split across strata: proportional to stratum size, or Neyman's optimum allocation
 * (proportional to size times standard deviation), either with a minimum per stratum.
 *
 * <p>Immutable and thread-safe.
 */
public final class Allocation {

  private final int minimumPerStratum;
  private final Map<Object, Double> standardDeviations; // empty for proportional allocation

  private Allocation(int minimumPerStratum, Map<Object, Double> standardDeviations) {
    this.minimumPerStratum = minimumPerStratum;
    this.standardDeviations = standardDeviations;
  }

  /**
   * Proportional to stratum size, rounded by largest remainder (ties to the stratum met first in
   * the population) so the sizes add up exactly; every stratum gets its proportional share rounded
   * down or up.
   *
   * @return proportional allocation
   */
  public static Allocation proportional() {
    return new Allocation(0, Map.of());
  }

  /**
   * At least {@code min(minimum, stratum size)} per stratum (e.g. per agent), the rest proportional
   * to what is left of each stratum.
   *
   * @param minimum the minimum per stratum, {@code >= 1}
   * @return the allocation
   * @throws IllegalArgumentException if minimum is below 1
   */
  public static Allocation minimumPerStratum(int minimum) {
    checkMinimum(minimum);
    return new Allocation(minimum, Map.of());
  }

  /**
   * Neyman's (1934) optimum allocation: {@code n_h} proportional to {@code N_h S_h}, the stratum's
   * size times the standard deviation of what the review measures in it (e.g. of scores, or {@code
   * sqrt(p_h (1 - p_h))} for a stratum's share {@code p_h} failing a standard), which minimizes the
   * variance of the stratified estimate for the sample size (Cochran, "Sampling Techniques", 3rd
   * ed., ch. 5). A stratum whose share exceeds its size is reviewed in full and the excess goes to
   * the others by the same rule, until none exceeds its size (the usual revision, which gives the
   * optimum under the bounds {@code n_h <= N_h}). The shares, computed exactly, are rounded by
   * largest remainder as {@link #proportional()}'s, so the sizes add up to the sample size and each
   * is its share rounded down or up. With equal standard deviations this is {@link
   * #proportional()}; strata whose standard deviations are all 0 share what is left proportionally
   * to size.
   *
   * @param standardDeviations the standard deviation {@code S_h} of each stratum, keyed by what the
   *     sampler's stratum function returns; every stratum of a population must be a key
   * @return the allocation
   * @throws IllegalArgumentException if the map is empty or a standard deviation is not finite or
   *     negative (naming its stratum)
   * @throws NullPointerException if a key or value is null
   */
  public static Allocation neyman(Map<?, ? extends Number> standardDeviations) {
    return new Allocation(0, checkStandardDeviations(standardDeviations));
  }

  /**
   * Neyman's optimum allocation with a minimum per stratum: {@code min(minimum, N_h)} per stratum
   * first, as {@link #minimumPerStratum(int)}, then the rest as {@link #neyman(Map)} with what is
   * left of each stratum, {@code N_h - min(minimum, N_h)}, in place of its size.
   *
   * @param standardDeviations the standard deviation of each stratum, as {@link #neyman(Map)}
   * @param minimum the minimum per stratum, {@code >= 1}
   * @return the allocation
   * @throws IllegalArgumentException if minimum is below 1, or as {@link #neyman(Map)}
   * @throws NullPointerException if a key or value is null
   */
  public static Allocation neyman(Map<?, ? extends Number> standardDeviations, int minimum) {
    Map<Object, Double> sd = checkStandardDeviations(standardDeviations);
    checkMinimum(minimum);
    return new Allocation(minimum, sd);
  }

  private static void checkMinimum(int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum " + minimum + " must be >= 1");
    }
  }

  private static Map<Object, Double> checkStandardDeviations(Map<?, ? extends Number> sds) {
    Objects.requireNonNull(sds, "standardDeviations");
    if (sds.isEmpty()) {
      throw new IllegalArgumentException(
          "standardDeviations must give the standard deviation of every stratum, but is empty");
    }
    Map<Object, Double> out = new LinkedHashMap<>();
    for (Map.Entry<?, ? extends Number> e : sds.entrySet()) {
      Object key = Objects.requireNonNull(e.getKey(), "standardDeviations key");
      Number value = Objects.requireNonNull(e.getValue(), "standardDeviations[" + quote(key) + "]");
      double s = value.doubleValue();
      if (!(s >= 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException(
            "standardDeviations[" + quote(key) + "] = " + s + " must be finite and >= 0");
      }
      out.put(key, s == 0 ? 0.0 : s);
    }
    return Collections.unmodifiableMap(out);
  }

  static String quote(Object stratum) {
    return Excerpts.quote(String.valueOf(stratum));
  }

  /**
   * The minimum per stratum, 0 for proportional allocation.
   *
   * @return the minimum
   */
  public int minimumPerStratum() {
    return minimumPerStratum;
  }

  /**
   * The standard deviations of a Neyman allocation by stratum, in the order given; empty for a
   * proportional one.
   *
   * @return the standard deviations, unmodifiable
   */
  public Map<Object, Double> standardDeviations() {
    return standardDeviations;
  }

  /**
   * The standard deviation of every stratum, in order, or null for a proportional allocation.
   *
   * @throws IllegalArgumentException naming the first stratum without one
   */
  double[] standardDeviationsOf(java.util.List<Object> strata) {
    if (standardDeviations.isEmpty()) {
      return null;
    }
    double[] out = new double[strata.size()];
    for (int h = 0; h < out.length; h++) {
      Double s = standardDeviations.get(strata.get(h));
      if (s == null) {
        throw new IllegalArgumentException(
            "stratum "
                + quote(strata.get(h))
                + " has no standard deviation in the Neyman allocation, which knows "
                + Excerpts.cut(standardDeviations.keySet().toString()));
      }
      out[h] = s;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Allocation a
        && a.minimumPerStratum == minimumPerStratum
        && a.standardDeviations.equals(standardDeviations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(minimumPerStratum, standardDeviations);
  }

  @Override
  public String toString() {
    if (!standardDeviations.isEmpty()) {
      return "Allocation[neyman="
          + Excerpts.cut(standardDeviations.toString())
          + (minimumPerStratum == 0 ? "" : ", minimumPerStratum=" + minimumPerStratum)
          + "]";
    }
    return minimumPerStratum == 0
        ? "Allocation[proportional]"
        : "Allocation[minimumPerStratum=" + minimumPerStratum + "]";
  }
}
