package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A JSON snapshot or the Base64 text of a binary one handed to a binary reader (a snapshot kept in
 * a text column) is named as such. Before, both were "snapshot is corrupted or truncated: its
 * CRC32C is ...", which sends a developer looking for damaged data (a new user's review, s8review
 * F7). Real damage still reads as corrupted.
 */
class SnapshotTextInsteadOfBytesTest {

  private static NpsAccumulator nps() {
    NpsAccumulator n = NpsAccumulator.create();
    n.add(9);
    n.add(3);
    return n;
  }

  private static String rejected(byte[] b) {
    return assertThrows(
            IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(b, NpsAccumulator.class))
        .getMessage();
  }

  @Test
  void aJsonSnapshotGivenAsBytesIsNamedAsJson() {
    assertEquals(
        "not a servicekit snapshot in binary form: it is text starting with '{', as a JSON"
            + " snapshot is (read that with fromJson)",
        rejected(KpiSnapshots.toJson(nps()).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theBase64TextOfABinarySnapshotIsNamedAsBase64() {
    assertEquals(
        "not a servicekit snapshot in binary form: it starts with 'U0s', the Base64 text of 'SK'"
            + " (decode the Base64 first)",
        rejected(Base64.getEncoder().encode(nps().toBytes())));
  }

  @Test
  void aFlippedOrTruncatedBinarySnapshotStillReadsAsCorrupted() {
    byte[] b = nps().toBytes();
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
