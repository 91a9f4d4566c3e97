package dev.servicekit.integrations.kafka;

import dev.servicekit.integrations.kafka.internal.BoundedTimestamps;
import dev.servicekit.integrations.kafka.internal.RawKeys;
import dev.servicekit.integrations.kafka.internal.Settings;
import dev.servicekit.integrations.kafka.internal.SlaClockProcessor;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * SLA clocks on Kafka Streams: ticket events and corrections in ({@link
 * ServicekitSerdes#ticketInputs()}, keyed by ticket id), {@link SlaTransition}s out ({@link
 * ServicekitSerdes#slaTransitions()}, keyed by ticket id).
 *
 * <p><b>State.</b> A persistent key-value store {@value #CLOCK_STORE} holds each ticket's clock as
 * {@link dev.servicekit.sla.SlaClockSnapshot} bytes plus its scheduled timer and the cycle states
 * already reported; a second store {@value #TIMER_STORE} indexes the timers by (due instant,
 * ticket), so a punctuation reads only the due tickets. Both are changelogged (fault tolerant);
 * RocksDB by default, or in memory ({@link Builder#inMemoryStores(boolean)}). With {@link
 * Builder#liveClockCache(int)} each task also keeps the live clocks of the tickets it used last,
 * valid only for the exact stored values they were written with.
 *
 * <p><b>Time.</b> By default timers run on <em>stream time</em>: the largest record timestamp the
 * task has seen, which is event time when record timestamps are the events' {@code at} (producers
 * should set them so, or configure a timestamp extractor). A timer due at {@code d} (from {@link
 * dev.servicekit.sla.SlaEvaluation#nextTransition()}) fires once stream time minus the {@link
 * Builder#grace(Duration) grace} reaches {@code d}, and evaluates the clock at exactly {@code d}: a
 * breach is emitted when its deadline passes even if the ticket receives no further event, as soon
 * as any record on the partition moves stream time past it. With {@link Builder#wallClock(boolean)
 * wallClock(true)} timers run on processing time instead (they fire on an idle partition too, but a
 * replay or a lagging consumer emits at the wrong moments). An event stamped before transitions
 * already emitted (a late event) can change a cycle's outcome; the topology then emits the
 * correcting transitions ({@link SlaTransition#corrected}: a lowered warning is restated; a cycle
 * the late event or a re-target took away gets {@link SlaTransition.Kind#CANCELLED}), so the last
 * transition per cycle is authoritative.
 *
 * <p><b>Bad records</b> are skipped and counted, never fail the task: a value that is not a ticket
 * event or correction (a decoded one always has a ticket id), a record keyed other than its ticket
 * id (a {@code null} key is accepted, but the topology does not repartition: a producer sends a
 * null-keyed record to a partition of its choosing, so one ticket's records may reach two tasks and
 * two clocks; key every record by its ticket id), or an event the clock rejects ({@link
 * dev.servicekit.sla.SlaClock#accept}), or, with {@link Builder#maxEventSkew(Duration)
 * maxEventSkew}, an event stamped more than that ahead of the task's time, writes and emits
 * nothing. It is counted in the task's metric {@code rejected-records-total} (group {@code
 * stream-servicekit-metrics}, tag {@code servicekit-id=sla-clocks}) and, with a {@link
 * Builder#deadLetterTopic dead-letter topic}, sent there as described in {@link
 * WindowedKpiTopology}. A <b>tombstone</b> (a {@code null} value) is a delete marker, not bad data:
 * it writes and emits nothing (it does not delete the ticket's clock), is counted apart in {@code
 * skipped-tombstones-total} (same group and tag) and is not dead-lettered.
 *
 * <p><b>Retention.</b> By default every ticket's clock is kept for ever. With {@link
 * Builder#retention(Duration) retention(d)} a <em>finished</em> ticket (in a solved status, with no
 * next transition and every cycle stopped) is released once it has stayed finished with no new
 * event for {@code d} of the topology's time (stream time minus grace, or the wall clock): its
 * clock, reported states and timer index entry are deleted, and a marker of about 13 bytes plus the
 * key stays in {@value #CLOCK_STORE}. An event that reopens the ticket (or any new event) before
 * then keeps it. A valid event for a released ticket is not applied (a fresh clock would restart
 * the ticket's cycles): it is counted in {@code released-ticket-records-total} (same group and tag)
 * and forwarded unchanged to the {@link Builder#releasedTopic released topic}; released tickets are
 * counted in {@code released-tickets-total}.
 *
 * <p><b>Anomalies.</b> An applied event or correction that adds to its ticket's {@link
 * dev.servicekit.sla.SlaEvaluation#anomalies() anomalies} (a severity, tier or channel the policy
 * does not list, so a default applied; an event stamped before the creation; a second creation; see
 * {@link dev.servicekit.sla.EventAnomaly}) is not silent: each anomaly it added ({@link
 * dev.servicekit.sla.EventAnomaly#added}: the evaluation after the record against the one before)
 * is counted in {@code event-anomalies-total} (same group and tag) and, with an {@link
 * Builder#anomaliesTopic anomalies topic}, sent there keyed by ticket id, its value the JSON text
 * of {@link dev.servicekit.sla.EventAnomaly#toJson(String)}, its timestamp that of the record that
 * added it (the anomalous event's own time, which may lie before 1970, is in the JSON). An anomaly
 * that a later record takes away (a same-instant event that sets the missing tier, a retraction) is
 * not withdrawn there: the clock's evaluation is authoritative. With {@link
 * dev.servicekit.sla.SlaPolicySet#rejectUnknownKeys() rejectUnknownKeys} the unknown values are
 * rejected as bad records instead.
 *
 * <p><b>Orphans.</b> A ticket whose first stored event is not a {@code Created} is counted in
 * {@code orphan-tickets-total} (same group and tag). With a retention, a ticket still without a
 * {@code Created} after the retention with no new event is released: its held events go to the
 * released topic as {@link dev.servicekit.sla.TicketEventJson} values stamped with their own time
 * (1970-01-01T00:00:00Z for one before 1970, the earliest a Kafka timestamp can be; counted in
 * {@code released-ticket-records-total}), later events for it follow.
 *
 * <p><b>Corrections.</b> The input topic carries {@link dev.servicekit.sla.EventCorrection}s too
 * ({@link dev.servicekit.sla.TicketEventJson#readInput}: {@code Retracted}, {@code Replaced}),
 * keyed by ticket id like the events, so a correction is applied in order with the ticket's events:
 * due timers fire first, then {@link dev.servicekit.sla.SlaClock#retract} or {@link
 * dev.servicekit.sla.SlaClock#replace}, and the corrected clock is evaluated at the task's time (or
 * its latest event, if later). Every cycle whose state, warning or escalation changed, in either
 * direction, gets a transition ({@link SlaTransition#corrected}); a cycle the correction took away
 * gets {@link SlaTransition.Kind#CANCELLED} ({@link SlaTransition#withdrawn}); the timer and the
 * release deadline follow the corrected clock. A correction that matches no accepted event (its
 * ticket has no clock, or no event with its id: it arrived before its event, or its event was
 * rejected) changes no clock and is counted in {@code unmatched-corrections-total} (same group and
 * tag); one for a released ticket is routed as an event for it is; a replacement the clock rejects
 * (or, with {@code maxEventSkew}, stamped too far ahead) is a bad record. Retracting every event of
 * a ticket deletes its state. The stored state keeps its format.
 *
 * <p><b>Several in one application.</b> {@link #addTo(Topology)} adds the nodes to a topology of
 * the caller's, beside other SLA topologies and {@link WindowedKpiTopology}s. Each SLA topology
 * added to one topology needs its own {@link Builder#name name} (at most one may keep none) and, as
 * Kafka Streams requires, its own input topic. A named topology's stores are {@code
 * servicekit-sla-<name>-clocks} and {@code servicekit-sla-<name>-timers} ({@link
 * #clockStoreName()}, {@link #timerStoreName()}) and its metrics' tag is {@code
 * servicekit-id=sla-<name>}; an unnamed one keeps {@value #CLOCK_STORE}, {@value #TIMER_STORE} and
 * {@code sla-clocks}.
 *
 * <p>Instances are immutable and thread-safe; {@link #build()} returns a new topology each time.
 */
public final class SlaClockTopology {

  /** Name of the clock store of an unnamed topology. */
  public static final String CLOCK_STORE = "servicekit-sla-clocks";

  /** Name of the timer index store of an unnamed topology. */
  public static final String TIMER_STORE = "servicekit-sla-timers";

  /** The released topic used when a retention is set and no released topic is. */
  public static final String DEFAULT_RELEASED_TOPIC = "sla-released-events";

  private final SlaPolicySet set;
  private final Map<String, BusinessCalendar> calendars;
  private final String inputTopic;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final boolean wallClock;
  private final Duration grace;
  private final Duration interval;
  private final boolean inMemory;
  private final Duration retention;
  private final String releasedTopic;
  private final Duration maxEventSkew;
  private final Duration maxTimestampAhead;
  private final int liveClockCache;
  private final String name; // null: unnamed
  private final String anomaliesTopic; // null: anomalies counted only

  private SlaClockTopology(Builder b) {
    this.set = b.set;
    this.calendars = b.calendars;
    this.inputTopic = b.inputTopic;
    this.outputTopic = b.outputTopic;
    this.deadLetterTopic = b.deadLetterTopic;
    this.wallClock = b.wallClock;
    this.grace = b.grace;
    this.interval = b.interval;
    this.inMemory = b.inMemory;
    this.retention = b.retention;
    this.releasedTopic = b.releasedTopic();
    this.maxEventSkew = b.maxEventSkew;
    this.maxTimestampAhead = b.maxTimestampAhead;
    this.liveClockCache = b.liveClockCache;
    this.name = b.name;
    this.anomaliesTopic = b.anomaliesTopic;
  }

  /**
   * Starts a builder.
   *
   * @param set the policy set
   * @param calendars calendar key -&gt; calendar, as for {@link dev.servicekit.sla.SlaClock#of}
   * @return a builder with input topic {@code ticket-events}, output topic {@code sla-transitions},
   *     stream time, no grace and a punctuation interval of one second
   * @throws IllegalArgumentException if the set uses a calendar key {@code calendars} lacks (as
   *     {@link dev.servicekit.sla.SlaClock#of} refuses it): checked here, not at the first record,
   *     where every record would fail the task
   */
  public static Builder builder(SlaPolicySet set, Map<String, BusinessCalendar> calendars) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(calendars, "calendars");
    // the clock's check first: it names a null calendar by its key, where Map.copyOf names nothing
    dev.servicekit.sla.SlaClock.of(set, calendars, "validate");
    return new Builder(set, Map.copyOf(calendars));
  }

  /**
   * Reads a ticket's clock out of a value of the clock store ({@link #clockStoreName()}), for
   * interactive queries: a CRM showing "due in" reads the store of a running application ({@code
   * streams.store(StoreQueryParameters.fromNameAndType(topology.clockStoreName(),
   * QueryableStoreTypes.keyValueStore()))}, keys ticket ids, values {@code byte[]}) and evaluates
   * the clock at its own instant. The values are an internal format; this is the one way to read
   * them. {@code O(events)}: the clock is restored from its snapshot, as at a restart.
   *
   * @param storeValue the value the clock store holds for a ticket
   * @param set the policy set the topology runs (as for {@link
   *     dev.servicekit.sla.SlaClockSnapshot#fromBytes})
   * @param calendars the topology's calendars
   * @return the ticket's clock, a new one that no later record changes; empty for a ticket released
   *     after its retention (its value then keeps only the release instant)
   * @throws IllegalArgumentException if the bytes are not a clock-store value, or do not restore
   *     under {@code set} and {@code calendars}
   */
  public static java.util.Optional<dev.servicekit.sla.SlaClock> clockOf(
      byte[] storeValue, SlaPolicySet set, Map<String, BusinessCalendar> calendars) {
    Objects.requireNonNull(storeValue, "storeValue");
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(calendars, "calendars");
    byte[] snapshot = dev.servicekit.integrations.kafka.internal.ClockState.snapshotOf(storeValue);
    return snapshot == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            dev.servicekit.sla.SlaClockSnapshot.fromBytes(set, calendars, snapshot));
  }

  /**
   * Returns the name of the clock store: {@value #CLOCK_STORE}, or {@code
   * servicekit-sla-<name>-clocks} for a named topology.
   *
   * @return the store name
   */
  public String clockStoreName() {
    return nodes().clockStore();
  }

  /**
   * Returns the name of the timer index store: {@value #TIMER_STORE}, or {@code
   * servicekit-sla-<name>-timers} for a named topology.
   *
   * @return the store name
   */
  public String timerStoreName() {
    return nodes().timerStore();
  }

  /** The names of this topology's stores, sinks and metrics tag. */
  private SlaClockProcessor.Nodes nodes() {
    return SlaClockProcessor.Nodes.of(name, deadLetterTopic != null);
  }

  /**
   * Builds the topology: source, SLA processor with its two stores, sinks.
   *
   * @return a new topology
   */
  public Topology build() {
    return addTo(new Topology());
  }

  /**
   * Adds this topology's nodes (source, SLA processor with its two stores, sinks) to {@code
   * topology}, so that one Kafka Streams application can run several SLA topologies and KPIs
   * ({@link WindowedKpiTopology#addTo}): see "Several in one application" above.
   *
   * @param topology the topology to add to
   * @return {@code topology}
   * @throws org.apache.kafka.streams.errors.TopologyException if it already has a node or store of
   *     this topology's names (another one of the same name, or a second unnamed one), or a source
   *     of its input topic, or if it holds the unnamed SLA topology and this one is named {@code
   *     clocks} (or the other way round): both would count under the metrics tag {@code
   *     servicekit-id=sla-clocks}, their counters silently added up
   */
  public Topology addTo(Topology topology) {
    Topology t = Objects.requireNonNull(topology, "topology");
    SlaClockProcessor.Nodes nodes = nodes();
    java.util.Set<String> taken = namesIn(t);
    refuseSharedMetricsTag(taken, nodes.metricsId());
    String source =
        name == null ? "servicekit-ticket-events" : "servicekit-sla-" + name + "-events";
    String processor = processorName(name);
    java.util.List<String> names = new java.util.ArrayList<>();
    names.add(source);
    names.add(processor);
    names.add(nodes.transitions());
    if (anomaliesTopic != null) {
      names.add(anomaliesNode());
    }
    if (retention != null) {
      names.add(nodes.released());
    }
    if (deadLetterTopic != null) {
      names.add(nodes.deadLetter());
    }
    refuseTakenNames(taken, names, java.util.List.of(nodes.clockStore(), nodes.timerStore()));
    t.addSource(
        (org.apache.kafka.streams.AutoOffsetReset) null, // the application's default
        source,
        // null: the application's default extractor (the record's timestamp)
        maxTimestampAhead == null ? null : new BoundedTimestamps(maxTimestampAhead.toMillis()),
        RawKeys.deserializer(), // a key that is not text is refused, and dead-lettered as it was
        Serdes.ByteArray().deserializer(),
        inputTopic);
    t.addProcessor(
        processor,
        () ->
            new SlaClockProcessor(
                set,
                calendars,
                nodes,
                wallClock,
                grace,
                interval,
                retention,
                maxEventSkew,
                liveClockCache,
                anomaliesTopic == null ? null : anomaliesNode()),
        source);
    t.addStateStore(
        Stores.keyValueStoreBuilder(store(nodes.clockStore()), Serdes.String(), Serdes.ByteArray()),
        processor);
    t.addStateStore(
        Stores.keyValueStoreBuilder(store(nodes.timerStore()), Serdes.Bytes(), Serdes.ByteArray()),
        processor);
    t.addSink(
        nodes.transitions(),
        outputTopic,
        Serdes.String().serializer(),
        ServicekitSerdes.slaTransitions().serializer(),
        processor);
    if (anomaliesTopic != null) {
      t.addSink(
          anomaliesNode(),
          anomaliesTopic,
          Serdes.String().serializer(),
          Serdes.String().serializer(),
          processor);
    }
    if (retention != null) {
      t.addSink(
          nodes.released(),
          releasedTopic,
          RawKeys.serializer(),
          Serdes.ByteArray().serializer(),
          processor);
    }
    if (deadLetterTopic != null) {
      t.addSink(
          nodes.deadLetter(),
          deadLetterTopic,
          RawKeys.serializer(),
          Serdes.ByteArray().serializer(),
          processor);
    }
    return t;
  }

  /**
   * Refuses, before adding anything, a node or store name {@code t} already has: the names derive
   * from {@link Builder#name}, so two topologies can make the same one (one named {@code released}
   * beside the unnamed one with a retention: the released sink {@code
   * servicekit-sla-released-events} is the other's source). Kafka Streams refused it half-way, with
   * this topology's first nodes added, naming only the node.
   */
  private void refuseTakenNames(
      java.util.Set<String> taken,
      java.util.List<String> nodeNames,
      java.util.List<String> stores) {
    for (String n : nodeNames) {
      if (taken.contains(n)) {
        throw takenName("node", n);
      }
    }
    for (String n : stores) {
      if (taken.contains(n)) {
        throw takenName("store", n);
      }
    }
  }

  /** The node and store names {@code t} has (its description read once per {@link #addTo}). */
  private static java.util.Set<String> namesIn(Topology t) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    t.describe()
        .subtopologies()
        .forEach(
            st ->
                st.nodes()
                    .forEach(
                        n -> {
                          taken.add(n.name());
                          if (n
                              instanceof org.apache.kafka.streams.TopologyDescription.Processor p) {
                            taken.addAll(p.stores());
                          }
                        }));
    return taken;
  }

  private org.apache.kafka.streams.errors.TopologyException takenName(String what, String n) {
    return new org.apache.kafka.streams.errors.TopologyException(
        "the SLA topology "
            + (name == null ? "(unnamed)" : "named \"" + name + "\"")
            + " would add the "
            + what
            + " "
            + n
            + ", which the topology already has (another servicekit topology's name gives the"
            + " same one): give one of them another name(); nothing was added");
  }

  /**
   * Refuses to add this topology beside the one whose metrics tag is the same: the unnamed one
   * ({@code sla-clocks}) and one named {@code clocks} ({@code sla-<name>}). Their node and store
   * names differ, so Kafka Streams would take both, and every counter of one would be added to the
   * other's (Kafka Streams keeps one thread-level sensor per name and tag).
   */
  private void refuseSharedMetricsTag(java.util.Set<String> taken, String metricsId) {
    String other =
        name == null ? processorName("clocks") : name.equals("clocks") ? processorName(null) : null;
    if (other != null && taken.contains(other)) {
      throw new org.apache.kafka.streams.errors.TopologyException(
          "an unnamed SLA topology and one named \"clocks\" would share the metrics tag"
              + " servicekit-id="
              + metricsId
              + " and add up each other's counters: give the named one another name()");
    }
  }

  /** The SLA processor's node name of a topology of this name (null: unnamed). */
  private static String processorName(String name) {
    return name == null ? "servicekit-sla-clocks" : "servicekit-sla-" + name + "-clocks";
  }

  /** The anomalies sink's node name. */
  private String anomaliesNode() {
    return name == null ? "servicekit-sla-anomalies" : "servicekit-sla-" + name + "-anomalies";
  }

  private KeyValueBytesStoreSupplier store(String name) {
    return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
  }

  /** Builder of {@link SlaClockTopology}; not thread-safe. */
  public static final class Builder {
    private final SlaPolicySet set;
    private final Map<String, BusinessCalendar> calendars;
    private String inputTopic = "ticket-events";
    private String outputTopic = "sla-transitions";
    private String deadLetterTopic;
    private boolean wallClock;
    private Duration grace = Duration.ZERO;
    private Duration interval = Duration.ofSeconds(1);
    private boolean inMemory;
    private Duration retention;
    private String releasedTopic;
    private Duration maxEventSkew;
    private Duration maxTimestampAhead;
    private int liveClockCache;
    private String name;
    private String anomaliesTopic;

    private Builder(SlaPolicySet set, Map<String, BusinessCalendar> calendars) {
      this.set = set;
      this.calendars = calendars;
    }

    /**
     * Names the topology, so that several can be added to one Kafka Streams topology ({@link
     * SlaClockTopology#addTo}): its node and store names and its metrics' tag derive from the name.
     * Unnamed by default (the stores {@value SlaClockTopology#CLOCK_STORE} and {@value
     * SlaClockTopology#TIMER_STORE}, the tag {@code sla-clocks}).
     *
     * @param name letters, digits and {@code -}
     * @return this builder
     * @throws IllegalArgumentException if empty or of other characters
     */
    public Builder name(String name) {
      this.name = Settings.name(name);
      return this;
    }

    /**
     * Sets the input topic (ticket events keyed by ticket id).
     *
     * @param topic the topic
     * @return this builder
     */
    public Builder inputTopic(String topic) {
      this.inputTopic = requireTopic(topic, "inputTopic");
      return this;
    }

    /**
     * Sets the output topic (SLA transitions keyed by ticket id).
     *
     * @param topic the topic
     * @return this builder
     */
    public Builder outputTopic(String topic) {
      this.outputTopic = requireTopic(topic, "outputTopic");
      return this;
    }

    /**
     * Sends rejected records (not a ticket event or correction, a key other than the ticket id, an
     * event beyond {@link #maxEventSkew}, or one {@link dev.servicekit.sla.SlaClock#accept} or a
     * correction rejects) to a dead-letter topic besides counting them; without one they are only
     * counted. The format is that of {@link WindowedKpiTopology.Builder#deadLetterTopic}.
     *
     * @param topic the dead-letter topic
     * @return this builder
     */
    public Builder deadLetterTopic(String topic) {
      this.deadLetterTopic = requireTopic(topic, "deadLetterTopic");
      return this;
    }

    /**
     * Sends each anomaly an applied record adds to its ticket's evaluation to this topic, keyed by
     * ticket id, as the JSON text of {@link dev.servicekit.sla.EventAnomaly#toJson(String)} (see
     * "Anomalies" in the class comment); without one they are only counted ({@code
     * event-anomalies-total}).
     *
     * @param topic the anomalies topic
     * @return this builder
     */
    public Builder anomaliesTopic(String topic) {
      this.anomaliesTopic = requireTopic(topic, "anomaliesTopic");
      return this;
    }

    /**
     * Runs timers on processing (wall-clock) time instead of stream (event) time.
     *
     * @param wallClock true for processing time
     * @return this builder
     */
    public Builder wallClock(boolean wallClock) {
      this.wallClock = wallClock;
      return this;
    }

    /**
     * Delays timers (and the evaluation instant) by {@code grace} behind the topology's time, so
     * that events up to {@code grace} late are applied before the transitions they affect fire. An
     * event is applied when it arrives: one ahead of the delayed time first fires its ticket's
     * transitions due up to its own instant (not past stream time), at their exact instants.
     *
     * @param grace zero or more, at most {@code Long.MAX_VALUE} ms; truncated to milliseconds
     * @return this builder
     * @throws IllegalArgumentException if negative or longer than {@code Long.MAX_VALUE} ms (such
     *     as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder grace(Duration grace) {
      this.grace = Settings.duration(grace, "grace", Duration.ZERO, "zero or more");
      return this;
    }

    /**
     * Sets how often the punctuator looks for due timers (in the time the timers run on). Timers
     * are evaluated at their exact instant whatever the interval; it only bounds the emit delay.
     *
     * @param interval at least one millisecond, at most {@code Long.MAX_VALUE} ms
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond or longer than {@code
     *     Long.MAX_VALUE} ms
     */
    public Builder punctuationInterval(Duration interval) {
      this.interval =
          Settings.duration(interval, "punctuationInterval", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Keeps the stores in memory instead of RocksDB (still changelogged, so restored after a
     * failure, but held whole on the heap: for small state and for tests).
     *
     * @param inMemory true for in-memory stores
     * @return this builder
     */
    public Builder inMemoryStores(boolean inMemory) {
      this.inMemory = inMemory;
      return this;
    }

    /**
     * Releases the state of a finished ticket (in a solved status, no next transition, every cycle
     * stopped) once it has stayed finished with no new event for {@code retention}, measured in the
     * topology's time (stream time minus the grace by default, the wall clock with {@link
     * #wallClock(boolean) wallClock(true)}). Events for a released ticket go unchanged to the
     * {@link #releasedTopic(String) released topic} (default {@code sla-released-events}) and are
     * counted. Without this setting every ticket is kept for ever, as in earlier versions.
     *
     * @param retention at least one millisecond, at most {@code Long.MAX_VALUE} ms; truncated to
     *     milliseconds
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond (zero or negative) or longer
     *     than {@code Long.MAX_VALUE} ms (such as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder retention(Duration retention) {
      this.retention =
          Settings.duration(retention, "retention", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Sets the topic that receives, unchanged, the events for tickets whose state was released (see
     * {@link #retention(Duration)}); {@code sla-released-events} by default.
     *
     * @param topic the topic
     * @return this builder
     */
    public Builder releasedTopic(String topic) {
      this.releasedTopic = requireTopic(topic, "releasedTopic");
      return this;
    }

    /**
     * Rejects an event whose {@code at} is more than {@code maxEventSkew} ahead of the task's time
     * when it arrives: stream time (the largest record timestamp the task has seen, this record's
     * included; the grace is not subtracted), or the wall clock with {@link #wallClock(boolean)
     * wallClock(true)}. Such an event (e.g. a producer bug stamping a message in 2299 on a record
     * with a sane timestamp) would otherwise be applied, emit its ticket's warnings and breaches at
     * once, stamped in the future, and leave the ticket evaluated at that instant from then on
     * (and, with a retention, never released). It is rejected like any bad record: counted in
     * {@code rejected-records-total}, sent to the {@link #deadLetterTopic dead-letter topic} if
     * any, the ticket unchanged. An event within the skew, or behind the task's time (late), is
     * unaffected. Off by default: every event in the supported range is applied, as in earlier
     * versions. Note that with record timestamps equal to the events' {@code at} stream time
     * already includes the event's own time, so this bounds only events whose {@code at} is ahead
     * of their record timestamps (and of every earlier one).
     *
     * @param maxEventSkew at least one millisecond, at most {@code Long.MAX_VALUE} ms; truncated to
     *     milliseconds
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond (zero or negative) or longer
     *     than {@code Long.MAX_VALUE} ms (such as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder maxEventSkew(Duration maxEventSkew) {
      this.maxEventSkew =
          Settings.duration(maxEventSkew, "maxEventSkew", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Bounds the record timestamps that move the task's stream time: a record whose Kafka timestamp
     * is more than {@code maxTimestampAhead} ahead of the wall clock when it is read takes the
     * partition's time instead (the wall clock for a partition's first record), and is then
     * processed as any other. One record from a producer with a broken clock (stamped 2999, say)
     * would otherwise move stream time there for good (it is committed with the offsets), fire
     * every SLA timer of its partition at once and, with a {@link #retention retention}, release
     * every finished ticket there. If the event's own {@code at} is far ahead too, {@link
     * #maxEventSkew} rejects it (counted, dead-lettered); set both. Off by default: record
     * timestamps are taken as they are, as in earlier versions. With {@link #wallClock(boolean)
     * wallClock(true)} stream time does not drive the timers, and this bound matters less. The
     * bound replaces the application's {@code default.timestamp.extractor} for this input: it reads
     * the record's own Kafka timestamp, so an extractor of your own (event time from the value) is
     * not used for it: bound the times in that extractor instead.
     *
     * @param maxTimestampAhead at least one millisecond, at most {@code Long.MAX_VALUE} ms;
     *     truncated to milliseconds
     * @return this builder
     * @throws IllegalArgumentException if shorter than one millisecond (zero or negative) or longer
     *     than {@code Long.MAX_VALUE} ms (such as {@link java.time.temporal.ChronoUnit#FOREVER})
     */
    public Builder maxTimestampAhead(Duration maxTimestampAhead) {
      this.maxTimestampAhead =
          Settings.duration(
              maxTimestampAhead, "maxTimestampAhead", Duration.ofMillis(1), "at least 1 ms");
      return this;
    }

    /**
     * Keeps the live clocks of up to {@code maxTickets} tickets per task between their records, the
     * least recently used dropped first, so that a record of such a ticket skips restoring its
     * clock from the stored snapshot (a replay of all the ticket's events, which makes a long
     * ticket's cost grow with the square of its length) and parsing the rest of its stored value;
     * the value is still encoded and written after every record. The store stays the source of
     * truth: a cached clock is used only while the ticket's value in {@value #CLOCK_STORE} is, byte
     * for byte, the value the task last wrote with it; any other value (restored from the
     * changelog, after a rebalance or a failure) is restored from the store as without the cache,
     * and the cache is dropped when the task is closed or initialised again. Outputs and stored
     * bytes are those of the topology without the cache. Costs heap per cached ticket: its live
     * clock and parsed state (3-4.5 KB for a 20-event ticket, about 180 B per event for long ones:
     * 360 KB at 2,000 events; see the README) and, with RocksDB stores, a copy of its stored value.
     * Restores with the cache on are counted in {@code live-clock-restores-total} (group {@code
     * stream-servicekit-metrics}, tag {@code servicekit-id=sla-clocks}). Off (0) by default.
     *
     * @param maxTickets the most tickets cached per task, zero or more; 0 turns the cache off
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder liveClockCache(int maxTickets) {
      if (maxTickets < 0) {
        throw new IllegalArgumentException(
            "liveClockCache must be zero (off) or more tickets, was " + maxTickets);
      }
      this.liveClockCache = maxTickets;
      return this;
    }

    /** The released topic in effect: the one set, else the default if a retention is set. */
    private String releasedTopic() {
      return releasedTopic != null || retention == null ? releasedTopic : DEFAULT_RELEASED_TOPIC;
    }

    /**
     * Builds the immutable description.
     *
     * @return the SLA clock topology
     * @throws IllegalArgumentException if the output, dead-letter, released or anomalies topic is
     *     the input topic (the topology would read its own output back), if the dead-letter,
     *     released or anomalies topic is the output topic (readers of the transitions would fail on
     *     its records), if the dead-letter or released topic is the anomalies topic, or if a
     *     released topic is set without a retention (it would never receive anything)
     */
    public SlaClockTopology build() {
      Settings.distinct(inputTopic, outputTopic, "outputTopic");
      Settings.distinct(inputTopic, deadLetterTopic, "deadLetterTopic");
      Settings.distinct(inputTopic, anomaliesTopic, "anomaliesTopic");
      Settings.notOutput(outputTopic, "outputTopic", anomaliesTopic, "anomaliesTopic");
      if (anomaliesTopic != null) { // the side topics carry records of other formats
        Settings.notOutput(anomaliesTopic, "anomaliesTopic", deadLetterTopic, "deadLetterTopic");
        Settings.notOutput(anomaliesTopic, "anomaliesTopic", releasedTopic(), "releasedTopic");
      }
      if (releasedTopic != null && retention == null) {
        throw new IllegalArgumentException(
            "releasedTopic \"" + releasedTopic + "\" is set but retention is not: set both");
      }
      Settings.distinct(inputTopic, releasedTopic(), "releasedTopic");
      Settings.notOutput(outputTopic, "outputTopic", deadLetterTopic, "deadLetterTopic");
      Settings.notOutput(outputTopic, "outputTopic", releasedTopic(), "releasedTopic");
      return new SlaClockTopology(this);
    }

    private static String requireTopic(String topic, String field) {
      return Settings.topic(topic, field);
    }
  }
}
