package dev.servicekit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import dev.servicekit.kpi.internal.Millis;
import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.SnapshotFrame;
import dev.servicekit.kpi.internal.Utf16;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * One KPI grouped by any dimensions and windowed: per group an accumulator per tumbling window
 * ({@link WindowSpec}) plus an all-time accumulator; sliding windows are merged from the tumbling
 * panes ({@link #range(Object, Instant, Instant)}).
 *
 * <p><b>Groups</b>: {@code G} is any value type with equality, typically a record such as {@code
 * record TeamChannel(String team, String channel)}; one {@code WindowedKpi} per grouping set, or
 * {@link #total(Instant)} to roll groups up.
 *
 * <p><b>Late events</b>: the watermark is the latest event time seen (or set by {@link
 * #advanceWatermark(Instant)}); it never goes back. A window {@code [start, end)} stays open while
 * {@code end + allowedLateness > watermark}: an event for an open window is added to it however
 * late it arrives. An event whose window is already closed is not added to any window but is
 * counted in {@link #droppedLate()} and still added to its group's all-time accumulator, which
 * never closes. Closed windows stay readable until {@link #evictClosed()} removes and returns them
 * (to emit or store them), which bounds memory to the open windows.
 *
 * <p><b>Rejected events</b>: event times lie in {@code [1900-01-01T00:00:00Z,
 * 2300-01-01T00:00:00Z)} ({@link #SUPPORTED_START}, {@link #SUPPORTED_END}), as every instant of
 * servicekit, so that one mis-stamped event (the year 2999) cannot move the watermark so far that
 * every later event is late; others are rejected with an {@link IllegalArgumentException} naming
 * {@code eventTime}. An event whose update throws (e.g. a negative duration) is rejected as a
 * whole: the update is applied to the all-time accumulator first and, only if that succeeds, to the
 * window; the watermark, the group, the window and the dropped-late count change only after both
 * succeeded. If the window refuses what the all-time accepted (a retraction of a value that only
 * another window holds), the all-time accumulator is restored for every accumulator of this package
 * but {@link DrillDownSample} (without allocating, but for {@link PercentileAccumulator}, whose
 * changes are undone by their inverses: a rebuilt store per retraction, a copy of the sketch before
 * a merge); an accumulator of your own must reject the same input for both. An update must not call
 * back into its table (refused with an {@link IllegalStateException}).
 *
 * <p>{@code record} is O(1) expected for events in the same window as the group's previous event
 * (cached, allocation-free with a non-capturing method reference), O(log windows) otherwise. Not
 * thread-safe; wrap per-partition instances, or guard externally.
 *
 * @param <G> the group key
 * @param <A> the accumulator
 */
public final class WindowedKpi<G, A extends KpiAccumulator<A, ?>> {

  /**
   * The first event time {@link #record(Object, Instant, Consumer) record} and {@link
   * #advanceWatermark(Instant)} accept, {@code 1900-01-01T00:00:00Z}, as sla-core's calendars and
   * qa-core's evaluations.
   */
  public static final Instant SUPPORTED_START = Instant.parse("1900-01-01T00:00:00Z");

  /** The end (exclusive) of the accepted event times, {@code 2300-01-01T00:00:00Z}. */
  public static final Instant SUPPORTED_END = Instant.parse("2300-01-01T00:00:00Z");

  private static final long START_MILLIS = SUPPORTED_START.toEpochMilli();
  private static final long END_MILLIS = SUPPORTED_END.toEpochMilli();

  static final String WINDOWS_FORMAT = "servicekit-kpi-windows";
  static final int WINDOWS_KIND = 200;
  static final String WINDOWS_KIND_NAME = "windowTable";

  private final Supplier<A> factory;
  private final WindowSpec spec;
  private final long latenessMillis;
  private final Map<G, GroupState<A>> groups = new HashMap<>();
  private long watermark = Long.MIN_VALUE;
  private long droppedLate;

  private static final class GroupState<A> {
    final TreeMap<Long, A> windows = new TreeMap<>();
    A allTime; // replaced only by merge, which builds the merged state before installing it
    long cachedStart = Long.MAX_VALUE;
    long cachedEnd = Long.MIN_VALUE;
    A cached;

    GroupState(A allTime) {
      this.allTime = allTime;
    }
  }

  private WindowedKpi(Supplier<A> factory, WindowSpec spec, long latenessMillis) {
    this.factory = factory;
    this.spec = spec;
    this.latenessMillis = latenessMillis;
  }

  /**
   * Creates an empty windowed KPI.
   *
   * @param factory creates an empty accumulator, e.g. {@code NpsAccumulator::create}
   * @param spec the tumbling windows
   * @param allowedLateness how long after a window's end it still accepts events, {@code >= 0} and
   *     at most {@code Long.MAX_VALUE} ms ({@code Duration.ofMillis(Long.MAX_VALUE)}: windows never
   *     close); truncated to milliseconds
   * @param <G> the group key type
   * @param <A> the accumulator type
   * @return a new windowed KPI
   * @throws IllegalArgumentException if {@code allowedLateness} is negative or longer than {@code
   *     Long.MAX_VALUE} ms (such as {@link java.time.temporal.ChronoUnit#FOREVER})
   */
  public static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> create(
      Supplier<A> factory, WindowSpec spec, Duration allowedLateness) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    return new WindowedKpi<>(factory, spec, Millis.nonNegative(allowedLateness, "allowedLateness"));
  }

  /**
   * Returns the window spec.
   *
   * @return the spec
   */
  public WindowSpec spec() {
    return spec;
  }

  private GroupState<A> group(G group) {
    GroupState<A> g = groups.get(Objects.requireNonNull(group, "group"));
    if (g == null) {
      checkNewGroup(group);
      g = new GroupState<>(factory.get());
      groups.put(group, g);
    }
    return g;
  }

  /** {@code a + b} for {@code b >= 0}, saturating at {@code Long.MAX_VALUE}. */
  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  /** Epoch milliseconds of an instant, clamped to the long range: for lookups by bound. */
  private static long clampedMillis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The least epoch millisecond at or after {@code t}, clamped to the long range: for a bound that
   * whole-millisecond keys must reach, such as {@link #range}'s.
   */
  private static long ceilMillis(Instant t) {
    long m = clampedMillis(t);
    boolean clamped = m == Long.MIN_VALUE || m == Long.MAX_VALUE;
    return clamped || t.getNano() % 1_000_000 == 0 ? m : m + 1;
  }

  /**
   * Checks an event time as {@link #record} does: for engines that window records outside a table
   * (the Flink and Kafka Streams adapters), so that they accept exactly the times a table accepts.
   *
   * @param eventTime the event time
   * @return {@code eventTime}
   * @throws IllegalArgumentException if it is outside {@code [SUPPORTED_START, SUPPORTED_END)},
   *     naming {@code eventTime}, the time and the range
   */
  public static Instant requireEventTime(Instant eventTime) {
    eventMillis(eventTime, "eventTime");
    return eventTime;
  }

  /**
   * Checks a {@code String} group against the blank-key rule as {@link #record} does: for engines
   * that key records outside a table (the Flink and Kafka Streams adapters), so that a record whose
   * group is a missing field is rejected there as here instead of pooling every such record into
   * one nameless group. It checks blankness only (for text read back from an engine's state);
   * {@link #requireGroup} checks a record's group as {@link #record} does, unpaired surrogates
   * included. O(length).
   *
   * @param group the group, not null
   * @return {@code group}
   * @throws IllegalArgumentException if it is blank (empty, or only spaces, no-break ones included,
   *     and invisible format characters), naming {@code group}, an escaped excerpt and the rule:
   *     {@code group ' ' must not be blank (empty, or only spaces and invisible format characters)}
   */
  public static String requireNonBlankGroup(String group) {
    Objects.requireNonNull(group, "group");
    if (KeyText.blank(group)) {
      throw new IllegalArgumentException(KeyText.problem("group", group));
    }
    return group;
  }

  /**
   * Checks a {@code String} group as {@link #record} checks a new one: not blank ({@link
   * #requireNonBlankGroup}), then well-formed UTF-16 (no unpaired surrogate, which no snapshot can
   * store). For engines that key records outside a table (the Flink and Kafka Streams adapters), so
   * that they refuse exactly the groups a table refuses, in the same order and words. O(length).
   *
   * @param group the group, not null
   * @return {@code group}
   * @throws IllegalArgumentException if it is blank, with {@link #requireNonBlankGroup}'s message,
   *     or has an unpaired surrogate, naming {@code group}, an escaped excerpt, the index and the
   *     rule: {@code group '\\ud800' has an unpaired surrogate at index 0 but must be well-formed
   *     UTF-16 (snapshots store it as UTF-8)}
   */
  public static String requireGroup(String group) {
    Objects.requireNonNull(group, "group");
    return KeyText.require(group, "group");
  }

  /** Epoch milliseconds of an event time, or a rejection naming the field. */
  private static long eventMillis(Instant t, String field) {
    return supportedMillis(
        t, field, ": a mis-stamped event would move the watermark and make every later event late");
  }

  /**
   * Epoch milliseconds of an instant in {@code [SUPPORTED_START, SUPPORTED_END)}, or a rejection
   * naming the field, the instant, the range and why ({@code because}, appended): the one rule for
   * every instant kpi-core keeps ({@link RepeatContactTracker} too).
   */
  static long supportedMillis(Instant t, String field, String because) {
    Objects.requireNonNull(t, field);
    if (t.isBefore(SUPPORTED_START) || !t.isBefore(SUPPORTED_END)) {
      throw new IllegalArgumentException(outOfRange(field, t) + because);
    }
    return t.toEpochMilli();
  }

  /** Whether {@code t} is in {@code [SUPPORTED_START, SUPPORTED_END)}. */
  static boolean supported(Instant t) {
    return !t.isBefore(SUPPORTED_START) && t.isBefore(SUPPORTED_END);
  }

  /** The rule's message for {@code t} in {@code field}, without the reason. */
  static String outOfRange(String field, Object t) {
    return field + " " + t + " " + SUPPORTED_RULE;
  }

  /** The range rule, as the messages state it. */
  static final String SUPPORTED_RULE =
      "must be in [" + SUPPORTED_START + ", " + SUPPORTED_END + "), as every instant of servicekit";

  /**
   * Why a restored window is refused if it holds no event time a table accepts, or null if it holds
   * one: a window that {@link #record} could never have filled (one of the year 2999) would never
   * close under a watermark, which stays below {@link #SUPPORTED_END}, so it would stay in the
   * table, unevicted, for good. {@code start} is a window boundary of {@code spec}.
   */
  private static String unrecordableWindow(WindowSpec spec, Instant start) {
    if (start.isBefore(SUPPORTED_END) && spec.end(start).isAfter(SUPPORTED_START)) {
      return null;
    }
    return "start "
        + start
        + " is the start of a window holding no event time a table accepts, which are in ["
        + SUPPORTED_START
        + ", "
        + SUPPORTED_END
        + ")";
  }

  /** Whether a restored watermark is none ({@code Long.MIN_VALUE}) or an accepted event time. */
  private static boolean restorableWatermark(long wm) {
    return wm == Long.MIN_VALUE || (wm >= START_MILLIS && wm < END_MILLIS);
  }

  /**
   * Refuses a new group that is blank text (a missing field, which would pool every record that
   * lacks it) or text no snapshot can store: a {@code String} with an unpaired surrogate (a {@link
   * GroupKey} is checked when it is built). Other key types are checked as their key writer's text
   * when a snapshot is written.
   */
  private static void checkNewGroup(Object group) {
    if (group instanceof String s) {
      KeyText.require(s, "group");
    }
  }

  /** Whether a window ending at {@code end} still accepts events at watermark {@code wm}. */
  private boolean open(long end, long wm) {
    return saturatedAdd(end, latenessMillis) > wm;
  }

  // The pending event between prepare() and commit(): fields rather than an object, so that
  // recording stays allocation-free. An update must not call back into this table.
  private GroupState<A> pendingGroup;
  private boolean pendingNewGroup;
  private A pendingWindow;
  private boolean pendingNewWindow;
  private boolean pendingCacheHit;
  private long pendingStart;
  private long pendingEnd;
  private long pendingWatermark;
  private long pendingDropped;

  /** Finds the event's group and window without changing anything; see the class javadoc. */
  private void prepare(G group, Instant eventTime) {
    Objects.requireNonNull(group, "group");
    long t = eventMillis(eventTime, "eventTime");
    GroupState<A> g = groups.get(group);
    pendingNewGroup = g == null;
    if (g == null) {
      checkNewGroup(group);
      g = new GroupState<>(factory.get());
    }
    pendingGroup = g;
    long wm = Math.max(watermark, t);
    pendingWatermark = wm;
    A w = null;
    pendingNewWindow = false;
    pendingCacheHit = t >= g.cachedStart && t < g.cachedEnd;
    if (pendingCacheHit) {
      if (open(g.cachedEnd, wm)) {
        w = g.cached;
      }
    } else {
      Instant start = spec.start(eventTime, "eventTime"); // fits a long, else rejected
      pendingStart = start.toEpochMilli();
      pendingEnd = clampedMillis(spec.end(start));
      if (open(pendingEnd, wm)) {
        w = g.windows.get(pendingStart);
        if (w == null) {
          w = factory.get();
          pendingNewWindow = true;
        }
      }
    }
    pendingWindow = w;
    pendingDropped = w == null ? Overflow.add(droppedLate, 1, "dropped-late count") : droppedLate;
  }

  // The all-time accumulator's state before an update, for built-in kinds (StateCopies): an update
  // the all-time accepts but the window refuses (a retraction of what another window holds) is
  // undone without allocating. Created once, by the factory.
  private A undo;

  private boolean saveUndo(A all) {
    if (undo == null) {
      undo = factory.get();
    }
    return StateCopies.save(all, undo);
  }

  // The window accumulator's state before an update: an update that fails part-way in the window
  // (its first call accepted, a later one refused) is undone there too.
  private A undoWindow;

  private boolean saveUndoWindow(A w) {
    if (undoWindow == null) {
      undoWindow = factory.get();
    }
    return StateCopies.save(w, undoWindow);
  }

  /** Applies the pending event once its update succeeded. */
  private boolean commit(G group) {
    GroupState<A> g = pendingGroup;
    A w = pendingWindow;
    pendingGroup = null;
    pendingWindow = null;
    watermark = pendingWatermark;
    droppedLate = pendingDropped;
    if (pendingNewGroup) {
      groups.put(group, g);
    }
    if (pendingNewWindow) {
      g.windows.put(pendingStart, w);
    }
    if (w != null && !pendingCacheHit) {
      g.cachedStart = pendingStart;
      g.cachedEnd = pendingEnd;
      g.cached = w;
    }
    return w != null;
  }

  /**
   * Records an event. O(1) expected.
   *
   * @param group the group
   * @param eventTime when the event happened (not when it arrived)
   * @param update the update, applied to the all-time and then the window's accumulator
   * @return {@code false} if the window was closed and the event counted in {@link #droppedLate()}
   * @throws IllegalArgumentException if the event time is out of range, the group is new and a
   *     {@code String} that is blank (empty, or only spaces and invisible format characters) or has
   *     an unpaired surrogate (no snapshot could store it), or the update rejects the event;
   *     nothing changed then (an update that throws after it changed an accumulator, such as two
   *     calls of which the second is refused, is undone for every built-in accumulator but {@link
   *     DrillDownSample}, whose state is not saved: give it an update that throws before it changes
   *     anything, as each of its methods does)
   * @throws ArithmeticException if the update overflows a count or sum of the accumulators, or the
   *     dropped-late count would overflow; nothing changed then
   * @throws IllegalStateException if called from an update of this table (as are {@link
   *     #advanceWatermark}, {@link #merge} and {@link #evictClosed}); the calling update is then
   *     refused as a whole if it lets this propagate. Whatever else an update throws, an {@link
   *     Error} included, is rethrown after the update is undone as above
   */
  public boolean record(G group, Instant eventTime, Consumer<A> update) {
    Objects.requireNonNull(update, "update");
    return apply(group, eventTime, update, null, null, 0);
  }

  /**
   * Records an event with an int argument, e.g. {@code recordInt(team, t, NpsAccumulator::add, 9)}.
   * Allocation-free in the steady state.
   *
   * @param group the group
   * @param eventTime when the event happened
   * @param update the update
   * @param value its argument
   * @return {@code false} if dropped as late
   * @throws IllegalArgumentException as {@link #record(Object, Instant, Consumer)}
   * @throws ArithmeticException as {@link #record(Object, Instant, Consumer)}
   * @throws IllegalStateException as {@link #record(Object, Instant, Consumer)}
   */
  public boolean recordInt(G group, Instant eventTime, ObjIntConsumer<A> update, int value) {
    Objects.requireNonNull(update, "update");
    return apply(group, eventTime, null, update, null, value);
  }

  /**
   * Records an event with a long argument, e.g. {@code recordLong(agent, t,
   * DurationAccumulator::addMillis, 1200)}.
   *
   * @param group the group
   * @param eventTime when the event happened
   * @param update the update
   * @param value its argument
   * @return {@code false} if dropped as late
   * @throws IllegalArgumentException as {@link #record(Object, Instant, Consumer)}
   * @throws ArithmeticException as {@link #record(Object, Instant, Consumer)}
   * @throws IllegalStateException as {@link #record(Object, Instant, Consumer)}
   */
  public boolean recordLong(G group, Instant eventTime, ObjLongConsumer<A> update, long value) {
    Objects.requireNonNull(update, "update");
    return apply(group, eventTime, null, null, update, value);
  }

  /**
   * The body of {@link #record}, {@link #recordInt} and {@link #recordLong}: the one update given
   * (the others null; {@code value} the int or long argument) to the all-time accumulator, then to
   * the window; an update that throws part-way is undone on both (see {@link #record}). No lambda
   * is made, so the int and long forms stay allocation-free.
   */
  private boolean apply(
      G group,
      Instant eventTime,
      Consumer<A> update,
      ObjIntConsumer<A> intUpdate,
      ObjLongConsumer<A> longUpdate,
      long value) {
    requireNotUpdating("record");
    updating = true;
    try {
      return applyOnce(group, eventTime, update, intUpdate, longUpdate, value);
    } finally {
      updating = false;
    }
  }

  // Set while an update runs: one that called back into this table would overwrite the pending
  // event (and the undo state) of the update that called it.
  private boolean updating;

  private void requireNotUpdating(String method) {
    if (updating) {
      throw new IllegalStateException(
          method
              + " was called from an update: an update must not call back into its WindowedKpi"
              + " (record, advanceWatermark, merge, evictClosed), whose event is still pending");
    }
  }

  private boolean applyOnce(
      G group,
      Instant eventTime,
      Consumer<A> update,
      ObjIntConsumer<A> intUpdate,
      ObjLongConsumer<A> longUpdate,
      long value) {
    prepare(group, eventTime);
    A w = pendingWindow;
    A all = pendingGroup.allTime;
    // saved also for a late event: an update that fails part-way (two calls, the second
    // refused) must not leave the all-time accumulator half-changed either. Whatever it throws
    // (an Error, or a checked exception thrown sneakily, too) is undone: a percentile's journal
    // left on would otherwise note every later change of an evicted window.
    boolean undoable = saveUndo(all);
    try {
      call(all, update, intUpdate, longUpdate, value);
    } catch (Throwable e) {
      if (undoable) {
        StateCopies.restore(undo, all);
      }
      throw e;
    }
    if (w != null) {
      boolean windowUndoable = saveUndoWindow(w);
      try {
        call(w, update, intUpdate, longUpdate, value);
      } catch (Throwable e) {
        if (windowUndoable) {
          StateCopies.restore(undoWindow, w); // refused part-way
        }
        if (undoable) {
          StateCopies.restore(undo, all); // the all-time accepted what the window refused
        }
        throw e;
      }
      StateCopies.release(w);
    }
    StateCopies.release(all);
    return commit(group);
  }

  private static <A> void call(
      A a,
      Consumer<A> update,
      ObjIntConsumer<A> intUpdate,
      ObjLongConsumer<A> longUpdate,
      long value) {
    if (update != null) {
      update.accept(a);
    } else if (intUpdate != null) {
      intUpdate.accept(a, (int) value);
    } else {
      longUpdate.accept(a, value);
    }
  }

  /**
   * Moves the watermark forward (e.g. on a clock tick when no events arrive). O(1).
   *
   * @param time the new watermark; ignored if earlier than the current one
   * @throws IllegalArgumentException if {@code time} is outside {@code [SUPPORTED_START,
   *     SUPPORTED_END)}
   * @throws IllegalStateException if called from an update of this table
   */
  public void advanceWatermark(Instant time) {
    requireNotUpdating("advanceWatermark");
    watermark = Math.max(watermark, eventMillis(time, "time"));
  }

  /**
   * Returns the watermark, to the millisecond (window ends are whole milliseconds, so no window
   * closes differently for the part cut off).
   *
   * @return the latest event time seen or set, truncated to whole milliseconds; empty before any
   */
  public Optional<Instant> watermark() {
    return watermark == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(watermark));
  }

  /**
   * Returns the number of events that arrived after their window closed (added to all-time only).
   *
   * @return the count
   */
  public long droppedLate() {
    return droppedLate;
  }

  /**
   * Returns the groups seen.
   *
   * @return an unmodifiable view
   */
  public Set<G> groups() {
    return Collections.unmodifiableSet(groups.keySet());
  }

  /**
   * Returns a copy of a group's window accumulator. O(log windows).
   *
   * @param group the group
   * @param windowStart the window start (see {@link WindowSpec#start(Instant)})
   * @return a copy, empty if the group has no events in that window (or it was evicted)
   * @throws IllegalArgumentException if {@code windowStart} is not the start of a window of this
   *     table's {@link #spec()} (an event time passed as it is, say), naming the start of the
   *     window that holds it: no window starts there, so the answer would always be empty
   */
  public Optional<A> window(G group, Instant windowStart) {
    long start = windowStartMillis(windowStart);
    GroupState<A> g = groups.get(Objects.requireNonNull(group, "group"));
    if (g == null) {
      return Optional.empty();
    }
    A a = g.windows.get(start);
    return a == null ? Optional.empty() : Optional.of(a.copy());
  }

  /**
   * The epoch milliseconds of {@code windowStart}, which must be a window start of the spec: an
   * instant inside a window matches no window, and reading it as "no events" would hide the slip.
   */
  private long windowStartMillis(Instant windowStart) {
    Instant start = spec.start(windowStart, "windowStart");
    if (!start.equals(windowStart)) {
      throw new IllegalArgumentException(
          "windowStart "
              + windowStart
              + " is not the start of a "
              + spec.unit()
              + " window in "
              + spec.zone()
              + ": the window holding it starts at "
              + start
              + " (spec().start(time) gives a window's start)");
    }
    return start.toEpochMilli();
  }

  /**
   * Returns a sliding window: the merge of a group's retained panes whose start lies in {@code
   * [from, to)} (e.g. the last 7 day panes, or a rolling 24 hours of hour panes). O(panes).
   *
   * @param group the group
   * @param from inclusive lower bound on pane starts
   * @param to exclusive upper bound on pane starts, not before {@code from} ({@code from} itself
   *     gives an empty range)
   * @return a new accumulator (empty if no panes)
   * @throws IllegalArgumentException if {@code to} is before {@code from}, naming both
   */
  public A range(G group, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(group, "group");
    if (to.isBefore(from)) {
      // swapped arguments would otherwise read as "no events", hiding the slip
      throw new IllegalArgumentException(
          "to "
              + to
              + " must not be before from "
              + from
              + ": a range selects the panes starting in [from, to)");
    }
    A out = factory.get();
    GroupState<A> g = groups.get(group);
    if (g != null) {
      // a pane start is a whole millisecond: it lies in [from, to) exactly when it lies in
      // [ceil(from), ceil(to)) in milliseconds; truncating a sub-millisecond bound took a pane
      // starting just before from and dropped one starting just before to
      long f = ceilMillis(from);
      long t = ceilMillis(to);
      // clamping and rounding up keep f <= t
      for (A a : g.windows.subMap(f, t).values()) {
        out.merge(a);
      }
    }
    return out;
  }

  /**
   * Returns a copy of a group's all-time accumulator (every event ever recorded, late ones
   * included). O(merge).
   *
   * @param group the group
   * @return a copy (empty if the group is unknown)
   */
  public A allTime(G group) {
    GroupState<A> g = groups.get(Objects.requireNonNull(group, "group"));
    return g == null ? factory.get() : g.allTime.copy();
  }

  /**
   * Returns the roll-up over all groups of one window. O(groups).
   *
   * @param windowStart the window start
   * @return a new accumulator
   * @throws IllegalArgumentException if {@code windowStart} is not the start of a window of this
   *     table's {@link #spec()}, as {@link #window(Object, Instant)}
   */
  public A total(Instant windowStart) {
    long s = windowStartMillis(windowStart);
    A out = factory.get();
    for (GroupState<A> g : groups.values()) {
      A a = g.windows.get(s);
      if (a != null) {
        out.merge(a);
      }
    }
    return out;
  }

  /**
   * Returns a new table whose groups are the projections of this table's groups (e.g. agent-level
   * keys to team keys), merging the windows and all-time accumulators that map to the same key; the
   * watermark and dropped-late count carry over. This table is unchanged. O(state size).
   *
   * @param projection maps a group to its coarser group, e.g. {@code k -> k.only(Set.of("team"))}
   * @param <H> the coarser group type
   * @return the rolled-up table
   * @throws IllegalArgumentException if the projection gives a {@code String} group that is blank
   *     or has an unpaired surrogate, as {@link #record} refuses it
   */
  public <H> WindowedKpi<H, A> rollUp(Function<? super G, ? extends H> projection) {
    Objects.requireNonNull(projection, "projection");
    WindowedKpi<H, A> out = new WindowedKpi<>(factory, spec, latenessMillis);
    out.watermark = watermark;
    out.droppedLate = droppedLate;
    for (Map.Entry<G, GroupState<A>> e : groups.entrySet()) {
      H key = Objects.requireNonNull(projection.apply(e.getKey()), "projection result");
      checkNewGroup(key);
      GroupState<A> target = out.group(key);
      target.allTime.merge(e.getValue().allTime);
      for (Map.Entry<Long, A> w : e.getValue().windows.entrySet()) {
        A acc = target.windows.get(w.getKey());
        if (acc == null) {
          acc = factory.get();
          target.windows.put(w.getKey(), acc);
        }
        acc.merge(w.getValue());
      }
    }
    return out;
  }

  /**
   * Merges another shard's table into this one, window by window: each of its windows (closed or
   * not) is merged into this table's window of the same group and start, its all-time accumulators
   * into this table's, the watermark becomes the later of the two, and the dropped-late counts add
   * up. Unlike re-recording the other shard's data, nothing is dropped as late: a window already
   * closed here still receives the other shard's part. So shards that each saw their events in time
   * order merge into exactly what one node fed all events in time order would hold, at any allowed
   * lateness. Merge before {@link #evictClosed() evicting}: an evicted window comes back holding
   * only the other shard's part. {@code other} is unchanged; this table is unchanged if the merge
   * throws. O(other's state).
   *
   * @param other a table with the same window spec and accumulators of the same configuration
   * @throws IllegalArgumentException if the window specs differ or accumulators cannot merge
   * @throws ArithmeticException if the dropped-late count, or a count or sum of a merged
   *     accumulator, would overflow a {@code long}; nothing changed then
   * @throws IllegalStateException if called from an update of this table
   */
  public void merge(WindowedKpi<G, A> other) {
    Objects.requireNonNull(other, "other");
    requireNotUpdating("merge");
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a table into itself");
    }
    if (!spec.equals(other.spec)) {
      throw new IllegalArgumentException(
          "cannot merge windows of " + other.spec + " into windows of " + spec);
    }
    long dropped = Overflow.add(droppedLate, other.droppedLate, "dropped-late count");
    // Build every merged accumulator on copies first, then install them: validate, then apply.
    Map<G, A> allTimes = new HashMap<>();
    Map<G, Map<Long, A>> windowsByGroup = new HashMap<>();
    for (Map.Entry<G, GroupState<A>> e : other.groups.entrySet()) {
      GroupState<A> mine = groups.get(e.getKey());
      A all = mine == null ? factory.get() : mine.allTime.copy();
      all.merge(e.getValue().allTime);
      allTimes.put(e.getKey(), all);
      Map<Long, A> ws = new HashMap<>();
      for (Map.Entry<Long, A> w : e.getValue().windows.entrySet()) {
        A base = mine == null ? null : mine.windows.get(w.getKey());
        A merged = base == null ? factory.get() : base.copy();
        merged.merge(w.getValue());
        ws.put(w.getKey(), merged);
      }
      windowsByGroup.put(e.getKey(), ws);
    }
    for (Map.Entry<G, A> e : allTimes.entrySet()) {
      GroupState<A> g = groups.get(e.getKey());
      if (g == null) {
        g = new GroupState<>(e.getValue());
        groups.put(e.getKey(), g);
      } else {
        g.allTime = e.getValue();
      }
      g.windows.putAll(windowsByGroup.get(e.getKey()));
      g.cached = null; // the cached window may have been replaced
      g.cachedStart = Long.MAX_VALUE;
      g.cachedEnd = Long.MIN_VALUE;
    }
    watermark = Math.max(watermark, other.watermark);
    droppedLate = dropped;
  }

  /**
   * Removes and returns every closed window (end + allowed lateness &le; watermark). O(windows).
   *
   * @return closed windows by group and window start, in no particular group order
   * @throws IllegalStateException if called from an update of this table
   */
  public List<ClosedWindow<G, A>> evictClosed() {
    requireNotUpdating("evictClosed");
    List<ClosedWindow<G, A>> out = new ArrayList<>();
    for (Map.Entry<G, GroupState<A>> e : groups.entrySet()) {
      GroupState<A> g = e.getValue();
      var it = g.windows.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Long, A> w = it.next();
        Instant start = Instant.ofEpochMilli(w.getKey());
        Instant end = spec.end(start);
        if (open(clampedMillis(end), watermark)) {
          break;
        }
        out.add(new ClosedWindow<>(e.getKey(), start, end, w.getValue()));
        it.remove();
        if (g.cached == w.getValue()) {
          g.cached = null;
          g.cachedStart = Long.MAX_VALUE;
          g.cachedEnd = Long.MIN_VALUE;
        }
      }
    }
    return out;
  }

  /**
   * Returns copies of all retained windows of a group, by start.
   *
   * @param group the group
   * @return an ordered map of copies
   */
  public Map<Instant, A> windows(G group) {
    Map<Instant, A> out = new LinkedHashMap<>();
    GroupState<A> g = groups.get(Objects.requireNonNull(group, "group"));
    if (g != null) {
      g.windows.forEach((s, a) -> out.put(Instant.ofEpochMilli(s), a.copy()));
    }
    return out;
  }

  /**
   * The key writer's text of every group, in the order of {@code groups}, each one checked to be
   * written and read back losslessly: no unpaired surrogate (UTF-8 has none, and Java's encoder
   * would silently write {@code '?'}), and no text given to two groups (the snapshot could not be
   * restored).
   */
  private List<String> keyTexts(Function<? super G, String> keyWriter) {
    List<String> out = new ArrayList<>(groups.size());
    Map<String, Integer> seen = new HashMap<>();
    for (G group : groups.keySet()) {
      int i = out.size();
      String text = Objects.requireNonNull(keyWriter.apply(group), "keyWriter result");
      int bad = Utf16.unpairedSurrogate(text);
      if (bad >= 0) {
        throw new IllegalArgumentException(
            Utf16.problem("groups[" + i + "].key", text, bad)
                + ": the key writer must write every key losslessly");
      }
      Integer earlier = seen.put(text, i);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "groups["
                + i
                + "].key '"
                + Excerpt.of(text)
                + "' is also the text of groups["
                + earlier
                + "].key: the key writer must write distinct groups as distinct text");
      }
      out.add(text);
    }
    return out;
  }

  /**
   * Checkpoints the whole table (spec, lateness, watermark, dropped-late count, every group's
   * all-time and retained windows) as JSON: {@code {"format":"servicekit-kpi-windows","version":2,
   * ..., "groups":[{"key":...,"allTime":{snapshot},"windows":[{"start":...,"accumulator":
   * {snapshot}}]}],"crc32c":...}} with accumulator snapshots as in {@link KpiSnapshots}. O(state
   * size).
   *
   * @param keyWriter encodes a group key as a string (e.g. {@code TeamChannel::toString} paired
   *     with a parser)
   * @return the JSON text
   * @throws IllegalArgumentException naming the group's index if the key writer gives a key text
   *     with an unpaired surrogate, or the same text for two groups; the table is unchanged
   */
  public String toJson(Function<? super G, String> keyWriter) {
    Objects.requireNonNull(keyWriter, "keyWriter");
    ObjectNode root = KpiSnapshots.mapper().createObjectNode();
    root.put("format", WINDOWS_FORMAT);
    root.put("version", KpiSnapshots.FORMAT_VERSION);
    root.put("unit", spec.unit().name());
    root.put("zone", spec.zone().getId());
    root.put("firstDayOfWeek", spec.firstDayOfWeek().name());
    root.put("allowedLatenessMillis", latenessMillis);
    if (watermark == Long.MIN_VALUE) {
      root.putNull("watermarkMillis");
    } else {
      root.put("watermarkMillis", watermark);
    }
    root.put("droppedLate", droppedLate);
    ArrayNode groupsNode = root.putArray("groups");
    List<String> keys = keyTexts(keyWriter);
    int i = 0;
    for (Map.Entry<G, GroupState<A>> e : groups.entrySet()) {
      ObjectNode g = groupsNode.addObject();
      g.put("key", keys.get(i++));
      g.set("allTime", KpiSnapshots.toTree(e.getValue().allTime));
      ArrayNode ws = g.putArray("windows");
      for (Map.Entry<Long, A> w : e.getValue().windows.entrySet()) {
        ObjectNode wn = ws.addObject();
        wn.put("start", Instant.ofEpochMilli(w.getKey()).toString());
        wn.set("accumulator", KpiSnapshots.toTree(w.getValue()));
      }
    }
    try {
      return KpiSnapshots.mapper()
          .writeValueAsString(SnapshotFrame.sealJson(KpiSnapshots.mapper(), root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON snapshot", e);
    }
  }

  /**
   * Checkpoints the whole table as JSON with a {@link KeyCodec}, as {@link
   * RevisedValues#toJson(KeyCodec)} and {@link RepeatContactTracker#toJson(KeyCodec)} take one: the
   * same text as {@link #toJson(Function) toJson(keys::encode)}. O(state size).
   *
   * @param keys encodes the group keys
   * @return the JSON text
   * @throws IllegalArgumentException as {@link #toJson(Function)}, and if the codec refuses a key;
   *     the table is unchanged
   */
  public String toJson(KeyCodec<G> keys) {
    Objects.requireNonNull(keys, "keys");
    return toJson(keys::encode);
  }

  /**
   * Restores a table checkpointed with {@link #toJson(Function)}. O(state size).
   *
   * @param json the JSON text
   * @param factory creates empty accumulators for new windows; restored ones must merge into it
   * @param type the accumulator class
   * @param keyReader decodes a group key
   * @param <G> the group key type
   * @param <A> the accumulator type
   * @return the restored table
   * @throws IllegalArgumentException if malformed (a group key or a group's window start repeated
   *     included, a window holding no event time {@link #record} accepts, a blank {@code String}
   *     group); the message names the JSON path, line and column
   */
  public static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> fromJson(
      String json, Supplier<A> factory, Class<A> type, Function<String, ? extends G> keyReader) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keyReader, "keyReader");
    String text = dev.servicekit.kpi.internal.JsonInput.withoutBom(json);
    return KpiSnapshots.locating(text, () -> readJson(text, factory, type, keyReader));
  }

  /**
   * Restores a table checkpointed with {@link #toJson(KeyCodec)} (or {@link #toJson(Function)}),
   * decoding the group keys with a {@link KeyCodec}, as {@link RevisedValues#fromJson(String,
   * Class, KeyCodec)} does: {@link #fromJson(String, Supplier, Class, Function) fromJson(json,
   * factory, type, keys::decode)}. O(state size).
   *
   * @param json the JSON text
   * @param factory creates empty accumulators for new windows; restored ones must merge into it
   * @param type the accumulator class
   * @param keys decodes the group keys
   * @param <G> the group key type
   * @param <A> the accumulator type
   * @return the restored table
   * @throws IllegalArgumentException as {@link #fromJson(String, Supplier, Class, Function)}
   */
  public static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> fromJson(
      String json, Supplier<A> factory, Class<A> type, KeyCodec<G> keys) {
    Objects.requireNonNull(keys, "keys");
    return fromJson(json, factory, type, keys::decode);
  }

  /**
   * What a JSON snapshot that is no table of windows is, for the message: {@code ", found
   * "servicekit-kpi" (kind "nps"): decode it with KpiSnapshots.fromJson"}, or the value found.
   */
  private static String foreignFormat(JsonNode root) {
    JsonNode format = root.path("format");
    String found = ", found " + (format.isMissingNode() ? "none" : Excerpt.of(format));
    JsonNode kind = root.path("kind");
    if (!"servicekit-kpi".equals(format.textValue()) || !kind.isTextual()) {
      return found;
    }
    String reader = KpiSnapshots.statefulReader(kind.textValue());
    return found
        + " (kind "
        + Excerpt.of(kind)
        + "): decode it with "
        + (reader == null ? "KpiSnapshots" : reader)
        + ".fromJson";
  }

  private static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> readJson(
      String json, Supplier<A> factory, Class<A> type, Function<String, ? extends G> keyReader) {
    JsonNode root = KpiSnapshots.parse(json);
    if (root == null || !root.isObject() || !WINDOWS_FORMAT.equals(root.path("format").asText())) {
      throw KpiSnapshots.error(
          "format must be \""
              + WINDOWS_FORMAT
              + "\" in a JSON object"
              + (root != null && root.isObject() ? foreignFormat(root) : ""),
          root != null && root.isObject() ? "format" : "$");
    }
    KpiSnapshots.rejectUnknown(root, ROOT_FIELDS, "");
    JsonNode versionNode = root.path("version");
    // canConvertToLong first: asLong() wraps a big integer, so 2^64 + 2 read as version 2
    if (!versionNode.isIntegralNumber()
        || !versionNode.canConvertToLong()
        || versionNode.asLong() != KpiSnapshots.FORMAT_VERSION) {
      throw KpiSnapshots.error(
          "version is "
              + Excerpt.of(versionNode)
              + " but this library reads version "
              + KpiSnapshots.FORMAT_VERSION,
          "version");
    }
    for (String name : new String[] {"unit", "zone", "firstDayOfWeek"}) {
      if (!root.path(name).isTextual()) { // asText() read a number: "zone": -1 as -01:00
        throw KpiSnapshots.error(
            name + " is " + Excerpt.of(root.path(name)) + " but must be a string", name);
      }
    }
    WindowSpec spec;
    try {
      spec =
          new WindowSpec(
              WindowUnit.valueOf(root.path("unit").asText()),
              ZoneId.of(root.path("zone").asText()),
              DayOfWeek.valueOf(root.path("firstDayOfWeek").asText()));
    } catch (RuntimeException e) {
      // the first of the three that does not read names the path
      String bad = "firstDayOfWeek";
      try {
        WindowUnit.valueOf(root.path("unit").asText());
        try {
          ZoneId.of(root.path("zone").asText());
        } catch (RuntimeException z) {
          bad = "zone";
        }
      } catch (RuntimeException u) {
        bad = "unit";
      }
      throw KpiSnapshots.error(
          "unit, zone or firstDayOfWeek is invalid ("
              + Excerpt.of(root.path("unit"))
              + ", "
              + Excerpt.of(root.path("zone"))
              + ", "
              + Excerpt.of(root.path("firstDayOfWeek"))
              + "): "
              + Excerpt.of(e.getMessage()),
          bad);
    }
    long lateness = longField(root, "allowedLatenessMillis", "");
    if (lateness < 0) {
      throw KpiSnapshots.error(
          "allowedLatenessMillis is " + lateness + " but must be >= 0", "allowedLatenessMillis");
    }
    WindowedKpi<G, A> kpi = new WindowedKpi<>(factory, spec, lateness);
    JsonNode wm = root.path("watermarkMillis");
    kpi.watermark = wm.isNull() ? Long.MIN_VALUE : longField(root, "watermarkMillis", "");
    if (!restorableWatermark(kpi.watermark)) {
      throw KpiSnapshots.error(
          "watermarkMillis is "
              + kpi.watermark
              + " but must be null or in ["
              + START_MILLIS
              + ", "
              + END_MILLIS
              + "), the event times a table accepts",
          "watermarkMillis");
    }
    kpi.droppedLate = longField(root, "droppedLate", "");
    if (kpi.droppedLate < 0) { // as the binary reader refuses it: a count
      throw KpiSnapshots.error(
          "droppedLate is " + kpi.droppedLate + " but must be >= 0", "droppedLate");
    }
    JsonNode groupsNode = root.path("groups");
    if (!groupsNode.isArray()) {
      throw KpiSnapshots.error(
          "groups is " + Excerpt.of(groupsNode) + " but must be an array", "groups");
    }
    for (int i = 0; i < groupsNode.size(); i++) {
      String p = "groups[" + i + "].";
      JsonNode g = groupsNode.get(i);
      if (!g.isObject() || !g.path("key").isTextual() || !g.path("windows").isArray()) {
        throw KpiSnapshots.error(
            KpiSnapshots.nameOf(p)
                + " is "
                + Excerpt.of(g)
                + " but must be an object with a string key and a windows array",
            p);
      }
      KpiSnapshots.rejectUnknown(g, GROUP_FIELDS, p);
      G key = readKey(keyReader, g.path("key").asText(), p + "key", true);
      if (key == null || kpi.groups.containsKey(key)) {
        throw KpiSnapshots.error(
            "key " + Excerpt.of(g.path("key")) + " is null or repeated", p + "key");
      }
      GroupState<A> state =
          new GroupState<>(restore(factory, type, g.path("allTime"), p + "allTime."));
      JsonNode ws = g.path("windows");
      for (int j = 0; j < ws.size(); j++) {
        String wp = p + "windows[" + j + "].";
        if (!ws.get(j).isObject()) {
          throw KpiSnapshots.error(
              KpiSnapshots.nameOf(wp) + " is " + Excerpt.of(ws.get(j)) + " but must be an object",
              wp);
        }
        KpiSnapshots.rejectUnknown(ws.get(j), WINDOW_FIELDS, wp);
        Instant start;
        try {
          start = Instant.parse(ws.get(j).path("start").asText());
          start.toEpochMilli();
        } catch (RuntimeException e) {
          throw KpiSnapshots.error(
              "start is "
                  + Excerpt.of(ws.get(j).path("start"))
                  + " but must be an ISO instant within the epoch-millisecond range",
              wp + "start");
        }
        Instant windowStart;
        try {
          windowStart = spec.start(start, "start");
        } catch (IllegalArgumentException e) { // its window starts before the millisecond range
          throw KpiSnapshots.error(e.getMessage(), wp + "start");
        }
        if (!windowStart.equals(start)) {
          throw KpiSnapshots.error(
              "start " + start + " is not a window boundary of " + spec, wp + "start");
        }
        String unrecordable = unrecordableWindow(spec, start);
        if (unrecordable != null) {
          throw KpiSnapshots.error(unrecordable, wp + "start");
        }
        if (state.windows.containsKey(start.toEpochMilli())) {
          throw KpiSnapshots.error(
              "start " + start + " repeats an earlier window of the group", wp + "start");
        }
        state.windows.put(
            start.toEpochMilli(),
            restore(factory, type, ws.get(j).path("accumulator"), wp + "accumulator."));
      }
      kpi.groups.put(key, state);
    }
    return kpi;
  }

  private static final Set<String> ROOT_FIELDS =
      Set.of(
          "format",
          "version",
          "unit",
          "zone",
          "firstDayOfWeek",
          "allowedLatenessMillis",
          "watermarkMillis",
          "droppedLate",
          "groups");
  private static final Set<String> GROUP_FIELDS = Set.of("key", "allTime", "windows");
  private static final Set<String> WINDOW_FIELDS = Set.of("start", "accumulator");

  private static long longField(JsonNode node, String name, String path) {
    JsonNode n = node.path(name);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw KpiSnapshots.error(
          name + " is " + Excerpt.of(n) + " but must be an integer", path + name);
    }
    return n.longValue();
  }

  private static <A extends KpiAccumulator<A, ?>> A restore(
      Supplier<A> factory, Class<A> type, JsonNode node, String path) {
    KpiAccumulator<?, ?> restored = KpiSnapshots.fromTree(node, path, type);
    if (!type.isInstance(restored)) {
      throw KpiSnapshots.error(
          "kind is " + restored.getClass().getSimpleName() + " but must be " + type.getSimpleName(),
          path + "kind");
    }
    A fresh = factory.get();
    try {
      fresh.merge(type.cast(restored)); // checks the configuration matches the factory's
    } catch (IllegalArgumentException e) {
      throw KpiSnapshots.error(
          "state does not fit the factory: " + Excerpt.message(e.getMessage()), path + "state");
    }
    return fresh;
  }

  /**
   * Checkpoints the whole table in the binary frame of {@link KpiSnapshots} (kind 200, CRC32C at
   * the end): the spec, lateness, watermark, dropped-late count and, per group, its key and the
   * {@link KpiSnapshots#toBytes binary snapshots} of its all-time and window accumulators. O(state
   * size).
   *
   * @param keyWriter encodes a group key as a string
   * @return the bytes
   * @throws IllegalArgumentException naming the group's index if the key writer gives a key text
   *     with an unpaired surrogate, or the same text for two groups; the table is unchanged
   */
  public byte[] toBytes(Function<? super G, String> keyWriter) {
    Objects.requireNonNull(keyWriter, "keyWriter");
    Binary.Writer w = SnapshotFrame.begin(WINDOWS_KIND);
    w.writeByte(spec.unit().ordinal());
    w.writeString(spec.zone().getId());
    w.writeByte(spec.firstDayOfWeek().ordinal());
    w.writeLong(latenessMillis);
    w.writeLong(watermark);
    w.writeLong(droppedLate);
    w.writeLong(groups.size());
    List<String> keys = keyTexts(keyWriter);
    int i = 0;
    for (Map.Entry<G, GroupState<A>> e : groups.entrySet()) {
      w.writeString(keys.get(i++));
      w.writeBlock(e.getValue().allTime.toBytes());
      w.writeLong(e.getValue().windows.size());
      for (Map.Entry<Long, A> win : e.getValue().windows.entrySet()) {
        w.writeLong(win.getKey());
        w.writeBlock(win.getValue().toBytes());
      }
    }
    return SnapshotFrame.finish(w);
  }

  /**
   * The caller's key reader applied to a group's key text: whatever it throws is refused as the
   * snapshot's error at {@code where} (the JSON path, or the binary field), its exception the
   * cause, so that a key the reader cannot read is located like every other field.
   */
  private static <G> G readKey(
      Function<String, ? extends G> keyReader, String text, String where, boolean json) {
    StatefulSnapshots.requireWellFormedKey(text, where, json);
    G key;
    try {
      key = keyReader.apply(text);
    } catch (RuntimeException e) {
      String what =
          (json ? KpiSnapshots.nameOf(where) : where)
              + " '"
              + Excerpt.of(text)
              + "' cannot be read by the key reader: "
              + Excerpt.of(e);
      IllegalArgumentException refused =
          json ? KpiSnapshots.error(what, where) : new IllegalArgumentException(what);
      refused.initCause(e);
      throw refused;
    }
    if (key instanceof String s && KeyText.blank(s)) { // as record refuses it
      StatefulSnapshots.refuseBlankKey(s, where, json);
    }
    return key;
  }

  /**
   * Checkpoints the whole table in binary with a {@link KeyCodec}, as {@link
   * RevisedValues#toBytes(KeyCodec)} and {@link RepeatContactTracker#toBytes(KeyCodec)} take one:
   * the same bytes as {@link #toBytes(Function) toBytes(keys::encode)}. O(state size).
   *
   * @param keys encodes the group keys
   * @return the bytes
   * @throws IllegalArgumentException as {@link #toBytes(Function)}, and if the codec refuses a key;
   *     the table is unchanged
   */
  public byte[] toBytes(KeyCodec<G> keys) {
    Objects.requireNonNull(keys, "keys");
    return toBytes(keys::encode);
  }

  /**
   * Restores a table checkpointed with {@link #toBytes(Function)}. O(state size).
   *
   * @param bytes the checkpoint
   * @param factory creates empty accumulators for new windows; restored ones must merge into it
   * @param type the accumulator class
   * @param keyReader decodes a group key
   * @param <G> the group key type
   * @param <A> the accumulator type
   * @return the restored table
   * @throws IllegalArgumentException if malformed (a group key or a group's window start repeated
   *     included, a window holding no event time {@link #record} accepts, a blank {@code String}
   *     group); the message names the field
   */
  public static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> fromBytes(
      byte[] bytes, Supplier<A> factory, Class<A> type, Function<String, ? extends G> keyReader) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keyReader, "keyReader");
    Binary.Reader r = StatefulSnapshots.openBytes(bytes, WINDOWS_KIND, WINDOWS_KIND_NAME);
    int unit = r.readByte("unit");
    String zone = r.readString("zone");
    int day = r.readByte("firstDayOfWeek");
    WindowSpec spec;
    try {
      spec = new WindowSpec(WindowUnit.values()[unit], ZoneId.of(zone), DayOfWeek.values()[day]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "unit "
              + unit
              + ", zone "
              + Excerpt.of(zone)
              + " or firstDayOfWeek "
              + day
              + " is invalid");
    }
    long lateness = r.readCount("allowedLatenessMillis");
    WindowedKpi<G, A> kpi = new WindowedKpi<>(factory, spec, lateness);
    kpi.watermark = r.readLong("watermarkMillis");
    if (!restorableWatermark(kpi.watermark)) {
      throw new IllegalArgumentException(
          "watermarkMillis is "
              + kpi.watermark
              + " but must be "
              + Long.MIN_VALUE
              + " (none) or in ["
              + START_MILLIS
              + ", "
              + END_MILLIS
              + "), the event times a table accepts");
    }
    kpi.droppedLate = r.readCount("droppedLate");
    long n = r.readCount("groups");
    for (long i = 0; i < n; i++) {
      String p = "groups[" + i + "].";
      G key = readKey(keyReader, r.readString(p + "key"), p + "key", false);
      if (key == null || kpi.groups.containsKey(key)) {
        throw new IllegalArgumentException(p + "key is null or repeated");
      }
      GroupState<A> state =
          new GroupState<>(restoreBytes(factory, type, r.readBlock(p + "allTime"), p + "allTime"));
      long windows = r.readCount(p + "windows");
      for (long j = 0; j < windows; j++) {
        String wp = p + "windows[" + j + "]";
        long start = r.readLong(wp + ".start");
        Instant s = Instant.ofEpochMilli(start);
        // the field's name, not "time", if its window starts before the millisecond range
        if (!spec.start(s, wp + ".start").equals(s)) {
          throw new IllegalArgumentException(
              wp + ".start " + s + " is not a window boundary of " + spec);
        }
        String unrecordable = unrecordableWindow(spec, s);
        if (unrecordable != null) {
          throw new IllegalArgumentException(wp + "." + unrecordable);
        }
        if (state.windows.containsKey(start)) {
          throw new IllegalArgumentException(
              wp + ".start " + s + " repeats an earlier window of the group");
        }
        state.windows.put(start, restoreBytes(factory, type, r.readBlock(wp), wp));
      }
      kpi.groups.put(key, state);
    }
    r.expectEnd();
    return kpi;
  }

  /**
   * Restores a table checkpointed with {@link #toBytes(KeyCodec)} (or {@link #toBytes(Function)}),
   * decoding the group keys with a {@link KeyCodec}, as {@link RevisedValues#fromBytes(byte[],
   * Class, KeyCodec)} does: {@link #fromBytes(byte[], Supplier, Class, Function) fromBytes(bytes,
   * factory, type, keys::decode)}. O(state size).
   *
   * @param bytes the checkpoint
   * @param factory creates empty accumulators for new windows; restored ones must merge into it
   * @param type the accumulator class
   * @param keys decodes the group keys
   * @param <G> the group key type
   * @param <A> the accumulator type
   * @return the restored table
   * @throws IllegalArgumentException as {@link #fromBytes(byte[], Supplier, Class, Function)}
   */
  public static <G, A extends KpiAccumulator<A, ?>> WindowedKpi<G, A> fromBytes(
      byte[] bytes, Supplier<A> factory, Class<A> type, KeyCodec<G> keys) {
    Objects.requireNonNull(keys, "keys");
    return fromBytes(bytes, factory, type, keys::decode);
  }

  private static <A extends KpiAccumulator<A, ?>> A restoreBytes(
      Supplier<A> factory, Class<A> type, byte[] bytes, String path) {
    KpiAccumulator<?, ?> restored;
    try {
      restored = KpiSnapshots.fromBytes(bytes, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + Excerpt.message(e.getMessage()));
    }
    if (!type.isInstance(restored)) {
      throw new IllegalArgumentException(
          path
              + " is a "
              + restored.getClass().getSimpleName()
              + " but must be "
              + type.getSimpleName());
    }
    A fresh = factory.get();
    try {
      fresh.merge(type.cast(restored));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          path + " does not fit the factory: " + Excerpt.message(e.getMessage()));
    }
    return fresh;
  }

  /**
   * A window removed by {@link #evictClosed()}.
   *
   * @param group the group
   * @param start the window start
   * @param end the window end (exclusive)
   * @param accumulator the window's final state, now owned by the caller
   * @param <G> the group key
   * @param <A> the accumulator
   */
  public record ClosedWindow<G, A>(G group, Instant start, Instant end, A accumulator) {}
}
