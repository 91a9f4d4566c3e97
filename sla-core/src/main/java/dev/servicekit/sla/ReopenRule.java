package dev.servicekit.sla;

/**
 * What a span metric (resolution, lifecycle stage) does when the ticket re-enters it, e.g. a solved
 * ticket is reopened.
 */
public enum ReopenRule {
  /** Continue the previous cycle: time already spent counts, the original deadline is kept. */
  RESUME,
  /** Start a new cycle with a full target; the previous cycle keeps its final state. */
  RESTART,
  /**
   * Start nothing: the metric applies once, and its first cycle keeps its final state (Zammad's
   * solution time: "can only apply once").
   */
  ONCE
}
