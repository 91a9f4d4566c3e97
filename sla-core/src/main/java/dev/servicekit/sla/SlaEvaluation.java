package dev.servicekit.sla;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA state of one ticket at one instant: every targeted metric cycle, the targeting history,
 * and the next instant at which anything reported here changes without a new event.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket
 * @param at the evaluation instant
 * @param status the ticket's status at {@code at}
 * @param policy name of the policy applying at {@code at}
 * @param priority the priority at {@code at}, if any
 * @param cycles metric cycles with a target, in order of start (then metric, then cycle)
 * @param policyChanges targeting history, oldest first
 * @param anomalies events that had no effect, and why, in application order
 * @param nextTransition the earliest instant after {@code at} at which a cycle's state, warning or
 *     escalation changes if no event arrives; empty if nothing is running
 */
public record SlaEvaluation(
    String ticketId,
    Instant at,
    String status,
    String policy,
    Optional<String> priority,
    List<MetricCycle> cycles,
    List<PolicyChange> policyChanges,
    List<EventAnomaly> anomalies,
    Optional<Instant> nextTransition) {

  /** Checks the components for null and copies the lists. */
  public SlaEvaluation {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(priority, "priority");
    cycles = List.copyOf(cycles);
    policyChanges = List.copyOf(policyChanges);
    anomalies = List.copyOf(anomalies);
    Objects.requireNonNull(nextTransition, "nextTransition");
  }

  /**
   * Returns the cycles of one metric, oldest first.
   *
   * @param metric the metric
   * @return the cycles, possibly empty
   */
  public List<MetricCycle> cycles(SlaMetric metric) {
    Objects.requireNonNull(metric, "metric");
    java.util.ArrayList<MetricCycle> out = new java.util.ArrayList<>();
    for (MetricCycle c : cycles) {
      if (c.metric().equals(metric)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Returns the latest cycle of one metric.
   *
   * @param metric the metric
   * @return the latest cycle, if any
   */
  public Optional<MetricCycle> latest(SlaMetric metric) {
    List<MetricCycle> l = cycles(metric);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
  }
}
