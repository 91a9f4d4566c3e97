package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.KpiAccumulator;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The keyed process operator of {@link KpiWindowFunction} that also checkpoints the watermark it
 * has seen. Flink does not restore watermarks: after a restore the operator's watermark starts at
 * {@code Long.MIN_VALUE} until the sources emit again, so a late record replayed first would open a
 * window that was already emitted (counted twice). With the restored watermark as a floor, every
 * replayed record is judged late or not exactly as before the failure.
 *
 * @param <T> the input record
 * @param <A> the accumulator type
 */
public final class KpiWindowOperator<T, A extends KpiAccumulator<A, ?>>
    extends KeyedProcessOperator<String, T, KpiWindow<A>> {

  private static final long serialVersionUID = 1L;

  private transient long watermark;
  private transient ListState<Long> watermarks;

  /**
   * Creates the operator.
   *
   * @param function the window function
   */
  public KpiWindowOperator(KpiWindowFunction<T, A> function) {
    super(function);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    watermarks =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("servicekit-watermark", Types.LONG));
    // After rescaling a subtask may get several; the smallest never judges a record late wrongly.
    long restored = Long.MAX_VALUE;
    boolean any = false;
    for (Long w : watermarks.get()) {
      restored = Math.min(restored, w);
      any = true;
    }
    watermark = any ? restored : Long.MIN_VALUE;
    ((KpiWindowFunction<T, A>) getUserFunction()).watermarkFloor(watermark);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = Math.max(watermark, mark.getTimestamp());
    super.processWatermark(mark);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    watermarks.update(List.of(watermark));
  }
}
