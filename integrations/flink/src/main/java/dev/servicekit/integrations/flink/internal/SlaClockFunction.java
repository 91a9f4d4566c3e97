package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.FlinkSlaClocks;
import dev.servicekit.integrations.flink.TimeMode;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EventAnomaly;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The SLA clock of each ticket, keyed by ticket id. Keyed state: the clock as its {@link
 * SlaClockSnapshot} bytes, the last reported state of each cycle, the pending events (event time:
 * accepted once the watermark reaches them) and the registered transition timer.
 *
 * <p>Event time: an event at {@code t} waits in state until the watermark passes {@code ceil(t)}
 * (in milliseconds); then all events due are accepted and the clock is evaluated at that timer's
 * instant. Waiting events are taken in arrival order per id, as a clock fed in arrival order takes
 * them: of two waiting with one id, the first to arrive is the ticket's, an equal later one is a
 * duplicate and another content is refused (counted in {@code servicekitRejectedEvents}, sent to
 * {@link FlinkSlaClocks#REJECTED}) when the first timer of the ticket fires after it arrived; a
 * late event whose id is waiting is a duplicate or refused at once. The transition timer is an
 * event-time timer at {@code ceil(nextTransition)}. An event already behind the watermark (late) is
 * accepted at once and evaluated at the later of the watermark and the ticket's latest event.
 * Processing time: events are accepted at once and evaluated at the later of the wall clock and the
 * ticket's latest event; the transition timer is a processing-time timer.
 *
 * <p>Retention (when set): an evaluation that finds the ticket {@link
 * dev.servicekit.sla.SlaPolicySet#isFinished finished} sets a release deadline {@code retention}
 * after its instant (refreshed when it follows a new event, dropped by an evaluation that finds the
 * ticket unfinished), as a timer of the mode's time. When that timer fires with nothing new
 * applied, every piece of the ticket's state is cleared (its events still waiting for the watermark
 * go to {@link FlinkSlaClocks#RELEASED}) and a marker (the release instant) stays, so that a later
 * event for the ticket goes to {@link FlinkSlaClocks#RELEASED}, counted, instead of starting a new
 * clock.
 *
 * <p>Corrections ({@link EventCorrection}, with {@code I} = {@link TicketInput}) apply at arrival
 * to what the ticket has received so far: its clock and its events still waiting for the watermark.
 * A retraction removes the event with its id from both; a replacement stands in for it (waiting for
 * the watermark if it is stamped ahead of it, as a new event would). The corrected clock is
 * evaluated at the later of the operator's time (in event time before the first watermark, the
 * correction record's timestamp) and its latest event before or after the correction, and its
 * cycles diffed against the reported states by {@link Reported#diffCorrected} (changes in either
 * direction, withdrawn cycles). A correction that matches nothing is counted ({@code
 * servicekitUnmatchedCorrections}); a replacement the clock would reject goes to {@link
 * FlinkSlaClocks#REJECTED}. Retracting everything clears the ticket's state. No state is added.
 *
 * @param <I> the input: {@link TicketEvent}, or {@link TicketInput} with corrections
 */
public final class SlaClockFunction<I extends TicketInput>
    extends KeyedProcessFunction<String, I, SlaTransition> implements WatermarkFloor {

  private static final long serialVersionUID = 1L;

  /** The watermark restored by {@link WatermarkFloorOperator}, Long.MIN_VALUE for none. */
  private long watermarkFloor = Long.MIN_VALUE; // not transient: serialized as MIN_VALUE

  /** The most transitions {@link #fireExact} fires for one timer before it fails the ticket. */
  private static final int MAX_EXACT_FIRINGS = 100_000;

  /** The first millisecond at which no clock can be evaluated. */
  private static final long SUPPORTED_END_MILLIS = BusinessCalendar.SUPPORTED_END.toEpochMilli();

  private final String policyJson;
  private final HashMap<String, CalendarForm> calendarForms;
  private final TimeMode mode;
  private final long retentionMillis; // 0: no retention
  private final long maxSkewMillis; // 0: no bound
  private final int liveClockCache; // 0: off

  private transient SlaPolicySet set;
  private transient Map<String, BusinessCalendar> calendars;
  private transient ValueState<byte[]> clockState;
  private transient ValueState<byte[]> reportedState;
  private transient ValueState<Long> dueState;
  // Event time: the instant of the ticket's last evaluation (a restored job starts with no
  // watermark, and a pending event's timer fires at its own time, before what the ticket reported
  // then; every evaluation is made at this instant at least). Null in processing time.
  private transient ValueState<Long> evaluatedState;
  private transient ListState<TicketEvent> pendingState;
  // While a late event is evaluated: the keys its clock's cycles had before it (a late call
  // renumbers the calls' answer-time cycles, and the reported state holds no keys), else null.
  private transient Map<String, String> keysBefore;
  private transient ValueState<Long> releaseState;
  private transient ValueState<Long> releasedState;
  private transient Counter rejected;
  private transient Counter orphanTickets;
  private transient Counter unmatchedCorrections;
  private transient Counter eventAnomalies;
  // The anomalies of the last evaluation evaluateWritten made, else null (see reportAnomalies).
  private transient List<EventAnomaly> evaluatedAnomalies;
  private transient Counter releasedTickets;
  private transient Counter releasedEvents;
  private transient List<SlaTransition> out;
  private transient LiveClocks live; // null: no cache
  private transient Counter liveHits;
  private transient Counter liveMisses;

  /** Whether the last {@link #load} found no clock in state (a ticket's first applied event). */
  private transient boolean loadedNew;

  /**
   * Creates the function.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}
   * @param mode what time drives the timers
   */
  public SlaClockFunction(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, TimeMode mode) {
    this(set, calendars, mode, null, null);
  }

  /**
   * Creates the function with a retention of finished tickets.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}
   * @param mode what time drives the timers
   * @param retention how long a finished ticket is kept with no new event, or null to keep every
   *     ticket
   * @throws IllegalArgumentException if {@code retention} is shorter than one millisecond or longer
   *     than {@code Long.MAX_VALUE} ms
   */
  public SlaClockFunction(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      Duration retention) {
    this(set, calendars, mode, retention, null);
  }

  /**
   * Creates the function with a retention of finished tickets and a bound on how far ahead of the
   * operator's time an event may be.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}
   * @param mode what time drives the timers
   * @param retention how long a finished ticket is kept with no new event, or null to keep every
   *     ticket
   * @param maxEventSkew how far an event's time may be ahead of the current watermark (event time)
   *     or the wall clock (processing time), or null for no bound
   * @throws IllegalArgumentException if {@code retention} or {@code maxEventSkew} is shorter than
   *     one millisecond or longer than {@code Long.MAX_VALUE} ms, naming it
   */
  public SlaClockFunction(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      Duration retention,
      Duration maxEventSkew) {
    this(set, calendars, mode, retention, maxEventSkew, 0);
  }

  /**
   * Creates the function with a retention, a skew bound and a cache of live clocks.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}
   * @param mode what time drives the timers
   * @param retention how long a finished ticket is kept with no new event, or null to keep every
   *     ticket
   * @param maxEventSkew how far an event's time may be ahead of the operator's time, or null for no
   *     bound
   * @param liveClockCache how many tickets' live clocks each instance keeps (least recently used
   *     evicted), 0 for none
   * @throws IllegalArgumentException if {@code retention} or {@code maxEventSkew} is shorter than
   *     one millisecond or longer than {@code Long.MAX_VALUE} ms, or {@code liveClockCache} is
   *     negative, naming it
   */
  public SlaClockFunction(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      TimeMode mode,
      Duration retention,
      Duration maxEventSkew,
      int liveClockCache) {
    this.liveClockCache = checkLiveClockCache(liveClockCache);
    this.retentionMillis = retention == null ? 0 : checkRetention(retention);
    this.maxSkewMillis = maxEventSkew == null ? 0 : checkMillis(maxEventSkew, "maxEventSkew");
    this.policyJson = SlaPolicyJson.write(Objects.requireNonNull(set, "set"));
    // Any calendar, unions and intersections included, ships as its rule-based parts' JSON.
    this.calendarForms = CalendarForm.of(Objects.requireNonNull(calendars, "calendars"));
    this.mode = Objects.requireNonNull(mode, "mode");
    SlaClock.of(set, calendars, "validate"); // fail at job construction, not at the first event
  }

  @Override
  public void open(OpenContext context) {
    set = SlaPolicyJson.read(policyJson);
    calendars = CalendarForm.calendars(calendarForms);
    clockState =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "sla-clock", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    reportedState =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "sla-reported", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    dueState = getRuntimeContext().getState(new ValueStateDescriptor<>("sla-due", Types.LONG));
    if (mode == TimeMode.EVENT_TIME) {
      evaluatedState =
          getRuntimeContext().getState(new ValueStateDescriptor<>("sla-evaluated", Types.LONG));
    }
    pendingState =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    "sla-pending",
                    new SimpleTypeInfo<>(TicketEvent.class, TicketEventSerializer.INSTANCE)));
    rejected = getRuntimeContext().getMetricGroup().counter("servicekitRejectedEvents");
    orphanTickets = getRuntimeContext().getMetricGroup().counter("servicekitOrphanTickets");
    unmatchedCorrections =
        getRuntimeContext().getMetricGroup().counter("servicekitUnmatchedCorrections");
    eventAnomalies = getRuntimeContext().getMetricGroup().counter("servicekitEventAnomalies");
    if (retentionMillis > 0) {
      // Registered only with a retention, so a job without one has the state of earlier builds.
      releaseState =
          getRuntimeContext().getState(new ValueStateDescriptor<>("sla-release", Types.LONG));
      releasedState =
          getRuntimeContext().getState(new ValueStateDescriptor<>("sla-released", Types.LONG));
      releasedTickets = getRuntimeContext().getMetricGroup().counter("servicekitReleasedTickets");
      releasedEvents =
          getRuntimeContext().getMetricGroup().counter("servicekitReleasedTicketEvents");
    }
    out = new ArrayList<>();
    // A new cache on every open: a restored or re-opened instance starts with none (an entry would
    // not be used anyway unless its bytes are the state's).
    live = liveClockCache > 0 ? new LiveClocks(liveClockCache) : null;
    if (live != null) {
      liveHits = getRuntimeContext().getMetricGroup().counter("servicekitLiveClockHits");
      liveMisses = getRuntimeContext().getMetricGroup().counter("servicekitLiveClockMisses");
    }
  }

  /**
   * Returns the size of the live clock cache.
   *
   * @param maxTickets the setting
   * @return it, if at least 0
   * @throws IllegalArgumentException if negative, naming the setting
   */
  public static int checkLiveClockCache(int maxTickets) {
    if (maxTickets < 0) {
      throw new IllegalArgumentException(
          "liveClockCache must be at least 0 (0: no cache), was " + maxTickets);
    }
    return maxTickets;
  }

  @Override
  public void processElement(I input, Context ctx, Collector<SlaTransition> collector)
      throws Exception {
    if (!input.ticketId().equals(ctx.getCurrentKey())) {
      // A stream keyed other than by ticket id (function(...) with the job's own keyBy): the
      // record is refused before it touches the key's state, as Kafka refuses a record keyed other
      // than its ticket. Earlier builds kept such an event waiting and retracted or replaced the
      // event of the same id in the key's ticket.
      String why =
          "the operator's key "
              + Strings.excerpt(String.valueOf(ctx.getCurrentKey()))
              + " is not the "
              + (input instanceof TicketEvent ? "event" : "correction")
              + "'s ticketId "
              + Strings.excerpt(input.ticketId())
              + ": key the stream by ticket id";
      if (input instanceof EventCorrection c) {
        if (c.replacement().isPresent()) {
          reject(ctx, c.replacement().get(), why);
        } else {
          rejected.inc();
          ctx.output(FlinkSlaClocks.REJECTION_REASONS, RejectionReason.ofRetraction(c, why));
        }
      } else {
        reject(ctx, (TicketEvent) input, why);
      }
      return;
    }
    if (input instanceof EventCorrection correction) {
      correct(correction, ctx, collector);
      return;
    }
    TicketEvent event = (TicketEvent) input;
    if (maxSkewMillis > 0 && tooFarAhead(event, ctx)) {
      // Not applied (nor kept waiting for the watermark): the ticket is unchanged.
      reject(ctx, event, tooFarAheadReason(event, ctx));
      return;
    }
    if (ceilMillis(event.at()) >= SUPPORTED_END_MILLIS) {
      // In the last millisecond before 2300: its timer, or an evaluation at its time rounded up to
      // the millisecond, lies past the clocks' range. Refused and counted, not a failed job (a
      // review found the task failing on it at every restart).
      reject(ctx, event, lastMillisecond(event));
      return;
    }
    if (retentionMillis > 0 && released(ctx)) {
      releasedEvent(event, ctx);
      return;
    }
    if (mode == TimeMode.EVENT_TIME) {
      long wm = watermark(ctx);
      long t = ceilMillis(event.at());
      if (t > wm) {
        pendingState.add(event);
        ctx.timerService().registerEventTimeTimer(t);
        return;
      }
      // late: behind the watermark
      if (wm >= SUPPORTED_END_MILLIS) {
        // A record stamped centuries ahead moved the watermark past the clocks' range: no clock
        // can be evaluated there, so the event is rejected (the ticket unchanged), not fatal.
        reject(ctx, event, watermarkPastRange(wm));
        return;
      }
      String ticket = ctx.getCurrentKey();
      Iterable<TicketEvent> pending = pendingState.get();
      if (pending != null) {
        for (TicketEvent e : pending) {
          if (e.id().equals(event.id())) {
            if (e.equals(event)) {
              return; // a duplicate of the waiting content
            }
            String refusal = refusal(e, ticket);
            if (refusal == null) {
              // Its id waits for the watermark (a replacement stamped ahead of it). The clock
              // judges first: a redelivery of the content it holds is a duplicate, another one it
              // refuses; if it holds no such id, the waiting content arrived first and owns it.
              LiveClocks.Live held = load(ticket);
              boolean fresh;
              try {
                fresh = held.clock.accept(event);
              } catch (IllegalArgumentException otherContent) {
                keep(ticket, held); // unchanged: accept validates before changing anything
                reject(ctx, event, otherContent.getMessage());
                return;
              }
              if (fresh) {
                // taken back: the clock equals its state again, though not byte for byte, so it
                // leaves the cache and the next event restores it from its state
                held.clock.retract(event.id());
                reject(ctx, event, takenBy(e, event, ticket));
              } else {
                keep(ticket, held); // a duplicate of what the clock holds: ignored
              }
              return;
            }
            // the waiting content is one the clock refuses: refused now, and this one goes on
            List<TicketEvent> keep = new ArrayList<>();
            for (TicketEvent w : pending) {
              if (w != e) {
                keep.add(w);
              }
            }
            pendingState.update(keep);
            reject(ctx, e, refusal);
            break;
          }
        }
      }
      LiveClocks.Live clock = load(ticket);
      Map<String, String> keys =
          keysBeforeLate(clock, event, Math.max(wm, ceilMillis(clock.latest)));
      List<EventAnomaly> prior = anomaliesOf(clock);
      if (!accept(clock, event, ctx)) {
        keep(ticket, clock); // unchanged: a duplicate, or rejected
        return;
      }
      evaluateLate(ticket, clock, Math.max(wm, ceilMillis(clock.latest)), ctx, collector, keys);
      reportAnomalies(ticket, prior, ctx);
      return;
    }
    String ticket = ctx.getCurrentKey();
    LiveClocks.Live clock = load(ticket);
    long now = ctx.timerService().currentProcessingTime();
    // in processing time an event older than the clock's latest is late as well
    Map<String, String> keys =
        keysBeforeLate(clock, event, Math.max(now, ceilMillis(clock.latest)));
    List<EventAnomaly> prior = anomaliesOf(clock);
    if (!accept(clock, event, ctx)) {
      keep(ticket, clock);
      return;
    }
    evaluateLate(ticket, clock, Math.max(now, ceilMillis(clock.latest)), ctx, collector, keys);
    reportAnomalies(ticket, prior, ctx);
  }

  /**
   * The anomalies of the clock's evaluation at its latest event (none before its {@code Created}):
   * taken before a record changes the clock, to report those the record adds ({@link
   * #reportAnomalies}).
   */
  private static List<EventAnomaly> anomaliesOf(LiveClocks.Live clock) {
    if (clock.empty) {
      return List.of();
    }
    try {
      return clock.clock.evaluate(clock.latest).anomalies();
    } catch (IllegalStateException noCreatedEventYet) {
      return List.of();
    }
  }

  /**
   * Sends each anomaly the last evaluation has and {@code prior} has not ({@link
   * EventAnomaly#added}) to {@link dev.servicekit.integrations.flink.FlinkSlaClocks#ANOMALIES} as
   * its {@link EventAnomaly#toJson(String)} line, and counts it; nothing if no evaluation was made.
   */
  private void reportAnomalies(String ticket, List<EventAnomaly> prior, Context ctx) {
    List<EventAnomaly> now = evaluatedAnomalies;
    evaluatedAnomalies = null;
    if (now == null) {
      return;
    }
    for (EventAnomaly a : EventAnomaly.added(prior, now)) {
      ctx.output(FlinkSlaClocks.ANOMALIES, a.toJson(ticket));
      eventAnomalies.inc();
    }
  }

  /**
   * With a retention: whether the ticket is released, releasing it first if its deadline passed and
   * its timer has not fired yet (processing time).
   */
  private boolean released(Context ctx) throws Exception {
    if (releasedState.value() == null) {
      Long release = releaseState.value();
      long now =
          mode == TimeMode.EVENT_TIME ? watermark(ctx) : ctx.timerService().currentProcessingTime();
      if (release != null && release <= now) {
        release(release, ctx); // its timer is due but has not fired yet (processing time)
      }
    }
    return releasedState.value() != null;
  }

  /** Applies a correction, as the class documentation describes. */
  private void correct(EventCorrection c, Context ctx, Collector<SlaTransition> collector)
      throws Exception {
    TicketEvent replacement = c.replacement().orElse(null);
    if (replacement != null && maxSkewMillis > 0 && tooFarAhead(replacement, ctx)) {
      reject(ctx, replacement, tooFarAheadReason(replacement, ctx));
      return;
    }
    if (retentionMillis > 0 && released(ctx)) {
      // as an event for a released ticket: counted, and a replacement's event routed
      releasedEvents.inc();
      if (replacement != null) {
        ctx.output(FlinkSlaClocks.RELEASED, replacement);
      }
      return;
    }
    String ticket = ctx.getCurrentKey();
    boolean eventTime = mode == TimeMode.EVENT_TIME;
    long now = eventTime ? watermark(ctx) : ctx.timerService().currentProcessingTime();
    if (eventTime && now == Long.MIN_VALUE && ctx.timestamp() != null) {
      // No watermark yet (a job started or restored: Flink does not checkpoint watermarks): the
      // correction's own timestamp stands for the operator's time, so that it is not evaluated
      // before what the ticket reported before the restore.
      now = ctx.timestamp();
    }
    String refusal = replacement == null ? null : refusal(replacement, ticket);
    if (refusal != null || (eventTime && now >= SUPPORTED_END_MILLIS)) {
      // checked before anything changes: the clock would reject it, or no clock can be evaluated
      // at the watermark (a record stamped centuries ahead moved it)
      if (replacement != null) {
        reject(ctx, replacement, refusal != null ? refusal : watermarkPastRange(now));
      } else { // a retraction: no event to send to REJECTED, its reason still told
        rejected.inc();
        ctx.output(
            FlinkSlaClocks.REJECTION_REASONS,
            RejectionReason.ofRetraction(c, watermarkPastRange(now)));
      }
      return;
    }
    // The ticket's events still waiting for the watermark, less the corrected one.
    List<TicketEvent> waiting = new ArrayList<>();
    List<TicketEvent> ofId = new ArrayList<>(1); // the corrected id's waiting contents, in order
    if (eventTime) {
      Iterable<TicketEvent> pending = pendingState.get();
      if (pending != null) {
        for (TicketEvent e : pending) {
          (e.id().equals(c.eventId()) ? ofId : waiting).add(e);
        }
      }
    }
    boolean inWaiting = !ofId.isEmpty();
    LiveClocks.Live clock = load(ticket);
    // The correction takes every waiting content of its id; those that would have been refused
    // when the watermark reached them are counted now: all but the id's owner among them (see
    // owners()), or, when the clock already holds an event of the id (applied before they came),
    // every one that is not a copy of it, as the clock refuses them and Kafka's did at arrival.
    // (Until now the waiting one was then taken as the id's owner and dropped without a count.)
    List<Refused> refusedContents = new ArrayList<>();
    TicketEvent applied = inWaiting && !clock.empty ? ofIdIn(clock.clock, c.eventId()) : null;
    if (applied == null) {
      owners(ofId, ticket, refusedContents);
    } else {
      for (TicketEvent e : ofId) {
        if (!applied.equals(e)) {
          refusedContents.add(new Refused(e, takenBy(applied, e, ticket)));
        }
      }
    }
    long atBefore = Math.max(now, ceilMillis(clock.latest));
    // The cycles as before the correction, for those it takes away (their metric, index, key).
    SlaEvaluation before =
        clock.empty || reportedState.value() == null ? null : evaluateOrNull(clock.clock, atBefore);
    List<EventAnomaly> prior = anomaliesOf(clock);
    boolean inClock;
    boolean replacementWaits = false;
    if (replacement == null) {
      inClock = clock.clock.retract(c.eventId());
    } else if (eventTime && ceilMillis(replacement.at()) > now) {
      // stamped ahead of the watermark: it waits for it, as a new event does
      inClock = clock.clock.retract(c.eventId());
      replacementWaits = inClock || inWaiting;
    } else {
      inClock = clock.clock.replace(replacement);
      if (!inClock && inWaiting) {
        inClock = clock.clock.accept(replacement); // the waiting one was not applied yet
      }
    }
    if (!inClock && !inWaiting) {
      keep(ticket, clock);
      unmatchedCorrections.inc();
      return;
    }
    for (Refused r : refusedContents) {
      reject(ctx, r.event(), r.reason());
    }
    if (inWaiting || replacementWaits) {
      if (replacementWaits) {
        waiting.add(replacement);
        ctx.timerService().registerEventTimeTimer(ceilMillis(replacement.at()));
      }
      pendingState.update(waiting);
    }
    if (!inClock) {
      keep(ticket, clock); // only a waiting event changed
      return;
    }
    List<TicketEvent> left = clock.clock.events();
    clock.written = null;
    clock.latest = latestOrMin(left);
    clock.empty = left.isEmpty();
    if (clock.empty && waiting.isEmpty() && !replacementWaits) {
      // Nothing left: the ticket is as never seen, its reported cycles withdrawn.
      withdrawAll(ticket, clock, before, atBefore, collector);
      Long due = dueState.value();
      if (due != null) {
        deleteTimer(ctx.timerService(), due);
      }
      if (retentionMillis > 0) {
        Long release = releaseState.value();
        if (release != null) {
          deleteTimer(ctx.timerService(), release);
        }
        releaseState.clear();
      }
      clockState.clear();
      dueState.clear();
      if (evaluatedState != null) {
        evaluatedState.clear();
      }
      if (live != null) {
        live.remove(ticket);
      }
      return;
    }
    long at = Math.max(atBefore, ceilMillis(clock.latest)); // never before the last evaluation
    evaluate(ticket, clock, at, ctx.timerService(), collector, true, true, before);
    reportAnomalies(ticket, prior, ctx);
  }

  /**
   * Waiting events taken per id in arrival order, as a clock fed in arrival order takes them: of
   * one id's contents the first the clock accepts owns the id (a lone content owns it unchecked), a
   * copy of the owner is dropped, and every other arrival is added to {@code refused} (a
   * redelivered original after its replacement, a content the clock refuses; each copy of it).
   * Returns the owners, each id at its first arrival's place.
   */
  private List<TicketEvent> owners(List<TicketEvent> events, String ticket, List<Refused> refused) {
    Map<String, List<TicketEvent>> byId = new LinkedHashMap<>();
    for (TicketEvent e : events) {
      byId.computeIfAbsent(e.id(), k -> new ArrayList<>(1)).add(e);
    }
    List<TicketEvent> owners = new ArrayList<>(byId.size());
    for (List<TicketEvent> contents : byId.values()) {
      if (contents.size() == 1) {
        owners.add(contents.get(0));
        continue;
      }
      // The first acceptable content owns the id; a copy of it is a duplicate, and every other
      // arrival is refused and counted, copies of a refused content too (each was a record, and
      // refused one by one had it arrived after the owner was applied).
      TicketEvent owner = null;
      for (TicketEvent e : contents) {
        if (owner != null) {
          if (!owner.equals(e)) {
            refused.add(new Refused(e, takenBy(owner, e, ticket)));
          }
          continue;
        }
        String why = refusal(e, ticket);
        if (why == null) {
          owner = e;
        } else {
          refused.add(new Refused(e, why));
        }
      }
      if (owner != null) {
        owners.add(owner);
      }
    }
    return owners;
  }

  /**
   * Why the clock would refuse {@code e} (its ticket, status and keys), on a scratch clock; null if
   * it would accept it.
   */
  private String refusal(TicketEvent e, String ticket) {
    if (ceilMillis(e.at()) >= SUPPORTED_END_MILLIS) {
      return lastMillisecond(e); // its millisecond timer, or an evaluation at it, is past the range
    }
    try {
      SlaClock.of(set, calendars, ticket).accept(e);
      return null;
    } catch (IllegalArgumentException rejectedEvent) {
      return rejectedEvent.getMessage();
    }
  }

  /** The event of {@code clock} with id {@code id}, or null. {@code O(events)}. */
  private static TicketEvent ofIdIn(SlaClock clock, String id) {
    for (TicketEvent e : clock.events()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    return null;
  }

  /** A waiting event refused, and why. */
  private record Refused(TicketEvent event, String reason) {}

  /**
   * Counts a rejected event and sends it unchanged to {@link FlinkSlaClocks#REJECTED}, and why to
   * {@link FlinkSlaClocks#REJECTION_REASONS}.
   */
  private void reject(Context ctx, TicketEvent e, String reason) {
    rejected.inc();
    ctx.output(FlinkSlaClocks.REJECTED, e);
    ctx.output(FlinkSlaClocks.REJECTION_REASONS, RejectionReason.of(e, reason));
  }

  /**
   * Why {@code e} is refused when {@code owner}, another content of its id, arrived first: the
   * clock's own message for it, as Kafka's dead-letter records carry it (a clock holding {@code
   * owner} refuses {@code e}). Earlier builds worded it apart ({@code event id "X" of ticket "T"
   * holds another content, which arrived first}) when both had waited for the watermark.
   */
  private String takenBy(TicketEvent owner, TicketEvent e, String ticket) {
    SlaClock scratch = SlaClock.of(set, calendars, ticket);
    try {
      scratch.accept(owner);
      scratch.accept(e);
    } catch (IllegalArgumentException refused) {
      return refused.getMessage();
    }
    throw new IllegalStateException(
        "event id " + Strings.excerpt(e.id()) + ": two contents, and the clock took both");
  }

  private String tooFarAheadReason(TicketEvent e, Context ctx) {
    return "at "
        + e.at()
        + " is more than maxEventSkew "
        + java.time.Duration.ofMillis(maxSkewMillis)
        + " ahead of the operator's time "
        + Instant.ofEpochMilli(skewBase(ctx))
        + (mode == TimeMode.EVENT_TIME
            ? " (the later of the watermark and the wall clock)"
            : " (the wall clock)");
  }

  /**
   * What {@code maxEventSkew} measures against: the wall clock, and in event time the watermark if
   * later (during a replay). Not the watermark alone: it stands still while no record comes, so the
   * first event after a quiet period longer than the skew (the first ticket of the morning) was
   * rejected, and its ticket then had no creation.
   */
  private long skewBase(Context ctx) {
    long wall = ctx.timerService().currentProcessingTime();
    return mode == TimeMode.EVENT_TIME ? Math.max(watermark(ctx), wall) : wall;
  }

  /** Why an event in the last millisecond before the clocks' range ends is refused. */
  private static String lastMillisecond(TicketEvent e) {
    return "at "
        + e.at()
        + " is in the last millisecond before "
        + BusinessCalendar.SUPPORTED_END
        + ": its timer lies past the clocks' supported range";
  }

  private static String watermarkPastRange(long wm) {
    return "the watermark "
        + Instant.ofEpochMilli(wm)
        + " is at or past the clocks' supported end "
        + BusinessCalendar.SUPPORTED_END
        + ": no clock can be evaluated there (a record stamped far ahead moved it)";
  }

  private static SlaEvaluation evaluateOrNull(SlaClock clock, long atMillis) {
    try {
      return clock.evaluate(Instant.ofEpochMilli(atMillis));
    } catch (IllegalStateException noCreatedEventYet) {
      return null;
    }
  }

  /** After a correction left no evaluation: every reported cycle withdrawn, none left reported. */
  private void withdrawAll(
      String ticket,
      LiveClocks.Live c,
      SlaEvaluation before,
      long atMillis,
      Collector<SlaTransition> collector)
      throws Exception {
    byte[] bytes = reportedState.value();
    c.reported = null;
    if (bytes == null) {
      return;
    }
    Reported reported = Reported.fromBytes(bytes);
    reported.diffCorrected(ticket, before, null, Instant.ofEpochMilli(atMillis), out);
    reportedState.clear();
    emit(collector);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaTransition> collector)
      throws Exception {
    if (retentionMillis > 0) {
      if (releasedState.value() != null) {
        return; // a timer left from before the release: nothing is left to evaluate
      }
      Long release = releaseState.value();
      if (release != null && release <= timestamp) {
        // Released at the deadline: an event still waiting is stamped at or after it (one stamped
        // before had its own, earlier timer), so it finds the ticket released.
        release(release, ctx);
        return;
      }
    }
    String ticket = ctx.getCurrentKey();
    LiveClocks.Live clock = load(ticket);
    if (loadedNew && reportedState.value() == null && noneWaiting()) {
      // A superseded timer of a ticket whose every event was retracted (its state cleared):
      // nothing to evaluate, and evaluating would write an empty clock back, never released.
      return;
    }
    boolean fresh = false;
    List<EventAnomaly> prior = null; // before the waiting events due now are applied, if any
    Long registered = dueState.value();
    boolean transition = registered != null && registered == timestamp;
    if (mode == TimeMode.EVENT_TIME) {
      List<TicketEvent> keep = new ArrayList<>();
      List<TicketEvent> due = new ArrayList<>();
      Iterable<TicketEvent> pending = pendingState.get();
      boolean dropped = false;
      if (pending != null) {
        List<TicketEvent> all = new ArrayList<>();
        pending.forEach(all::add);
        List<Refused> refused = new ArrayList<>();
        List<TicketEvent> owners = owners(all, ticket, refused);
        for (Refused r : refused) {
          reject(ctx, r.event(), r.reason());
        }
        dropped = owners.size() != all.size();
        for (TicketEvent e : owners) {
          (ceilMillis(e.at()) <= timestamp ? due : keep).add(e);
        }
      }
      if (transition) {
        fireExact(clock, timestamp, due.isEmpty() ? null : earliest(due), collector);
      }
      if (!due.isEmpty() || dropped) {
        prior = due.isEmpty() ? null : anomaliesOf(clock);
        due.sort(TicketEvent.ORDER);
        for (TicketEvent e : due) {
          fresh |= accept(clock, e, ctx);
        }
        pendingState.update(keep);
      }
      if (loadedNew && clock.empty) {
        // Nothing was ever applied: the due events were all refused (a first event with an
        // undeclared status). A bad event changes no state: no empty clock is written (it would
        // be kept for ever, and the ticket's next event would not count as a new orphan).
        return;
      }
    }

    if (transition) {
      if (mode == TimeMode.PROCESSING_TIME) {
        fireExact(clock, timestamp, null, collector);
      }
      dueState.clear();
    }
    long at = Math.max(timestamp, ceilMillis(clock.latest));
    evaluate(ticket, clock, at, ctx.timerService(), collector, fresh);
    if (prior != null) {
      reportAnomalies(ticket, prior, ctx);
    }
  }

  /**
   * Fires the ticket's transitions due by the timer at {@code timestamp} at their exact instants,
   * as the Kafka adapter does, before the evaluation at {@code timestamp} that follows: a Flink
   * timer is a millisecond, and a breach due at {@code 11:00:00.000000001} would otherwise be
   * stamped {@code 11:00:00.001}. Only the transition timer the last evaluation registered ({@code
   * timestamp} = its next transition rounded up) is fired so: that evaluation was at a millisecond
   * before {@code timestamp} with no transition between it and {@code timestamp - 1} ms, so the
   * clock evaluated there reports what was reported and gives the exact instant. Each transition up
   * to {@code timestamp} is fired in turn, stopping after {@code limit} (the earliest event this
   * timer applies, null if none: after it, the events' evaluation at {@code timestamp} reports what
   * changed). A transition due at the instant of an event fires before the event is applied, as on
   * Kafka, where an event first fires its ticket's timers due by then: earlier builds applied the
   * event first, so a warning due at the instant of a reply came as {@code WARNING} with state
   * {@code ACHIEVED} where Kafka gave {@code WARNING} with state {@code ACTIVE} and then {@code
   * ACHIEVED}. Nothing is done before an evaluation already made (the event-time floor after a
   * restore).
   */
  private void fireExact(
      LiveClocks.Live c, long timestamp, Instant limit, Collector<SlaTransition> collector)
      throws Exception {
    if (c.empty || timestamp == Long.MIN_VALUE) {
      return;
    }
    if (evaluatedState != null) {
      Long last = evaluatedState.value();
      if (last != null && last >= timestamp) {
        return;
      }
    }
    SlaClock clock = c.clock;
    Instant end = Instant.ofEpochMilli(timestamp);
    Instant d;
    try {
      d = clock.evaluate(end.minusMillis(1)).nextTransition().orElse(null);
    } catch (IllegalStateException noCreatedEventYet) {
      return;
    }
    if (d == null || d.isAfter(end) || (limit != null && d.isAfter(limit))) {
      return;
    }
    Reported reported = reportedOf(c);
    for (int firings = 0;
        d != null && !d.isAfter(end) && (limit == null || !d.isAfter(limit));
        firings++) {
      if (firings == MAX_EXACT_FIRINGS) {
        throw new IllegalStateException(
            "ticket "
                + Strings.excerpt(clock.ticketId())
                + ": more than "
                + MAX_EXACT_FIRINGS
                + " transitions within the millisecond before "
                + end);
      }
      SlaEvaluation ev = clock.evaluate(d);
      reported.diff(ev, out);
      Instant next = ev.nextTransition().orElse(null);
      d = next != null && next.isAfter(d) ? next : null;
    }
    reportedState.update(reported.toBytes());
    c.reported = reported;
    emit(collector);
  }

  /**
   * The operator's watermark: the current one, or the one restored from the last checkpoint if
   * larger (Flink restores none: until the sources emit one after a restore it is Long.MIN_VALUE,
   * and a correction or late event replayed then was evaluated at another instant than before the
   * failure, so its transitions carried another {@code at}). Only the operator of {@link
   * dev.servicekit.integrations.flink.FlinkSlaClocks#transitions} restores one.
   */
  private long watermark(Context ctx) {
    return Math.max(ctx.timerService().currentWatermark(), watermarkFloor);
  }

  @Override
  public void watermarkFloor(long watermark, long closedThrough) {
    this.watermarkFloor = watermark;
  }

  @Override
  public long latenessMillis() {
    return 0; // nothing is emitted once and closed: the floor's watermark is all it uses
  }

  /**
   * The operator that runs this function and restores its watermark floor.
   *
   * @return a new operator
   */
  public WatermarkFloorOperator<I, SlaTransition> operator() {
    return new WatermarkFloorOperator<>(this);
  }

  /**
   * The ticket's reported state: the one kept with the live clock while the state still holds its
   * bytes (no decoding of every cycle per evaluation), else decoded from the state. Taken out of
   * the live clock: an exception before the caller writes the state back leaves it out of the
   * cache.
   */
  private Reported reportedOf(LiveClocks.Live c) throws Exception {
    byte[] bytes = reportedState.value();
    Reported reported = c.reported;
    if (reported == null || !reported.isStateOf(bytes)) {
      reported = Reported.fromBytes(bytes);
    }
    c.reported = null;
    return reported;
  }

  /** Sends the transitions collected in {@code out} and clears it. */
  private void emit(Collector<SlaTransition> collector) {
    for (SlaTransition t : out) {
      collector.collect(t);
    }
    out.clear();
  }

  /** Whether no event of the current ticket waits for the watermark. */
  private boolean noneWaiting() throws Exception {
    if (mode != TimeMode.EVENT_TIME) {
      return true;
    }
    Iterable<TicketEvent> pending = pendingState.get();
    return pending == null || !pending.iterator().hasNext();
  }

  /** The earliest instant of {@code events} (not empty). */
  private static Instant earliest(List<TicketEvent> events) {
    Instant min = events.get(0).at();
    for (TicketEvent e : events) {
      if (e.at().isBefore(min)) {
        min = e.at();
      }
    }
    return min;
  }

  /**
   * Clears every piece of the ticket's state and keeps only the released marker; its events still
   * waiting for the watermark (stamped after the deadline) go to the side output, as any later
   * event for the ticket will.
   */
  private void release(long deadline, Context ctx) throws Exception {
    org.apache.flink.streaming.api.TimerService timers = ctx.timerService();
    byte[] stored = clockState.value();
    if (stored != null) {
      // An orphan (no Created ever came): its held events go to the side output, not dropped.
      List<TicketEvent> held = SlaClockSnapshot.fromBytes(set, calendars, stored).events();
      if (held.stream().noneMatch(e -> e instanceof TicketEvent.Created)) {
        for (TicketEvent e : held) {
          releasedEvent(e, ctx);
        }
      }
    }
    Iterable<TicketEvent> pending = pendingState.get();
    if (pending != null) {
      for (TicketEvent e : pending) {
        timers.deleteEventTimeTimer(ceilMillis(e.at()));
        releasedEvent(e, ctx);
      }
    }
    Long due = dueState.value();
    if (due != null) {
      deleteTimer(timers, due);
    }
    deleteTimer(timers, deadline);
    clockState.clear();
    reportedState.clear();
    dueState.clear();
    pendingState.clear();
    releaseState.clear();
    if (evaluatedState != null) {
      evaluatedState.clear();
    }
    releasedState.update(deadline);
    releasedTickets.inc();
    if (live != null) {
      live.remove(ctx.getCurrentKey()); // its state is gone: free the memory now
    }
  }

  private void deleteTimer(org.apache.flink.streaming.api.TimerService timers, long at) {
    if (mode == TimeMode.EVENT_TIME) {
      timers.deleteEventTimeTimer(at);
    } else {
      timers.deleteProcessingTimeTimer(at);
    }
  }

  private void releasedEvent(TicketEvent event, Context ctx) {
    releasedEvents.inc();
    ctx.output(FlinkSlaClocks.RELEASED, event);
  }

  /**
   * Returns the retention in milliseconds.
   *
   * @param retention the setting
   * @return its milliseconds, at least 1
   * @throws IllegalArgumentException if shorter than one millisecond or beyond {@code
   *     Long.MAX_VALUE} ms, naming the setting
   */
  public static long checkRetention(Duration retention) {
    return checkMillis(retention, "retention");
  }

  /**
   * Returns a duration setting in milliseconds.
   *
   * @param d the setting
   * @param field its name, for the message
   * @return its milliseconds, at least 1
   * @throws IllegalArgumentException if shorter than one millisecond or beyond {@code
   *     Long.MAX_VALUE} ms, naming the setting
   */
  public static long checkMillis(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException(field + " must be at least 1 ms, was " + d);
    }
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " must be at most "
              + Long.MAX_VALUE
              + " ms ("
              + Duration.ofMillis(Long.MAX_VALUE)
              + "), was "
              + d);
    }
  }

  /** Whether the event is more than the skew ahead of the operator's time ({@link #skewBase}). */
  private boolean tooFarAhead(TicketEvent event, Context ctx) {
    long now = skewBase(ctx);
    if (now == Long.MIN_VALUE) {
      return false;
    }
    // at > now + skew, saturating (now may be any long, the skew up to Long.MAX_VALUE ms)
    long limit = now > Long.MAX_VALUE - maxSkewMillis ? Long.MAX_VALUE : now + maxSkewMillis;
    return ceilMillis(event.at()) > limit;
  }

  /**
   * The ticket's clock as in state: the cached live clock if it was written as the state's current
   * bytes (taken out of the cache until {@link #evaluate} writes it again), else restored from
   * them, or a new clock if there are none.
   */
  private LiveClocks.Live load(String ticket) throws Exception {
    byte[] b = clockState.value();
    loadedNew = b == null;
    if (live != null) {
      LiveClocks.Live hit = live.take(ticket, b);
      if (hit != null) {
        liveHits.inc();
        return hit;
      }
      if (b != null) {
        liveMisses.inc();
      }
    }
    if (b == null) {
      return new LiveClocks.Live(
          forCache(SlaClock.of(set, calendars, ticket)), Instant.EPOCH, true);
    }
    SlaClock clock = forCache(SlaClockSnapshot.fromBytes(set, calendars, b));
    List<TicketEvent> events = clock.events();
    LiveClocks.Live l = new LiveClocks.Live(clock, latestOrMin(events), events.isEmpty());
    l.written = b; // restored from exactly these bytes
    return l;
  }

  /** The live clock cached for {@code ticket}, or null (for tests). */
  SlaClock liveClock(String ticket) {
    return live == null ? null : live.clockOf(ticket);
  }

  /**
   * With the cache on, the clock keeps its stopped cycles' states ({@link
   * SlaClock#keepStoppedCycleStates}): a cached clock is read after each of its ticket's events,
   * between other tickets' reads, so without them each read would derive every stopped cycle again;
   * their memory is bounded by the cache's size. State bytes are the same.
   */
  private SlaClock forCache(SlaClock clock) {
    if (live != null) {
      clock.keepStoppedCycleStates(true);
    }
    return clock;
  }

  /** Puts a clock that was not changed back in the cache, if it came from there or from state. */
  private void keep(String ticket, LiveClocks.Live clock) {
    if (live != null) {
      live.put(ticket, clock);
    }
  }

  /**
   * The key of each keyed cycle of {@code clock} by its id, evaluated at {@code atMillis} ({@link
   * Reported#keys}), if {@code event} is late for it (not after its latest event: a late call may
   * renumber the calls' answer-time cycles); else null.
   */
  private static Map<String, String> keysBeforeLate(
      LiveClocks.Live clock, TicketEvent event, long atMillis) {
    if (clock.empty || event.at().isAfter(clock.latest)) {
      return null;
    }
    SlaEvaluation before;
    try {
      before = clock.clock.evaluate(Instant.ofEpochMilli(atMillis));
    } catch (IllegalStateException noCreatedEventYet) {
      before = null; // nothing reported yet
    }
    return Reported.keys(before);
  }

  /** {@link #evaluate} of an accepted event, restating the cycles {@code keys} says it re-keyed. */
  private void evaluateLate(
      String ticket,
      LiveClocks.Live clock,
      long atMillis,
      Context ctx,
      Collector<SlaTransition> collector,
      Map<String, String> keys)
      throws Exception {
    keysBefore = keys;
    try {
      evaluate(ticket, clock, atMillis, ctx.timerService(), collector, true);
    } finally {
      keysBefore = null;
    }
  }

  /**
   * Accepts one event; a rejected event (e.g. a reused id with other content) is counted and sent
   * to the side output {@link dev.servicekit.integrations.flink.FlinkSlaClocks#REJECTED}, not
   * fatal.
   */
  private boolean accept(LiveClocks.Live clock, TicketEvent event, Context ctx) {
    boolean fresh;
    try {
      fresh = clock.clock.accept(event);
    } catch (IllegalArgumentException e) {
      reject(ctx, event, e.getMessage());
      return false;
    }
    if (fresh) {
      clock.written = null; // ahead of its state until evaluate writes it
      clock.empty = false;
      if (event.at().isAfter(clock.latest)) {
        clock.latest = event.at();
      }
    }
    return fresh;
  }

  /**
   * Writes the clock to state, evaluates it at {@code atMillis}, emits the changes and schedules
   * the next timers; then, with the cache on, keeps the clock as the state's bytes (only if all of
   * that succeeded: an exception leaves it out of the cache).
   */
  private void evaluate(
      String ticket,
      LiveClocks.Live clock,
      long atMillis,
      org.apache.flink.streaming.api.TimerService timers,
      Collector<SlaTransition> collector,
      boolean fresh)
      throws Exception {
    evaluate(ticket, clock, atMillis, timers, collector, fresh, false, null);
  }

  /**
   * {@link #evaluate}, after a correction when {@code corrected} ({@code before}: the clock's
   * evaluation before it, or null).
   */
  private void evaluate(
      String ticket,
      LiveClocks.Live clock,
      long atMillis,
      org.apache.flink.streaming.api.TimerService timers,
      Collector<SlaTransition> collector,
      boolean fresh,
      boolean corrected,
      SlaEvaluation before)
      throws Exception {
    byte[] bytes = SlaClockSnapshot.toBytes(clock.clock);
    clockState.update(bytes);
    if (evaluatedState != null) {
      Long last = evaluatedState.value();
      if (last != null && last > atMillis) {
        atMillis = last; // never before an earlier evaluation of the ticket (a restore, above)
      } else {
        evaluatedState.update(atMillis);
      }
    }
    evaluateWritten(ticket, clock, atMillis, timers, collector, fresh, corrected, before);
    if (live != null) {
      clock.written = bytes;
      live.put(ticket, clock);
    }
  }

  private void evaluateWritten(
      String ticket,
      LiveClocks.Live c,
      long atMillis,
      org.apache.flink.streaming.api.TimerService timers,
      Collector<SlaTransition> collector,
      boolean fresh,
      boolean corrected,
      SlaEvaluation before)
      throws Exception {
    evaluatedAnomalies = null; // set below once the clock is evaluated
    if (c.empty) {
      if (corrected) { // every applied event retracted, some still waiting
        withdrawAll(ticket, c, before, atMillis, collector);
        dueState.clear();
      }
      return;
    }
    SlaClock clock = c.clock;
    SlaEvaluation ev;
    try {
      ev = clock.evaluate(Instant.ofEpochMilli(atMillis));
    } catch (IllegalStateException noCreatedEventYet) {
      // The clock buffers events before Created; nothing to report yet. An orphan is counted
      // once, and with a retention released after it had no new event for the retention.
      if (loadedNew) { // evaluate always follows a load of the same key
        orphanTickets.inc();
      }
      if (corrected) { // the Created was retracted: its cycles are withdrawn
        withdrawAll(ticket, c, before, atMillis, collector);
        dueState.clear();
      }
      if (retentionMillis > 0) {
        scheduleRelease(true, atMillis, fresh, timers);
      }
      return;
    }
    // The reported state kept with the live clock, while the state still holds its bytes: no
    // decoding of every cycle per evaluation. An exception from here on leaves the clock (and so
    // this state, which the diff changes in place) out of the cache.
    evaluatedAnomalies = ev.anomalies();
    Reported reported = reportedOf(c);
    if (corrected) {
      reported.diffCorrected(ticket, before, ev, Instant.ofEpochMilli(atMillis), out);
    } else {
      reported.diff(ev, out, keysBefore);
    }
    reportedState.update(reported.toBytes());
    c.reported = reported;
    Long old = dueState.value();
    Long next = ev.nextTransition().map(SlaClockFunction::ceilMillis).orElse(null);
    if (next != null && next <= atMillis) {
      next = atMillis + 1;
    }
    // A superseded timer is not deleted: it may coincide with an event's timer (Flink keeps one
    // timer per key and instant), and firing it only re-evaluates an unchanged clock.
    if (next == null) {
      dueState.clear();
    } else if (!next.equals(old)) {
      if (mode == TimeMode.EVENT_TIME) {
        timers.registerEventTimeTimer(next);
      } else {
        timers.registerProcessingTimeTimer(next);
      }
      dueState.update(next);
    }
    if (retentionMillis > 0) {
      scheduleRelease(set.isFinished(ev), atMillis, fresh, timers);
      if (old != null && !old.equals(next)) {
        dropTimer(timers, old);
      }
    }
    emit(collector);
  }

  /**
   * Sets, keeps or drops the release deadline after an evaluation at {@code atMillis}; a new event
   * ({@code fresh}) restarts the retention of a finished ticket (or of an orphan, a ticket without
   * Created). A superseded release timer is not deleted (it may coincide with an event's timer):
   * when it fires, the deadline no longer matches.
   */
  private void scheduleRelease(
      boolean releasable,
      long atMillis,
      boolean fresh,
      org.apache.flink.streaming.api.TimerService timers)
      throws Exception {
    Long old = releaseState.value();
    if (!releasable) {
      if (old != null) {
        releaseState.clear();
        dropTimer(timers, old);
      }
      return;
    }
    if (old != null && !fresh) {
      return;
    }
    long deadline =
        atMillis > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE : atMillis + retentionMillis;
    if (old == null || old != deadline) {
      if (mode == TimeMode.EVENT_TIME) {
        timers.registerEventTimeTimer(deadline);
      } else {
        timers.registerProcessingTimeTimer(deadline);
      }
      releaseState.update(deadline);
      if (old != null) {
        dropTimer(timers, old);
      }
    }
  }

  /**
   * With a retention, deletes a superseded timer unless it is still in use: Flink keeps one timer
   * per key and instant, so the same instant may be the pending transition, the release deadline or
   * an event's wait for the watermark. Without a retention superseded timers are left to fire (they
   * re-evaluate an unchanged clock), as in earlier builds; with one, deleting them leaves a
   * released ticket no timer.
   */
  private void dropTimer(org.apache.flink.streaming.api.TimerService timers, long at)
      throws Exception {
    Long due = dueState.value();
    Long release = releaseState.value();
    if ((due != null && due == at) || (release != null && release == at)) {
      return;
    }
    if (mode == TimeMode.EVENT_TIME) {
      Iterable<TicketEvent> pending = pendingState.get();
      if (pending != null) {
        for (TicketEvent e : pending) {
          if (ceilMillis(e.at()) == at) {
            return;
          }
        }
      }
    }
    deleteTimer(timers, at);
  }

  private static Instant latestOrMin(List<TicketEvent> events) {
    Instant max = Instant.EPOCH;
    for (TicketEvent e : events) {
      if (e.at().isAfter(max)) {
        max = e.at();
      }
    }
    return max;
  }

  /** The instant in epoch milliseconds, rounded up. */
  public static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }
}
