package dev.servicekit.benchmarks.checkpoint;

import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.integrations.kafka.internal.SlaClockProcessor;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kafka adapter's per-event path on long tickets, with and without the live-clock cache ({@link
 * SlaClockTopology.Builder#liveClockCache(int)}): one event of a ticket of {@code events} events
 * through {@link SlaClockTopology} in a {@code TopologyTestDriver} (in-memory stores) per
 * operation; when the ticket ends, the same ticket again under a new id, an hour after the last
 * one's end (so stream time only moves forward and every round does the same work). The ticket is
 * {@link LongTicketCheckpointBenchmark}'s. Without the cache each event restores the ticket's clock
 * from its snapshot (a replay of all its events so far), so an operation costs the ticket's average
 * step; with it, the live clock is reused and only the snapshot is written.
 *
 * <p>Two harnesses: {@code TOPOLOGY_TEST_DRIVER} runs {@link SlaClockTopology} (in-memory stores)
 * in Kafka's {@code TopologyTestDriver}, which also serializes the record, commits after every
 * record and keeps every changelog and output record (drained once per ticket); {@code
 * MOCK_CONTEXT} calls the topology's processor ({@link SlaClockProcessor}) directly on a {@link
 * MockProcessorContext} with in-memory stores without changelog, so the figure is the processor's
 * own cost (decoding the record's JSON included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KafkaLiveClockBenchmark {

  /** Events in the ticket. */
  @Param({"20", "200", "2000"})
  public int events;

  /** The cache's bound; 0 is off. */
  @Param({"0", "16"})
  public int liveClockCache;

  /**
   * How many tickets take turns, one event each (1: one ticket at a time). A stream task
   * interleaves its tickets; with several here, a reading thread's per-clock caches serve no clock
   * twice in a row, which is what the cached clocks' kept stopped cycles ({@code
   * SlaClock.keepStoppedCycleStates}) are for. Each ticket is the same history under its own id,
   * {@code j} seconds later for the {@code j}-th (events are at least 60 s apart, so stream time
   * only moves forward for up to 60 tickets).
   */
  @Param({"1"})
  public int interleave = 1;

  /** What runs the processor. */
  public enum Harness {
    TOPOLOGY_TEST_DRIVER,
    MOCK_CONTEXT
  }

  /** What runs the processor. */
  @Param({"TOPOLOGY_TEST_DRIVER", "MOCK_CONTEXT"})
  public Harness harness;

  private List<TicketEvent> ticket;
  private Duration roundLength;
  private Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, TicketEvent> in;
  private TestOutputTopic<String, byte[]> out;
  private List<TestOutputTopic<String, byte[]>> changelogs;
  private MockProcessorContext<String, Object> context;
  private SlaClockProcessor processor;
  private long streamTime = Long.MIN_VALUE;
  private int step;
  private int round;

  /**
   * Builds the ticket and opens the driver.
   *
   * @throws IOException if the state directory cannot be made
   */
  @Setup
  public void setUp() throws IOException {
    if (interleave < 1 || interleave > 60) {
      throw new IllegalArgumentException("interleave must be in 1..60: " + interleave);
    }
    ticket = CheckpointCostBenchmark.ticket(new Random(18), "T", events);
    Instant first = ticket.get(0).at();
    Instant last = ticket.get(ticket.size() - 1).at();
    roundLength = Duration.between(first, last).plusHours(1);
    stateDir = Files.createTempDirectory("servicekit-bench-live-clocks-");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-live-clocks");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    if (harness == Harness.MOCK_CONTEXT) {
      context = new MockProcessorContext<>(p);
      // what SlaClockTopology.build() creates, with its defaults
      processor =
          MockSlaProcessor.create(context, CheckpointCostBenchmark.policySet(), liveClockCache);
      return;
    }
    SlaClockTopology topology =
        SlaClockTopology.builder(
                CheckpointCostBenchmark.policySet(), CheckpointCostBenchmark.CALENDARS)
            .inMemoryStores(true)
            .liveClockCache(liveClockCache)
            .build();
    driver = new TopologyTestDriver(topology.build(), p, first);
    in =
        driver.createInputTopic(
            "ticket-events",
            Serdes.String().serializer(),
            ServicekitSerdes.ticketEvents().serializer());
    out =
        driver.createOutputTopic(
            "sla-transitions", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    changelogs = new ArrayList<>();
    for (String store : List.of(SlaClockTopology.CLOCK_STORE, SlaClockTopology.TIMER_STORE)) {
      changelogs.add(
          driver.createOutputTopic(
              "bench-live-clocks-" + store + "-changelog",
              Serdes.String().deserializer(),
              Serdes.ByteArray().deserializer()));
    }
  }

  /**
   * Closes the driver and deletes its state directory.
   *
   * @throws IOException if a file cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    if (driver != null) {
      driver.close();
    }
    try (Stream<Path> all = Files.walk(stateDir)) {
      for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }

  /**
   * One event through the topology.
   *
   * @return the transitions waiting in the output, or the stream time (consumed)
   */
  @Benchmark
  public long step() {
    if (step == ticket.size() * interleave) {
      step = 0;
      round++;
      if (driver != null) {
        // drained once per ticket: the driver keeps every output and changelog record
        out.readRecordsToList();
        changelogs.forEach(TestOutputTopic::readRecordsToList);
      } else {
        context.resetForwards();
      }
    }
    int j = step % interleave;
    TicketEvent e =
        shifted(
            ticket.get(step++ / interleave),
            interleave == 1 ? "T-" + round : "T-" + round + "-" + j,
            roundLength.multipliedBy(round).plusSeconds(j));
    if (driver != null) {
      in.pipeInput(e.ticketId(), e, e.at());
      return out.getQueueSize();
    }
    long ms = e.at().toEpochMilli();
    streamTime = Math.max(streamTime, ms);
    context.setCurrentStreamTimeMs(streamTime);
    processor.process(
        new Record<>(e.ticketId(), TicketEventJson.write(e).getBytes(StandardCharsets.UTF_8), ms));
    return streamTime; // (forwarded() would copy every record forwarded so far)
  }

  /** The event of another ticket, {@code by} later (the kinds {@code ticket(...)} makes). */
  static TicketEvent shifted(TicketEvent e, String ticketId, Duration by) {
    Instant at = e.at().plus(by);
    String id = ticketId + e.id().substring(e.ticketId().length());
    if (e instanceof TicketEvent.Created) {
      return new TicketEvent.Created(ticketId, id, at, Map.of(), java.util.Set.of());
    } else if (e instanceof TicketEvent.AgentReply) {
      return TicketEvent.AgentReply.publicReply(ticketId, id, at);
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return new TicketEvent.CustomerMessage(ticketId, id, at);
    } else if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged(ticketId, id, at, s.status());
    }
    throw new IllegalArgumentException("unexpected kind " + e.getClass().getSimpleName());
  }
}
