package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.kpi.IntRetractable;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
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
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Keyed by group: per open tumbling window a {@link RevisedValues} snapshot in map state; each
 * window is emitted and cleared by an event-time timer at {@code end - 1ms + allowedLateness}. An
 * observation whose time is outside the window range ({@link WindowSpec}) or {@code [1900, 2300)}
 * UTC (as {@link dev.servicekit.kpi.WindowedKpi}), or whose value the accumulator rejects is
 * counted and goes to {@link FlinkKpiWindows#REJECTED}, and why to {@link
 * FlinkKpiWindows#REJECTION_REASONS}. A window of an earlier build holding a blank response id is
 * read with that id forgotten and its value kept ({@link RevisedWindowState}), counted in {@code
 * servicekitForgottenBlankIds}.
 *
 * @param <A> the accumulator type
 */
public final class RevisedWindowFunction<A extends KpiAccumulator<A, ?> & IntRetractable>
    extends KeyedProcessFunction<String, RevisedObservation, KpiWindow<A>>
    implements WatermarkFloor {

  private static final long serialVersionUID = 1L;

  private final WindowUnit unit;
  private final String zone;
  private final DayOfWeek firstDayOfWeek;
  private final WindowLateness lateness; // when windows fire, which records are late
  private final Class<A> type;
  private final SerializableSupplier<A> empty;

  private transient WindowSpec spec;
  private transient MapState<Long, byte[]> windows;
  private transient Counter rejected;
  private transient Counter late;
  private transient Counter forgottenBlankIds;

  /**
   * Creates the function.
   *
   * @param spec the windows
   * @param allowedLateness how long a window stays open after its end
   * @param type the accumulator class
   * @param empty creates an empty accumulator
   * @throws IllegalArgumentException if {@code allowedLateness} is negative
   */
  public RevisedWindowFunction(
      WindowSpec spec, Duration allowedLateness, Class<A> type, SerializableSupplier<A> empty) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "allowedLateness must not be negative, was " + allowedLateness);
    }
    this.unit = spec.unit();
    this.zone = spec.zone().getId();
    this.firstDayOfWeek = spec.firstDayOfWeek();
    this.lateness = new WindowLateness(KpiWindowFunction.latenessMillis(allowedLateness));
    this.type = Objects.requireNonNull(type, "type");
    this.empty = Objects.requireNonNull(empty, "empty");
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
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    rejected = getRuntimeContext().getMetricGroup().counter("servicekitRejectedObservations");
    late = getRuntimeContext().getMetricGroup().counter("servicekitLateObservations");
    forgottenBlankIds = getRuntimeContext().getMetricGroup().counter("servicekitForgottenBlankIds");
  }

  private long fireAt(Instant start) {
    return lateness.fireAt(spec, start);
  }

  @Override
  public void processElement(RevisedObservation o, Context ctx, Collector<KpiWindow<A>> out)
      throws Exception {
    Instant start;
    long fire;
    try {
      // the in-process table's checks in its order (WindowedKpi.record), as the Kafka adapter's:
      // a time outside [1900, 2300) (Instant.MAX too), then a blank group (a missing field)
      dev.servicekit.kpi.WindowedKpi.requireEventTime(o.at());
      dev.servicekit.kpi.WindowedKpi.requireGroup(o.group());
      start = spec.start(o.at()); // in range: the window spec takes every such time
      fire = fireAt(start);
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
      reject(o, e, ctx);
      return;
    }
    if (lateness.late(spec, start, fire, ctx.timerService().currentWatermark())) {
      late.inc(); // counted, as the builder's windows count theirs (servicekitLateRecords)
      ctx.output(FlinkKpiWindows.LATE, o);
      return;
    }
    long key = start.toEpochMilli();
    byte[] stored = windows.get(key);
    RevisedValues<String, A> rv;
    if (stored == null) {
      rv = RevisedValues.create(empty.get());
    } else {
      RevisedWindowState.Read<A> read = read(stored, ctx.getCurrentKey(), key);
      if (read.migrated() != null) {
        // stored at once: the migration is not this observation's, which may still be rejected
        windows.put(key, read.migrated());
      }
      rv = read.values();
    }
    byte[] updated;
    try {
      if (o.removed()) {
        rv.remove(o.id(), o.revision());
      } else {
        rv.apply(o.id(), o.revision(), o.value());
      }
      // an id with an unpaired surrogate cannot be stored: IllegalArgumentException from toBytes
      updated = rv.toBytes(KeyCodec.strings());
    } catch (IllegalArgumentException | ArithmeticException e) {
      // a value the accumulator does not hold (e.g. off the rating scale), an id the snapshot
      // cannot store, an overflowing count: the stored window is unchanged (rv is a local copy)
      reject(o, e, ctx);
      return;
    }
    windows.put(key, updated);
    ctx.timerService().registerEventTimeTimer(fire);
  }

  /**
   * A stored window; one of an earlier build holding blank ids has them forgotten (their values
   * kept), counted in {@code servicekitForgottenBlankIds} and logged. Corrupted bytes still throw.
   */
  private RevisedWindowState.Read<A> read(byte[] stored, String group, long start) {
    RevisedWindowState.Read<A> read = RevisedWindowState.read(stored, type);
    if (!read.forgotten().isEmpty()) {
      forgottenBlankIds.inc(read.forgotten().size());
      LOG.warn(
          "the revised KPI window of group {} starting {} in restored state holds {} blank response"
              + " id(s) {}, written by an earlier build (this build refuses a blank id, a missing"
              + " field): forgotten, their values kept in the window, which is emitted at its close"
              + " as that build would have (counted in servicekitForgottenBlankIds)",
          Strings.excerpt(group),
          Instant.ofEpochMilli(start),
          read.forgotten().size(),
          RevisedWindowState.describe(read.forgotten()));
    }
    return read;
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RevisedWindowFunction.class);

  private void reject(RevisedObservation o, RuntimeException why, Context ctx) {
    rejected.inc();
    ctx.output(FlinkKpiWindows.REJECTED, o);
    ctx.output(FlinkKpiWindows.REJECTION_REASONS, RejectionReason.ofObservation(o, why));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KpiWindow<A>> out)
      throws Exception {
    List<Long> done = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : windows.entries()) {
      Instant start = Instant.ofEpochMilli(e.getKey());
      long fire = fireAt(start);
      if (fire > timestamp) {
        // its timer may be one registered under a shorter lateness (a restore with a longer one):
        // registered again at its close now, else nothing would fire it (no-op if it exists)
        ctx.timerService().registerEventTimeTimer(fire);
        continue;
      }
      RevisedValues<String, A> rv = read(e.getValue(), ctx.getCurrentKey(), e.getKey()).values();
      out.collect(
          new KpiWindow<>(
              ctx.getCurrentKey(), start, spec.end(start), rv.target(), rv.staleCount()));
      done.add(e.getKey());
    }
    for (Long k : done) {
      windows.remove(k);
    }
  }

  @Override
  public void watermarkFloor(long watermark, long closedThrough) {
    lateness.restored(watermark, closedThrough);
  }

  @Override
  public long latenessMillis() {
    return lateness.latenessMillis();
  }
}
