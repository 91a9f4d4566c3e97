package dev.servicekit.kpi.staffing;

import dev.servicekit.kpi.staffing.internal.Ranges;
import java.time.Duration;

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
   * Checks the components for presence and range: what {@link ErlangC} can give.
   *
   * @throws IllegalArgumentException naming the component if {@code agents} is negative, the
   *     traffic is negative or not finite, a probability, the service level or the occupancy is
   *     outside [0, 1] (NaN included), a duration is negative, or traffic is offered to no more
   *     agents than it has Erlangs (an unstable queue has no Erlang C figures)
   */
  public ErlangCResult {
    if (agents < 0) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 0");
    }
    Ranges.nonNegative("trafficErlangs", trafficErlangs);
    Ranges.unit("probabilityOfWaiting", probabilityOfWaiting);
    Ranges.unit("serviceLevel", serviceLevel);
    Ranges.nonNegative("answerWithin", answerWithin);
    Ranges.nonNegative("averageSpeedOfAnswer", averageSpeedOfAnswer);
    Ranges.unit("occupancy", occupancy);
    if (trafficErlangs > 0 && !(agents > trafficErlangs)) {
      throw new IllegalArgumentException(
          "agents "
              + agents
              + " must exceed trafficErlangs "
              + trafficErlangs
              + " (Erlang C has no figures for an unstable queue)");
    }
  }
}
