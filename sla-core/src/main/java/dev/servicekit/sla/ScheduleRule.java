package dev.servicekit.sla;

/**
 * Which calendar a running cycle's business time is counted on when the calendar its metric counts
 * on changes mid-cycle (a re-target to a policy, priority or channel whose target counts on another
 * calendar). Target, pause statuses and warnings always come from the targeting in force; only the
 * calendar differs. Stopped cycles keep what they stopped with.
 */
public enum ScheduleRule {
  /**
   * The whole cycle is re-measured on the calendar in force last, from its start (the default, as
   * every other part of a re-target is re-measured).
   */
  LAST_SCHEDULE,
  /**
   * Each period of the cycle is counted on the calendar in force in that period, and the sums are
   * added (dbt_zendesk's business-hours SLA models when a ticket's schedule changes). The deadline
   * is where that sum reaches the target, counting on from now on the calendar in force now.
   */
  PER_PERIOD
}
