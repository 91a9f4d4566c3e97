package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A key codec that writes two keys as one text is refused when the snapshot is written; the text it
 * wrote is the caller's, so the message quotes it as every message quotes a value: escaped and cut
 * to a bounded excerpt (STYLE.md), never a forged log line or megabytes of key.
 */
class NonInjectiveKeyCodecMessageTest {

  private static final String FORGED = "k\nERROR forged log line " + "x".repeat(100_000);

  /** Every key encodes to the same hostile text. */
  private static final KeyCodec<String> CONSTANT = KeyCodec.of(k -> FORGED, s -> s);

  private static void assertBounded(IllegalArgumentException e) {
    String m = e.getMessage();
    assertTrue(m.contains("must be injective"), m);
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains("k\\u000aERROR forged log line"), m);
    assertTrue(m.length() < 500, "message of " + m.length() + " chars");
  }

  @Test
  void revisedValuesQuotesTheSharedTextAsABoundedEscapedExcerpt() {
    RevisedValues<String, NpsAccumulator> rv = RevisedValues.create(NpsAccumulator.create());
    rv.apply("a", 1, 9);
    rv.apply("b", 1, 7);
    assertBounded(assertThrows(IllegalArgumentException.class, () -> rv.toBytes(CONSTANT)));
    assertBounded(assertThrows(IllegalArgumentException.class, () -> rv.toJson(CONSTANT)));
  }

  @Test
  void repeatContactTrackerQuotesTheSharedTextAsABoundedEscapedExcerpt() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofDays(7));
    Instant at = Instant.parse("2026-11-01T09:00:00Z");
    t.contact("a", at);
    t.contact("b", at);
    assertBounded(assertThrows(IllegalArgumentException.class, () -> t.toBytes(CONSTANT)));
    assertBounded(assertThrows(IllegalArgumentException.class, () -> t.toJson(CONSTANT)));
  }
}
