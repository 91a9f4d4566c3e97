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
   * reply, periodic update, resolution, every stage, call answer time and every {@link
   * MetricDefinition} ends {@link CycleState#CANCELLED} (or {@link CycleState#BREACHED} if it had
   * breached), measured under the targeting it ran under, and a new cycle of the same metric starts
   * at that instant under the new targeting (its own cycle index; a paused status pauses it from
   * its start), or retroactively earlier as {@link SlaPolicySet#reattachStart()} and {@link
   * SlaPolicySet#retroactivePause()} say. A call's cycle (the built-in answer time's, or a {@link
   * MetricDefinition.Cycles#PER_CALL} definition's) is re-attached for the same call, under the
   * same key: the ringing calls are re-attached in the order of their cycle numbers, and a
   * retroactive start ({@link ReattachStart#AT_CREATION} as well as {@link
   * ReattachStart#AT_CANCELLED_START}) starts the new cycle where the cancelled one started, since
   * a call's cycle measures the call and never the time before it was offered. Calls offered at the
   * re-target's instant start after it, under the new targeting. As with the other rules, several
   * changes at one instant re-target once: the targeting in force for no time attaches nothing, and
   * an instant that ends on the targeting it began with cancels nothing.
   */
  CANCEL_AND_REATTACH
}
