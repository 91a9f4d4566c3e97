package dev.servicekit.kpi;

/** The length of a tumbling window, counted in local time of the window's time zone. */
public enum WindowUnit {
  /** A local clock hour (a DST fall-back hour occurs twice: two windows). */
  HOUR,
  /**
   * A local calendar day, midnight to midnight (23 or 25 hours on DST change days); where the
   * clocks fall back across midnight, each run of one local date is a window ({@link WindowSpec}).
   */
  DAY,
  /** A local calendar week starting on the configured first day (runs of one, as for DAY). */
  WEEK,
  /** A local calendar month (runs of one, as for DAY). */
  MONTH
}
