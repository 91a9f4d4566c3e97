package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.clock.BusinessTime;
import dev.servicekit.sla.internal.clock.ClockEngine;
import dev.servicekit.sla.internal.clock.ClockPlan;
import dev.servicekit.sla.internal.clock.PackedEvents;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA clock of one ticket: takes the ticket's events one by one, in any order, and derives the
 * state of every targeted metric cycle at any instant.
 *
 * <p>Events are idempotent by id: the same event again is ignored, a different event reusing an id
 * is rejected. When the source system deletes or edits an event, {@link #retract} and {@link
 * #replace} correct the history: the clock is then exactly a clock fed the corrected history, at
 * the cost of one replay at the next read. Events are applied in {@link TicketEvent#ORDER}. An
 * event in order is applied at once ({@code O(1)} amortized); an event that arrives after a later
 * one is appended to the log ({@code O(1)}), and on the next read the log is sorted and the state
 * re-derived from it once ({@code O(events)} for a nearly sorted log), so a burst of late events
 * costs one sort and one replay. Duplicate detection costs {@code O(1)} expected (a hash filter,
 * then a scan of hashes up to 64 events, a hash table beyond). The log is kept packed (about 15
 * bytes per event, not the events themselves), so a live clock of a typical 20-event ticket holds
 * about 2.1 KB of heap. It also keeps every cycle the ticket has started, stopped ones included
 * (about 0.65 KB each), which dominates on long tickets: about 150 bytes per event on a
 * 10,000-event ticket with a next reply cycle every five events. Events that arrive before the
 * ticket's {@code Created} event are buffered until it arrives. A clock checkpointed more than once
 * ({@link SlaClockSnapshot#toBytes}) also keeps its last checkpoint's encoded events, about the
 * checkpoint's size (see there), so that the next checkpoint encodes only the new events.
 *
 * <p>Bad events: an event of another ticket, an unknown status or a reused id is rejected with an
 * {@link IllegalArgumentException} and leaves the clock unchanged. Problems that depend on other
 * events (stamped before the creation, a second creation, answering or abandoning a call that is
 * not ringing, an explicit priority that no policy of the set knows) cannot be judged on arrival in
 * an out-of-order stream, or are recoverable mistakes of the source system; such events are kept,
 * have no effect, and are reported in {@link SlaEvaluation#anomalies()}.
 *
 * <p>Reply semantics: the first-reply cycle starts at creation, or for a ticket created by an agent
 * at the customer's first message. A reply (public, or internal if {@link
 * SlaPolicySet#internalNotesCount()}; automated if {@link SlaPolicySet#automatedRepliesCount()};
 * both overridable per policy and metric, see {@link MetricRule}) stops each reply cycle it counts
 * for, and arms the next customer message, which starts a next-reply cycle, if it counts for next
 * reply. Solving the ticket fulfils (stops as achieved, unless already breached) the running reply
 * cycles and arms the next customer message too (our rule). No reply cycle runs on a solved ticket:
 * a customer message while solved starts nothing itself; if it is not answered before the ticket is
 * reopened, the reopen starts the next-reply cycle. Solving also cuts off ringing calls (see {@link
 * CycleState#CANCELLED}). A priority only another policy knows is valid: under the current policy
 * the cycles then have no target and are not reported until a policy with targets applies.
 *
 * <p>The batch face {@link #evaluate(SlaPolicySet, Map, Collection, Instant)} is this clock fed the
 * events in order, so both faces agree exactly.
 *
 * <p>As-of reads: {@link #evaluate(Instant)} and {@link #nextTransition(Instant)} answer from the
 * events at or before the instant asked about, so a read before the last event gives what a clock
 * fed only the earlier events would have given then.
 *
 * <p>Re-targeting: policy, priority and channel are re-derived after every attribute, tag or
 * priority change; running and paused cycles are then measured as if the new targets, calendars and
 * pause statuses had applied since the cycle started (the Zendesk rule: a new deadline counted from
 * the original start, which may put the cycle in breach at once). Stopped cycles keep the targeting
 * in force when they stopped. Each change is recorded in {@link SlaEvaluation#policyChanges()}.
 * With {@link RetargetRule#KEEP_REACHED} a breach, warning or escalation a cycle reached before a
 * re-target (or before it stopped, if it later resumes under other targets) is never retracted.
 *
 * <p>Not thread-safe: confine a clock to one thread or synchronize externally.
 */
public final class SlaClock {

  private final SlaPolicySet set;
  private final Map<String, BusinessTime> calendars;
  private final ClockPlan plan;
  private final String ticketId;
  // The event log, packed (about 15 bytes per event; events are materialised only for a replay,
  // events() or a duplicate check). Records are in arrival order; they are in ORDER unless
  // `unsorted`: late events are appended and the log is rewritten in ORDER once, at the next read,
  // so a burst of late events costs one sort and one replay.
  private final PackedEvents log = new PackedEvents();
  private long seenLo; // a 128-bit filter of id hashes: an unset bit proves an id is new
  private long seenHi;
  private boolean unsorted;
  // The greatest event of the log in ORDER: its time and record index (-1 while empty).
  private long greatestSec;
  private int greatestNano;
  private int greatestIndex = -1;
  // Events accepted since the last replay and not applied yet, by record index (null if none):
  // the replay takes them from here instead of decoding them. Dropped after the replay.
  private TicketEvent[] recent;
  // A typical ticket's events, so a clock fed its history before the first read grows this once.
  private static final int RECENT_INITIAL = 24;
  private ClockEngine engine;
  private boolean dirty;
  // The log as SlaClockSnapshot.toBytes last encoded it, so that the next call encodes only the
  // records appended since (null: none kept). Kept from the second toBytes on (`written`); it
  // trusts the log's modification count, so every change of the log other than an append (a sort,
  // a removal, a rewrite) must go through PackedEvents' changed() to invalidate it.
  private SlaClockSnapshot.Encoded encoded;
  private boolean written;
  // keepStoppedCycleStates: handed to every engine this clock builds for its own state (not to the
  // throw-away engines of as-of reads and audit trails).
  private boolean keepStopped;

  /**
   * Creates the clock of one ticket.
   *
   * @param set the policy set
   * @param calendars calendar key -&gt; calendar, for every key the set's rules and targets use
   *     ({@link SlaPolicySet#calendarKeys()}) except {@value MetricRule#ALWAYS}, which always means
   *     24/7 and is reserved
   * @param ticketId the ticket
   * @return a clock with no events
   * @throws IllegalArgumentException if a calendar key of the set (a rule's or a target's) is not
   *     mapped, or if {@code calendars} maps the reserved key {@value MetricRule#ALWAYS}
   */
  public static SlaClock of(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, String ticketId) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(ticketId, "ticketId");
    return new SlaClock(set, adapt(calendars), ticketId);
  }

  /**
   * The batch face: evaluates a ticket's complete event history at {@code now}. Equal to feeding
   * {@link #of} the events in any order and calling {@link #evaluate(Instant)}. Cost {@code O(n log
   * n)} for sorting plus the evaluation.
   *
   * @param set the policy set
   * @param calendars calendar key -&gt; calendar, as for {@link #of} ({@value MetricRule#ALWAYS} is
   *     reserved)
   * @param events the ticket's events, in any order, duplicates allowed; all of one ticket
   * @param now the evaluation instant; events after it do not count (see {@link
   *     #evaluate(Instant)})
   * @return the evaluation
   * @throws IllegalArgumentException if events is empty, mixes tickets, reuses an id or names an
   *     unknown status, or if {@code now} is outside {@link BusinessCalendar#SUPPORTED_START} to
   *     {@link BusinessCalendar#SUPPORTED_END} (exclusive)
   * @throws IllegalStateException if no event at or before {@code now} is a {@code Created} event
   */
  public static SlaEvaluation evaluate(
      SlaPolicySet set,
      Map<String, BusinessCalendar> calendars,
      Collection<? extends TicketEvent> events,
      Instant now) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(now, "now");
    return evaluateTimes(set, adapt(calendars), events, now);
  }

  /** The last adapted calendar map: callers usually pass the same map for every ticket. */
  private static volatile Adapted lastAdapted;

  private record Adapted(Map<String, BusinessCalendar> source, Map<String, BusinessTime> adapted) {}

  private static Map<String, BusinessTime> adapt(Map<String, BusinessCalendar> calendars) {
    Objects.requireNonNull(calendars, "calendars");
    Adapted last = lastAdapted;
    if (last != null && last.source == calendars && isImmutable(calendars)) {
      return last.adapted;
    }
    Map<String, BusinessTime> out = adaptNow(calendars);
    lastAdapted = new Adapted(calendars, out);
    return out;
  }

  private static final Class<?> MAP_N = Map.of("a", 1, "b", 2, "c", 3).getClass();
  private static final Class<?> MAP_1 = Map.of("a", 1).getClass();

  /** Only JDK immutable maps can be cached by identity (a mutable map may change meanwhile). */
  private static boolean isImmutable(Map<?, ?> m) {
    return m.getClass() == MAP_N || m.getClass() == MAP_1;
  }

  private static Map<String, BusinessTime> adaptNow(Map<String, BusinessCalendar> calendars) {
    Map<String, BusinessTime> out = new HashMap<>();
    for (Map.Entry<String, BusinessCalendar> e : calendars.entrySet()) {
      BusinessCalendar c = e.getValue();
      if (c == null) {
        throw new NullPointerException("calendars[" + e.getKey() + "]");
      }
      if (MetricRule.ALWAYS.equals(e.getKey())) {
        // Remapped, it would change every rule and target naming "24/7" but not the metrics that
        // count 24/7 for want of a rule: one word, two meanings.
        throw new IllegalArgumentException(
            "calendars key '"
                + MetricRule.ALWAYS
                + "' is reserved: it always means around the clock, so no calendar may be given"
                + " under it; give this calendar ("
                + Excerpt.of(c.id())
                + ") a key of its own and name that key in the rules or targets");
      }
      out.put(
          e.getKey(),
          new BusinessTime() {
            @Override
            public java.time.Duration between(Instant a, Instant b) {
              return c.between(a, b);
            }

            @Override
            public Instant plus(Instant a, java.time.Duration d) {
              return c.plus(a, d);
            }
          });
    }
    return Map.copyOf(out);
  }

  SlaClock(SlaPolicySet set, Map<String, BusinessTime> calendars, String ticketId) {
    this.set = Objects.requireNonNull(set, "set");
    this.calendars = isImmutable(calendars) ? calendars : Map.copyOf(calendars);
    this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
    if (ticketId.isEmpty()) {
      throw new IllegalArgumentException("ticketId must not be empty");
    }
    Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
    this.plan = planFor(set, this.calendars);
  }

  /** The plan of a set against an immutable calendar map: the last one if it is for these. */
  private static ClockPlan planFor(SlaPolicySet set, Map<String, BusinessTime> calendars) {
    ClockPlan last = lastPlan;
    if (last == null || last.set() != set || last.calendars() != calendars) {
      last = ClockPlan.of(set, calendars);
      lastPlan = last;
    }
    return last;
  }

  /** The plan of the last (immutable set, immutable calendar map) pair: verified and compiled. */
  private static volatile ClockPlan lastPlan;

  /**
   * Applies one event.
   *
   * @param event the event
   * @return true if the event was new, false if it was a duplicate
   * @throws IllegalArgumentException if the event belongs to another ticket, reuses an id with
   *     different content (to correct an accepted event, {@link #replace} it), names a status the
   *     set does not declare (also as a {@code Created} event's initial status), or, if {@link
   *     SlaPolicySet#rejectUnknownKeys()}, sets a key no policy lists (problems that depend on
   *     other events, such as answering a call that is not ringing or an event stamped before the
   *     creation, are anomalies, not exceptions)
   */
  public boolean accept(TicketEvent event) {
    Objects.requireNonNull(event, "event");
    String id = event.id();
    int hash = id.hashCode();
    TicketEvent prev = ticketId.equals(event.ticketId()) ? find(id, hash) : null;
    if (!check(set, plan, ticketId, event, prev)) {
      return false;
    }
    Instant at = event.at();
    boolean inOrder;
    if (greatestIndex < 0) {
      inOrder = true;
    } else {
      long sec = at.getEpochSecond();
      int byTime =
          sec != greatestSec
              ? Long.compare(sec, greatestSec)
              : Integer.compare(at.getNano(), greatestNano);
      inOrder = byTime > 0 || (byTime == 0 && TicketEvent.ORDER.compare(greatest(), event) < 0);
    }
    int index = log.size();
    log.append(event, hash);
    int bit = filterBit(hash);
    if (bit < 64) {
      seenLo |= 1L << bit;
    } else {
      seenHi |= 1L << bit;
    }
    if (inOrder) {
      greatestSec = at.getEpochSecond();
      greatestNano = at.getNano();
      greatestIndex = index;
    } else {
      unsorted = true; // sorted at the next read
    }
    // A first event that creates the ticket starts the engine: from then on, events in order are
    // applied as they come, with no replay at the first read.
    boolean first = index == 0 && event instanceof TicketEvent.Created;
    if (first) {
      engine = newEngine();
    }
    if (first || inOrder && !dirty && engine != null && engine.created() && engine.inPlace(event)) {
      engine.apply(event); // cannot fail: the per-event checks above are all the engine makes
    } else {
      dirty = true; // re-derived from the sorted log on the next read
      if (recent == null) {
        recent = new TicketEvent[Math.max(RECENT_INITIAL, index + 1)];
      } else if (index >= recent.length) {
        recent = Arrays.copyOf(recent, Math.max(2 * recent.length, index + 1));
      }
      recent[index] = event;
    }
    return true;
  }

  /**
   * Removes the accepted event with this id, as when the source system deletes it: from then on the
   * clock is exactly a clock that never saw it (reads, as-of reads, audit trails, {@link #events()}
   * and snapshots). Retracting the {@code Created} event leaves a ticket without one, as before its
   * creation arrived: reads throw {@link IllegalStateException} until a {@code Created} event is
   * accepted again. The id is free again: an event with it is accepted as a new event.
   *
   * <p>Cost: {@code O(events)} to take the record out of the packed log, then one replay of the log
   * ({@code O(events)}, as for a late event) at the next read; a burst of corrections costs one
   * replay. Retracting every event leaves a clock as {@link #of new}.
   *
   * @param eventId the id of the event to remove
   * @return true if an accepted event had this id (it is removed), false if none had (nothing
   *     changes)
   * @throws IllegalArgumentException if {@code eventId} breaks the rule of event ids (blank, too
   *     long, a control character or a lone surrogate), which no accepted event can have
   */
  public boolean retract(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    Excerpt.requireId(eventId, "eventId", TicketEvent.MAX_ID_CHARS);
    int i = indexOf(eventId, eventId.hashCode());
    if (i < 0) {
      return false;
    }
    remove(i);
    return true;
  }

  /**
   * Replaces the accepted event with the id of {@code event} by {@code event}, as when the source
   * system edits it (a reply made internal, a status corrected, an event stamped at another
   * instant, even another kind of event under the same id): from then on the clock is exactly a
   * clock fed {@code event} instead. {@link #accept} still rejects a reused id with other content,
   * so a correction is always explicit. Like {@link java.util.Map#replace(Object, Object)}, it
   * replaces only an event that is there: if none has the id, nothing changes and it returns false
   * (accept the event instead).
   *
   * <p>{@code event} is checked as {@link #accept} checks it before anything changes, so a call
   * that throws leaves the clock as it was. Cost: as {@link #retract} plus an {@link #accept}; an
   * event equal to the one accepted changes nothing and costs no replay.
   *
   * @param event the new content of the event with its id
   * @return true if an accepted event had its id (it now has this content), false if none had
   * @throws IllegalArgumentException if the event belongs to another ticket, names a status the set
   *     does not declare, or, if {@link SlaPolicySet#rejectUnknownKeys()}, sets a key no policy
   *     lists (the checks of {@link #accept})
   */
  public boolean replace(TicketEvent event) {
    Objects.requireNonNull(event, "event");
    check(set, plan, ticketId, event, null); // validate first: nothing has changed if it throws
    String id = event.id();
    int i = indexOf(id, id.hashCode());
    if (i < 0) {
      return false;
    }
    if (eventAt(i).equals(event)) {
      return true; // already this content
    }
    remove(i);
    accept(event); // new again, and checked above: as a late event, re-derived at the next read
    return true;
  }

  /** The record index of the accepted event with this id, or -1. */
  private int indexOf(String id, int hash) {
    int bit = filterBit(hash);
    if (((bit < 64 ? seenLo : seenHi) & (1L << bit)) == 0) {
      return -1;
    }
    return log.find(id, hash);
  }

  /** The accepted event of record {@code i}. */
  private TicketEvent eventAt(int i) {
    TicketEvent e = recent != null && i < recent.length ? recent[i] : null;
    return e != null ? e : log.get(i, ticketId);
  }

  /**
   * Removes record {@code i} and marks the state for a replay at the next read. The id filter keeps
   * the record's bit: a stale bit costs one lookup, while a bit cleared for an id another record
   * shares would hide that record (the filter is reset only with an emptied log).
   */
  private void remove(int i) {
    log.remove(i); // counts a modification: a kept checkpoint encoding is stale from here on
    encoded = null; // so its memory is not kept until the next checkpoint
    int n = log.size();
    if (n == 0) { // nothing left: exactly a new clock
      seenLo = 0;
      seenHi = 0;
      unsorted = false;
      greatestIndex = -1;
      recent = null;
      engine = null;
      dirty = false;
      return;
    }
    if (recent != null && i < recent.length) { // indexed like the records: they moved down
      System.arraycopy(recent, i + 1, recent, i, recent.length - i - 1);
      recent[recent.length - 1] = null;
    }
    if (i < greatestIndex) {
      greatestIndex--;
    } else if (i == greatestIndex) {
      greatestIndex = unsorted ? greatestOf(n) : n - 1; // a sorted log stays sorted
      Instant at = greatest().at();
      greatestSec = at.getEpochSecond();
      greatestNano = at.getNano();
    }
    dirty = true; // the engine has applied the record: re-derived from the log on the next read
  }

  /** The index of the greatest of the log's {@code n} records in ORDER (the log is unsorted). */
  private int greatestOf(int n) {
    TicketEvent[] all = log.all(ticketId, recent);
    int g = 0;
    for (int k = 1; k < n; k++) {
      if (TicketEvent.ORDER.compare(all[k], all[g]) > 0) {
        g = k;
      }
    }
    return g;
  }

  /**
   * The checks of {@link #accept}, made before it changes anything: false for a duplicate of {@code
   * prev} (the accepted event with the same id, or null), true for a new event.
   */
  private static boolean check(
      SlaPolicySet set, ClockPlan plan, String ticketId, TicketEvent event, TicketEvent prev) {
    String id = event.id();
    if (!ticketId.equals(event.ticketId())) {
      throw new IllegalArgumentException(
          "event "
              + Excerpt.of(event.id())
              + " belongs to ticket "
              + Excerpt.of(event.ticketId())
              + ", not to "
              + Excerpt.of(ticketId)
              + " (ticketId)");
    }
    if (prev != null) {
      if (prev.equals(event)) {
        return false;
      }
      // Quoted in excerpts: an event's attributes and tags could make the message any size.
      throw new IllegalArgumentException(
          "event id "
              + Excerpt.of(id)
              + " is already used by "
              + Excerpt.of(prev.toString())
              + ", not "
              + Excerpt.of(event.toString()));
    }
    String status =
        event instanceof TicketEvent.StatusChanged s
            ? s.status()
            : event instanceof TicketEvent.Created c ? c.status().orElse(null) : null;
    if (status != null && !plan.knowsStatus(status)) {
      throw new IllegalArgumentException(
          "event "
              + Excerpt.of(id)
              + (event instanceof TicketEvent.Created ? " initial status " : " status ")
              + Excerpt.of(status)
              + " is unknown: expected one of "
              + set.statuses());
    }
    plan.requireKnownKeys(event); // strict mode only
    return true;
  }

  /** The greatest event of the log in ORDER; the log is not empty. */
  private TicketEvent greatest() {
    TicketEvent e = recent != null && greatestIndex < recent.length ? recent[greatestIndex] : null;
    return e != null ? e : log.get(greatestIndex, ticketId);
  }

  private TicketEvent find(String id, int hash) {
    int bit = filterBit(hash);
    if (((bit < 64 ? seenLo : seenHi) & (1L << bit)) == 0) {
      return null; // never seen: the common case, no scan
    }
    int i = log.find(id, hash);
    if (i < 0) {
      return null;
    }
    TicketEvent e = recent != null && i < recent.length ? recent[i] : null;
    return e != null ? e : log.get(i, ticketId);
  }

  /** The filter bit (0..127) of an id hash, from its well-mixed top bits. */
  private static int filterBit(int hash) {
    return (hash * 0x9E3779B9) >>> 25;
  }

  /** The events of the log in ORDER, materialised. */
  private TicketEvent[] sortedEvents() {
    TicketEvent[] all = log.all(ticketId, recent);
    if (unsorted) {
      sort(all);
    }
    return all;
  }

  private ClockEngine engine() {
    if (dirty) {
      TicketEvent[] all = log.all(ticketId, recent);
      if (unsorted) {
        int[] pos = order(all, all.length);
        if (pos != null) {
          permute(all, pos);
          log.permute(pos); // moves the records' bytes; nothing is encoded again
        }
        unsorted = false;
        greatestIndex = all.length - 1; // its time is unchanged
      }
      engine = replay(newEngine(), all, all.length);
      recent = null;
      dirty = false;
    }
    return engine;
  }

  /** A new engine for the clock's own state, with the clock's options. */
  private ClockEngine newEngine() {
    ClockEngine e = new ClockEngine(plan, ticketId);
    if (keepStopped) {
      e.keepStoppedStates(true);
    }
    return e;
  }

  private static ClockEngine replay(ClockEngine fresh, TicketEvent[] events, int n) {
    boolean hasCreated = false;
    for (int i = 0; i < n && !hasCreated; i++) {
      hasCreated = events[i] instanceof TicketEvent.Created;
    }
    if (hasCreated) {
      for (int i = 0; i < n; i++) {
        fresh.apply(events[i]);
      }
    }
    return fresh; // without a Created event: everything stays buffered in the log
  }

  /**
   * Chooses memory over CPU for a clock that is read again and again while other clocks are read on
   * the same thread: with {@code keep} true, the clock keeps each stopped cycle's evaluated state
   * once an evaluation of it derived that cycle, so that its later evaluations, on any thread,
   * reuse it instead of deriving it again. Results are the same either way; only memory and time
   * differ.
   *
   * <p>Off (the default), a clock holds no evaluation between reads. A reading thread remembers the
   * stopped cycles of the one clock it read last, so a clock read after every event on its own
   * derives each stopped cycle once; but a thread that reads clocks in turn (a stream task
   * interleaving tickets) derives every stopped cycle of a clock at each read, {@code O(cycles)}
   * calendar work, which dominates on long tickets. On, such a read of a clock whose ticket has
   * started 16 cycles or more (targeted or not) derives only the open cycles and those stopped
   * since the clock's last read. Memory: about 270 bytes per stopped cycle once read (a 2,000-event
   * ticket of 325 cycles: about 94 KB, a quarter more), and nothing while off or below 16 cycles:
   * there a read's stopped cycles are a small part of its work (a sixth on a 20-event ticket) for
   * half as much memory again.
   *
   * <p>A kept state serves only the clock state it was derived from: the cycle it belongs to (a
   * change to the cycle, such as a resumption, makes a new one), the count of its spans and the
   * clock's epoch, which every change that judges a stopped cycle again bumps (a re-target under
   * {@link RetargetRule#RECALCULATE_ALL}, an undone re-attach, a withdrawn cycle). A late event, a
   * {@link #retract} or a {@link #replace} replays the clock from its log into a new state that
   * starts with nothing kept; as-of reads ({@link #evaluate(Instant)} before the last event) replay
   * into a state of their own and keep nothing. The option is not part of the clock's state: a
   * snapshot ({@link SlaClockSnapshot}) is the same bytes either way, and a restored clock has it
   * off until turned on. Turning it off drops what was kept. {@code O(1)}.
   *
   * @param keep whether to keep the stopped cycles' states
   */
  public void keepStoppedCycleStates(boolean keep) {
    keepStopped = keep;
    if (engine != null) {
      engine.keepStoppedStates(keep);
    }
  }

  /**
   * Returns whether this clock keeps its stopped cycles' evaluated states ({@link
   * #keepStoppedCycleStates}).
   *
   * @return true if it keeps them
   */
  public boolean keepsStoppedCycleStates() {
    return keepStopped;
  }

  /**
   * The stopped cycles' states the clock keeps for its current state, for tests: 0 without one, and
   * once a late event or a correction asks for a replay (the state it replaces keeps them until
   * then, and serves none of them again).
   */
  int keptStoppedStates() {
    return engine == null || dirty ? 0 : engine.keptStoppedStates();
  }

  /**
   * Returns the ticket id.
   *
   * @return ticket id
   */
  public String ticketId() {
    return ticketId;
  }

  /** The packed log if its records are in application order (ORDER), else null. */
  PackedEvents logInOrder() {
    return unsorted ? null : log;
  }

  /** Notes a call of {@code SlaClockSnapshot.toBytes}; returns whether there was one before. */
  boolean markWritten() {
    boolean before = written;
    written = true;
    return before;
  }

  /** The encoding of the log that {@code SlaClockSnapshot.toBytes} keeps, or null. */
  SlaClockSnapshot.Encoded encoded() {
    return encoded;
  }

  /** Keeps an encoding of the log, or drops it (null). */
  void encoded(SlaClockSnapshot.Encoded e) {
    encoded = e;
  }

  /**
   * Returns the accepted events in application order. The clock keeps its log packed, so this
   * materialises the events: {@code O(events)}.
   *
   * @return an unmodifiable copy of the event log
   */
  public List<TicketEvent> events() {
    return List.of(sortedEvents());
  }

  /**
   * Derives the state of every targeted cycle at {@code now}, as known at {@code now}: from the
   * events at or before {@code now} only. For {@code now} at or after the last event that is every
   * accepted event, as it has always been (cost {@code O(cycles x (status changes + warnings))}
   * calendar operations). An earlier {@code now} (which used to be rejected) answers as a fresh
   * clock fed only the events at or before {@code now} would: later events do not count, not even
   * as anomalies; this costs one replay of those events ({@code O(events)}) and leaves the clock
   * unchanged.
   *
   * <p>The evaluation is made in {@code O(cycles)}, without calendar work; its cycles and next
   * transition are derived when first read (at the cost above), from the clock's state at this
   * call: events accepted later do not change it. A caller that evaluates after every event pays
   * for the evaluations it reads.
   *
   * @param now evaluation instant
   * @return the evaluation
   * @throws IllegalArgumentException if {@code now} is outside {@link
   *     BusinessCalendar#SUPPORTED_START} to {@link BusinessCalendar#SUPPORTED_END} (exclusive)
   * @throws IllegalStateException if no {@code Created} event at or before {@code now} has been
   *     accepted
   */
  public SlaEvaluation evaluate(Instant now) {
    return SlaEvaluation.of(engineAt(now).capture(now));
  }

  /**
   * Returns the earliest instant after {@code now} at which a cycle's state, warning level or
   * escalation level changes if no new event arrives: schedule one timer per ticket at this instant
   * instead of polling. Never before {@code now}; nothing reported changes strictly between {@code
   * now} and it. Like {@link #evaluate(Instant)}, it answers as known at {@code now}: for a {@code
   * now} before the last event, from the events at or before {@code now} only (that is, equal to
   * {@code evaluate(now).nextTransition()}).
   *
   * <p>Cost, at or after the last event: {@code O(open cycles x (status changes + warnings))}
   * calendar operations, where the status changes are those while each open cycle ran; the stopped
   * cycles cost nothing, so reading after every event of a ticket whose stopped cycles pile up
   * stays cheap. A cycle open across many status changes (a resolution cycle paused and resumed
   * through a long ticket) is not re-measured over all of them at each read: the reading thread
   * keeps the measure of its closed part from its last read of this clock, so a read costs {@code
   * O(log status changes)} plus the status changes since that read (the first read on a thread, and
   * reads that alternate between tickets, measure it in full; see the README).
   *
   * @param now evaluation instant
   * @return the next transition, empty if no targeted cycle is running
   * @throws IllegalArgumentException if {@code now} is outside the supported range, as for {@link
   *     #evaluate(Instant)}
   * @throws IllegalStateException if no {@code Created} event at or before {@code now} has been
   *     accepted
   */
  public Optional<Instant> nextTransition(Instant now) {
    return engineAt(now).nextTransition(now);
  }

  /**
   * Checks an evaluation instant up front: one outside the calendars' supported range would fail
   * only when the evaluation is read, naming a calendar's parameter.
   */
  private static void requireSupported(Instant now) {
    BusinessCalendar.second(now, "now");
  }

  /** The engine that knows exactly the events at or before {@code now}. */
  private ClockEngine engineAt(Instant now) {
    requireSupported(now);
    ClockEngine engine = requireEngine();
    if (!now.isBefore(engine.lastAt())) {
      return engine;
    }
    return replayAsOf(new ClockEngine(plan, ticketId), now);
  }

  /**
   * Feeds {@code fresh} the events at or before {@code now}. The log is sorted: callers ran {@link
   * #requireEngine()} first.
   */
  private ClockEngine replayAsOf(ClockEngine fresh, Instant now) {
    TicketEvent[] all = log.all(ticketId, null);
    int n = 0;
    while (n < all.length && !all[n].at().isAfter(now)) {
      n++;
    }
    ClockEngine asOf = replay(fresh, all, n);
    if (!asOf.created()) {
      throw new IllegalStateException(
          "ticket " + ticketId + " has no Created event at or before " + now);
    }
    return asOf;
  }

  /**
   * Returns the audit trail of one cycle at {@code now}: its ordered segments (running, paused,
   * stopped), each with its bounds, the calendar and business time counted, the events that opened
   * and closed it and the target in force. The cycle's durations in {@link #evaluate(Instant)} are
   * sums over these segments (see {@link CycleSegment}). The trail depends only on the set of
   * accepted events, not on their arrival order.
   *
   * <p>Derived on demand by replaying the event log into a recording engine, so the clock keeps no
   * trail: {@code O(events + cycles x status changes)} per call.
   *
   * @param metric the metric
   * @param cycle the cycle's index, as {@link MetricCycle#cycle()}
   * @param now evaluation instant; like {@link #evaluate(Instant)}, an instant before the last
   *     event answers from the events at or before it
   * @return the segments, oldest first
   * @throws IllegalArgumentException if {@code cycle} is negative, the ticket has no such cycle at
   *     {@code now}, or {@code now} is outside the supported range, as for {@link
   *     #evaluate(Instant)}
   * @throws IllegalStateException if no {@code Created} event at or before {@code now} has been
   *     accepted
   */
  public List<CycleSegment> auditTrail(SlaMetric metric, int cycle, Instant now) {
    Objects.requireNonNull(metric, "metric");
    if (cycle < 0) {
      throw new IllegalArgumentException(
          "cycle "
              + cycle
              + " must not be negative: cycles are numbered from 0 among the ticket's cycles of"
              + " the metric, as MetricCycle.cycle()");
    }
    requireSupported(now);
    requireEngine();
    // Like evaluate: as known at now, from the events at or before now.
    return replayAsOf(ClockEngine.recording(plan, ticketId), now).auditTrail(metric, cycle, now);
  }

  private ClockEngine requireEngine() {
    ClockEngine engine = engine();
    if (engine == null || !engine.created()) {
      throw new IllegalStateException("ticket " + ticketId + " has no Created event yet");
    }
    return engine;
  }

  static SlaEvaluation evaluateTimes(
      SlaPolicySet set,
      Map<String, BusinessTime> calendars,
      Collection<? extends TicketEvent> events,
      Instant now) {
    Objects.requireNonNull(events, "events");
    requireSupported(now);
    if (events.isEmpty()) {
      throw new IllegalArgumentException(
          "events must not be empty: a ticket needs a Created event");
    }
    TicketEvent[] sorted = events.toArray(new TicketEvent[0]);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] == null) {
        throw new NullPointerException("events[" + i + "]");
      }
    }
    sort(sorted);
    String ticketId = sorted[0].ticketId();
    if (ticketId.isEmpty()) {
      throw new IllegalArgumentException("ticketId must not be empty");
    }
    ClockPlan plan = planFor(set, isImmutable(calendars) ? calendars : Map.copyOf(calendars));
    // What a clock fed the sorted events would do (accept each, then replay them at the read),
    // without its packed log: this clock is never seen again, so its events stay objects.
    TicketEvent[] kept = new TicketEvent[sorted.length];
    int n = 0;
    Map<String, TicketEvent> byId = sorted.length > BATCH_SCAN_MAX ? new HashMap<>() : null;
    int[] hashes = byId == null ? new int[sorted.length] : null;
    for (TicketEvent e : sorted) {
      String id = e.id();
      TicketEvent prev = null;
      int hash = id.hashCode();
      if (ticketId.equals(e.ticketId())) {
        if (byId != null) {
          prev = byId.get(id);
        } else {
          for (int k = 0; k < n && prev == null; k++) {
            if (hashes[k] == hash && kept[k].id().equals(id)) {
              prev = kept[k];
            }
          }
        }
      }
      if (check(set, plan, ticketId, e, prev)) {
        if (byId != null) {
          byId.put(id, e);
        } else {
          hashes[n] = hash;
        }
        kept[n++] = e;
      }
    }
    boolean hasCreated = false;
    for (int i = 0; i < n && !hasCreated; i++) {
      hasCreated = kept[i] instanceof TicketEvent.Created;
    }
    if (!hasCreated) {
      throw new IllegalStateException("ticket " + ticketId + " has no Created event yet");
    }
    int upTo = n; // as of now: the events at or before it (see evaluate(Instant))
    while (upTo > 0 && kept[upTo - 1].at().isAfter(now)) {
      upTo--;
    }
    ClockEngine engine = replay(new ClockEngine(plan, ticketId), kept, upTo);
    if (!engine.created()) {
      throw new IllegalStateException(
          "ticket " + ticketId + " has no Created event at or before " + now);
    }
    return SlaEvaluation.of(engine.capture(now));
  }

  /** Up to this many events, the batch face finds duplicate ids by a scan of hashes. */
  private static final int BATCH_SCAN_MAX = 64;

  /** Above this size the keyed insertion sort gives way to the library sort. */
  private static final int INSERTION_SORT_MAX = 48;

  /** Timestamps this far apart (about 290 years) no longer fit one long key of nanoseconds. */
  private static final long MAX_KEY_SPAN_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

  /**
   * Sorts events stably in {@link TicketEvent#ORDER}, exactly as {@code Arrays.sort(events,
   * ORDER)}. Tickets are short, so an insertion sort on a primitive key (nanoseconds since the
   * earliest event, read once per event) beats the library sort, whose comparator reads instants
   * out of many event classes per comparison.
   */
  static void sort(TicketEvent[] events) {
    sort(events, events.length);
  }

  /** Sorts the first {@code n} events as {@link #sort(TicketEvent[])} sorts all. */
  private static void sort(TicketEvent[] events, int n) {
    int[] pos = order(events, n);
    if (pos != null) {
      permute(events, pos);
    }
  }

  /** Puts {@code events[pos[i]]} at position i, for the first {@code pos.length} events. */
  private static void permute(TicketEvent[] events, int[] pos) {
    TicketEvent[] original = Arrays.copyOf(events, pos.length);
    for (int i = 0; i < pos.length; i++) {
      events[i] = original[pos[i]];
    }
  }

  /**
   * The sorted order of the first {@code n} events: position i of the sorted events holds {@code
   * events[pos[i]]}; null if they are sorted already.
   */
  private static int[] order(TicketEvent[] events, int n) {
    if (n < 2) {
      return null;
    }
    long minSec = Long.MAX_VALUE;
    long maxSec = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long sec = events[i].at().getEpochSecond();
      minSec = Math.min(minSec, sec);
      maxSec = Math.max(maxSec, sec);
    }
    if (n > INSERTION_SORT_MAX || maxSec - minSec > MAX_KEY_SPAN_SECONDS) {
      // Instant's range keeps maxSec - minSec exact
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, (a, b) -> TicketEvent.ORDER.compare(events[a], events[b]));
      int[] pos = new int[n];
      for (int i = 0; i < n; i++) {
        pos[i] = idx[i];
      }
      return pos;
    }
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      Instant at = events[i].at();
      key[i] = (at.getEpochSecond() - minSec) * 1_000_000_000L + at.getNano();
    }
    // Insertion sort of primitive keys and positions: moving references in the event array would
    // pay the collector's write barrier on every step; the events move once, at the end.
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      pos[i] = i;
    }
    boolean moved = false;
    for (int i = 1; i < n; i++) {
      long k = key[i];
      int p = pos[i];
      int j = i - 1;
      while (j >= 0
          && (key[j] > k
              || (key[j] == k && TicketEvent.ORDER.compare(events[pos[j]], events[p]) > 0))) {
        key[j + 1] = key[j];
        pos[j + 1] = pos[j];
        j--;
      }
      if (j + 1 != i) {
        key[j + 1] = k;
        pos[j + 1] = p;
        moved = true;
      }
    }
    return moved ? pos : null;
  }
}
