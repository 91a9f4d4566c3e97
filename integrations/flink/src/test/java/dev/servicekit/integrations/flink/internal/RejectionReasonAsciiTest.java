package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.integrations.flink.RevisedObservation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A rejection reason survives a UTF-8 sink: a KPI group or id with a lone surrogate (rejected for
 * it) and any other non-ASCII text reach the line as JSON escapes, so the bytes read back to the
 * same text (written raw, a UTF-8 encoder turns a lone surrogate into {@code ?}).
 */
class RejectionReasonAsciiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  private static JsonNode throughUtf8(String line) throws Exception {
    assertTrue(line.chars().allMatch(c -> c < 0x80), line);
    return JSON.readTree(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void aRecordsGroupWithALoneSurrogateReadsBackFromUtf8() throws Exception {
    String group = "team-\uD800-Поддержка";
    String line = RejectionReason.ofRecord(group, AT, new IllegalArgumentException("bad «x»"));
    JsonNode n = throughUtf8(line);
    assertEquals(group, n.get("group").asText());
    assertEquals("bad «x»", n.get("error").asText());
  }

  @Test
  void anObservationsGroupAndIdWithLoneSurrogatesReadBackFromUtf8() throws Exception {
    RevisedObservation o = RevisedObservation.removal("g\uDC00", "id-\uD801", 1, AT);
    JsonNode n = throughUtf8(RejectionReason.ofObservation(o, new IllegalArgumentException("no")));
    assertEquals("g\uDC00", n.get("group").asText());
    assertEquals("id-\uD801", n.get("id").asText());
  }
}
