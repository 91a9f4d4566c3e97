package dev.servicekit.sla;

/**
 * What a metric whose deadline comes from a due date ({@link MetricRule.Builder#dueFrom}) is
 * measured against when the ticket has no due date, or one at or before the cycle's start. Set on
 * the policy set ({@link SlaPolicySet.Builder#dueDateRule}); it does not affect metrics measured
 * against the target table. Either way, a ticket without the due date a rule of its policy reads
 * gets an {@link EventAnomaly}.
 */
public enum DueDateRule {
  /**
   * The due date as given: one at or before the cycle's start is a zero target, breached at the
   * start; without one the metric has no target (a built-in metric is then not reported, a defined
   * one is measured untargeted). The default.
   */
  AS_GIVEN,
  /**
   * ServiceNow's "Breach on Due Date": with no due date, or one at or before the cycle's start, the
   * target is one second on the rule's calendar, so a cycle started while the calendar is open
   * breaches one second after its start. Set by {@link SlaPreset#SERVICENOW}.
   */
  ONE_SECOND_WHEN_MISSING_OR_PAST
}
