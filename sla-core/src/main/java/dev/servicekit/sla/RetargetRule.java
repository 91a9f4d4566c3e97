package dev.servicekit.sla;

/**
 * What a re-target (a priority, tier, channel or policy change) does to running cycles. Under
 * {@link #RECALCULATE} and {@link #KEEP_REACHED} the cycle is re-measured from its original start
 * under the new target and calendar; under {@link #CANCEL_AND_REATTACH} it ends and a new cycle
 * starts. Stopped cycles keep the targeting they stopped under.
 */
public enum RetargetRule {
  /**
   * Re-derive everything under the new target (Zendesk's and Jira Service Management's
   * recalculation): a breach, warning or escalation reached under a tighter target disappears if
   * the new target has not been reached.
   */
  RECALCULATE,
  /**
   * What was reached stays reached: a breach, the highest warning and the highest escalation level
   * reached before the re-target are kept, so alerts already sent and compliance already reported
   * are never retracted. The breach instant is the earliest of the kept and the re-derived one. A
   * cycle without a kept breach follows the new target; one with a kept breach is measured on the
   * stricter of the target it breached under and the new one, so that its deadline, remaining,
   * breached-by, percent consumed and later levels agree with its breach.
   */
  KEEP_REACHED,
  /**
   * The running cycle is cancelled and a new one is attached (ServiceNow: when a priority change
   * makes an SLA definition's start condition match another definition, the running task SLA is
   * cancelled and a new one starts). At the re-target every running cycle of first reply, next
   * reply, periodic update, resolution, every stage and every {@link MetricDefinition} (except
   * {@link MetricDefinition.Cycles#PER_CALL} ones) ends {@link CycleState#CANCELLED} (or {@link
   * CycleState#BREACHED} if it had breached), measured under the targeting it ran under, and a new
   * cycle of the same metric starts at that instant under the new targeting (its own cycle index; a
   * paused status pauses it from its start), or retroactively earlier as {@link
   * SlaPolicySet#reattachStart()} and {@link SlaPolicySet#retroactivePause()} say. Call answer
   * cycles (the built-in's and a per-call definition's) are not re-attached. As with the other
   * rules, several changes at one instant re-target once: the targeting in force for no time
   * attaches nothing, and an instant that ends on the targeting it began with cancels nothing.
   */
  CANCEL_AND_REATTACH
}
