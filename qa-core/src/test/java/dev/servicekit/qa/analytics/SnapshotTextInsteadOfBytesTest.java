package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * JSON text or the Base64 text of a snapshot handed to {@link ScoreAggregator#fromBytes} (a
 * snapshot kept in a text column) is named as such. Before, both were "snapshot is corrupted or
 * truncated", which sends a developer looking for damaged data (a new user's review, s8review F7).
 * Real damage still reads as corrupted.
 */
class SnapshotTextInsteadOfBytesTest {

  private static ScoreAggregator aggregator() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    a.add("agent-anna", LocalDate.of(2026, 12, 1), 85);
    return a;
  }

  private static String rejected(byte[] b) {
    return assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(b))
        .getMessage();
  }

  @Test
  void jsonTextIsNamedAsJson() {
    assertEquals(
        "not a servicekit snapshot in binary form: it is text starting with '{' (JSON: a"
            + " snapshot's toJson() text is read by fromJson)",
        rejected("{\"agent\":\"agent-anna\",\"score\":85}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theBase64TextOfASnapshotIsNamedAsBase64() {
    assertEquals(
        "not a servicekit snapshot in binary form: it starts with 'U0s', the Base64 text of 'SK'"
            + " (decode the Base64 first)",
        rejected(Base64.getEncoder().encode(aggregator().toBytes())));
  }

  @Test
  void aFlippedOrTruncatedSnapshotStillReadsAsCorrupted() {
    byte[] b = aggregator().toBytes();
    for (int bit = 0; bit < 16; bit++) {
      byte[] flipped = b.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertTrue(rejected(flipped).startsWith("snapshot is corrupted or truncated"), bit + "");
    }
    assertTrue(
        rejected(java.util.Arrays.copyOf(b, b.length - 1))
            .startsWith("snapshot is corrupted or truncated"));
  }
}
