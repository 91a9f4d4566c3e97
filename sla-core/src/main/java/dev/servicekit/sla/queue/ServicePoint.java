package dev.servicekit.sla.queue;

/** When a forecast counts an item as served against its deadline. */
public enum ServicePoint {
  /** When an agent takes it (a call answered, a chat accepted). */
  START,
  /** When the agent finishes it, its handle time after the start (a reply sent). */
  FINISH
}
