package dev.servicekit.sla;

/**
 * What a re-target (a priority, tier, channel or policy change) does to what a running cycle has
 * already reached. Either way the cycle is re-measured from its original start under the new target
 * and calendar, and stopped cycles keep the targeting they stopped under.
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
   * are never retracted. The breach instant is the earliest of the kept and the re-derived one;
   * deadline, elapsed, remaining and percent consumed follow the new target.
   */
  KEEP_REACHED
}
