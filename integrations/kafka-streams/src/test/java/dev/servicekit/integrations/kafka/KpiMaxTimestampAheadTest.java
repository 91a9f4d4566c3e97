package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.kafka.OutOfRangeEventTimeTest.Contact;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowedKpiTopology.Builder#maxTimestampAhead}: one undecodable record whose Kafka
 * timestamp is far ahead of the wall clock (2999) no longer moves stream time, so it neither closes
 * every open window nor makes the records after it late.
 */
class KpiMaxTimestampAheadTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private static final Serde<Contact> CONTACTS = Contact.SERDE;

  /** Windows and late records after: a contact, a junk record stamped 2999, a contact, a closer. */
  private static Map<String, Object> run(Duration bound) {
    WindowedKpiTopology.Builder<Contact, DurationAccumulator> b =
        WindowedKpiTopology.builder(
                CONTACTS,
                DurationAccumulator.class,
                DurationAccumulator::create,
                WindowSpec.of(WindowUnit.HOUR, ZoneId.of("UTC")))
            .name("aht")
            .groupBy(Contact::agent, Contact::at)
            .record((acc, c) -> acc.addMillis(c.handleMillis()))
            .deadLetterTopic("kpi-dead")
            .inMemoryStores(true);
    if (bound != null) {
      b.maxTimestampAhead(bound);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-ahead");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(b.build().build(), p, START)) {
      TestInputTopic<String, String> in =
          d.createInputTopic(
              "kpi-input", Serdes.String().serializer(), Serdes.String().serializer());
      Instant t1 = START.plusSeconds(600);
      Instant t2 = START.plusSeconds(1200);
      in.pipeInput("k", new Contact("a", t1, 1000).text(), t1);
      in.pipeInput("k", "not a contact", Instant.parse("2999-01-01T00:00:00Z"));
      in.pipeInput("k", new Contact("a", t2, 3000).text(), t2);
      Instant closer = START.plusSeconds(7200);
      in.pipeInput("k", new Contact("b", closer, 1).text(), closer);
      Map<String, Object> out = new TreeMap<>();
      d.createOutputTopic(
              "kpi-windows",
              Serdes.String().deserializer(),
              ServicekitSerdes.kpi(DurationAccumulator.class).deserializer())
          .readKeyValuesToList()
          .forEach(kv -> out.put(kv.key, kv.value.result()));
      out.put(
          "late",
          d.createOutputTopic(
                  "kpi-late", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
              .readValuesToList()
              .size());
      return out;
    }
  }

  @Test
  void aFarAheadRecordTimestampNoLongerClosesTheWindows() {
    Map<String, Object> bounded = run(Duration.ofDays(1));
    assertEquals(0, bounded.get("late"), bounded::toString);
    DurationResult a =
        (DurationResult)
            bounded.entrySet().stream()
                .filter(e -> e.getKey().startsWith("a"))
                .findFirst()
                .orElseThrow()
                .getValue();
    assertEquals(2, a.count(), bounded::toString); // both contacts in the first hour's window

    // without the bound the junk record's timestamp closes the window: the second contact is late
    Map<String, Object> unbounded = run(null);
    assertNotEquals(0, unbounded.get("late"), unbounded::toString);
    assertTrue(bounded.size() >= 2, bounded::toString);
  }
}
