package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link TicketEventJson#read(String)} refuses a text longer than {@link
 * TicketEventJson#MAX_JSON_CHARS} before parsing it, in the words of the configuration readers'
 * document limit. Before, it had no limit of its own: a 30 MB text reached Jackson's {@code String
 * value length (20050266) exceeds the maximum allowed (20000000)}, and a long text of anything
 * Jackson allows (here: whitespace) was parsed.
 */
class TicketEventJsonSizeCapTest {

  private static final String EVENT =
      "{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T-1\",\"id\":\"e1\","
          + "\"at\":\"2026-03-02T09:00:00Z\"}";

  @Test
  void aTextAtTheLimitIsRead() {
    String json = EVENT + " ".repeat(TicketEventJson.MAX_JSON_CHARS - EVENT.length());
    assertEquals(
        new TicketEvent.CustomerMessage("T-1", "e1", Instant.parse("2026-03-02T09:00:00Z")),
        TicketEventJson.read(json));
  }

  @Test
  void aTextOverTheLimitIsRefusedUpFront() {
    String json = EVENT + " ".repeat(TicketEventJson.MAX_JSON_CHARS - EVENT.length() + 1);
    assertEquals(
        "malformed JSON: document of 16777217 characters is longer than 16777216 (at $)",
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json))
            .getMessage());
  }

  @Test
  void theLimitIsTheConfigurationReadersDocumentLimit() {
    assertEquals(16 << 20, TicketEventJson.MAX_JSON_CHARS);
    String json = "{\"zone\":\"UTC\"}" + " ".repeat(TicketEventJson.MAX_JSON_CHARS);
    assertEquals(
        "calendar JSON is malformed: document of "
            + json.length()
            + " characters is longer than 16777216 (at $)",
        assertThrows(IllegalArgumentException.class, () -> CalendarJson.read(json)).getMessage());
  }
}
