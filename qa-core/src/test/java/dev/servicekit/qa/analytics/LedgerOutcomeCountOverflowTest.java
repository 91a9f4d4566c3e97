package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedger.Outcome;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * A ledger restored with an outcome count at {@code Long.MAX_VALUE} (a snapshot it reads) must
 * refuse the call that would count once more, rather than wrap the count to a negative number that
 * its own {@code fromBytes} then refuses; and the refused call changes nothing.
 */
class LedgerOutcomeCountOverflowTest {

  private static final Instant MON = Instant.parse("2026-03-02T09:00:00Z");

  /** {@code l}'s snapshot with the count of {@code o} set to {@code value}, resealed. */
  static byte[] withCount(ScoreLedger l, Outcome o, long value) {
    byte[] b = l.toBytes();
    ByteBuffer buf = ByteBuffer.wrap(b);
    int scores = buf.getInt(4);
    int at = 4 + 4 + scores + 1 + 8 + 8 * o.ordinal();
    buf.putLong(at, value);
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    buf.putInt(b.length - 4, (int) crc.getValue());
    return b;
  }

  @Test
  void aCallWhoseOutcomeCountWouldOverflowIsRefusedAndChangesNothing() {
    ScoreLedger fresh = ScoreLedger.create(Granularity.WEEK, ZoneId.of("UTC"));
    ScoreLedger l = ScoreLedger.fromBytes(withCount(fresh, Outcome.ADDED, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, l.count(Outcome.ADDED));
    byte[] before = l.toBytes();
    Evaluation e = PointsEvaluations.of("call-1", "ann", MON, 60);
    ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> l.put("rev-1", e));
    assertTrue(thrown.getMessage().contains("ADDED"), thrown.getMessage());
    assertArrayEquals(before, l.toBytes(), "a refused put changes nothing");
    assertEquals(0, l.size());

    ScoreLedger r = ScoreLedger.fromBytes(withCount(fresh, Outcome.REMOVED, Long.MAX_VALUE));
    byte[] rBefore = r.toBytes();
    assertThrows(ArithmeticException.class, () -> r.remove("rev-1"));
    assertArrayEquals(rBefore, r.toBytes(), "a refused remove changes nothing");
  }
}
