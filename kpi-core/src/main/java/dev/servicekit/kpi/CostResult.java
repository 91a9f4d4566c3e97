package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.ResultChecks;
import java.util.OptionalDouble;

/**
 * The result of a {@link CostAccumulator}: cost per contact = total cost / contacts.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param costMinorUnits total cost in minor currency units (cents)
 * @param contacts contacts handled
 */
public record CostResult(long costMinorUnits, long contacts) {

  /**
   * Checks the components, as a {@link CostAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative
   */
  public CostResult {
    ResultChecks.nonNegative("costMinorUnits", costMinorUnits);
    ResultChecks.nonNegative("contacts", contacts);
  }

  /**
   * Returns the cost per contact in minor units.
   *
   * @return the cost per contact, empty when there are no contacts
   */
  public OptionalDouble costPerContactMinorUnits() {
    return contacts == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) costMinorUnits / contacts);
  }
}
