package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.SlaTransition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * One record whose Kafka timestamp is centuries ahead (a producer with a broken clock; the record
 * itself may be rejected as undecodable) moves the task's stream time beyond the clocks' supported
 * range {@code [1900, 2300)}. Stream time is committed with the offsets and never goes back, so in
 * earlier builds every later event of a new ticket on that partition failed the task with {@code
 * IllegalArgumentException: now 2999-01-01T00:00:00Z is outside the supported range}, at once and
 * again after every restart. Such an event is now rejected like any bad record (counted,
 * dead-lettered naming the time and the rule), its ticket unchanged.
 */
class FarFutureStreamTimeTest {

  private static final Instant T0 = SlaClockTopologyTest.T0;

  @Test
  void anEventAfterStreamTimeJumpedBeyondTheRangeIsRejectedNotFatal() throws Exception {
    try (TopologyTestDriver d =
        SlaClockTopologyTest.driver(
            SlaClockTopologyTest.topology().deadLetterTopic("sla-rejected").build())) {
      var in = SlaClockTopologyTest.in(d);
      var out = SlaClockTopologyTest.out(d);
      var dead =
          d.createOutputTopic(
              "sla-rejected", Serdes.String().deserializer(), Serdes.String().deserializer());
      var raw =
          d.createInputTopic(
              "ticket-events", Serdes.String().serializer(), Serdes.ByteArray().serializer());
      raw.pipeInput(
          "junk",
          "{not json".getBytes(StandardCharsets.UTF_8),
          Instant.parse("2999-01-01T00:00:00Z"));
      assertEquals(1, dead.readValuesToList().size(), "the undecodable record");

      SlaClockTopologyTest.pipe(
          in, SlaClockTopologyTest.created("T-3", T0.plus(Duration.ofHours(1))));

      List<SlaTransition> emitted = out.readValuesToList();
      assertEquals(List.of(), emitted);
      assertEquals(null, SlaRetentionTopologyTest.clocks(d).get("T-3"), "the ticket unchanged");
      assertEquals(2.0, SlaRetentionTopologyTest.metric(d, "rejected-records-total"));
      JsonNode letter = new ObjectMapper().readTree(dead.readValue());
      String error = letter.get("error").asText();
      assertTrue(
          error.startsWith(
              "IllegalArgumentException: ticket \"T-3\" cannot be evaluated at the task's time"
                  + " 2999-01-01T00:00:00Z"),
          error);
      assertTrue(error.contains("outside the supported range"), error);
    }
  }
}
