package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.KpiAccumulator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * The keyed process operator of a KPI window function ({@link KpiWindowFunction}, {@link
 * RevisedWindowFunction}): a {@link WatermarkFloorOperator}, so that a record replayed after a
 * restore never opens a window already emitted.
 *
 * @param <T> the input record
 * @param <A> the accumulator type
 */
public final class KpiWindowOperator<T, A extends KpiAccumulator<A, ?>>
    extends WatermarkFloorOperator<T, KpiWindow<A>> {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the operator.
   *
   * @param function the window function
   * @param <F> its type
   */
  public <F extends KeyedProcessFunction<String, T, KpiWindow<A>> & WatermarkFloor>
      KpiWindowOperator(F function) {
    super(function);
  }
}
