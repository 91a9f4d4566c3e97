package dev.servicekit.kpi;

/**
 * How abandoned calls enter the service level (SL). Vendors and ACDs differ; the numbers in
 * parentheses are the formula numbers of the five-formula comparison published by ICMI ("Service
 * Level Calculations", QueueTips, 2002) and Call Centre Helper ("Service Level Threshold
 * Calculations"). Notation: {@code AT} = answered within the threshold T, {@code AN} = answered,
 * {@code AB} = abandoned, {@code ABT} = abandoned within T, {@code ABS} = abandoned within the
 * short-abandon time S. A call is "within" a time when its wait is {@code <=} that time.
 */
public enum ServiceLevelVariant {
  /**
   * (#3) SL = AT / (AN + AB): every abandoned call counts against the SL. Genesys Cloud's service
   * level with its default switches; Cisco ICM's "abandoned calls negatively impact".
   */
  ABANDONS_COUNT_AS_MISSED,
  /**
   * (#2) SL = AT / AN: abandoned calls are ignored. Genesys Cloud's with "Include Abandons" off;
   * not Cisco ICM's "ignore abandoned calls", which is {@link #ABANDONS_WITHIN_THRESHOLD_EXCLUDED}.
   */
  ABANDONS_IGNORED,
  /**
   * (#1) SL = (AT + ABT) / (AN + AB): calls abandoned within T count as met. Cisco ICM's "abandoned
   * calls positively impact".
   */
  ABANDONS_WITHIN_THRESHOLD_MET,
  /**
   * (#4) SL = AT / (AN + AB &minus; ABT): calls abandoned within T are excluded. Cisco ICM's
   * "ignore abandoned calls" (ServiceLevelCalls / (ServiceLevelCallsOffered &minus;
   * ServiceLevelAband)) and CxEngage's default.
   */
  ABANDONS_WITHIN_THRESHOLD_EXCLUDED,
  /** (#5) SL = (AT + ABS) / (AN + AB): short abandons count as met. */
  SHORT_ABANDONS_MET,
  /**
   * SL = AT / (AN + AB &minus; ABS): short abandons are excluded from offered calls. Genesys
   * Cloud's with "Include Short Abandons" off; Talkdesk's and RingCentral's, whose short abandons
   * do not enter the service level.
   */
  SHORT_ABANDONS_EXCLUDED
}
