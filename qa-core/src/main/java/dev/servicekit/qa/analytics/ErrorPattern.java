package dev.servicekit.qa.analytics;

/**
 * Who makes an error, which decides the remedy.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorPattern {
  /** Made by at least the systemic share of agents: train the whole team. */
  SYSTEMIC,
  /** Made by fewer agents: coach them in a small group. */
  INDIVIDUAL,
  /** No agent reaches the per-agent error threshold. */
  NONE
}
