package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A JSON checkpoint or the Base64 text of a binary one handed to {@link SlaClockSnapshot#fromBytes}
 * (a checkpoint kept in a text column) is named as such. Before, both were "snapshot is corrupted
 * or truncated: its CRC32C is ...", which sends a CRM developer looking for damaged data (a new
 * user's review, s8review F7). Real damage still reads as corrupted.
 */
class SnapshotTextInsteadOfBytesTest {

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("open", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("p")
                  .matrix(PriorityMatrix.constant("n"))
                  .target("n", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .build())
          .build();

  private static SlaClock clock() {
    SlaClock c = SlaClock.of(SET, Map.of(), "T-1");
    c.accept(
        TicketEvent.Created.byCustomer(
            "T-1", "e1", Instant.parse("2026-01-05T09:00:00Z"), Map.of(), Set.of()));
    return c;
  }

  private static String rejected(byte[] b) {
    return assertThrows(
            IllegalArgumentException.class, () -> SlaClockSnapshot.fromBytes(SET, Map.of(), b))
        .getMessage();
  }

  @Test
  void aJsonCheckpointGivenAsBytesIsNamedAsJson() {
    byte[] json = SlaClockSnapshot.toJson(clock()).getBytes(StandardCharsets.UTF_8);
    String expected =
        "not a servicekit snapshot in binary form: it is text starting with '{', as a JSON"
            + " snapshot is (read that with fromJson)";
    assertEquals(expected, rejected(json));
    assertEquals(
        expected,
        rejected(
            ("\uFEFF \n" + new String(json, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theBase64TextOfABinaryCheckpointIsNamedAsBase64() {
    byte[] base64 = Base64.getEncoder().encode(SlaClockSnapshot.toBytes(clock()));
    assertEquals(
        "not a servicekit snapshot in binary form: it starts with 'U0t', the Base64 text of 'SK'"
            + " (decode the Base64 first)",
        rejected(base64));
  }

  @Test
  void aFlippedOrTruncatedBinaryCheckpointStillReadsAsCorrupted() {
    byte[] b = SlaClockSnapshot.toBytes(clock());
    for (int bit = 0; bit < 16; bit++) {
      byte[] flipped = b.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertTrue(rejected(flipped).startsWith("snapshot is corrupted or truncated"), bit + "");
    }
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
    assertTrue(rejected(cut).startsWith("snapshot is corrupted or truncated"));
  }
}
