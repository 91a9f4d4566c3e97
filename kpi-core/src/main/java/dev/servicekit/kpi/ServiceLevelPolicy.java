package dev.servicekit.kpi;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of a service-level accumulator.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param threshold T of "answered within T" (e.g. 20 s)
 * @param shortAbandon calls abandoned within this wait are short abandons (e.g. 5 s); {@code <=
 *     threshold}
 * @param missedAfter a call not answered within this wait is a missed call (e.g. 30 s)
 */
public record ServiceLevelPolicy(Duration threshold, Duration shortAbandon, Duration missedAfter) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if a duration is negative or {@code shortAbandon > threshold}
   */
  public ServiceLevelPolicy {
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(shortAbandon, "shortAbandon");
    Objects.requireNonNull(missedAfter, "missedAfter");
    for (var d : new Duration[] {threshold, shortAbandon, missedAfter}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("service level duration " + d + " must be >= 0");
      }
    }
    if (shortAbandon.compareTo(threshold) > 0) {
      throw new IllegalArgumentException(
          "shortAbandon " + shortAbandon + " must be <= threshold " + threshold);
    }
  }

  /**
   * Returns a policy.
   *
   * @param threshold the answer threshold T
   * @param shortAbandon the short-abandon time S
   * @param missedAfter the missed-call time N
   * @return the policy
   */
  public static ServiceLevelPolicy of(
      Duration threshold, Duration shortAbandon, Duration missedAfter) {
    return new ServiceLevelPolicy(threshold, shortAbandon, missedAfter);
  }
}
