package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SLA clocks behind a parallel source on a local MiniCluster, at parallelism 2 and 4: each source
 * subtask emits its share of the tickets (a ticket's inputs all from one subtask, as one Kafka
 * partition gives them), out of order within the watermark bound, with redeliveries, retractions,
 * replacements and corrections that match nothing, so the operator's watermark is the least of the
 * source subtasks' and moves with their timing. The README ("Flink", "Parallelism") promises that a
 * record within the bound is never behind the watermark, so a ticket without corrections gets, list
 * for list, the transitions of in-process clocks evaluated at each event and each timer (the oracle
 * of {@link FlinkEquivalenceTest}); a correction is evaluated at the watermark when it arrives, so
 * for a corrected ticket only what a consumer keeping the last transition per cycle ends holding is
 * fixed: the fresh clock of the final corrected history, a cycle taken away {@code CANCELLED}. The
 * originals redelivered after their replacement are the events on {@code REJECTED}.
 */
class SlaClocksParallelSourceTest {

  private static final int SLOTS = 4;

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(SLOTS)
              .build());

  static final Instant END = Streams.BASE.plus(Duration.ofDays(30));

  // The generated stream, read by the source's generator function in this JVM.
  static List<TicketInput> arrival;
  static Set<String> corrected;
  static Map<String, List<String>> expectedLists;
  static Map<String, Map<String, TicketEvent>> model;
  static List<String> expectedRejected;
  static long boundMillis;

  // The running job's view of the layout: per source subtask, its shard's inputs in order.
  static volatile List<List<TicketInput>> shards;
  static volatile int shardSize;
  static final IdentityHashMap<TicketInput, Long> STAMPS = new IdentityHashMap<>();
  static final Map<Integer, Set<Integer>> READERS = new ConcurrentHashMap<>();

  @BeforeAll
  static void generate() {
    Random r = new Random(2027);
    List<TicketEvent> events = Streams.ticketEvents(r.nextLong(), 160);
    boundMillis =
        Streams.maxDisorderMillis(events.stream().map(TicketEvent::at).collect(Collectors.toList()))
            + 1;
    List<String> tickets =
        events.stream().map(TicketEvent::ticketId).distinct().collect(Collectors.toList());
    corrected = new TreeSet<>();
    for (String t : tickets) {
      if (r.nextBoolean()) {
        corrected.add(t);
      }
    }
    List<TicketEvent> targets =
        events.stream().filter(e -> corrected.contains(e.ticketId())).collect(Collectors.toList());
    arrival = new ArrayList<>(events);
    for (int k = 0; k < 500; k++) {
      TicketEvent target = targets.get(r.nextInt(targets.size()));
      int first = arrival.indexOf(target);
      int at = first + 1 + r.nextInt(arrival.size() - first);
      TicketInput c =
          switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> EventCorrection.retract(target.ticketId(), target.id());
            case 4, 5, 6, 7 ->
                EventCorrection.replace(SlaCorrectionsHarnessProperties.edited(target, r));
            case 8, 9, 10 -> target; // redelivered after its correction, if any
            default -> EventCorrection.retract(target.ticketId(), "no-such-event");
          };
      arrival.add(at, c);
    }

    List<TicketEvent> uncorrectedEvents =
        events.stream().filter(e -> !corrected.contains(e.ticketId())).collect(Collectors.toList());
    expectedLists =
        Streams.transitionsByTicket(Fixtures.policySet(), Fixtures.CALENDARS, uncorrectedEvents);
    model = new LinkedHashMap<>();
    expectedRejected = new ArrayList<>();
    for (TicketInput in : arrival) {
      if (SlaCorrectionsHarnessProperties.apply(model, in)
          == SlaCorrectionsHarnessProperties.Outcome.REFUSED) {
        expectedRejected.add(rejected((TicketEvent) in));
      }
    }
    expectedRejected.sort(null);
  }

  @Test
  void theStreamHasEveryKindOfInputAndBothKindsOfTickets() {
    assertTrue(corrected.size() > 50, "corrected tickets: " + corrected.size());
    assertTrue(expectedLists.size() > 50, "uncorrected tickets: " + expectedLists.size());
    assertTrue(
        arrival.stream().filter(i -> i instanceof EventCorrection c && c.isRetraction()).count()
            > 150);
    assertTrue(
        arrival.stream().filter(i -> i instanceof EventCorrection c && !c.isRetraction()).count()
            > 150);
    assertTrue(expectedRejected.size() > 2, "refused redeliveries: " + expectedRejected.size());
    List<String> all = new ArrayList<>();
    expectedLists.values().forEach(all::addAll);
    for (String kind : List.of(" BREACHED ", " PAUSED ", " WARNING ", " ACHIEVED ")) {
      assertTrue(all.stream().anyMatch(t -> t.contains(kind)), kind);
    }
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {2, 4})
  void aParallelSourceGivesEachTicketTheInProcessTransitions(int parallelism) throws Exception {
    layOut(parallelism);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    DataStream<TicketInput> in =
        env.fromSource(
            new DataGeneratorSource<>(
                new ShardReader(), (long) parallelism * shardSize, ServicekitTypes.ticketInputs()),
            WatermarkStrategy.<TicketInput>forGenerator(c -> new EveryRecord(boundMillis))
                .withTimestampAssigner((x, ts) -> stampOf(x)),
            "ticket-inputs");
    SingleOutputStreamOperator<SlaTransition> transitions =
        FlinkSlaClocks.transitionsWithCorrections(
            in,
            Fixtures.policySet(),
            Fixtures.CALENDARS,
            TimeMode.EVENT_TIME,
            "sla-parallel-source",
            FlinkSlaClocks.Options.defaults());
    CloseableIterator<SlaTransition> out = transitions.collectAsync();
    CloseableIterator<TicketEvent> rejectedOut =
        transitions.getSideOutput(FlinkSlaClocks.REJECTED).collectAsync();
    JobClient job = env.executeAsync("servicekit-parallel-source-" + parallelism);
    Map<String, List<SlaTransition>> byTicket = new TreeMap<>();
    out.forEachRemaining(
        t -> byTicket.computeIfAbsent(t.ticketId(), k -> new ArrayList<>()).add(t));
    List<String> rejected = new ArrayList<>();
    rejectedOut.forEachRemaining(e -> rejected.add(rejected(e)));
    job.getJobExecutionResult().get();
    out.close();
    rejectedOut.close();

    // The layout the comparison rests on: each shard read whole by one subtask, no two alike.
    assertEquals(parallelism, READERS.size(), "shards read: " + READERS);
    Set<Integer> subtasks = new TreeSet<>();
    for (Map.Entry<Integer, Set<Integer>> e : READERS.entrySet()) {
      assertEquals(1, e.getValue().size(), "shard " + e.getKey() + " read by " + e.getValue());
      subtasks.addAll(e.getValue());
    }
    assertEquals(parallelism, subtasks.size(), "readers: " + READERS);

    for (Map.Entry<String, List<String>> t : expectedLists.entrySet()) {
      List<String> got =
          byTicket.getOrDefault(t.getKey(), List.of()).stream()
              .map(Streams::line)
              .collect(Collectors.toList());
      assertEquals(t.getValue(), got, t.getKey() + " at parallelism " + parallelism);
    }
    int cycles = 0;
    for (String ticket : corrected) {
      cycles += assertConsumerHoldsTheFreshClock(ticket, byTicket.getOrDefault(ticket, List.of()));
    }
    assertTrue(cycles > 100, "cycles checked: " + cycles);
    rejected.sort(null);
    assertEquals(expectedRejected, rejected, "REJECTED at parallelism " + parallelism);
  }

  /** Returns the number of cycles compared. */
  private static int assertConsumerHoldsTheFreshClock(String ticket, List<SlaTransition> got) {
    Map<String, TicketEvent> history = model.getOrDefault(ticket, Map.of());
    SlaClock fresh = SlaClock.of(Fixtures.policySet(), Fixtures.CALENDARS, ticket);
    history.values().forEach(fresh::accept);
    SlaEvaluation expected = null;
    if (!history.isEmpty()) {
      try {
        expected = fresh.evaluate(END);
      } catch (IllegalStateException noCreated) {
        expected = null;
      }
    }
    Map<String, List<Object>> want = new TreeMap<>();
    if (expected != null) {
      for (MetricCycle c : expected.cycles()) {
        want.put(c.id(), figures(c.state(), c.warningPercent(), c.deadline()));
      }
    }
    Map<String, List<Object>> held = new HashMap<>();
    for (SlaTransition t : got) {
      held.put(
          t.metric() + "#" + t.cycle(),
          figures(t.state().orElseThrow(), t.warningPercent(), t.deadline()));
    }
    for (Map.Entry<String, List<Object>> h : held.entrySet()) {
      if (!want.containsKey(h.getKey())) {
        // Withdrawn: CANCELLED with no warning (one already CANCELLED keeps its deadline).
        assertEquals(
            List.of(CycleState.CANCELLED, 0),
            h.getValue().subList(0, 2),
            ticket + " " + h.getKey() + " taken away");
      }
    }
    held.keySet().retainAll(want.keySet());
    assertEquals(want, new TreeMap<>(held), ticket + ": the consumer's last transition per cycle");
    return want.size();
  }

  /** State, warning and, for a cycle not paused, the deadline (a paused one's moves). */
  private static List<Object> figures(CycleState state, int warning, Optional<Instant> deadline) {
    return List.of(state, warning, state == CycleState.PAUSED ? Optional.empty() : deadline);
  }

  private static String rejected(TicketEvent e) {
    return e.ticketId() + " " + e.id() + " " + e.at();
  }

  /**
   * Splits the arrival order into one shard per source subtask by ticket, each in arrival order,
   * stamps a correction with the largest event time its shard has sent so far and pads the shards
   * to one length (a {@link DataGeneratorSource} cuts its index range into equal splits, one per
   * reader) with corrections that match nothing.
   */
  private static void layOut(int parallelism) {
    List<List<TicketInput>> s = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      s.add(new ArrayList<>());
    }
    long[] latest = new long[parallelism];
    synchronized (STAMPS) {
      STAMPS.clear();
      for (TicketInput in : arrival) {
        int shard = Math.floorMod(in.ticketId().hashCode(), parallelism);
        s.get(shard).add(in);
        if (in instanceof TicketEvent e) {
          latest[shard] = Math.max(latest[shard], e.at().toEpochMilli());
        } else {
          STAMPS.put(in, latest[shard]);
        }
      }
      int size = s.stream().mapToInt(List::size).max().orElseThrow();
      for (int i = 0; i < parallelism; i++) {
        while (s.get(i).size() < size) {
          TicketInput pad = EventCorrection.retract("PAD-" + i, "pad-" + s.get(i).size());
          s.get(i).add(pad);
          STAMPS.put(pad, latest[i]);
        }
      }
      shardSize = size;
    }
    for (List<TicketInput> shard : s) {
      assertTrue(shard.size() > 100, "a shard of " + shard.size());
    }
    shards = s;
    READERS.clear();
  }

  /** The record timestamp: an event's time, a correction's stamp in its shard. */
  private static long stampOf(TicketInput x) {
    if (x instanceof TicketEvent e) {
      return e.at().toEpochMilli();
    }
    synchronized (STAMPS) {
      Long stamp = STAMPS.get(x);
      if (stamp == null) {
        throw new IllegalStateException("not one of the generated inputs: " + x);
      }
      return stamp;
    }
  }

  /**
   * {@code forBoundedOutOfOrderness}'s watermark (the largest timestamp minus the bound minus 1
   * ms), emitted after every record rather than every 200 ms, so that it moves while this short
   * stream is read and each source subtask holds the operator's watermark back by its own progress.
   */
  private static final class EveryRecord implements WatermarkGenerator<TicketInput> {
    private final long bound;
    private long max = Long.MIN_VALUE / 2;

    EveryRecord(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(TicketInput input, long timestamp, WatermarkOutput output) {
      max = Math.max(max, timestamp);
      output.emitWatermark(new Watermark(max - bound - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Index {@code i} is record {@code i % shardSize} of shard {@code i / shardSize}. */
  private static final class ShardReader implements GeneratorFunction<Long, TicketInput> {
    private static final long serialVersionUID = 1L;
    private int subtask;

    @Override
    public void open(SourceReaderContext context) {
      subtask = context.getIndexOfSubtask();
    }

    @Override
    public TicketInput map(Long index) {
      int shard = (int) (index / shardSize);
      READERS.computeIfAbsent(shard, k -> ConcurrentHashMap.newKeySet()).add(subtask);
      return shards.get(shard).get((int) (index % shardSize));
    }
  }
}
