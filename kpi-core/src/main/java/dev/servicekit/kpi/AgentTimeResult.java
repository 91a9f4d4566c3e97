package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Percent;
import dev.servicekit.kpi.internal.ResultChecks;
import java.util.OptionalDouble;

/**
 * The result of an {@link AgentTimeAccumulator}: the people KPIs built on agent time.
 *
 * <ul>
 *   <li>handled per hour = handled / (logged-in ms / 3 600 000);
 *   <li>occupancy % = 100 &times; handle / (handle + idle): the share of available time spent on
 *       contacts;
 *   <li>availability % = 100 &times; (handle + idle) / scheduled: the share of scheduled time the
 *       agent was available or working contacts (e.g. "chat availability &ge; 95 %").
 * </ul>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param handled contacts handled
 * @param handleMillis time on contacts (talk + hold + after-work, or chat/ticket work)
 * @param idleMillis time available and waiting for a contact
 * @param loggedInMillis time logged in (any status)
 * @param scheduledMillis time scheduled to work
 */
public record AgentTimeResult(
    long handled, long handleMillis, long idleMillis, long loggedInMillis, long scheduledMillis) {

  /**
   * Checks the counts and times, as an {@link AgentTimeAccumulator}'s result holds them.
   *
   * @throws IllegalArgumentException if one is negative, naming it, or {@code handleMillis} is not
   *     0 with no contact handled (handle time is the time of handled contacts; status times need
   *     none)
   */
  public AgentTimeResult {
    nonNegative("handled", handled);
    nonNegative("handleMillis", handleMillis);
    nonNegative("idleMillis", idleMillis);
    nonNegative("loggedInMillis", loggedInMillis);
    nonNegative("scheduledMillis", scheduledMillis);
    ResultChecks.zeroWithoutCount("handled", handled, "handleMillis", handleMillis);
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " " + value + " must be >= 0");
    }
  }

  /** Handle plus idle time, in a double: each fits a long, their sum may not. */
  private double availableMillis() {
    return (double) handleMillis + idleMillis;
  }

  /**
   * Returns contacts handled per logged-in hour.
   *
   * @return the rate, empty when there is no logged-in time
   */
  public OptionalDouble handledPerHour() {
    return loggedInMillis == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(handled * 3_600_000.0 / loggedInMillis);
  }

  /**
   * Returns occupancy in percent.
   *
   * @return occupancy, empty when there is no available time
   */
  public OptionalDouble occupancyPercent() {
    double available = availableMillis();
    return available == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Percent.of(handleMillis, available));
  }

  /**
   * Returns availability in percent: a ratio, above 100 when the agent was available or on contacts
   * beyond the scheduled time (overtime).
   *
   * @return availability, {@code >= 0}, empty when there is no scheduled time
   */
  public OptionalDouble availabilityPercent() {
    return scheduledMillis == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(100.0 * availableMillis() / scheduledMillis);
  }
}
