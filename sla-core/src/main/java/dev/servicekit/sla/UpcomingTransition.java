package dev.servicekit.sla;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changes at an evaluation's next transition if no event arrives before it ({@link
 * SlaEvaluation#upcoming()}): the instant ({@link SlaEvaluation#nextTransition()}) and every change
 * due then, so that a scheduler that set a timer for it knows what will fire without evaluating and
 * diffing.
 *
 * <p>A change is a warning threshold reached, an escalation level reached, or a breach: the only
 * changes that happen without an event (pauses, resumes and stops are events). Several can fall on
 * one instant (two cycles due together; a warning at 100 % and an escalation at 100 % of one
 * cycle): all are listed, each level separately, even where {@link SlaTransition#between} reports
 * one {@link SlaTransition.Kind#WARNING} or {@link SlaTransition.Kind#ESCALATED} carrying the
 * highest. Under {@link BreachRule#AFTER_DEADLINE} (the default) a cycle's breach comes one
 * nanosecond after its deadline, so after the thresholds at 100 %, as a transition of its own.
 *
 * <p>Order: by cycle, in the evaluation's order of {@link SlaEvaluation#cycles()}; within a cycle,
 * warnings (lowest first), then escalation levels (lowest first), then the breach, the order of
 * {@link SlaTransition#between}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param at the instant of the changes: the evaluation's {@link SlaEvaluation#nextTransition()}
 * @param changes every change at {@code at}, at least one, in the order above
 */
public record UpcomingTransition(Instant at, List<Change> changes) {

  /**
   * Checks the components for null and copies the changes.
   *
   * @throws IllegalArgumentException if {@code changes} is empty, or {@code at} is outside {@link
   *     BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END} (exclusive),
   *     where every clock's instants lie
   */
  public UpcomingTransition {
    BusinessCalendar.second(at, "at");
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException(
          "changes must not be empty: a transition changes something");
    }
  }

  /**
   * One change of one cycle at an upcoming transition.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param metric the cycle's metric ({@link MetricCycle#metric()})
   * @param cycle the cycle's index ({@link MetricCycle#cycle()})
   * @param key what the cycle is about ({@link MetricCycle#key()}), else empty
   * @param kind {@link SlaTransition.Kind#WARNING}, {@link SlaTransition.Kind#ESCALATED} or {@link
   *     SlaTransition.Kind#BREACHED}
   * @param warningPercent for a warning, the threshold reached (1 to 100); else 0
   * @param escalation for an escalation, the level reached; else empty
   */
  public record Change(
      SlaMetric metric,
      int cycle,
      String key,
      SlaTransition.Kind kind,
      int warningPercent,
      Optional<EscalationLevel> escalation) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code cycle} is negative, if {@code kind} is not one of
     *     the three above, or if {@code warningPercent} and {@code escalation} do not match it (a
     *     warning has a percent from 1 to 100 and no escalation, an escalation a level and percent
     *     0, a breach neither)
     */
    public Change {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(escalation, "escalation");
      if (cycle < 0) {
        throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle);
      }
      switch (kind) {
        case WARNING -> {
          if (warningPercent < 1 || warningPercent > 100 || escalation.isPresent()) {
            throw new IllegalArgumentException(
                "a WARNING change has a warningPercent from 1 to 100 and no escalation, was "
                    + warningPercent
                    + " and "
                    + escalation);
          }
        }
        case ESCALATED -> {
          if (warningPercent != 0 || escalation.isEmpty()) {
            throw new IllegalArgumentException(
                "an ESCALATED change has an escalation and warningPercent 0, was "
                    + warningPercent
                    + " and "
                    + escalation);
          }
        }
        case BREACHED -> {
          if (warningPercent != 0 || escalation.isPresent()) {
            throw new IllegalArgumentException(
                "a BREACHED change has warningPercent 0 and no escalation, was "
                    + warningPercent
                    + " and "
                    + escalation);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "kind "
                    + kind
                    + " does not happen without an event: a change is WARNING, ESCALATED or"
                    + " BREACHED");
      }
    }

    /**
     * A warning threshold reached.
     *
     * @param c the cycle
     * @param percent the threshold, 1 to 100
     * @return the change
     */
    public static Change warning(MetricCycle c, int percent) {
      Objects.requireNonNull(c, "c");
      return new Change(
          c.metric(), c.cycle(), c.key(), SlaTransition.Kind.WARNING, percent, Optional.empty());
    }

    /**
     * An escalation level reached.
     *
     * @param c the cycle
     * @param level the level
     * @return the change
     */
    public static Change escalation(MetricCycle c, EscalationLevel level) {
      Objects.requireNonNull(c, "c");
      return new Change(
          c.metric(),
          c.cycle(),
          c.key(),
          SlaTransition.Kind.ESCALATED,
          0,
          Optional.of(Objects.requireNonNull(level, "level")));
    }

    /**
     * A breach.
     *
     * @param c the cycle
     * @return the change
     */
    public static Change breach(MetricCycle c) {
      Objects.requireNonNull(c, "c");
      return new Change(
          c.metric(), c.cycle(), c.key(), SlaTransition.Kind.BREACHED, 0, Optional.empty());
    }
  }
}
