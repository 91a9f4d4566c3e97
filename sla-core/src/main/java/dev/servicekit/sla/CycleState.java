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
  BREACHED,
  /**
   * Stopped without an outcome before its target: a call abandoned before its answer-time target,
   * or still ringing when the ticket is solved. Never has a next transition; keeps its due instant
   * like any stopped cycle. A call abandoned or cut off after its target is {@link #BREACHED}: a
   * missed call.
   */
  CANCELLED
}
