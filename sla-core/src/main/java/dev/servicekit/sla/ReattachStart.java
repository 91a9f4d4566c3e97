package dev.servicekit.sla;

/**
 * Where a cycle attached by {@link RetargetRule#CANCEL_AND_REATTACH} starts: at the re-target, or
 * retroactively earlier (ServiceNow's "Retroactive start" with its "Set start to" field). A
 * retroactive cycle counts as one span from its start; {@link SlaPolicySet#retroactivePause()} says
 * whether the pause statuses between that start and the re-target pause it. Has no effect under the
 * other re-target rules, which re-measure running cycles from their original start anyway.
 */
public enum ReattachStart {
  /** The new cycle starts at the re-target (the default). */
  AT_CHANGE,
  /**
   * The new cycle starts at the ticket's creation (ServiceNow "Set start to: Created"); a call's
   * new cycle (answer time, {@link MetricDefinition.Cycles#PER_CALL}) starts where its cancelled
   * cycle started, since it measures the call, not the time before the call was offered.
   */
  AT_CREATION,
  /** The new cycle starts where the cycle it replaces started. */
  AT_CANCELLED_START
}
