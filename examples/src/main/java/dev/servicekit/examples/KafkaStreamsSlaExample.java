package dev.servicekit.examples;

import dev.servicekit.integrations.kafka.ServicekitSerdes;
import dev.servicekit.integrations.kafka.SlaClockTopology;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * SLA clocks on Kafka Streams: ticket events in (topic {@code ticket-events}, keyed by ticket id),
 * SLA transitions out (topic {@code sla-transitions}), each ticket's clock in a state store, timers
 * from {@code nextTransition()} fired by stream-time punctuation. Here a {@link TopologyTestDriver}
 * runs the topology without a broker; in production pass the same {@link Topology} and {@link
 * Properties} to {@code new KafkaStreams(topology, props).start()}.
 *
 * <p>Three tickets: one answered in time, one never answered (its breach fires when another
 * ticket's event moves stream time past the deadline, with no further event of its own), one parked
 * in "pending" (its resolution clock pauses and resumes).
 */
public final class KafkaStreamsSlaExample {

  private KafkaStreamsSlaExample() {}

  /**
   * First response within 1 h (warnings at 50% and 80%), resolution within 8 h, paused while
   * "pending"; around the clock.
   *
   * @return the policy set
   */
  static SlaPolicySet policies() {
    SlaPolicy standard =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(standard)
        .build();
  }

  /**
   * The production configuration: exactly once (stores, output and input offsets commit together).
   *
   * @return the Kafka Streams properties
   */
  static Properties streamsConfig() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "servicekit-sla");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return props;
  }

  /**
   * Runs the example and prints every transition.
   *
   * @param args ignored
   * @throws IOException if the driver's temporary state directory cannot be made or deleted
   */
  public static void main(String[] args) throws IOException {
    Topology topology =
        SlaClockTopology.builder(policies(), Map.of())
            .inputTopic("ticket-events")
            .outputTopic("sla-transitions")
            .inMemoryStores(true) // RocksDB (the default) in production
            .build()
            .build();
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    // A state directory of this run's own: the default, ${java.io.tmpdir}/kafka-streams, is shared
    // by every run on the machine (in production, state.dir is the instance's own volume).
    Path stateDir = Files.createTempDirectory("servicekit-sla-example-");
    Properties props = streamsConfig();
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, t0)) {
      TestInputTopic<String, TicketEvent> events =
          driver.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketEvents().serializer());
      TestOutputTopic<String, SlaTransition> transitions =
          driver.createOutputTopic(
              "sla-transitions",
              Serdes.String().deserializer(),
              ServicekitSerdes.slaTransitions().deserializer());
      List<TicketEvent> stream =
          List.of(
              created("T-1", t0),
              created("T-2", t0.plusSeconds(60)),
              created("T-3", t0.plusSeconds(120)),
              TicketEvent.AgentReply.publicReply("T-1", "T-1-r", t0.plus(min(20))),
              TicketEvent.AgentReply.publicReply("T-3", "T-3-r", t0.plus(min(25))),
              new TicketEvent.StatusChanged("T-3", "T-3-p", t0.plus(min(30)), "pending"),
              // A redelivery: the clock ignores an event id it already has.
              TicketEvent.AgentReply.publicReply("T-1", "T-1-r", t0.plus(min(20))),
              new TicketEvent.CustomerMessage("T-3", "T-3-c", t0.plus(min(150))),
              new TicketEvent.StatusChanged("T-3", "T-3-o", t0.plus(min(150)), "open"),
              new TicketEvent.StatusChanged("T-1", "T-1-s", t0.plus(min(180)), "solved"));
      for (TicketEvent e : stream) {
        // Key = ticket id, record timestamp = the event's time: stream time is event time.
        events.pipeInput(e.ticketId(), e, e.at());
        for (SlaTransition t : transitions.readValuesToList()) {
          print(e, t);
        }
      }
    } finally {
      deleteTree(stateDir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static void print(TicketEvent after, SlaTransition t) {
    System.out.printf(
        Locale.ROOT,
        "after %-5s %s %-14s #%d %-9s at %s%s%n",
        after.id(),
        t.ticketId(),
        t.metric(),
        t.cycle(),
        t.kind(),
        t.at(),
        t.kind() == SlaTransition.Kind.WARNING ? " (" + t.warningPercent() + "%)" : "");
  }

  private static TicketEvent created(String id, Instant at) {
    return new TicketEvent.Created(id, id + "-new", at, Map.of(), Set.of());
  }

  private static Duration min(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
