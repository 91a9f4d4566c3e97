package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Keys and values that are not text reach the topologies as bytes: a value with a malformed UTF-8
 * byte is rejected as the serde rejects it (before, it was decoded lossily, U+FFFD in its id, and
 * applied), a key that is not UTF-8 is refused as a key other than the ticket id (before, two byte
 * strings read as one key), and dead-letter and late records keep the original key bytes (before,
 * they were decoded and encoded again). KPI late records are counted in {@code late-records-total}.
 */
class RawBytesRecordsTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static TopologyTestDriver sla() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "raw-bytes");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return IsolatedTopologyTestDriver.open(
        SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS)
            .deadLetterTopic("sla-rejected")
            .inMemoryStores(true)
            .build()
            .build(),
        p,
        T0);
  }

  @Test
  void aValueWithAMalformedByteIsRejectedNotDecodedLossily() throws Exception {
    byte[] v =
        TicketEventJson.write(TicketEvent.Created.byCustomer("T-1", "ev-X", T0))
            .getBytes(StandardCharsets.UTF_8);
    int x = new String(v, StandardCharsets.UTF_8).indexOf("ev-X") + 3;
    v[x] = (byte) 0xFF;
    try (TopologyTestDriver d = sla()) {
      var in =
          d.createInputTopic(
              "ticket-events", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
      in.pipeInput("T-1".getBytes(StandardCharsets.UTF_8), v, T0);
      var out =
          d.createOutputTopic(
              "sla-transitions", Serdes.String().deserializer(), Serdes.String().deserializer());
      assertTrue(out.isEmpty(), "nothing applied");
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      var dead =
          d.createOutputTopic(
              "sla-rejected", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      TestRecord<byte[], byte[]> letter = dead.readRecord();
      JsonNode n = new ObjectMapper().readTree(letter.value());
      assertTrue(
          n.get("error").asText().contains("the record value is not valid UTF-8 (byte " + (x + 1)),
          n.toString());
      assertArrayEquals(v, Base64.getDecoder().decode(n.get("value").asText()));
    }
  }

  @Test
  void aKeyThatIsNotUtf8IsRefusedAndDeadLetteredWithItsOwnBytes() throws Exception {
    byte[] key = {(byte) 0xC3, 'X'}; // a lead byte without its continuation
    byte[] v =
        TicketEventJson.write(TicketEvent.Created.byCustomer("\uFFFDX", "c", T0))
            .getBytes(StandardCharsets.UTF_8);
    try (TopologyTestDriver d = sla()) {
      var in =
          d.createInputTopic(
              "ticket-events", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
      in.pipeInput(key, v, T0);
      // a key that is valid UTF-8 but begins with U+0000 is not a ticket id either
      byte[] nul = {0, 'T'};
      in.pipeInput(nul, v, T0);
      assertEquals(2.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      var dead =
          d.createOutputTopic(
              "sla-rejected", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      TestRecord<byte[], byte[]> first = dead.readRecord();
      assertArrayEquals(key, first.key(), "the original key bytes");
      assertTrue(
          new ObjectMapper()
              .readTree(first.value())
              .get("error")
              .asText()
              .contains("the record key is not text a ticket id can be"));
      assertArrayEquals(nul, dead.readRecord().key());
    }
  }

  @Test
  void kpiLateRecordsAreCountedAndKeepTheirKeyBytes() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "raw-bytes-kpi");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    WindowedKpiTopology<Long, DurationAccumulator> t =
        WindowedKpiTopology.builder(
                Serdes.Long(),
                DurationAccumulator.class,
                DurationAccumulator::create,
                WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC))
            .groupBy(v -> "g", v -> T0.plus(Duration.ofMinutes(v)))
            .record((acc, v) -> acc.addMillis(v))
            .inMemoryStores(true)
            .build();
    try (TopologyTestDriver d = IsolatedTopologyTestDriver.open(t.build(), p, T0)) {
      var in =
          d.createInputTopic(
              "kpi-input", Serdes.ByteArray().serializer(), Serdes.Long().serializer());
      byte[] key = {(byte) 0xFF};
      in.pipeInput(key, 0L, T0);
      in.pipeInput(key, 200L, T0.plus(Duration.ofMinutes(200))); // closes the 09:00 window
      in.pipeInput(key, 1L, T0.plus(Duration.ofMinutes(200))); // for 09:01: late
      var late =
          d.createOutputTopic(
              "kpi-late", Serdes.ByteArray().deserializer(), Serdes.Long().deserializer());
      TestRecord<byte[], Long> r = late.readRecord();
      assertArrayEquals(key, r.key());
      assertEquals(1L, r.value());
      assertEquals(1.0, SlaRetentionTopologyTest.metric(d, "late-records-total", "kpi-kpi"));
    }
  }
}
