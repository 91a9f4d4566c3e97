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

  /**
   * The group as a bounded, escaped excerpt (a team name is any text, and this form reaches error
   * messages and logs) and the period start, e.g. {@code GroupPeriod[group='red', periodStart=
   * 2026-03-02]}.
   */
  @Override
  public String toString() {
    return "GroupPeriod[group="
        + dev.servicekit.qa.internal.Excerpts.quote(group)
        + ", periodStart="
        + periodStart
        + "]";
  }

  /** Orders by group, then period. */
  @Override
  public int compareTo(GroupPeriod o) {
    int c = group.compareTo(o.group);
    return c != 0 ? c : periodStart.compareTo(o.periodStart);
  }
}
