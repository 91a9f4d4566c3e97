package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.EventAnomaly;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by ticket id: keeps each ticket's {@link SlaClock} in a key-value store (as {@link
 * ClockState} bytes) and its next transition in a time-ordered index store, so the punctuator reads
 * only the tickets that are due.
 *
 * <p>Time: {@code now} is the task's stream time (the largest record timestamp seen, i.e. event
 * time when record timestamps are event times) or the wall clock, minus the grace. A timer due at
 * {@code d} fires when {@code now >= d} and evaluates the clock at exactly {@code d}; an event for
 * a ticket first fires that ticket's due timers (so nothing depends on when the punctuator runs; an
 * event ahead of {@code now}, within the grace, those due up to its instant), then is accepted and
 * the clock evaluated at {@code max(now, latest event time of the ticket)}.
 *
 * <p>A tombstone (a null value) writes and emits nothing and is counted apart ({@link
 * Rejects#tombstone()}); it does not delete the ticket's clock. A record that is not a ticket event
 * ({@link TicketEventJson}), whose key (if not null) is not its ticket id, or that {@link
 * SlaClock#accept} rejects, writes and emits nothing (not even the ticket's due timers, which fire
 * on the next punctuation): it is counted and sent to the dead-letter child, if any ({@link
 * Rejects}).
 *
 * <p>Retention (when set): an evaluation that finds the ticket {@link
 * dev.servicekit.sla.SlaPolicySet#isFinished finished} sets a release deadline {@code retention}
 * after its instant (refreshed by every new event while finished, dropped by an evaluation that
 * finds it unfinished); the deadline is the ticket's entry in the timer index (a finished ticket
 * has no next transition). When {@code now} reaches it (a punctuation, or an event for the ticket,
 * which fires the ticket's due timers first), or an event ahead of {@code now} is stamped at or
 * after it (as that event fires the timers due up to its instant), the ticket's value becomes a
 * small released marker and its index entry is deleted. A valid event for a released ticket writes
 * and emits nothing: it is counted ({@code released-ticket-records}) and forwarded unchanged (key,
 * value, timestamp, headers) to the {@link #RELEASED} child.
 *
 * <p>Orphans: a ticket whose first stored event is not a {@code Created} is counted ({@code
 * orphan-tickets}); while it has no {@code Created}, each new event sets its release deadline
 * {@code retention} after the evaluation instant (with a retention). Released, its held events go
 * to {@link #RELEASED} as JSON.
 *
 * <p>Live clocks (when {@code liveClockCache > 0}): the clocks of the tickets used last are kept
 * ({@link LiveClocks}) with their parsed state and the value last written for them, and reused only
 * while the stored value is exactly that value; otherwise the clock is restored from the store
 * ({@code live-clock-restores}). The cache is dropped when the processor is initialised or closed.
 * It changes no output and no stored byte. Its clocks keep their stopped cycles' evaluated states
 * ({@link SlaClock#keepStoppedCycleStates}).
 */
public final class SlaClockProcessor implements Processor<String, byte[], String, Object> {

  /** Child name of the transitions sink of an unnamed topology. */
  public static final String TRANSITIONS = "servicekit-sla-transitions";

  /** Child name of the sink of events for released tickets of an unnamed topology. */
  public static final String RELEASED = "servicekit-sla-released-events";

  /**
   * The names one processor uses: its stores, its children and the {@code servicekit-id} tag of its
   * metrics.
   *
   * @param clockStore the clock store
   * @param timerStore the timer index store
   * @param transitions the transitions sink
   * @param released the sink of events for released tickets
   * @param deadLetter the dead-letter sink, or null if the topology has none
   * @param metricsId the {@code servicekit-id} tag
   */
  public record Nodes(
      String clockStore,
      String timerStore,
      String transitions,
      String released,
      String deadLetter,
      String metricsId) {

    /**
     * The names of an unnamed topology.
     *
     * @param deadLetter whether it has a dead-letter sink
     * @return the names
     */
    public static Nodes unnamed(boolean deadLetter) {
      return of(null, deadLetter);
    }

    /**
     * The names of a topology: those of {@link #unnamed} if {@code name} is null, else each derived
     * from {@code name} ({@code servicekit-sla-<name>-clocks}, ..., tag {@code sla-<name>}).
     *
     * @param name the topology's name, or null
     * @param deadLetter whether it has a dead-letter sink
     * @return the names
     */
    public static Nodes of(String name, boolean deadLetter) {
      if (name == null) {
        return new Nodes(
            dev.servicekit.integrations.kafka.SlaClockTopology.CLOCK_STORE,
            dev.servicekit.integrations.kafka.SlaClockTopology.TIMER_STORE,
            TRANSITIONS,
            RELEASED,
            deadLetter ? "servicekit-sla-dead-letter" : null,
            "sla-clocks");
      }
      String p = "servicekit-sla-" + name;
      return new Nodes(
          p + "-clocks",
          p + "-timers",
          p + "-transitions",
          p + "-released-events",
          deadLetter ? p + "-dead-letter" : null,
          "sla-" + name);
    }
  }

  /** Upper bound of timer firings per ticket per call; a guard against a non-advancing timer. */
  private static final int MAX_FIRINGS = 100_000;

  private final SlaPolicySet set;

  /** Id prefixes of the cycles that carry a call's key ({@link ClockState#keyedPrefixes}). */
  private final String[] keyedPrefixes;

  private final Map<String, BusinessCalendar> calendars;
  private final Nodes nodes;
  private final boolean wallClock;
  private final long graceMillis;
  private final Duration interval;
  private final long retentionMillis; // 0: no retention
  private final long maxSkewMillis; // 0: no bound
  private final int maxLiveClocks; // 0: no cache
  private final String anomaliesChild; // null: anomalies counted only

  private ProcessorContext<String, Object> context;
  private Rejects rejects;
  private KeyValueStore<String, byte[]> clocks;
  private KeyValueStore<Bytes, byte[]> timers;
  private Sensor releasedTickets;
  private Sensor releasedRecords;
  private Sensor orphanTickets;
  private Sensor liveClockRestores;
  private Sensor unmatchedCorrections;
  private long unmatchedCorrectionCount;
  private LiveClocks live; // null: no cache
  private long liveClockRestoreCount;
  private long orphanTicketCount;
  private long releasedTicketCount;
  private long releasedRecordCount;
  private final List<SlaTransition> out = new ArrayList<>();
  private final List<EventAnomaly> anomalies = new ArrayList<>(); // the record's new anomalies
  // The timestamp of the record being applied, which its anomalies carry: an anomalous event may be
  // stamped before 1970, and a Kafka record's timestamp cannot be negative.
  private long recordTimestamp;
  private Sensor eventAnomalies;
  private long eventAnomalyCount;

  /**
   * Creates the processor (one per task).
   *
   * @param retention how long a finished ticket is kept, or null to keep every ticket
   * @param maxEventSkew how far an event's time may be ahead of the task's time, or null for no
   *     bound
   * @param liveClockCache the most live clocks kept between records, 0 for none
   * @param anomaliesChild the child each new {@link EventAnomaly} is sent to as {@link
   *     EventAnomaly#toJson(String)} text, or null to count them only
   */
  public SlaClockProcessor(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      Nodes nodes,
      boolean wallClock,
      Duration grace,
      Duration interval,
      Duration retention,
      Duration maxEventSkew,
      int liveClockCache,
      String anomaliesChild) {
    this.anomaliesChild = anomaliesChild;
    this.set = set;
    this.keyedPrefixes = ClockState.keyedPrefixes(set);
    this.calendars = calendars;
    this.nodes = java.util.Objects.requireNonNull(nodes, "nodes");
    this.wallClock = wallClock;
    this.graceMillis = grace.toMillis();
    this.interval = interval;
    this.retentionMillis = retention == null ? 0 : retention.toMillis();
    this.maxSkewMillis = maxEventSkew == null ? 0 : maxEventSkew.toMillis();
    if (liveClockCache < 0) {
      throw new IllegalArgumentException(
          "liveClockCache must be zero or more, was " + liveClockCache);
    }
    this.maxLiveClocks = liveClockCache;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.rejects = new Rejects(context, nodes.metricsId(), nodes.deadLetter());
    this.clocks = context.getStateStore(nodes.clockStore());
    this.timers = context.getStateStore(nodes.timerStore());
    // A new cache for every (re-)initialisation: the stores may have been restored meanwhile.
    this.live = maxLiveClocks == 0 ? null : new LiveClocks(maxLiveClocks);
    if (live != null) {
      this.liveClockRestores =
          Rejects.totalSensor(context, nodes.metricsId(), "live-clock-restores");
    }
    this.orphanTickets = Rejects.totalSensor(context, nodes.metricsId(), "orphan-tickets");
    this.unmatchedCorrections =
        Rejects.totalSensor(context, nodes.metricsId(), "unmatched-corrections");
    this.eventAnomalies = Rejects.totalSensor(context, nodes.metricsId(), "event-anomalies");
    if (retentionMillis > 0) {
      this.releasedTickets = Rejects.totalSensor(context, nodes.metricsId(), "released-tickets");
      this.releasedRecords =
          Rejects.totalSensor(context, nodes.metricsId(), "released-ticket-records");
    }
    context.schedule(
        interval,
        wallClock ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME,
        this::punctuate);
    if (!exactlyOnce(context.appConfigs()) && AT_LEAST_ONCE_WARNED.compareAndSet(false, true)) {
      LOG.warn(
          "SLA clocks run under processing.guarantee={}: a failure can lose SLA transitions (a"
              + " record's changelog write may reach Kafka while its output does not, and the"
              + " record processed again is then a redelivery that emits nothing); set"
              + " processing.guarantee=exactly_once_v2 for SLA output (README, Exactly once)."
              + " Logged once per JVM.",
          context.appConfigs().getOrDefault(GUARANTEE, "at_least_once"));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(SlaClockProcessor.class);

  private static final String GUARANTEE = "processing.guarantee";

  private static final java.util.concurrent.atomic.AtomicBoolean AT_LEAST_ONCE_WARNED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Whether a Streams configuration commits output, state and offsets atomically ({@code
   * exactly_once_v2}, or the deprecated {@code exactly_once}/{@code exactly_once_beta}); Kafka's
   * default is {@code at_least_once}.
   */
  static boolean exactlyOnce(java.util.Map<String, Object> appConfigs) {
    Object g = appConfigs == null ? null : appConfigs.get(GUARANTEE);
    return g != null && String.valueOf(g).startsWith("exactly_once");
  }

  @Override
  public void close() {
    if (live != null) {
      live.clear(); // a task closed (rebalance, failure) may be restored elsewhere or later
    }
  }

  private long now() {
    long t = wallClock ? context.currentSystemTimeMs() : context.currentStreamTimeMs();
    return t == Long.MIN_VALUE ? t : t - graceMillis;
  }

  /** Records rejected by this instance (also in the {@code rejected-records} sensor). */
  public long rejected() {
    return rejects.count();
  }

  /** Tombstones skipped by this instance (also in the {@code skipped-tombstones} sensor). */
  public long tombstones() {
    return rejects.tombstones();
  }

  /** Tickets whose state this instance released. */
  public long releasedTickets() {
    return releasedTicketCount;
  }

  /**
   * Tickets this instance first stored without a {@code Created} event (also in the {@code
   * orphan-tickets} sensor).
   */
  public long orphanTickets() {
    return orphanTicketCount;
  }

  /**
   * Corrections this instance applied to no event, because the ticket's clock had accepted none
   * with the id (also in the {@code unmatched-corrections} sensor).
   */
  public long unmatchedCorrections() {
    return unmatchedCorrectionCount;
  }

  /**
   * Anomalies this instance reported: those each applied record added to its ticket's evaluation
   * ({@link EventAnomaly#added}; also in the {@code event-anomalies} sensor).
   */
  public long eventAnomalies() {
    return eventAnomalyCount;
  }

  /** Events for released tickets this instance forwarded to {@link #RELEASED}. */
  public long releasedRecords() {
    return releasedRecordCount;
  }

  /** Live clocks held now (0 without a cache). */
  public int liveClocks() {
    return live == null ? 0 : live.size();
  }

  /** The live clock held for {@code ticket}, or null (for tests). */
  SlaClock liveClock(String ticket) {
    return live == null ? null : live.clockOf(ticket);
  }

  /**
   * Clocks restored from the store with the cache on, because the ticket's live clock was not held
   * or not for the stored value (also in the {@code live-clock-restores} sensor).
   */
  public long liveClockRestores() {
    return liveClockRestoreCount;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      rejects.tombstone(); // a delete marker, not bad data: skipped, counted apart
      return;
    }
    recordTimestamp = record.timestamp();
    try {
      apply(record);
    } catch (Rejected e) {
      out.clear(); // nothing was written: the stores are as before this record, nothing emitted
      anomalies.clear();
      rejects.reject(record, e.bad);
    } catch (RuntimeException e) {
      out.clear(); // nothing was written: the stores are as before this record, nothing emitted
      anomalies.clear();
      throw e;
    }
  }

  /** A bad record (as opposed to a failure of the store or of the processor itself). */
  private static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RuntimeException bad;

    Rejected(RuntimeException bad) {
      super(bad.getMessage(), bad, false, false);
      this.bad = bad;
    }
  }

  private void apply(Record<String, byte[]> record) {
    TicketInput input;
    try {
      input = TicketEventJson.readInput(Utf8.strict(record.value(), "the record value"));
    } catch (RuntimeException undecodable) {
      throw new Rejected(undecodable);
    }
    String ticket = input.ticketId();
    if (RawKeys.isRaw(record.key())) {
      throw new Rejected(
          new IllegalArgumentException(
              "the record key is not text a ticket id can be (not valid UTF-8, or beginning with"
                  + " U+0000); the event is for ticket "
                  + excerpt(ticket)));
    }
    if (record.key() != null && !record.key().equals(ticket)) {
      throw new Rejected(
          new IllegalArgumentException(
              "record key "
                  + excerpt(record.key())
                  + " is not the "
                  + (input instanceof TicketEvent ? "event" : "correction")
                  + "'s ticketId "
                  + excerpt(ticket)));
    }
    if (input instanceof EventCorrection correction) {
      correct(record, correction);
      return;
    }
    TicketEvent event = (TicketEvent) input;
    rejectIfTooFarAhead(event);
    rejectIfInTheLastMillisecond(event);
    long now = now();
    byte[] stored = clocks.get(ticket);
    // Taken out of the cache whatever follows: only save() puts a clock back, so a failure or a
    // rejection from here on never leaves a clock that differs from the store.
    LiveClocks.Entry cached = live == null ? null : live.take(ticket, stored);
    ClockState st =
        cached != null
            ? cached.state() // exactly what parsing the stored value gives
            : stored == null ? new ClockState() : ClockState.fromBytes(stored);
    if (released(st, ticket, record, "events")) {
      return;
    }
    SlaClock clock = st.snapshot == null ? newClock(ticket) : clockOf(cached, st.snapshot);
    Instant oldTimer = st.timer();
    forgetReleaseWithoutRetention(st);
    // An event ahead of the task's time, within the grace, is evaluated at its own instant, so
    // the ticket's transitions due up to that instant fire first, each at its exact instant, as
    // they do for an event behind it and as Flink fires them before the watermark applies the
    // event. Earlier builds fired only those due by the task's time, and one due between it and
    // the event was stamped at the event (a breach due 10:00 reported at a 10:20 reply that arrived
    // while stream time minus grace was 09:55). Not beyond stream time (or the wall clock): an
    // event stamped far ahead of its record is evaluated at its instant, as before, rather than
    // firing every timer of its ticket up to it.
    Instant upTo = upTo(event.at(), now);
    fire(clock, st, now, upTo);
    // The release deadline is one of the ticket's timers: an event ahead of the task's time finds
    // the ticket released if the deadline is at or before its own instant, as Flink releases it
    // before the watermark applies the event. Earlier builds looked at the task's time alone, so
    // the outcome hung on other tickets' records moving stream time (and so on the partitioning).
    if (releaseDue(st, upTo == null ? now : Math.max(now, ceilMillis(upTo)))) {
      // The ticket's retention ran out before this event: release it, then treat the event as
      // one for a released ticket. Only the clock's validation runs first, so a bad event is
      // still rejected as bad (and the ticket is then released on the next punctuation).
      List<TicketEvent> held = orphanEvents(clock); // before this event is added to the clock
      try {
        clock.accept(event);
      } catch (IllegalArgumentException rejected) {
        throw new Rejected(rejected);
      }
      release(ticket, held, st, oldTimer);
      releasedRecord(record);
      return;
    }
    boolean newTicket = st.snapshot == null;
    boolean newOrphan = false;
    // A late event can renumber the calls' answer-time cycles (a call offered before the others):
    // the keys each cycle id had, to restate those that now name another call.
    // The evaluation before the event (null before Created): its anomalies, to report the new.
    SlaEvaluation prior = st.maxAt == null ? null : priorOf(clock, evalAt(now, st.maxAt));
    Map<String, String> keysBefore = null;
    if (st.maxAt != null && !event.at().isAfter(st.maxAt) && st.reportsKeyed(keyedPrefixes)) {
      keysBefore = ClockState.keys(prior);
    }
    // accept validates first: a bad event throws before anything is written or emitted.
    boolean fresh;
    try {
      fresh = clock.accept(event);
    } catch (IllegalArgumentException rejected) {
      throw new Rejected(rejected);
    }
    if (fresh) {
      Instant at = event.at();
      st.maxAt = st.maxAt == null || at.isAfter(st.maxAt) ? at : st.maxAt;
      Instant evalAt = evalAt(now, st.maxAt);
      SlaEvaluation ev;
      try {
        ev = evaluate(clock, evalAt);
      } catch (IllegalArgumentException outOfRange) {
        // The event's own time is in range (decoding checked it), so the task's time is not: a
        // record stamped centuries ahead moved stream time there. Rejected, the ticket unchanged,
        // rather than a task that fails again on every restart (stream time is committed).
        throw new Rejected(
            new IllegalArgumentException(
                "ticket "
                    + excerpt(ticket)
                    + " cannot be evaluated at the task's time "
                    + evalAt
                    + " (stream time minus grace, or the wall clock): "
                    + outOfRange.getMessage()
                    + "; a record timestamp far ahead moved stream time, bound record timestamps",
                outOfRange));
      }
      if (ev != null) {
        st.diff(ev, out, keysBefore);
        anomalies.addAll(EventAnomaly.added(anomaliesOf(prior), ev.anomalies()));
        st.due = ev.nextTransition().orElse(null);
        st.release = releaseAfter(ev, evalAt);
      } else {
        // No Created yet (an orphan): counted once per ticket; with a retention it is released
        // once it has had no new event for the retention, as a finished ticket is.
        newOrphan = newTicket;
        st.release = retentionMillis == 0 ? null : releaseAt(evalAt);
      }
    }
    save(ticket, clock, st, oldTimer);
    if (newOrphan) {
      // Counted once its state is written, as every counter records a final outcome: a failed
      // write counts nothing, so the record's retry does not count the ticket twice.
      orphanTicketCount++;
      orphanTickets.record();
    }
  }

  /**
   * Applies a correction to the ticket's clock: due timers first, as for an event; then {@link
   * EventCorrection#applyTo}; the corrected clock is evaluated at {@code max(now, latest event time
   * left)} and its cycles diffed against the reported states by {@link ClockState#diffCorrected}
   * (changes in either direction, withdrawn cycles), the timer and release deadline set from that
   * evaluation. A correction that matches no accepted event (no clock, or no event with the id)
   * changes no clock and is counted ({@code unmatched-corrections}); one for a released ticket is
   * routed as an event for it is; a replacement the clock rejects, or that {@code maxEventSkew}
   * bounds, is rejected. Retracting every event deletes the ticket's state, as if never seen.
   */
  private void correct(Record<String, byte[]> record, EventCorrection correction) {
    String ticket = correction.ticketId();
    if (correction.replacement().isPresent()) {
      rejectIfTooFarAhead(correction.replacement().get());
    }
    long now = now();
    byte[] stored = clocks.get(ticket);
    if (stored == null) {
      // No state to correct. A replacement the clock would refuse is still a bad record, as it
      // is for a ticket with a clock (applyTo validates first) and on Flink: judged on a new clock.
      if (correction.replacement().isPresent()) {
        rejectIfInTheLastMillisecond(correction.replacement().get());
        try {
          SlaClock.of(set, calendars, ticket).accept(correction.replacement().get());
        } catch (IllegalArgumentException rejected) {
          throw new Rejected(rejected);
        }
      }
      unmatched(); // nothing written
      return;
    }
    LiveClocks.Entry cached = live == null ? null : live.take(ticket, stored);
    ClockState st = cached != null ? cached.state() : ClockState.fromBytes(stored);
    if (released(st, ticket, record, "corrections")) {
      return;
    }
    if (correction.replacement().isPresent()) {
      rejectIfInTheLastMillisecond(correction.replacement().get());
    }
    SlaClock clock = clockOf(cached, st.snapshot);
    Instant oldTimer = st.timer();
    forgetReleaseWithoutRetention(st);
    fire(clock, st, now);
    if (releaseDue(st, now)) {
      // As for an event: a bad replacement is still rejected as bad, else the ticket is released
      // and the correction routed with its later records.
      List<TicketEvent> held = orphanEvents(clock);
      try {
        correction.applyTo(clock);
      } catch (IllegalArgumentException rejected) {
        throw new Rejected(rejected);
      }
      release(ticket, held, st, oldTimer);
      releasedRecord(record);
      return;
    }
    // The cycles as before the correction, for those it takes away (their metric, index and key).
    Instant beforeAt = evalAt(now, st.maxAt);
    SlaEvaluation before = st.reported.isEmpty() ? null : evaluateInRange(clock, beforeAt);
    SlaEvaluation prior = before != null ? before : priorOf(clock, beforeAt); // for its anomalies
    boolean matched;
    try {
      matched = correction.applyTo(clock); // validates first: throws with the clock unchanged
    } catch (IllegalArgumentException rejected) {
      throw new Rejected(rejected);
    }
    if (!matched) {
      save(ticket, clock, st, oldTimer); // the timers fired above, if any
      unmatched();
      return;
    }
    List<TicketEvent> left = clock.events();
    Instant maxAt = null;
    for (TicketEvent e : left) {
      maxAt = maxAt == null || e.at().isAfter(maxAt) ? e.at() : maxAt;
    }
    st.maxAt = maxAt;
    Instant evalAt = maxAt == null ? beforeAt : evalAt(now, maxAt);
    SlaEvaluation ev = left.isEmpty() ? null : evaluateInRange(clock, evalAt);
    st.diffCorrected(ticket, before, ev, evalAt, out);
    if (left.isEmpty()) {
      // Every event retracted: the ticket is as never seen (its withdrawn cycles still emitted).
      clocks.delete(ticket);
      if (oldTimer != null) {
        timers.delete(timerKey(ceilMillis(oldTimer), ticket));
      }
      for (SlaTransition t : out) {
        context.forward(new Record<>(ticket, t, t.at().toEpochMilli()), nodes.transitions());
      }
      out.clear();
      return;
    }
    if (ev != null) {
      st.due = ev.nextTransition().orElse(null);
      st.release = releaseAfter(ev, evalAt);
      anomalies.addAll(EventAnomaly.added(anomaliesOf(prior), ev.anomalies()));
    } else {
      // The Created was retracted: an orphan again, released as one with a retention.
      st.due = null;
      st.release = retentionMillis == 0 ? null : releaseAt(evalAt);
    }
    save(ticket, clock, st, oldTimer);
  }

  /**
   * {@link #evaluate}, rejecting the record if {@code at} is out of the supported range (a record
   * stamped centuries ahead moved stream time there), as an event's evaluation does.
   */
  private static SlaEvaluation evaluateInRange(SlaClock clock, Instant at) {
    try {
      return evaluate(clock, at);
    } catch (IllegalArgumentException outOfRange) {
      throw new Rejected(
          new IllegalArgumentException(
              "ticket "
                  + excerpt(clock.ticketId())
                  + " cannot be evaluated at the task's time "
                  + at
                  + " (stream time minus grace, or the wall clock): "
                  + outOfRange.getMessage()
                  + "; a record timestamp far ahead moved stream time, bound record timestamps",
              outOfRange));
    }
  }

  /**
   * The evaluation before a record, for its anomalies: null before the ticket's {@code Created}, or
   * if {@code at} is out of the supported range (then the evaluation after the record is refused
   * too, if it is made).
   */
  private static SlaEvaluation priorOf(SlaClock clock, Instant at) {
    try {
      return evaluate(clock, at);
    } catch (IllegalArgumentException outOfRange) {
      return null;
    }
  }

  private static List<EventAnomaly> anomaliesOf(SlaEvaluation ev) {
    return ev == null ? List.of() : ev.anomalies();
  }

  /** The instant an event's evaluation takes: {@code now}, or {@code maxAt} if later. */
  private static Instant evalAt(long now, Instant maxAt) {
    Instant at = Instant.ofEpochMilli(now);
    return now == Long.MIN_VALUE || maxAt != null && at.isBefore(maxAt) ? maxAt : at;
  }

  /** Counts a correction that matched no accepted event. */
  private void unmatched() {
    unmatchedCorrectionCount++;
    unmatchedCorrections.record();
  }

  /**
   * With a {@code maxEventSkew}, rejects an event whose time is more than the skew ahead of the
   * task's time (stream time or the wall clock, without the grace); accepts every event while the
   * task has no time yet.
   */
  /**
   * Rejects an event in the last millisecond before the clocks' range ends ({@link
   * BusinessCalendar#SUPPORTED_END}), with Flink's message: Flink refuses it, since its timer (the
   * millisecond its instant rounds up to) lies past the range, and the engines reject the same
   * records. Earlier builds applied it here.
   */
  private static void rejectIfInTheLastMillisecond(TicketEvent event) {
    if (ceilMillis(event.at()) >= SUPPORTED_END_MILLIS) {
      throw new Rejected(
          new IllegalArgumentException(
              "at "
                  + event.at()
                  + " is in the last millisecond before "
                  + BusinessCalendar.SUPPORTED_END
                  + ": its timer lies past the clocks' supported range"));
    }
  }

  private static final long SUPPORTED_END_MILLIS = BusinessCalendar.SUPPORTED_END.toEpochMilli();

  private void rejectIfTooFarAhead(TicketEvent event) {
    if (maxSkewMillis == 0) {
      return;
    }
    long task = wallClock ? context.currentSystemTimeMs() : context.currentStreamTimeMs();
    if (task == Long.MIN_VALUE) {
      return;
    }
    Instant taskTime = Instant.ofEpochMilli(task);
    // at - task > skew, computed on Instants (no overflow: both are within a few centuries)
    if (event.at().isAfter(taskTime.plusMillis(maxSkewMillis))) {
      throw new Rejected(
          new IllegalArgumentException(
              "event at "
                  + event.at()
                  + " of ticket "
                  + excerpt(event.ticketId())
                  + " is more than maxEventSkew "
                  + Duration.ofMillis(maxSkewMillis)
                  + " ahead of the task's time "
                  + taskTime
                  + (wallClock ? " (wall clock)" : " (stream time)")));
    }
  }

  /** The release deadline of a ticket evaluated as {@code ev} at {@code at}, or null. */
  private Instant releaseAfter(SlaEvaluation ev, Instant at) {
    if (retentionMillis == 0 || !set.isFinished(ev)) {
      return null;
    }
    return releaseAt(at);
  }

  /** {@code retention} after {@code at} (rounded up to the millisecond), saturating. */
  private Instant releaseAt(Instant at) {
    long ms = ceilMillis(at);
    return Instant.ofEpochMilli(
        ms > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE : ms + retentionMillis);
  }

  private static boolean releaseDue(ClockState st, long now) {
    return st.release != null && st.due == null && ceilMillis(st.release) <= now;
  }

  /**
   * A deadline set by an earlier run with a retention is dropped when this one has none: the ticket
   * is kept, its state is written as version 2 again and its index entry deleted.
   */
  /**
   * Whether the ticket was released (retention): then its record goes unchanged to the released
   * topic. Released by an earlier run with a retention while this one has none (no released topic),
   * the record is rejected (counted, dead-lettered) rather than applied to a new clock.
   */
  private boolean released(
      ClockState st, String ticket, Record<String, byte[]> record, String what) {
    if (st.released == null) {
      return false;
    }
    if (retentionMillis == 0) {
      throw new Rejected(
          new IllegalArgumentException(
              "ticket "
                  + excerpt(ticket)
                  + " was released at "
                  + st.released
                  + " (retention); its "
                  + what
                  + " are not applied"));
    }
    releasedRecord(record);
    return true;
  }

  private void forgetReleaseWithoutRetention(ClockState st) {
    if (retentionMillis == 0) {
      st.release = null;
    }
  }

  /** The events of a clock without a {@code Created} event (an orphan), else none. */
  private static List<TicketEvent> orphanEvents(SlaClock clock) {
    List<TicketEvent> events = List.copyOf(clock.events());
    return events.stream().anyMatch(e -> e instanceof TicketEvent.Created) ? List.of() : events;
  }

  /**
   * Replaces the ticket's state by the released marker and deletes its timer index entry. An
   * orphan's events (a ticket that never got a {@code Created}) go to {@link #RELEASED}, as JSON
   * ({@link TicketEventJson}) stamped with their time (the epoch for one before 1970, which a Kafka
   * timestamp cannot be), so none is dropped silently.
   */
  private void release(String ticket, List<TicketEvent> held, ClockState st, Instant oldTimer) {
    for (TicketEvent e : held) {
      releasedRecordCount++;
      releasedRecords.record();
      context.forward(
          new Record<>(
              ticket,
              TicketEventJson.write(e).getBytes(StandardCharsets.UTF_8),
              // a Kafka record's timestamp cannot be negative: before 1970, the epoch
              Math.max(0, e.at().toEpochMilli())),
          nodes.released());
    }
    clocks.put(ticket, ClockState.releasedMarker(st.release));
    if (oldTimer != null) {
      timers.delete(timerKey(ceilMillis(oldTimer), ticket));
    }
    for (SlaTransition t : out) { // transitions fired up to the release are still emitted
      context.forward(new Record<>(ticket, t, t.at().toEpochMilli()), nodes.transitions());
    }
    out.clear();
    releasedTicketCount++;
    releasedTickets.record();
  }

  private void releasedRecord(Record<String, byte[]> record) {
    releasedRecordCount++;
    releasedRecords.record();
    context.forward(record, nodes.released());
  }

  private void punctuate(long timestamp) {
    long now = now();
    if (now == Long.MIN_VALUE) {
      return;
    }
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        timers.range(timerKey(Long.MIN_VALUE, ""), timerUpperBound(now))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        due.add(ticketOf(kv.key));
      }
    }
    for (String ticket : due) {
      byte[] stored = clocks.get(ticket);
      LiveClocks.Entry cached = live == null ? null : live.take(ticket, stored);
      if (stored == null) {
        continue;
      }
      try {
        ClockState st = cached != null ? cached.state() : ClockState.fromBytes(stored);
        if (st.released != null) {
          continue; // not indexed once released; a stale entry only
        }
        SlaClock clock = clockOf(cached, st.snapshot);
        Instant oldTimer = st.timer();
        forgetReleaseWithoutRetention(st);
        fire(clock, st, now);
        if (releaseDue(st, now)) {
          release(ticket, orphanEvents(clock), st, oldTimer);
        } else {
          save(ticket, clock, st, oldTimer);
        }
      } catch (RuntimeException e) {
        out.clear(); // this ticket's state is unchanged and nothing of it was emitted
        throw e;
      }
    }
  }

  /**
   * How far an event at {@code at} fires its ticket's timers beyond the task's time {@code now}: up
   * to {@code at} but not past {@code now + grace} (stream time, or the wall clock); null when
   * {@code at} is not ahead of {@code now} or there is no grace.
   */
  private Instant upTo(Instant at, long now) {
    if (graceMillis == 0 || now == Long.MIN_VALUE || ceilMillis(at) <= now) {
      return null;
    }
    Instant horizon = Instant.ofEpochMilli(now + graceMillis);
    return at.isAfter(horizon) ? horizon : at;
  }

  /** Fires every timer of the ticket due at or before {@code now}, each at its exact instant. */
  private void fire(SlaClock clock, ClockState st, long now) {
    fire(clock, st, now, null);
  }

  /**
   * Fires every timer of the ticket due at or before {@code now}, or with {@code upTo} (the instant
   * of an event ahead of {@code now}) every timer due at or before it, each at its exact instant.
   */
  private void fire(SlaClock clock, ClockState st, long now, Instant upTo) {
    int firings = 0;
    while (st.due != null
        && (ceilMillis(st.due) <= now || (upTo != null && !st.due.isAfter(upTo)))) {
      Instant d = st.due;
      SlaEvaluation ev = clock.evaluate(d);
      st.diff(ev, out);
      Instant next = ev.nextTransition().orElse(null);
      st.due = next == null || next.isAfter(d) ? next : d.plusNanos(1);
      st.release = releaseAfter(ev, d);
      if (++firings > MAX_FIRINGS) {
        throw new IllegalStateException(
            "ticket " + excerpt(clock.ticketId()) + ": timer does not advance past " + d);
      }
    }
  }

  private static SlaEvaluation evaluate(SlaClock clock, Instant at) {
    try {
      return clock.evaluate(at);
    } catch (IllegalStateException noCreatedEventYet) {
      return null; // events before Created are buffered by the clock; nothing to report yet
    }
  }

  /** The live clock taken from the cache, else the clock restored from {@code snapshot}. */
  private SlaClock clockOf(LiveClocks.Entry cached, byte[] snapshot) {
    if (cached != null) {
      return cached.clock();
    }
    SlaClock clock = SlaClockSnapshot.fromBytes(set, calendars, snapshot);
    if (live != null) {
      liveClockRestoreCount++;
      liveClockRestores.record();
      clock.keepStoppedCycleStates(true); // see newClock
    }
    return clock;
  }

  /**
   * A new clock for the ticket. With the cache on, it keeps its stopped cycles' states (as does a
   * clock restored for the cache, {@link #clockOf}): a cached clock is read after each of its
   * ticket's records, between other tickets' reads, so without them each read would derive every
   * stopped cycle again; their memory is bounded by the cache's size. Stored bytes are the same.
   */
  private SlaClock newClock(String ticket) {
    SlaClock clock = SlaClock.of(set, calendars, ticket);
    if (live != null) {
      clock.keepStoppedCycleStates(true);
    }
    return clock;
  }

  private void save(String ticket, SlaClock clock, ClockState st, Instant oldTimer) {
    st.snapshot = SlaClockSnapshot.toBytes(clock);
    byte[] value = st.toBytes();
    clocks.put(ticket, value);
    Instant timer = st.timer();
    if (oldTimer != null && !oldTimer.equals(timer)) {
      timers.delete(timerKey(ceilMillis(oldTimer), ticket));
    }
    if (timer != null && !timer.equals(oldTimer)) {
      timers.put(timerKey(ceilMillis(timer), ticket), new byte[0]);
    }
    for (SlaTransition t : out) {
      context.forward(new Record<>(ticket, t, t.at().toEpochMilli()), nodes.transitions());
    }
    out.clear();
    if (anomaliesChild != null) {
      for (EventAnomaly a : anomalies) {
        context.forward(new Record<>(ticket, a.toJson(ticket), recordTimestamp), anomaliesChild);
      }
    }
    int reported = anomalies.size();
    anomalies.clear();
    if (live != null) {
      // Last, once every write and forward of the record succeeded: the clock of exactly the
      // value now stored.
      live.put(ticket, clock, st, value);
    }
    // Counted once everything is written and sent, as every counter records a final outcome.
    for (int i = 0; i < reported; i++) {
      eventAnomalyCount++;
      eventAnomalies.record();
    }
  }

  static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  /** Big-endian millis with the sign bit flipped (so byte order is time order), then the ticket. */
  static Bytes timerKey(long millis, String ticket) {
    byte[] id = ticket.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(8 + id.length).putLong(millis ^ Long.MIN_VALUE).put(id).array());
  }

  private static Bytes timerUpperBound(long millis) {
    // 0xFF never occurs in UTF-8, so this is above every key of that millisecond.
    return Bytes.wrap(
        ByteBuffer.allocate(9).putLong(millis ^ Long.MIN_VALUE).put((byte) 0xFF).array());
  }

  private static String ticketOf(Bytes key) {
    byte[] b = key.get();
    return new String(b, 8, b.length - 8, StandardCharsets.UTF_8);
  }

  private static String excerpt(String s) {
    return Quoted.excerpt(s); // escaped, never cut inside a surrogate pair
  }
}
