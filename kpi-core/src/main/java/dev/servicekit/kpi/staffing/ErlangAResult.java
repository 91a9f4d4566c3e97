package dev.servicekit.kpi.staffing;

import dev.servicekit.kpi.staffing.internal.Ranges;
import java.time.Duration;

/**
 * Erlang A (M/M/N+M: exponential patience, waiting contacts abandon) performance of {@code agents}
 * agents. See {@link ErlangA} for the model and the formulas.
 *
 * <p>Immutable and thread-safe.
 *
 * @param agents agents answering contacts
 * @param trafficErlangs offered traffic A in Erlangs (arrivals times AHT, abandoners included)
 * @param averagePatience mean of the exponential patience distribution
 * @param probabilityOfWaiting probability that an arrival finds all agents busy
 * @param probabilityOfAbandonment fraction of all arrivals that abandon
 * @param probabilityOfAbandonmentGivenWait fraction of waiting arrivals that abandon
 * @param serviceLevel fraction of all arrivals (abandoners included, as not answered) answered
 *     within {@code answerWithin}
 * @param answerWithin the service-level threshold
 * @param averageSpeedOfAnswer mean wait of answered contacts
 * @param averageWait mean time in queue over all arrivals, abandoners included ({@code P(abandon) *
 *     averagePatience})
 * @param occupancy carried traffic over agents, {@code A (1 - P(abandon)) / N}
 */
public record ErlangAResult(
    int agents,
    double trafficErlangs,
    Duration averagePatience,
    double probabilityOfWaiting,
    double probabilityOfAbandonment,
    double probabilityOfAbandonmentGivenWait,
    double serviceLevel,
    Duration answerWithin,
    Duration averageSpeedOfAnswer,
    Duration averageWait,
    double occupancy)
    implements QueueMetrics {

  /**
   * Checks the components for presence and range: what {@link ErlangA} can give.
   *
   * @throws IllegalArgumentException naming the component if {@code agents} is negative, the
   *     traffic is negative or not finite, a probability, the service level or the occupancy is
   *     outside [0, 1] (NaN included), or a duration is negative
   */
  public ErlangAResult {
    if (agents < 0) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 0");
    }
    Ranges.nonNegative("trafficErlangs", trafficErlangs);
    Ranges.nonNegative("averagePatience", averagePatience);
    Ranges.unit("probabilityOfWaiting", probabilityOfWaiting);
    Ranges.unit("probabilityOfAbandonment", probabilityOfAbandonment);
    Ranges.unit("probabilityOfAbandonmentGivenWait", probabilityOfAbandonmentGivenWait);
    Ranges.unit("serviceLevel", serviceLevel);
    Ranges.nonNegative("answerWithin", answerWithin);
    Ranges.nonNegative("averageSpeedOfAnswer", averageSpeedOfAnswer);
    Ranges.nonNegative("averageWait", averageWait);
    Ranges.unit("occupancy", occupancy);
  }
}
