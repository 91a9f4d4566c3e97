package dev.servicekit.kpi.staffing;

import java.time.Duration;
import java.util.Objects;

/**
 * Erlang C (M/M/N, no abandonment) performance of {@code agents} agents under {@code
 * trafficErlangs} of traffic. See {@link ErlangC} for the formulas.
 *
 * <p>Immutable and thread-safe.
 *
 * @param agents agents answering contacts
 * @param trafficErlangs offered traffic A in Erlangs
 * @param probabilityOfWaiting Erlang C probability that a contact waits, {@code C(N, A)}
 * @param serviceLevel fraction answered within {@code answerWithin}
 * @param answerWithin the service-level threshold
 * @param averageSpeedOfAnswer mean wait over all contacts (all are answered in Erlang C)
 * @param occupancy {@code A / N}
 */
public record ErlangCResult(
    int agents,
    double trafficErlangs,
    double probabilityOfWaiting,
    double serviceLevel,
    Duration answerWithin,
    Duration averageSpeedOfAnswer,
    double occupancy)
    implements QueueMetrics {

  /**
   * Checks the components for presence and range.
   *
   * @throws IllegalArgumentException if {@code agents} is negative
   */
  public ErlangCResult {
    if (agents < 0) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 0");
    }
    Objects.requireNonNull(answerWithin, "answerWithin");
    Objects.requireNonNull(averageSpeedOfAnswer, "averageSpeedOfAnswer");
  }
}
