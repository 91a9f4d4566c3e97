package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.kpi.GroupKey;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The README "Scaling out" example, runnable: the configuration a production application uses
 * ({@code exactly_once_v2}), the SLA topology, and a CSAT-per-team topology with revisions. In
 * production pass the same {@code Topology} and {@code Properties} to {@code new
 * KafkaStreams(topology, props).start()}; here a {@code TopologyTestDriver} runs them.
 */
class ScalingOutExampleTest {

  /** A survey answer as it arrives from the CRM: a revision of one response's rating. */
  record Csat(String team, String responseId, Instant answeredAt, long revision, int rating) {}

  static Properties streamsConfig() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "servicekit-sla");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
    // Stores, changelogs and output commit atomically with the input offsets.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return props;
  }

  @Test
  void slaTransitionsAndTeamCsatRunFromTheSameEventStream() {
    SlaClockTopology sla =
        SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS)
            .inputTopic("ticket-events")
            .outputTopic("sla-transitions")
            .grace(Duration.ofMinutes(1)) // events up to a minute late are applied first
            .build();
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(sla.build(), streamsConfig(), t0)) {
      var in =
          d.createInputTopic(
              "ticket-events",
              Serdes.String().serializer(),
              ServicekitSerdes.ticketEvents().serializer());
      var out =
          d.createOutputTopic(
              "sla-transitions",
              Serdes.String().deserializer(),
              ServicekitSerdes.slaTransitions().deserializer());
      in.pipeInput("T-1", TicketEvent.Created.byCustomer("T-1", "c", t0, Map.of(), Set.of()), t0);
      Instant later = t0.plus(Duration.ofHours(2));
      in.pipeInput(
          "T-2", TicketEvent.Created.byCustomer("T-2", "c", later, Map.of(), Set.of()), later);
      assertEquals(
          1,
          out.readValuesToList().stream()
              .filter(t -> t.ticketId().equals("T-1") && t.kind() == SlaTransition.Kind.BREACHED)
              .count());
    }

    var csatSerde =
        Serdes.serdeFrom(
            (topic, c) ->
                String.join(
                        ",",
                        c.team(),
                        c.responseId(),
                        c.answeredAt().toString(),
                        Long.toString(c.revision()),
                        Integer.toString(c.rating()))
                    .getBytes(),
            (topic, b) -> {
              String[] f = new String(b).split(",");
              return new Csat(
                  f[0], f[1], Instant.parse(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
            });
    WindowedKpiTopology<Csat, RatingAccumulator> csat =
        WindowedKpiTopology.builder(
                csatSerde,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                WindowSpec.of(WindowUnit.DAY, ZoneId.of("Europe/Berlin")))
            .name("csat-by-team")
            .topics("csat-answers", "csat-by-team-daily", "csat-late")
            .groupBy(c -> GroupKey.of("team", c.team()).toString(), Csat::answeredAt)
            .revised(Csat::responseId, Csat::revision, Csat::rating)
            .allowedLateness(Duration.ofHours(6))
            .build();
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(csat.build(), streamsConfig(), t0)) {
      var in =
          d.createInputTopic("csat-answers", Serdes.String().serializer(), csatSerde.serializer());
      for (Csat c :
          List.of(
              new Csat("billing", "R-1", t0, 1, 1),
              new Csat("billing", "R-2", t0, 1, 5),
              new Csat("billing", "R-1", t0, 2, 4), // the customer corrects a mis-click
              new Csat("billing", "R-1", t0, 1, 1))) { // a stale redelivery
        in.pipeInput(c.team(), c, c.answeredAt());
      }
      Instant nextDay = t0.plus(Duration.ofDays(2));
      in.pipeInput("x", new Csat("x", "R-9", nextDay, 1, 3), nextDay); // closes the day
      var out =
          d.createOutputTopic(
              "csat-by-team-daily",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(RatingAccumulator.class).deserializer());
      var window = out.readKeyValue();
      assertEquals("team=billing@2026-03-01T23:00:00Z", window.key);
      assertEquals(100.0, window.value.result().satisfiedPercent().orElseThrow());
    }
  }
}
