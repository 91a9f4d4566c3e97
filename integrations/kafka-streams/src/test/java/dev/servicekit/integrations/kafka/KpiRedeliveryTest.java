package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.integrations.kafka.OutOfRangeEventTimeTest.Contact;
import dev.servicekit.integrations.kafka.ScalingOutExampleTest.Csat;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * What a record delivered twice does to a KPI window, as {@code at_least_once} redelivers the
 * records after the last commit once a task's stores are restored after a failure (README, "Exactly
 * once"): a revised window takes a revision once, a plain window ({@code record(...)}) has no id to
 * tell a redelivery by and adds it again. So {@code at_least_once} can count plain KPI state twice;
 * use {@code exactly_once_v2} for it.
 */
class KpiRedeliveryTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final WindowSpec HOURS = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  private static TopologyTestDriver open(Topology t) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-redelivery");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(t, p, NINE);
  }

  @Test
  void aPlainWindowCountsARedeliveredRecordAgainARevisedWindowDoesNot() {
    var plain =
        WindowedKpiTopology.builder(
                Contact.SERDE, DurationAccumulator.class, DurationAccumulator::create, HOURS)
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .inMemoryStores(true)
            .build();
    try (TopologyTestDriver d = open(plain.build())) {
      var in =
          d.createInputTopic("kpi-input", Serdes.String().serializer(), Contact.SERDE.serializer());
      Contact c = new Contact("a1", NINE.plusSeconds(60), 1_000);
      in.pipeInput("a1", c, c.at());
      in.pipeInput("a1", c, c.at()); // the same record, redelivered
      in.pipeInput("a1", new Contact("a1", NINE.plusSeconds(7200), 1), NINE.plusSeconds(7200));
      var out =
          d.createOutputTopic(
                  "kpi-windows",
                  Serdes.String().deserializer(),
                  ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
              .readValuesToList();
      assertEquals(2L, out.get(0).result().count(), "counted twice");
    }

    Serde<Csat> csat =
        Serdes.serdeFrom(
            (topic, v) ->
                (v.team()
                        + ","
                        + v.responseId()
                        + ","
                        + v.answeredAt()
                        + ","
                        + v.revision()
                        + ","
                        + v.rating())
                    .getBytes(StandardCharsets.UTF_8),
            (topic, b) -> {
              String[] f = new String(b, StandardCharsets.UTF_8).split(",");
              return new Csat(
                  f[0], f[1], Instant.parse(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
            });
    var revised =
        WindowedKpiTopology.builder(
                csat,
                RatingAccumulator.class,
                () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                HOURS)
            .groupBy(Csat::team, Csat::answeredAt)
            .revised(Csat::responseId, Csat::revision, Csat::rating)
            .inMemoryStores(true)
            .build();
    try (TopologyTestDriver d = open(revised.build())) {
      var in = d.createInputTopic("kpi-input", Serdes.String().serializer(), csat.serializer());
      for (Csat v :
          List.of(
              new Csat("red", "R-1", NINE, 1, 5),
              new Csat("red", "R-1", NINE, 1, 5), // redelivered
              new Csat("red", "R-9", NINE.plusSeconds(7200), 1, 3))) {
        in.pipeInput(v.team(), v, v.answeredAt());
      }
      var out =
          d.createOutputTopic(
                  "kpi-windows",
                  Serdes.String().deserializer(),
                  ServicekitSerdes.kpi(RatingAccumulator.class).deserializer())
              .readValuesToList();
      assertEquals(1L, out.get(0).result().count(), "taken once");
    }
  }
}
