package dev.servicekit.integrations.flink;

import dev.servicekit.integrations.flink.internal.OperatorIds;
import dev.servicekit.integrations.flink.internal.SlaClockFunction;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * SLA clocks on Flink: a stream of ticket events in, a stream of {@link SlaTransition}s out.
 *
 * <p>Keys and state: the stream is keyed by {@link TicketEvent#ticketId()}; each ticket's {@link
 * SlaClock} lives in keyed {@code ValueState<byte[]>} as its {@link SlaClockSnapshot}, next to the
 * last reported state of each cycle, the events waiting for the watermark and the pending timer.
 * State per ticket is about the snapshot size (tens of bytes per event) plus a few bytes per cycle.
 * Flink checkpoints it, so with checkpointing on, a restored job continues exactly where the
 * checkpoint was: no event applied twice, none lost. Keying cannot fail the job: a {@link
 * TicketEvent} always has a non-empty ticket id of at most {@value TicketEvent#MAX_ID_CHARS}
 * characters (its constructors check), and the serializer rebuilds events through them.
 *
 * <p>Timers ({@link TimeMode#EVENT_TIME}, the default): an event at {@code t} is applied when the
 * watermark reaches {@code t} (rounded up to the millisecond), and the clock is then evaluated at
 * exactly that instant. The next transition ({@link
 * dev.servicekit.sla.SlaEvaluation#nextTransition()}) is an event-time timer, so a breach or
 * warning is emitted when the watermark passes its deadline even if no further event arrives for
 * the ticket. Use a watermark strategy with bounded out-of-orderness at least as large as the
 * disorder of the source: then the output is the same whatever the arrival order and parallelism.
 * An event behind the watermark (late) is still applied (the clock accepts events in any order) and
 * evaluated at the watermark, so its transitions are emitted late: the changes it makes in either
 * direction ({@link SlaTransition#corrected}: a lowered warning is restated), and {@link
 * SlaTransition.Kind#CANCELLED} for a cycle it or a re-target took away, so the last transition per
 * cycle is authoritative. {@link TimeMode#PROCESSING_TIME} evaluates at the wall clock instead and
 * is not reproducible. Duplicated events are ignored by the clock (idempotent by id); an event the
 * clock rejects ({@link SlaClock#accept}, e.g. reusing an id with other content) changes nothing,
 * is counted in the operator metric {@code servicekitRejectedEvents} and goes unchanged to the side
 * output {@link #REJECTED}.
 *
 * <p>Retention: by default every ticket's state is kept for ever. With a {@code retention} (the
 * overloads that take one), a <em>finished</em> ticket (in a solved status, with no next transition
 * and every cycle stopped) is released once it has stayed finished with no new event for the
 * retention, measured by a timer of the {@link TimeMode}'s time (the watermark, or the wall clock):
 * its clock, reported states, waiting events and timers are cleared, and a marker of one {@code
 * long} stays. An event that reopens the ticket (or any new event) before then keeps it. An event
 * for a released ticket (stamped at or after the release, arriving behind the watermark once
 * released, or a redelivered duplicate) is not applied, since a new clock would restart the
 * ticket's cycles: it is counted in the operator metric {@code servicekitReleasedTicketEvents} and
 * goes unchanged to the side output {@link #RELEASED}; releases are counted in {@code
 * servicekitReleasedTickets}. A ticket whose events never include a {@code Created} (an orphan) is
 * counted once in {@code servicekitOrphanTickets}; with a retention it is released after the
 * retention with no new event, its held events going to {@link #RELEASED}.
 *
 * <p>Anomalies: an applied event or correction that adds to its ticket's {@link
 * dev.servicekit.sla.SlaEvaluation#anomalies() anomalies} (a severity, tier or channel the policy
 * does not list, so a default applied; an event stamped before the creation; see {@link
 * dev.servicekit.sla.EventAnomaly}) is not silent: each anomaly it added ({@link
 * dev.servicekit.sla.EventAnomaly#added}: the evaluation after it against the one before) goes to
 * the side output {@link #ANOMALIES} and is counted in {@code servicekitEventAnomalies}. In event
 * time the events a watermark applies together are one record here. An anomaly a later record takes
 * away is not withdrawn there: the clock's evaluation is authoritative. With {@link
 * dev.servicekit.sla.SlaPolicySet#rejectUnknownKeys() rejectUnknownKeys} unknown values are
 * rejected ({@link #REJECTED}) instead.
 *
 * <p>Event times far ahead (opt-in, {@link Options#maxEventSkew(Duration)}): an event whose {@code
 * at} is more than the skew ahead of the operator's time when it arrives (the wall clock, or in
 * event time the watermark if later) is not applied nor kept waiting: it is counted in {@code
 * servicekitRejectedEvents} and goes unchanged to {@link #REJECTED}, the ticket unchanged. Without
 * it, an event stamped e.g. 2299 waits in state for a watermark that never comes (event time) or is
 * applied and emits its ticket's breaches stamped 2299 (processing time, or behind a watermark
 * moved there).
 *
 * <p><b>Corrections.</b> {@link #transitionsWithCorrections} takes a stream of {@link
 * TicketInput}s: events and {@link EventCorrection}s ({@code Retracted}, {@code Replaced}; {@link
 * ServicekitTypes#ticketInputs()}), keyed by ticket id, so a correction stays in order with its
 * ticket's events from one source partition. A correction applies at arrival to what the ticket has
 * received: its clock and its events still waiting for the watermark (a replacement stamped ahead
 * of the watermark waits for it, as a new event does). Every cycle whose state, warning or
 * escalation changed, in either direction, gets a transition ({@link SlaTransition#corrected}), a
 * cycle taken away gets {@code CANCELLED} ({@link SlaTransition#withdrawn}), timers and the release
 * deadline follow the corrected clock. A correction that matches nothing is counted in {@code
 * servicekitUnmatchedCorrections}; a replacement the clock would reject (or beyond {@code
 * maxEventSkew}) goes to {@link #REJECTED}; one for a released ticket is counted in {@code
 * servicekitReleasedTicketEvents} (a replacement's event goes to {@link #RELEASED}). Retracting
 * every event clears the ticket's state. The operator's state is that of {@link #transitions}, so a
 * savepoint of either restores into the other under the same uid.
 *
 * <p>Thread-safety: the builder methods are pure; the operators follow Flink's threading model.
 */
public final class FlinkSlaClocks {

  /** Events the clock rejected: {@code transitions(...).getSideOutput(REJECTED)}. */
  public static final OutputTag<TicketEvent> REJECTED =
      new OutputTag<>("servicekit-rejected-events", ServicekitTypes.ticketEvents());

  /**
   * Why each event sent to {@link #REJECTED} was rejected, one JSON object per event, in the same
   * order (rejected retractions interleaved): {@code
   * {"ticketId":"T-1","eventId":"e-7","at":"2026-03-02T10:00:00Z","kind":
   * "StatusChanged","error":"status 'archived' is unknown: ..."}} (the error at most 500
   * characters), as the Kafka adapter's dead-letter records carry the error; a rejected retraction,
   * which sends nothing to {@link #REJECTED}, has a line of its own with {@code "kind":
   * "Retraction"}, the retracted event's id and no {@code at}: {@code
   * transitions(...).getSideOutput(REJECTION_REASONS)}.
   */
  public static final OutputTag<String> REJECTION_REASONS =
      new OutputTag<>("servicekit-rejection-reasons", Types.STRING);

  /**
   * Each anomaly an applied event or correction added to its ticket's evaluation, as the JSON line
   * of {@link dev.servicekit.sla.EventAnomaly#toJson(String)} ({@code
   * {"ticketId":"T-1","eventId":"e7","at":"2026-03-02T10:00:00Z","reason":"severity 'blocker' is
   * not among the severity keys ..."}}), as the Kafka adapter's anomalies topic carries them:
   * {@code transitions(...).getSideOutput(ANOMALIES)}.
   */
  public static final OutputTag<String> ANOMALIES =
      new OutputTag<>("servicekit-event-anomalies", Types.STRING);

  /**
   * Events for tickets whose state was released (see the class comment on retention): {@code
   * transitions(...).getSideOutput(RELEASED)}.
   */
  public static final OutputTag<TicketEvent> RELEASED =
      new OutputTag<>("servicekit-released-ticket-events", ServicekitTypes.ticketEvents());

  private FlinkSlaClocks() {}

  /**
   * The uid and name of the operator {@link #transitions(DataStream, SlaPolicySet, Map, TimeMode)}
   * adds: {@value}. Savepoints taken of a job built with it restore only into an operator of this
   * uid, so it never changes.
   */
  public static final String DEFAULT_UID = "servicekit-sla-clocks";

  /**
   * Keys the events by ticket and runs the SLA clocks on them, in an operator with uid and name
   * {@link #DEFAULT_UID}. A job can hold one such operator: for a second clock pipeline (another
   * region, another policy set) use {@link #transitions(DataStream, SlaPolicySet, Map, TimeMode,
   * String)} with a uid of its own, since two operators of one uid fail the job at {@code execute}
   * ("Hash collision on user-specified ID").
   *
   * @param events ticket events with event-time timestamps and watermarks (for {@link
   *     TimeMode#EVENT_TIME}), typed with {@link ServicekitTypes#ticketEvents()}
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}: any calendar, unions and
   *     intersections included
   * @param mode what time drives the timers
   * @return the transitions, typed with {@link ServicekitTypes#slaTransitions()}
   * @throws IllegalArgumentException if a calendar key of the set is not mapped
   */
  public static SingleOutputStreamOperator<SlaTransition> transitions(
      DataStream<TicketEvent> events,
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode) {
    return transitions(events, set, calendars, mode, DEFAULT_UID);
  }

  /**
   * Keys the events by ticket and runs the SLA clocks on them, in an operator whose uid and name
   * are {@code uid}, so one job can run several clock pipelines. Flink restores an operator's state
   * from a savepoint by its uid: keep the uid stable across versions of the job, and pass {@link
   * #DEFAULT_UID} to restore state of a job built with the four-argument overload.
   *
   * @param events ticket events with event-time timestamps and watermarks (for {@link
   *     TimeMode#EVENT_TIME}), typed with {@link ServicekitTypes#ticketEvents()}
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}: any calendar, unions and
   *     intersections included
   * @param mode what time drives the timers
   * @param uid the operator's uid and name: 1 to 64 ASCII letters, digits or {@code -}, unique in
   *     the job
   * @return the transitions, typed with {@link ServicekitTypes#slaTransitions()}
   * @throws IllegalArgumentException if {@code uid} breaks its rule or a calendar key of the set is
   *     not mapped
   */
  public static SingleOutputStreamOperator<SlaTransition> transitions(
      DataStream<TicketEvent> events,
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      String uid) {
    Objects.requireNonNull(events, "events");
    OperatorIds.check("uid", uid);
    return keyed(events, function(set, calendars, mode), uid);
  }

  /**
   * As {@link #transitions(DataStream, SlaPolicySet, Map, TimeMode, String)}, releasing the state
   * of each finished ticket once it has stayed finished with no new event for {@code retention}
   * (see the class comment); events for released tickets go to the side output {@link #RELEASED}.
   * Adding a retention to a job restores its savepoint (the state of tickets finished before then
   * is released only after their next event).
   *
   * @param events ticket events with event-time timestamps and watermarks (for {@link
   *     TimeMode#EVENT_TIME}), typed with {@link ServicekitTypes#ticketEvents()}
   * @param set the policy set
   * @param calendars calendar key to calendar, unions and intersections included
   * @param mode what time drives the timers and measures the retention
   * @param uid the operator's uid and name: 1 to 64 ASCII letters, digits or {@code -}, unique in
   *     the job
   * @param retention how long a finished ticket is kept: at least one millisecond, at most {@code
   *     Long.MAX_VALUE} ms (truncated to milliseconds)
   * @return the transitions, typed with {@link ServicekitTypes#slaTransitions()}
   * @throws IllegalArgumentException if {@code uid} or {@code retention} breaks its rule (zero,
   *     negative, or beyond {@code Long.MAX_VALUE} ms such as {@link
   *     java.time.temporal.ChronoUnit#FOREVER}) or a calendar key of the set is not mapped
   */
  public static SingleOutputStreamOperator<SlaTransition> transitions(
      DataStream<TicketEvent> events,
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      String uid,
      Duration retention) {
    Objects.requireNonNull(events, "events");
    OperatorIds.check("uid", uid);
    return keyed(events, function(set, calendars, mode, retention), uid);
  }

  /**
   * As {@link #transitions(DataStream, SlaPolicySet, Map, TimeMode, String)}, with the settings of
   * {@code options}: a retention of finished tickets (as {@link #transitions(DataStream,
   * SlaPolicySet, Map, TimeMode, String, Duration)}) and a bound on how far ahead an event may be
   * (see the class comment). {@code Options.defaults()} builds the operator of the five-argument
   * overload; none of the options adds keyed state beyond what the retention adds, so a savepoint
   * restores whatever the {@code maxEventSkew}.
   *
   * @param events ticket events with event-time timestamps and watermarks (for {@link
   *     TimeMode#EVENT_TIME}), typed with {@link ServicekitTypes#ticketEvents()}
   * @param set the policy set
   * @param calendars calendar key to calendar, unions and intersections included
   * @param mode what time drives the timers, measures the retention and bounds the skew
   * @param uid the operator's uid and name: 1 to 64 ASCII letters, digits or {@code -}, unique in
   *     the job
   * @param options the retention, the event skew bound and the live clock cache, each optional
   * @return the transitions, typed with {@link ServicekitTypes#slaTransitions()}
   * @throws IllegalArgumentException if {@code uid} breaks its rule or a calendar key of the set is
   *     not mapped
   */
  public static SingleOutputStreamOperator<SlaTransition> transitions(
      DataStream<TicketEvent> events,
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      String uid,
      Options options) {
    Objects.requireNonNull(events, "events");
    OperatorIds.check("uid", uid);
    return keyed(events, function(set, calendars, mode, options), uid);
  }

  /**
   * As {@link #transitions(DataStream, SlaPolicySet, Map, TimeMode, String, Options)}, for a stream
   * of events and corrections ({@link TicketInput}, typed by {@link
   * ServicekitTypes#ticketInputs()}) keyed by ticket id: see the class comment on corrections. The
   * operator (uid, state, timers) is the same, so a job moves from {@code transitions} to this
   * method, or back, through a savepoint.
   *
   * @param inputs the ticket events and corrections
   * @param set the policy set
   * @param calendars calendar key to calendar
   * @param mode what time drives the timers
   * @param uid the operator uid and name (1 to 64 ASCII letters, digits or {@code -})
   * @param options retention, skew bound and live clock cache
   * @return the transitions, with the side outputs {@link #REJECTED} and {@link #RELEASED}
   * @throws IllegalArgumentException if the uid breaks its rule, naming it
   */
  public static SingleOutputStreamOperator<SlaTransition> transitionsWithCorrections(
      DataStream<TicketInput> inputs,
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      String uid,
      Options options) {
    Objects.requireNonNull(inputs, "inputs");
    OperatorIds.check("uid", uid);
    return keyed(inputs, functionWithCorrections(set, calendars, mode, options), uid);
  }

  /**
   * The function of {@link #transitionsWithCorrections}, for a stream keyed by ticket id.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar
   * @param mode what time drives the timers
   * @param options retention, skew bound and live clock cache
   * @return the function
   */
  public static KeyedProcessFunction<String, TicketInput, SlaTransition> functionWithCorrections(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, TimeMode mode, Options options) {
    Objects.requireNonNull(options, "options");
    return new SlaClockFunction<>(
        set, calendars, mode, options.retention, options.maxEventSkew, options.liveClockCache);
  }

  private static <I extends TicketInput> SingleOutputStreamOperator<SlaTransition> keyed(
      DataStream<I> events, KeyedProcessFunction<String, I, SlaTransition> f, String uid) {
    var keyed = events.keyBy(TicketInput::ticketId);
    // the operator of SlaClockFunction checkpoints the watermark, restored as a floor
    SingleOutputStreamOperator<SlaTransition> out =
        f instanceof SlaClockFunction<I> clocks
            ? keyed.transform(uid, ServicekitTypes.slaTransitions(), clocks.operator())
            : keyed.process(f, ServicekitTypes.slaTransitions());
    return out.name(uid).uid(uid);
  }

  /**
   * The keyed process function itself, for a job that keys the stream itself (the key must be the
   * ticket id). Run with {@code process}, it has no watermark floor after a restore, which the
   * operator of {@link #transitions} restores: a correction or late event replayed before the first
   * watermark is then evaluated at the record's timestamp, so its transitions may carry another
   * {@code at} than before the failure.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, unions and intersections included (the function
   *     ships each rule-based part as {@link dev.servicekit.sla.CalendarJson} and combines them
   *     again on the task)
   * @param mode what time drives the timers
   * @return a new function
   * @throws IllegalArgumentException if a calendar key of the set is not mapped
   */
  public static KeyedProcessFunction<String, TicketEvent, SlaTransition> function(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, TimeMode mode) {
    return new SlaClockFunction<>(set, calendars, mode);
  }

  /**
   * The keyed process function with a retention of finished tickets (see the class comment), for a
   * job that keys the stream itself (the key must be the ticket id: a record of another ticket is
   * rejected on arrival, counted and sent to {@link #REJECTED}, before any state changes).
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, unions and intersections included
   * @param mode what time drives the timers and measures the retention
   * @param retention how long a finished ticket is kept: at least one millisecond, at most {@code
   *     Long.MAX_VALUE} ms (truncated to milliseconds)
   * @return a new function
   * @throws IllegalArgumentException if {@code retention} is zero, negative or beyond {@code
   *     Long.MAX_VALUE} ms, or a calendar key of the set is not mapped
   */
  public static KeyedProcessFunction<String, TicketEvent, SlaTransition> function(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      Duration retention) {
    return new SlaClockFunction<>(
        set, calendars, mode, Objects.requireNonNull(retention, "retention"));
  }

  /**
   * The keyed process function with the settings of {@code options}, for a job that keys the stream
   * itself (the key must be the ticket id: a record of another ticket is rejected on arrival,
   * counted and sent to {@link #REJECTED}, before any state changes).
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, unions and intersections included
   * @param mode what time drives the timers, measures the retention and bounds the skew
   * @param options the retention, the event skew bound and the live clock cache, each optional
   * @return a new function
   * @throws IllegalArgumentException if a calendar key of the set is not mapped
   */
  public static KeyedProcessFunction<String, TicketEvent, SlaTransition> function(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, TimeMode mode, Options options) {
    Objects.requireNonNull(options, "options");
    return new SlaClockFunction<>(
        set, calendars, mode, options.retention, options.maxEventSkew, options.liveClockCache);
  }

  /**
   * Optional settings of the SLA clock operator. Immutable and thread-safe: each setter returns a
   * new instance. Start from {@link #defaults()} (no retention, no skew bound, no live clock cache:
   * the behaviour of the overloads without options).
   */
  public static final class Options {
    private static final Options DEFAULTS = new Options(null, null, 0);

    private final Duration retention;
    private final Duration maxEventSkew;
    private final int liveClockCache;

    private Options(Duration retention, Duration maxEventSkew, int liveClockCache) {
      this.retention = retention;
      this.maxEventSkew = maxEventSkew;
      this.liveClockCache = liveClockCache;
    }

    /**
     * No retention, no skew bound and no live clock cache.
     *
     * @return the default options
     */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * Releases finished tickets after {@code retention} with no new event (see the class comment of
     * {@link FlinkSlaClocks}).
     *
     * @param retention at least one millisecond, at most {@code Long.MAX_VALUE} ms (truncated to
     *     milliseconds)
     * @return new options with this retention
     * @throws IllegalArgumentException if zero, negative or beyond {@code Long.MAX_VALUE} ms (such
     *     as {@link java.time.temporal.ChronoUnit#FOREVER}), naming {@code retention}
     */
    public Options retention(Duration retention) {
      SlaClockFunction.checkRetention(retention);
      return new Options(retention, maxEventSkew, liveClockCache);
    }

    /**
     * Rejects an event whose {@code at} is more than {@code maxEventSkew} ahead of the operator's
     * time when it arrives (the wall clock, or in event time the current watermark if later, as
     * during a replay ahead of real time): counted in {@code servicekitRejectedEvents}, sent
     * unchanged to {@link FlinkSlaClocks#REJECTED}, the ticket unchanged. Events within the skew
     * and late events are unaffected. Not the watermark alone: it stands still while no record
     * comes, and earlier builds rejected the first event after a quiet period longer than the skew.
     *
     * @param maxEventSkew at least one millisecond, at most {@code Long.MAX_VALUE} ms (truncated to
     *     milliseconds)
     * @return new options with this bound
     * @throws IllegalArgumentException if zero, negative or beyond {@code Long.MAX_VALUE} ms (such
     *     as {@link java.time.temporal.ChronoUnit#FOREVER}), naming {@code maxEventSkew}
     */
    public Options maxEventSkew(Duration maxEventSkew) {
      SlaClockFunction.checkMillis(maxEventSkew, "maxEventSkew");
      return new Options(retention, maxEventSkew, liveClockCache);
    }

    /**
     * Keeps the live {@link SlaClock} of up to {@code maxTickets} tickets per parallel instance
     * (least recently used evicted), so that an event of a ticket whose clock is cached is applied
     * to it instead of restoring the clock from its snapshot in keyed state (decode and replay of
     * the whole ticket, {@code O(events)}). Keyed state stays the source of truth: a cached clock
     * is used only if the state's current snapshot bytes are those it was last written as (the same
     * array or equal contents); otherwise (a restore, a release, a clock written by another path)
     * the clock is restored from state as without the cache. The snapshot written, the transitions,
     * side outputs, timers and metrics are those without the cache. Memory: per cached ticket its
     * live clock (about 2.1 KB for a 20-event ticket, about 150 bytes per event on long tickets),
     * plus on RocksDB a copy of its snapshot (tens of bytes per event); the heap backend shares the
     * array it holds. No keyed state is added: a savepoint restores whatever the setting.
     *
     * @param maxTickets tickets cached per parallel instance, 0 for no cache (the default)
     * @return new options with this cache size
     * @throws IllegalArgumentException if negative, naming {@code liveClockCache}
     */
    public Options liveClockCache(int maxTickets) {
      SlaClockFunction.checkLiveClockCache(maxTickets);
      return new Options(retention, maxEventSkew, maxTickets);
    }

    /**
     * The retention, if set.
     *
     * @return the retention
     */
    public java.util.Optional<Duration> retention() {
      return java.util.Optional.ofNullable(retention);
    }

    /**
     * The skew bound, if set.
     *
     * @return the bound
     */
    public java.util.Optional<Duration> maxEventSkew() {
      return java.util.Optional.ofNullable(maxEventSkew);
    }

    /**
     * The live clock cache's size per parallel instance, 0 if off.
     *
     * @return the number of tickets cached
     */
    public int liveClockCache() {
      return liveClockCache;
    }

    @Override
    public String toString() {
      return "Options[retention="
          + retention
          + ", maxEventSkew="
          + maxEventSkew
          + ", liveClockCache="
          + liveClockCache
          + "]";
    }
  }
}
