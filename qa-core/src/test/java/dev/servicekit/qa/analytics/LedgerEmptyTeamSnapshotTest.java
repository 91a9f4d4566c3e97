package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreLedger.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A team function may return the empty text (a CRM whose team lookup falls back to ""): the
 * recorders count it and their own snapshots read it back, and so does the ledger that holds them.
 * Its readers refused such a team ({@code team 0 is empty: a team has a name}), so a ledger that
 * had taken the review wrote a checkpoint it could not restore.
 */
class LedgerEmptyTeamSnapshotTest {

  private static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final Instant SUNDAY = Instant.parse("2026-03-08T14:00:00Z");

  private static List<OutcomeShares> noTeam() {
    return List.of(
        OutcomeShares.bands(Granularity.WEEK, ZONE, java.time.DayOfWeek.SUNDAY, a -> ""));
  }

  private static ScoreLedger ledger() {
    ScoreLedger l =
        ScoreLedger.create(Granularity.WEEK, ZONE, java.time.DayOfWeek.SUNDAY, noTeam());
    assertEquals(Outcome.ADDED, l.put("rev-1", PointsEvaluations.of("call-1", "ann", SUNDAY, 70)));
    return l;
  }

  @Test
  void aLedgerWithAnEmptyTeamReadsBackFromBytes() {
    ScoreLedger l = ledger();
    ScoreLedger back = ScoreLedger.fromBytes(l.toBytes(), noTeam());
    assertArrayEquals(l.toBytes(), back.toBytes());
    assertEquals(
        l.shares().get(0).perTeam(0.95).keySet(), back.shares().get(0).perTeam(0.95).keySet());
    assertEquals(
        new GroupPeriod("", LocalDate.of(2026, 3, 8)),
        back.shares().get(0).perTeam(0.95).firstKey());
  }

  @Test
  void aLedgerWithAnEmptyTeamReadsBackFromJson() {
    ScoreLedger l = ledger();
    ScoreLedger back = ScoreLedger.fromJson(l.toJson(), noTeam());
    assertEquals(l.toJson(), back.toJson());
  }

  @Test
  void theRestoredLedgerRevisesTheReviewInItsTeam() {
    ScoreLedger back = ScoreLedger.fromBytes(ledger().toBytes(), noTeam());
    Evaluation first = PointsEvaluations.of("call-1", "ann", SUNDAY, 70);
    assertEquals(Outcome.UNCHANGED, back.put("rev-1", first));
    assertEquals(Outcome.REVISED, back.put("rev-1", PointsEvaluations.revised(first, 20)));
    assertEquals(Outcome.REMOVED, back.remove("rev-1"));
    assertEquals(0, back.shares().get(0).perTeam(0.95).size());
  }
}
