package dev.servicekit.integrations.flink.internal;

import dev.servicekit.kpi.WindowSpec;
import java.io.Serializable;
import java.time.Instant;

/**
 * When a KPI window function's window fires and whether a record is late for it, with what a {@link
 * WatermarkFloorOperator} restored: the rule {@link KpiWindowFunction} and {@link
 * RevisedWindowFunction} share. A window fires when the watermark reaches its last millisecond plus
 * the lateness; a record is late when its window has fired, against the larger of the current and
 * the restored watermark, or ended by the last millisecond of the windows emitted before a restore
 * (under a lateness that may have been shorter). Serialized with its function; not thread-safe.
 */
final class WindowLateness implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long latenessMillis;
  private long watermarkFloor = Long.MIN_VALUE;
  private long closedThrough = Long.MIN_VALUE; // windows ending by this + 1 ms were emitted

  WindowLateness(long latenessMillis) {
    this.latenessMillis = latenessMillis;
  }

  long latenessMillis() {
    return latenessMillis;
  }

  /** What was restored: see {@link WatermarkFloor#watermarkFloor(long, long)}. */
  void restored(long watermark, long closedThrough) {
    this.watermarkFloor = watermark;
    this.closedThrough = closedThrough;
  }

  /** The event time at which the window starting at {@code start} fires (saturating). */
  long fireAt(WindowSpec spec, Instant start) {
    return saturatedAdd(spec.end(start).toEpochMilli() - 1, latenessMillis);
  }

  /**
   * Whether a record of the window starting at {@code start}, which fires at {@code fire} ({@link
   * #fireAt}), is late at {@code watermark}.
   */
  boolean late(WindowSpec spec, Instant start, long fire, long watermark) {
    return fire <= Math.max(watermarkFloor, watermark)
        || spec.end(start).toEpochMilli() - 1 <= closedThrough;
  }

  /** {@code a + b} for {@code b >= 0}, saturating at {@code Long.MAX_VALUE}. */
  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }
}
