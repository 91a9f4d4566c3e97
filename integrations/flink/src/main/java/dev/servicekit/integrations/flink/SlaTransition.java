package dev.servicekit.integrations.flink;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaMetric;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of the SLA state of one metric cycle of one ticket, as emitted by {@link
 * FlinkSlaClocks}: a cycle started, was paused or resumed, reached a warning threshold, was
 * breached, achieved (met) or cancelled.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket
 * @param metric the metric
 * @param cycle the cycle index among the ticket's cycles of this metric ({@link
 *     MetricCycle#cycle()})
 * @param key what the cycle is about (the call id for answer time), else empty
 * @param kind what changed
 * @param at the evaluation instant that observed the change: an event's time, or for a timer the
 *     exact transition instant ({@link dev.servicekit.sla.SlaEvaluation#nextTransition()})
 * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
 */
public record SlaTransition(
    String ticketId,
    SlaMetric metric,
    int cycle,
    String key,
    Kind kind,
    Instant at,
    int warningPercent) {

  /** What changed. */
  public enum Kind {
    /** A targeted cycle appeared (it runs, or it was first seen already stopped). */
    STARTED,
    /** The cycle stopped counting within target (a pause status, or it left its span). */
    PAUSED,
    /** The cycle counts again after a pause. */
    RESUMED,
    /** A (higher) warning threshold was reached: see {@link SlaTransition#warningPercent()}. */
    WARNING,
    /** The cycle ran past its deadline. */
    BREACHED,
    /** The cycle stopped within target: the SLA was met. */
    ACHIEVED,
    /** The cycle stopped without an outcome within target ({@link CycleState#CANCELLED}). */
    CANCELLED;

    /**
     * The transition into a cycle state.
     *
     * @param state the new state
     * @return the kind reporting a change into {@code state}
     */
    public static Kind into(CycleState state) {
      switch (Objects.requireNonNull(state, "state")) {
        case ACTIVE:
          return RESUMED;
        case PAUSED:
          return PAUSED;
        case ACHIEVED:
          return ACHIEVED;
        case BREACHED:
          return BREACHED;
        case CANCELLED:
          return CANCELLED;
        default:
          throw new AssertionError(state);
      }
    }
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code cycle} or {@code warningPercent} is negative
   */
  public SlaTransition {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (cycle < 0) {
      throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle);
    }
    if (warningPercent < 0) {
      throw new IllegalArgumentException("warningPercent must be 0 or more, was " + warningPercent);
    }
  }
}
