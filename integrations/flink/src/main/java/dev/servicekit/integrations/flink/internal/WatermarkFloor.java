package dev.servicekit.integrations.flink.internal;

/** A window function that judges records late against a watermark restored from a checkpoint. */
public interface WatermarkFloor {

  /**
   * Sets the watermark restored from a checkpoint ({@link KpiWindowOperator}): records are judged
   * late against the larger of it and the current watermark.
   *
   * @param watermark the restored watermark, {@code Long.MIN_VALUE} for none
   */
  void watermarkFloor(long watermark);
}
