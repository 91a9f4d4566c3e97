package dev.servicekit.sla;

import java.time.Instant;

/**
 * A warning level a cycle has reached, and the instant it reached it: the first instant at which
 * the cycle had consumed {@code percent} of its target (warnings count as reached at exactly their
 * share).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param percent the warning's share of the target, 1 to 100
 * @param at when the share was consumed
 */
public record WarningReached(int percent, Instant at) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code percent} is not within 1..100, or {@code at} is
   *     outside {@link BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END}
   *     (exclusive), where every clock's instants lie
   */
  public WarningReached {
    new WarningThreshold(percent); // same range and message
    BusinessCalendar.second(at, "at");
  }
}
