package dev.servicekit.kpi;

/** The length of a tumbling window, counted in local time of the window's time zone. */
public enum WindowUnit {
  /** A local clock hour (a DST fall-back hour occurs twice: two windows). */
  HOUR,
  /** A local calendar day, midnight to midnight (23 or 25 hours on DST change days). */
  DAY,
  /** A local calendar week starting on the configured first day. */
  WEEK,
  /** A local calendar month. */
  MONTH
}
