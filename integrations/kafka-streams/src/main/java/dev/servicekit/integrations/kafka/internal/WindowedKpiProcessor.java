package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowedKpi;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling-window KPI aggregation on a store keyed by (window end, window start, group), so the
 * punctuator closes windows by one range scan. A window {@code [start, end)} accepts events while
 * {@code end + lateness > stream time} (the rule of {@code WindowedKpi}); a later event goes to the
 * {@code late} child, counted, never silently dropped. A closed window is forwarded to the {@code
 * windows} child keyed {@code group@start} and removed from the store.
 *
 * <p>A tombstone (a null value) is skipped and counted apart ({@link Rejects#tombstone()}). A
 * record that cannot be decoded (or decodes to null), has no group or no event time, has an event
 * time outside {@code [1900, 2300)} UTC ({@link WindowedKpi#requireEventTime}), a blank or
 * malformed group ({@link WindowedKpi#requireGroup}), or that the accumulator rejects ({@link
 * IllegalArgumentException} or {@link ArithmeticException}) changes no state: it is counted and
 * sent to the dead-letter child, if any ({@link Rejects}). The checks run in that order, the time
 * before the group as {@link WindowedKpi#record} checks them, so that a record with several faults
 * is refused for the one in-process kpi-core names.
 *
 * @param <V> the input value
 */
public final class WindowedKpiProcessor<V> implements Processor<String, byte[], String, Object> {

  /**
   * The child name of the closed windows' sink of KPI {@code name}.
   *
   * @param name the KPI's name
   * @return the child name
   */
  public static String windowsChild(String name) {
    return "servicekit-kpi-" + name + "-closed";
  }

  /**
   * The child name of the late records' sink of KPI {@code name}.
   *
   * @param name the KPI's name
   * @return the child name
   */
  public static String lateChild(String name) {
    return "servicekit-kpi-" + name + "-late";
  }

  /**
   * The child name of the dead-letter sink of KPI {@code name}.
   *
   * @param name the KPI's name
   * @return the child name
   */
  public static String deadLetterChild(String name) {
    return "servicekit-kpi-" + name + "-dead-letter";
  }

  /** The per-window state: bytes in, bytes out, validated by the cores' snapshot readers. */
  public interface Folder<V> {
    /**
     * Adds {@code value} to the window state {@code state} (null: empty) and returns the new state.
     */
    byte[] fold(byte[] state, V value);

    /** The value to emit for a closed window's state. */
    Object result(byte[] state);

    /**
     * The window state {@code state} as this build stores it, or {@code null} if it already is: a
     * revised window of an earlier build holding blank response ids, which kpi-core now refuses,
     * has them forgotten and their values kept ({@link RevisedWindowState}).
     *
     * @throws IllegalArgumentException if the state cannot be read (corrupted)
     */
    default Migrated migrate(byte[] state) {
      return null;
    }

    /**
     * Whether folding a record again changes nothing (a revised KPI keeps each response's latest
     * revision): then a redelivery under {@code at_least_once} is harmless.
     */
    default boolean idempotent() {
      return false;
    }
  }

  /**
   * A window state migrated by {@link Folder#migrate}.
   *
   * @param state the state to store and read instead
   * @param forgotten the blank response ids forgotten, their values kept
   */
  public record Migrated(byte[] state, List<String> forgotten) {}

  private final String storeName;
  private final WindowSpec spec;
  private final long latenessMillis;
  private final Duration interval;
  private final Function<V, String> groupOf;
  private final Function<V, Instant> timeOf;
  private final Folder<V> folder;
  private final Deserializer<V> values;
  private final String id;
  private final String windowsChild;
  private final String lateChild;
  private final String deadLetter; // the child, or null
  private final String
      accumulator; // what the windows hold, e.g. "dev.servicekit.kpi.NpsAccumulator"

  private ProcessorContext<String, Object> context;
  private KeyValueStore<Bytes, byte[]> store;
  private Rejects rejects;
  private org.apache.kafka.common.metrics.Sensor lateSensor;
  private org.apache.kafka.common.metrics.Sensor forgottenSensor;
  private long late;
  private long forgotten;
  private long emittedThrough = Long.MIN_VALUE; // windows ending at or before this were emitted

  /**
   * Creates the processor (one per task).
   *
   * @param name the KPI's name: its metrics' {@code servicekit-id} tag is {@code kpi-<name>}, its
   *     children are named by {@link #windowsChild}, {@link #lateChild} and {@link
   *     #deadLetterChild}
   * @param deadLetter whether the topology has a dead-letter sink
   */
  public WindowedKpiProcessor(
      String storeName,
      WindowSpec spec,
      Duration lateness,
      Duration interval,
      Function<V, String> groupOf,
      Function<V, Instant> timeOf,
      Folder<V> folder,
      Deserializer<V> values,
      String name,
      boolean deadLetter,
      String accumulator) {
    this.storeName = storeName;
    this.accumulator = accumulator;
    this.spec = spec;
    this.latenessMillis = lateness.toMillis();
    this.interval = interval;
    this.groupOf = groupOf;
    this.timeOf = timeOf;
    this.folder = folder;
    this.values = values;
    this.id = "kpi-" + name;
    this.windowsChild = windowsChild(name);
    this.lateChild = lateChild(name);
    this.deadLetter = deadLetter ? deadLetterChild(name) : null;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.rejects = new Rejects(context, id, deadLetter);
    this.lateSensor = Rejects.totalSensor(context, id, "late-records");
    this.forgottenSensor = Rejects.totalSensor(context, id, "forgotten-blank-ids");
    readMeta();
    context.schedule(interval, PunctuationType.STREAM_TIME, t -> closeWindows());
    if (countsRedeliveriesUnder(context.appConfigs(), folder)
        && AT_LEAST_ONCE_WARNED.compareAndSet(false, true)) {
      LOG.warn(
          "KPI windows run under processing.guarantee={}: a failure redelivers the records after"
              + " the last commit and a plain window counts them again (revised windows and SLA"
              + " clocks do not); set processing.guarantee=exactly_once_v2 for exact counts"
              + " (README, Exactly once). Logged once per JVM.",
          context.appConfigs() == null
              ? "at_least_once"
              : context.appConfigs().getOrDefault("processing.guarantee", "at_least_once"));
    }
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WindowedKpiProcessor.class);

  private static final java.util.concurrent.atomic.AtomicBoolean AT_LEAST_ONCE_WARNED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Whether windows folded by {@code folder} count a redelivered record again under this Streams
   * configuration: a fold that is not idempotent, without an exactly-once guarantee.
   */
  static boolean countsRedeliveriesUnder(java.util.Map<String, Object> appConfigs, Folder<?> f) {
    return !f.idempotent() && !SlaClockProcessor.exactlyOnce(appConfigs);
  }

  /** Records rejected by this instance (also in the {@code rejected-records} sensor). */
  public long rejected() {
    return rejects.count();
  }

  /**
   * Late records sent to the late topic by this instance (also in the {@code late-records} sensor).
   */
  public long late() {
    return late;
  }

  /**
   * Blank response ids forgotten in revised windows of an earlier build's store, their values kept
   * (also in the {@code forgotten-blank-ids} sensor).
   */
  public long forgottenBlankIds() {
    return forgotten;
  }

  /** Tombstones skipped by this instance (also in the {@code skipped-tombstones} sensor). */
  public long tombstones() {
    return rejects.tombstones();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      rejects.tombstone(); // a delete marker, not bad data: skipped, counted apart
      return;
    }
    V value;
    try {
      value = values.deserialize(topic(), record.headers(), record.value());
    } catch (RuntimeException undecodable) {
      rejects.reject(record, undecodable);
      return;
    }
    if (value == null) {
      rejects.reject(
          record, new IllegalArgumentException("the value serde decoded a KPI record to null"));
      return;
    }
    Bytes key;
    byte[] folded;
    String group;
    try {
      group = groupOf.apply(value);
    } catch (RuntimeException noGroup) {
      // any failure of the caller's grouping is the record's, as Flink's KPI windows reject it
      // (thrown again at every restart, it would fail the task on the same record for ever)
      rejects.reject(
          record,
          new IllegalArgumentException(
              "the group of a KPI record cannot be computed: " + noGroup, noGroup));
      return;
    }
    try {
      Instant at = timeOf.apply(value);
      if (group == null || at == null) {
        throw new IllegalArgumentException(
            (group == null ? "group" : "event time") + " of a KPI record must not be null");
      }
      // kpi-core's checks in WindowedKpi.record's order, so that a record with two faults is
      // refused for the same one in the same words: the time's range first ([1900, 2300), also
      // for a time beyond epoch milliseconds such as Instant.MAX), then the group
      WindowedKpi.requireEventTime(at);
      // a blank group (a missing field), then one with an unpaired surrogate (its UTF-8 store key
      // would merge it with another group), refused with the in-process table's rules and words;
      // a window of a blank group in a store of an earlier build is still emitted when it closes
      WindowedKpi.requireGroup(group);
      Instant start = spec.start(at); // in range: the window spec takes every such time
      long end = spec.end(start).toEpochMilli(); // the last window's end: ArithmeticException
      if (saturatedAdd(end, latenessMillis) <= context.currentStreamTimeMs()
          || end <= emittedThrough) { // emitted under an earlier, shorter lateness
        context.forward(record, lateChild);
        late++;
        lateSensor.record(); // counted once forwarded, as the Flink windows count theirs
        return;
      }
      key = key(end, start.toEpochMilli(), group);
      // a window of an earlier build this build stores otherwise is migrated and stored at once
      // (not this record's change, which may still be rejected); corrupted bytes still throw
      byte[] stored = migrated(key, store.get(key), group, start.toEpochMilli());
      folded = folder.fold(stored, value); // the store is written only after this returns
    } catch (IllegalArgumentException
        | ArithmeticException
        | DateTimeException
        | NullPointerException rejected) {
      // NullPointerException: a null field the record's getters or the accumulator refuse
      rejects.reject(record, rejected);
      return;
    }
    store.put(key, folded);
  }

  /** {@code a + b} for {@code b >= 0}, saturating at {@code Long.MAX_VALUE}. */
  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  private String topic() {
    return context.recordMetadata().map(m -> m.topic()).orElse(null);
  }

  /**
   * {@code stored} as this build stores it ({@link Folder#migrate}), counted and logged when
   * migrated, and put under {@code key} unless that is null (a window about to be emitted).
   */
  private byte[] migrated(Bytes key, byte[] stored, String group, long start) {
    if (stored == null) {
      return null;
    }
    Migrated m = folder.migrate(stored);
    if (m == null) {
      return stored;
    }
    if (key != null) {
      store.put(key, m.state());
    }
    forgotten += m.forgotten().size();
    for (int i = 0; i < m.forgotten().size(); i++) {
      forgottenSensor.record(); // the sensor's total counts recordings, not their values
    }
    LOG.warn(
        "the revised KPI window of group {} starting {} in the store {} holds {} blank response"
            + " id(s) {}, written by an earlier build (this build refuses a blank id, a missing"
            + " field): forgotten, their values kept in the window, which is emitted at its close"
            + " as that build would have (counted in forgotten-blank-ids-total)",
        Quoted.excerpt(group),
        Instant.ofEpochMilli(start),
        storeName,
        m.forgotten().size(),
        RevisedWindowState.describe(m.forgotten()));
    return m.state();
  }

  private void closeWindows() {
    // end <= this is closed; never the meta entry's end (Long.MAX_VALUE), which no window has
    long closeUpTo = Math.min(context.currentStreamTimeMs() - latenessMillis, Long.MAX_VALUE - 1);
    List<KeyValue<Bytes, byte[]>> closed = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        store.range(key(Long.MIN_VALUE, Long.MIN_VALUE, ""), upperBound(closeUpTo))) {
      while (it.hasNext()) {
        closed.add(it.next());
      }
    }
    for (KeyValue<Bytes, byte[]> kv : closed) {
      ByteBuffer b = ByteBuffer.wrap(kv.key.get());
      long end = b.getLong() ^ Long.MIN_VALUE;
      long start = b.getLong() ^ Long.MIN_VALUE;
      String group = new String(kv.key.get(), 16, kv.key.get().length - 16, StandardCharsets.UTF_8);
      // stamped with its last millisecond, or the epoch for a window before 1970 (kept open by a
      // lateness longer than its age): a Kafka record's timestamp cannot be negative
      context.forward(
          new Record<>(
              group + "@" + Instant.ofEpochMilli(start),
              folder.result(migrated(null, kv.value, group, start)),
              Math.max(0, end - 1)),
          windowsChild);
      store.delete(kv.key);
    }
    if (closeUpTo > emittedThrough) {
      emittedThrough = closeUpTo;
      store.put(META, meta());
    }
  }

  /**
   * The store's meta entry, under a key no window has (its end and start are {@code
   * Long.MAX_VALUE}; windows end before 2300): what the windows hold and how they are cut, and up
   * to which end they were emitted. Read at start: a store written for another accumulator or
   * window spec fails the task at once, naming both (its windows cannot be read or would be emitted
   * under the wrong keys), and a window already emitted stays closed when the lateness grows (it
   * was opened and emitted again). A store of an earlier build has no entry: one is written.
   */
  private static final Bytes META = key(Long.MAX_VALUE, Long.MAX_VALUE, "");

  private static final String META_FORMAT = "servicekit-kpi-store 1";

  private String layout() {
    return accumulator
        + " in "
        + spec.unit()
        + " windows, zone "
        + spec.zone().getId()
        + ", weeks from "
        + spec.firstDayOfWeek();
  }

  /**
   * Whether {@code stored} is this layout but for a zone of equal rules ({@code UTC} for {@code Z},
   * a tz link for its target): the same windows, as {@link WindowSpec#equals} says.
   */
  private boolean sameWindowsInAnAlias(String stored) {
    String mine = layout();
    String id = spec.zone().getId();
    int from = mine.indexOf(", zone " + id + ", weeks from ") + ", zone ".length();
    int end = stored.indexOf(", weeks from ", from);
    if (from < ", zone ".length() || end < 0 || stored.length() < from) {
      return false;
    }
    String zone = stored.substring(from, end);
    if (!stored.equals(mine.substring(0, from) + zone + mine.substring(from + id.length()))) {
      return false; // more than the zone differs
    }
    try {
      return ZoneId.of(zone).getRules().equals(spec.zone().getRules());
    } catch (DateTimeException e) {
      return false; // not a zone this JVM knows
    }
  }

  private byte[] meta() {
    return (META_FORMAT + "\n" + layout() + "\n" + emittedThrough).getBytes(StandardCharsets.UTF_8);
  }

  private void readMeta() {
    byte[] stored = store.get(META);
    if (stored == null) {
      store.put(META, meta());
      return;
    }
    String[] parts = new String(stored, StandardCharsets.UTF_8).split("\n", -1);
    long through;
    try {
      if (parts.length != 3 || !parts[0].equals(META_FORMAT)) {
        throw new NumberFormatException();
      }
      through = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "the store " + storeName + " holds a meta entry this build cannot read: reset its state");
    }
    if (!parts[1].equals(layout()) && !sameWindowsInAnAlias(parts[1])) {
      throw new IllegalStateException(
          "the store "
              + storeName
              + " holds "
              + parts[1]
              + ", but this topology keeps "
              + layout()
              + ": its windows cannot be read so. Give the KPI another name() (a new store), or"
              + " reset the application's state (kafka-streams-application-reset) to start over");
    }
    emittedThrough = through;
  }

  private static Bytes key(long end, long start, String group) {
    byte[] g = group.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(16 + g.length)
            .putLong(end ^ Long.MIN_VALUE)
            .putLong(start ^ Long.MIN_VALUE)
            .put(g)
            .array());
  }

  private static Bytes upperBound(long end) {
    // Above every key whose end is <= `end`: 0xFF bytes sort after any start and any UTF-8 group.
    ByteBuffer b = ByteBuffer.allocate(17).putLong(end ^ Long.MIN_VALUE);
    for (int i = 0; i < 9; i++) {
      b.put((byte) 0xFF);
    }
    return Bytes.wrap(b.array());
  }
}
