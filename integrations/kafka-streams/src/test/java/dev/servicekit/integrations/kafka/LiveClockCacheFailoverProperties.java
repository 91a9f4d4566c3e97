package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.kafka.LiveClockCacheProperties.Op;
import dev.servicekit.integrations.kafka.LiveClockCacheProperties.Rec;
import dev.servicekit.integrations.kafka.internal.SlaClockProcessor;
import dev.servicekit.sla.TicketEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Exactly-once-equivalent SLA output across a task failure with the live-clock cache on. The SLA
 * processor runs as Kafka Streams runs a task (Kafka's {@link MockProcessorContext}, stores whose
 * every write is recorded as their changelog, stream time set from the records, the stream-time
 * punctuator run after each record), with commits every few records, and fails once, between two
 * records or at a write in the middle of one. Kafka Streams then restores the task's stores from
 * their changelogs and processes again from the last committed offset, with the stream time
 * committed with it
 * (https://kafka.apache.org/documentation/streams/core-concepts#streams_processing_guarantee,
 * https://kafka.apache.org/documentation/streams/architecture#streams_architecture_recovery). The
 * restarted task is, at random: the same processor closed and initialised again on restored stores
 * (a task revived after a failure, or revoked and assigned back by a rebalance), a new processor on
 * another instance (a migration), or the same processor left open while its stores are rewritten
 * under it (no such path exists in Kafka Streams; it tests the cache's byte check alone, with a
 * cache full of clocks ahead of the store).
 *
 * <p>With {@code exactly_once_v2} the changelog writes and output records after the last commit are
 * aborted: the committed output is exactly, in order, what one run without failure and without the
 * cache emits, and the stores end byte for byte equal. With {@code at_least_once} and a failure
 * between records whose writes and output all reached Kafka, the stores are restored ahead of the
 * committed offset: the output holds every record of the run without failure, some twice, nothing
 * else, and the stores end equal.
 *
 * <p>The records are {@link LiveClockCacheProperties}' histories: in order and late events,
 * redeliveries, ids reused with other content, unknown statuses, undecodable records, wrong keys,
 * tombstones, events too far ahead, orphans, solved and reopened tickets, a stream time moved
 * centuries ahead.
 */
class LiveClockCacheFailoverProperties {

  static final String CLOCKS = SlaClockTopology.CLOCK_STORE;
  static final String TIMERS = SlaClockTopology.TIMER_STORE;
  static final String SENT = SlaClockTopology.SENT_STORE;

  /** What Kafka Streams guarantees with the application's {@code processing.guarantee}. */
  enum Guarantee {
    EXACTLY_ONCE_V2,
    AT_LEAST_ONCE
  }

  /** How the task comes back after the failure. */
  enum Restart {
    /** The same processor, closed and initialised again on restored stores. */
    REVIVE,
    /** A new processor and context (another instance took the task over). */
    MIGRATE,
    /** The same processor, still open, its stores rewritten under it. */
    IN_PLACE
  }

  /** One write to a store, as its changelog holds it (value null: a delete). */
  record Change(String store, Object key, byte[] value) {}

  /** The processor's settings drawn from the seed. */
  record Config(java.time.Duration retention, Duration grace, Duration maxEventSkew) {}

  /** A task: the processor, its context and stores, the changelog and the output so far. */
  static final class Task {
    final Config config;
    final int cache;
    final Guarantee guarantee;
    final List<Change> changelog = new ArrayList<>();
    final List<String> output = new ArrayList<>();
    MockProcessorContext<String, Object> context;
    SlaClockProcessor processor;
    KeyValueStore<String, byte[]> clocks; // the raw stores (the processor writes through proxies)
    KeyValueStore<Bytes, byte[]> timers;
    KeyValueStore<String, byte[]> sent;
    long streamTime = Long.MIN_VALUE;
    long offset; // the next record's offset in the input partition
    long writes; // writes so far (all incarnations)
    long failAtWrite = -1; // the write that throws, or -1

    Task(Config config, int cache) {
      this(config, cache, Guarantee.EXACTLY_ONCE_V2);
    }

    Task(Config config, int cache, Guarantee guarantee) {
      this.config = config;
      this.cache = cache;
      this.guarantee = guarantee;
      open(context(guarantee), List.of());
    }

    /** A context whose application configs carry the guarantee. */
    static MockProcessorContext<String, Object> context(Guarantee g) {
      java.util.Properties p = new java.util.Properties();
      p.put(
          "processing.guarantee",
          g == Guarantee.EXACTLY_ONCE_V2 ? "exactly_once_v2" : "at_least_once");
      MockProcessorContext<String, Object> c = new MockProcessorContext<>(p);
      c.setCurrentSystemTimeMs(1_000_000_000L); // constant: nothing leaves the window
      return c;
    }

    /** New stores holding the changelog's {@code restored} writes, and a new processor on them. */
    void open(MockProcessorContext<String, Object> ctx, List<Change> restored) {
      context = ctx;
      restoreStores(restored);
      processor =
          new SlaClockProcessor(
              SlaFixtures.policySet(),
              SlaFixtures.CALENDARS,
              CLOCKS,
              TIMERS,
              SENT,
              false,
              config.grace(),
              Duration.ofMinutes(1),
              true,
              config.retention(),
              config.maxEventSkew(),
              cache);
      processor.init(context);
    }

    /** New stores holding {@code restored}, in the context (the processor reads them at init). */
    void restoreStores(List<Change> restored) {
      clocks =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(CLOCKS), Serdes.String(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      timers =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(TIMERS), Serdes.Bytes(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      sent =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(SENT), Serdes.String(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      clocks.init(context.getStateStoreContext(), clocks);
      timers.init(context.getStateStoreContext(), timers);
      sent.init(context.getStateStoreContext(), sent);
      replay(restored, clocks, timers, sent);
      context.addStateStore(logged(clocks, CLOCKS));
      context.addStateStore(logged(timers, TIMERS));
      context.addStateStore(logged(sent, SENT));
    }

    /** Restart, same processor: closed, its stores restored, initialised again. */
    void revive(List<Change> restored) {
      processor.close();
      restoreStores(restored);
      processor.init(context);
    }

    /** The same processor, left open: its stores' contents replaced by {@code restored}'s. */
    void rewriteInPlace(List<Change> restored) {
      KeyValueStore<String, byte[]> c = store();
      KeyValueStore<Bytes, byte[]> t = timerStore();
      KeyValueStore<String, byte[]> x = store();
      replay(restored, c, t, x);
      clearAndCopy(clocks, c);
      clearAndCopy(timers, t);
      clearAndCopy(sent, x);
    }

    private KeyValueStore<String, byte[]> store() {
      KeyValueStore<String, byte[]> s =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore("scratch-clocks"),
                  Serdes.String(),
                  Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      s.init(context.getStateStoreContext(), s);
      return s;
    }

    private KeyValueStore<Bytes, byte[]> timerStore() {
      KeyValueStore<Bytes, byte[]> s =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore("scratch-timers"),
                  Serdes.Bytes(),
                  Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      s.init(context.getStateStoreContext(), s);
      return s;
    }

    @SuppressWarnings("unchecked")
    private <K> KeyValueStore<K, byte[]> logged(KeyValueStore<K, byte[]> store, String name) {
      return (KeyValueStore<K, byte[]>)
          Proxy.newProxyInstance(
              KeyValueStore.class.getClassLoader(),
              new Class<?>[] {KeyValueStore.class},
              (proxy, m, args) -> {
                boolean put = m.getName().equals("put");
                boolean delete = m.getName().equals("delete");
                if (put || delete) {
                  if (++writes == failAtWrite) {
                    throw new IllegalStateException("write " + writes + " failed (test)");
                  }
                  byte[] v = put && args[1] != null ? ((byte[]) args[1]).clone() : null;
                  changelog.add(new Change(name, args[0], v));
                } else if (m.getName().startsWith("put")) {
                  // putIfAbsent, putAll: writes this changelog does not record
                  throw new AssertionError("the processor used " + m.getName() + " (test)");
                }
                try {
                  return m.invoke(store, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    /**
     * Processes one record at the next offset (stream time first, as Kafka Streams sets it), then
     * punctuates.
     */
    void process(Rec r) {
      context.setRecordMetadata("ticket-events", 0, offset++);
      streamTime = Math.max(streamTime, r.at().toEpochMilli());
      context.setCurrentStreamTimeMs(streamTime);
      try {
        processor.process(
            new Record<>(
                r.key(),
                r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8),
                r.at().toEpochMilli()));
        List<MockProcessorContext.CapturedPunctuator> p = context.scheduledPunctuators();
        p.get(p.size() - 1).getPunctuator().punctuate(streamTime);
      } finally {
        for (var f : context.forwarded()) {
          Object v = f.record().value();
          output.add(
              f.childName().orElse("-")
                  + " "
                  + f.record().key()
                  + " @"
                  + f.record().timestamp()
                  + " "
                  + (v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v));
        }
        context.resetForwards();
      }
    }

    Map<String, String> dump() {
      Map<String, String> m = new TreeMap<>();
      try (KeyValueIterator<String, byte[]> it = clocks.all()) {
        it.forEachRemaining(kv -> m.put("clock " + kv.key, HexFormat.of().formatHex(kv.value)));
      }
      try (KeyValueIterator<Bytes, byte[]> it = timers.all()) {
        it.forEachRemaining(
            kv ->
                m.put(
                    "timer " + HexFormat.of().formatHex(kv.key.get()),
                    HexFormat.of().formatHex(kv.value)));
      }
      return m;
    }
  }

  @SuppressWarnings("unchecked")
  static void replay(
      List<Change> log,
      KeyValueStore<String, byte[]> clocks,
      KeyValueStore<Bytes, byte[]> timers,
      KeyValueStore<String, byte[]> sent) {
    for (Change c : log) {
      KeyValueStore<Object, byte[]> s =
          (KeyValueStore<Object, byte[]>)
              (Object)
                  (c.store().equals(CLOCKS) ? clocks : c.store().equals(TIMERS) ? timers : sent);
      if (c.value() == null) {
        s.delete(c.key());
      } else {
        s.put(c.key(), c.value().clone());
      }
    }
  }

  static <K> void clearAndCopy(KeyValueStore<K, byte[]> target, KeyValueStore<K, byte[]> from) {
    List<K> keys = new ArrayList<>();
    try (KeyValueIterator<K, byte[]> it = target.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(target::delete);
    try (KeyValueIterator<K, byte[]> it = from.all()) {
      while (it.hasNext()) {
        KeyValue<K, byte[]> kv = it.next();
        target.put(kv.key, kv.value.clone());
      }
    }
  }

  /**
   * Under {@code at_least_once} the changelog write of a record can reach Kafka while its output
   * does not (the producer sends them to different topics, and a crash can lose either): the
   * restored store then already holds the event and the transitions it reported, and the record
   * processed again is a redelivery that emits nothing. The processor emits again, at the first
   * record after the restart, what it emitted since the committed offset (kept in {@value #SENT}):
   * the ticket's first response ACHIEVED, lost with its record's output, is emitted again, equal to
   * the original. Before, it was lost.
   */
  @Example
  void atLeastOnceEmitsAgainTransitionsWhoseRecordsChangelogReachedKafkaButNotItsOutput() {
    Config config = new Config(null, Duration.ZERO, null);
    TicketEvent created =
        TicketEvent.Created.byCustomer(
            "T-1", "T-1-c", LiveClockCacheProperties.START, Map.of(), Set.of());
    TicketEvent reply =
        TicketEvent.AgentReply.publicReply(
            "T-1", "T-1-r", LiveClockCacheProperties.START.plusSeconds(600));
    List<Rec> records =
        List.of(LiveClockCacheProperties.rec(created), LiveClockCacheProperties.rec(reply));
    Task plain = new Task(config, 0, Guarantee.AT_LEAST_ONCE);
    records.forEach(plain::process);
    String achieved =
        plain.output.stream().filter(l -> l.contains("kind=ACHIEVED")).findFirst().orElseThrow();

    Task task = new Task(config, 8, Guarantee.AT_LEAST_ONCE);
    task.process(records.get(0)); // committed
    int committedOutput = task.output.size();
    long committedStreamTime = task.streamTime;
    task.process(records.get(1)); // its changelog writes reached Kafka, its output did not
    List<String> visible = new ArrayList<>(task.output.subList(0, committedOutput));
    task.output.clear();
    task.revive(List.copyOf(task.changelog));
    task.streamTime = committedStreamTime;
    task.offset = 1;
    task.process(records.get(1));
    visible.addAll(task.output);

    assertTrue(plain.output.contains(achieved));
    assertTrue(visible.contains(achieved), "emitted again: " + achieved + " in " + visible);
    assertTrue(task.processor.resentTransitions() >= 1);
    assertTrue(plain.output.containsAll(visible), "only what the run without failure emitted");
    assertEquals(lines(plain.dump()), lines(task.dump()), "the stores are the same");
  }

  /** Equal lists, or a short message: the counts, and the first few lines only one side has. */
  static void assertSameLines(List<String> expected, List<String> actual, String what) {
    if (expected.equals(actual)) {
      return;
    }
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    throw new AssertionError(
        what
            + ": "
            + expected.size()
            + " expected, "
            + actual.size()
            + " found"
            + (missing.isEmpty() && extra.isEmpty() ? ", in another order" : "")
            + "; missing "
            + missing.subList(0, Math.min(3, missing.size()))
            + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : "")
            + "; unexpected "
            + extra.subList(0, Math.min(3, extra.size()))
            + (extra.size() > 3 ? " and " + (extra.size() - 3) + " more" : ""));
  }

  static List<String> lines(Map<String, String> m) {
    List<String> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(k + " = " + v));
    return out;
  }

  /** The distinct transitions among the output records. */
  static TreeSet<String> transitions(List<String> output) {
    TreeSet<String> out = new TreeSet<>();
    for (String line : output) {
      if (line.startsWith(SlaClockProcessor.TRANSITIONS + " ")) {
        out.add(line);
      }
    }
    return out;
  }

  static Config config(Random r) {
    return new Config(
        r.nextBoolean() ? Duration.ofMinutes(30 + r.nextInt(300)) : null,
        r.nextBoolean() ? Duration.ZERO : Duration.ofMinutes(10),
        r.nextInt(3) == 0 ? Duration.ofHours(6) : null);
  }

  static List<Rec> records(Random r) {
    List<Rec> out = new ArrayList<>();
    for (Op op : LiveClockCacheProperties.history(r)) {
      if (op instanceof Rec rec) {
        out.add(rec);
      }
    }
    return out;
  }

  @Property(tries = 60)
  void afterAFailureTheCommittedOutputAndStoresAreThoseOfARunWithoutFailureOrCache(
      @ForAll long seed) {
    Random r = new Random(seed);
    Config config = config(r);
    List<Rec> records = records(r);
    int cache = new int[] {1, 2, 3, 64}[r.nextInt(4)];
    Guarantee guarantee = r.nextInt(3) == 0 ? Guarantee.AT_LEAST_ONCE : Guarantee.EXACTLY_ONCE_V2;
    Restart restart = Restart.values()[r.nextInt(Restart.values().length)];
    boolean midRecord = guarantee == Guarantee.EXACTLY_ONCE_V2 && r.nextBoolean();
    int commitEvery = 1 + r.nextInt(8);
    int crashAt = 1 + r.nextInt(records.size() - 1); // the record processed when the task fails
    String what =
        "seed "
            + seed
            + ", "
            + config
            + ", cache "
            + cache
            + ", "
            + guarantee
            + ", "
            + restart
            + (midRecord ? ", failing in" : ", failing before")
            + " record "
            + crashAt
            + " of "
            + records.size()
            + ", commit every "
            + commitEvery;

    Task plain = new Task(config, 0, guarantee);
    records.forEach(plain::process);

    Task task = new Task(config, cache, guarantee);
    int committed = 0; // records committed: offsets, stream time, changelog and output with them
    int committedChanges = 0;
    int committedOutput = 0;
    long committedStreamTime = Long.MIN_VALUE;
    boolean failed = false;
    int i = 0;
    for (; i < crashAt; i++) {
      task.process(records.get(i));
      if ((i + 1) % commitEvery == 0) {
        committed = i + 1;
        committedChanges = task.changelog.size();
        committedOutput = task.output.size();
        committedStreamTime = task.streamTime;
      }
    }
    if (midRecord) {
      // a write of the record fails: the first, or a later one if it makes that many
      task.failAtWrite = task.writes + 1 + r.nextInt(3);
      try {
        task.process(records.get(crashAt));
      } catch (IllegalStateException e) {
        failed = true;
      }
      task.failAtWrite = -1;
      if (!failed) { // the record wrote fewer: it completed, and the task fails after it
        i++;
      }
    }
    Statistics.label("failed inside a record").collect(failed);

    List<Change> restored;
    List<String> visible;
    if (guarantee == Guarantee.EXACTLY_ONCE_V2) {
      // the open transaction is aborted: its changelog writes and output records are never read
      restored = List.copyOf(task.changelog.subList(0, committedChanges));
      visible = new ArrayList<>(task.output.subList(0, committedOutput));
    } else {
      // every write and record sent before the failure reached Kafka and stays
      restored = List.copyOf(task.changelog);
      visible = new ArrayList<>(task.output);
    }
    task.changelog.subList(restored.size(), task.changelog.size()).clear();
    task.output.clear();
    switch (restart) {
      case REVIVE -> task.revive(restored);
      case MIGRATE -> task.open(Task.context(guarantee), restored);
      case IN_PLACE -> task.rewriteInPlace(restored);
    }
    task.streamTime = committedStreamTime; // committed with the offsets, restored with them
    task.offset = committed;
    for (int k = committed; k < records.size(); k++) {
      task.process(records.get(k));
    }
    visible.addAll(task.output);

    if (guarantee == Guarantee.EXACTLY_ONCE_V2) {
      assertSameLines(plain.output, visible, what);
    } else {
      // Every record of the run without failure, and the same transitions, some twice. Events
      // processed again after the restore can also reach the released topic (their ticket was
      // released after them, and the restored store is ahead of them).
      assertTrue(visible.containsAll(plain.output), what);
      assertEquals(transitions(plain.output), transitions(visible), what);
    }
    assertSameLines(lines(plain.dump()), lines(task.dump()), what + ", stores");
    Statistics.label("restarted with live clocks ahead of the store")
        .collect(restart == Restart.IN_PLACE && i > committed);
  }

  /**
   * {@code at_least_once} at its worst: after the last commit every changelog write reached Kafka
   * and any output record may not have (each is lost or not at random), then the task fails and
   * comes back (revived or migrated) and processes again from the committed offset. The output a
   * consumer sees holds only records the run without failure emitted (some twice), and its last
   * transition per cycle is that run's: nothing lost. Without the store of transitions sent this
   * fails (the transitions of records whose changelog writes reached Kafka are lost).
   */
  @Property(tries = 80)
  void atLeastOnceLosingOutputAfterTheCommitLosesNoTransition(@ForAll long seed) {
    Random r = new Random(seed);
    Config config = config(r);
    List<Rec> records = records(r);
    int cache = new int[] {0, 1, 3, 64}[r.nextInt(4)];
    int commitEvery = 1 + r.nextInt(8);
    int crashAt = 1 + r.nextInt(records.size() - 1);
    Restart restart = r.nextBoolean() ? Restart.REVIVE : Restart.MIGRATE;
    String what =
        "seed "
            + seed
            + ", "
            + config
            + ", cache "
            + cache
            + ", "
            + restart
            + ", failing before"
            + " record "
            + crashAt
            + " of "
            + records.size()
            + ", commit every "
            + commitEvery;

    Task plain = new Task(config, 0, Guarantee.AT_LEAST_ONCE);
    records.forEach(plain::process);

    Task task = new Task(config, cache, Guarantee.AT_LEAST_ONCE);
    int committed = 0;
    int committedOutput = 0;
    long committedStreamTime = Long.MIN_VALUE;
    for (int i = 0; i < crashAt; i++) {
      task.process(records.get(i));
      if ((i + 1) % commitEvery == 0) {
        committed = i + 1;
        committedOutput = task.output.size();
        committedStreamTime = task.streamTime;
      }
    }
    List<String> visible = new ArrayList<>(task.output.subList(0, committedOutput));
    for (String line : task.output.subList(committedOutput, task.output.size())) {
      if (r.nextBoolean()) {
        visible.add(line); // this output record reached Kafka
      }
    }
    List<Change> restored = List.copyOf(task.changelog); // every changelog write reached Kafka
    task.output.clear();
    if (restart == Restart.REVIVE) {
      task.revive(restored);
    } else {
      task.open(Task.context(Guarantee.AT_LEAST_ONCE), restored);
    }
    task.streamTime = committedStreamTime;
    task.offset = committed;
    for (int k = committed; k < records.size(); k++) {
      task.process(records.get(k));
    }
    visible.addAll(task.output);

    assertTrue(transitions(plain.output).containsAll(transitions(visible)), what);
    assertEquals(lastPerCycle(plain.output), lastPerCycle(visible), what);
    assertSameLines(lines(plain.dump()), lines(task.dump()), what + ", stores");
  }

  /**
   * Per (ticket, metric, cycle), the kind, warning and escalation of the last transition among the
   * output lines (a consumer that keeps the last transition per cycle).
   */
  static Map<String, String> lastPerCycle(List<String> output) {
    Map<String, String> m = new TreeMap<>();
    for (String line : output) {
      if (!line.startsWith(SlaClockProcessor.TRANSITIONS + " ")) {
        continue;
      }
      java.util.regex.Matcher x =
          java.util.regex.Pattern.compile(
                  "ticketId=([^,]*), metric=([^,]*), cycle=(\\d+), key=[^,]*, kind=([A-Z]+), at=[^,]*,"
                      + " warningPercent=(\\d+), escalation=(.*)]$")
              .matcher(line);
      assertTrue(x.find(), line);
      m.put(
          x.group(1) + " " + x.group(2) + "#" + x.group(3),
          x.group(4) + " " + x.group(5) + " " + x.group(6));
    }
    return m;
  }

  /**
   * The store of transitions sent keeps a window of wall-clock time: {@code commit.interval.ms} +
   * {@code max.poll.interval.ms} + one minute (by default 30 s + 300 s + 60 s), after which Kafka
   * Streams has committed what was sent or has moved the task. The punctuator drops older entries,
   * so the store holds only the last few minutes' transitions; under exactly once it stays empty.
   */
  @Example
  void theStoreOfTransitionsSentKeepsAWindowOfWallClockTime() {
    Config config = new Config(null, Duration.ZERO, null);
    List<Rec> records = records(new Random(7));
    Task task = new Task(config, 0, Guarantee.AT_LEAST_ONCE);
    records.subList(0, 20).forEach(task::process);
    assertTrue(count(task.sent) > 0, "kept while in the window");
    long window = 30_000 + 300_000 + 60_000;
    task.context.setCurrentSystemTimeMs(1_000_000_000L + window - 1);
    task.process(records.get(20));
    assertTrue(count(task.sent) > 1, "still in the window");
    task.context.setCurrentSystemTimeMs(1_000_000_000L + window + 1);
    List<MockProcessorContext.CapturedPunctuator> p = task.context.scheduledPunctuators();
    p.get(p.size() - 1).getPunctuator().punctuate(task.streamTime);
    long left = count(task.sent);
    assertTrue(left <= 1, "only the last record's entry is left: " + left);

    Task eos = new Task(config, 0, Guarantee.EXACTLY_ONCE_V2);
    records.forEach(eos::process);
    assertEquals(0, count(eos.sent), "nothing kept under exactly once");
  }

  static long count(KeyValueStore<String, byte[]> store) {
    long n = 0;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }
}
