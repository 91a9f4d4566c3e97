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
 * @param removed whether this revision removes the id (a deleted survey response, {@link
 *     #removal}): applied as {@link dev.servicekit.kpi.RevisedValues#remove(Object, long)}, so the
 *     id ends removed exactly when its highest revision is a removal; its {@code value} is 0
 */
public record RevisedObservation(
    String group, String id, long revision, int value, Instant at, boolean removed) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code group}, {@code id} or {@code at} is null
   * @throws IllegalArgumentException if a removal has a value other than 0
   */
  public RevisedObservation {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    if (removed && value != 0) {
      throw new IllegalArgumentException(
          "value must be 0 for a removal (it removes the id's value), was " + value);
    }
  }

  /**
   * A revision of a value: the canonical constructor with {@code removed} false.
   *
   * @param group the group key
   * @param id what is revised
   * @param revision the revision
   * @param value the value at that revision
   * @param at the time that places the observation in a window
   */
  public RevisedObservation(String group, String id, long revision, int value, Instant at) {
    this(group, id, revision, value, at, false);
  }

  /**
   * A revision that removes the id as of {@code revision} (the id's value is taken out of the
   * window's aggregate; a later revision of a value brings it back).
   *
   * @param group the group key
   * @param id what is removed
   * @param revision the removal's revision
   * @param at the time that places the id in a window, that of its values
   * @return the observation, with value 0
   */
  public static RevisedObservation removal(String group, String id, long revision, Instant at) {
    return new RevisedObservation(group, id, revision, 0, at, true);
  }
}
