package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The dead-letter envelope's error text. */
class RejectsTest {

  /**
   * An error cut to {@value Rejects#MAX_ERROR_CHARS} characters never ends in half a surrogate pair
   * (an emoji in a status name or in a group function's message): the envelope's error is
   * well-formed text, the longest prefix of the error that fits with its "...", as Flink's
   * rejection reasons cut it. A review found the cut between the two halves of a pair, so the
   * envelope carried the first half alone (escaped), which no UTF-8 text can hold.
   */
  @Test
  void anErrorCutAtTheLimitKeepsWholeSurrogatePairs() throws Exception {
    for (int pad = 0; pad < 2; pad++) {
      IllegalArgumentException error =
          new IllegalArgumentException("x".repeat(pad) + "\uD83D\uDE00".repeat(400));
      String full = error.getClass().getSimpleName() + ": " + error.getMessage();
      byte[] letter =
          Rejects.envelope(
              new Record<>("k", "v".getBytes(StandardCharsets.UTF_8), 0L), error, null);
      String cut = new ObjectMapper().readTree(letter).get("error").textValue();
      assertTrue(cut.length() <= Rejects.MAX_ERROR_CHARS, cut);
      assertTrue(cut.endsWith("..."), cut);
      String kept = cut.substring(0, cut.length() - 3);
      assertTrue(full.startsWith(kept), "pad " + pad);
      assertEquals(
          kept,
          new String(kept.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
          "pad " + pad + ": half a surrogate pair at the cut");
      assertTrue(kept.length() >= Rejects.MAX_ERROR_CHARS - 4, "pad " + pad);
    }
  }
}
