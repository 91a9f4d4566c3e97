package dev.servicekit.sla.queue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a queue needs from a ticket's {@link SlaEvaluation}: the deadline that drives its urgency,
 * whether it is paused, and its SLA priority ({@link SlaEvaluation#priority()}), which {@link
 * PriorityLevels} maps onto a {@link WorkItem#priority()} level.
 *
 * <p>The deadline is the earliest deadline among cycles that are counting ({@link
 * MetricCycle#running()}): {@link CycleState#ACTIVE} cycles, and {@link CycleState#BREACHED} cycles
 * still running (already late, so the most urgent). The ticket is paused when no cycle runs and at
 * least one open cycle is paused: {@link CycleState#PAUSED}, or breached and paused (a late ticket
 * put on hold waiting on the customer, for example); a paused ticket leaves the queue until an
 * evaluation says it runs again. A ticket with no running target (all achieved) has an empty
 * deadline and is not paused, whether it is still open or solved: the urgency does not say which,
 * so remove a solved ticket's item from its queue rather than apply its evaluation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deadline the earliest running deadline, if any
 * @param paused whether the ticket's clocks are paused
 * @param priority the ticket's SLA priority name, empty if it has none
 */
public record SlaUrgency(Optional<Instant> deadline, boolean paused, Optional<String> priority) {

  /** Checks the components for null. */
  public SlaUrgency {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(priority, "priority");
  }

  /**
   * An urgency without a priority.
   *
   * @param deadline the earliest running deadline, if any
   * @param paused whether the ticket's clocks are paused
   */
  public SlaUrgency(Optional<Instant> deadline, boolean paused) {
    this(deadline, paused, Optional.empty());
  }

  /**
   * Derives the urgency from an evaluation. O(cycles).
   *
   * @param evaluation the evaluation
   * @return the urgency
   */
  public static SlaUrgency of(SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    boolean active = false;
    boolean paused = false;
    for (MetricCycle c : evaluation.cycles()) {
      boolean counts = c.running();
      active |= counts;
      paused |= !counts && c.stop().isEmpty(); // PAUSED, or BREACHED and paused
    }
    return new SlaUrgency(
        drivingCycle(evaluation).flatMap(MetricCycle::deadline),
        paused && !active,
        evaluation.priority());
  }

  /**
   * The cycle whose deadline {@link #of} gives {@code evaluation}: the running cycle with the
   * earliest deadline, the first of them in {@link SlaEvaluation#cycles()} order where several are
   * due at that instant. For a line such as "first reply due in 2 h" or "resolution breached 1 h
   * ago" beside the queue's order: its metric, key, state, remaining time and breach. O(cycles).
   *
   * @param evaluation the evaluation
   * @return the cycle, empty exactly when {@code of(evaluation).deadline()} is
   */
  public static Optional<MetricCycle> drivingCycle(SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    MetricCycle best = null;
    for (MetricCycle c : evaluation.cycles()) {
      if (c.running()
          && c.deadline().isPresent()
          && (best == null || c.deadline().get().isBefore(best.deadline().get()))) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }
}
