package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The error text of an SLA dead-letter envelope quotes the record key and the ticket id it names as
 * one line of whole characters: a quoted id cut at its 60th char never ends in half a surrogate
 * pair (which no UTF-8 text can hold), and a key's control chars and quotes are escaped, as Flink's
 * rejection reasons quote them. Before, the key or id was quoted raw and cut mid-pair.
 */
class DeadLetterErrorTextTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static String error(String key, String ticket) throws Exception {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-text");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver d =
        IsolatedTopologyTestDriver.open(
            SlaClockTopology.builder(SlaFixtures.policySet(), SlaFixtures.CALENDARS)
                .deadLetterTopic("sla-rejected")
                .inMemoryStores(true)
                .build()
                .build(),
            p,
            T0)) {
      var in =
          d.createInputTopic(
              "ticket-events", Serdes.String().serializer(), Serdes.ByteArray().serializer());
      in.pipeInput(
          key,
          TicketEventJson.write(TicketEvent.Created.byCustomer(ticket, "ev-1", T0))
              .getBytes(StandardCharsets.UTF_8),
          T0);
      var dead =
          d.createOutputTopic(
              "sla-rejected", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      return new ObjectMapper().readTree(dead.readRecord().value()).get("error").asText();
    }
  }

  private static void wholeCharsOnOneLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      assertFalse(c < 0x20 || c == 0x2028 || c == 0x2029, () -> "control char in " + s);
      if (Character.isHighSurrogate(c)) {
        assertTrue(
            i + 1 < s.length() && Character.isLowSurrogate(s.charAt(++i)),
            () -> "half a pair in " + s);
      } else {
        assertFalse(Character.isLowSurrogate(c), () -> "half a pair in " + s);
      }
    }
  }

  @Test
  void aLongTicketIdIsNotCutInsideASurrogatePair() throws Exception {
    String ticket = "a".repeat(59) + "\uD83D\uDE00" + "b";
    String error = error("T-2", ticket);
    wholeCharsOnOneLine(error);
    assertTrue(error.contains("(62 chars)"), error);
  }

  @Test
  void aKeysControlCharsAndQuotesAreEscaped() throws Exception {
    String error = error("T-1\n\"x\"", "T-1");
    wholeCharsOnOneLine(error);
    assertEquals(
        "IllegalArgumentException: record key \"T-1\\u000a\\u0022x\\u0022\" is not the event's"
            + " ticketId \"T-1\"",
        error);
  }
}
