package dev.servicekit.kpi.staffing;

import java.math.BigDecimal;

/**
 * How much QA evaluation a team wants per day: {@code agents} agents, each to be evaluated {@code
 * evaluationsPerAgentPerDay} times a day on average, out of {@code interactionsPerDay}
 * interactions. (For a monthly quota, divide by the working days: 4 per agent per month over 20
 * days is 0.2 per day.)
 *
 * <p>As in {@link ReviewerCapacity}, the doubles are read in their shortest decimal form (0.1 is
 * exactly 1/10): 25 agents at 2.2 a day ask for exactly 55 evaluations, which 55 interactions
 * cover, although {@code 25 * 2.2} is {@code 55.00000000000001} in binary doubles.
 *
 * <p>Immutable and thread-safe.
 *
 * @param interactionsPerDay interactions handled per day, finite and {@code >= 0}
 * @param agents agents to evaluate, {@code >= 0}
 * @param evaluationsPerAgentPerDay desired evaluations per agent per day, finite and {@code >= 0};
 *     the total may not exceed the interactions available
 */
public record QaReviewDemand(
    double interactionsPerDay, int agents, double evaluationsPerAgentPerDay) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component breaks its rule
   */
  public QaReviewDemand {
    if (!Double.isFinite(interactionsPerDay) || interactionsPerDay < 0) {
      throw new IllegalArgumentException(
          "interactionsPerDay " + interactionsPerDay + " must be finite and >= 0");
    }
    if (agents < 0) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 0");
    }
    if (!Double.isFinite(evaluationsPerAgentPerDay) || evaluationsPerAgentPerDay < 0) {
      throw new IllegalArgumentException(
          "evaluationsPerAgentPerDay " + evaluationsPerAgentPerDay + " must be finite and >= 0");
    }
    if (evaluations(agents, evaluationsPerAgentPerDay)
            .compareTo(BigDecimal.valueOf(interactionsPerDay))
        > 0) {
      throw new IllegalArgumentException(
          "evaluationsPerAgentPerDay "
              + evaluationsPerAgentPerDay
              + " for "
              + agents
              + " agents asks for more evaluations than the "
              + interactionsPerDay
              + " interactionsPerDay");
    }
    // -0.0 is zero: one zero, as equals compares
    interactionsPerDay += 0.0;
    evaluationsPerAgentPerDay += 0.0;
  }

  /**
   * The demand of {@code agents} agents evaluated {@code evaluationsPerAgentPerDay} times a day.
   *
   * @param interactionsPerDay interactions per day, {@code >= 0}
   * @param agents agents to evaluate, {@code >= 0}
   * @param evaluationsPerAgentPerDay desired evaluations per agent per day, {@code >= 0}
   * @return the demand
   * @throws IllegalArgumentException if an argument breaks its rule
   */
  public static QaReviewDemand of(
      double interactionsPerDay, int agents, double evaluationsPerAgentPerDay) {
    return new QaReviewDemand(interactionsPerDay, agents, evaluationsPerAgentPerDay);
  }

  /**
   * Evaluations needed per day, {@code agents * evaluationsPerAgentPerDay}, the exact product of
   * the decimal forms rounded once to a double (30 agents at 0.1 a day are 3.0). O(1).
   *
   * @return the daily evaluations
   */
  public double evaluationsPerDay() {
    return evaluations(agents, evaluationsPerAgentPerDay).doubleValue();
  }

  /** The exact product of {@code agents} and the shortest decimal form of {@code perAgent}. */
  static BigDecimal evaluations(int agents, double perAgent) {
    return BigDecimal.valueOf(agents).multiply(BigDecimal.valueOf(perAgent));
  }

  /**
   * Fraction of interactions that get evaluated (0 when there are no interactions). O(1).
   *
   * @return the sample rate in [0, 1]
   */
  public double sampleRate() {
    return interactionsPerDay == 0 ? 0 : evaluationsPerDay() / interactionsPerDay;
  }
}
