package dev.servicekit.integrations.kafka;

import dev.servicekit.integrations.kafka.internal.BoundedTimestamps;
import dev.servicekit.integrations.kafka.internal.RawKeys;
import dev.servicekit.integrations.kafka.internal.RevisedWindowState;
import dev.servicekit.integrations.kafka.internal.Settings;
import dev.servicekit.integrations.kafka.internal.WindowedKpiProcessor;
import dev.servicekit.kpi.IntRetractable;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * One KPI on Kafka Streams, grouped and in tumbling windows: records in, one accumulator per
 * (group, window) in a state store as {@link KpiSnapshots} bytes, each window emitted once when it
 * closes, keyed {@code group@windowStart} (e.g. {@code agent=a7,team=billing@2026-03-02T09:00:00Z})
 * with the accumulator as value ({@link ServicekitSerdes#kpi(Class)}).
 *
 * <p><b>Groups</b>: any text from the record, typically {@link dev.servicekit.kpi.GroupKey}{@code
 * .toString()} (agent, team, channel, priority, tier...). Partition the input by the group (or a
 * prefix of it) so each (group, window) lives in one task; windows of different partitions never
 * need merging then, and when they do (a re-keyed roll-up) the accumulators merge exactly.
 *
 * <p><b>Late events</b>: the rule of {@link dev.servicekit.kpi.WindowedKpi}: a window {@code
 * [start, end)} accepts events while {@code end + allowedLateness > stream time}; it closes (and is
 * emitted) once stream time reaches {@code end + allowedLateness}, keyed {@code group@start} and
 * stamped with its last millisecond (the epoch for a window before 1970, which a Kafka timestamp
 * cannot be). A later event is sent unchanged to the late topic: counted there, never silently
 * dropped.
 *
 * <p><b>Bad records</b> are skipped and counted, never fail the task: a value the serde cannot
 * decode or decodes to {@code null}, a record whose group is {@code null}, blank (empty, or only
 * spaces and invisible format characters: a missing field, refused by {@link
 * dev.servicekit.kpi.WindowedKpi#requireGroup} with the in-process table's message) or not
 * well-formed UTF-16 (an unpaired surrogate: the store key is UTF-8, so it would merge with another
 * group; refused by the same check in the table's words), a record without event time or with one
 * outside {@code [1900-01-01, 2300-01-01)} UTC ({@link
 * dev.servicekit.kpi.WindowedKpi#SUPPORTED_START}, as the in-process table), a revised record
 * without a response key or with one its snapshot cannot store, or one the accumulator rejects (an
 * {@link IllegalArgumentException}, {@link ArithmeticException}, {@link
 * java.time.DateTimeException} or {@link NullPointerException} from the update or the record's
 * getters, which leave the accumulator unchanged) leaves the window state as it was. A record with
 * several faults is refused for the first in the order of {@link
 * dev.servicekit.kpi.WindowedKpi#record}, in its words: a {@code null} group, a {@code null} time,
 * a time outside {@code [1900, 2300)} ({@code Instant.MAX} included), a blank group, a group with
 * an unpaired surrogate, then the value. The record key is not used (it may be {@code null}). A
 * rejected record is counted once in the task's metric {@code rejected-records-total} (group {@code
 * stream-servicekit-metrics}, tag {@code servicekit-id=kpi-<name>}) and, with a {@link
 * Builder#deadLetterTopic dead-letter topic}, sent there keyed as the original record, its value a
 * JSON object: {@code error} (exception and message, at most 500 characters), {@code topic}, {@code
 * partition}, {@code offset}, {@code timestamp}, {@code valueBytes}, {@code value} (the original
 * value bytes in base64, at most the first 64 KiB) and {@code valueTruncated}. A <b>tombstone</b>
 * (a {@code null} value) is a delete marker, not bad data: it changes no state, is counted apart in
 * the task's metric {@code skipped-tombstones-total} (same group and tag) and is not dead-lettered.
 * A store of an earlier build may hold a window of a blank group: it is emitted once when it
 * closes, as it would have been, and deleted; records for that group are dead-lettered from the
 * restart on.
 *
 * <p><b>Revisions</b>: with {@link Builder#revised revised(...)} the window state is a {@link
 * RevisedValues}: per response key the last revision wins exactly once, whatever the arrival order;
 * duplicates are ignored; with {@link Builder#removal removal(...)} a record can remove its key as
 * of its revision. Revisions of one response must carry the same event time (the response's), so
 * they land in the same window. A plain window ({@link Builder#record record(...)}) has no id to
 * tell a duplicate by: a record delivered twice is added twice, as {@code at_least_once} redelivers
 * the records after the last commit once a failed task's stores are restored; run such windows
 * under {@code exactly_once_v2}.
 *
 * <p>Instances are immutable and thread-safe; {@link #build()} returns a new topology each time.
 *
 * @param <V> the input record value
 * @param <A> the accumulator
 */
public final class WindowedKpiTopology<V, A extends KpiAccumulator<A, ?>> {

  private final Builder<V, A> b;

  private WindowedKpiTopology(Builder<V, A> b) {
    this.b = b.copy(); // later builder calls do not change this topology
  }

  /**
   * Starts a builder.
   *
   * @param values the serde of the input values
   * @param type the accumulator class
   * @param factory creates an empty accumulator
   * @param spec the tumbling windows
   * @param <V> the input value
   * @param <A> the accumulator
   * @return a builder with topics {@code kpi-input}, {@code kpi-windows}, {@code kpi-late}, no
   *     dead-letter topic, no allowed lateness, persistent stores and a punctuation interval of one
   *     second
   */
  public static <V, A extends KpiAccumulator<A, ?>> Builder<V, A> builder(
      Serde<V> values, Class<A> type, Supplier<A> factory, WindowSpec spec) {
    return new Builder<>(
        Objects.requireNonNull(values, "values"),
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(factory, "factory"),
        Objects.requireNonNull(spec, "spec"));
  }

  /**
   * Returns the name of this KPI's window store, {@code servicekit-kpi-<name>}: for interactive
   * queries, or to find its changelog topic.
   *
   * @return the store name
   */
  public String storeName() {
    return "servicekit-kpi-" + b.name;
  }

  /**
   * Builds the topology: source, windowing processor with its store, window and late sinks.
   *
   * @return a new topology
   */
  public Topology build() {
    return addTo(new Topology());
  }

  /**
   * Adds this KPI's nodes (source, windowing processor with its store, window, late and dead-letter
   * sinks) to {@code topology}, so that one Kafka Streams application can run several KPIs and SLA
   * clocks ({@link SlaClockTopology#addTo}). Every node and store name derives from the KPI's
   * {@link Builder#name name}, so KPIs added to one topology need distinct names, and, as Kafka
   * Streams requires, distinct input topics.
   *
   * @param topology the topology to add to
   * @return {@code topology}
   * @throws org.apache.kafka.streams.errors.TopologyException if it already has a node or store of
   *     this KPI's names, or a source of its input topic
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Topology addTo(Topology topology) {
    Topology t = Objects.requireNonNull(topology, "topology");
    String store = storeName();
    String proc = "servicekit-kpi-" + b.name + "-windows";
    t.addSource(
        (org.apache.kafka.streams.AutoOffsetReset) null, // the application's default
        "servicekit-kpi-" + b.name + "-source",
        // null: the application's default extractor (the record's timestamp)
        b.maxTimestampAhead == null ? null : new BoundedTimestamps(b.maxTimestampAhead.toMillis()),
        RawKeys.deserializer(), // a key that is not text is refused, and dead-lettered as it was
        Serdes.ByteArray().deserializer(),
        b.inputTopic);
    WindowedKpiProcessor.Folder<V> folder = b.revisedKey == null ? plain() : revised();
    t.addProcessor(
        proc,
        () ->
            new WindowedKpiProcessor<>(
                store,
                b.spec,
                b.lateness,
                b.interval,
                b.groupOf,
                b.timeOf,
                folder,
                b.values.deserializer(),
                b.name,
                b.deadLetterTopic != null,
                (b.revisedKey == null ? "" : "revised ") + b.type.getName()),
        "servicekit-kpi-" + b.name + "-source");
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            b.inMemory
                ? Stores.inMemoryKeyValueStore(store)
                : Stores.persistentKeyValueStore(store),
            Serdes.Bytes(),
            Serdes.ByteArray()),
        proc);
    t.addSink(
        WindowedKpiProcessor.windowsChild(b.name),
        b.outputTopic,
        Serdes.String().serializer(),
        (Serializer) ServicekitSerdes.kpi(b.type).serializer(),
        proc);
    t.addSink(
        WindowedKpiProcessor.lateChild(b.name),
        b.lateTopic,
        RawKeys.serializer(),
        Serdes.ByteArray().serializer(),
        proc);
    if (b.deadLetterTopic != null) {
      t.addSink(
          WindowedKpiProcessor.deadLetterChild(b.name),
          b.deadLetterTopic,
          RawKeys.serializer(),
          Serdes.ByteArray().serializer(),
          proc);
    }
    return t;
  }

  private WindowedKpiProcessor.Folder<V> plain() {
    Class<A> type = b.type;
    Supplier<A> factory = b.factory;
    BiConsumer<A, V> update = b.update;
    return new WindowedKpiProcessor.Folder<>() {
      @Override
      public byte[] fold(byte[] state, V value) {
        A a = state == null ? factory.get() : KpiSnapshots.fromBytes(state, type);
        update.accept(a, value);
        return KpiSnapshots.toBytes(a);
      }

      @Override
      public Object result(byte[] state) {
        return KpiSnapshots.fromBytes(state, type);
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private WindowedKpiProcessor.Folder<V> revised() {
    Class type = b.type;
    Supplier<A> factory = b.factory;
    Function<V, String> key = b.revisedKey;
    ToLongFunction<V> revision = b.revision;
    ToIntFunction<V> rating = b.rating;
    Predicate<V> removal = b.removal;
    return new WindowedKpiProcessor.Folder<>() {
      @Override
      public byte[] fold(byte[] state, V value) {
        RevisedValues rv =
            state == null
                ? RevisedValues.create((IntRetractable) factory.get())
                : RevisedValues.fromBytes(state, type, KeyCodec.strings());
        Object id = key.apply(value);
        if (id == null) {
          throw new IllegalArgumentException("the response key of a revised KPI record is null");
        }
        if (removal != null && removal.test(value)) {
          rv.remove(id, revision.applyAsLong(value));
        } else {
          rv.apply(id, revision.applyAsLong(value), rating.applyAsInt(value));
        }
        return rv.toBytes(KeyCodec.strings());
      }

      @Override
      public Object result(byte[] state) {
        return RevisedValues.fromBytes(state, type, KeyCodec.strings()).target();
      }

      @Override
      public WindowedKpiProcessor.Migrated migrate(byte[] state) {
        RevisedWindowState.Read read = RevisedWindowState.read(state, type);
        return read.migrated() == null
            ? null
            : new WindowedKpiProcessor.Migrated(read.migrated(), read.forgotten());
      }

      @Override
      public boolean idempotent() {
        return true; // each response's latest revision: a redelivered one changes nothing
      }
    };
  }

  /**
   * Builder of {@link WindowedKpiTopology}; not thread-safe.
   *
   * @param <V> the input value
   * @param <A> the accumulator
   */
  public static final class Builder<V, A extends KpiAccumulator<A, ?>> {
    private final Serde<V> values;
    private final Class<A> type;
    private final Supplier<A> factory;
    private final WindowSpec spec;
    private String name = "kpi";
    private String inputTopic = "kpi-input";
    private String outputTopic = "kpi-windows";
    private String lateTopic = "kpi-late";
    private String deadLetterTopic;
    private Function<V, String> groupOf;
    private Function<V, Instant> timeOf;
    private BiConsumer<A, V> update;
    private Function<V, String> revisedKey;
    private ToLongFunction<V> revision;
    private ToIntFunction<V> rating;
    private Predicate<V> removal;
    private Duration lateness = Duration.ZERO;
    private Duration interval = Duration.ofSeconds(1);
    private Duration maxTimestampAhead;
    private boolean inMemory;

    private Builder(Serde<V> values, Class<A> type, Supplier<A> factory, WindowSpec spec) {
      this.values = values;
      this.type = type;
      this.factory = factory;
      this.spec = spec;
    }

    private Builder<V, A> copy() {
      Builder<V, A> c = new Builder<>(values, type, factory, spec);
      c.name = name;
      c.inputTopic = inputTopic;
      c.outputTopic = outputTopic;
      c.lateTopic = lateTopic;
      c.deadLetterTopic = deadLetterTopic;
      c.groupOf = groupOf;
      c.timeOf = timeOf;
      c.update = update;
      c.revisedKey = revisedKey;
      c.revision = revision;
      c.rating = rating;
      c.removal = removal;
      c.lateness = lateness;
      c.interval = interval;
      c.inMemory = inMemory;
      c.maxTimestampAhead = maxTimestampAhead;
      return c;
    }

    /**
     * Names the KPI (store and processor names derive from it; unique per topology).
     *
     * @param name letters, digits and {@code -}
     * @return this builder
     * @throws IllegalArgumentException if empty or of other characters
     */
    public Builder<V, A> name(String name) {
      this.name = Settings.name(name);
      return this;
    }

    /**
     * Sets the topics.
     *
     * @param input records in
     * @param windows closed windows out
     * @param late late records out
     * @return this builder
     * @throws IllegalArgumentException if a topic is blank or not a Kafka topic name (1-249 ASCII
     *     letters, digits, {@code .}, {@code _} or {@code -}, not {@code .} or {@code ..})
     */
    public Builder<V, A> topics(String input, String windows, String late) {
      String in = Settings.topic(input, "input");
      String out = Settings.topic(windows, "windows");
      this.lateTopic = Settings.topic(late, "late");
      this.inputTopic = in;
      this.outputTopic = out;
      return this;
    }

    /**
     * Sends rejected records (undecodable, or rejected by the accumulator) to a dead-letter topic
     * besides counting them; without one they are only counted. See the class documentation for the
     * record format.
     *
     * @param topic the dead-letter topic
     * @return this builder
     * @throws IllegalArgumentException if blank or not a Kafka topic name
     */
    public Builder<V, A> deadLetterTopic(String topic) {
      this.deadLetterTopic = Settings.topic(topic, "deadLetterTopic");
      return this;
    }

    /**
     * Sets how a record is grouped and when it happened.
     *
     * @param groupOf the group key text, e.g. {@code GroupKey.of("agent", a).toString()}; a record
     *     for which it returns blank text (such as {@code GroupKey.empty().toString()}, {@code ""}:
     *     name a grand total, e.g. {@code "all"}) is rejected
     * @param timeOf the event time
     * @return this builder
     */
    public Builder<V, A> groupBy(Function<V, String> groupOf, Function<V, Instant> timeOf) {
      this.groupOf = Objects.requireNonNull(groupOf, "groupOf");
      this.timeOf = Objects.requireNonNull(timeOf, "timeOf");
      return this;
    }

    /**
     * Adds each record to its window's accumulator.
     *
     * @param update e.g. {@code (acc, r) -> acc.addMillis(r.handleMillis())}
     * @return this builder
     * @throws IllegalStateException if {@link #revised} was set
     */
    public Builder<V, A> record(BiConsumer<A, V> update) {
      if (revisedKey != null) {
        throw new IllegalStateException("revised(...) was already set; use one of record, revised");
      }
      this.update = Objects.requireNonNull(update, "update");
      return this;
    }

    /**
     * Applies each record as a revision of a keyed value through {@link RevisedValues} (last
     * revision wins). The accumulator must be {@link IntRetractable}, e.g. a {@code
     * RatingAccumulator}.
     *
     * @param key the response key
     * @param revision the revision number
     * @param value the value at that revision
     * @return this builder
     * @throws IllegalArgumentException if the accumulator is not retractable
     * @throws IllegalStateException if {@link #record} was set
     */
    public Builder<V, A> revised(
        Function<V, String> key, ToLongFunction<V> revision, ToIntFunction<V> value) {
      if (!IntRetractable.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException(
            "revised(...) needs an IntRetractable accumulator, "
                + type.getSimpleName()
                + " is not");
      }
      if (update != null) {
        throw new IllegalStateException("record(...) was already set; use one of record, revised");
      }
      this.revisedKey = Objects.requireNonNull(key, "key");
      this.revision = Objects.requireNonNull(revision, "revision");
      this.rating = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Reads the records for which {@code isRemoval} holds as removals of their key as of their
     * revision ({@link RevisedValues#remove(Object, long)}: a deleted survey response, its deletion
     * stamped like its edits), after {@link #revised}: whatever the arrival order, the key ends
     * removed exactly when its highest revision is a removal. The value function is not called for
     * a removal. A predicate that throws rejects the record as bad data (counted, dead-lettered).
     *
     * @param isRemoval whether a record removes its key
     * @return this builder
     * @throws IllegalStateException if {@link #revised} was not set first
     */
    public Builder<V, A> removal(Predicate<V> isRemoval) {
      if (revisedKey == null) {
        throw new IllegalStateException("removal(...) needs revised(...) first");
      }
      this.removal = Objects.requireNonNull(isRemoval, "isRemoval");
      return this;
    }

    /**
     * Sets how long after its end a window still accepts events.
     *
     * @param lateness zero or more, at most {@code Long.MAX_VALUE} ms ({@code
     *     Duration.ofMillis(Long.MAX_VALUE)}: windows never close); truncated to milliseconds, as
     *     {@link dev.servicekit.kpi.WindowedKpi#create WindowedKpi.create} takes it
     * @return this builder
     * @throws IllegalArgumentException if negative or longer than {@code Long.MAX_VALUE} ms (such
     *     as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder<V, A> allowedLateness(Duration lateness) {
      this.lateness =
          Settings.duration(
              Objects.requireNonNull(lateness, "lateness"),
              "allowedLateness",
              Duration.ZERO,
              "zero or more");
      return this;
    }

    /**
     * Sets how often, in stream time, the punctuator closes the windows whose allowed lateness has
     * passed and emits them. A window's result does not depend on it; it bounds how long after the
     * stream time passes a window's close the window is emitted.
     *
     * @param interval at least one millisecond, at most {@code Long.MAX_VALUE} ms
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond or longer than {@code
     *     Long.MAX_VALUE} ms
     */
    public Builder<V, A> punctuationInterval(Duration interval) {
      this.interval =
          Settings.duration(interval, "punctuationInterval", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Bounds the record timestamps that move the task's stream time, which closes the windows: a
     * record whose Kafka timestamp is more than {@code maxTimestampAhead} ahead of the wall clock
     * when it is read takes the partition's time instead (the wall clock for a partition's first
     * record), and is then processed as any other (windowed by its own event time). One record from
     * a producer with a broken clock (stamped 2999, say) would otherwise move stream time there for
     * good, close every open window of its partition and make every later record late. Off by
     * default, as in earlier versions. The bound replaces the application's {@code
     * default.timestamp.extractor} for this input: it reads the record's own Kafka timestamp, so an
     * extractor of your own (event time from the value) is not used for it: bound the times in that
     * extractor instead.
     *
     * @param maxTimestampAhead at least one millisecond, at most {@code Long.MAX_VALUE} ms;
     *     truncated to milliseconds
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond (zero or negative) or longer
     *     than {@code Long.MAX_VALUE} ms (such as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder<V, A> maxTimestampAhead(Duration maxTimestampAhead) {
      this.maxTimestampAhead =
          Settings.duration(
              maxTimestampAhead, "maxTimestampAhead", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Keeps the store in memory instead of RocksDB (still changelogged).
     *
     * @param inMemory true for an in-memory store
     * @return this builder
     */
    public Builder<V, A> inMemoryStores(boolean inMemory) {
      this.inMemory = inMemory;
      return this;
    }

    /**
     * Builds the immutable description.
     *
     * @return the topology description
     * @throws IllegalStateException if {@link #groupBy} or one of {@link #record}, {@link #revised}
     *     was not set
     * @throws IllegalArgumentException if the windows, late or dead-letter topic is the input topic
     *     (the topology would read its own output back), or if the late or dead-letter topic is the
     *     windows topic (readers of the windows would fail on its records)
     */
    public WindowedKpiTopology<V, A> build() {
      if (groupOf == null) {
        throw new IllegalStateException("groupBy(...) was not set");
      }
      if (update == null && revisedKey == null) {
        throw new IllegalStateException("record(...) or revised(...) was not set");
      }
      Settings.distinct(inputTopic, outputTopic, "windows topic");
      Settings.distinct(inputTopic, lateTopic, "late topic");
      Settings.distinct(inputTopic, deadLetterTopic, "deadLetterTopic");
      Settings.notOutput(outputTopic, "windows topic", lateTopic, "late topic");
      Settings.notOutput(outputTopic, "windows topic", deadLetterTopic, "deadLetterTopic");
      requireSnapshotFormat();
      return new WindowedKpiTopology<>(this);
    }

    /**
     * Refuses an accumulator the windows cannot be stored as: they are kept as {@link KpiSnapshots}
     * bytes, so one without a registered snapshot format, or a factory that gives {@code null},
     * would have every record refused as a bad record (counted, dead-lettered) and no window
     * emitted, a configuration error reported as bad data.
     */
    private void requireSnapshotFormat() {
      KpiSnapshots.requireStorable(factory, type, "factory");
    }
  }
}
