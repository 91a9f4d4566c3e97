package dev.servicekit.integrations.flink;

import dev.servicekit.integrations.flink.internal.GroupKeys;
import dev.servicekit.integrations.flink.internal.KpiWindowFunction;
import dev.servicekit.integrations.flink.internal.KpiWindowOperator;
import dev.servicekit.integrations.flink.internal.KpiWindowSerializer;
import dev.servicekit.integrations.flink.internal.OperatorIds;
import dev.servicekit.integrations.flink.internal.RevisedObservationSerializer;
import dev.servicekit.integrations.flink.internal.RevisedWindowFunction;
import dev.servicekit.integrations.flink.internal.SimpleTypeInfo;
import dev.servicekit.kpi.IntRetractable;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Windowed KPIs on Flink, per group key (agent, team, channel, priority, tier: any text, typically
 * {@link dev.servicekit.kpi.GroupKey}{@code .toString()}) and tumbling window ({@link WindowSpec}:
 * hour, day, week, month in a time zone), the same windows and lateness rule as the in-process
 * {@link dev.servicekit.kpi.WindowedKpi}.
 *
 * <ul>
 *   <li>{@link #builder}: any {@link KpiAccumulator} (percentiles, durations, service level,
 *       ratings, a plugin accumulator registered through {@link dev.servicekit.kpi.SnapshotCodec}),
 *       each record added by an {@link Update}. State per group and open window: one accumulator in
 *       {@code MapState}, serialized as its {@link dev.servicekit.kpi.KpiSnapshots} snapshot
 *       ({@link ServicekitTypes#accumulators}).
 *   <li>{@link #revised}: the window's accumulator is fed through {@link RevisedValues}, so per id
 *       the last revision wins exactly once whatever the arrival order, and duplicates are ignored;
 *       a {@link RevisedObservation#removal removal} removes its id as of its revision. State: per
 *       open window one {@link RevisedValues} snapshot in {@code MapState<Long, byte[]>} (the
 *       accumulator's snapshot plus each id and a few bytes).
 * </ul>
 *
 * <p>A window {@code [start, end)} is emitted once, when the watermark passes {@code end - 1ms +
 * allowedLateness}, and its state is then cleared. A record for a window already emitted is late:
 * it goes to a side output ({@link #LATE} for {@code revised}, the builder's {@link Builder#late
 * late tag} otherwise), never silently dropped. A bad record never fails the job: a record whose
 * group is {@code null}, blank (empty, or only spaces and invisible format characters: a missing
 * field), has an unpaired surrogate (both refused by {@link
 * dev.servicekit.kpi.WindowedKpi#requireGroup} as the in-process table and the Kafka adapter refuse
 * them) or cannot be computed (the group selector throws), a record without an event time or with
 * one outside {@code [1900-01-01, 2300-01-01)} UTC ({@link
 * dev.servicekit.kpi.WindowedKpi#SUPPORTED_START}, as the in-process table: a record stamped in the
 * year 2999 would open windows no real record reaches), and a record the accumulator rejects (an
 * {@link IllegalArgumentException}, {@link ArithmeticException}, {@link
 * java.time.DateTimeException} or {@link NullPointerException} from the update, which leaves the
 * accumulator unchanged), is counted once in the operator metric {@code servicekitRejectedRecords}
 * and sent unchanged to the builder's {@link Builder#rejected rejected tag}, if set, and why to
 * {@link #REJECTION_REASONS}. The stream is keyed by a selector that never fails (a record with an
 * unusable group gets one of a few internal keys, by a hash of its event time, so a flood of them
 * is spread over the subtasks, and is rejected before it touches any state), so Flink's {@code
 * keyBy} cannot fail the job either. For {@code revised} (whose observations always have a group
 * and an event time) the metric is {@code servicekitRejectedObservations} and the side outputs
 * {@link #REJECTED} and {@link #REJECTION_REASONS}; an observation whose group is blank (keyed by
 * the same selector, so a flood of them is spread too), and an id that the window's {@link
 * RevisedValues} snapshot cannot store (blank, or an unpaired surrogate), are rejected too. State
 * of an earlier build may hold a window of a blank group or of one with an unpaired surrogate
 * (which earlier builds accepted): it restores and is emitted once at its close, as it would have
 * been, and then cleared; records for that group are rejected from the restore on. Groups and ids
 * have no length limit: {@link KpiWindow}, {@link RevisedObservation} and {@link
 * dev.servicekit.sla.SlaTransition} (its key; its ticket id follows the id rule) serialize text of
 * any length and any chars, unpaired surrogates included (in earlier builds a group or id over
 * 65,535 bytes in modified UTF-8 failed the job in Flink's network serializer; savepoints of that
 * format still restore).
 *
 * <p>Thread-safety: the methods are pure; the operators follow Flink's threading model.
 */
public final class FlinkKpiWindows {

  /** Late observations (their window was already emitted): {@code result.getSideOutput(LATE)}. */
  public static final OutputTag<RevisedObservation> LATE =
      new OutputTag<>("servicekit-late", revisedObservations());

  /**
   * Rejected observations (a value the accumulator does not hold, e.g. off the rating scale):
   * {@code result.getSideOutput(REJECTED)}.
   */
  public static final OutputTag<RevisedObservation> REJECTED =
      new OutputTag<>("servicekit-rejected", revisedObservations());

  /**
   * Why each record was rejected, one JSON object per rejected record, of {@link #revised} and of
   * the {@link #builder}'s windows alike: {@code result.getSideOutput(REJECTION_REASONS)}. Within a
   * subtask the lines come in the order of the rejected records ({@link #REJECTED}, or the
   * builder's {@link Builder#rejected rejected tag}; across subtasks join them on the fields). The
   * error is the message of the rule that refused the record, as the Kafka adapter's dead-letter
   * records carry it for the same record (at most 500 characters; Kafka's put the exception's
   * simple class name and {@code ": "} before it, as for {@link FlinkSlaClocks#REJECTION_REASONS}):
   * kpi-core's ({@link dev.servicekit.kpi.WindowedKpi}'s, the accumulator's, {@link
   * RevisedValues}'s) for a blank group or one with an unpaired surrogate, an event time outside
   * {@code [1900, 2300)} or a refused value, the adapters' shared words for a group selector that
   * throws or gives {@code null} and a {@code null} event time. A record with several faults is
   * refused for the first in the order of {@link dev.servicekit.kpi.WindowedKpi#record}, which both
   * adapters follow: the group selector, a {@code null} group, a {@code null} time, a time outside
   * {@code [1900, 2300)} ({@code Instant.MAX} included, in kpi-core's words, not the window
   * spec's), a blank group, a group with an unpaired surrogate, then the value. For {@code
   * revised}: {@code {"group":"agent-1","id":"S-7","revision":2,"at":"2026-03-02T10:00:00Z",
   * "removed":false,"error":"rating 9 is outside the scale 1..5"}}. For the builder: {@code
   * {"group":"team=red","at":"2026-03-02T10:00:00Z","error":"..."}}, without {@code group} when the
   * group selector threw or gave {@code null} and without {@code at} when the event time was {@code
   * null} or not computed. A group or id longer than 500 characters is cut to its first 500 (not
   * half a surrogate pair) and its length given in {@code groupChars} / {@code idChars}. The
   * builder's windows send a reason for every rejected record, with or without a rejected tag.
   * Lines are ASCII: every other char is a JSON unicode escape, so a group with an unpaired
   * surrogate (refused for it) reads back exactly from a UTF-8 sink.
   */
  public static final OutputTag<String> REJECTION_REASONS =
      new OutputTag<>("servicekit-kpi-rejection-reasons", Types.STRING);

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
   * The uid and name of the operator {@link #revised(DataStream, WindowSpec, Duration, Class,
   * SerializableSupplier)} adds: {@value}. Savepoints taken of a job built with it restore only
   * into an operator of this uid, so it never changes.
   */
  public static final String DEFAULT_REVISED_UID = "servicekit-kpi-windows";

  /**
   * Keys the observations by group and aggregates them per tumbling window, in an operator with uid
   * and name {@link #DEFAULT_REVISED_UID}. A job can hold one such operator: for a second one (CSAT
   * per team and per agent) use {@link #revised(DataStream, WindowSpec, Duration, Class,
   * SerializableSupplier, String)} with a uid of its own, since two operators of one uid fail the
   * job at {@code execute} ("Hash collision on user-specified ID").
   *
   * @param observations observations with event-time timestamps and watermarks
   * @param spec the windows
   * @param allowedLateness how long after a window's end it stays open for late observations
   * @param type the accumulator class, e.g. {@code RatingAccumulator.class}
   * @param empty creates an empty accumulator, e.g. {@code () ->
   *     RatingAccumulator.create(RatingScale.csatFivePoint())}
   * @param <A> the accumulator type
   * @return the closed windows; late observations on the side output {@link #LATE}, rejected ones
   *     on {@link #REJECTED} and why on {@link #REJECTION_REASONS}
   * @throws IllegalArgumentException if {@code allowedLateness} is negative or longer than {@code
   *     Long.MAX_VALUE} ms
   */
  public static <A extends KpiAccumulator<A, ?> & IntRetractable>
      SingleOutputStreamOperator<KpiWindow<A>> revised(
          DataStream<RevisedObservation> observations,
          WindowSpec spec,
          Duration allowedLateness,
          Class<A> type,
          SerializableSupplier<A> empty) {
    return revised(observations, spec, allowedLateness, type, empty, DEFAULT_REVISED_UID);
  }

  /**
   * Keys the observations by group and aggregates them per tumbling window, in an operator whose
   * uid and name are {@code uid}, so one job can hold several such windows. Flink restores an
   * operator's state from a savepoint by its uid: keep the uid stable across versions of the job,
   * and pass {@link #DEFAULT_REVISED_UID} to restore state of a job built with the five-argument
   * overload.
   *
   * @param observations observations with event-time timestamps and watermarks
   * @param spec the windows
   * @param allowedLateness how long after a window's end it stays open for late observations
   * @param type the accumulator class, e.g. {@code RatingAccumulator.class}
   * @param empty creates an empty accumulator
   * @param uid the operator's uid and name: 1 to 64 ASCII letters, digits or {@code -}, unique in
   *     the job
   * @param <A> the accumulator type
   * @return the closed windows; late observations on the side output {@link #LATE}, rejected ones
   *     on {@link #REJECTED} and why on {@link #REJECTION_REASONS}
   * @throws IllegalArgumentException if {@code allowedLateness} is negative or longer than {@code
   *     Long.MAX_VALUE} ms, or {@code uid} breaks its rule
   */
  public static <A extends KpiAccumulator<A, ?> & IntRetractable>
      SingleOutputStreamOperator<KpiWindow<A>> revised(
          DataStream<RevisedObservation> observations,
          WindowSpec spec,
          Duration allowedLateness,
          Class<A> type,
          SerializableSupplier<A> empty,
          String uid) {
    Objects.requireNonNull(observations, "observations");
    OperatorIds.check("uid", uid);
    requireSnapshotFormat(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(empty, "empty"));
    // keyed as the builder's records: a real group by itself (the key restored state holds), a
    // blank one (rejected by the operator) spread by its event time instead of onto one subtask
    return observations
        .keyBy(new GroupKeys<>(RevisedObservation::group, RevisedObservation::at), Types.STRING)
        .transform(
            uid,
            windows(type),
            // with the watermark seen before a failure as a floor, as the builder's windows: a
            // late record replayed after a restore stays late (it reopened an emitted window)
            new KpiWindowOperator<>(
                new RevisedWindowFunction<>(spec, allowedLateness, type, empty)))
        .name(uid)
        .uid(uid);
  }

  /**
   * Starts the definition of a windowed KPI over any accumulator, e.g. handle-time percentiles per
   * team and channel and hour:
   *
   * <pre>{@code
   * OutputTag<Contact> late = new OutputTag<>("late-contacts", contacts.getType());
   * SingleOutputStreamOperator<KpiWindow<PercentileAccumulator>> windows =
   *     FlinkKpiWindows.builder(PercentileAccumulator.class, PercentileAccumulator::create, hourly)
   *         .name("handle-time")
   *         .groupBy(c -> GroupKey.of("team", c.team(), "channel", c.channel()).toString(), Contact::at)
   *         .record((acc, c) -> acc.addMillis(c.handleMillis()))
   *         .allowedLateness(Duration.ofMinutes(20))
   *         .late(late)
   *         .aggregate(contacts);
   * }</pre>
   *
   * @param type the accumulator class
   * @param empty creates an empty accumulator
   * @param spec the tumbling windows
   * @param <T> the input record
   * @param <A> the accumulator type
   * @return a builder with name {@code kpi} and no allowed lateness
   */
  public static <T, A extends KpiAccumulator<A, ?>> Builder<T, A> builder(
      Class<A> type, SerializableSupplier<A> empty, WindowSpec spec) {
    return new Builder<>(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(empty, "empty"),
        Objects.requireNonNull(spec, "spec"));
  }

  /**
   * Refuses, at job construction, an accumulator the windows cannot be stored or sent as: state and
   * output are {@link KpiSnapshots} bytes, so one without a registered snapshot format (or a
   * supplier that gives {@code null}) used to fail the job at its first window or checkpoint, and
   * again at every restart.
   */
  private static <A extends KpiAccumulator<A, ?>> void requireSnapshotFormat(
      Class<A> type, SerializableSupplier<A> empty) {
    KpiSnapshots.requireStorable(empty::get, type, "empty");
  }

  /**
   * Adds one record to a window's accumulator, e.g. {@code (acc, c) -> acc.addMillis(c.millis())}.
   * It must reject a bad record as a whole (one accumulator call does: they are all or nothing).
   *
   * @param <A> the accumulator type
   * @param <T> the input record
   */
  @FunctionalInterface
  public interface Update<A, T> extends Serializable {
    /**
     * Adds the record.
     *
     * @param accumulator the window's accumulator
     * @param record the record
     */
    void apply(A accumulator, T record);
  }

  /**
   * The definition of one windowed KPI. Not thread-safe. {@link #aggregate} adds one operator whose
   * uid is {@code servicekit-kpi-<name>}: call it once per name in a job (Flink refuses a job in
   * which two operators share a uid, {@code Hash collision on user-specified ID}); give each KPI
   * its own {@link #name}.
   *
   * @param <T> the input record
   * @param <A> the accumulator type
   */
  public static final class Builder<T, A extends KpiAccumulator<A, ?>> {
    private final Class<A> type;
    private final SerializableSupplier<A> empty;
    private final WindowSpec spec;
    private String name = "kpi";
    private KeySelector<T, String> groupOf;
    private SerializableFunction<T, Instant> timeOf;
    private Update<A, T> update;
    private Duration lateness = Duration.ZERO;
    private OutputTag<T> late;
    private OutputTag<T> rejected;

    private Builder(Class<A> type, SerializableSupplier<A> empty, WindowSpec spec) {
      this.type = type;
      this.empty = empty;
      this.spec = spec;
    }

    /**
     * Names the KPI: the operator's name and uid are {@code servicekit-kpi-<name>}, so keep it
     * stable across job versions to restore its state.
     *
     * @param name 1 to 64 letters, digits or {@code -}; not {@code windows}, whose uid is {@link
     *     FlinkKpiWindows#DEFAULT_REVISED_UID}
     * @return this builder
     * @throws IllegalArgumentException if empty or of other characters, or {@code windows}
     */
    public Builder<T, A> name(String name) {
      OperatorIds.check("name", name);
      if (("servicekit-kpi-" + name).equals(DEFAULT_REVISED_UID)) {
        throw new IllegalArgumentException(
            "name 'windows' gives the uid "
                + DEFAULT_REVISED_UID
                + ", the default uid of FlinkKpiWindows.revised: choose another name");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets how a record is grouped (the key of the keyed stream) and when it happened (places it in
     * a window; use the same instant as the stream's timestamp assigner).
     *
     * @param groupOf the group key text, e.g. {@code GroupKey.of("agent", a).toString()}; a record
     *     for which it returns blank text (such as {@code GroupKey.empty().toString()}, {@code ""}:
     *     name a grand total, e.g. {@code "all"}) is rejected
     * @param timeOf the event time
     * @return this builder
     */
    public Builder<T, A> groupBy(
        KeySelector<T, String> groupOf, SerializableFunction<T, Instant> timeOf) {
      this.groupOf = Objects.requireNonNull(groupOf, "groupOf");
      this.timeOf = Objects.requireNonNull(timeOf, "timeOf");
      return this;
    }

    /**
     * Sets how a record is added to its window's accumulator.
     *
     * @param update e.g. {@code (acc, c) -> acc.addMillis(c.handleMillis())}
     * @return this builder
     */
    public Builder<T, A> record(Update<A, T> update) {
      this.update = Objects.requireNonNull(update, "update");
      return this;
    }

    /**
     * Sets how long after its end a window still accepts records.
     *
     * @param lateness zero or more, at most {@code Long.MAX_VALUE} ms; truncated to milliseconds
     * @return this builder
     * @throws IllegalArgumentException if negative or longer than {@code Long.MAX_VALUE} ms (such
     *     as {@code ChronoUnit.FOREVER})
     */
    public Builder<T, A> allowedLateness(Duration lateness) {
      Objects.requireNonNull(lateness, "lateness");
      KpiWindowFunction.latenessMillis(lateness); // negative or beyond Long.MAX_VALUE ms: refused
      this.lateness = lateness;
      return this;
    }

    /**
     * Sets the side output that receives late records unchanged ({@code
     * result.getSideOutput(tag)}).
     *
     * @param tag e.g. {@code new OutputTag<>("late-contacts", input.getType())}
     * @return this builder
     */
    public Builder<T, A> late(OutputTag<T> tag) {
      this.late = Objects.requireNonNull(tag, "tag");
      return this;
    }

    /**
     * Sets the side output that receives, unchanged, the rejected records (no usable group, such as
     * a {@code null} or blank one, or event time, or rejected by the accumulator: an {@link
     * IllegalArgumentException}, {@link ArithmeticException}, {@link java.time.DateTimeException}
     * or {@link NullPointerException} from the {@link #record update}), besides counting them in
     * the metric {@code servicekitRejectedRecords}. Without it they are only counted. Either way
     * why each was rejected goes to {@link FlinkKpiWindows#REJECTION_REASONS}, and the window's
     * accumulator is unchanged.
     *
     * @param tag e.g. {@code new OutputTag<>("rejected-contacts", input.getType())}; not the late
     *     tag, nor of the id of {@link FlinkKpiWindows#REJECTION_REASONS}
     * @return this builder
     */
    public Builder<T, A> rejected(OutputTag<T> tag) {
      this.rejected = Objects.requireNonNull(tag, "tag");
      return this;
    }

    /**
     * Keys the input by group and aggregates it per tumbling window. The input must carry
     * event-time timestamps and watermarks.
     *
     * @param input the records
     * @return the closed windows, one {@link KpiWindow} per group and window; late records on the
     *     {@link #late} side output, rejected ones on the {@link #rejected} one and why on {@link
     *     FlinkKpiWindows#REJECTION_REASONS}
     * @throws IllegalStateException if {@link #groupBy}, {@link #record} or {@link #late} was not
     *     set, or the late or rejected tag is the other or has the id of {@link
     *     FlinkKpiWindows#REJECTION_REASONS}
     */
    public SingleOutputStreamOperator<KpiWindow<A>> aggregate(DataStream<T> input) {
      Objects.requireNonNull(input, "input");
      if (groupOf == null) {
        throw new IllegalStateException("groupBy(...) was not set");
      }
      if (update == null) {
        throw new IllegalStateException("record(...) was not set");
      }
      if (late == null) {
        throw new IllegalStateException("late(...) was not set: late records need a side output");
      }
      if (late.equals(rejected)) {
        throw new IllegalStateException(
            "late(...) and rejected(...) must be different side outputs, both are \""
                + late.getId()
                + "\"");
      }
      for (OutputTag<T> tag : List.of(late, rejected == null ? late : rejected)) {
        if (tag.getId().equals(REJECTION_REASONS.getId())) {
          throw new IllegalStateException(
              "the late(...) or rejected(...) side output has the id \""
                  + tag.getId()
                  + "\" of FlinkKpiWindows.REJECTION_REASONS, which the windows write their"
                  + " rejection reasons to: choose another id");
        }
      }
      requireSnapshotFormat(type, empty);
      // GroupKeys never fails: a record without a usable group is rejected by the window function
      return input
          .keyBy(new GroupKeys<>(groupOf, timeOf), Types.STRING)
          .transform(
              "servicekit-kpi-" + name,
              windows(type),
              new KpiWindowOperator<>(
                  new KpiWindowFunction<>(
                      spec, lateness, type, empty, groupOf, timeOf, update, late, rejected)))
          .uid("servicekit-kpi-" + name);
    }
  }
}
