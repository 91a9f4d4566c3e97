package dev.servicekit.kpi.staffing;

import java.time.Duration;

/**
 * Steady-state performance of a queue staffed with a given number of agents, as computed by {@link
 * ErlangC} or {@link ErlangA}. Implementations are immutable records.
 */
public sealed interface QueueMetrics permits ErlangCResult, ErlangAResult {

  /**
   * Agents answering contacts (on the phones, before shrinkage).
   *
   * @return the agent count, {@code >= 0}
   */
  int agents();

  /**
   * Offered traffic in Erlangs.
   *
   * @return the traffic, {@code >= 0}
   */
  double trafficErlangs();

  /**
   * Probability that an arriving contact finds all agents busy and has to wait.
   *
   * @return a probability in [0, 1]
   */
  double probabilityOfWaiting();

  /**
   * Fraction of all arriving contacts answered within {@link #answerWithin()}.
   *
   * @return a probability in [0, 1]
   */
  double serviceLevel();

  /**
   * The service-level threshold the {@link #serviceLevel()} refers to.
   *
   * @return the threshold
   */
  Duration answerWithin();

  /**
   * Average speed of answer: mean wait of answered contacts, those answered at once included.
   *
   * @return the ASA, {@code >= 0}
   */
  Duration averageSpeedOfAnswer();

  /**
   * Agent occupancy: the fraction of agent time spent handling contacts.
   *
   * @return the occupancy in [0, 1]
   */
  double occupancy();
}
