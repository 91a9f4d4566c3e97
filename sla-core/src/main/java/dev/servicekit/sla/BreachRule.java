package dev.servicekit.sla;

/**
 * Whether a cycle still running at the exact instant of its deadline is breached at that instant.
 * Either way a cycle stopped exactly at its deadline (a reply at the deadline) met its target: it
 * no longer runs at that instant.
 */
public enum BreachRule {
  /**
   * Breached from the first running instant strictly after the deadline (one nanosecond later);
   * evaluated at the deadline itself the cycle is still within target. The default.
   */
  AFTER_DEADLINE,
  /**
   * Breached at the deadline instant itself, as ServiceNow (breached once the planned end time is
   * reached) and Zammad's escalation query ({@code escalation_at <= now}) count it; timers fire at
   * the deadline.
   */
  AT_DEADLINE
}
