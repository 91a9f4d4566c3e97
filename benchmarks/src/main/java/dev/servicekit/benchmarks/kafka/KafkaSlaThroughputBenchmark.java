package dev.servicekit.benchmarks.kafka;

import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Events per second of SLA clocks through the Kafka Streams topology ({@link SlaClockTopology} in a
 * {@code TopologyTestDriver}, in-memory stores, clock state through snapshots per event) against
 * in-process servicekit (clocks in a map, the same evaluations and timers) on the same stream of
 * {@value #EVENTS} events (out of order, 2% duplicates). The driver runs one task in the calling
 * thread with no broker, so its figure is indicative of the per-event CPU cost, not of a cluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KafkaSlaThroughputBenchmark {

  static final int EVENTS = 20_000;
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  /** Where the clocks run. */
  public enum Engine {
    IN_PROCESS,
    TOPOLOGY_TEST_DRIVER
  }

  @Param({"IN_PROCESS", "TOPOLOGY_TEST_DRIVER"})
  public Engine engine;

  private SlaPolicySet set;
  private List<TicketEvent> events;
  private SlaClockTopology topology;
  private Path stateDir;

  @Setup
  public void setUp() throws IOException {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").warnAt(75).build())
            .build();
    set =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(p)
            .build();
    events = stream(new Random(18), EVENTS);
    topology = SlaClockTopology.builder(set, Map.of()).inMemoryStores(true).build();
    // The drivers' state directory: this trial's own, not the machine-wide default
    // ${java.io.tmpdir}/kafka-streams that parallel runs (and builds) share.
    stateDir = Files.createTempDirectory("servicekit-bench-kafka-");
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> all = Files.walk(stateDir)) {
      for (Path f : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }

  static List<TicketEvent> stream(Random r, int size) {
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; events.size() < size; i++) {
      String t = "T-" + i;
      Instant at = START.plusSeconds(r.nextInt(24 * 3600));
      events.add(TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of()));
      int n = 7 + r.nextInt(23);
      for (int k = 0; k < n; k++) {
        at = at.plusSeconds(60 + r.nextInt(40 * 60));
        String id = t + "-" + k;
        int kind = r.nextInt(10);
        events.add(
            k == n - 1
                ? new TicketEvent.StatusChanged(t, id, at, "solved")
                : kind < 3
                    ? TicketEvent.AgentReply.publicReply(t, id, at)
                    : kind < 6
                        ? new TicketEvent.CustomerMessage(t, id, at)
                        : new TicketEvent.StatusChanged(t, id, at, kind < 8 ? "pending" : "open"));
      }
    }
    events = new ArrayList<>(events.subList(0, size));
    events.sort(TicketEvent.ORDER.thenComparing(TicketEvent::ticketId));
    for (int i = 0; i < events.size(); i++) {
      if (r.nextInt(4) == 0) {
        int j = Math.min(events.size() - 1, i + 1 + r.nextInt(50));
        TicketEvent x = events.get(i);
        events.set(i, events.get(j));
        events.set(j, x);
      }
      if (r.nextInt(50) == 0) {
        events.set(i, events.get(Math.max(0, i - 3)));
      }
    }
    return events;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long run() {
    return engine == Engine.IN_PROCESS ? inProcess() : driver();
  }

  private long driver() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver d = new TopologyTestDriver(topology.build(), p, START)) {
      TestInputTopic<String, TicketEvent> in =
          d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketEvents().serializer());
      TestOutputTopic<String, SlaTransition> out =
          d.createOutputTopic(
              "sla-transitions",
              Serdes.String().deserializer(),
              ServicekitSerdes.slaTransitions().deserializer());
      for (TicketEvent e : events) {
        in.pipeInput(e.ticketId(), e, e.at());
      }
      return out.getQueueSize();
    }
  }

  /** The same work in process: accept, evaluate at the stream's time, fire due timers. */
  private long inProcess() {
    Map<String, SlaClock> clocks = new HashMap<>();
    Map<String, Instant> due = new HashMap<>();
    PriorityQueue<Map.Entry<Instant, String>> timers =
        new PriorityQueue<>(Map.Entry.comparingByKey());
    Instant now = Instant.MIN;
    long evaluations = 0;
    for (TicketEvent e : events) {
      if (e.at().isAfter(now)) {
        now = e.at();
      }
      while (!timers.isEmpty() && !timers.peek().getKey().isAfter(now)) {
        Map.Entry<Instant, String> top = timers.poll();
        if (top.getKey().equals(due.get(top.getValue()))) {
          SlaEvaluation ev = clocks.get(top.getValue()).evaluate(top.getKey());
          evaluations += ev.cycles().size();
          schedule(due, timers, top.getValue(), ev);
        }
      }
      SlaClock c =
          clocks.computeIfAbsent(
              e.ticketId(), id -> SlaClock.of(set, Map.<String, BusinessCalendar>of(), id));
      if (c.accept(e)) {
        try {
          SlaEvaluation ev = c.evaluate(now);
          evaluations += ev.cycles().size();
          schedule(due, timers, e.ticketId(), ev);
        } catch (IllegalStateException | IllegalArgumentException notYet) {
          // before Created, or an event of this ticket later than the stream's time: none here
        }
      }
    }
    return evaluations;
  }

  private static void schedule(
      Map<String, Instant> due,
      PriorityQueue<Map.Entry<Instant, String>> timers,
      String ticket,
      SlaEvaluation ev) {
    Instant next = ev.nextTransition().orElse(null);
    if (next == null) {
      due.remove(ticket);
    } else {
      due.put(ticket, next);
      timers.add(Map.entry(next, ticket));
    }
  }
}
