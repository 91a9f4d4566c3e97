package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    final List<Change> changelog = new ArrayList<>();
    final List<String> output = new ArrayList<>();
    MockProcessorContext<String, Object> context;
    SlaClockProcessor processor;
    KeyValueStore<String, byte[]> clocks; // the raw stores (the processor writes through proxies)
    KeyValueStore<Bytes, byte[]> timers;
    long streamTime = Long.MIN_VALUE;
    long writes; // writes so far (all incarnations)
    long failAtWrite = -1; // the write that throws, or -1

    Task(Config config, int cache) {
      this.config = config;
      this.cache = cache;
      open(new MockProcessorContext<>(), List.of());
    }

    /** New stores holding the changelog's {@code restored} writes, and a new processor on them. */
    void open(MockProcessorContext<String, Object> ctx, List<Change> restored) {
      context = ctx;
      restoreStores(restored);
      processor =
          new SlaClockProcessor(
              SlaFixtures.policySet(),
              SlaFixtures.CALENDARS,
              new SlaClockProcessor.Nodes(
                  CLOCKS,
                  TIMERS,
                  SlaClockProcessor.TRANSITIONS,
                  SlaClockProcessor.RELEASED,
                  "dead-letter",
                  "sla-clocks"),
              false,
              config.grace(),
              Duration.ofMinutes(1),
              config.retention(),
              config.maxEventSkew(),
              cache,
              null);
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
      clocks.init(context.getStateStoreContext(), clocks);
      timers.init(context.getStateStoreContext(), timers);
      replay(restored, clocks, timers);
      context.addStateStore(logged(clocks, CLOCKS));
      context.addStateStore(logged(timers, TIMERS));
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
      replay(restored, c, t);
      clearAndCopy(clocks, c);
      clearAndCopy(timers, t);
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

    /** Processes one record (stream time first, as Kafka Streams sets it), then punctuates. */
    void process(Rec r) {
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
      List<Change> log, KeyValueStore<String, byte[]> clocks, KeyValueStore<Bytes, byte[]> timers) {
    for (Change c : log) {
      KeyValueStore<Object, byte[]> s =
          (KeyValueStore<Object, byte[]>) (Object) (c.store().equals(CLOCKS) ? clocks : timers);
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
   * The limit of {@code at_least_once} that the README states: the changelog write of a record
   * reached Kafka, its output did not (the producer sends them to different topics, and a crash can
   * lose either), so the restored store already holds the event and the transitions it reported.
   * Processed again, the event is a redelivery to its clock and nothing is emitted: the ticket's
   * first response ACHIEVED is lost. With {@code exactly_once_v2} both are aborted together.
   */
  @Example
  void atLeastOnceLosesTransitionsWhoseRecordsChangelogReachedKafkaButNotItsOutput() {
    Config config = new Config(null, Duration.ZERO, null);
    TicketEvent created =
        TicketEvent.Created.byCustomer(
            "T-1", "T-1-c", LiveClockCacheProperties.START, Map.of(), Set.of());
    TicketEvent reply =
        TicketEvent.AgentReply.publicReply(
            "T-1", "T-1-r", LiveClockCacheProperties.START.plusSeconds(600));
    List<Rec> records =
        List.of(LiveClockCacheProperties.rec(created), LiveClockCacheProperties.rec(reply));
    Task plain = new Task(config, 0);
    records.forEach(plain::process);
    String achieved =
        plain.output.stream().filter(l -> l.contains("kind=ACHIEVED")).findFirst().orElseThrow();

    Task task = new Task(config, 8);
    task.process(records.get(0)); // committed
    int committedOutput = task.output.size();
    long committedStreamTime = task.streamTime;
    task.process(records.get(1)); // its changelog writes reached Kafka, its output did not
    List<String> visible = new ArrayList<>(task.output.subList(0, committedOutput));
    task.output.clear();
    task.revive(List.copyOf(task.changelog));
    task.streamTime = committedStreamTime;
    task.process(records.get(1));
    visible.addAll(task.output);

    assertTrue(plain.output.contains(achieved));
    assertFalse(visible.contains(achieved), "lost: " + achieved);
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

    Task plain = new Task(config, 0);
    records.forEach(plain::process);

    Task task = new Task(config, cache);
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
      case MIGRATE -> task.open(new MockProcessorContext<>(), restored);
      case IN_PLACE -> task.rewriteInPlace(restored);
    }
    task.streamTime = committedStreamTime; // committed with the offsets, restored with them
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
}
