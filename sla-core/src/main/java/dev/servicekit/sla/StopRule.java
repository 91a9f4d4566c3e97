package dev.servicekit.sla;

/**
 * Which targeting judges a cycle that an update ends when the same update also re-targets the
 * ticket (a priority, policy, channel or due date change at the instant of the stop or cancel,
 * {@link SlaPolicySet#stopRule()}). An update is the events of one instant. A cycle the update
 * starts (or resumes) is measured by the targeting after the update under either rule; so is every
 * cycle the update does not end.
 */
public enum StopRule {
  /**
   * The update's changes take effect first: a cycle it stops or cancels is judged by the targeting
   * after the update ("one update, one result"; a reply sent with a new priority is measured
   * against the new target). The default.
   */
  AFTER_UPDATE,
  /**
   * The update's stops take effect first: a cycle that ran before the update and that the update
   * stops or cancels is judged by the targeting in force before the update, its target, calendar
   * and outcome. ServiceNow checks an attached task SLA's stop condition before the conditions that
   * cancel it ("Service Level Agreement (SLA) processing"), so under {@link
   * RetargetRule#CANCEL_AND_REATTACH} such a cycle is met (or breached) under the targeting it ran
   * under, and nothing is re-attached for it; Zendesk judges a group's ownership time that a
   * reassignment ends by that group's target. Under {@link RetargetRule#RECALCULATE_ALL} the
   * stopped cycle is judged again by the new targeting where it has a target for the metric, as
   * every stopped cycle is.
   */
  BEFORE_UPDATE
}
