package dev.servicekit.integrations.flink;

import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a revisable KPI input, such as a customer's CSAT rating that may be changed
 * later: the input of {@link FlinkKpiWindows#revised}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param group the group key the KPI is reported by (agent, team, channel, priority, tier, or a
 *     combination encoded as one string)
 * @param id what is revised (the survey response or ticket id): the last revision per id wins
 * @param revision any increasing number the source supplies (a version counter, or the change's
 *     epoch milliseconds)
 * @param value the value at that revision
 * @param at the time that places the observation in a window (e.g. when the ticket was solved);
 *     every revision of an id must carry the same {@code at}, so they land in the same window
 */
public record RevisedObservation(String group, String id, long revision, int value, Instant at) {

  /** Checks the components for null. */
  public RevisedObservation {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }
}
