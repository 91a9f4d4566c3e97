package dev.servicekit.integrations.flink;

import dev.servicekit.integrations.flink.internal.KpiWindowSerializer;
import dev.servicekit.integrations.flink.internal.RevisedObservationSerializer;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.integrations.flink.internal.SimpleTypeInfo;
import dev.servicekit.kpi.IntRetractable;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Windowed, revision-aware KPIs on Flink: per group key and tumbling window ({@link WindowSpec}:
 * hour, day, week, month in a time zone), the window's accumulator is fed through {@link
 * RevisedValues}, so per id the last revision wins exactly once whatever the arrival order, and
 * duplicates are ignored.
 *
 * <p>State: keyed by group; per open window one {@link RevisedValues} snapshot in {@code
 * MapState<Long, byte[]>} (the accumulator's snapshot plus about 20 bytes per id). A window is
 * emitted once, when the watermark passes its end plus the allowed lateness, and its state is then
 * cleared. An observation for a window already emitted is late: it goes to the side output {@link
 * #LATE}, never silently dropped.
 *
 * <p>Thread-safety: the methods are pure; the operators follow Flink's threading model.
 */
public final class FlinkKpiWindows {

  /** Late observations (their window was already emitted): {@code result.getSideOutput(LATE)}. */
  public static final OutputTag<RevisedObservation> LATE =
      new OutputTag<>("servicekit-late", revisedObservations());

  private FlinkKpiWindows() {}

  /**
   * Type information for revised observations.
   *
   * @return the type information
   */
  public static TypeInformation<RevisedObservation> revisedObservations() {
    return new SimpleTypeInfo<>(RevisedObservation.class, RevisedObservationSerializer.INSTANCE);
  }

  /**
   * Type information for windows of one accumulator class.
   *
   * @param type the accumulator class
   * @param <A> the accumulator type
   * @return the type information
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <A extends KpiAccumulator<A, ?>> TypeInformation<KpiWindow<A>> windows(
      Class<A> type) {
    return new SimpleTypeInfo<>((Class) KpiWindow.class, new KpiWindowSerializer<>(type));
  }

  /**
   * Keys the observations by group and aggregates them per tumbling window.
   *
   * @param observations observations with event-time timestamps and watermarks
   * @param spec the windows
   * @param allowedLateness how long after a window's end it stays open for late observations
   * @param type the accumulator class, e.g. {@code RatingAccumulator.class}
   * @param empty creates an empty accumulator, e.g. {@code () ->
   *     RatingAccumulator.create(RatingScale.csatFivePoint())}
   * @param <A> the accumulator type
   * @return the closed windows; late observations on the side output {@link #LATE}
   * @throws IllegalArgumentException if {@code allowedLateness} is negative
   */
  public static <A extends KpiAccumulator<A, ?> & IntRetractable>
      SingleOutputStreamOperator<KpiWindow<A>> revised(
          DataStream<RevisedObservation> observations,
          WindowSpec spec,
          Duration allowedLateness,
          Class<A> type,
          SerializableSupplier<A> empty) {
    Objects.requireNonNull(observations, "observations");
    return observations
        .keyBy(RevisedObservation::group)
        .process(new RevisedWindowFunction<>(spec, allowedLateness, type, empty), windows(type))
        .name("servicekit-kpi-windows")
        .uid("servicekit-kpi-windows");
  }
}
