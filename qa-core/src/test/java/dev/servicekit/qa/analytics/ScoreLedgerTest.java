package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedger.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Scenarios of {@link ScoreLedger}: a webhook feed of reviews, redelivered, late and deleted. */
class ScoreLedgerTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant MON = Instant.parse("2026-03-02T09:00:00Z");
  private static final AgentPeriod ANN_WEEK = new AgentPeriod("ann", LocalDate.of(2026, 3, 2));

  private static ScoreLedger ledger() {
    return ScoreLedger.create(Granularity.WEEK, ZONE);
  }

  private static ScoreSummary ann(ScoreLedger l) {
    return l.summaries(0.95, 5).get(ANN_WEEK);
  }

  @Test
  void aRedeliveredReviewCountsOnceAndAnUpheldDisputeReplacesItsScore() {
    ScoreLedger l = ledger();
    Evaluation first = PointsEvaluations.of("call-1", "ann", MON, 60);
    Evaluation upheld = PointsEvaluations.disputedAndRevised(first, 90);
    assertEquals(Outcome.ADDED, l.put("rev-1", first));
    assertEquals(Outcome.UNCHANGED, l.put("rev-1", first)); // the webhook sent it twice
    assertEquals(1, ann(l).count());
    assertEquals(Outcome.REVISED, l.put("rev-1", upheld));
    assertEquals(Outcome.STALE, l.put("rev-1", first)); // the first delivery, overtaken
    assertEquals(1, ann(l).count());
    assertEquals(90.0, ann(l).mean(), 1e-12);
    assertEquals(1, l.count(Outcome.STALE));
    assertEquals(1, l.count(Outcome.UNCHANGED));
  }

  @Test
  void aDeletionThatArrivesFirstKeepsTheReviewOut() {
    ScoreLedger l = ledger();
    assertEquals(Outcome.REMOVED, l.remove("rev-9"));
    assertEquals(0, l.closeBefore(LocalDate.of(2026, 3, 2))); // a removal with no period stays
    Evaluation e = PointsEvaluations.of("call-9", "ann", MON, 40);
    assertEquals(Outcome.AFTER_REMOVAL, l.put("rev-9", e));
    assertEquals(Outcome.AFTER_REMOVAL, l.remove("rev-9"));
    assertEquals(null, ann(l));
    assertEquals(1, l.size());
  }

  @Test
  void aDeletionBeforeItsReviewEndsHeldAsOneAfterIt() {
    Evaluation e = PointsEvaluations.of("call-9", "ann", MON, 40);
    Evaluation bob = PointsEvaluations.of("call-9", "bob", MON, 40);
    ScoreLedger first = ledger(); // the deletion overtook the review
    first.remove("rev-9");
    assertEquals(Outcome.AFTER_REMOVAL, first.put("rev-9", e));
    ScoreLedger second = ledger();
    second.put("rev-9", e);
    second.remove("rev-9");
    for (ScoreLedger l : new ScoreLedger[] {first, second}) {
      byte[] before = l.toBytes();
      IllegalArgumentException reused =
          assertThrows(IllegalArgumentException.class, () -> l.put("rev-9", bob));
      assertTrue(
          reused.getMessage().contains("agentId 'ann' held, 'bob' now"), reused.getMessage());
      assertArrayEquals(before, l.toBytes());
      assertEquals(1, l.closeBefore(LocalDate.of(2026, 3, 9)), "its period's close forgets it");
      assertEquals(0, l.size());
      assertEquals(Outcome.LATE, l.put("rev-9", e));
    }
  }

  @Test
  void aDeletionAfterItsPeriodClosedIsTakenForOneThatCameFirst() {
    ScoreLedger l = ledger();
    l.put("rev-8", PointsEvaluations.of("call-8", "ann", MON, 40));
    l.closeBefore(LocalDate.of(2026, 3, 9));
    assertEquals(Outcome.REMOVED, l.remove("rev-8")); // no period: it cannot be told LATE
    assertEquals(1, ann(l).count(), "the closed period keeps its score");
    assertEquals(1, l.size());
  }

  @Test
  void aMergeCountsTheEvaluationOnceAndAddsTheShardsOutcomeCounts() {
    Evaluation e = PointsEvaluations.of("call-7", "ann", MON, 60);
    ScoreLedger a = ledger();
    ScoreLedger b = ledger();
    a.put("rev-7", e);
    b.put("rev-7", e); // redelivered to another shard
    a.merge(b);
    assertEquals(1, ann(a).count());
    assertEquals(2, a.count(Outcome.ADDED), "the shards' counts, added");
    assertEquals(0, a.count(Outcome.UNCHANGED));
  }

  @Test
  void aDeletionWithdrawsTheScoreForGood() {
    ScoreLedger l = ledger();
    Evaluation e = PointsEvaluations.of("call-2", "ann", MON, 40);
    Evaluation other = PointsEvaluations.of("call-3", "ann", MON, 80);
    l.put("rev-2", e);
    l.put("rev-3", other);
    assertEquals(Outcome.REMOVED, l.remove("rev-2"));
    assertEquals(1, ann(l).count());
    assertEquals(80.0, ann(l).mean(), 1e-12);
    assertEquals(Outcome.AFTER_REMOVAL, l.put("rev-2", PointsEvaluations.revised(e, 100)));
    assertEquals(1, ann(l).count());
  }

  @Test
  void aRevisionToTheSameScoreLeavesTheMomentsAsTheyWere() {
    ScoreLedger l = ledger();
    Evaluation e = PointsEvaluations.of("call-4", "ann", MON, 70);
    l.put("rev-4", e);
    l.put("rev-5", PointsEvaluations.of("call-5", "ann", MON, 33));
    byte[] scores = l.scores().toBytes();
    assertEquals(Outcome.REVISED, l.put("rev-4", PointsEvaluations.revised(e, 70)));
    assertArrayEquals(scores, l.scores().toBytes());
  }

  @Test
  void anUnscoredStateHoldsNoScoreUntilRevised() {
    ScoreLedger l = ledger();
    Evaluation na = PointsEvaluations.of("call-6", "ann", MON, -1);
    assertEquals(Outcome.ADDED, l.put("rev-6", na));
    assertEquals(null, ann(l));
    assertEquals(Outcome.REVISED, l.put("rev-6", PointsEvaluations.revised(na, 50)));
    assertEquals(50.0, ann(l).mean(), 1e-12);
  }

  @Test
  void anIdReusedForAnotherReviewIsRefusedNamingTheField() {
    ScoreLedger l = ledger();
    l.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 60));
    byte[] before = l.toBytes();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> l.put("rev-1", PointsEvaluations.of("call-1", "bob", MON, 60)));
    assertEquals(
        "evaluationId 'rev-1' is held for another evaluation: its agentId 'ann' held, 'bob'"
            + " now (an id names one evaluation in all its states)",
        e.getMessage());
    assertArrayEquals(before, l.toBytes());
  }

  @Test
  void twoStatesOfOneVersionWithOtherScoresAreRefused() {
    ScoreLedger l = ledger();
    l.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 60));
    byte[] before = l.toBytes();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> l.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 61)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "evaluationId 'rev-1' holds 0 revisions on checklist version 1 scored 60.0, and"
                    + " this state of the same version is scored 61.0"),
        e.getMessage());
    assertArrayEquals(before, l.toBytes());
  }

  @Test
  void aBadIdIsRefusedNamingTheField() {
    ScoreLedger l = ledger();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> l.put(" ", PointsEvaluations.of("call-1", "ann", MON, 60)));
    assertTrue(e.getMessage().startsWith("evaluationId"), e.getMessage());
    assertEquals(0, l.size());
  }

  @Test
  void aRescoreOnALaterChecklistVersionIsALaterState() {
    ScoreLedger l = ledger();
    Evaluation v1 = PointsEvaluations.of("call-1", "ann", MON, 60);
    Evaluation v2 = v1.rescore(PointsEvaluations.CHECKLIST_V2);
    assertEquals(Outcome.ADDED, l.put("rev-1", v1));
    assertEquals(Outcome.REVISED, l.put("rev-1", v2));
    assertEquals(Outcome.STALE, l.put("rev-1", v1));
  }

  @Test
  void closedPeriodsStayCountedAndRefuseLateCalls() {
    ScoreLedger l = ledger();
    Evaluation e = PointsEvaluations.of("call-1", "ann", MON, 60);
    l.put("rev-1", e);
    l.put("rev-2", PointsEvaluations.of("call-2", "ann", MON.plusSeconds(7 * 86400), 80));
    assertEquals(1, l.closeBefore(LocalDate.of(2026, 3, 11))); // the week of 9 March stays open
    assertEquals(LocalDate.of(2026, 3, 9), l.closedBefore().orElseThrow());
    assertEquals(0, l.closeBefore(LocalDate.of(2026, 3, 3))); // never reopens
    assertEquals(1, ann(l).count());
    assertEquals(Outcome.LATE, l.put("rev-1", PointsEvaluations.revised(e, 0)));
    assertEquals(Outcome.LATE, l.put("rev-7", PointsEvaluations.of("call-7", "ann", MON, 10)));
    assertEquals(60.0, ann(l).mean(), 1e-12);
    assertEquals(1, l.size());
    ScoreLedger back = ScoreLedger.fromBytes(l.toBytes());
    assertEquals(Outcome.LATE, back.put("rev-1", e));
  }

  @Test
  void aMergeIsRefusedWhereOneSideClosedWhatTheOtherHolds() {
    ScoreLedger a = ledger();
    ScoreLedger b = ledger();
    a.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 60));
    b.closeBefore(LocalDate.of(2026, 3, 9));
    byte[] before = a.toBytes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertTrue(e.getMessage().contains("the other ledger closed"), e.getMessage());
    assertArrayEquals(before, a.toBytes());
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
  }

  @Test
  void aSnapshotOfAnotherKindIsNamed() {
    byte[] aggregator = ScoreAggregator.create(Granularity.WEEK, ZONE).toBytes();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(aggregator));
    assertEquals(
        "expected a score ledger snapshot (kind 50), found kind 49 (a score aggregator snapshot:"
            + " ScoreAggregator.fromBytes)",
        e.getMessage());
    IllegalArgumentException back =
        assertThrows(
            IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(ledger().toBytes()));
    assertEquals(
        "expected a score aggregator snapshot (kind 49), found kind 50 (a score ledger snapshot:"
            + " ScoreLedger.fromBytes)",
        back.getMessage());
  }

  @Test
  void aConsistentChecksumDoesNotHideScoresTheIdsDoNotExplain() {
    ScoreLedger l = ledger();
    l.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 60));
    // a ledger whose scores hold a score no id explains: built from another ledger's scores
    ScoreLedger other = ledger();
    other.put("rev-1", PointsEvaluations.of("call-1", "ann", MON, 60));
    other.put("rev-2", PointsEvaluations.of("call-2", "ann", MON, 70));
    byte[] b = l.toBytes();
    byte[] s1 = l.scores().toBytes();
    byte[] s2 = other.scores().toBytes();
    byte[] forged = new byte[b.length - s1.length + s2.length];
    System.arraycopy(b, 0, forged, 0, 4);
    java.nio.ByteBuffer.wrap(forged, 4, 4).putInt(s2.length);
    System.arraycopy(s2, 0, forged, 8, s2.length);
    System.arraycopy(b, 8 + s1.length, forged, 8 + s2.length, b.length - 8 - s1.length);
    ScoreLedgerProperties.withChecksum(forged);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(forged));
    assertTrue(e.getMessage().contains("but its scores count 2"), e.getMessage());
  }

  /**
   * A removal that came before its review, whose review arrives after its period closed: the id is
   * forgotten (a review found it held for good, the memory growing with each such id).
   */
  @Test
  void aRemovalFirstAndItsReviewAfterTheCloseLeaveNothingHeld() {
    dev.servicekit.qa.Checklist cl =
        dev.servicekit.qa.Checklist.builder("calls", 1)
            .section(
                dev.servicekit.qa.Section.of(
                    "s",
                    1,
                    java.util.List.of(dev.servicekit.qa.Criterion.builder("greet").build())))
            .build();
    Evaluation e =
        Evaluation.of(
            cl,
            "i1",
            "ann",
            "rev",
            Instant.parse("2026-03-02T10:00:00Z"),
            java.util.Map.of("greet", dev.servicekit.qa.Answer.of("yes")));
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, java.time.ZoneOffset.UTC);
    assertEquals(Outcome.REMOVED, l.remove("r1"));
    l.closeBefore(LocalDate.of(2026, 4, 6));
    assertEquals(1, l.size(), "a removal of an unseen id is kept through a close");
    assertEquals(Outcome.LATE, l.put("r1", e));
    assertEquals(0, l.size());
  }

  /**
   * A snapshot whose held score differs from what its cell holds by less than the mean check sees
   * (resealed) is refused: every held score must be one its cell can give back. A review restored
   * one, then could not remove the review or read back the ledger's own snapshot.
   */
  @Test
  void aSnapshotWithAHeldScoreItsCellCannotGiveBackIsRefused() {
    dev.servicekit.qa.Checklist cl =
        dev.servicekit.qa.Checklist.builder("calls", 1)
            .section(
                dev.servicekit.qa.Section.of(
                    "s",
                    1,
                    java.util.List.of(
                        dev.servicekit.qa.Criterion.builder("greet").build(),
                        dev.servicekit.qa.Criterion.builder("hold").build())))
            .build();
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    java.util.Map<String, dev.servicekit.qa.Answer> half =
        java.util.Map.of(
            "greet", dev.servicekit.qa.Answer.of("yes"), "hold", dev.servicekit.qa.Answer.of("no"));
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, java.time.ZoneOffset.UTC);
    l.put("r1", Evaluation.of(cl, "i1", "ann", "rev", at, half));
    l.put("r2", Evaluation.of(cl, "i2", "ann", "rev", at, half));
    byte[] b = l.toBytes();
    byte[] fifty = java.nio.ByteBuffer.allocate(8).putDouble(50.0).array();
    int last = -1;
    int before = -1;
    for (int i = 0; i + 8 <= b.length - 4; i++) {
      if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(b, i, i + 8), fifty)) {
        before = last;
        last = i;
      }
    }
    System.arraycopy(
        java.nio.ByteBuffer.allocate(8).putDouble(50.0000001).array(), 0, b, before, 8);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b, 0, b.length - 4);
    java.nio.ByteBuffer.wrap(b, b.length - 4, 4).putInt((int) crc.getValue());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(b));
    assertTrue(e.getMessage().contains("that its scores cannot give back"), e.getMessage());
  }
}
