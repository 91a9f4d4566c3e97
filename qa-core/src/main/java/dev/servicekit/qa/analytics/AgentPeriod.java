package dev.servicekit.qa.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An agent and the start of a reporting period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param agentId the agent
 * @param periodStart the first day of the period
 */
public record AgentPeriod(String agentId, LocalDate periodStart)
    implements Comparable<AgentPeriod> {

  /** Validates the components. */
  public AgentPeriod {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(periodStart, "periodStart");
  }

  /** Orders by agent, then period. */
  @Override
  public int compareTo(AgentPeriod o) {
    int c = agentId.compareTo(o.agentId);
    return c != 0 ? c : periodStart.compareTo(o.periodStart);
  }
}
