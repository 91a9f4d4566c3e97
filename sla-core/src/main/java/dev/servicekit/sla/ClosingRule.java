package dev.servicekit.sla;

/**
 * Where the deadline falls when a target is used up exactly at the instant a calendar closes (a 1 h
 * target started at 16:00 on a 09:00-17:00 calendar). Targets used up inside open hours are
 * unaffected, and on a 24/7 calendar both rules agree.
 */
public enum ClosingRule {
  /** The deadline is the closing instant (17:00). The default. */
  AT_CLOSE,
  /**
   * The deadline moves to the calendar's next opening (09:00 the next business day), as the
   * dbt_zendesk package reports breaches: a reply while the calendar is closed is still on time.
   */
  AT_NEXT_OPENING
}
