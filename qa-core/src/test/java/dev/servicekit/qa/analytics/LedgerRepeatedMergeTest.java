package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * Merging a ledger whose ids this ledger already holds counts each score once, however often it is
 * repeated: as if the calls had been fed again (each one {@code UNCHANGED}).
 */
class LedgerRepeatedMergeTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant TUE = Instant.parse("2026-03-03T10:00:00Z");

  /**
   * A first merge stored the other ledger's entry itself; a second merge of the same ledger saw the
   * same object on both sides, took it for the winner on both and withdrew neither count.
   */
  @Test
  void mergingTheSameLedgerTwiceCountsItsScoreOnce() {
    ScoreLedger shard = ScoreLedger.create(Granularity.WEEK, ZONE);
    shard.put("rev-1", PointsEvaluations.of("call-1", "ann", TUE, 70));
    ScoreLedger global = ScoreLedger.create(Granularity.WEEK, ZONE);
    global.merge(shard);
    byte[] once = global.toBytes();
    global.merge(shard);
    assertEquals(1, global.summaries(0.95, 5).values().iterator().next().count());
    assertEquals(1, global.scores().summaries(0.95, 5).values().iterator().next().count());
    assertArrayEquals(once, withCountsOf(global, once));
  }

  /**
   * The shared ids' scores were withdrawn from the merged cells, which doubles a cell's rounding
   * error with every merge: after a few dozen merges of a shard holding the same reviews the
   * ledger's own snapshot was refused ("snapshot holds evaluation ... that its scores cannot give
   * back").
   */
  @Test
  void repeatedMergesOfTheSameReviewsLeaveTheScoresExactlyAsTheyWere() {
    ScoreLedger global = ScoreLedger.create(Granularity.WEEK, ZONE);
    global.put("rev-1", PointsEvaluations.of("call-1", "ann", TUE, 85));
    global.put("rev-2", PointsEvaluations.of("call-2", "ann", TUE, 3));
    global.put("rev-3", PointsEvaluations.of("call-3", "ann", TUE, 41));
    var before = global.summaries(0.95, 5);
    for (int i = 0; i < 50; i++) { // the outcome counts double: 3 * 2^50 still fits
      global.merge(ScoreLedger.fromBytes(global.toBytes()));
    }
    assertEquals(before, global.summaries(0.95, 5));
    assertEquals(before, ScoreLedger.fromBytes(global.toBytes()).summaries(0.95, 5));
  }

  /** {@code l}'s snapshot compared without its outcome counts: those add up with each merge. */
  private static byte[] withCountsOf(ScoreLedger l, byte[] reference) {
    byte[] b = l.toBytes();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
    int scores = in.getInt(4);
    int at = 4 + 4 + scores + 1 + 8;
    byte[] out = b.clone();
    System.arraycopy(reference, at, out, at, 8 * ScoreLedger.Outcome.values().length);
    System.arraycopy(reference, reference.length - 4, out, out.length - 4, 4);
    return out;
  }
}
