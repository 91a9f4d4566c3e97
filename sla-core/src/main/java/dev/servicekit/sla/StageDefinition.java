package dev.servicekit.sla;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * A named lifecycle stage (e.g. {@code analysis}): the ticket is in the stage while its status is
 * one of {@code statuses}. Entering the stage starts (or, with {@link ReopenRule#RESUME}, resumes)
 * a cycle of {@link SlaMetric#stage(String)}; leaving it stops the cycle. If {@code stopStatuses}
 * is not empty, only leaving to one of them stops (achieves) the cycle and leaving to any other
 * status cancels it ({@link CycleState#CANCELLED}, or {@link CycleState#BREACHED} if it had
 * breached), like ServiceNow's task SLA whose start condition stops matching without its stop
 * condition matching ("Start conditions are not met" cancels).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name stage name
 * @param statuses statuses that make up the stage
 * @param reentry what re-entering the stage does
 * @param stopStatuses statuses whose entry stops the cycle on leaving the stage; empty: every exit
 *     stops it
 */
public record StageDefinition(
    String name, Set<String> statuses, ReopenRule reentry, Set<String> stopStatuses) {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid or no status is listed
   */
  public StageDefinition {
    Objects.requireNonNull(statuses, "statuses");
    Objects.requireNonNull(reentry, "reentry");
    Objects.requireNonNull(stopStatuses, "stopStatuses");
    Keys.requireKey(name, "stage name");
    statuses = Keys.requireKeys(statuses, "stage " + name + " statuses");
    requireSomeStatus(name, statuses);
    stopStatuses = Keys.requireKeys(stopStatuses, "stage " + name + " stopStatuses");
    for (String s : stopStatuses) {
      requireNotOwnStatus(name, statuses, s);
    }
  }

  /** The rule that a stage lists a status (also checked at the field by the JSON reader). */
  static void requireSomeStatus(String name, Collection<String> statuses) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("stage " + name + " lists no status");
    }
  }

  /** The rule that a stop status is not one of the stage's own (checked at it by the reader). */
  static void requireNotOwnStatus(String name, Collection<String> statuses, String stop) {
    if (statuses.contains(stop)) {
      throw new IllegalArgumentException(
          "stage " + name + " stopStatuses lists " + stop + ", which is one of its own statuses");
    }
  }

  /**
   * A stage every exit of which stops its cycle.
   *
   * @param name stage name
   * @param statuses statuses that make up the stage
   * @param reentry what re-entering the stage does
   * @throws IllegalArgumentException if a key is invalid or no status is listed
   */
  public StageDefinition(String name, Set<String> statuses, ReopenRule reentry) {
    this(name, statuses, reentry, Set.of());
  }

  /**
   * Returns this stage where only leaving to one of {@code statuses} stops the cycle; leaving to
   * any other status cancels it.
   *
   * @param statuses the stop statuses, none of them a status of the stage
   * @return the stage
   * @throws IllegalArgumentException if a key is invalid, a status is listed twice, or a status of
   *     the stage is listed
   */
  public StageDefinition stopOn(String... statuses) {
    Objects.requireNonNull(statuses, "statuses");
    return new StageDefinition(
        name,
        this.statuses,
        reentry,
        Keys.requireDistinctKeys(
            java.util.Arrays.asList(statuses), Set.of(), "stopOn of stage " + name, "status"));
  }

  /**
   * Returns whether leaving the stage to {@code status} stops (rather than cancels) its cycle.
   *
   * @param status the status entered
   * @return true if the exit stops the cycle
   */
  public boolean stopsOn(String status) {
    return stopStatuses.isEmpty() || stopStatuses.contains(status);
  }

  /**
   * Returns a stage whose re-entry starts a new cycle.
   *
   * @param name stage name
   * @param statuses statuses of the stage
   * @return the stage
   * @throws IllegalArgumentException if a key is invalid, a status is listed twice, or no status is
   *     listed
   */
  public static StageDefinition of(String name, String... statuses) {
    Objects.requireNonNull(statuses, "statuses");
    Keys.requireKey(name, "stage name"); // named before its statuses are
    return new StageDefinition(
        name,
        Keys.requireDistinctKeys(
            java.util.Arrays.asList(statuses), Set.of(), "statuses of stage " + name, "status"),
        ReopenRule.RESTART);
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
