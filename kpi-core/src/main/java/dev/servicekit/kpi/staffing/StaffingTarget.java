package dev.servicekit.kpi.staffing;

import java.time.Duration;
import java.util.Objects;

/**
 * What a staffing calculation must achieve: a service level ({@code serviceLevel} of contacts
 * answered within {@code answerWithin}, e.g. 80/20), optionally a maximum agent occupancy, and the
 * shrinkage (breaks, training, absence) to add on top of the agents needed on the phones.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serviceLevel the fraction to answer within {@code answerWithin}, in (0, 1)
 * @param answerWithin the service-level threshold, {@code >= 0} (zero: answered without waiting)
 *     and {@code <= MAX_ANSWER_WITHIN} (24 hours)
 * @param maxOccupancy the highest acceptable occupancy (traffic / agents), in (0, 1]; 1 means no
 *     cap
 * @param shrinkage the fraction of scheduled time not available for contacts, in [0, 1)
 */
public record StaffingTarget(
    double serviceLevel, Duration answerWithin, double maxOccupancy, double shrinkage) {

  /**
   * Longest accepted service-level threshold: 24 hours, the longest interval of a {@link
   * StaffingPlan}; Erlang models hold traffic steady within an interval, so a threshold beyond it
   * is not a queueing target.
   */
  public static final Duration MAX_ANSWER_WITHIN = Duration.ofHours(24);

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a component breaks its rule
   */
  public StaffingTarget {
    Objects.requireNonNull(answerWithin, "answerWithin");
    if (!(serviceLevel > 0 && serviceLevel < 1)) {
      throw new IllegalArgumentException(
          "serviceLevel " + serviceLevel + " must be in (0, 1), e.g. 0.8 for 80%");
    }
    if (answerWithin.isNegative()) {
      throw new IllegalArgumentException("answerWithin " + answerWithin + " must be >= 0");
    }
    if (answerWithin.compareTo(MAX_ANSWER_WITHIN) > 0) {
      throw new IllegalArgumentException(
          "answerWithin "
              + answerWithin
              + " must be <= "
              + MAX_ANSWER_WITHIN
              + " (StaffingTarget.MAX_ANSWER_WITHIN)");
    }
    if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
      throw new IllegalArgumentException(
          "maxOccupancy " + maxOccupancy + " must be in (0, 1], e.g. 0.85 for 85%");
    }
    if (!(shrinkage >= 0 && shrinkage < 1)) {
      throw new IllegalArgumentException(
          "shrinkage " + shrinkage + " must be in [0, 1), e.g. 0.3 for 30%");
    }
    // -0.0 is no shrinkage: one zero, as StaffingJson reads it and equals compares
    shrinkage += 0.0;
  }

  /**
   * A service-level target without occupancy cap and without shrinkage.
   *
   * @param serviceLevel the fraction to answer within {@code answerWithin}, in (0, 1)
   * @param answerWithin the threshold, {@code >= 0} and {@code <= MAX_ANSWER_WITHIN}
   * @return the target
   * @throws IllegalArgumentException if an argument breaks its rule
   */
  public static StaffingTarget of(double serviceLevel, Duration answerWithin) {
    return new StaffingTarget(serviceLevel, answerWithin, 1, 0);
  }

  /**
   * This target with a maximum occupancy.
   *
   * @param maxOccupancy in (0, 1]
   * @return a new target
   * @throws IllegalArgumentException if {@code maxOccupancy} is outside (0, 1]
   */
  public StaffingTarget withMaxOccupancy(double maxOccupancy) {
    return new StaffingTarget(serviceLevel, answerWithin, maxOccupancy, shrinkage);
  }

  /**
   * This target with a shrinkage.
   *
   * @param shrinkage in [0, 1)
   * @return a new target
   * @throws IllegalArgumentException if {@code shrinkage} is outside [0, 1)
   */
  public StaffingTarget withShrinkage(double shrinkage) {
    return new StaffingTarget(serviceLevel, answerWithin, maxOccupancy, shrinkage);
  }
}
