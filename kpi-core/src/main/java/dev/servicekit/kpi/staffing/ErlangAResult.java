package dev.servicekit.kpi.staffing;

import java.time.Duration;
import java.util.Objects;

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
   * Checks the components for presence and range.
   *
   * @throws IllegalArgumentException if {@code agents} is negative
   */
  public ErlangAResult {
    if (agents < 0) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 0");
    }
    Objects.requireNonNull(averagePatience, "averagePatience");
    Objects.requireNonNull(answerWithin, "answerWithin");
    Objects.requireNonNull(averageSpeedOfAnswer, "averageSpeedOfAnswer");
    Objects.requireNonNull(averageWait, "averageWait");
  }
}
