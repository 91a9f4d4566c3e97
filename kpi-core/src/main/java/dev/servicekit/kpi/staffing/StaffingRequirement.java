package dev.servicekit.kpi.staffing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The minimum staffing that meets a {@link StaffingTarget}: the agents needed on the phones (with
 * their queue metrics) and the agents to schedule once shrinkage is added.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metrics queue performance at the required number of agents
 * @param scheduledAgents {@code ceil(agents / (1 - shrinkage))}
 * @param shrinkage the shrinkage applied, in [0, 1)
 * @param <M> the queue model's metrics type
 */
public record StaffingRequirement<M extends QueueMetrics>(
    M metrics, int scheduledAgents, double shrinkage) {

  /**
   * Checks that {@code scheduledAgents} is what the shrinkage rule gives for {@code metrics}.
   *
   * @throws IllegalArgumentException if the components are inconsistent
   */
  public StaffingRequirement {
    Objects.requireNonNull(metrics, "metrics");
    if (!(shrinkage >= 0 && shrinkage < 1)) {
      throw new IllegalArgumentException(
          "shrinkage " + shrinkage + " must be in [0, 1), e.g. 0.3 for 30%");
    }
    shrinkage += 0.0; // -0.0 is no shrinkage, as StaffingTarget holds it
    int expected = scheduled(metrics.agents(), shrinkage);
    if (scheduledAgents != expected) {
      throw new IllegalArgumentException(
          "scheduledAgents "
              + scheduledAgents
              + " must be ceil(agents / (1 - shrinkage)) = "
              + expected);
    }
  }

  /**
   * The requirement for {@code metrics} with shrinkage applied.
   *
   * @param metrics queue performance at the required agents
   * @param shrinkage in [0, 1)
   * @param <M> the metrics type
   * @return the requirement
   * @throws IllegalArgumentException if the shrinkage is out of range, or so close to 1 that the
   *     scheduled agents exceed {@code Integer.MAX_VALUE}
   */
  public static <M extends QueueMetrics> StaffingRequirement<M> of(M metrics, double shrinkage) {
    Objects.requireNonNull(metrics, "metrics");
    if (!(shrinkage >= 0 && shrinkage < 1)) {
      throw new IllegalArgumentException(
          "shrinkage " + shrinkage + " must be in [0, 1), e.g. 0.3 for 30%");
    }
    return new StaffingRequirement<>(metrics, scheduled(metrics.agents(), shrinkage), shrinkage);
  }

  /**
   * Agents needed on the phones (before shrinkage).
   *
   * @return {@code metrics().agents()}
   */
  public int agents() {
    return metrics.agents();
  }

  /**
   * {@code ceil(agents / (1 - shrinkage))}, with the shrinkage read as its shortest decimal form
   * (so 0.3 is exactly 3/10 and 7 agents at 30% shrinkage schedule 10, not 11). O(1).
   */
  static int scheduled(int agents, double shrinkage) {
    if (shrinkage == 0 || agents == 0) {
      return agents;
    }
    BigDecimal available = BigDecimal.ONE.subtract(BigDecimal.valueOf(shrinkage));
    BigDecimal n = BigDecimal.valueOf(agents).divide(available, 0, RoundingMode.CEILING);
    if (n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "shrinkage "
              + shrinkage
              + " leaves too little time: "
              + agents
              + " agents would need more than "
              + Integer.MAX_VALUE
              + " scheduled");
    }
    return n.intValueExact();
  }
}
