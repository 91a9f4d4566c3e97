package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Merges may bring each cell of a recorder near {@code Long.MAX_VALUE} (every cell's total is
 * checked to fit a long); such a recorder's snapshot must read back. The reader's check that agent
 * and team cells count the same evaluations summed the counts of one period and outcome over all
 * cells in a long, and refused a snapshot of two teams of 2^62 evaluations each as "beyond a long".
 */
class OutcomeSharesLargeCountsSnapshotTest {

  @Test
  void aSnapshotOfCellsNearTheLongLimitReadsBack() {
    Function<String, String> team = a -> a.equals("ann") ? "red" : "blue";
    ZoneId zone = ZoneId.of("UTC");
    OutcomeShares s = OutcomeShares.bands(Granularity.WEEK, zone, team);
    Instant mon = Instant.parse("2026-03-02T09:00:00Z");
    s.add(PointsEvaluations.of("call-1", "ann", mon, 60));
    s.add(PointsEvaluations.of("call-2", "bob", mon, 70));
    for (int i = 0; i < 62; i++) {
      s.merge(s); // each cell doubles: 2^62 evaluations of "high" per agent and per team
    }
    byte[] bytes = s.toBytes();
    OutcomeShares back =
        OutcomeShares.fromBytes(bytes, OutcomeShares.bands(Granularity.WEEK, zone, team));
    assertArrayEquals(bytes, back.toBytes());
    assertEquals(s.perTeam(0.95), back.perTeam(0.95));
  }
}
