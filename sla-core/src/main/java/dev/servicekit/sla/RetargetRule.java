package dev.servicekit.sla;

/**
 * What a re-target (a priority, tier, channel or policy change) does to cycles. Under {@link
 * #RECALCULATE}, {@link #RECALCULATE_ALL} and {@link #KEEP_REACHED} a running cycle is re-measured
 * from its original start under the new target and calendar; under {@link #CANCEL_AND_REATTACH} it
 * ends and a new cycle starts. Stopped cycles keep the targeting they stopped under, except under
 * {@link #RECALCULATE_ALL}.
 */
public enum RetargetRule {
  /**
   * Re-derive everything under the new target (Zendesk's and Jira Service Management's
   * recalculation): a breach, warning or escalation reached under a tighter target disappears if
   * the new target has not been reached.
   */
  RECALCULATE,
  /**
   * {@link #RECALCULATE}, and stopped cycles are judged again too (Zammad, whose SLA or calendar
   * change recomputes the first response and solution statistics of a ticket against the new SLA,
   * {@code lib/escalation.rb}): a cycle that was met or breached is re-measured from its start to
   * its stop under the targeting in force now, its target, calendar, pause statuses and outcome
   * included. A met first reply can so become breached when the ticket moves to a tighter target,
   * and the reverse; a cycle stopped without an outcome is {@link CycleState#CANCELLED} or {@link
   * CycleState#BREACHED} by the new target. What happened stays as it happened: the cycle's start
   * and stop (which reply stopped it was decided under the policy in force when it came, with that
   * policy's counting of notes and bot replies), and under {@link ScheduleRule#PER_PERIOD} the
   * calendar of each period before the stop. A stopped cycle whose metric the targeting in force
   * leaves without a target keeps the targeting it stopped under (nothing to judge it against); it
   * goes back to the judgement it stopped with, where Zammad keeps the figures of the last SLA that
   * had such a time. The audit trail shows each re-judging as a stopped segment under the target it
   * was judged by.
   */
  RECALCULATE_ALL,
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
   * an instant that ends on the targeting it began with cancels nothing. A change of due dates
   * alone ({@link MetricRule.Builder#dueFrom}) is no such re-target: it cancels nothing and
   * re-measures the running cycles as {@link #RECALCULATE} does, since a task SLA is cancelled only
   * when its start condition stops matching; an instant that also changes the policy, priority or
   * channel re-attaches once, its cancelled cycles judged by the targeting before the instant.
   */
  CANCEL_AND_REATTACH
}
