package dev.servicekit.integrations.flink;

/** What time drives the SLA timers of {@link FlinkSlaClocks}. */
public enum TimeMode {
  /**
   * Event time: each event is evaluated at its own timestamp, and a transition due at {@code d}
   * fires when the watermark passes {@code d}, evaluated at exactly {@code d}. Deterministic: the
   * output depends only on the events, not on arrival order, as long as no event is behind the
   * watermark.
   */
  EVENT_TIME,
  /**
   * Processing time: each event is evaluated at the wall clock when it is processed (never before
   * the ticket's latest event), and transitions fire on processing-time timers. Not reproducible.
   */
  PROCESSING_TIME
}
