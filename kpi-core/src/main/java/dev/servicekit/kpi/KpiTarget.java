package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A target on a KPI value, e.g. "average speed of answer &le; 90 000 ms", "chat availability &ge;
 * 95 %", "SLA breach rate &le; 5 %". {@link #evaluate(OptionalDouble)} reports met or missed and
 * the signed distance to the threshold.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name the KPI's display name
 * @param direction whether the value must stay at most or at least the threshold
 * @param threshold the threshold, in the KPI value's unit
 */
public record KpiTarget(String name, Direction direction, double threshold) {

  /** Which side of the threshold is good. */
  public enum Direction {
    /** Met when value &le; threshold (times, breach and abandonment rates). */
    AT_MOST,
    /** Met when value &ge; threshold (CSAT, service level, availability). */
    AT_LEAST
  }

  /** The state of a target. */
  public enum State {
    /** The value is on the good side of the threshold (or equal to it). */
    MET,
    /** The value is on the bad side. */
    MISSED,
    /** The KPI has no value yet (e.g. no ratings): neither met nor missed. */
    NO_DATA
  }

  /**
   * Validates the target.
   *
   * @throws IllegalArgumentException if the name is blank (empty, or only spaces and invisible
   *     format characters) or the threshold is not finite
   */
  public KpiTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    if (KeyText.blank(name)) { // a dashboard row without a name: a missing field, not a KPI
      throw new IllegalArgumentException(KeyText.problem("target name", name));
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " of target " + Excerpt.of(name) + " must be finite");
    }
  }

  /**
   * Returns a target the value must not exceed.
   *
   * @param name the KPI name
   * @param threshold the maximum
   * @return the target
   */
  public static KpiTarget atMost(String name, double threshold) {
    return new KpiTarget(name, Direction.AT_MOST, threshold);
  }

  /**
   * Returns a target the value must reach.
   *
   * @param name the KPI name
   * @param threshold the minimum
   * @return the target
   */
  public static KpiTarget atLeast(String name, double threshold) {
    return new KpiTarget(name, Direction.AT_LEAST, threshold);
  }

  /**
   * Evaluates a KPI value. O(1).
   *
   * @param value the KPI value, finite, or empty when undefined
   * @return the status
   * @throws IllegalArgumentException if the value is NaN or infinite (a NaN compares false with
   *     every threshold, so it would read as missed with a NaN margin)
   */
  public Status evaluate(OptionalDouble value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      return new Status(this, State.NO_DATA, value, OptionalDouble.empty());
    }
    double v = value.getAsDouble();
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(
          "value "
              + v
              + " of target "
              + Excerpt.of(name)
              + " must be finite, or empty when there is no data");
    }
    double margin = direction == Direction.AT_MOST ? threshold - v : v - threshold;
    return new Status(
        this, margin >= 0 ? State.MET : State.MISSED, value, OptionalDouble.of(margin));
  }

  /**
   * The outcome of {@link #evaluate(OptionalDouble)}.
   *
   * @param target the target
   * @param state met, missed or no data
   * @param value the evaluated value
   * @param margin signed distance to the threshold: positive = headroom, negative = shortfall (e.g.
   *     &minus;2.5 for availability 92.5 % against a 95 % target)
   */
  public record Status(KpiTarget target, State state, OptionalDouble value, OptionalDouble margin) {

    /**
     * Checks the arguments.
     *
     * @throws NullPointerException if an argument is null
     */
    public Status {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(margin, "margin");
    }
  }
}
