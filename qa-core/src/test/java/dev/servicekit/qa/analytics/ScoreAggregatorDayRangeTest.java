package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * s10user finding 13: {@code ScoreAggregator.add(agent, day, score)} took {@code LocalDate.MIN} and
 * {@code MAX}; days are now bounded to the years 1900..2299, as every other qa-core date and
 * instant, and a snapshot cell outside the periods of those years is refused.
 */
class ScoreAggregatorDayRangeTest {

  @Test
  void aDayOutsideTheYears1900To2299IsRefusedNamingItAndChangesNothing() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    a.add("ann", LocalDate.of(1900, 1, 1), 80);
    a.add("ann", LocalDate.of(2299, 12, 31), 90);
    byte[] before = a.toBytes();
    for (LocalDate d :
        List.of(
            LocalDate.MIN, LocalDate.MAX, LocalDate.of(1899, 12, 31), LocalDate.of(2300, 1, 1))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> a.add("ann", d, 50));
      assertEquals(
          "day "
              + d
              + " must be in 1900-01-01..2299-12-31, the years 1900..2299 of every"
              + " servicekit date",
          e.getMessage());
      assertArrayEquals(before, a.toBytes());
    }
  }

  @Test
  void anEvaluationAtTheFirstInstantInAWesternZoneStillRoundTrips() {
    // 1900-01-01T00:00Z is 1899-12-31 in Honolulu: a cell add(Evaluation) can make, so read back
    ScoreAggregator weekly =
        ScoreAggregator.create(Granularity.WEEK, ZoneId.of("Pacific/Honolulu"));
    weekly.add(
        Evaluation.of(
            AnalyticsTest.CHECKLIST,
            "i1",
            "ann",
            "rev",
            Instant.parse("1900-01-01T00:00:00Z"),
            Map.of(
                "greet", Answer.of("yes"), "verify", Answer.of("yes"), "close", Answer.of("no"))));
    ScoreAggregator back = ScoreAggregator.fromBytes(weekly.toBytes());
    assertEquals(weekly.summaries(0.95, 5), back.summaries(0.95, 5));
    assertEquals(LocalDate.of(1899, 12, 25), back.summaries(0.95, 5).firstKey().periodStart());
  }

  private static byte[] snapshotWithCell(LocalDate periodStart) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', ScoreAggregator.SNAPSHOT_KIND, 1}); // version 1: no magnitude
    out.writeUTF("DAY");
    out.writeUTF("UTC");
    out.writeInt(1);
    out.writeUTF("ann");
    out.writeLong(periodStart.toEpochDay());
    out.writeLong(1);
    out.writeDouble(80);
    out.writeDouble(0);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    return bytes.toByteArray();
  }

  @Test
  void aSnapshotCellOutsideThePeriodsOfThoseYearsIsRefused() throws IOException {
    assertEquals(
        1,
        ScoreAggregator.fromBytes(snapshotWithCell(LocalDate.of(2300, 1, 1)))
            .summaries(0.95, 5)
            .size());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreAggregator.fromBytes(snapshotWithCell(LocalDate.of(2400, 1, 1))));
    assertEquals(
        "snapshot cell 0 starts on 2400-01-01, outside the periods of the years 1900..2299",
        e.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ScoreAggregator.fromBytes(snapshotWithCell(LocalDate.of(-5000, 1, 1))))
            .getMessage()
            .startsWith("snapshot cell 0 starts on -5000-01-01"));
  }
}
