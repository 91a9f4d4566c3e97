package dev.servicekit.qa.sampling;

import java.util.Objects;

/**
 * How a sample is split across strata.
 *
 * <p>Immutable and thread-safe.
 */
public final class Allocation {

  private final int minimumPerStratum;

  private Allocation(int minimumPerStratum) {
    this.minimumPerStratum = minimumPerStratum;
  }

  /**
   * Proportional to stratum size, rounded by largest remainder (ties to the stratum met first in
   * the population) so the sizes add up exactly; every stratum gets its proportional share rounded
   * down or up.
   *
   * @return proportional allocation
   */
  public static Allocation proportional() {
    return new Allocation(0);
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
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum " + minimum + " must be >= 1");
    }
    return new Allocation(minimum);
  }

  /**
   * The minimum per stratum, 0 for proportional allocation.
   *
   * @return the minimum
   */
  public int minimumPerStratum() {
    return minimumPerStratum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Allocation a && a.minimumPerStratum == minimumPerStratum;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(minimumPerStratum);
  }

  @Override
  public String toString() {
    return minimumPerStratum == 0
        ? "Allocation[proportional]"
        : "Allocation[minimumPerStratum=" + minimumPerStratum + "]";
  }
}
