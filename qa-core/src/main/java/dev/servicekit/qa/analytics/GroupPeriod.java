package dev.servicekit.qa.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A group (an agent or a team) and the start of a reporting period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the agent or team id
 * @param periodStart the first day of the period
 */
public record GroupPeriod(String group, LocalDate periodStart) implements Comparable<GroupPeriod> {

  /** Validates the components. */
  public GroupPeriod {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(periodStart, "periodStart");
  }

  /** Orders by group, then period. */
  @Override
  public int compareTo(GroupPeriod o) {
    int c = group.compareTo(o.group);
    return c != 0 ? c : periodStart.compareTo(o.periodStart);
  }
}
