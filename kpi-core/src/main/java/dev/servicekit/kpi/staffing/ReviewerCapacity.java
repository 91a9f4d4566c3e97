package dev.servicekit.kpi.staffing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * QA reviewer throughput: evaluations one reviewer completes per day. Answers "how many reviewers
 * for this demand" ({@link #reviewersNeeded}) and the reverse, "what coverage do this many
 * reviewers give" ({@link #evaluationsPerAgentPerDay}).
 *
 * <p>Rounding is done on the shortest decimal form of the doubles (so 0.1 is exactly 1/10): {@code
 * reviewersNeeded * capacity >= demand > (reviewersNeeded - 1) * capacity} holds exactly.
 *
 * <p>Immutable and thread-safe.
 *
 * @param evaluationsPerReviewerPerDay evaluations per reviewer per day, finite and {@code > 0}
 */
public record ReviewerCapacity(double evaluationsPerReviewerPerDay) {

  /**
   * Validates the capacity.
   *
   * @throws IllegalArgumentException if it is not finite and positive
   */
  public ReviewerCapacity {
    if (!Double.isFinite(evaluationsPerReviewerPerDay) || !(evaluationsPerReviewerPerDay > 0)) {
      throw new IllegalArgumentException(
          "evaluationsPerReviewerPerDay "
              + evaluationsPerReviewerPerDay
              + " must be finite and > 0");
    }
  }

  /**
   * A reviewer who completes {@code evaluationsPerReviewerPerDay} evaluations a day.
   *
   * @param evaluationsPerReviewerPerDay finite, {@code > 0}
   * @return the capacity
   * @throws IllegalArgumentException if the value is not finite and positive
   */
  public static ReviewerCapacity of(double evaluationsPerReviewerPerDay) {
    return new ReviewerCapacity(evaluationsPerReviewerPerDay);
  }

  /**
   * The capacity of a reviewer with {@code productiveTimePerDay} of review time who spends {@code
   * timePerEvaluation} per evaluation: {@code productiveTimePerDay / timePerEvaluation} (fractional
   * evaluations count). A ratio no double holds is taken as the smallest double whose shortest
   * decimal form, the form {@link #reviewersNeeded} reads, is not below it: 8 hours at 7 minutes an
   * evaluation are 480/7 = 68.571428571428571... evaluations, held as {@code 68.57142857142858}, so
   * 7 such reviewers cover 480 evaluations a day, as they do (the ratio rounded to nearest, {@code
   * 68.57142857142857}, asked for 8).
   *
   * @param timePerEvaluation average time per evaluation, {@code > 0}
   * @param productiveTimePerDay review time per reviewer per day, {@code > 0}
   * @return the capacity
   * @throws IllegalArgumentException if a duration is not positive
   */
  public static ReviewerCapacity ofTimes(
      Duration timePerEvaluation, Duration productiveTimePerDay) {
    Objects.requireNonNull(timePerEvaluation, "timePerEvaluation");
    Objects.requireNonNull(productiveTimePerDay, "productiveTimePerDay");
    if (timePerEvaluation.isNegative() || timePerEvaluation.isZero()) {
      throw new IllegalArgumentException("timePerEvaluation " + timePerEvaluation + " must be > 0");
    }
    if (productiveTimePerDay.isNegative() || productiveTimePerDay.isZero()) {
      throw new IllegalArgumentException(
          "productiveTimePerDay " + productiveTimePerDay + " must be > 0");
    }
    return new ReviewerCapacity(
        smallestDecimalAtLeast(nanos(productiveTimePerDay), nanos(timePerEvaluation)));
  }

  private static BigDecimal nanos(Duration d) {
    return new BigDecimal(
        BigInteger.valueOf(d.getSeconds())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(d.getNano())));
  }

  /**
   * The smallest double whose shortest decimal form is {@code >= num / den} (both positive), so
   * that {@code k} of it is at least {@code k num / den} exactly. A step or two from the nearest
   * double: the decimal forms of doubles increase with them.
   */
  private static double smallestDecimalAtLeast(BigDecimal num, BigDecimal den) {
    double d = num.divide(den, MathContext.DECIMAL128).doubleValue();
    while (BigDecimal.valueOf(d).multiply(den).compareTo(num) < 0) {
      d = Math.nextUp(d);
    }
    for (double below = Math.nextDown(d);
        below > 0 && BigDecimal.valueOf(below).multiply(den).compareTo(num) >= 0;
        below = Math.nextDown(below)) {
      d = below;
    }
    return d;
  }

  /**
   * The fewest reviewers whose combined capacity covers {@code demand}: {@code
   * ceil(evaluationsPerDay / evaluationsPerReviewerPerDay)}. O(1).
   *
   * @param demand the daily evaluation demand
   * @return the reviewers needed, {@code >= 0}
   * @throws ArithmeticException if the answer exceeds {@code Integer.MAX_VALUE}, naming the demand
   *     and the capacity
   */
  public int reviewersNeeded(QaReviewDemand demand) {
    Objects.requireNonNull(demand, "demand");
    BigDecimal needed =
        QaReviewDemand.evaluations(demand.agents(), demand.evaluationsPerAgentPerDay());
    BigDecimal reviewers =
        needed.divide(BigDecimal.valueOf(evaluationsPerReviewerPerDay), 0, RoundingMode.CEILING);
    if (reviewers.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      // it was BigDecimal's bare "Overflow", which named neither value
      throw new ArithmeticException(
          "reviewers needed for "
              + demand.evaluationsPerDay()
              + " evaluations per day (demand.agents "
              + demand.agents()
              + " x evaluationsPerAgentPerDay "
              + demand.evaluationsPerAgentPerDay()
              + ") at evaluationsPerReviewerPerDay "
              + evaluationsPerReviewerPerDay
              + " would exceed "
              + Integer.MAX_VALUE);
    }
    return reviewers.intValueExact();
  }

  /**
   * Evaluations per day that {@code reviewers} reviewers complete. O(1).
   *
   * @param reviewers the reviewers, {@code >= 0}
   * @return {@code reviewers * evaluationsPerReviewerPerDay}
   * @throws IllegalArgumentException if {@code reviewers} is negative
   */
  public double evaluationsPerDay(int reviewers) {
    if (reviewers < 0) {
      throw new IllegalArgumentException("reviewers " + reviewers + " must be >= 0");
    }
    return reviewers * evaluationsPerReviewerPerDay;
  }

  /**
   * The reverse question: evaluations per agent per day that {@code reviewers} reviewers can
   * deliver to {@code agents} agents, never more than the interactions available: {@code
   * min(reviewers * capacity, interactionsPerDay) / agents}. O(1).
   *
   * @param reviewers the reviewers, {@code >= 0}
   * @param agents the agents to evaluate, {@code >= 1}
   * @param interactionsPerDay the interactions available, finite and {@code >= 0}
   * @return the achievable evaluations per agent per day
   * @throws IllegalArgumentException if an argument breaks its rule
   */
  public double evaluationsPerAgentPerDay(int reviewers, int agents, double interactionsPerDay) {
    if (agents < 1) {
      throw new IllegalArgumentException("agents " + agents + " must be >= 1");
    }
    if (!Double.isFinite(interactionsPerDay) || interactionsPerDay < 0) {
      throw new IllegalArgumentException(
          "interactionsPerDay " + interactionsPerDay + " must be finite and >= 0");
    }
    return Math.min(evaluationsPerDay(reviewers), interactionsPerDay) / agents;
  }
}
