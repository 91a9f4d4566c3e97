package dev.servicekit.integrations.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * A punctuated watermark: the largest timestamp seen minus 1 ms, after every record. Downstream of
 * one source subtask, every keyed subtask then sees at each record the watermark {@code
 * WindowedKpi} uses (the latest event time), so lateness is decided exactly as in-process.
 *
 * @param <T> the record type
 */
final class MaxSeenWatermarks<T> implements WatermarkGenerator<T> {
  private long max = Long.MIN_VALUE;

  @Override
  public void onEvent(T event, long timestamp, WatermarkOutput output) {
    if (timestamp > max) {
      max = timestamp;
      output.emitWatermark(new Watermark(max - 1));
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {}
}
