package dev.servicekit.integrations.flink.internal;

/** A window function that judges records late against a watermark restored from a checkpoint. */
public interface WatermarkFloor {

  /**
   * Sets what was restored from a checkpoint ({@link KpiWindowOperator}): records are judged late
   * against the larger of {@code watermark} and the current watermark, and a record of a window
   * ending at or before {@code closedThrough} + 1 ms is late whatever the lateness now (the window
   * was emitted under the lateness of the run that checkpointed; a longer one would open and emit
   * it again).
   *
   * @param watermark the restored watermark, {@code Long.MIN_VALUE} for none
   * @param closedThrough the last millisecond of the windows already emitted, {@code
   *     Long.MIN_VALUE} for none
   */
  void watermarkFloor(long watermark, long closedThrough);

  /**
   * The allowed lateness of the function, in milliseconds.
   *
   * @return at least 0
   */
  long latenessMillis();

  /**
   * The windows the function cuts, which a restore checks against those the checkpoint was taken
   * with ({@link WatermarkFloorOperator}): its open windows were cut so, and emitted under another
   * spec they would carry the wrong bounds. Null for a function without windows.
   *
   * @return the window spec, or null
   */
  default dev.servicekit.kpi.WindowSpec windows() {
    return null;
  }
}
