package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Exactly-once-equivalent SLA output across a failure with the live clock cache on, on a local
 * MiniCluster at parallelism 2 with checkpointing and a restart strategy: a generated stream (250
 * tickets, about 4,000 events, out of order and duplicated within a short distance) runs with the
 * cache on (a bound of 1, 16 or 4,096 tickets: constant eviction, some, none) and a forced failure
 * once a checkpoint has completed, at a random point, either before the SLA operator (in the event
 * stream) or after it (in the transition stream, possibly during the timers the final watermark
 * fires). The restarted job restores the last completed checkpoint into new function instances,
 * with empty caches.
 *
 * <p>What is checked, against the same input run once with no failure and the cache off (and the
 * in-process oracle {@link Streams#transitions}):
 *
 * <ul>
 *   <li>through Flink's collect sink, which is exactly once with checkpointing on (it hands out
 *       only results covered by a completed checkpoint; FLINK-14807 and the javadoc of {@code
 *       TableResult#collect}, https://github.com/apache/flink/pull/12728), the transitions are
 *       exactly the no-failure ones: none lost, none twice;
 *   <li>through a plain sink that keeps every transition it is given (at least once: it has no
 *       state, so what the operator emitted after the last checkpoint and emits again after the
 *       restore reaches it twice), every transition is a no-failure one, each at least once, and
 *       the set of distinct ones is exactly the no-failure set;
 *   <li>the final keyed state of every ticket (clock snapshot bytes, reported states, due timer,
 *       waiting events), read from the operator's keyed backend when its input ends, is byte for
 *       byte the no-failure state.
 * </ul>
 *
 * <p>The source emits at most a fixed number of events per checkpoint ({@link
 * RateLimiterStrategy#perCheckpoint}), so checkpoints complete all along the stream and a failure
 * point anywhere after the first one is reachable whatever the machine's speed; no test waits on
 * the wall clock.
 */
class LiveClockCacheFailoverProperties {

  private static final int TICKETS = 250;
  private static final int PARALLELISM = 2;

  private static MiniClusterResource cluster;

  // The generated stream and the no-failure results, read by the jobs in this JVM.
  static List<TicketEvent> events;
  static List<String> oracle;
  static Result reference;

  // Shared with the jobs' operators (same JVM); one job runs at a time.
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
  static final ConcurrentLinkedQueue<String> AT_LEAST_ONCE = new ConcurrentLinkedQueue<>();
  static final Map<String, String> FINAL_STATE = new ConcurrentHashMap<>();

  /** Where the forced failure is thrown. */
  enum Where {
    /** In a map on the events, before the SLA operator. */
    EVENTS,
    /** In a map on the transitions, after the SLA operator (chained with it). */
    TRANSITIONS
  }

  /** A run's outputs and final state. */
  record Result(List<String> exactlyOnce, List<String> atLeastOnce, Map<String, String> state) {}

  @BeforeContainer
  static void startCluster() throws Exception {
    cluster =
        new MiniClusterResource(
            new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM)
                .build());
    cluster.before();
    TestStreamEnvironment.setAsContext(cluster.getMiniCluster(), PARALLELISM);
    events = ticketEvents(20L, TICKETS);
    oracle = Streams.transitions(Fixtures.policySet(), events);
    reference = run(0, null, 0, Backend.HASHMAP);
  }

  @AfterContainer
  static void stopCluster() {
    TestStreamEnvironment.unsetAsContext();
    if (cluster != null) {
      cluster.after();
    }
  }

  @Property(tries = 6)
  void aFailureWithTheCacheOnGivesTheOutputAndStateOfARunWithoutEither(
      @ForAll @IntRange(min = 5, max = 80) int failAtPercent,
      @ForAll Where where,
      @ForAll("cacheSizes") int cache,
      @ForAll Backend backend)
      throws Exception {
    Result r = run(cache, where, failAtPercent, backend);
    String what = "cache " + cache + ", failure in " + where + " at " + failAtPercent + "%";
    assertTrue(FAILED.get(), "the job failed once: " + what);
    assertSameLines(reference.exactlyOnce(), r.exactlyOnce(), "collect sink, " + what);
    // At least once: everything, each at least once, nothing that a run without failure lacks.
    assertSameLines(
        List.copyOf(new TreeSet<>(reference.atLeastOnce())),
        List.copyOf(new TreeSet<>(r.atLeastOnce())),
        "plain sink, distinct, " + what);
    assertTrue(r.atLeastOnce().size() >= reference.atLeastOnce().size(), what);
    assertSameLines(lines(reference.state()), lines(r.state()), "final keyed state, " + what);
  }

  @Example
  void withoutAFailureTheReferenceRunIsTheInProcessOracle() {
    assertSameLines(oracle, reference.exactlyOnce(), "collect sink");
    assertSameLines(oracle, reference.atLeastOnce(), "plain sink");
    assertTrue(oracle.size() > 2 * TICKETS, "transitions: " + oracle.size());
    assertTrue(
        reference.state().keySet().stream().filter(k -> k.startsWith("sla-clock ")).count()
            == TICKETS,
        "a clock per ticket");
  }

  /**
   * Equal sorted lists, or a short message: the counts, and the first few lines only one side has
   * (the lists hold thousands of lines).
   */
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
            + " found; missing "
            + missing.subList(0, Math.min(5, missing.size()))
            + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "")
            + "; unexpected "
            + extra.subList(0, Math.min(5, extra.size()))
            + (extra.size() > 5 ? " and " + (extra.size() - 5) + " more" : ""));
  }

  private static List<String> lines(Map<String, String> state) {
    List<String> out = new ArrayList<>();
    state.forEach((k, v) -> out.add(k + " = " + v));
    return out;
  }

  @Provide
  Arbitrary<Integer> cacheSizes() {
    // mostly every ticket cached, where a stale clock would be found most often
    return Arbitraries.frequency(Tuple.of(1, 1), Tuple.of(1, 16), Tuple.of(4, 4_096));
  }

  /**
   * Ticket events in arrival order, about 16 per ticket, each moved up to 12 places and about 1 in
   * 20 sent again up to 12 places later: the disorder stays short (tens of minutes of event time),
   * so the watermark follows the stream closely and clocks change between any two checkpoints (with
   * {@link Streams#ticketEvents}' redeliveries at the very end, the watermark stays days behind and
   * most events are still waiting in state when the job fails).
   */
  static List<TicketEvent> ticketEvents(long seed, int tickets) {
    Random r = new Random(seed);
    List<TicketEvent> sorted = new ArrayList<>();
    for (int t = 0; t < tickets; t++) {
      String id = "T-" + t;
      Instant at = Streams.BASE.plusMillis((long) (r.nextDouble() * 5 * 86_400_000L));
      sorted.add(new TicketEvent.Created(id, id + "-0", at, Map.of(), Set.of()));
      int n = 8 + r.nextInt(16);
      for (int i = 1; i <= n; i++) {
        at = at.plusMillis(60_000L + r.nextInt(90 * 60_000));
        String eid = id + "-" + i;
        int k = r.nextInt(100);
        sorted.add(
            i == n && r.nextInt(10) < 7
                ? new TicketEvent.StatusChanged(id, eid, at, "solved")
                : k < 35
                    ? TicketEvent.AgentReply.publicReply(id, eid, at)
                    : k < 60
                        ? new TicketEvent.CustomerMessage(id, eid, at)
                        : k < 80
                            ? new TicketEvent.StatusChanged(id, eid, at, "pending")
                            : new TicketEvent.StatusChanged(id, eid, at, "open"));
      }
    }
    sorted.sort(Comparator.comparing(TicketEvent::at));
    for (int i = 0; i < sorted.size(); i++) {
      Collections.swap(sorted, i, Math.min(sorted.size() - 1, i + r.nextInt(12)));
    }
    List<TicketEvent> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      out.add(sorted.get(i));
      if (i >= 12 && r.nextInt(20) == 0) {
        out.add(sorted.get(i - r.nextInt(12)));
      }
    }
    return out;
  }

  /**
   * Runs the job: cache 0 is off; {@code where} null runs without a failure, else the job fails
   * once, at the first record past {@code failAtPercent} of a subtask's share of the events (or of
   * the transitions) that follows a completed checkpoint.
   */
  static Result run(int cache, Where where, int failAtPercent, Backend backend) throws Exception {
    FAILED.set(false);
    CHECKPOINTED.set(false);
    AT_LEAST_ONCE.clear();
    FINAL_STATE.clear();
    Configuration conf = backend.on(new Configuration());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(PARALLELISM);
    env.enableCheckpointing(20);

    long disorder =
        Streams.maxDisorderMillis(
            events.stream().map(TicketEvent::at).collect(Collectors.toList()));
    DataStream<TicketEvent> in =
        env.fromSource(
            new DataGeneratorSource<>(
                (GeneratorFunction<Long, TicketEvent>) i -> events.get(i.intValue()),
                events.size(),
                RateLimiterStrategy.perCheckpoint(events.size() / 12),
                ServicekitTypes.ticketEvents()),
            WatermarkStrategy.<TicketEvent>forGenerator(c -> new EveryEvent(disorder + 1))
                .withTimestampAssigner((e, ts) -> e.at().toEpochMilli()),
            "ticket-events");
    if (where == Where.EVENTS) {
      long n = (long) events.size() / PARALLELISM * failAtPercent / 100;
      in = in.map(new FailOnce<TicketEvent>(n)).returns(ServicekitTypes.ticketEvents());
    }
    FlinkSlaClocks.Options options = FlinkSlaClocks.Options.defaults().liveClockCache(cache);
    SingleOutputStreamOperator<SlaTransition> clocks =
        in.keyBy(TicketEvent::ticketId)
            .transform(
                "sla-clocks",
                ServicekitTypes.slaTransitions(),
                new FinalStateOperator(
                    FlinkSlaClocks.function(
                        Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME, options)))
            .uid("sla-clocks");
    DataStream<SlaTransition> out = clocks;
    if (where == Where.TRANSITIONS) {
      long n = (long) oracle.size() / PARALLELISM * failAtPercent / 100;
      out = clocks.map(new FailOnce<SlaTransition>(n)).returns(ServicekitTypes.slaTransitions());
    }
    out.sinkTo(new KeepEverySink());
    CloseableIterator<SlaTransition> collected = out.collectAsync();
    env.execute("live-clock-cache-failover");

    List<String> exactlyOnce = new ArrayList<>();
    collected.forEachRemaining(t -> exactlyOnce.add(Streams.line(t)));
    collected.close();
    Collections.sort(exactlyOnce);
    List<String> atLeastOnce = new ArrayList<>(AT_LEAST_ONCE);
    Collections.sort(atLeastOnce);
    return new Result(exactlyOnce, atLeastOnce, new TreeMap<>(FINAL_STATE));
  }

  /**
   * Bounded out-of-orderness with a watermark after every event rather than every 200 ms, so that
   * clocks move between any two checkpoints however fast the job runs, and a failure anywhere finds
   * live clocks ahead of the checkpoint it restores.
   */
  static final class EveryEvent implements WatermarkGenerator<TicketEvent> {
    private final long bound;
    private long max = Long.MIN_VALUE;

    EveryEvent(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(TicketEvent e, long timestamp, WatermarkOutput out) {
      if (timestamp > max) {
        max = timestamp;
        out.emitWatermark(new Watermark(max - bound));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {}
  }

  /**
   * The SLA function's operator, which also records its keyed state when its input has ended (the
   * final watermark has fired every timer by then): {@code "state ticket"} to the value, as {@link
   * StateDump} reads it.
   */
  static final class FinalStateOperator
      extends KeyedProcessOperator<String, TicketEvent, SlaTransition> {
    private static final long serialVersionUID = 1L;

    FinalStateOperator(KeyedProcessFunction<String, TicketEvent, SlaTransition> f) {
      super(f);
    }

    @Override
    public void finish() throws Exception {
      super.finish();
      FINAL_STATE.putAll(StateDump.of(this.<String>getKeyedStateBackend(), false));
    }
  }

  /** A sink without state that keeps every transition it is given (at least once). */
  static final class KeepEverySink implements Sink<SlaTransition> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<SlaTransition> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(SlaTransition t, Context context) {
          AT_LEAST_ONCE.add(Streams.line(t));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  /** Throws once, at the first record from the n-th on that follows a completed checkpoint. */
  static final class FailOnce<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    private final long n;
    private long seen;

    FailOnce(long n) {
      this.n = n;
    }

    @Override
    public T map(T value) {
      if (++seen >= n && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("forced failure after " + seen + " records");
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }
}
