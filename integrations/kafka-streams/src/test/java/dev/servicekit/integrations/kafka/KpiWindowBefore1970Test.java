package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.integrations.kafka.OutOfRangeEventTimeTest.Contact;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * A KPI window before 1970 (event times are accepted from 1900): kept open by a lateness longer
 * than its age, it was emitted with its end as the record timestamp, negative, which Kafka refuses,
 * failing the task at every restart. It is now emitted at the epoch (its start is in the key).
 */
class KpiWindowBefore1970Test {

  @Test
  void aWindowBefore1970IsEmittedAtTheEpoch() {
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                Contact.SERDE,
                DurationAccumulator.class,
                DurationAccumulator::create,
                WindowSpec.of(WindowUnit.HOUR, ZoneId.of("UTC")))
            .name("aht")
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .allowedLateness(Duration.ofDays(366 * 100))
            .inMemoryStores(true);
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-1965");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    Instant start = Instant.parse("2026-03-02T00:00:00Z");
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(b.build().build(), p, start)) {
      TestInputTopic<String, String> in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      Instant ancient = Instant.parse("1965-05-01T08:10:00Z");
      in.pipeInput("k", new Contact("a", ancient, 1000).text(), start);
      Instant closer = Instant.parse("2066-06-01T00:00:00Z"); // past 1965 + 36,600 days
      in.pipeInput("k", new Contact("b", closer, 1).text(), closer);
      var windows =
          d.createOutputTopic(
                  "kpi-windows",
                  Serdes.String().deserializer(),
                  ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
              .readRecordsToList();
      assertEquals(1, windows.size(), windows.toString());
      assertEquals("a@1965-05-01T08:00:00Z", windows.get(0).getKey());
      assertEquals(Instant.EPOCH, windows.get(0).getRecordTime());
    }
  }
}
