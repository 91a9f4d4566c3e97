package dev.servicekit.sla;

/** The state of one cycle of an SLA metric at an instant. */
public enum CycleState {
  /** Running and within target. */
  ACTIVE,
  /** Not counting (pause status or left the span) and within target. */
  PAUSED,
  /** Stopped within target. */
  ACHIEVED,
  /** Past its deadline while counting, whether still running, paused or stopped. */
  BREACHED
}
