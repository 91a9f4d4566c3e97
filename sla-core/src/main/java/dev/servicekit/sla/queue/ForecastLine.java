package dev.servicekit.sla.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BreachForecast} predicts for one item.
 *
 * <p>Immutable and thread-safe.
 *
 * @param item the item
 * @param agentId the agent predicted to take it, empty if nobody does within the horizon
 * @param start when that agent takes it (for an item already assigned: when it was)
 * @param finish when that agent finishes it
 * @param breachAt the deadline, if the item is predicted to breach it within the horizon
 */
public record ForecastLine(
    WorkItem item,
    Optional<String> agentId,
    Optional<Instant> start,
    Optional<Instant> finish,
    Optional<Instant> breachAt) {

  /** Checks the components for null. */
  public ForecastLine {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(finish, "finish");
    Objects.requireNonNull(breachAt, "breachAt");
  }

  /**
   * Whether the item is predicted to breach within the horizon.
   *
   * @return true if it breaches
   */
  public boolean breached() {
    return breachAt.isPresent();
  }
}
