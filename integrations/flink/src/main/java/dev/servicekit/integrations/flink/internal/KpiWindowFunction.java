package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Keyed by group: per open tumbling window one accumulator in map state, serialized by {@link
 * KpiAccumulatorSerializer} (the accumulator's {@code KpiSnapshots} snapshot), so the heap backend
 * keeps live objects and serializes only at checkpoints, and RocksDB stores the snapshot bytes. A
 * window is emitted and cleared by an event-time timer at {@code end - 1ms + allowedLateness}; a
 * record for a window whose timer the watermark has passed goes to the late side output; a record
 * the update rejects is counted and goes to the rejected side output, if any, and why to {@link
 * FlinkKpiWindows#REJECTION_REASONS}.
 *
 * @param <T> the input record
 * @param <A> the accumulator type
 */
public final class KpiWindowFunction<T, A extends KpiAccumulator<A, ?>>
    extends KeyedProcessFunction<String, T, KpiWindow<A>> implements WatermarkFloor {

  private static final long serialVersionUID = 1L;

  private final WindowUnit unit;
  private final String zone;
  private final DayOfWeek firstDayOfWeek;
  private final WindowLateness lateness; // when windows fire, which records are late
  private final Class<A> type;
  private final SerializableSupplier<A> empty;
  private final KeySelector<T, String> groupOf;
  private final SerializableFunction<T, Instant> timeOf;
  private final FlinkKpiWindows.Update<A, T> update;
  private final OutputTag<T> late;
  private final OutputTag<T> rejectedTag;

  private transient WindowSpec spec;
  private transient MapState<Long, A> windows;
  private transient Counter rejected;
  private transient Counter lateCount;

  /**
   * Creates the function.
   *
   * @param spec the windows
   * @param allowedLateness how long a window stays open after its end, zero or more
   * @param type the accumulator class
   * @param empty creates an empty accumulator
   * @param groupOf the group of a record; the stream must be keyed by {@link GroupKeys} of it
   * @param timeOf the event time of a record (places it in a window)
   * @param update adds a record to an accumulator
   * @param late the side output of late records
   * @param rejectedTag the side output of rejected records, or null to only count them
   */
  public KpiWindowFunction(
      WindowSpec spec,
      Duration allowedLateness,
      Class<A> type,
      SerializableSupplier<A> empty,
      KeySelector<T, String> groupOf,
      SerializableFunction<T, Instant> timeOf,
      FlinkKpiWindows.Update<A, T> update,
      OutputTag<T> late,
      OutputTag<T> rejectedTag) {
    Objects.requireNonNull(spec, "spec");
    this.unit = spec.unit();
    this.zone = spec.zone().getId();
    this.firstDayOfWeek = spec.firstDayOfWeek();
    this.lateness = new WindowLateness(latenessMillis(allowedLateness));
    this.type = Objects.requireNonNull(type, "type");
    this.empty = Objects.requireNonNull(empty, "empty");
    this.groupOf = Objects.requireNonNull(groupOf, "groupOf");
    this.timeOf = Objects.requireNonNull(timeOf, "timeOf");
    this.update = Objects.requireNonNull(update, "update");
    this.late = Objects.requireNonNull(late, "late");
    this.rejectedTag = rejectedTag;
  }

  /**
   * Returns an allowed lateness in milliseconds (truncated, as {@code WindowedKpi.create} takes
   * it), refusing one the windows cannot hold by name, as the Kafka topology does.
   *
   * @param allowedLateness the setting
   * @return its milliseconds
   * @throws IllegalArgumentException if negative or longer than {@code Long.MAX_VALUE} ms (such as
   *     {@code ChronoUnit.FOREVER}, which {@link Duration#toMillis()} cannot give)
   */
  public static long latenessMillis(Duration allowedLateness) {
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "allowedLateness must be zero or more, was " + allowedLateness);
    }
    try {
      return allowedLateness.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "allowedLateness must be at most "
              + Long.MAX_VALUE
              + " ms ("
              + Duration.ofMillis(Long.MAX_VALUE)
              + "), was "
              + allowedLateness);
    }
  }

  @Override
  public WindowSpec windows() {
    return new WindowSpec(unit, ZoneId.of(zone), firstDayOfWeek);
  }

  @Override
  public void open(OpenContext context) {
    spec = new WindowSpec(unit, ZoneId.of(zone), firstDayOfWeek);
    windows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "kpi-windows",
                    Types.LONG,
                    new SimpleTypeInfo<>(type, new KpiAccumulatorSerializer<>(type))));
    rejected = getRuntimeContext().getMetricGroup().counter("servicekitRejectedRecords");
    lateCount = getRuntimeContext().getMetricGroup().counter("servicekitLateRecords");
  }

  @Override
  public void watermarkFloor(long watermark, long closedThrough) {
    lateness.restored(watermark, closedThrough);
  }

  @Override
  public long latenessMillis() {
    return lateness.latenessMillis();
  }

  private long fireAt(Instant start) {
    return lateness.fireAt(spec, start);
  }

  @Override
  public void processElement(T record, Context ctx, Collector<KpiWindow<A>> out) throws Exception {
    String group = null; // as far as computed: named in the rejection reason
    Instant at = null;
    Instant start;
    long fire;
    try {
      // the checks and their order of the Kafka adapter, kpi-core's WindowedKpi.record's order,
      // so all three give the same reason for a record with several faults: a group that cannot
      // be computed, then a time, null ones, the time's range ([1900, 2300), also for a time
      // beyond epoch milliseconds such as Instant.MAX), then a blank group (keyed by an internal
      // key, GroupKeys, and rejected before any state; a blank group restored from state of an
      // earlier build is still emitted by onTimer)
      group = GroupKeys.computed(groupOf, record);
      at = timeOf.apply(record);
      if (group == null) {
        throw new IllegalArgumentException(GroupKeys.NULL_GROUP);
      }
      if (at == null) {
        throw new IllegalArgumentException("event time of a KPI record must not be null");
      }
      WindowedKpi.requireEventTime(at);
      WindowedKpi.requireGroup(group);
      start = spec.start(at); // in range: the window spec takes every such time
      fire = fireAt(start);
    } catch (IllegalArgumentException
        | ArithmeticException
        | DateTimeException
        | NullPointerException e) {
      reject(record, group, at, e, ctx);
      return;
    }
    if (lateness.late(spec, start, fire, ctx.timerService().currentWatermark())) {
      lateCount.inc();
      ctx.output(late, record);
      return;
    }
    long key = start.toEpochMilli();
    A stored = windows.get(key);
    boolean fresh = stored == null;
    // The heap backend hands out the live accumulator it holds: the update runs on a copy, so that
    // one refused part-way (a first call accepted, a later one refused) leaves the window as it was
    A acc = fresh ? empty.get() : stored.copy();
    try {
      update.apply(acc, record); // all or nothing: a rejected record leaves the window as is
    } catch (IllegalArgumentException
        | ArithmeticException
        | DateTimeException // e.g. a time the record function parses: as Kafka's windows refuse it
        | NullPointerException e) {
      reject(record, group, at, e, ctx);
      return;
    }
    windows.put(key, acc);
    if (fresh) {
      ctx.timerService().registerEventTimeTimer(fire);
    }
  }

  /**
   * Counts a rejected record, sends it to the rejected side output, if any, and why to {@link
   * FlinkKpiWindows#REJECTION_REASONS}, naming its group and time as far as they were computed.
   */
  private void reject(T record, String group, Instant at, RuntimeException why, Context ctx) {
    rejected.inc();
    if (rejectedTag != null) {
      ctx.output(rejectedTag, record);
    }
    ctx.output(FlinkKpiWindows.REJECTION_REASONS, RejectionReason.ofRecord(group, at, why));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiWindow<A>> out)
      throws Exception {
    List<Long> done = new ArrayList<>();
    for (Map.Entry<Long, A> e : windows.entries()) {
      Instant start = Instant.ofEpochMilli(e.getKey());
      long fire = fireAt(start);
      if (fire <= timestamp) {
        out.collect(new KpiWindow<>(ctx.getCurrentKey(), start, spec.end(start), e.getValue(), 0));
        done.add(e.getKey());
      } else {
        // its timer may be one registered under a shorter lateness (a restore with a longer one):
        // registered again at its close now, else nothing would fire it (no-op if it exists)
        ctx.timerService().registerEventTimeTimer(fire);
      }
    }
    for (Long k : done) {
      windows.remove(k);
    }
  }
}
