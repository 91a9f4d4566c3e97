package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * A score-aggregator snapshot with a checksum that matches but a granularity or zone that does not
 * exist is refused naming the field, its value quoted and escaped (found by
 * EveryReaderHostileInputProperties: "No enum constant dev.servicekit.qa.analytics.Granularity.DAY"
 * followed by the raw NUL, from {@code Enum.valueOf}).
 */
class ScoreAggregatorSnapshotFieldsTest {

  /** A sealed snapshot with no cells and the given granularity and zone. */
  private static byte[] snapshot(String granularity, String zone) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', ScoreAggregator.SNAPSHOT_KIND, 1}); // version 1: no magnitude
    out.writeUTF(granularity);
    out.writeUTF(zone);
    out.writeInt(0);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return bytes.toByteArray();
  }

  private static String message(byte[] snapshot) {
    return assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(snapshot))
        .getMessage();
  }

  @Test
  void anUnknownGranularityOrZoneIsNamedAndQuotedEscaped() throws IOException {
    // the same snapshot with real values reads
    assertEquals(0, ScoreAggregator.fromBytes(snapshot("DAY", "UTC")).summaries(0.95, 0.05).size());
    assertEquals(
        "snapshot granularity 'DAY\\u0000' is not one of [DAY, WEEK, MONTH]",
        message(snapshot("DAY\u0000", "UTC")));
    assertEquals(
        "snapshot zone 'Mars/\\u2028Base' is not a zone id",
        message(snapshot("DAY", "Mars/\u2028Base")));
  }
}
