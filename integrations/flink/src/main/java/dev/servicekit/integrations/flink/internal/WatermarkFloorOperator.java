package dev.servicekit.integrations.flink.internal;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * A keyed process operator whose function ({@link WatermarkFloor}) judges records against the
 * watermark it had seen before a restore. Flink does not restore watermarks: after a restore the
 * operator's watermark starts at {@code Long.MIN_VALUE} until the sources emit again, so a record
 * replayed first would be judged against no watermark (a KPI window already emitted opened again;
 * an SLA correction or late event evaluated at another instant than before the failure). With the
 * restored watermark as a floor, every replayed record is judged as before the failure.
 *
 * <p>The watermarks are kept in union list state, each with its subtask's index and parallelism: a
 * restore at the same parallelism takes its own subtask's, and a rescaled one the smallest of all
 * (the keys it now owns may come from any old subtask, and the smallest never judges a record late
 * wrongly). Before the seventeenth session they were split list state, so on scale-out every
 * subtask but one restored with no floor; such state is still read. Beside each watermark is the
 * last millisecond of the windows already emitted (the watermark less the function's lateness, the
 * largest ever): a KPI job restored with a longer lateness does not open and emit those windows
 * again (before the eighteenth session it did); entries without it take the current lateness. A
 * function with windows ({@link WatermarkFloor#windows()}) also keeps their spec, and a restore
 * under another spec fails at once, naming both.
 *
 * @param <T> the input record
 * @param <O> the output
 */
public class WatermarkFloorOperator<T, O> extends KeyedProcessOperator<String, T, O> {

  private static final long serialVersionUID = 1L;

  private transient long watermark;
  private transient long closedThrough; // the last ms of the windows emitted, across restores
  private transient ListState<long[]> marks;
  private transient ListState<String> specs; // the windows' spec, of a function with windows

  /**
   * Creates the operator.
   *
   * @param function the window function
   * @param <F> its type
   */
  public <F extends KeyedProcessFunction<String, T, O> & WatermarkFloor> WatermarkFloorOperator(
      F function) {
    super(function);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    marks =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>(
                    "servicekit-watermarks",
                    org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                        .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    long lateness = ((WatermarkFloor) getUserFunction()).latenessMillis();
    long own = Long.MIN_VALUE;
    long ownClosed = Long.MIN_VALUE;
    boolean haveOwn = false;
    long smallest = Long.MAX_VALUE;
    long smallestClosed = Long.MAX_VALUE;
    boolean any = false;
    for (long[] m : marks.get()) { // {parallelism, index, watermark[, closedThrough]}
      if (m.length != 3 && m.length != 4) {
        continue; // not written by this operator
      }
      // entries of earlier builds have no closedThrough: their lateness was taken to be this one
      long closed = m.length == 4 ? m[3] : closedBy(m[2], lateness);
      smallest = Math.min(smallest, m[2]);
      smallestClosed = Math.min(smallestClosed, closed);
      any = true;
      if (m[0] == parallelism && m[1] == index) {
        own = m[2];
        ownClosed = closed;
        haveOwn = true;
      }
    }
    // state of earlier builds: split list state, one watermark a subtask
    ListState<Long> old =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("servicekit-watermark", Types.LONG));
    for (Long w : old.get()) {
      smallest = Math.min(smallest, w);
      smallestClosed = Math.min(smallestClosed, closedBy(w, lateness));
      any = true;
    }
    old.clear();
    checkWindows(context);
    watermark = haveOwn ? own : any ? smallest : Long.MIN_VALUE;
    closedThrough = haveOwn ? ownClosed : any ? smallestClosed : Long.MIN_VALUE;
    ((WatermarkFloor) getUserFunction()).watermarkFloor(watermark, closedThrough);
  }

  /**
   * Refuses a restore whose checkpoint cut its windows by another spec (unit, zone rules, first day
   * of the week) than the function does: its open windows would be emitted under the wrong bounds
   * and keys, and records of its closed ones judged by the wrong ends. Checkpoints of earlier
   * builds hold no spec and restore as before.
   */
  private void checkWindows(StateInitializationContext context) throws Exception {
    dev.servicekit.kpi.WindowSpec mine = ((WatermarkFloor) getUserFunction()).windows();
    if (mine == null) {
      return;
    }
    specs =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("servicekit-window-spec", Types.STRING));
    for (String stored : specs.get()) {
      if (!mine.equals(specOf(stored))) {
        throw new IllegalStateException(
            "the checkpoint's KPI windows are "
                + stored
                + ", but this job's are "
                + text(mine)
                + ": its open windows cannot be emitted so. Give the KPI another operator uid (new"
                + " state), or start the job without this state");
      }
    }
  }

  /** The spec's text in state: unit, zone id and first day of the week. */
  private static String text(dev.servicekit.kpi.WindowSpec spec) {
    return spec.unit()
        + " windows, zone "
        + spec.zone().getId()
        + ", weeks from "
        + spec.firstDayOfWeek();
  }

  /** The spec of a text of {@link #text}, or null if it is not one (or names an unknown zone). */
  private static dev.servicekit.kpi.WindowSpec specOf(String text) {
    String[] p = text.split(" windows, zone |, weeks from ", -1);
    if (p.length != 3) {
      return null;
    }
    try {
      return new dev.servicekit.kpi.WindowSpec(
          dev.servicekit.kpi.WindowUnit.valueOf(p[0]),
          java.time.ZoneId.of(p[1]),
          java.time.DayOfWeek.valueOf(p[2]));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** The last millisecond of the windows emitted by a watermark under a lateness (saturating). */
  static long closedBy(long watermark, long lateness) {
    return watermark < Long.MIN_VALUE + lateness ? Long.MIN_VALUE : watermark - lateness;
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = Math.max(watermark, mark.getTimestamp());
    super.processWatermark(mark);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    long lateness = ((WatermarkFloor) getUserFunction()).latenessMillis();
    closedThrough = Math.max(closedThrough, closedBy(watermark, lateness));
    marks.update(List.of(new long[] {parallelism, index, watermark, closedThrough}));
    if (specs != null) {
      specs.update(List.of(text(((WatermarkFloor) getUserFunction()).windows())));
    }
  }
}
