package dev.servicekit.sla;

import java.util.Objects;
import java.util.Set;

/**
 * A named lifecycle stage (e.g. {@code analysis}): the ticket is in the stage while its status is
 * one of {@code statuses}. Entering the stage starts (or, with {@link ReopenRule#RESUME}, resumes)
 * a cycle of {@link SlaMetric#stage(String)}; leaving it stops the cycle.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name stage name
 * @param statuses statuses that make up the stage
 * @param reentry what re-entering the stage does
 */
public record StageDefinition(String name, Set<String> statuses, ReopenRule reentry) {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid or no status is listed
   */
  public StageDefinition {
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(reentry, "reentry");
    Keys.requireKey(name, "stage name");
    statuses = Keys.requireKeys(statuses, "stage " + name + " statuses");
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("stage " + name + " lists no status");
    }
    Objects.requireNonNull(reentry, "reentry");
  }

  /**
   * Returns a stage whose re-entry starts a new cycle.
   *
   * @param name stage name
   * @param statuses statuses of the stage
   * @return the stage
   */
  public static StageDefinition of(String name, String... statuses) {
    return new StageDefinition(name, Set.of(statuses), ReopenRule.RESTART);
  }

  /**
   * Returns the metric measuring this stage.
   *
   * @return {@code SlaMetric.stage(name)}
   */
  public SlaMetric metric() {
    return SlaMetric.stage(name);
  }
}
