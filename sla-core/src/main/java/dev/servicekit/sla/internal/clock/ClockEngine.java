package dev.servicekit.sla.internal.clock;

import dev.servicekit.sla.BreachRule;
import dev.servicekit.sla.ClosingRule;
import dev.servicekit.sla.CycleSegment;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.EventAnomaly;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PolicyChange;
import dev.servicekit.sla.ReattachStart;
import dev.servicekit.sla.ReopenRule;
import dev.servicekit.sla.RetargetRule;
import dev.servicekit.sla.ScheduleRule;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.StageDefinition;
import dev.servicekit.sla.StopRule;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.WarningReached;
import dev.servicekit.sla.WarningThreshold;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.clock.ClockPlan.Slot;
import dev.servicekit.sla.internal.clock.ClockPlan.Targeting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA state machine of one ticket. Events must be applied in {@link TicketEvent#ORDER}; the
 * caller de-duplicates. Every {@link #apply} validates before it mutates, so a rejected event
 * leaves the engine unchanged.
 *
 * <p>The engine records <em>what happened</em> (status timeline, cycle spans, targeting history);
 * targets, pauses and deadlines are derived in {@link Captured#derive} from the targeting in force
 * (current for running cycles, frozen at stop for stopped ones, or current for those too under
 * RECALCULATE_ALL where it targets their metric). That is what makes re-targeting "from the
 * original start" exact. Not thread-safe.
 */
public final class ClockEngine {

  private static final Instant FAR = Instant.MAX;

  private final ClockPlan plan;
  private final StageDefinition[] stageDefs;
  private final MetricDefinition[] defs;
  private final SlaPolicySet set;
  private final String ticketId;
  // StopRule.BEFORE_UPDATE: a cycle an instant ends is judged by the targeting before the instant.
  private final boolean stopsFirst;
  // creationStopOverridesStart: a cycle the creating update starts and ends is not attached.
  private final boolean dropsAtCreation;

  private boolean created;
  private String createdId;
  private Instant lastAt;

  private Instant[] statusAt = new Instant[8]; // when each status of the timeline began
  private int[] statusVal = new int[8]; // status ids, parallel to statusAt
  private int statusCount;
  private String status;
  private int statusId;
  private final String[] attributes; // values of the plan's relevant attributes, null = absent
  private Set<String> tags = Set.of();
  private String explicitPriority;
  // State most clocks never need (the timeline of the tag and attribute pause conditions, the
  // running cycles of per-call definitions), allocated on first use: one null reference otherwise.
  private Rare rare;

  private Targeting targeting;
  // When the targeting in force was derived, and the one in force before that instant (at the
  // creation instant, the creation's): later changes at the same instant re-derive from it, so one
  // update gives one result whatever the ids of its events.
  private Instant targetingAt;
  private Targeting targetingBefore;
  // Immutable lists, replaced on the rare change: an evaluation then shares them instead of
  // copying, and an empty one costs a live clock nothing.
  private final SharedLog<PolicyChange> changes = new SharedLog<>();
  private final SharedLog<EventAnomaly> anomalies = new SharedLog<>();
  // Keys the targeting falls back on (ClockPlan.keyMiss, per field): the current reasons, the
  // reasons in force before the instant of the last targeting input, and the anomaly reported at
  // that instant.
  private String[] keyMiss;
  private String[] keyMissBefore;
  private Instant keyMissAt;
  private EventAnomaly keyMissAnomaly;
  // CANCEL_AND_REATTACH: the cycles cancelled and attached at instant reattachAt (undone if that
  // instant ends on the targeting it began with).
  private Instant reattachAt;
  // CANCEL_AND_REATTACH: the instant whose re-attach was undone; a later change at it re-attaches.
  private Instant reattachUndoneAt;
  // CANCEL_AND_REATTACH: the instant whose changes so far moved due dates only (nothing
  // re-attached); a later change of policy, priority or channel at it re-attaches.
  private Instant duesOnlyAt;
  // Allocated on the first re-attach only: most clocks never re-attach.
  private ArrayList<Cycle> reattachCancelled;
  private ArrayList<Cycle> reattachStarted;
  // BEFORE_UPDATE under CANCEL_AND_REATTACH: the re-attaches of instant reattachAt that a stop or
  // cancel of that instant withdrew, for a reopen of that instant to restore (reopen); null until
  // the first such withdrawal.
  private ArrayList<Unattach> unattached;
  // ScheduleRule.PER_PERIOD only (else null): when each targeting came into force, in time order
  // (one entry per instant), so that each period of a cycle counts on the calendar of its own.
  private Instant[] periodAt;
  private Targeting[] periodTg;
  private int periods;
  // Bumped when a stopped cycle is changed in place (an undone re-attach reopens cycles) or, under
  // RECALCULATE_ALL, judged by another targeting (every re-target), so the per-thread cache of
  // stopped cycles' states never answers for this engine's older state.
  private int epoch;
  // The thread that last derived an evaluation of this engine (Captured#derive), or null: a hint,
  // written by deriving threads without synchronisation. A stale value only makes a derivation use
  // a fresh scratch where the thread's caches could have served, or look them up and find them
  // another engine's; either way the results are equal (the caches only memoise).
  private Thread deriver;
  // Bumped by every capture: a cycle of an older generation may be shared by an evaluation.
  private int gen;
  // Where gen is rebased to 0 rather than wrapped; lowered only by tests.
  private static int genLimit = Integer.MAX_VALUE;

  // SlaClock#keepStoppedCycleStates: the evaluated state of each stopped cycle a derivation of
  // this engine's captures met, by its position in the capture, for the cycle (its identity), the
  // epoch and the span count it holds for (see Captured#derive); null while the option is off, so
  // an engine without it holds nothing. Written by deriving threads without synchronisation: an
  // entry is immutable and only memoises, so a racing reader sees it whole or a miss, and a lost
  // write (or a lost growth of the array) costs one derivation.
  private StoppedState[] kept;

  /** A stopped cycle's evaluated state, for the cycle, engine epoch and span count it holds for. */
  private record StoppedState(Cycle cycle, int epoch, int spans, MetricCycle state) {}

  private static final StoppedState[] KEPT_NONE = new StoppedState[0];

  /**
   * With keepStoppedStates on, a derivation keeps stopped cycles' states only in a capture of at
   * least this many cycles (started, targeted or not: untargeted ones cost a read nothing). Below
   * it a read's stopped cycles are a small part of its work (about a sixth of a read of a 20-event
   * ticket in the checkpoint benchmarks' shape, whose untargeted periodic update cycles make about
   * half of its 8 or so) for about 270 B each, half as much memory again as such a clock; beyond it
   * they are about 40 % and more, growing with the ticket (O(cycles) per read), which is what the
   * option removes.
   */
  static final int KEEP_STOPPED_FROM = 16;

  private static int keepStoppedFrom = KEEP_STOPPED_FROM;

  /**
   * Sets from how many cycles a capture's derivation keeps stopped cycles' states on an engine that
   * keeps them ({@value #KEEP_STOPPED_FROM} by default), so that tests reach it with short
   * histories. Not for production use.
   *
   * @param cycles the new threshold, at least 1
   */
  public static void keepStoppedStatesFromForTests(int cycles) {
    if (cycles < 1) {
      throw new IllegalArgumentException("cycles must be at least 1, was " + cycles);
    }
    keepStoppedFrom = cycles;
  }

  /**
   * Sets the capture generation at which engines rebase their generations (default {@code
   * Integer.MAX_VALUE}), so tests can reach the rebase. Not for production use.
   *
   * @param limit the new limit, at least 1
   */
  public static void captureGenerationLimitForTests(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    genLimit = limit;
  }

  // Evaluation scratch, one per thread rather than per engine (it would cost every live clock
  // about 200 bytes): running segments [from[i], to[i]) (to null = open), count n, and the
  // business time of each closed one.
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** The calling thread's scratch. */
  private static Scratch scratch() {
    return SCRATCH.get();
  }

  private static final class Scratch {
    Instant[] from = new Instant[8];
    Instant[] to = new Instant[8];
    int n;
    Duration[] dur = new Duration[8];
    // PER_PERIOD: the calendar of each running segment (only while `mixed`).
    BusinessTime[] cal = new BusinessTime[8];
    boolean mixed;
    final Snapshot snapshot = new Snapshot();
    WarningReached[] reached = new WarningReached[4]; // the warnings a snapshot found reached
    // The evaluated state of the stopped cycles of the engine this thread evaluated last, by cycle
    // position. A stopped cycle's state is fixed by its spans (it only changes if the cycle
    // resumes, which adds a span) and the targeting it is judged by, its frozen one (under
    // RECALCULATE_ALL the current one, whose every change bumps the engine's epoch), so (cycle,
    // span count) identifies it within an epoch.
    // Kept per thread, not per engine: a CRM reading one ticket after every event re-derives no
    // stopped cycle from its second read on, and a million idle clocks hold no evaluation. Only an
    // engine's second and later derivations on a thread use it (see Captured#derive).
    // The arrays are made by the first own(), so a derivation's own scratch (Captured#derive) makes
    // none.
    ClockEngine owner;
    Cycle[] cycleOf;
    int[] spansOf;
    MetricCycle[] stateOf;

    int ownerEpoch;
    // Running segments derived through this scratch so far (read by tests: segmentsDerived).
    long segmentsDerived;
    // Calendar results per cycle position (see Memo), reused while a cycle's running segments,
    // slot and target are unchanged. Made by the first memo().
    Memo[] memo;

    /** The memo of cycle position {@code i}, or null if {@code i} is out of the cached range. */
    Memo memo(int i) {
      if (i < 0 || i >= MEMO_MAX) {
        return null;
      }
      if (memo == null) {
        memo = new Memo[8];
      }
      if (i >= memo.length) {
        memo = java.util.Arrays.copyOf(memo, Math.min(MEMO_MAX, Math.max(2 * memo.length, i + 1)));
      }
      Memo m = memo[i];
      if (m == null) {
        m = new Memo();
        memo[i] = m;
      }
      return m;
    }

    void own(ClockEngine e, int epoch) {
      owner = e;
      ownerEpoch = epoch;
      if (cycleOf == null) {
        cycleOf = new Cycle[8];
        spansOf = new int[8];
        stateOf = new MetricCycle[8];
      } else {
        java.util.Arrays.fill(cycleOf, null);
        java.util.Arrays.fill(stateOf, null);
      }
    }

    MetricCycle stopped(int i, Cycle c) {
      return i < cycleOf.length && cycleOf[i] == c && spansOf[i] == c.spanCount()
          ? stateOf[i]
          : null;
    }

    void keep(int i, Cycle c, MetricCycle m) {
      if (i >= cycleOf.length) {
        int n = Math.max(2 * cycleOf.length, i + 1);
        cycleOf = java.util.Arrays.copyOf(cycleOf, n);
        spansOf = java.util.Arrays.copyOf(spansOf, n);
        stateOf = java.util.Arrays.copyOf(stateOf, n);
      }
      cycleOf[i] = c;
      spansOf[i] = c.spanCount();
      stateOf[i] = m;
    }
  }

  /**
   * Forgets the calling thread's evaluation caches (the states of stopped cycles and the calendar
   * memos of open ones), so that its next evaluation derives everything afresh. Evaluations never
   * need this; tests compare cached with uncached evaluations through it.
   */
  public static void forgetThreadCaches() {
    SCRATCH.remove();
  }

  /** Cycle positions beyond this are evaluated without a memo (bounds the per-thread scratch). */
  private static final int MEMO_MAX = 256;

  /**
   * The calendar results of one cycle's last evaluation on this thread: the business time of each
   * closed running segment and the instants at which the running time reaches the target, each
   * warning and each escalation (a crossing), plus the target crossing's deadline. Each is a pure
   * function of the slot (calendar, amounts, closing rule), the target and the running segments, so
   * the memo is keyed by exactly those (compared by content, not by a version): it answers for any
   * engine whose cycle has them, and a running cycle read after every event costs one calendar call
   * (its open segment's business time) instead of one per segment, warning and deadline.
   */
  private static final class Memo {
    Slot slot;
    Duration target;
    int n;
    Instant[] from = new Instant[4];
    Instant[] to = new Instant[4];
    Duration[] dur = new Duration[4];
    Instant[] crossing = new Instant[4]; // by amount index: 0 target, then warnings, escalations
    long known; // bit k: crossing[k] is known (may be null: never reached)
    Instant deadline; // closingRule(crossing[0])
    boolean deadlineKnown;
    // Derived from the above and shared by the evaluations that report them (each is immutable):
    // the deadline wrapped once, the first breached instant (before anything kept) and its
    // wrapper, and the list of the first warnCount warnings reached (no kept warnings).
    Optional<Instant> deadlineOpt;
    Instant breach;
    boolean breachKnown;
    Optional<Instant> breachOpt;
    List<WarningReached> warnList;
    int warnCount;
    // The segments above follow this closed prefix (null: they are all of the cycle's). A memo
    // keyed to a prefix is forgotten whenever the prefix grows (View#advance).
    Run base;
    // The closed prefix of the long open cycle last measured at this position, or null (see Run).
    Run run;

    /**
     * Whether this memo holds the results of exactly these segments after prefix {@code base}
     * (null: none), slot and target.
     */
    boolean matches(Slot slot, Duration target, Scratch sc, Run base) {
      if (this.slot != slot
          || n != sc.n
          || this.base != base
          || !java.util.Objects.equals(this.target, target)) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (!same(from[i], sc.from[i]) || !same(to[i], sc.to[i])) {
          return false;
        }
      }
      return true;
    }

    private static boolean same(Instant a, Instant b) {
      return a == b || (a != null && a.equals(b));
    }

    /** Forgets everything and keys the memo to these segments after {@code base}, slot, target. */
    void reset(Slot slot, Duration target, Scratch sc, Run base) {
      this.slot = slot;
      this.target = target;
      this.base = base;
      int k = sc.n;
      if (k > from.length) {
        from = new Instant[k];
        to = new Instant[k];
        dur = new Duration[k];
      }
      System.arraycopy(sc.from, 0, from, 0, k);
      System.arraycopy(sc.to, 0, to, 0, k);
      java.util.Arrays.fill(dur, null);
      n = k;
      known = 0;
      deadline = null;
      deadlineKnown = false;
      deadlineOpt = null;
      breach = null;
      breachKnown = false;
      breachOpt = null;
      warnList = null;
    }
  }

  // An open cycle with at least this many running segments is measured from its closed prefix
  // (Run); shorter ones are re-measured from their start, which costs less than the bookkeeping.
  private static int runFrom = 16;

  /**
   * Sets the number of running segments from which an open cycle is measured from its closed prefix
   * rather than from its start (default 16), so that tests can measure every cycle both ways. Not
   * for production use.
   *
   * @param segments the new threshold, at least 2
   */
  public static void runFromSegmentsForTests(int segments) {
    if (segments < 2) {
      throw new IllegalArgumentException("segments must be at least 2: " + segments);
    }
    runFrom = segments;
  }

  /**
   * The closed prefix of the running segments of one open cycle with many of them (a resolution
   * cycle paused and resumed through a long ticket): the segments that begin before {@link #cut}
   * (all closed; nothing runs from the end of the last of them to the cut), their cumulative
   * business time and running wall time, and the wall time of the cycle's spans that ended before
   * the cut. A read then derives only the segments from the cut on, and finds a crossing or an end
   * in the prefix by binary search, instead of re-measuring the cycle from its start; each read
   * moves the cut to the start of its last segment ({@link View#advance}), so reading after every
   * event costs {@code O(log segments)} plus the new segments, not {@code O(segments)}.
   *
   * <p>Valid for reads of one engine in one epoch whose last event is not before the cut, for one
   * cycle (its identity), slot, target and retroactive start: within an epoch the engine never
   * changes its history before its last event (status changes are appended; the hold timeline
   * changes only at the instant of its last entry, the last event's; a cycle's spans are closed,
   * reopened and resumed only at the event's instant; everything else bumps the epoch), and the
   * segments before the cut are a function of that history.
   */
  private static final class Run {
    // Weak: a thread's runs (one per memo) must not keep the engines of tickets long gone.
    java.lang.ref.WeakReference<ClockEngine> owner;
    int epoch;
    Object id;
    Slot slot;
    Duration target;
    Instant noPauseUntil;
    boolean holds; // whether the segments were derived with a hold timeline
    Instant cut;
    int span; // the spans [0, span) ended before the cut
    long spanWallSec;
    long spanWallNano;
    int m; // segments [0, m)
    Instant[] from = new Instant[16];
    Instant[] to = new Instant[16]; // strictly increasing, as the segments are disjoint, in order
    Duration[] cum = new Duration[16]; // business time of segments [0, i]
    long wallSec; // running wall time of segments [0, m)
    long wallNano;

    /** Whether this prefix answers for cycle {@code c} read through {@code v}. */
    boolean matches(View v, Cycle c, Slot slot, Duration target) {
      return owner.get() == v.owner
          && epoch == v.epoch
          && id == c.id
          && this.slot == slot
          && noPauseUntil == c.noPauseUntil
          && holds == (slot.holdMask != 0 && v.holds != null)
          && java.util.Objects.equals(this.target, target)
          && !cut.isAfter(v.lastAt);
    }

    /** Keys this (empty) prefix to cycle {@code c} read through {@code v}. */
    void start(View v, Cycle c, Slot slot, Duration target) {
      if (owner == null || owner.get() != v.owner) {
        owner = new java.lang.ref.WeakReference<>(v.owner);
      }
      epoch = v.epoch;
      id = c.id;
      this.slot = slot;
      this.target = target;
      noPauseUntil = c.noPauseUntil;
      holds = slot.holdMask != 0 && v.holds != null;
      cut = null;
      span = 0;
      spanWallSec = 0;
      spanWallNano = 0;
      m = 0;
      wallSec = 0;
      wallNano = 0;
    }

    /** Appends closed segment [a, b) of business time {@code d}. */
    void append(Instant a, Instant b, Duration d) {
      if (m == from.length) {
        from = java.util.Arrays.copyOf(from, 2 * m);
        to = java.util.Arrays.copyOf(to, 2 * m);
        cum = java.util.Arrays.copyOf(cum, 2 * m);
      }
      from[m] = a;
      to[m] = b;
      cum[m] = m == 0 ? d : cum[m - 1].plus(d);
      wallSec += b.getEpochSecond() - a.getEpochSecond();
      wallNano += b.getNano() - a.getNano();
      m++;
    }

    /** The business time of the prefix. */
    Duration sum() {
      return m == 0 ? Duration.ZERO : cum[m - 1];
    }

    /** The first segment whose cumulative business time reaches {@code amount}, or m. */
    int reaching(Duration amount) {
      int lo = 0;
      int hi = m;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cum[mid].compareTo(amount) >= 0) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    /** The first segment that ends after {@code t}, or m. */
    int endingAfter(Instant t) {
      int lo = 0;
      int hi = m;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (to[mid].isAfter(t)) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }
  }

  /**
   * The index of the last of the first {@code n} (ascending) instants at or before {@code a}; 0 if
   * none is (the first entry is in force from the creation).
   */
  private static int floorIndex(Instant[] at, int n, Instant a) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (!at[mid].isAfter(a)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * When the set of holding tag and attribute pause conditions changed: from {@code at[i]} the bits
   * {@code val[i]} hold. One entry per instant (the state after all of its events), the first at
   * the creation.
   */
  static final class Holds {
    Instant[] at = new Instant[4];
    long[] val = new long[4];
    int n;

    /** Index of the entry in force at {@code a} (the creation's if {@code a} is before it). */
    int indexAt(Instant a) {
      return floorIndex(at, n, a);
    }

    /** A copy of exactly the entries so far. */
    Holds copy() {
      Holds h = new Holds();
      h.at = java.util.Arrays.copyOf(at, Math.max(1, n));
      h.val = java.util.Arrays.copyOf(val, Math.max(1, n));
      h.n = n;
      return h;
    }

    /** Notes that {@code bits} hold from {@code t}; returns whether that changed anything. */
    boolean note(Instant t, long bits) {
      if (n > 0 && val[n - 1] == bits) {
        return false;
      }
      if (n > 0 && at[n - 1].equals(t)) {
        if (n > 1 && val[n - 2] == bits) {
          n--; // back to what held before this instant: no change at it
        } else {
          val[n - 1] = bits;
        }
        return true;
      }
      if (n == at.length) {
        at = java.util.Arrays.copyOf(at, 2 * n);
        val = java.util.Arrays.copyOf(val, 2 * n);
      }
      at[n] = t;
      val[n] = bits;
      n++;
      return true;
    }
  }

  /** What few clocks need, allocated on first use (see {@link #rare}). */
  static final class Rare {
    // The timeline of the tag and attribute pause conditions (ClockPlan#holds); null when the set
    // has none.
    Holds holds;
    // Cycles.PER_CALL definitions: the running cycles by call id, per definition index.
    Map<String, Cycle>[] calls;
    // The custom metrics' view of the group of events applied last (null when the set defines
    // none).
    Change change;
  }

  private Rare rare() {
    if (rare == null) {
      rare = new Rare();
    }
    return rare;
  }

  /** Notes the tag and attribute pause conditions that hold after an event at {@code t}. */
  private void noteHolds(Instant t) {
    if (plan.holdCount() == 0) {
      return;
    }
    Rare r = rare();
    if (r.holds == null) {
      r.holds = new Holds();
    }
    long bits = plan.holds(attributes, tags);
    if (r.holds.note(t, bits) && rec != null) {
      rec.hold(t, bits);
    }
  }

  private final CycleList cycles = new CycleList();
  private final int[] counts = new int[SlaMetric.Kind.values().length];
  // Cycles started per stage and custom metric; created on first use, like stages and ringing.
  private Map<SlaMetric, Integer> namedCounts;
  // Custom metrics (MetricDefinition), by definition index; null when the set defines none. The
  // last cycle of each, and its flags: ARMED (an arm trigger fired since the last start), DEFERRED
  // (a start on a solved ticket waits for the reopen) and HELD (under PAUSE, a solve's arm held
  // while first reply is owed: a reply that meets first reply before the reopen releases it).
  private Cycle[] defCycle;
  private byte[] defFlags;
  private static final byte ARMED = 1;
  private static final byte DEFERRED = 2;
  private static final byte HELD = 4;
  private Cycle firstResponse;
  private Cycle nextResponse;
  private Cycle periodic;
  private Cycle resolution;
  private Map<String, Cycle> stages = Map.of();
  private Map<String, Cycle> ringing = Map.of();
  // Whether the next customer message starts a next-reply cycle: set by every counted reply and
  // by solving (under PAUSE by a solve that leaves no first-reply cycle open, or by the cancel of
  // the one paused there), cleared when a cycle starts.
  private boolean awaitingCustomer;
  // Agent-created ticket without a customer message yet: that message starts the first reply.
  private boolean firstPending;
  // Earliest customer message written while the ticket was solved and not answered since; the
  // reopen starts its reply cycle. Null if none.
  private Instant solvedMessageAt;
  // Audit-trail recording: null on live engines, set only on engines replayed for a trail.
  private Recorder rec;
  // The custom metrics' steps taken so far, undone ones included (read by tests: stepsTaken).
  private long steps;
  // Cycles nextTransition measured so far (read by tests: transitionVisits).
  private long transitionVisits;
  // Answer time cycles renumbered into call-id order so far (read by tests: callsRenumbered).
  private long callsRenumbered;
  // Whether the custom metrics' last group of events waits to be settled (Change#pending).
  private boolean settlePending;
  // The instant whose offered calls are not yet in call-id order (numberCallsInIdOrder), or null.
  private Instant callsUnsortedAt;
  // The status a Created event carries (Created#withStatus), applied as a status change of the
  // creating update once the creation's state group (its instant's attribute, priority and tag
  // changes) has ended, or at a read; null when none waits.
  private String ownStatus;
  // Whether a read applied ownStatus before the creation's state group had ended (see #inPlace).
  private boolean ownStatusRead;

  /**
   * Creates an engine.
   *
   * @param plan the policy set compiled against its calendars
   * @param ticketId the ticket
   */
  public ClockEngine(ClockPlan plan, String ticketId) {
    this.plan = plan;
    this.set = plan.set();
    this.ticketId = ticketId;
    this.stopsFirst = set.stopRule() == StopRule.BEFORE_UPDATE;
    this.dropsAtCreation = set.creationStopOverridesStart();
    this.stageDefs = plan.stages();
    this.defs = plan.definitions();
    if (defs.length > 0) {
      defCycle = new Cycle[defs.length];
      defFlags = new byte[defs.length];
    }
    this.attributes = new String[plan.attributeCount()];
  }

  /**
   * Checks that every calendar key used by the set resolves.
   *
   * @param set the set
   * @param keys available calendar keys
   */
  public static void checkCalendars(SlaPolicySet set, Set<String> keys) {
    for (String k : set.calendarKeys()) {
      if (!keys.contains(k) && !MetricRule.ALWAYS.equals(k)) {
        throw new IllegalArgumentException(
            "calendar '"
                + k
                + "' used by "
                + userOf(set, k)
                + " is not among the given calendars "
                + Excerpt.list(keys)
                + channelHint(set, k));
      }
    }
  }

  /**
   * A hint when a missing calendar key is one of the set's channels: {@code target("urgent",
   * metric, PT1H, "email")} compiles, and names calendar {@code email}; the channel goes before the
   * metric.
   */
  private static String channelHint(SlaPolicySet set, String k) {
    for (SlaPolicy p : everyPolicy(set)) {
      boolean channel = p.channels().contains(k);
      for (var byPriority : p.targetTable().values()) {
        channel |= byPriority.containsKey(k);
      }
      if (channel) {
        return "; '"
            + k
            + "' is a channel of policy "
            + p.name()
            + ": a target's channel goes before its metric, target(priority, channel, metric,"
            + " target), and a calendar after its duration";
      }
    }
    return "";
  }

  /** The set's policies, then its default policy. */
  private static List<SlaPolicy> everyPolicy(SlaPolicySet set) {
    List<SlaPolicy> policies = new java.util.ArrayList<>(set.policies());
    policies.add(set.defaultPolicy());
    return policies;
  }

  /** Where a set uses calendar key {@code k}: the first default rule, rule or target naming it. */
  private static String userOf(SlaPolicySet set, String k) {
    for (MetricRule r : set.defaultRules().values()) {
      if (r.calendar().equals(k)) {
        return "the set's default rule for " + r.metric();
      }
    }
    for (SlaPolicy p : everyPolicy(set)) {
      for (MetricRule r : p.rules().values()) {
        if (r.calendar().equals(k)) {
          return "policy " + p.name() + "'s rule for " + r.metric();
        }
      }
      for (var byPriority : p.targetTable().entrySet()) {
        for (var byChannel : byPriority.getValue().entrySet()) {
          for (SlaMetric m : byChannel.getValue().keySet()) {
            if (p.calendarFor(byPriority.getKey(), byChannel.getKey(), m)
                .filter(k::equals)
                .isPresent()) {
              return "policy "
                  + p.name()
                  + "'s target "
                  + byPriority.getKey()
                  + "/"
                  + byChannel.getKey()
                  + "/"
                  + m;
            }
          }
        }
      }
    }
    return "the policy set";
  }

  /**
   * Creates an engine that also records, for {@link #auditTrail}, what each event changed. Used
   * only to replay a clock's events when a trail is asked for.
   *
   * @param plan the policy set compiled against its calendars
   * @param ticketId the ticket
   * @return a recording engine
   */
  public static ClockEngine recording(ClockPlan plan, String ticketId) {
    ClockEngine e = new ClockEngine(plan, ticketId);
    e.rec = new Recorder();
    return e;
  }

  /**
   * The custom metrics' steps this engine has taken, those later undone to re-settle a group of
   * events included: what a same-instant group costs, for tests.
   */
  long stepsTaken() {
    return steps;
  }

  /**
   * The running segments this thread's reads through its caches (next transitions, and the second
   * and later derivations of an engine) have derived since the caches were last forgotten ({@link
   * #forgetThreadCaches}), for tests.
   */
  static long segmentsDerived() {
    return scratch().segmentsDerived;
  }

  /** The cycles {@link #nextTransition} has measured so far, for tests. */
  long transitionVisits() {
    return transitionVisits;
  }

  /** The answer time cycles this engine has renumbered into call-id order, for tests. */
  long callsRenumbered() {
    return callsRenumbered;
  }

  /**
   * Turns on or off keeping each stopped cycle's evaluated state once a derivation of this engine's
   * captures met it (see SlaClock#keepStoppedCycleStates): on, the next derivations, on any thread
   * and whatever was derived in between, reuse it while the cycle, the epoch and its span count are
   * those it was derived for; off, the kept states are dropped and nothing is kept.
   *
   * @param keep whether to keep them
   */
  public void keepStoppedStates(boolean keep) {
    if (!keep) {
      kept = null;
    } else if (kept == null) {
      kept = KEPT_NONE; // grown by the first derivation
    }
  }

  /**
   * The stopped cycles' states this engine keeps for its current epoch, for tests.
   *
   * @return how many, 0 with the option off
   */
  public int keptStoppedStates() {
    StoppedState[] k = kept;
    int n = 0;
    for (int i = 0; k != null && i < k.length; i++) {
      if (k[i] != null && k[i].epoch() == epoch) {
        n++;
      }
    }
    return n;
  }

  /** Returns whether a Created event has been applied. */
  public boolean created() {
    return created;
  }

  /** Returns the timestamp of the last applied event, or null. */
  public Instant lastAt() {
    return lastAt;
  }

  /**
   * Applies one event, which must not sort before the last applied one. The caller has checked that
   * the event belongs to this ticket and names a known status ({@code SlaClock.accept} does);
   * cross-event problems are recorded as anomalies.
   *
   * @param e the event
   * @throws IllegalStateException if the event sorts before the last applied one, or cannot be
   *     applied in place ({@link #inPlace})
   */
  public void apply(TicketEvent e) {
    Instant t = e.at();
    if (lastAt != null && t.isBefore(lastAt)) {
      throw new IllegalStateException("events must be applied in order");
    }
    if (!inPlace(e)) {
      throw new IllegalStateException("a read applied the creation's status before this event");
    }
    if (ownStatus != null && (!t.equals(statusAt[0]) || groupOf(e) != 1)) {
      applyOwnStatus(); // the creation's state group has ended
    }
    if (callsUnsortedAt != null && !t.equals(callsUnsortedAt)) {
      settleCalls(); // the instant of those calls has ended
    }
    lastAt = t;
    if (rec != null) {
      rec.event(e.id());
    }
    String anomaly = anomaly(e);
    if (anomaly != null) {
      anomalies.add(new EventAnomaly(e.id(), t, anomaly));
      return;
    }
    if (defCycle == null) {
      applyBuiltIn(e, t);
      return;
    }
    applyWithDefinitions(e, t);
  }

  /**
   * Whether {@link #apply} can take event {@code e} after what was applied and read so far: false
   * only for an attribute, priority or tag change at the creation's instant after a read applied
   * the status the creation carries, which takes effect after those changes ({@link
   * TicketEvent#ORDER}); the caller then replays the ticket's events instead.
   *
   * @param e the next event, not sorting before the last applied one
   * @return whether it can be applied in place
   */
  public boolean inPlace(TicketEvent e) {
    return !ownStatusRead || !e.at().equals(statusAt[0]) || groupOf(e) != 1;
  }

  /**
   * Applies the status the creation carries, as a status change of the creating update at its
   * instant (after the instant's attribute, priority and tag changes, before its status changes),
   * named by the creation's event in the audit trail.
   */
  private void applyOwnStatus() {
    String next = ownStatus;
    ownStatus = null;
    Instant t = statusAt[0];
    String current = null;
    if (rec != null) {
      current = rec.currentEvent();
      rec.event(createdId);
    }
    if (defCycle == null) {
      changeStatus(next, t);
    } else {
      applyWithDefinitions(new TicketEvent.StatusChanged(ticketId, createdId, t, next), t);
    }
    if (rec != null) {
      rec.event(current);
    }
  }

  private void applyBuiltIn(TicketEvent e, Instant t) {
    if (e instanceof TicketEvent.Created c) {
      created = true;
      createdId = c.id();
      statusId = plan.initialStatus();
      status = plan.statusName(statusId);
      addStatus(t, statusId);
      Map<String, String> initial = c.attributes();
      if (!initial.isEmpty()) {
        for (int i = 0; i < attributes.length; i++) {
          attributes[i] = initial.get(plan.attributeName(i));
        }
        if (plan.hasDueDates()) {
          dropBadDueDates(c);
        }
      }
      tags = c.tags().isEmpty() ? Set.of() : c.tags(); // an empty set costs nothing
      noteHolds(t);
      retarget(c);
      if (c.byAgent()) {
        firstPending = true; // nothing to reply to before the customer writes
      } else {
        firstResponse = startCycle(SlaMetric.firstResponse(), t, "");
      }
      resolution = startCycle(SlaMetric.resolution(), t, "");
      if (set.periodicUpdateFromCreation()) {
        periodic = startCycle(SlaMetric.periodicUpdate(), t, ""); // until the first counted reply
      }
      for (StageDefinition st : stageDefs) {
        if (st.statuses().contains(status)) {
          stages().put(st.name(), startCycle(st.metric(), t, ""));
        }
      }
      if (c.status().isPresent()) {
        ownStatus = c.status().get(); // a status change of the creating update (applyOwnStatus)
      }
    } else if (e instanceof TicketEvent.CustomerMessage) {
      if (!plan.solved(statusId)) {
        customerTurn(t);
      } else if (solvedMessageAt == null) {
        solvedMessageAt = t; // no reply clock on a solved ticket: the reopen starts it
      }
    } else if (e instanceof TicketEvent.AgentReply r) {
      // Whether a reply counts is decided per metric, under the policy in force now.
      boolean isPublic = r.isPublic();
      boolean automated = r.automated();
      boolean forFirst = targeting.replyCounts(SlaMetric.Kind.FIRST_RESPONSE, isPublic, automated);
      boolean forNext = targeting.replyCounts(SlaMetric.Kind.NEXT_RESPONSE, isPublic, automated);
      if (forFirst) {
        if (firstResponse != null && plan.solved(statusId)) {
          // PAUSE: met while solved, nothing is owed any more: the solve's arm, held while first
          // reply was owed, is released, as a cancel while paused releases it
          awaitingCustomer = true;
        }
        firstResponse = stop(firstResponse, t);
      }
      if (forNext) {
        nextResponse = stop(nextResponse, t);
        awaitingCustomer = true; // a reply that counts for next reply answers the customer
      }
      if (targeting.replyCounts(SlaMetric.Kind.PERIODIC_UPDATE, isPublic, automated)) {
        periodic = stop(periodic, t);
        if (!plan.solved(statusId)) {
          periodic = startCycle(SlaMetric.periodicUpdate(), t, "");
        }
      }
      // Answered: the reopen no longer starts a cycle for the message written while solved. The
      // reply must count for the metric that message would start (first reply on an agent-created
      // ticket the customer has not written to yet, else next reply).
      if (firstPending ? forFirst : forNext) {
        solvedMessageAt = null;
      }
    } else if (e instanceof TicketEvent.StatusChanged s) {
      changeStatus(s.status(), t);
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      // Targeting is a function of (attributes, tags, explicit priority): unchanged inputs keep it.
      if (!p.priority().equals(explicitPriority)) {
        explicitPriority = p.priority();
        retarget(e);
      }
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      // Attributes no policy, matrix or channel reads cannot change the targeting.
      int id = plan.attributeIdOf(a.key());
      if (id >= 0 && !a.value().equals(attributes[id])) {
        attributes[id] = a.value();
        noteHolds(t);
        retarget(e);
      }
    } else if (e instanceof TicketEvent.TagsChanged g) {
      if (!g.tags().equals(tags)) {
        tags = g.tags();
        noteHolds(t);
        retarget(e);
      }
    } else if (e instanceof TicketEvent.CallOffered o) {
      if (ringing.isEmpty()) {
        ringing = new HashMap<>();
      }
      ringing.put(o.callId(), startCycle(SlaMetric.answerTime(), t, o.callId()));
      numberCallsInIdOrder(t);
    } else if (e instanceof TicketEvent.CallAnswered a) {
      stop(ringing.remove(a.callId()), t);
    } else if (e instanceof TicketEvent.CallAbandoned a) {
      cancel(ringing.remove(a.callId()), t);
    } else if (e instanceof TicketEvent.AttributeCleared a) {
      // Tested last: rare, the clears add no test to the common kinds. Absent, as if never set:
      // what reads the attribute sees null (matrix default, no due date, conditions unmatched).
      // Clearing an absent attribute changes nothing, like setting the value it has.
      int id = plan.attributeIdOf(a.key());
      if (id >= 0 && attributes[id] != null) {
        attributes[id] = null;
        noteHolds(t);
        retarget(e);
      }
    } else if (e instanceof TicketEvent.PriorityCleared) {
      // Back to the matrix: the priority is derived from the attributes again.
      if (explicitPriority != null) {
        explicitPriority = null;
        retarget(e);
      }
    }
    // Assigned and Escalated are accepted and have no effect on clocks.
  }

  /**
   * Numbers the calls offered at instant {@code t} in call-id order, as a {@code PER_CALL}
   * definition ({@code MetricDefinition.answerTime}) does, whatever their events' ids. The answer
   * time cycle just started (the last cycle) is in order if the call offered at {@code t} before it
   * has a smaller id (or none was); otherwise the instant's calls are sorted once, when the instant
   * ends or the engine is read ({@link #settleCalls}), so that k calls of one instant cost {@code
   * O(k log k)} whatever the order of their ids, not {@code O(k^2)} renumbered copies.
   */
  private void numberCallsInIdOrder(Instant t) {
    if (callsUnsortedAt != null) {
      return; // this instant's calls are sorted when it ends
    }
    int last = cycles.size() - 1;
    Cycle added = cycles.get(last);
    for (int i = last - 1; i >= 0; i--) {
      Cycle c = cycles.get(i);
      if (c.metric.kind() != SlaMetric.Kind.ANSWER_TIME) {
        continue; // other metrics' cycles keep their places
      }
      if (!c.spanStart(0).isBefore(t) && !reattachedAt(c, t) && c.key.compareTo(added.key) > 0) {
        callsUnsortedAt = t; // the call offered before it at t has a greater id
      }
      return;
    }
  }

  /**
   * Sorts the answer time cycles of the calls offered at {@link #callsUnsortedAt} by call id: in
   * the list places those cycles hold, with the numbers they hold, both ascending. A renumbered
   * cycle is a copy (an evaluation may hold the original).
   */
  private void settleCalls() {
    Instant t = callsUnsortedAt;
    callsUnsortedAt = null;
    int[] pos = new int[8]; // list positions of the instant's calls, last first
    int k = 0;
    for (int i = cycles.size() - 1; i >= 0; i--) {
      Cycle c = cycles.get(i);
      if (c.metric.kind() != SlaMetric.Kind.ANSWER_TIME) {
        continue;
      }
      if (c.spanStart(0).isBefore(t) || reattachedAt(c, t)) {
        break; // offered earlier (or re-attached at t)
      }
      if (k == pos.length) {
        pos = java.util.Arrays.copyOf(pos, 2 * k);
      }
      pos[k++] = i;
    }
    Cycle[] calls = new Cycle[k];
    int[] numbers = new int[k];
    for (int j = 0; j < k; j++) {
      calls[j] = cycles.get(pos[k - 1 - j]);
      numbers[j] = calls[j].index; // ascending: offered in this order, none renumbered since
    }
    java.util.Arrays.sort(calls, (x, y) -> x.key.compareTo(y.key));
    for (int j = 0; j < k; j++) {
      // an unchanged number is an unchanged place: the cycle stays where it is
      if (calls[j].index != numbers[j]) {
        place(pos[k - 1 - j], calls[j].renumbered(numbers[j]));
        callsRenumbered++;
      }
    }
    epoch++; // cycles moved: the threads' caches by list position are stale
  }

  /** Puts renumbered copy {@code c} at list position {@code i}, and rings it if its call rings. */
  private void place(int i, Cycle c) {
    c.gen = gen;
    cycles.set(i, c);
    Cycle r = ringing.get(c.key);
    if (r != null && r.id == c.id) {
      ringing.put(c.key, c); // replaces a value: no structural change
    }
  }

  /** A creation's malformed due date is reported and treated as absent. */
  private void dropBadDueDates(TicketEvent.Created c) {
    for (int i = 0; i < attributes.length; i++) {
      String v = attributes[i];
      String problem = v == null ? null : plan.dueProblem(plan.attributeName(i), v);
      if (problem != null) {
        attributes[i] = null;
        anomalies.add(new EventAnomaly(c.id(), c.at(), problem + ": ignored"));
      }
    }
  }

  private static final String NOT_RINGING =
      " (never offered, already answered or abandoned, or cut off when the ticket was solved)";

  /** Cross-event problems: the event is kept but has no effect. Null if the event is fine. */
  private String anomaly(TicketEvent e) {
    if (!created) {
      return e instanceof TicketEvent.Created
          ? null
          : "stamped before the creation of ticket " + ticketId;
    }
    if (e instanceof TicketEvent.Created) {
      return "ticket " + ticketId + " was already created by event " + createdId;
    }
    if (e instanceof TicketEvent.CallOffered o && ringing.containsKey(o.callId())) {
      return "call " + o.callId() + " is already ringing";
    }
    if (e instanceof TicketEvent.CallAnswered a && !ringing.containsKey(a.callId())) {
      return "call " + a.callId() + " is not ringing" + NOT_RINGING;
    }
    if (e instanceof TicketEvent.CallAbandoned a && !ringing.containsKey(a.callId())) {
      return "call " + a.callId() + " cannot be abandoned: it is not ringing" + NOT_RINGING;
    }
    if (e instanceof TicketEvent.AttributeChanged a && plan.hasDueDates()) {
      String problem = plan.dueProblem(a.key(), a.value());
      if (problem != null) {
        return problem;
      }
    }
    if (e instanceof TicketEvent.PriorityChanged p && !set.priorities().contains(p.priority())) {
      return "priority '"
          + p.priority()
          + "' is unknown to every policy of the set: expected one of "
          + set.priorities();
    }
    return null;
  }

  private void addStatus(Instant t, int id) {
    int n = statusCount;
    if (n == statusVal.length) {
      statusVal = java.util.Arrays.copyOf(statusVal, n * 2);
      statusAt = java.util.Arrays.copyOf(statusAt, n * 2);
    }
    statusAt[n] = t;
    statusVal[n] = id;
    statusCount++;
    if (rec != null) {
      rec.status(t, id);
    }
  }

  private void changeStatus(String next, Instant t) {
    String old = status;
    int oldId = statusId;
    int nextId = plan.statusId(next);
    if (nextId < 0) {
      throw new IllegalArgumentException(
          "status '" + next + "' is unknown: expected one of " + set.statuses());
    }
    if (oldId == nextId) {
      return;
    }
    status = next;
    statusId = nextId;
    addStatus(t, nextId);
    boolean wasSolved = plan.solved(oldId);
    boolean solved = plan.solved(nextId);
    if (!wasSolved && solved) {
      // Solving fulfils the reply targets and, like a reply, arms the next customer message; a
      // cancelled status ends them without an outcome (breached if they had breached).
      boolean cancels = plan.cancelled(nextId);
      if (cancels || !plan.pausesFirstReply()) {
        firstResponse = end(firstResponse, t, cancels);
      } // SolveRule.PAUSE: its slot pauses it in the solved statuses, until a counted reply
      nextResponse = end(nextResponse, t, cancels);
      periodic = end(periodic, t, cancels);
      end(resolution, t, cancels);
      if (firstResponse == null) { // PAUSE: not while first reply is owed, as before the solve
        awaitingCustomer = true;
      }
      if (!ringing.isEmpty()) {
        for (Cycle c : ringing.values()) {
          cancel(c, t); // cut off: nobody will answer a call on a solved ticket
        }
        ringing.clear();
      }
    } else if (wasSolved && solved) {
      if (plan.pausesFirstReply() && plan.cancelled(nextId) && !plan.cancelled(oldId)) {
        firstResponse = end(firstResponse, t, true); // cancelled while paused in a solved status
        awaitingCustomer = true; // nothing owed any more: the solve's arm, held until now
      }
    } else if (wasSolved && !solved) {
      if (resolution == null) { // creationStopOverridesStart: none was attached at the creation
        resolution = startCycle(SlaMetric.resolution(), t, "");
      } else if (set.resolutionReopen() == ReopenRule.RESUME) {
        reopen(resolution, t);
      } else if (set.resolutionReopen() == ReopenRule.RESTART) {
        resolution = startCycle(SlaMetric.resolution(), t, "");
      } // ONCE: the first cycle keeps its outcome
      if (solvedMessageAt != null) {
        solvedMessageAt = null;
        customerTurn(t); // the customer has been waiting since before the reopen
      }
    }
    for (StageDefinition st : stageDefs) {
      boolean wasIn = st.statuses().contains(old);
      boolean isIn = st.statuses().contains(next);
      if (wasIn && !isIn) {
        if (st.stopsOn(next)) {
          stop(stages.get(st.name()), t);
        } else {
          cancel(stages.get(st.name()), t); // left without its stop condition
        }
      } else if (!wasIn && isIn) {
        Cycle last = stages.get(st.name());
        if (last != null && st.reentry() == ReopenRule.RESUME) {
          reopen(last, t);
        } else if (last != null && st.reentry() == ReopenRule.ONCE) {
          continue; // entered once already: the stage's first cycle keeps its outcome
        } else {
          stages().put(st.name(), startCycle(st.metric(), t, ""));
        }
      }
    }
  }

  // Bits of what one event (or one step) fires for a definition: its start, stop, cancel and arm
  // trigger lists.
  private static final int START = 1;
  private static final int STOP = 2;
  private static final int CANCEL = 4;
  private static final int ARM = 8;
  // A state step only (never counted): the solve's arm stripped by stateBits, held (HELD).
  private static final int HOLD = 16;

  /**
   * The place of an event that fires {@code bits} among the events of its group (see {@link
   * Change}): those that stop first, then those that cancel, then those that arm, then those that
   * only start; equal bits act alike, so their order does not matter.
   */
  private static int precedence(int bits) {
    int k = (bits & STOP) != 0 ? 0 : (bits & CANCEL) != 0 ? 1 : (bits & ARM) != 0 ? 2 : 3;
    return (k << 4) | bits;
  }

  /** The 15 non-zero bit values in {@link #precedence} order. */
  private static final int[] BY_PRECEDENCE = byPrecedence();

  private static int[] byPrecedence() {
    Integer[] b = new Integer[15];
    for (int i = 0; i < 15; i++) {
      b[i] = i + 1;
    }
    java.util.Arrays.sort(b, (x, y) -> Integer.compare(precedence(x), precedence(y)));
    int[] out = new int[15];
    for (int i = 0; i < 15; i++) {
      out[i] = b[i];
    }
    return out;
  }

  /**
   * The custom metrics' view of one group of events: the events of one instant that a CRM update
   * applies together, whose ids must not decide the result. The groups are: the creation with the
   * attribute, priority and tag changes of its instant, or those changes at a later instant (the
   * state group); the customer messages; the agent replies; the call offers; the call answers and
   * abandons; and each status change on its own (two status changes at one instant are two writes
   * of one field, which {@link TicketEvent#ORDER} orders by id by definition; the built-ins act on
   * each of them too).
   *
   * <p>The state group acts as one step: the creation's event-kind triggers, and the
   * change-of-state triggers judged on the state before the group against the state after it (a tag
   * added and removed within it fires nothing). In the other groups each event acts as one step, in
   * {@link #precedence} order rather than id order. One step is: a stop (else a cancel) of a
   * running cycle, an arm, then a start. Events arrive one by one: an event that belongs after the
   * steps taken so far is simply taken; otherwise the group is marked {@link #pending}, and its
   * later events are only counted until the group ends or the engine is read: then the engine
   * undoes the group's steps ({@link #undoSettle}) and takes them all again in order, once ({@link
   * #settle}). Whenever it is read, the engine is thus exactly as if the group ended at the last
   * event applied, and a group of k events read once costs O(k) steps (plus a sort of its call
   * events), not O(k^2); read after each of its out-of-order events it costs O(k) per read.
   */
  static final class Change {
    Instant at;
    int group = -1; // groupOf of the group's events; -1: a group of one event
    boolean callGroup; // call events: per-call definitions take them one by one, by call id
    int from; // the status before the group, -1 before the creation
    // The step being taken: its status change (from, to), for the change-of-state triggers.
    int stepFrom;
    int stepTo;
    Set<String> tagsBefore = Set.of();
    final String[] attrsBefore;
    final int[] bits; // state group: per definition, the creation's event-kind bits
    final int[] counts; // other groups: [16 * d + bits], the events that fire bits for d
    boolean counted; // whether any of counts is non-zero
    // Recording engines only: each counted step's key (16 * d + bits) and event id, for the trail.
    final ArrayList<StepId> stepIds = new ArrayList<>(0);
    // Other groups: the last step taken (definition, -1 for none; precedence, or call id for a
    // per-call definition in a call group), and whether a step started a cycle.
    int lastD = -1;
    int lastPrec;
    boolean startedAny;
    final int[] eventBits; // scratch: per definition, what the event being applied fires
    // Call groups: the call events that per-call definitions act on.
    final ArrayList<CallStep> calls = new ArrayList<>(0);
    String lastCall;
    // What the group's steps did, to undo them: the flags before them, the recorder's marks they
    // added (pairs of from/to indexes) and their cycle operations, in order.
    final byte[] flagsBefore;
    int[] marks = new int[4];
    int markCount;
    final ArrayList<Op> ops = new ArrayList<>(2);
    // Whether an event arrived out of order since the group's steps were last taken in order: they
    // are then taken again, once, before the next group or read (ClockEngine#settle).
    boolean pending;

    Change(int definitions, int attributes) {
      attrsBefore = new String[attributes];
      bits = new int[definitions];
      counts = new int[16 * definitions];
      eventBits = new int[definitions];
      flagsBefore = new byte[definitions];
    }
  }

  /**
   * One cycle operation of a step: {@code started} cycle {@code cycle} (under {@code key} for a
   * per-call definition; {@code prev} was the definition's last cycle), or closed, cancelled or
   * resumed a cycle that was {@code cycle} before, {@code removed} from the per-call running cycles
   * under {@code key}.
   */
  private record Op(
      boolean started,
      int d,
      String key,
      Cycle cycle,
      Cycle prev,
      boolean removed,
      Unattach un,
      int withdrawnAt) {
    Op(boolean started, int d, String key, Cycle cycle, Cycle prev, boolean removed) {
      this(started, d, key, cycle, prev, removed, null, -1);
    }
  }

  /**
   * What {@link #unattach} did, to undo it: cycle {@code fresh} was removed from list position
   * {@code pos}, before the cycle with identity {@code next} (null if it was the last), and the
   * cycle it replaced, {@code old} as it was before, was pair {@code pair} of the re-attach, before
   * the pairs whose started cycles have the identities {@code after}.
   */
  private record Unattach(Cycle fresh, int pos, Object next, Cycle old, int pair, Object[] after) {}

  /**
   * The group of an event (see {@link Change}): events of one instant with the same group form one
   * group; -1 for a status change, a group of its own.
   */
  private static int groupOf(TicketEvent e) {
    if (e instanceof TicketEvent.StatusChanged) {
      return -1;
    }
    if (e instanceof TicketEvent.Created
        || e instanceof TicketEvent.AttributeChanged
        || e instanceof TicketEvent.PriorityChanged
        || e instanceof TicketEvent.TagsChanged) {
      return 1; // the state group
    }
    if (e instanceof TicketEvent.CustomerMessage) {
      return 4;
    }
    if (e instanceof TicketEvent.AgentReply) {
      return 5;
    }
    if (e instanceof TicketEvent.CallOffered) {
      return 6;
    }
    if (e instanceof TicketEvent.CallAnswered || e instanceof TicketEvent.CallAbandoned) {
      return 7;
    }
    if (e instanceof TicketEvent.AttributeCleared || e instanceof TicketEvent.PriorityCleared) {
      return 1; // the state group (tested last: rare, no test added to the common kinds)
    }
    return 3; // assignment and escalation: no trigger fires on them
  }

  /**
   * {@link #apply} for a set that defines custom metrics: the event's built-in effects, then its
   * step in its group (see {@link Change}).
   */
  private void applyWithDefinitions(TicketEvent e, Instant t) {
    Rare r = rare();
    Change ch = r.change;
    if (ch == null) {
      ch = new Change(defs.length, attributes.length);
      r.change = ch;
    }
    int group = groupOf(e);
    boolean again = group >= 0 && group == ch.group && t.equals(ch.at);
    if (!again) {
      if (ch.pending) {
        settle(ch); // the group before this event has ended: its steps are taken first
      }
      ch.at = t;
      ch.group = group;
      ch.callGroup = group == 6 || group == 7;
      ch.from = created ? statusId : -1;
      ch.tagsBefore = tags;
      System.arraycopy(attributes, 0, ch.attrsBefore, 0, attributes.length);
      java.util.Arrays.fill(ch.bits, 0);
      if (ch.counted) { // most groups count nothing: no need to clear 16 ints per definition
        java.util.Arrays.fill(ch.counts, 0);
        ch.counted = false;
      }
      ch.stepIds.clear();
      System.arraycopy(defFlags, 0, ch.flagsBefore, 0, defs.length);
      ch.markCount = 0;
      ch.ops.clear();
      ch.startedAny = false;
      ch.calls.clear();
      ch.lastD = -1;
    } else if (group == 1) {
      undoSettle(ch); // the state group is judged on the state after it: one step, taken again
    }
    int before = cycles.size();
    boolean owedBefore = firstPending;
    boolean firstOwed = firstResponse != null;
    applyBuiltIn(e, t);
    String call = callId(e);
    if (group < 0 || group == 1) {
      long fired = kindsOf(e);
      for (int d = 0; d < defs.length; d++) {
        ch.bits[d] |= kindBits(defs[d], d, e, fired);
      }
      // A creation in a status of its own is in the set's initial status here: its own status is
      // a status change of the creating update, after its state group (applyOwnStatus).
      ch.stepFrom = ch.from;
      ch.stepTo = statusId;
      boolean changed =
          ch.stepFrom != ch.stepTo
              || ch.tagsBefore != tags
              || !java.util.Arrays.equals(ch.attrsBefore, attributes);
      boolean reopened = ch.stepFrom >= 0 && plan.solved(ch.stepFrom) && !plan.solved(ch.stepTo);
      // The creating update's state group is one step, taken again at each of its events: the
      // trail names it as the built-ins' trails name a cycle the creation starts, by the event
      // that set the targeting in force (the creation, or a re-targeting change of its instant),
      // not by whichever event of the update happens to be applied last (an attribute change of
      // that instant with a greater id that changes nothing).
      String current = null;
      boolean creation = rec != null && ch.from < 0;
      if (creation) {
        current = rec.currentEvent();
        String targeted = rec.targetedAt(t);
        rec.event(targeted != null ? targeted : createdId);
      }
      for (int d = 0; d < defs.length; d++) {
        int b = ch.bits[d] | (changed ? stateBits(d, ch) : 0);
        step(ch, d, b, t, reopened, null);
      }
      if (creation) {
        rec.event(current);
      }
      return;
    }
    // Taken as it comes if its steps follow those taken so far in the order of a full settle
    // (by definition; within one by precedence, or by call id for a per-call one in a call group),
    // and no cycle a step started would end up before a cycle this event's built-in effects began,
    // and its built-in effects did not withdraw first reply (creationStopOverridesStart): arming is
    // ignored from then on, so the group's arms are judged again, all after the withdrawal.
    boolean inOrder = !(ch.startedAny && cycles.size() > before) && (owedBefore || !firstPending);
    ch.stepTo = statusId;
    // A reply that met first reply while solved (under PAUSE) arms the definitions whose solve's
    // arm was held (HELD, see stateBits) at the group's start, as for the built-in next reply. It
    // is a step of its own group, so it is taken again with the group's other steps; one reply of
    // the group meets first reply, whatever the ids, and arming twice arms once.
    boolean releases = firstOwed && firstResponse == null && group == 5 && plan.solved(statusId);
    boolean perCall = false;
    int[] b = ch.eventBits;
    int lastD = ch.lastD;
    long fired = kindsOf(e);
    for (int d = 0; d < defs.length; d++) {
      MetricDefinition def = defs[d];
      b[d] = kindBits(def, d, e, fired);
      if (releases && (ch.flagsBefore[d] & HELD) != 0) {
        b[d] |= ARM;
      }
      if (b[d] == 0) {
        continue;
      }
      boolean own = call != null && def.cycles() == MetricDefinition.Cycles.PER_CALL;
      perCall |= own;
      if (d < lastD
          || d == lastD
              && (own ? call.compareTo(ch.lastCall) < 0 : precedence(b[d]) < ch.lastPrec)) {
        inOrder = false;
      }
      lastD = d;
      if (own) {
        ch.lastCall = call; // (only read if inOrder)
      } else {
        ch.counts[16 * d + b[d]]++;
        ch.counted = true;
        if (rec != null) {
          ch.stepIds.add(new StepId(16 * d + b[d], e.id()));
        }
        ch.lastPrec = precedence(b[d]);
      }
    }
    if (perCall) {
      ch.calls.add(new CallStep(call, b.clone(), e.id()));
    }
    ch.lastD = lastD;
    if (inOrder && !ch.pending) {
      for (int d = 0; d < defs.length; d++) {
        if (b[d] != 0) {
          boolean own = call != null && defs[d].cycles() == MetricDefinition.Cycles.PER_CALL;
          step(ch, d, b[d], t, false, own ? call : null);
        }
      }
      return;
    }
    // Out of order: the group's steps are taken again, in order, once, when the group ends or the
    // engine is read (settle), rather than after every such event (k events cost O(k log k)
    // steps and comparisons, not O(k^2)). Until then this event is only counted in ch.
    ch.pending = true;
    settlePending = true;
  }

  /**
   * Takes the steps of the group of {@code ch} again, in order (see {@link Change}): undoes those
   * taken so far, then takes every counted step, by definition, then by precedence (or by call id
   * for a per-call definition in a call group). Afterwards the engine is exactly as if the group
   * had ended at the last event applied.
   */
  private void settle(Change ch) {
    ch.pending = false;
    settlePending = false;
    Instant t = ch.at;
    String current = rec == null ? null : rec.currentEvent();
    undoSettle(ch);
    ch.calls.sort((x, y) -> x.call().compareTo(y.call()));
    for (int d = 0; d < defs.length; d++) {
      if (ch.callGroup && defs[d].cycles() == MetricDefinition.Cycles.PER_CALL) {
        for (CallStep cs : ch.calls) {
          if (cs.bits()[d] != 0) {
            ch.lastD = d;
            ch.lastCall = cs.call();
            if (rec != null) {
              rec.event(cs.eventId()); // the trail names each call's own event
            }
            step(ch, d, cs.bits()[d], t, false, cs.call());
          }
        }
        continue;
      }
      for (int bits : BY_PRECEDENCE) {
        int key = 16 * d + bits;
        List<String> ids = rec == null || ch.counts[key] == 0 ? null : stepIds(ch, key);
        for (int n = 0; n < ch.counts[key]; n++) {
          ch.lastD = d;
          ch.lastPrec = precedence(bits);
          if (ids != null) {
            rec.event(ids.get(n)); // the trail names the step's own event, in id order
          }
          step(ch, d, bits, t, false, null);
        }
      }
    }
    if (rec != null) {
      rec.event(current);
    }
  }

  /** A counted step of a group: its key ({@code 16 * d + bits}) and event id. */
  private record StepId(int key, String eventId) {}

  /** The event ids of the group's steps under {@code key}, sorted (events of one instant). */
  private static List<String> stepIds(Change ch, int key) {
    List<String> ids = new ArrayList<>();
    for (StepId s : ch.stepIds) {
      if (s.key() == key) {
        ids.add(s.eventId());
      }
    }
    ids.sort(null);
    return ids;
  }

  /** A call event of a call group, with what it fires per definition. */
  private record CallStep(String call, int[] bits, String eventId) {}

  /**
   * One step of custom metric {@code d} that fired {@code b}: stop, else cancel, a running cycle;
   * arm; then start (or defer) a cycle, or start the one deferred to a reopen. Logged in {@code
   * ch}.
   */
  private void step(Change ch, int d, int b, Instant t, boolean reopened, String call) {
    steps++;
    int marks = rec == null ? 0 : rec.size();
    MetricDefinition def = defs[d];
    if ((b & HOLD) != 0) {
      defFlags[d] |= HELD;
    } else if (reopened) {
      defFlags[d] &= ~HELD; // first reply resumes: one reply clock at a time, as before the solve
    }
    if (def.cycles() == MetricDefinition.Cycles.PER_CALL) {
      applyPerCall(d, b, call, t, ch);
    } else {
      Cycle c = defCycle[d];
      boolean open = c != null && c.open();
      boolean stopped = (b & STOP) != 0;
      if (open && (stopped || (b & CANCEL) != 0)) {
        if (unattaches(c, t)) {
          Unattach u = unattach(c, t, !stopped);
          noteUnattach(u);
          ch.ops.add(new Op(false, d, "", null, null, false, u, -1));
        } else if (withdraws(c, t)) {
          ch.ops.add(new Op(false, d, "", c.copy(), null, false, null, withdraw(c)));
        } else {
          ch.ops.add(new Op(false, d, "", c.copy(), null, false));
          if (stopped) {
            stop(c, t);
          } else {
            cancel(c, t);
          }
        }
        open = false;
      }
      if (stopped) {
        defFlags[d] &= ~DEFERRED; // answered before the reopen
      }
      if ((b & ARM) != 0 && !firstPending) {
        defFlags[d] |= ARMED;
        defFlags[d] &= ~HELD; // the held arm adds nothing to this one
      }
      if (!open && (b & START) != 0) {
        startDefinition(d, t, plan.solved(ch.stepTo), ch);
      } else if (!open && reopened && (defFlags[d] & DEFERRED) != 0) {
        defFlags[d] &= ~DEFERRED;
        startDefinition(d, t, false, ch);
      }
    }
    if (rec != null && rec.size() > marks) {
      if (ch.markCount + 2 > ch.marks.length) {
        ch.marks = java.util.Arrays.copyOf(ch.marks, 2 * ch.marks.length);
      }
      ch.marks[ch.markCount++] = marks;
      ch.marks[ch.markCount++] = rec.size();
    }
  }

  /**
   * Undoes the steps of the group of {@code ch}. Only they changed the custom metrics' cycles and
   * flags since the group began (the built-in effects of the group's events leave them alone), so
   * this restores them as they were before the group; per-call definitions in a call group act
   * outside the steps and keep their flags.
   */
  private void undoSettle(Change ch) {
    if (!ch.ops.isEmpty()) {
      epoch++; // cycles were changed in place or replaced
    }
    for (int i = ch.ops.size() - 1; i >= 0; i--) {
      Op op = ch.ops.get(i);
      if (op.un() != null) {
        reattachAgain(op.un());
        continue;
      }
      if (op.withdrawnAt() >= 0) { // attached again, open: the step ended it
        cycles.add(op.withdrawnAt(), op.cycle());
        count(op.cycle().metric, 1);
        defCycle[op.d()] = op.cycle();
        continue;
      }
      Cycle now = cycleWithId(op.cycle().id);
      if (op.started()) {
        cycles.remove(now);
        namedCounts.merge(now.metric, -1, Integer::sum);
        if (defs[op.d()].cycles() == MetricDefinition.Cycles.PER_CALL) {
          rare.calls[op.d()].remove(op.key());
        } else {
          defCycle[op.d()] = op.prev();
        }
      } else {
        substitute(now, op.cycle());
        if (op.removed()) {
          rare.calls[op.d()].put(op.key(), op.cycle());
        }
      }
    }
    ch.ops.clear();
    System.arraycopy(ch.flagsBefore, 0, defFlags, 0, defs.length);
    for (int i = ch.markCount - 2; i >= 0; i -= 2) {
      rec.remove(ch.marks[i], ch.marks[i + 1]);
    }
    ch.markCount = 0;
    ch.startedAny = false;
    ch.lastD = -1;
  }

  /** The engine's cycle with identity {@code id} (the latest ones are searched first). */
  private Cycle cycleWithId(Object id) {
    for (int i = cycles.size() - 1; i >= 0; i--) {
      if (cycles.get(i).id == id) {
        return cycles.get(i);
      }
    }
    throw new AssertionError("no cycle to undo");
  }

  /**
   * A {@link MetricDefinition.Cycles#PER_CALL} definition's step: a stop (else cancel) in {@code b}
   * fired by call {@code call}'s event acts on that call's running cycle, fired by other events
   * ({@code call} null) on every running one; then a start starts a cycle for the call (empty key
   * for other events) unless one runs for it. Logs into {@code ch} unless it is null.
   */
  @SuppressWarnings("unchecked")
  private void applyPerCall(int d, int b, String call, Instant t, Change ch) {
    MetricDefinition def = defs[d];
    Map<String, Cycle> open = rare == null || rare.calls == null ? null : rare.calls[d];
    if (open != null && !open.isEmpty()) {
      boolean stopped = (b & STOP) != 0;
      if (stopped || (b & CANCEL) != 0) {
        if (call != null) {
          Cycle c = open.remove(call);
          if (c != null) {
            if (ch != null) {
              ch.ops.add(new Op(false, d, call, c.copy(), null, true));
            }
            endPerCall(c, t, stopped);
          }
        } else {
          for (Cycle c : open.values()) {
            if (ch != null) {
              ch.ops.add(new Op(false, d, c.key, c.copy(), null, true));
            }
            endPerCall(c, t, stopped);
          }
          open.clear();
        }
      }
    }
    if ((b & ARM) != 0 && !firstPending) {
      defFlags[d] |= ARMED;
      defFlags[d] &= ~HELD; // the held arm adds nothing to this one
    }
    if ((b & START) == 0) {
      return;
    }
    String key = call == null ? "" : call;
    if (open != null && open.containsKey(key)) {
      return; // this call's cycle runs
    }
    if (plan.solved(ch != null ? ch.stepTo : statusId)
        && def.whenSolved() != MetricDefinition.WhenSolved.START) {
      return; // SKIP (a per-call definition cannot DEFER: MetricDefinition rejects it)
    }
    if (!def.arm().isEmpty() && (defFlags[d] & ARMED) == 0) {
      return;
    }
    defFlags[d] &= ~ARMED;
    Rare r = rare();
    if (r.calls == null) {
      r.calls = new Map[defs.length];
    }
    if (r.calls[d] == null) {
      r.calls[d] = new LinkedHashMap<>();
    }
    Cycle c = startCycle(def.metric(), t, key);
    r.calls[d].put(key, c);
    if (ch != null) {
      ch.ops.add(new Op(true, d, key, c, null, false));
      ch.startedAny = true;
    }
  }

  private void endPerCall(Cycle c, Instant t, boolean stopped) {
    if (stopped) {
      stop(c, t);
    } else {
      cancel(c, t);
    }
  }

  /** The call id of a call event, null for any other event. */
  private static String callId(TicketEvent e) {
    if (e instanceof TicketEvent.CallOffered o) {
      return o.callId();
    }
    if (e instanceof TicketEvent.CallAnswered a) {
      return a.callId();
    }
    if (e instanceof TicketEvent.CallAbandoned a) {
      return a.callId();
    }
    return null;
  }

  /**
   * A start trigger of custom metric {@code d} fired at {@code t} while no cycle runs; logged into
   * {@code ch}.
   */
  private void startDefinition(int d, Instant t, boolean solvedNow, Change ch) {
    MetricDefinition def = defs[d];
    Cycle last = defCycle[d];
    if (def.cycles() == MetricDefinition.Cycles.ONCE && last != null) {
      return;
    }
    if (solvedNow && def.whenSolved() != MetricDefinition.WhenSolved.START) {
      if (def.whenSolved() == MetricDefinition.WhenSolved.DEFER) {
        defFlags[d] |= DEFERRED;
      }
      return;
    }
    if (!def.arm().isEmpty() && (defFlags[d] & ARMED) == 0) {
      return;
    }
    defFlags[d] &= ~(ARMED | DEFERRED);
    Unattach u = ch.group < 0 && last != null ? unattachedFor(last, t) : null;
    if (u != null && def.cycles() == MetricDefinition.Cycles.RESUME) {
      // A status write reopening what a stop of its instant withdrew the re-attach for (reopen). A
      // status change is a group of its own, whose steps are never undone: no op to log.
      epoch++;
      reattachAgain(u);
    } else if (last != null && def.cycles() == MetricDefinition.Cycles.RESUME) {
      ch.ops.add(new Op(false, d, "", last.copy(), null, false));
      resume(last, t);
    } else {
      Cycle c = startCycle(def.metric(), t, "");
      ch.ops.add(new Op(true, d, "", c, last, false));
      ch.startedAny = true;
      defCycle[d] = c;
    }
  }

  /**
   * The trigger lists of {@code def} that event {@code e} fires by its kind (START, STOP, ...);
   * {@code fired} is {@link #kindsOf}{@code (e)}, computed once per event.
   */
  private int kindBits(MetricDefinition def, int d, TicketEvent e, long fired) {
    boolean reply = e instanceof TicketEvent.AgentReply;
    int b = 0;
    for (int k = 0; k < 4; k++) {
      long m = plan.triggerMask(d, k);
      if ((m & fired) != 0) {
        b |= LIST_BITS[k];
      } else if (reply && (m & COUNTED) != 0) {
        b |=
            firesKind(ClockPlan.triggers(def, k), d, e)
                ? LIST_BITS[k]
                : 0; // depends on the policy in force
      }
    }
    return b;
  }

  private static final int[] LIST_BITS = {START, STOP, CANCEL, ARM};
  private static final long COUNTED = bit(MetricTrigger.On.COUNTED_REPLY);
  private static final long STATE_KINDS =
      bits(
          MetricTrigger.On.STATUS_ENTERED,
          MetricTrigger.On.STATUS_LEFT,
          MetricTrigger.On.SOLVED,
          MetricTrigger.On.REOPENED,
          MetricTrigger.On.TAG_ADDED,
          MetricTrigger.On.TAG_REMOVED,
          MetricTrigger.On.ATTRIBUTE_ENTERED,
          MetricTrigger.On.ATTRIBUTE_LEFT);

  private static long bits(MetricTrigger.On... ons) {
    long b = 0;
    for (MetricTrigger.On on : ons) {
      b |= bit(on);
    }
    return b;
  }

  /** One trigger kind's bit, without the array a varargs call makes on every event. */
  private static long bit(MetricTrigger.On on) {
    return 1L << on.ordinal();
  }

  /**
   * The event-kind triggers that {@code e} fires whatever the policy (all but {@code
   * COUNTED_REPLY}), as bits of their ordinals; the same cases as {@link #firesKind(MetricTrigger,
   * int, TicketEvent)}.
   */
  private static long kindsOf(TicketEvent e) {
    if (e instanceof TicketEvent.AgentReply r) {
      return r.automated()
          ? bit(MetricTrigger.On.AUTOMATED_REPLY)
          : r.isPublic() ? bit(MetricTrigger.On.PUBLIC_REPLY) : bit(MetricTrigger.On.INTERNAL_NOTE);
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return bit(MetricTrigger.On.CUSTOMER_MESSAGE);
    } else if (e instanceof TicketEvent.Created c) {
      return c.byAgent()
          ? bit(MetricTrigger.On.CREATED)
          : bit(MetricTrigger.On.CREATED) | bit(MetricTrigger.On.CREATED_BY_CUSTOMER);
    } else if (e instanceof TicketEvent.CallOffered) {
      return bit(MetricTrigger.On.CALL_OFFERED);
    } else if (e instanceof TicketEvent.CallAnswered) {
      return bit(MetricTrigger.On.CALL_ANSWERED);
    } else if (e instanceof TicketEvent.CallAbandoned) {
      return bit(MetricTrigger.On.CALL_ABANDONED);
    }
    return 0;
  }

  /**
   * The trigger lists of definition {@code d} that the change of state over group {@code ch} fires.
   */
  private int stateBits(int d, Change ch) {
    MetricDefinition def = defs[d];
    int b = 0;
    for (int k = 0; k < 4; k++) {
      if ((plan.triggerMask(d, k) & STATE_KINDS) != 0
          && firesState(ClockPlan.triggers(def, k), ch)) {
        b |= LIST_BITS[k];
      }
    }
    // Under PAUSE a solve that leaves first reply owed arms nothing, as for the built-in next
    // reply: its arm is held until first reply is met before the reopen (releases, in
    // applyWithDefinitions).
    if ((b & ARM) != 0
        && plan.pausesFirstReply()
        && firstResponse != null
        && !armsBesidesSolving(def, ch)) {
      b = (b & ~ARM) | HOLD;
    }
    return b;
  }

  /** Whether an arm trigger of {@code def} other than {@code solved} fires on {@code ch}. */
  private boolean armsBesidesSolving(MetricDefinition def, Change ch) {
    List<MetricTrigger> arm = def.arm();
    for (int i = 0; i < arm.size(); i++) {
      MetricTrigger tr = arm.get(i);
      if (tr.on() != MetricTrigger.On.SOLVED && firesState(tr, ch)) {
        return true;
      }
    }
    return false;
  }

  private boolean firesKind(List<MetricTrigger> triggers, int d, TicketEvent e) {
    for (int i = 0; i < triggers.size(); i++) {
      if (firesKind(triggers.get(i), d, e)) {
        return true;
      }
    }
    return false;
  }

  private boolean firesState(List<MetricTrigger> triggers, Change ch) {
    for (int i = 0; i < triggers.size(); i++) {
      if (firesState(triggers.get(i), ch)) {
        return true;
      }
    }
    return false;
  }

  /** Whether event-kind trigger {@code tr} fires on {@code e} (false for a change-of-state one). */
  private boolean firesKind(MetricTrigger tr, int d, TicketEvent e) {
    switch (tr.on()) {
      case CREATED:
        return e instanceof TicketEvent.Created;
      case CREATED_BY_CUSTOMER:
        return e instanceof TicketEvent.Created c && !c.byAgent();
      case CUSTOMER_MESSAGE:
        return e instanceof TicketEvent.CustomerMessage;
      case PUBLIC_REPLY:
        return e instanceof TicketEvent.AgentReply r && r.isPublic() && !r.automated();
      case INTERNAL_NOTE:
        return e instanceof TicketEvent.AgentReply r && !r.isPublic() && !r.automated();
      case AUTOMATED_REPLY:
        return e instanceof TicketEvent.AgentReply r && r.automated();
      case COUNTED_REPLY:
        return e instanceof TicketEvent.AgentReply r
            && targeting.replyCountsForDefinition(d, r.isPublic(), r.automated());
      case CALL_OFFERED:
        return e instanceof TicketEvent.CallOffered;
      case CALL_ANSWERED:
        return e instanceof TicketEvent.CallAnswered;
      case CALL_ABANDONED:
        return e instanceof TicketEvent.CallAbandoned;
      default:
        return false;
    }
  }

  /**
   * Whether change-of-state trigger {@code tr} fires on the change from the state before group
   * {@code ch} to the state now (false for an event-kind one).
   */
  private boolean firesState(MetricTrigger tr, Change ch) {
    Set<String> v = tr.values();
    int from = ch.stepFrom;
    int to = ch.stepTo;
    switch (tr.on()) {
      case STATUS_ENTERED:
        return from != to
            && (from < 0 || !v.contains(plan.statusName(from)))
            && v.contains(plan.statusName(to));
      case STATUS_LEFT:
        return from >= 0
            && from != to
            && v.contains(plan.statusName(from))
            && !v.contains(plan.statusName(to));
      case SOLVED:
        return from != to
            && (from < 0 || !plan.solved(from))
            && plan.solved(to)
            && (v.isEmpty() || v.contains(plan.statusName(to)));
      case REOPENED:
        return from >= 0
            && plan.solved(from)
            && !plan.solved(to)
            && (v.isEmpty() || v.contains(plan.statusName(from)));
      case TAG_ADDED:
        return tags != ch.tagsBefore && anyMoved(v, ch.tagsBefore, tags);
      case TAG_REMOVED:
        return tags != ch.tagsBefore && anyMoved(v, tags, ch.tagsBefore);
      case ATTRIBUTE_ENTERED:
      case ATTRIBUTE_LEFT:
        {
          int id = plan.attributeIdOf(tr.attribute());
          String before = ch.attrsBefore[id];
          String after = attributes[id];
          boolean was = before != null && v.contains(before);
          boolean is = after != null && v.contains(after);
          return tr.on() == MetricTrigger.On.ATTRIBUTE_ENTERED ? !was && is : was && !is;
        }
      default:
        return false;
    }
  }

  /** A customer message on an unsolved ticket (or the reopen after one written while solved). */
  private void customerTurn(Instant t) {
    if (firstPending) {
      firstPending = false;
      firstResponse = startCycle(SlaMetric.firstResponse(), t, "");
      awaitingCustomer = false;
    } else if (awaitingCustomer && nextResponse == null) {
      nextResponse = startCycle(SlaMetric.nextResponse(), t, "");
      awaitingCustomer = false;
    }
  }

  private Map<String, Cycle> stages() {
    if (stages.isEmpty()) {
      stages = new HashMap<>();
    }
    return stages;
  }

  /**
   * Re-derives the targeting after a change of its inputs. Targeting is derived once per instant,
   * from the state after all of that instant's changes: attribute, priority and tag changes sort
   * before every other kind at one instant ({@link TicketEvent#ORDER}), so nothing is measured
   * against an intermediate targeting, and a targeting derived earlier at the same instant was in
   * force for no time: under KEEP_REACHED nothing it would have reached is kept, and its policy
   * change entry is replaced (or dropped when the instant ends where it began).
   */
  private void retarget(TicketEvent e) {
    SlaPolicy p = plan.select(attributes, tags);
    String priority = explicitPriority;
    if (priority == null) {
      priority = plan.matrixPriority(p, attributes);
    }
    String channel = plan.channel(attributes);
    Instant[] dues = plan.dues(attributes);
    Instant t = e.at();
    reportKeyMiss(e, plan.keyMiss(p, attributes, priority, explicitPriority));
    if (same(targeting, p, priority, channel, dues)) {
      return;
    }
    boolean again = targeting != null && t.equals(targetingAt);
    if (again) {
      int last = changes.size() - 1;
      if (last > 0 && changes.get(last).at().equals(t)) {
        changes.removeLast(); // never the creation entry (index 0)
      }
    } else {
      if (targeting != null && set.retargetRule() == RetargetRule.KEEP_REACHED) {
        keepReached(t);
      }
      targetingBefore = targeting;
      targetingAt = t;
    }
    // Re-attach on the instant's first change of policy, priority or channel: on its first change,
    // or on a later one after its first changes moved due dates only or after its re-attach was
    // undone (it had come back to the policy, priority and channel it began with). A due date
    // alone is no start condition of a task SLA: moving it re-measures, as RECALCULATE does.
    boolean keyMoves = targetingBefore != null && !sameKey(targetingBefore, p, priority, channel);
    boolean cancelAndReattach = set.retargetRule() == RetargetRule.CANCEL_AND_REATTACH;
    boolean reattach =
        cancelAndReattach
            && targeting != null
            && keyMoves
            && (!again || t.equals(reattachUndoneAt) || t.equals(duesOnlyAt));
    if (cancelAndReattach && targeting != null && !again && !keyMoves) {
      duesOnlyAt = t;
    }
    if (reattach && created) {
      if (again) {
        // a later change of the instant: its earlier ones moved due dates only, or came back
        Targeting now = targeting;
        targeting = targetingBefore;
        cancelAll(t); // measured under the targeting they ran under
        targeting = now;
      } else {
        cancelAll(t); // measured under the targeting they ran under
      }
    }
    targeting = plan.targeting(p, priority, channel, dues);
    if (set.retargetRule() == RetargetRule.RECALCULATE_ALL) {
      epoch++; // stopped cycles are judged by the targeting in force: the threads' caches are stale
    }
    if (rec != null) {
      rec.target(t, targeting);
    }
    if (set.scheduleRule() == ScheduleRule.PER_PERIOD) {
      period(t, targeting);
    }
    if (reattach && created) {
      reattachAll(t);
    }
    if (reattach) {
      reattachUndoneAt = null;
      duesOnlyAt = null;
    }
    if (targetingBefore == null) {
      targetingBefore = targeting; // creation: changes at its instant are measured against it
    } else if (again) {
      if (!keyMoves && t.equals(reattachAt)) {
        undoReattach(); // back to the policy, priority and channel the instant began with
      }
      if (same(targetingBefore, p, priority, channel, dues)) {
        return; // back to the targeting in force before this instant (or at creation): no change
      }
    }
    changes.add(new PolicyChange(t, e.id(), p.name(), Optional.ofNullable(priority), channel));
  }

  /** PER_PERIOD: notes that {@code tg} is in force from {@code t} (replacing one noted at t). */
  private void period(Instant t, Targeting tg) {
    if (periodAt == null) {
      periodAt = new Instant[4];
      periodTg = new Targeting[4];
    }
    if (periods > 0 && periodAt[periods - 1].equals(t)) {
      periodTg[periods - 1] = tg;
      return;
    }
    if (periods == periodAt.length) {
      periodAt = java.util.Arrays.copyOf(periodAt, 2 * periods);
      periodTg = java.util.Arrays.copyOf(periodTg, 2 * periods);
    }
    periodAt[periods] = t;
    periodTg[periods] = tg;
    periods++;
  }

  /**
   * Reports the fallbacks of the targeting as one anomaly, once per instant (from the state after
   * all of its changes) and only for the fields whose fallback began or changed (another value,
   * another policy) since the instant before: a fallback that continues is not reported again.
   */
  private void reportKeyMiss(TicketEvent e, String[] miss) {
    Instant t = e.at();
    if (!t.equals(keyMissAt)) {
      keyMissBefore = keyMiss;
      keyMissAt = t;
    } else if (keyMissAnomaly != null) {
      anomalies.removeLastSame(keyMissAnomaly);
    }
    keyMissAnomaly = null;
    keyMiss = miss;
    if (miss == null) {
      return;
    }
    String reason = null;
    for (int i = 0; i < miss.length; i++) {
      if (miss[i] != null && (keyMissBefore == null || !miss[i].equals(keyMissBefore[i]))) {
        reason = reason == null ? miss[i] : reason + "; " + miss[i];
      }
    }
    if (reason != null) {
      keyMissAnomaly = new EventAnomaly(e.id(), t, reason);
      anomalies.add(keyMissAnomaly);
    }
  }

  /** CANCEL_AND_REATTACH: cancels every running re-attachable cycle at {@code t}. */
  private void cancelAll(Instant t) {
    reattachAt = t;
    if (reattachCancelled == null) {
      reattachCancelled = new ArrayList<>(4);
      reattachStarted = new ArrayList<>(4);
    }
    reattachCancelled.clear();
    reattachStarted.clear();
    if (unattached != null) {
      unattached.clear();
    }
    for (Cycle c : new Cycle[] {firstResponse, nextResponse, periodic, resolution}) {
      if (c != null && c.open()) {
        reattachCancelled.add(cancel(c, t));
      }
    }
    for (Cycle c : List.copyOf(stages.values())) {
      if (c.open()) {
        reattachCancelled.add(cancel(c, t));
      }
    }
    if (defCycle != null) {
      for (Cycle c : defCycle.clone()) {
        if (c != null && c.open()) {
          reattachCancelled.add(cancel(c, t));
        }
      }
    }
    cancelCalls(t);
  }

  /**
   * CANCEL_AND_REATTACH: cancels the running per-call cycles (the built-in answer time's ringing
   * calls, then each {@code PER_CALL} definition's), each metric's in cycle-number order, so that
   * the re-attached cycles are numbered in the order of the calls they replace.
   */
  private void cancelCalls(Instant t) {
    if (!ringing.isEmpty()) {
      cancelInNumberOrder(ringing.values(), t);
    }
    if (rare != null && rare.calls != null) {
      for (Map<String, Cycle> calls : rare.calls) {
        if (calls != null && !calls.isEmpty()) {
          cancelInNumberOrder(calls.values(), t);
        }
      }
    }
  }

  private void cancelInNumberOrder(java.util.Collection<Cycle> running, Instant t) {
    Cycle[] open = running.stream().filter(Cycle::open).toArray(Cycle[]::new);
    java.util.Arrays.sort(open, (a, b) -> Integer.compare(a.index, b.index));
    for (Cycle c : open) {
      reattachCancelled.add(cancel(c, t));
    }
  }

  /**
   * Where the cycle re-attached for per-call cycle {@code old} starts: at the change, else where
   * {@code old} started. A call's cycle measures the call, so under {@code AT_CREATION} too it
   * starts no earlier than the call itself (a chain of re-attaches keeps the call's first start).
   */
  private static Instant callReattachStart(ReattachStart where, Cycle old, Instant t) {
    return where == ReattachStart.AT_CHANGE ? t : old.spanStart(0);
  }

  /**
   * Whether {@code c} is a per-call cycle: the built-in answer time's or a PER_CALL definition's.
   */
  private boolean perCallCycle(Cycle c) {
    return c.metric.kind() == SlaMetric.Kind.ANSWER_TIME
        || c.def >= 0 && defs[c.def].cycles() == MetricDefinition.Cycles.PER_CALL;
  }

  /** Makes the per-call running cycles' reference to cycle {@code from} refer to {@code to}. */
  private void repointCall(Cycle from, Cycle to) {
    if (from.metric.kind() == SlaMetric.Kind.ANSWER_TIME) {
      if (ringing.get(from.key) == from) {
        ringing.put(from.key, to); // replaces a value: no structural change
      }
    } else if (from.def >= 0 && rare != null && rare.calls != null) {
      Map<String, Cycle> calls = rare.calls[from.def];
      if (calls != null && calls.get(from.key) == from) {
        calls.put(from.key, to);
      }
    }
  }

  /** Whether {@code c} is a cycle the re-attach at {@code t} started. */
  private boolean reattachedAt(Cycle c, Instant t) {
    if (reattachStarted == null || !t.equals(reattachAt)) {
      return false;
    }
    for (Cycle x : reattachStarted) {
      if (x.id == c.id) {
        return true;
      }
    }
    return false;
  }

  /**
   * CANCEL_AND_REATTACH: starts a new cycle for each cycle {@link #cancelAll} cancelled, at {@code
   * t} or retroactively ({@link SlaPolicySet#reattachStart()}).
   */
  private void reattachAll(Instant t) {
    ReattachStart where = set.reattachStart();
    for (Cycle old : reattachCancelled) {
      boolean call = perCallCycle(old);
      Instant from =
          call
              ? callReattachStart(where, old, t)
              : switch (where) {
                case AT_CHANGE -> t;
                case AT_CREATION -> statusAt[0]; // the creation instant
                case AT_CANCELLED_START -> old.spanStart(0);
              };
      Cycle fresh;
      if (from.isBefore(t)) {
        fresh = newCycle(old.metric, from, old.key);
        if (!set.retroactivePause()) {
          fresh.noPauseUntil = t; // the span before the attach counts in full
        }
        if (rec != null) {
          rec.retro(fresh, from);
          rec.open(fresh, t);
        }
      } else {
        fresh = startCycle(old.metric, t, old.key);
      }
      reattachStarted.add(fresh);
      repoint(old, fresh);
      if (call) {
        repointCall(old, fresh);
      }
    }
  }

  /** Undoes the re-attach of this instant: its instant ended on the targeting it began with. */
  private void undoReattach() {
    for (int i = reattachStarted.size() - 1; i >= 0; i--) {
      Cycle fresh = reattachStarted.get(i);
      // The started cycles are the last ones unless a custom metric started one since.
      if (cycles.get(cycles.size() - 1) == fresh) {
        cycles.remove(cycles.size() - 1);
      } else {
        cycles.remove(fresh);
      }
      SlaMetric.Kind kind = fresh.metric.kind();
      if (kind == SlaMetric.Kind.STAGE || kind == SlaMetric.Kind.CUSTOM) {
        namedCounts.merge(fresh.metric, -1, Integer::sum);
      } else {
        counts[fresh.metric.kind().ordinal()]--;
      }
      Cycle old = own(reattachCancelled.get(i));
      old.reopen();
      cycles.opened(old);
      if (rec != null) {
        rec.open(old, reattachAt);
      }
      repoint(fresh, old);
      if (perCallCycle(old)) {
        repointCall(fresh, old);
      }
    }
    reattachUndoneAt = reattachAt;
    if (unattached != null) {
      unattached.clear();
    }
    epoch++;
    reattachAt = null;
    reattachCancelled.clear();
    reattachStarted.clear();
  }

  /**
   * Returns {@code c} ready to be changed: {@code c} itself, or, if an evaluation shares it, a copy
   * that replaces it everywhere the engine refers to it (the evaluation keeps the original).
   */
  private Cycle own(Cycle c) {
    if (c.gen == gen) {
      return c;
    }
    Cycle k = c.copy();
    k.gen = gen;
    substitute(c, k);
    return k;
  }

  /** Makes every reference of the engine to cycle {@code c} refer to {@code k} instead. */
  private void substitute(Cycle c, Cycle k) {
    int p = c.pos; // the position hint, checked: the search is for cycles not placed by the list
    StoppedState[] kp = kept;
    if (kp != null && p >= 0 && p < kp.length && kp[p] != null && kp[p].cycle() == c) {
      kp[p] = null; // never served again (another identity): not kept alive either
    }
    if (p >= 0 && p < cycles.size() && cycles.get(p) == c) {
      cycles.set(p, k);
    } else {
      for (int i = cycles.size() - 1; i >= 0; i--) {
        if (cycles.get(i) == c) {
          cycles.set(i, k);
          break;
        }
      }
    }
    repoint(c, k);
    if (c.metric.kind() == SlaMetric.Kind.ANSWER_TIME && ringing.get(c.key) == c) {
      ringing.put(c.key, k); // replaces a value: no structural change to iterations over it
    }
    if (rare != null && rare.calls != null) {
      for (Map<String, Cycle> calls : rare.calls) {
        if (calls != null && calls.get(c.key) == c) {
          calls.put(c.key, k); // replaces a value: no structural change to iterations over it
        }
      }
    }
    if (reattachCancelled != null) {
      reattachCancelled.replaceAll(x -> x == c ? k : x);
      reattachStarted.replaceAll(x -> x == c ? k : x);
    }
  }

  /** Makes the engine's reference to cycle {@code from} refer to {@code to}. */
  private void repoint(Cycle from, Cycle to) {
    if (firstResponse == from) {
      firstResponse = to;
    } else if (nextResponse == from) {
      nextResponse = to;
    } else if (periodic == from) {
      periodic = to;
    } else if (resolution == from) {
      resolution = to;
    } else if (from.metric.kind() == SlaMetric.Kind.STAGE
        && stages.get(from.metric.stage()) == from) {
      stages.put(from.metric.stage(), to);
    } else if (from.metric.kind() == SlaMetric.Kind.CUSTOM) {
      int d = plan.definitionIndex(from.metric);
      if (defCycle[d] == from) {
        defCycle[d] = to;
      }
    }
  }

  /** The same policy, priority and channel, whatever the due dates. */
  private static boolean sameKey(Targeting tg, SlaPolicy p, String priority, String channel) {
    return tg.policy == p
        && java.util.Objects.equals(tg.priority, priority)
        && tg.channel.equals(channel);
  }

  private static boolean same(
      Targeting tg, SlaPolicy p, String priority, String channel, Instant[] dues) {
    return tg != null
        && tg.policy == p
        && java.util.Objects.equals(tg.priority, priority)
        && tg.channel.equals(channel)
        && (tg.dues == dues || sameDues(tg.dues, dues));
  }

  /** Equal due dates, where null and all-null arrays mean the same: none. */
  private static boolean sameDues(Instant[] a, Instant[] b) {
    int n = Math.max(a == null ? 0 : a.length, b == null ? 0 : b.length);
    for (int i = 0; i < n; i++) {
      Instant x = a == null ? null : a[i];
      Instant y = b == null ? null : b[i];
      if (!java.util.Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Resumes a stopped cycle, which from now on is measured under the targeting in force; under
   * KEEP_REACHED it first keeps what it had reached when it stopped.
   */
  private void resume(Cycle c, Instant t) {
    c = own(c);
    if (!c.open() && set.retargetRule() == RetargetRule.KEEP_REACHED) {
      Slot slot = slotOf(c.frozen, c);
      if (slot != null && slot.targeted()) { // untargeted: nothing reached to keep
        keep(c, live().snapshot(c, slot, t, true, -1, scratch()), null);
        noteKept(c, t);
      }
    }
    boolean reopens = !c.open();
    if (rec != null && reopens) {
      rec.open(c, t);
    }
    c.resume(t);
    if (reopens) {
      cycles.opened(c);
    }
  }

  /** Notes for the audit trail the breach {@code c} keeps from {@code t}, if any. */
  private void noteKept(Cycle c, Instant t) {
    if (rec != null && c.keptBreach != null) {
      rec.kept(c, t, c.keptBreach.target());
    }
  }

  private static void keep(Cycle c, Snapshot s, Instant retargetAt) {
    // Snapshots include what was kept before, so these only grow. A breach at the re-target's own
    // instant (AT_DEADLINE, deadline there) was not reached before it: the events of an instant
    // come before a breach at that instant, as a reply or a pause there does. Only an earlier
    // breach replaces the one kept: a targeting on another calendar that breached at the same
    // instant keeps the first one's target (compared by value: which Instant object a snapshot
    // holds depends on the memo, and a tie read as new kept a stricter target whose breach on the
    // calendar in force later came before any breach reached).
    Kept k = c.keptBreach;
    boolean reached =
        s.breachedAt != null && (retargetAt == null || s.breachedAt.isBefore(retargetAt));
    if (reached && (k == null || s.breachedAt.isBefore(k.at))) {
      c.keptBreach = new Kept(s.breachedAt, s.target, s.deadline);
    }
    c.keptWarning = s.warning;
    c.keptWarnings = s.warnings;
    c.keptEscalation = s.escalation;
  }

  /** Records, per running cycle, the breach, warning and escalation reached at {@code t}. */
  private void keepReached(Instant t) {
    Scratch sc = scratch();
    View view = live();
    for (int i = 0; i < cycles.size(); i++) {
      Cycle c = cycles.get(i);
      Slot slot = c.open() ? slotOf(targeting, c) : null;
      if (slot == null || !slot.targeted()) {
        continue; // untargeted: nothing reached, and what an earlier targeting reached stays kept
      }
      c = own(c);
      keep(c, view.snapshot(c, slot, t, true, i, sc), t);
      noteKept(c, t);
    }
  }

  private Cycle startCycle(SlaMetric metric, Instant t, String key) {
    Cycle c = newCycle(metric, t, key);
    if (rec != null) {
      rec.open(c, t);
    }
    return c;
  }

  /**
   * The targeting cycle {@code c} is measured by when {@code current} is in force: {@code current}
   * while it runs; once stopped, the one it stopped under, except under RECALCULATE_ALL, where a
   * stopped cycle is judged again by {@code current} if its metric has a target there.
   */
  private static Targeting measuredBy(Cycle c, Targeting current, SlaPolicySet set) {
    if (c.open()) {
      return current;
    }
    if (c.frozen != current && set.retargetRule() == RetargetRule.RECALCULATE_ALL) {
      Slot s = slotOf(current, c);
      if (s != null && s.targeted()) {
        return current;
      }
    }
    return c.frozen;
  }

  /** The slot of cycle {@code c} under targeting {@code tg}: by index for a custom metric. */
  static Slot slotOf(Targeting tg, Cycle c) {
    return c.def >= 0 ? tg.definitionSlot(c.def) : tg.slot(c.metric);
  }

  /** A new cycle of {@code metric} starting at {@code t}, with the next index, not recorded. */
  private Cycle newCycle(SlaMetric metric, Instant t, String key) {
    int index;
    if (metric.kind() == SlaMetric.Kind.STAGE || metric.kind() == SlaMetric.Kind.CUSTOM) {
      if (namedCounts == null) {
        namedCounts = new HashMap<>();
      }
      index = namedCounts.merge(metric, 1, Integer::sum) - 1;
    } else {
      index = counts[metric.kind().ordinal()]++;
    }
    int def = metric.kind() == SlaMetric.Kind.CUSTOM ? plan.definitionIndex(metric) : -1;
    Cycle c = new Cycle(metric, def, index, key, t);
    c.gen = gen;
    cycles.add(c);
    return c;
  }

  /** Stops an open cycle (no-op for null or stopped), freezing its targeting; returns null. */
  private Cycle stop(Cycle c, Instant t) {
    if (c != null && c.open()) {
      if (unattaches(c, t)) {
        noteUnattach(unattach(c, t, false));
        return null;
      }
      if (withdraws(c, t)) {
        withdraw(c);
        return null;
      }
      c = own(c);
      c.close(t, endingUnder(c, t));
      if (rec != null) {
        rec.close(c, t);
      }
    }
    return null;
  }

  /** {@link #cancel}s an open cycle if {@code cancels}, else {@link #stop}s it; returns null. */
  private Cycle end(Cycle c, Instant t, boolean cancels) {
    if (cancels) {
      cancel(c, t);
      return null;
    }
    return stop(c, t);
  }

  /**
   * Stops an open cycle without an outcome: CANCELLED unless already past its target. Returns the
   * cycle as it is now (a copy if an evaluation shared it).
   */
  private Cycle cancel(Cycle c, Instant t) {
    if (c != null && c.open()) {
      if (unattaches(c, t)) {
        Unattach u = unattach(c, t, true);
        noteUnattach(u);
        return cycleWithId(u.old().id); // the cycle the re-attach cancelled
      }
      if (withdraws(c, t)) {
        withdraw(c);
        return null;
      }
      c = own(c);
      c.close(t, endingUnder(c, t));
      c.cancelled = true;
      if (rec != null) {
        rec.close(c, t);
      }
    }
    return c;
  }

  /**
   * The targeting a cycle that ends at {@code t} is judged by: the one in force, or under {@link
   * StopRule#BEFORE_UPDATE} (the cycle's definition's rule, else the set's) the one in force before
   * {@code t} if {@code t} re-targeted the ticket and the cycle ran up to {@code t} (not started or
   * re-attached at it, nor resumed at it after a stop before it: {@link Cycle#ranUpTo}).
   */
  private Targeting endingUnder(Cycle c, Instant t) {
    if (stopsFirst(c)
        && t.equals(targetingAt)
        && targetingBefore != null
        && c.ranUpTo(t)
        && !reattachedAt(c, t)) {
      return targetingBefore;
    }
    return targeting;
  }

  /**
   * Whether ending {@code c} at {@code t} withdraws its re-attach ({@link #unattach}): under {@link
   * StopRule#BEFORE_UPDATE}, {@code c} is a cycle (not a call's) that the re-attach at {@code t}
   * started.
   */
  private boolean unattaches(Cycle c, Instant t) {
    return stopsFirst(c) && t.equals(reattachAt) && reattachedAt(c, t) && !perCallCycle(c);
  }

  /**
   * Whether a stop or cancel of {@code c} is judged before the update ({@link
   * StopRule#BEFORE_UPDATE}): its definition's {@link MetricDefinition#stopRule()}, else the set's.
   */
  private boolean stopsFirst(Cycle c) {
    return c.def >= 0 ? plan.stopsFirst(c.def) : stopsFirst;
  }

  /**
   * {@link StopRule#BEFORE_UPDATE} under CANCEL_AND_REATTACH: the update that re-attached {@code
   * fresh} at {@code t} also ends it, so its stop (unless {@code cancels}) acts on the cycle the
   * re-attach cancelled, which is met (or breached) under the targeting it ran under, and {@code
   * fresh} is withdrawn: nothing is attached for it. A cancel leaves that cycle cancelled. {@code
   * fresh} is the last cycle of its metric (only a call's metric runs several cycles at once).
   * Returns what to undo it with ({@link #reattachAgain}).
   */
  private Unattach unattach(Cycle fresh, Instant t, boolean cancels) {
    int pair = 0;
    while (reattachStarted.get(pair).id != fresh.id) {
      pair++;
    }
    Cycle before = reattachCancelled.get(pair);
    int pos = cycles.size() - 1;
    while (cycles.get(pos) != fresh) {
      pos--;
    }
    cycles.remove(pos);
    count(fresh.metric, -1);
    reattachStarted.remove(pair);
    reattachCancelled.remove(pair);
    Object[] after = new Object[reattachStarted.size() - pair];
    for (int i = pair; i < reattachStarted.size(); i++) {
      after[i - pair] = reattachStarted.get(i).id;
    }
    Cycle kept = before.copy();
    Cycle old = own(before);
    if (!cancels) {
      old.cancelled = false; // met, or breached, at t under the targeting it ran under
    }
    repoint(fresh, old);
    if (rec != null) {
      rec.close(old, t); // this update's event ends it
    }
    epoch++;
    Object next = pos < cycles.size() ? cycles.get(pos).id : null;
    return new Unattach(fresh, pos, next, kept, pair, after);
  }

  /**
   * Where a cycle removed from list position {@code pos}, before the cycle with identity {@code
   * next}, goes back: before that cycle, which removals since (a built-in's withdrawn re-attach,
   * which no group step undoes) can only have moved towards the front; at {@code pos} if there is
   * none (no further than the end).
   */
  private int cycleBefore(int pos, Object next) {
    if (next == null) {
      return Math.min(pos, cycles.size());
    }
    for (int i = Math.min(pos, cycles.size() - 1); i >= 0; i--) {
      if (cycles.get(i).id == next) {
        return i;
      }
    }
    return Math.min(pos, cycles.size());
  }

  /** The index of the first pair whose started cycle has one of the identities, else the end. */
  private int pairBefore(Object[] ids) {
    for (Object id : ids) {
      for (int i = 0; i < reattachStarted.size(); i++) {
        if (reattachStarted.get(i).id == id) {
          return i;
        }
      }
    }
    return reattachStarted.size();
  }

  /** Undoes {@link #unattach}: the withdrawn cycle is attached again, the other one cancelled. */
  private void reattachAgain(Unattach u) {
    if (unattached != null) {
      unattached.remove(u); // attached again: a reopen has nothing to restore
    }
    Cycle now = cycleWithId(u.old().id);
    substitute(now, u.old());
    cycles.add(cycleBefore(u.pos(), u.next()), u.fresh());
    count(u.fresh().metric, 1);
    repoint(u.old(), u.fresh());
    // Another pair may have been withdrawn since (a built-in's, which no group step undoes), so
    // u.pair() may be past the end: the pair goes back before the first pair that followed it.
    int pair = pairBefore(u.after());
    reattachCancelled.add(pair, u.old());
    reattachStarted.add(pair, u.fresh());
  }

  /** Remembers withdrawal {@code u} of this instant's re-attach, for {@link #reopen}. */
  private void noteUnattach(Unattach u) {
    if (unattached == null) {
      unattached = new ArrayList<>(2);
    }
    unattached.add(u);
  }

  /**
   * The withdrawal of this instant's re-attach that left stopped cycle {@code c} in place of the
   * cycle it attached, if {@code t} is that instant; else null. Costs nothing unless a stop or
   * cancel at {@code t} withdrew a re-attach.
   */
  private Unattach unattachedFor(Cycle c, Instant t) {
    if (unattached == null || unattached.isEmpty() || c.open() || !t.equals(reattachAt)) {
      return null;
    }
    for (int i = unattached.size() - 1; i >= 0; i--) {
      Unattach u = unattached.get(i);
      if (u.old().id == c.id) {
        return u;
      }
    }
    return null;
  }

  /**
   * Resumes stopped cycle {@code c} at {@code t} ({@link #resume}), unless a stop or cancel at
   * {@code t} put it in place of the cycle this instant's re-attach started ({@link #unattach}):
   * then the update stops and reopens it, and its net effect is the re-target, so that cycle is
   * attached again and {@code c} stays cancelled ({@link #reattachAgain}), as if the update had not
   * written the stop ("one update, one result"). Resuming {@code c} instead would run it on under
   * the new targeting from its start, which the re-attach was to replace.
   */
  private void reopen(Cycle c, Instant t) {
    Unattach u = unattachedFor(c, t);
    if (u != null) {
      epoch++; // a stopped cycle was changed in place
      reattachAgain(u);
    } else {
      resume(c, t);
    }
  }

  /**
   * Whether ending {@code c} at {@code t} withdraws it ({@link #withdraw}): under {@link
   * SlaPolicySet#creationStopOverridesStart()}, {@code t} is the creation's instant and {@code c}
   * (not a call's cycle) started then and never stopped before.
   */
  private boolean withdraws(Cycle c, Instant t) {
    return dropsAtCreation
        && c.spanCount() == 1
        && t.equals(statusAt[0])
        && c.spanStart(0).equals(t)
        && !perCallCycle(c);
  }

  /**
   * {@link SlaPolicySet#creationStopOverridesStart()}: the creating update ends open cycle {@code
   * c}, which it started: nothing is attached. {@code c} is removed with its number (at the
   * creation's instant it is the last cycle of its metric: only a call's metric runs several cycles
   * at once) and the engine forgets it, so a reopen or re-entry starts a new cycle, and a first
   * reply is owed from the customer's next message (the ready-made first reply definition, started
   * once by {@code created_by_customer} or {@code customer_message}, does the same). Returns its
   * list position.
   */
  private int withdraw(Cycle c) {
    int pos = cycles.size() - 1;
    while (cycles.get(pos).id != c.id) {
      pos--;
    }
    Cycle listed = cycles.remove(pos);
    count(c.metric, -1);
    if (firstResponse == listed) {
      firstResponse = null;
      firstPending = true; // owed from the customer's next message, as on an agent-created ticket
    } else if (nextResponse == listed) {
      nextResponse = null;
    } else if (periodic == listed) {
      periodic = null;
    } else if (resolution == listed) {
      resolution = null;
    } else if (c.metric.kind() == SlaMetric.Kind.STAGE && stages.get(c.metric.stage()) == listed) {
      stages.remove(c.metric.stage());
    } else if (c.def >= 0 && defCycle[c.def] == listed) {
      defCycle[c.def] = null;
    }
    epoch++;
    return pos;
  }

  /** Adds {@code n} to the number of cycles metric {@code m} has started. */
  private void count(SlaMetric m, int n) {
    SlaMetric.Kind kind = m.kind();
    if (kind == SlaMetric.Kind.STAGE || kind == SlaMetric.Kind.CUSTOM) {
      namedCounts.merge(m, n, Integer::sum);
    } else {
      counts[kind.ordinal()] += n;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  /**
   * Captures what an evaluation at {@code now} reports, in {@code O(cycles)} and without calendar
   * work: the cycles are derived when first asked for ({@link Captured#derive}), from this capture,
   * whatever the engine has applied since.
   *
   * @param now evaluation instant, not before the last applied event
   * @return the capture
   */
  public Captured capture(Instant now) {
    requireEvaluable(now);
    // The cycles made before are shared from now on: the engine changes copies of them.
    if (gen >= genLimit) { // rebase rather than wrap: every cycle stays older than gen
      gen = 0;
      for (int i = 0; i < cycles.size(); i++) {
        Cycle c = cycles.get(i);
        c.gen = 0;
      }
    }
    gen++;
    return new Captured(this, cycles.share(), cycles.size(), now);
  }

  /** The cycles of an evaluation and its next transition. */
  public record Derived(List<MetricCycle> cycles, Optional<Instant> nextTransition) {}

  /**
   * An evaluation captured at one instant ({@link #capture}): the cheap parts at hand, the cycles
   * derived on demand. Immutable; {@link #derive} may run on any thread, any number of times, with
   * equal results.
   */
  public static final class Captured extends View {
    /** The ticket's status. */
    public final String status;

    /** The targeting history. */
    public final List<PolicyChange> changes;

    /** The anomalies. */
    public final List<EventAnomaly> anomalies;

    /** The evaluation instant. */
    public final Instant now;

    private final ClockEngine owner; // its ticket id (final), and the key of the thread's caches
    private final int epoch;
    private final Cycle[] cycles; // the first cycleCount are this evaluation's (see CycleList)
    private final int cycleCount;
    private final Targeting targeting;

    private Captured(ClockEngine e, Cycle[] cycles, int count, Instant now) {
      // The status timeline only grows past its count; the per-period arrays and the hold
      // timeline (whose last entry of an instant changes in place) are copied.
      super(
          e.set,
          e.statusAt,
          e.statusVal,
          e.statusCount,
          e.periods == 0 ? null : java.util.Arrays.copyOf(e.periodAt, e.periods),
          e.periods == 0 ? null : java.util.Arrays.copyOf(e.periodTg, e.periods),
          e.periods,
          e.rare == null || e.rare.holds == null ? null : e.rare.holds.copy(),
          e);
      this.status = e.status;
      this.changes = e.changes.list();
      this.anomalies = e.anomalies.list();
      this.now = now;
      this.owner = e;
      this.epoch = e.epoch;
      this.cycles = cycles;
      this.cycleCount = count;
      this.targeting = e.targeting;
    }

    /**
     * Returns the ticket.
     *
     * @return the ticket id
     */
    public String ticketId() {
      return owner.ticketId;
    }

    /**
     * Returns the name of the policy in force.
     *
     * @return the policy name
     */
    public String policy() {
      return targeting.policy.name();
    }

    /**
     * Returns the priority in force.
     *
     * @return the priority, if any
     */
    public Optional<String> priority() {
      return targeting.priorityOpt;
    }

    /**
     * Derives every targeted cycle's state at the captured instant, and the next transition.
     *
     * @return the cycles and the next transition
     */
    public Derived derive() {
      MetricCycle[] out = new MetricCycle[cycleCount];
      int count = 0;
      Instant next = FAR;
      // The thread's caches (stopped cycles' states, open cycles' calendar memos) pay off from the
      // second derivation of one engine on: the first one of an engine on this thread neither
      // looks them up nor fills them, and derives in a scratch of its own, so that reading each
      // clock once costs no bookkeeping (and writes no young objects into the thread's old ones).
      Thread me = Thread.currentThread();
      Scratch sc;
      boolean again;
      if (owner.deriver != me) {
        owner.deriver = me;
        sc = new Scratch();
        again = false;
      } else {
        sc = scratch();
        if (sc.owner != owner || sc.ownerEpoch != epoch) {
          sc.own(owner, epoch); // emptied: read (missing) and filled from this derivation on
        }
        again = true;
      }
      View view = this; // the captured timelines
      // With keepStoppedStates on (and KEEP_STOPPED_FROM cycles): the states kept by earlier
      // derivations of the engine's captures.
      StoppedState[] kept = cycleCount >= keepStoppedFrom ? owner.kept : null;
      if (kept != null && kept.length < cycleCount) {
        kept = java.util.Arrays.copyOf(kept, Math.max(cycleCount, 2 * kept.length));
        owner.kept = kept; // a racing growth may win instead: its entries are as good
      }
      for (int i = 0; i < cycleCount; i++) {
        Cycle c = cycles[i];
        boolean open = c.open();
        if (!open && kept != null) {
          StoppedState k = kept[i];
          if (k != null && k.cycle() == c && k.epoch() == epoch && k.spans() == c.spanCount()) {
            out[count++] = k.state(); // stopped and unchanged since a derivation kept it
            continue;
          }
        }
        boolean cached = !open && again && kept == null; // else the kept states serve
        if (cached) {
          MetricCycle known = sc.stopped(i, c);
          if (known != null) {
            out[count++] = known; // stopped and unchanged since this thread last derived it
            continue;
          }
        }
        Targeting tg = measuredBy(c, targeting, owner.set);
        Slot slot = slotOf(tg, c);
        if (slot == null) {
          continue;
        }
        Snapshot s = view.snapshot(c, slot, now, true, again ? i : -1, sc);
        MetricCycle m = s.cycle(c, s.target, tg.policy.name());
        out[count++] = m;
        if (!open && kept != null) {
          kept[i] = new StoppedState(c, epoch, c.spanCount(), m);
        }
        if (cached) {
          sc.keep(i, c, m);
        }
        if (s.next != null && s.next.isBefore(next)) {
          next = s.next;
        }
      }
      return new Derived(
          new Prefix<>(out, count), // out is this derivation's own: no copy
          next == FAR ? Optional.empty() : Optional.of(next));
    }

    /**
     * The open cycles of this capture as an evaluation at {@code later} would report them if no
     * event arrived in between, each with the escalation levels of the rule it is measured by; in
     * the captured order. A read-only companion of {@link #derive} for the evaluation's upcoming
     * transition: the same derivation at another instant, with no memo and no thread cache (the
     * capture's timelines are frozen, so it answers for {@code later} as a clock fed no further
     * event would). {@code O(open cycles)} snapshots.
     *
     * @param later an instant not before the captured one
     * @return the open cycles at {@code later}
     */
    public List<Later> openAt(Instant later) {
      if (later.isBefore(now)) {
        throw new IllegalArgumentException("later " + later + " is before " + now);
      }
      List<Later> out = new ArrayList<>();
      Scratch sc = scratch();
      View view = this; // the captured timelines
      for (int i = 0; i < cycleCount; i++) {
        Cycle c = cycles[i];
        if (!c.open()) {
          continue; // a stopped cycle changes only with an event
        }
        Targeting tg = measuredBy(c, targeting, owner.set);
        Slot slot = slotOf(tg, c);
        if (slot == null) {
          continue;
        }
        Snapshot s = view.snapshot(c, slot, later, true, -1, sc);
        MetricCycle m = s.cycle(c, s.target, tg.policy.name());
        out.add(new Later(m, slot.rule.escalations()));
      }
      return out;
    }
  }

  /**
   * An open cycle at a later instant ({@link Captured#openAt}) and the escalation levels of its
   * rule, lowest first.
   *
   * @param cycle the cycle as reported then
   * @param levels its rule's escalation levels
   */
  public record Later(MetricCycle cycle, List<EscalationLevel> levels) {}

  /**
   * Returns the earliest instant after {@code now} at which a state, warning or escalation changes
   * without a new event, in {@code O(open cycles)} (of calendar work each): stopped cycles are not
   * visited ({@link CycleList#openPositions}).
   *
   * @param now evaluation instant, not before the last applied event
   * @return the next transition, empty if nothing is running
   */
  public Optional<Instant> nextTransition(Instant now) {
    requireEvaluable(now);
    Instant next = FAR;
    Scratch sc = scratch();
    View view = live();
    // Only open cycles change without an event: walk the open index, not every cycle ever started
    int[] open = cycles.openPositions();
    int k = cycles.openCount();
    transitionVisits += k;
    for (int j = 0; j < k; j++) {
      int i = open[j];
      Cycle c = cycles.get(i);
      Slot slot = slotOf(targeting, c);
      if (slot == null) {
        continue;
      }
      Snapshot s = view.snapshot(c, slot, now, false, i, sc);
      if (s.next != null && s.next.isBefore(next)) {
        next = s.next;
      }
    }
    return next == FAR ? Optional.empty() : Optional.of(next);
  }

  /**
   * Returns the audit trail of one cycle at {@code now} (see {@code SlaClock#auditTrail}). Only a
   * {@link #recording} engine can answer.
   *
   * @param metric the metric
   * @param index the cycle's index among the metric's cycles
   * @param now evaluation instant, not before the last applied event
   * @return the ordered segments
   * @throws IllegalArgumentException if the ticket has no such cycle
   * @throws IllegalStateException if this engine does not record
   */
  public List<CycleSegment> auditTrail(SlaMetric metric, int index, Instant now) {
    requireEvaluable(now);
    if (rec == null) {
      throw new IllegalStateException("only a recording engine derives audit trails");
    }
    int count = 0;
    for (int i = 0; i < cycles.size(); i++) {
      Cycle c = cycles.get(i);
      if (c.metric.equals(metric)) {
        count++;
        if (c.index == index) {
          Slot slot = slotOf(measuredBy(c, targeting, set), c);
          return rec.trail(
              c,
              slot == null || slot.rule == null ? null : slot,
              now,
              set.scheduleRule() == ScheduleRule.PER_PERIOD,
              set.retargetRule() == RetargetRule.RECALCULATE_ALL);
        }
      }
    }
    throw new IllegalArgumentException(
        "ticket "
            + ticketId
            + " has no "
            + metric
            + " cycle "
            + index
            + ": it has "
            + (count == 1 ? "1 such cycle" : count + " such cycles"));
  }

  private void requireEvaluable(Instant now) {
    java.util.Objects.requireNonNull(now, "now");
    if (ownStatus != null) {
      ownStatusRead = true;
      applyOwnStatus(); // every read (capture, nextTransition, auditTrail) passes here first
    }
    if (callsUnsortedAt != null) {
      settleCalls(); // every read (capture, nextTransition, auditTrail) passes here first
    }
    if (settlePending) {
      settle(rare.change); // every read (capture, nextTransition, auditTrail) passes here first
    }
    if (!created) {
      throw new IllegalStateException("ticket " + ticketId + " has no Created event yet");
    }
    if (now.isBefore(lastAt)) {
      throw new IllegalArgumentException(
          "now " + now + " is before the last event of ticket " + ticketId + " at " + lastAt);
    }
  }

  /** Adds running time [a, b), merged with the last segment if contiguous. */
  private static void addRunning(Scratch sc, Instant a, Instant b) {
    if (sc.n > 0 && sc.to[sc.n - 1] != null && sc.to[sc.n - 1].equals(a)) {
      sc.to[sc.n - 1] = b;
    } else {
      addSegment(sc, a, b);
    }
  }

  private static void addSegment(Scratch sc, Instant a, Instant b) {
    int n = sc.n;
    if (n == sc.from.length) {
      sc.from = java.util.Arrays.copyOf(sc.from, 2 * n);
      sc.to = java.util.Arrays.copyOf(sc.to, 2 * n);
      sc.dur = java.util.Arrays.copyOf(sc.dur, 2 * n);
      sc.cal = java.util.Arrays.copyOf(sc.cal, 2 * n);
    }
    sc.from[n] = a;
    sc.to[n] = b;
    sc.n = n + 1;
  }

  private static Instant min(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  /** Whether one of {@code tags} is in {@code to} but was not in {@code from}. */
  private static boolean anyMoved(Set<String> tags, Set<String> from, Set<String> to) {
    for (String g : tags) {
      if (to.contains(g) && !from.contains(g)) {
        return true;
      }
    }
    return false;
  }

  private static final Duration ONE_NANO = Duration.ofNanos(1);

  /** {@code cal.plus(a, d)}, or null if the calendar or the time line runs out first. */
  private static Instant plusOrNull(BusinessTime cal, Instant a, Duration d) {
    try {
      return cal.plus(a, d);
    } catch (IllegalStateException | java.time.DateTimeException | ArithmeticException outOfTime) {
      return null;
    }
  }

  /** The earliest instant at which a kept warning at least {@code pct} was reached, or null. */
  private static Instant keptAt(List<WarningReached> kept, int pct) {
    Instant at = null;
    if (kept != null) {
      for (WarningReached w : kept) {
        if (w.percent() >= pct) {
          at = earlier(at, w.at());
        }
      }
    }
    return at;
  }

  /** The reached warnings plus kept ones of percentages the current rule lacks, lowest first. */
  private static List<WarningReached> withKept(
      WarningReached[] reached, int count, List<WarningReached> kept) {
    if (kept == null || kept.isEmpty()) {
      return count == 0 ? List.of() : List.of(java.util.Arrays.copyOf(reached, count));
    }
    java.util.TreeMap<Integer, WarningReached> byPercent = new java.util.TreeMap<>();
    for (WarningReached w : kept) {
      byPercent.put(w.percent(), w);
    }
    for (int i = 0; i < count; i++) {
      byPercent.put(reached[i].percent(), reached[i]);
    }
    return List.copyOf(byPercent.values());
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || !b.isBefore(a) ? a : b;
  }

  /**
   * {@link #crossing(BusinessTime, Duration, Scratch)} of amount number {@code k} (0 the target,
   * then the warnings, then the escalations), through the memo if there is one.
   */
  private static Instant crossing(
      Memo memo, int k, BusinessTime cal, Duration amount, Scratch sc, Run run) {
    if (memo == null || k >= 64) {
      return crossing(cal, amount, sc, run);
    }
    if ((memo.known & (1L << k)) != 0) {
      return memo.crossing[k];
    }
    Instant x = crossing(cal, amount, sc, run);
    if (k >= memo.crossing.length) {
      memo.crossing =
          java.util.Arrays.copyOf(memo.crossing, Math.max(2 * memo.crossing.length, k + 1));
    }
    memo.crossing[k] = x;
    memo.known |= 1L << k;
    return x;
  }

  /**
   * Earliest instant at which running business time reaches {@code amount}, or null. {@code dur[i]}
   * is the business time of closed segment {@code i}; the segments follow prefix {@code run} if it
   * is not null.
   */
  private static Instant crossing(BusinessTime whole, Duration amount, Scratch sc, Run run) {
    int n = sc.n;
    Instant[] from = sc.from;
    Instant[] to = sc.to;
    Duration[] dur = sc.dur;
    Duration acc = Duration.ZERO;
    if (run != null && run.m > 0) {
      // The first segment at whose end the running time reaches the amount, as the loop below
      // would find it: every segment of the prefix is closed, and a run has one calendar.
      int i = run.reaching(amount);
      if (i < run.m) {
        return whole.plus(run.from[i], i == 0 ? amount : amount.minus(run.cum[i - 1]));
      }
      acc = run.cum[run.m - 1];
    }
    for (int i = 0; i < n; i++) {
      Instant a = from[i];
      Duration rest = amount.minus(acc);
      BusinessTime cal = sc.mixed ? sc.cal[i] : whole;
      if (to[i] == null) {
        try {
          return cal.plus(a, rest);
        } catch (IllegalStateException noMoreBusinessTime) {
          return null; // the calendar never reaches the amount: no deadline
        }
      }
      if (dur[i].compareTo(rest) >= 0) {
        return cal.plus(a, rest);
      }
      acc = acc.plus(dur[i]);
    }
    return null;
  }

  /**
   * What deriving a cycle's state reads of the engine besides the cycle: the status timeline and
   * the per-period targetings and the hold timeline. A {@link Captured} is a view that never
   * changes (the status timeline only grows past its count, the other two are copies); a live view
   * ({@link #live}) reads the engine as it is and is used at once.
   */
  static class View {
    private final SlaPolicySet set;
    private final Instant[] statusAt;
    private final int[] statusVal;
    private final int statusCount;
    private final Instant[] periodAt;
    private final Targeting[] periodTg;
    private final int periods;
    private final Holds holds; // the tag and attribute pause conditions' timeline, or null
    // Whose history this is, in which epoch, up to which event: the key of a cycle's Run.
    private final ClockEngine owner;
    private final int epoch;
    private final Instant lastAt;

    private View(
        SlaPolicySet set,
        Instant[] statusAt,
        int[] statusVal,
        int statusCount,
        Instant[] periodAt,
        Targeting[] periodTg,
        int periods,
        Holds holds,
        ClockEngine owner) {
      this.holds = holds;
      this.owner = owner;
      this.epoch = owner.epoch;
      this.lastAt = owner.lastAt;
      this.set = set;
      this.statusAt = statusAt;
      this.statusVal = statusVal;
      this.statusCount = statusCount;
      this.periodAt = periodAt;
      this.periodTg = periodTg;
      this.periods = periods;
    }

    /**
     * PER_PERIOD: splits the running segments in {@code sc} where the targeting changed and gives
     * each piece the calendar its metric counted on under the targeting then in force ({@code
     * slot}'s if the metric had no target then). Returns whether any piece's calendar differs from
     * {@code slot}'s.
     */
    private boolean splitPerPeriod(Cycle c, Slot slot, Scratch sc) {
      int n = sc.n;
      Instant[] from = java.util.Arrays.copyOf(sc.from, n);
      Instant[] to = java.util.Arrays.copyOf(sc.to, n);
      sc.n = 0;
      boolean mixed = false;
      for (int i = 0; i < n; i++) {
        Instant a = from[i];
        Instant b = to[i]; // null = open
        int k = 0;
        while (k + 1 < periods && !periodAt[k + 1].isAfter(a)) {
          k++;
        }
        while (true) {
          Instant next = k + 1 < periods ? periodAt[k + 1] : null;
          Instant end = next != null && (b == null || next.isBefore(b)) ? next : b;
          Slot then = slotOf(periodTg[k], c);
          BusinessTime cal = then != null && then.targeted() ? then.calendar : slot.calendar;
          addSegment(sc, a, end);
          sc.cal[sc.n - 1] = cal;
          mixed |= cal != slot.calendar;
          if (end == b) {
            break;
          }
          a = end;
          k++;
        }
      }
      return mixed;
    }

    /**
     * Running segments: the cycle's spans minus the time in which one of the rule's pause statuses
     * or one of {@code slot.holdMask}'s tag and attribute conditions held; the last may be open.
     * Only those from {@code cut} on if it is not null (a {@link Run}'s: no segment runs across
     * it), of the spans from number {@code first} on (those before it ended before the cut).
     */
    private static void segments(Cycle c, Slot slot, Scratch sc, View e, int first, Instant cut) {
      sc.n = 0;
      Holds hd = slot.holdMask != 0 ? e.holds : null;
      if (!slot.pauses && hd == null) { // nothing pauses: the running segments are the spans
        for (int s = first; s < c.spanCount(); s++) {
          Instant a = c.spanStart(s);
          Instant b = c.spanEnd(s);
          if (cut != null) {
            if (b != null && !b.isAfter(cut)) {
              continue;
            }
            if (a.isBefore(cut)) {
              a = cut;
            }
          }
          if (b == null || a.isBefore(b)) {
            addRunning(sc, a, b);
          }
        }
        return;
      }
      boolean[] pause = slot.pause;
      for (int s = first; s < c.spanCount(); s++) {
        Instant a = c.spanStart(s);
        Instant b = c.spanEnd(s); // null = open
        if (cut != null) {
          if (b != null && !b.isAfter(cut)) {
            continue;
          }
          if (a.isBefore(cut)) {
            a = cut;
          }
        }
        if (b != null && !a.isBefore(b)) {
          continue;
        }
        if (s == 0 && c.noPauseUntil != null) {
          // Retroactive start without retroactive pause: up to the attach it runs whatever pauses.
          Instant u = min(c.noPauseUntil, b);
          if (a.isBefore(u)) {
            addRunning(sc, a, u);
          }
          if (b != null && !u.isBefore(b)) {
            continue;
          }
          if (u.isAfter(a)) { // always, but after a cut (u is after the span's start)
            a = u;
          }
        }
        // the status and the holds in force at a
        int k = e.statusIndexAt(a);
        int h = hd == null ? 0 : hd.indexAt(a);
        Instant cur = a;
        while (true) {
          Instant ns = k + 1 < e.statusCount ? e.statusAt[k + 1] : null;
          Instant nh = hd != null && h + 1 < hd.n ? hd.at[h + 1] : null;
          Instant segEnd = min(ns, nh);
          Instant end = min(segEnd, b);
          int st = e.statusVal[k];
          boolean running = !pause[st] && (hd == null || !slot.held(hd.val[h], st));
          if (running && (end == null || cur.isBefore(end))) {
            addRunning(sc, cur, end);
          }
          if (end == null || (b != null && !end.isBefore(b)) || segEnd == null) {
            break;
          }
          cur = segEnd;
          if (ns != null && ns.equals(segEnd)) {
            k++;
          }
          if (nh != null && nh.equals(segEnd)) {
            h++;
          }
        }
      }
    }

    private int statusIndexAt(Instant a) {
      return floorIndex(statusAt, statusCount, a);
    }

    /**
     * The state of cycle {@code c} at {@code now} under {@code slot}; {@code pos} is its position
     * in {@link #cycles} (its memo), or -1 for none.
     */
    private Snapshot snapshot(Cycle c, Slot slot, Instant now, boolean full, int pos, Scratch sc) {
      MetricRule rule = slot.rule;
      if (rule == null) {
        throw new java.util.NoSuchElementException("No value present");
      }
      Duration target = slot.target(c.spanStart(0)); // null: measured without a target
      // KEEP_REACHED: a cycle whose breach was kept at a re-target is measured on the stricter of
      // the target it breached under and the one in force (an untargeted cycle keeps nothing), so
      // that its breach is never retracted, every figure of it (deadline, remaining, breached by,
      // percent, levels) agrees with the breach, and it never shows less than a re-measure would.
      Kept kept = target == null ? null : c.keptBreach;
      if (kept != null && kept.target.compareTo(target) < 0) {
        target = kept.target;
      }
      BusinessTime cal = slot.calendar;
      // Only open cycles with a duration target and one targeting period: a stopped one is
      // evaluated once per thread (Scratch.stopped); per-period counting (its calendars and next
      // openings) and due dates depend on more than the memo's key.
      Memo memo = c.open() && periods <= 1 && !slot.dueDated() ? sc.memo(pos) : null;
      // A long open cycle measured before on this thread: only its segments from the cut on.
      Run run = memo == null ? null : memo.run;
      if (run != null && !run.matches(this, c, slot, target)) {
        run = null;
      }
      if (run != null) {
        segments(c, slot, sc, this, run.span, run.cut);
        sc.mixed = false; // one targeting period
      } else {
        segments(c, slot, sc, this, 0, null);
        sc.mixed = periods > 1 && splitPerPeriod(c, slot, sc);
      }
      sc.segmentsDerived += sc.n;
      if (memo != null && !memo.matches(slot, target, sc, run)) {
        memo.reset(slot, target, sc, run);
      }
      // Business time of each closed running segment, computed once and reused by every crossing.
      int n = sc.n;
      Instant[] from = sc.from;
      Instant[] to = sc.to;
      Duration[] dur = sc.dur;
      Duration elapsed = run == null ? Duration.ZERO : run.sum();
      long runningWallSec = run == null ? 0 : run.wallSec; // of the running segments up to now
      long runningWallNano = run == null ? 0 : run.wallNano;
      for (int i = 0; i < n; i++) {
        Instant a = from[i];
        Instant b = to[i];
        Duration d;
        BusinessTime ci = sc.mixed ? sc.cal[i] : cal;
        if (b != null) {
          d = memo != null ? memo.dur[i] : null;
          if (d == null) {
            d = ci.between(a, b);
            if (memo != null) {
              memo.dur[i] = d;
            }
          }
          dur[i] = d;
        } else if (a.isBefore(now)) {
          d = ci.between(a, now);
          b = now;
        } else {
          continue;
        }
        elapsed = i == 0 && run == null ? d : elapsed.plus(d);
        if (full) {
          runningWallSec += b.getEpochSecond() - a.getEpochSecond();
          runningWallNano += b.getNano() - a.getNano();
        }
      }
      Snapshot s = sc.snapshot; // every field is set below
      s.now = now;
      s.target = target;
      s.elapsed = elapsed;
      s.breachedAt = null;
      boolean running = n > 0 && to[n - 1] == null;
      // x: when the running time reached (or, running, will reach) the target; the deadline is x,
      // moved to the next opening under AT_NEXT_OPENING.
      Instant x = target == null ? null : crossing(memo, 0, cal, target, sc, run);
      boolean toOpening = slot.dueDated(); // a due date outside the hours is due at the opening
      Instant deadline;
      if (x == null) {
        deadline = null;
      } else if (memo != null && memo.deadlineKnown) {
        deadline = memo.deadline;
      } else {
        // A target used up exactly as the cycle paused (or stopped, then resumed) is due when it
        // resumes: until then its running time equals the target, as at a deadline.
        Instant due = x;
        int j = run == null ? -1 : java.util.Arrays.binarySearch(run.to, 0, run.m, x);
        if (j >= 0) { // the ends increase strictly: no other segment ends at x
          due = j + 1 < run.m ? run.from[j + 1] : n > 0 ? from[0] : x;
        } else {
          for (int i = 0; i + 1 < n; i++) {
            if (x.equals(to[i])) {
              due = from[i + 1];
              break;
            }
          }
        }
        // PER_PERIOD: the next instant that counts on the calendar in force then, even where the
        // cycle was paused through the periods between (so not only when its running time was
        // mixed). Per-period cycles keep no run: every segment is in from/to.
        if (periods > 1) {
          deadline = closingRule(c, slot, due, toOpening, from, to, n);
        } else if (toOpening || set.closingRule() == ClosingRule.AT_NEXT_OPENING) {
          // due at the next instant that counts: the cycle running and the calendar open (paused
          // at the next opening, it is due when it resumes, as the README's example says)
          deadline = nextCounted(cal, due, run, from, to, n);
        } else {
          deadline = due;
        }
        if (memo != null) {
          memo.deadline = deadline;
          memo.deadlineKnown = true;
        }
      }
      Instant breachedAt = null;
      if (deadline != null && memo != null && memo.breachKnown) {
        breachedAt = memo.breach;
      } else if (deadline != null) {
        boolean atDeadline = set.breachRule() == BreachRule.AT_DEADLINE;
        int j = run == null ? 0 : run.endingAfter(deadline);
        if (j < (run == null ? 0 : run.m)) { // the first segment that ends after the deadline
          Instant a = run.from[j];
          breachedAt = deadline.isBefore(a) ? a : atDeadline ? deadline : deadline.plusNanos(1);
        } else {
          for (int i = 0; i < n; i++) {
            Instant b = to[i];
            if (b == null || deadline.isBefore(b)) {
              Instant a = from[i];
              breachedAt = deadline.isBefore(a) ? a : atDeadline ? deadline : deadline.plusNanos(1);
              break;
            }
          }
        }
        if (memo != null) {
          memo.breach = breachedAt;
          memo.breachKnown = true;
        }
      }
      Instant memoBreach = breachedAt;
      if (target != null && !running && breachedAt == null) {
        // Paused or stopped, not breached: due if it resumed now (paused), or had kept counting
        // from its stop (stopped). A target used up exactly (x known, not breached) is then due at
        // the resume (or the stop), not at the crossing it reached before it paused.
        Instant resumeAt = c.open() ? now : c.spanEnd(c.spanCount() - 1);
        Instant due = plusOrNull(cal, resumeAt, target.minus(elapsed));
        deadline = due == null ? null : closingRule(cal, due, toOpening);
      }
      s.deadline = deadline;
      s.deadlineOpt = null;
      if (memo != null && deadline != null && deadline == memo.deadline) {
        if (memo.deadlineOpt == null) {
          memo.deadlineOpt = Optional.of(deadline);
        }
        s.deadlineOpt = memo.deadlineOpt;
      }
      // The kept breach stands even where the calendar in force now would put it later.
      if (kept != null && (breachedAt == null || kept.at.isBefore(breachedAt))) {
        breachedAt = kept.at;
        s.deadline = kept.deadline;
        s.deadlineOpt = null;
      }
      Instant next = null;
      s.breachedOpt = null;
      if (breachedAt != null && !breachedAt.isAfter(now)) {
        s.breachedAt = breachedAt;
        if (memo != null && breachedAt == memoBreach) {
          if (memo.breachOpt == null) {
            memo.breachOpt = Optional.of(breachedAt);
          }
          s.breachedOpt = memo.breachOpt;
        }
      } else if (breachedAt != null && running) {
        next = breachedAt;
      }
      // Warnings and escalations. A threshold is reached at now iff its crossing instant is <= now,
      // which (business time being monotone) is iff elapsed >= its share of the target: no calendar
      // call needed. Only the first unreached one of a running cycle needs its instant (next
      // timer),
      // and the reached ones only when the evaluation reports them (full).
      int warning = 0;
      List<WarningThreshold> warnings = target == null ? List.of() : rule.warnings();
      WarningReached[] reached = null;
      if (full) {
        if (sc.reached.length < warnings.size()) {
          sc.reached = new WarningReached[warnings.size()];
        }
        reached = sc.reached; // copied out by withKept
      }
      int reachedCount = 0;
      for (int i = 0; i < warnings.size(); i++) {
        int pct = warnings.get(i).percent();
        Duration amount = slot.warningAmount(i, target);
        boolean byTime = elapsed.compareTo(amount) >= 0;
        if (byTime || pct <= c.keptWarning) {
          warning = pct;
          if (full) {
            Instant at =
                byTime ? (pct == 100 ? x : crossing(memo, 1 + i, cal, amount, sc, run)) : null;
            at = earlier(at, keptAt(c.keptWarnings, pct));
            if (at != null) {
              reached[reachedCount++] = new WarningReached(pct, at);
            }
          }
        } else {
          if (running) {
            Instant w = pct == 100 ? x : crossing(memo, 1 + i, cal, amount, sc, run);
            if (w != null) {
              next = earlier(next, w);
            }
          }
          break;
        }
      }
      s.warning = target == null ? 0 : Math.max(warning, c.keptWarning);
      if (!full || target == null) {
        s.warnings = List.of();
      } else if (memo != null && c.keptWarnings == null && c.keptWarning == 0) {
        // Without kept warnings the list is a function of the memo's key and the count reached.
        if (memo.warnList == null || memo.warnCount != reachedCount) {
          memo.warnList = withKept(reached, reachedCount, null);
          memo.warnCount = reachedCount;
        }
        s.warnings = memo.warnList;
      } else {
        s.warnings = withKept(reached, reachedCount, c.keptWarnings);
      }
      EscalationLevel keptLevel = target == null ? null : c.keptEscalation;
      EscalationLevel esc = null;
      List<EscalationLevel> escalations = target == null ? List.of() : rule.escalations();
      for (int i = 0; i < escalations.size(); i++) {
        EscalationLevel l = escalations.get(i);
        Duration amount = slot.escalationAmount(i, target);
        if (elapsed.compareTo(amount) >= 0
            || (keptLevel != null && l.level() <= keptLevel.level())) {
          esc = l;
        } else {
          if (running) {
            Instant e =
                l.percent() == 100
                    ? x
                    : crossing(memo, 1 + warnings.size() + i, cal, amount, sc, run);
            if (e != null) {
              next = earlier(next, e);
            }
          }
          break;
        }
      }
      if (keptLevel != null && (esc == null || keptLevel.level() > esc.level())) {
        esc = keptLevel; // KEEP_REACHED: a level reached before a re-target stays
      }
      s.escalation = esc;
      s.slot = slot;
      s.running = running;
      s.next = running ? next : null;
      if (full) {
        // The spans a run holds ended before its cut, so before now: their wall time in full.
        long wallSec = run == null ? 0 : run.spanWallSec;
        long wallNano = run == null ? 0 : run.spanWallNano;
        for (int k = run == null ? 0 : run.span; k < c.spanCount(); k++) {
          Instant a = c.spanStart(k);
          Instant b = c.spanEnd(k);
          if (b == null || b.isAfter(now)) {
            b = now;
          }
          if (a.isBefore(b)) {
            wallSec += b.getEpochSecond() - a.getEpochSecond();
            wallNano += b.getNano() - a.getNano();
          }
        }
        // Instant's range keeps these sums exact.
        s.wall = Duration.ofSeconds(wallSec, wallNano);
        s.paused = Duration.ofSeconds(wallSec - runningWallSec, wallNano - runningWallNano);
      }
      if (memo != null && sc.n >= 2) {
        advance(memo, run, c, slot, target, sc);
      }
      return s;
    }

    /**
     * After a read of open cycle {@code c} through {@code memo}: moves every running segment but
     * the last into the cycle's {@link Run} ({@code run}, or a new one if the cycle has at least
     * {@link #runFrom} segments), so that the next read derives only the last one and what came
     * after. A short cycle does nothing here.
     */
    private void advance(Memo memo, Run run, Cycle c, Slot slot, Duration target, Scratch sc) {
      int n = sc.n;
      if (n < (run == null ? runFrom : 2)) {
        return; // nothing new before the last segment, or too short to keep a run
      }
      Instant cut = sc.from[n - 1];
      if (cut.isAfter(lastAt)) {
        return; // (never: a segment starts at a span's start, an event or a cut) not yet final
      }
      if (run == null) {
        run = memo.run;
        if (run == null) {
          run = new Run();
          memo.run = run;
        }
        run.start(this, c, slot, target);
      }
      for (int i = 0; i + 1 < n; i++) {
        run.append(sc.from[i], sc.to[i], sc.dur[i]);
      }
      run.cut = cut;
      for (int k = run.span; k < c.spanCount(); k++) {
        Instant a = c.spanStart(k);
        Instant b = c.spanEnd(k);
        if (b == null || !b.isBefore(cut)) {
          break;
        }
        if (a.isBefore(b)) {
          run.spanWallSec += b.getEpochSecond() - a.getEpochSecond();
          run.spanWallNano += b.getNano() - a.getNano();
        }
        run.span = k + 1;
      }
      memo.slot = null; // its results were for the old prefix (its segments differ now anyway)
    }

    /**
     * {@link #nextCounted} for a cycle counted per period ({@link ScheduleRule#PER_PERIOD}) across
     * more than one targeting: under {@link ClosingRule#AT_NEXT_OPENING} (or for a due-date cycle)
     * the deadline moves to the first instant at or after it at which the cycle counts, running
     * (one of the segments {@code from}/{@code to}, the last open if its end is null) and the
     * calendar in force at that instant open. Paused across the next opening, it is due when it
     * resumes, as a cycle of one targeting is. A running segment from whose start no calendar in
     * force opens again is due at that start (the closing rule has no opening to move to). If no
     * segment counts any after {@code deadline}, the next opening after its last running instant on
     * the calendar in force then (an instant no running segment reaches: not breached), or that
     * instant if no calendar in force opens again.
     */
    private Instant closingRule(
        Cycle c,
        Slot slot,
        Instant deadline,
        boolean toOpening,
        Instant[] from,
        Instant[] to,
        int n) {
      if (!toOpening && set.closingRule() != ClosingRule.AT_NEXT_OPENING) {
        return deadline;
      }
      Instant lastEnd = deadline;
      for (int i = 0; i < n; i++) {
        Instant a = from[i];
        Instant b = to[i];
        if (b != null && !b.isAfter(deadline)) {
          continue;
        }
        Instant start = a.isAfter(deadline) ? a : deadline;
        Instant opening = openingPerPeriod(c, slot, start, b);
        if (opening != null) {
          return opening; // its first nanosecond counts within the segment
        }
        if (b == null || openingPerPeriod(c, slot, start, null) == null) {
          // No calendar in force opens again: due as it runs, as a cycle of one targeting is
          // (nextCounted), also when it has stopped since. Only the open segment returned here
          // once, so a cycle breached at its resume was met again when it stopped.
          return start;
        }
        lastEnd = b;
      }
      Instant opening = openingPerPeriod(c, slot, lastEnd, null);
      return opening == null ? lastEnd : opening;
    }

    /**
     * The instant just before the first nanosecond of business time from {@code t} on, before
     * {@code limit} (null: none), on the calendar in force at each instant (the periods' own
     * calendars, walked from the one in force at {@code t}); null if there is none.
     */
    private Instant openingPerPeriod(Cycle c, Slot slot, Instant t, Instant limit) {
      int k = floorIndex(periodAt, periods, t);
      while (true) {
        Slot then = slotOf(periodTg[k], c);
        BusinessTime cal = then != null && then.targeted() ? then.calendar : slot.calendar;
        Instant opening = nextOpening(cal, t);
        Instant next = k + 1 < periods ? periodAt[k + 1] : null;
        Instant bound = next == null ? limit : limit == null || next.isBefore(limit) ? next : limit;
        if (opening != null && (bound == null || opening.isBefore(bound))) {
          return opening;
        }
        if (next == null || (limit != null && !next.isBefore(limit))) {
          return null;
        }
        t = next;
        k++;
      }
    }

    /**
     * The instant just before the first nanosecond of business time the cycle counts from {@code t}
     * on: in its running segments ({@code run}'s, then {@code from}/{@code to}'s, the last open if
     * its end is null) and while {@code cal} is open. If no segment counts any after {@code t} (the
     * cycle paused or stopped since), the next opening after its last running instant, an instant
     * no running segment reaches: not breached.
     */
    private static Instant nextCounted(
        BusinessTime cal, Instant t, Run run, Instant[] from, Instant[] to, int n) {
      Instant lastEnd = t;
      int m = run == null ? 0 : run.m;
      for (int i = 0; i < m + n; i++) {
        Instant a = i < m ? run.from[i] : from[i - m];
        Instant b = i < m ? run.to[i] : to[i - m];
        if (b != null && !b.isAfter(t)) {
          continue;
        }
        Instant start = a.isAfter(t) ? a : t;
        Instant opening = nextOpening(cal, start);
        if (opening == null) {
          return start; // the calendar never opens again
        }
        if (b == null || opening.isBefore(b)) { // its first nanosecond counts within the segment
          return opening;
        }
        lastEnd = b;
      }
      Instant opening = nextOpening(cal, lastEnd);
      return opening == null ? lastEnd : opening;
    }

    /**
     * The instant just before the first nanosecond of business time {@code cal} counts from {@code
     * t} on ({@code t} itself if it is open then), or null if it never opens again.
     */
    private static Instant nextOpening(BusinessTime cal, Instant t) {
      Instant after = plusOrNull(cal, t, ONE_NANO);
      return after == null ? null : after.minusNanos(1);
    }

    /**
     * Under {@link ClosingRule#AT_NEXT_OPENING}, or always if {@code toOpening} (a due-date cycle),
     * a deadline at a close moves to the next opening.
     */
    private Instant closingRule(BusinessTime cal, Instant deadline, boolean toOpening) {
      if (!toOpening && set.closingRule() != ClosingRule.AT_NEXT_OPENING) {
        return deadline;
      }
      // The first instant after the deadline that counts is one nanosecond into the next opening
      // (or just after the deadline itself if the calendar is open then).
      Instant opening = nextOpening(cal, deadline);
      return opening == null ? deadline : opening;
    }
  }

  /** A view of the engine as it is now, to be used at once. */
  private View live() {
    return new View(
        set,
        statusAt,
        statusVal,
        statusCount,
        periodAt,
        periodTg,
        periods,
        rare == null ? null : rare.holds,
        this);
  }

  /**
   * The engine's cycles in order, copied on write once shared: {@link #share} hands an evaluation
   * the array itself, which then reads only its first {@code size()} entries. Appending past them
   * needs no copy; replacing or removing one of them copies the array first.
   *
   * <p>It also keeps the index of the open cycles that {@link ClockEngine#nextTransition} walks:
   * the sorted positions of a superset of the open cycles ({@link #openPositions} drops the closed
   * ones), so that a read costs {@code O(open cycles)}, not {@code O(cycles)}. A cycle becomes open
   * only by being added (its position is listed), by replacing another (listed if open) or by being
   * reopened or resumed in place, which the engine reports ({@link #opened}). Inserting or removing
   * before the end shifts positions: the index is then rebuilt at the next read, in {@code
   * O(cycles)} (rare: undoing a step or a re-attach, a withdrawal at creation). It is built at the
   * first read, so that a clock that is never asked keeps none.
   */
  static final class CycleList {
    private Cycle[] a = new Cycle[8];
    private int n;
    private boolean shared;
    // Sorted, distinct positions below n: every open cycle's position is among them, unless stale.
    // Stale (and null) until the first read: a clock never asked costs no bookkeeping.
    private int[] open;
    private int openCount;
    private boolean stale = true;

    int size() {
      return n;
    }

    Cycle get(int i) {
      java.util.Objects.checkIndex(i, n);
      return a[i];
    }

    /** The array, shared from now on: its first {@code size()} entries are never changed. */
    Cycle[] share() {
      shared = true;
      return a;
    }

    void add(Cycle c) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * n);
        shared = false;
      }
      c.pos = n;
      listOpen(n); // the largest position: appended
      a[n++] = c;
    }

    /** Inserts {@code c} at position {@code i} (an undone {@link ClockEngine#unattach}). */
    void add(int i, Cycle c) {
      java.util.Objects.checkIndex(i, n + 1);
      if (i == n) {
        add(c);
        return;
      }
      unshare();
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * n);
      }
      System.arraycopy(a, i, a, i + 1, n - i);
      a[i] = c;
      n++;
      renumberFrom(i);
      stale = true; // positions shifted
    }

    void set(int i, Cycle c) {
      java.util.Objects.checkIndex(i, n);
      unshare();
      a[i] = c;
      c.pos = i;
      if (c.open()) {
        listOpen(i);
      }
    }

    Cycle remove(int i) {
      java.util.Objects.checkIndex(i, n);
      unshare();
      Cycle c = a[i];
      System.arraycopy(a, i + 1, a, i, n - i - 1);
      a[--n] = null;
      if (i == n) { // the last: no position shifted
        if (openCount > 0 && open[openCount - 1] == i) {
          openCount--;
        }
      } else {
        renumberFrom(i);
        stale = true;
      }
      return c;
    }

    boolean remove(Cycle c) {
      for (int i = 0; i < n; i++) {
        if (a[i] == c) {
          remove(i);
          return true;
        }
      }
      return false;
    }

    /**
     * Notes that listed cycle {@code c} was reopened or resumed in place. Its position is found
     * through its hint ({@link Cycle#pos}), checked, or else by a search.
     */
    void opened(Cycle c) {
      int p = c.pos;
      if (p < 0 || p >= n || a[p] != c) {
        for (p = n - 1; p >= 0 && a[p] != c; p--) {}
        if (p < 0) {
          return; // not listed
        }
        c.pos = p;
      }
      listOpen(p);
    }

    /**
     * The sorted positions of exactly the open cycles, in the first {@link #openCount} entries of
     * the returned array (valid until the list changes): {@code O(open cycles)} plus what was
     * listed since the last call, or {@code O(cycles)} after an insertion or removal before the
     * end.
     */
    int[] openPositions() {
      if (stale) {
        stale = false;
        if (open == null) {
          open = new int[4];
        }
        openCount = 0;
        for (int i = 0; i < n; i++) {
          if (a[i].open()) {
            listOpen(i);
          }
        }
        return open;
      }
      dropClosed();
      return open;
    }

    /** Drops the positions of closed cycles from the open index, keeping its order. */
    private void dropClosed() {
      int k = 0;
      for (int j = 0; j < openCount; j++) {
        int p = open[j];
        if (a[p].open()) {
          open[k++] = p;
        }
      }
      openCount = k;
    }

    int openCount() {
      return openCount;
    }

    /** Lists position {@code p} in the open index, if it is not yet. */
    private void listOpen(int p) {
      if (stale) {
        return; // rebuilt at the next read
      }
      if (openCount == open.length) {
        // Unread, the index would keep every cycle ever started: drop the closed ones, and grow
        // unless that freed half of it, so that the drops cost O(1) amortized per listed cycle.
        dropClosed();
        if (openCount > open.length / 2) {
          open = java.util.Arrays.copyOf(open, 2 * open.length);
        }
      }
      int k = openCount;
      int at;
      if (k == 0 || open[k - 1] < p) {
        at = k; // the common case: the new cycle at the end
      } else {
        at = java.util.Arrays.binarySearch(open, 0, k, p);
        if (at >= 0) {
          return;
        }
        at = -at - 1;
      }
      if (k == open.length) {
        open = java.util.Arrays.copyOf(open, 2 * k);
      }
      System.arraycopy(open, at, open, at + 1, k - at);
      open[at] = p;
      openCount = k + 1;
    }

    private void renumberFrom(int i) {
      for (int j = i; j < n; j++) {
        a[j].pos = j;
      }
    }

    private void unshare() {
      if (shared) {
        a = a.clone();
        shared = false;
      }
    }
  }

  /** KEEP_REACHED: a breach a cycle reached, with the target and deadline it was reached under. */
  private record Kept(Instant at, Duration target, Instant deadline) {}

  /** Per-cycle evaluation scratch. */
  private static final class Snapshot {
    Instant now;
    Duration target;
    Duration elapsed;
    Instant deadline;
    Instant breachedAt;
    // Shared wrappers of deadline and breachedAt (from the memo), or null: wrapped in cycle()
    Optional<Instant> deadlineOpt;
    Optional<Instant> breachedOpt;
    Slot slot;
    boolean running;
    int warning;
    List<WarningReached> warnings;
    EscalationLevel escalation;
    Instant next;
    Duration wall;
    Duration paused;

    MetricCycle cycle(Cycle c, Duration target, String policy) {
      CycleState state;
      if (breachedAt != null) {
        state = CycleState.BREACHED;
      } else if (!c.open()) {
        state = c.cancelled ? CycleState.CANCELLED : CycleState.ACHIEVED;
      } else if (running) {
        state = CycleState.ACTIVE;
      } else {
        state = CycleState.PAUSED;
      }
      Duration remaining = Duration.ZERO;
      Duration over = Duration.ZERO;
      double pct = 0;
      if (target != null) {
        remaining =
            target.compareTo(elapsed) > 0 && state != CycleState.BREACHED
                ? target.minus(elapsed)
                : Duration.ZERO;
        over = elapsed.compareTo(target) > 0 ? elapsed.minus(target) : Duration.ZERO;
        // A zero target (a due date at or before the start) is used up at the start: 100 %, not
        // the NaN or infinity of a division by zero.
        pct = target.isZero() ? 100.0 : 100.0 * seconds(elapsed) / seconds(target);
      }
      return new MetricCycle(
          c.metric,
          c.index,
          c.key,
          state,
          running && c.open(),
          c.spanStart(0),
          c.open() ? Optional.empty() : Optional.of(c.spanEnd(c.spanCount() - 1)),
          slot.targetOpt(target),
          deadlineOpt != null ? deadlineOpt : Optional.ofNullable(deadline),
          breachedOpt != null ? breachedOpt : Optional.ofNullable(breachedAt),
          elapsed,
          wall,
          paused,
          remaining,
          over,
          pct,
          warning,
          warnings,
          slot.escalationOpt(escalation),
          policy);
    }

    private static double seconds(Duration d) {
      return d.getSeconds() + d.getNano() / 1e9;
    }
  }

  /**
   * One cycle: its spans (resumed cycles have several) and, once stopped, frozen targeting. Spans
   * are a flat array of start/end pairs, end null while open; most cycles have one span.
   */
  static final class Cycle {
    final SlaMetric metric;
    // A custom metric's definition index (its slot without a map lookup), else -1.
    final int def;
    final int index;
    final String key;
    // One span (the common case) is start..end, with no array; a resumed cycle's spans are a flat
    // array of exactly its start/end pairs.
    private final Instant start;
    private Instant end;
    private Instant[] spans;
    Targeting frozen;
    boolean cancelled; // stopped without an outcome (abandoned or cut-off call)
    // Retroactive start without retroactive pause: pause statuses before this instant do not pause.
    Instant noPauseUntil;
    // KEEP_REACHED: what the cycle had reached when the targeting last changed (null/0 if none)
    Kept keptBreach;
    int keptWarning;
    List<WarningReached> keptWarnings; // with the instants they were reached; null if none
    EscalationLevel keptEscalation;

    // The cycle's identity across its copies (the audit trail follows it through them).
    final Object id;
    // The engine's capture generation when it made this cycle (or this copy). An older one may be
    // shared by an evaluation (ClockEngine.Captured) and is never changed again: the engine changes
    // a copy that replaces it everywhere (ClockEngine.own).
    int gen;
    // Its position in the engine's CycleList when last placed there: a hint, checked before use.
    int pos = -1;

    Cycle(SlaMetric metric, int def, int index, String key, Instant start) {
      this.metric = metric;
      this.def = def;
      this.index = index;
      this.key = key;
      this.start = start;
      this.id = this;
    }

    private Cycle(Cycle c) {
      this(c, c.index);
    }

    /** An unshared copy with the same identity. */
    Cycle copy() {
      return new Cycle(this);
    }

    /** An unshared copy with the same identity and number {@code index} (call numbering). */
    Cycle renumbered(int index) {
      return new Cycle(this, index);
    }

    private Cycle(Cycle c, int index) {
      this.metric = c.metric;
      this.def = c.def;
      this.index = index;
      this.key = c.key;
      this.start = c.start;
      this.id = c.id;
      this.end = c.end;
      this.spans = c.spans == null ? null : c.spans.clone();
      this.frozen = c.frozen;
      this.cancelled = c.cancelled;
      this.noPauseUntil = c.noPauseUntil;
      this.keptBreach = c.keptBreach;
      this.keptWarning = c.keptWarning;
      this.keptWarnings = c.keptWarnings;
      this.keptEscalation = c.keptEscalation;
    }

    int spanCount() {
      return spans == null ? 1 : spans.length >> 1;
    }

    Instant spanStart(int i) {
      return spans == null ? start : spans[2 * i];
    }

    /** End of span {@code i}, null if open. */
    Instant spanEnd(int i) {
      return spans == null ? end : spans[2 * i + 1];
    }

    boolean open() {
      return spans == null ? end == null : spans[spans.length - 1] == null;
    }

    /**
     * Whether the cycle was open just before {@code t}: a span began before {@code t} and ended at
     * it or later. An update that stops it and resumes it at {@code t} (two writes of the status at
     * one instant, solved then reopened) leaves spans ending and starting at {@code t}, which do
     * not make it a cycle the update started: it still ran up to the update.
     */
    boolean ranUpTo(Instant t) {
      for (int i = spanCount() - 1; i >= 0; i--) {
        Instant e = spanEnd(i);
        if (e != null && e.isBefore(t)) {
          return false; // stopped before t, resumed at it
        }
        if (spanStart(i).isBefore(t)) {
          return true;
        }
      }
      return false; // started at t
    }

    void close(Instant t, Targeting tg) {
      if (spans == null) {
        end = t;
      } else {
        spans[spans.length - 1] = t;
      }
      frozen = tg;
    }

    /** Undoes the last close: the span is open again, without outcome. */
    void reopen() {
      if (spans == null) {
        end = null;
      } else {
        spans[spans.length - 1] = null;
      }
      frozen = null;
      cancelled = false;
    }

    void resume(Instant t) {
      if (open()) {
        return;
      }
      int n = spans == null ? 2 : spans.length;
      spans =
          spans == null
              ? new Instant[] {start, end, t, null}
              : java.util.Arrays.copyOf(spans, n + 2);
      spans[n] = t;
      frozen = null;
      cancelled = false;
    }
  }

  /** Returns a debugging view of the cycles (metric -&gt; count). */
  @Override
  public String toString() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < cycles.size(); i++) {
      m.merge(cycles.get(i).metric.toString(), 1, Integer::sum);
    }
    return "ClockEngine[" + ticketId + ", status=" + status + ", cycles=" + m + "]";
  }
}
