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

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException unless the agent, start and finish are all present (a valid
   *     agent id, finish after start) or all empty
   */
  public ForecastLine {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(finish, "finish");
    Objects.requireNonNull(breachAt, "breachAt");
    if (agentId.isPresent() != start.isPresent() || start.isPresent() != finish.isPresent()) {
      throw new IllegalArgumentException(
          "agentId, start and finish of item "
              + WorkQueue.excerpt(item.id())
              + " must be all present (taken) or all empty (not taken), not "
              + (agentId.isPresent() ? "agent" : "no agent")
              + ", "
              + (start.isPresent() ? "start" : "no start")
              + ", "
              + (finish.isPresent() ? "finish" : "no finish"));
    }
    agentId.ifPresent(a -> WorkItem.name("agentId", a));
    if (start.isPresent() && !finish.get().isAfter(start.get())) {
      throw new IllegalArgumentException(
          "finish " + finish.get() + " must be after start " + start.get());
    }
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
