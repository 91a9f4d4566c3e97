package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Millis;
import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of a service-level accumulator.
 *
 * <p>Every duration is a whole number of milliseconds, the resolution at which waits are counted: a
 * sub-millisecond threshold would be compared with waits truncated to milliseconds and so decide
 * some calls wrongly, and is rejected instead of being silently rounded.
 *
 * <p>The three nest: {@code shortAbandon <= threshold <= missedAfter}. A call answered within the
 * threshold is answered in time, so it cannot be missed; a {@code missedAfter} below the threshold
 * would count a call answered at 15 s under a 20 s threshold and a 10 s {@code missedAfter} both as
 * within the service level and as missed, and is refused. {@code missedAfter == threshold} counts
 * as missed every call not answered within the threshold.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param threshold T of "answered within T" (e.g. 20 s)
 * @param shortAbandon calls abandoned within this wait are short abandons (e.g. 5 s); {@code <=
 *     threshold}
 * @param missedAfter a call not answered within this wait is a missed call (e.g. 30 s); {@code >=
 *     threshold}
 */
public record ServiceLevelPolicy(Duration threshold, Duration shortAbandon, Duration missedAfter) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if a duration is negative, not a whole number of milliseconds
   *     or longer than {@code Long.MAX_VALUE} ms, or {@code shortAbandon > threshold}, or {@code
   *     missedAfter < threshold}
   */
  public ServiceLevelPolicy {
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(shortAbandon, "shortAbandon");
    Objects.requireNonNull(missedAfter, "missedAfter");
    Millis.exact(threshold, "threshold");
    Millis.exact(shortAbandon, "shortAbandon");
    Millis.exact(missedAfter, "missedAfter");
    if (shortAbandon.compareTo(threshold) > 0) {
      throw new IllegalArgumentException(
          "shortAbandon " + shortAbandon + " must be <= threshold " + threshold);
    }
    if (missedAfter.compareTo(threshold) < 0) {
      throw new IllegalArgumentException(
          "missedAfter "
              + missedAfter
              + " must be >= threshold "
              + threshold
              + ": a call answered within the threshold cannot be missed");
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
