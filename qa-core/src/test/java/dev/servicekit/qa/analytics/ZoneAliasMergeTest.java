package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recorders whose zones have equal rules date every evaluation alike, so they merge: a shard
 * configured with {@code "UTC"} and one with {@link ZoneOffset#UTC} (or a tz link and its target)
 * were refused as "another zone". Zones of other rules are still refused.
 */
class ZoneAliasMergeTest {

  private static final LocalDate DAY = LocalDate.parse("2026-01-05");

  @Test
  void scoreAggregatorsInUtcAliasesMerge() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneId.of("UTC"));
    ScoreAggregator b = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    a.add("ann", DAY, 80);
    b.add("ann", DAY, 60);
    a.merge(b);
    assertEquals(2, a.summaries(0.95, 1).get(new AgentPeriod("ann", DAY)).count());
    ScoreAggregator kolkata = ScoreAggregator.create(Granularity.DAY, ZoneId.of("Asia/Kolkata"));
    kolkata.merge(ScoreAggregator.create(Granularity.DAY, ZoneId.of("Asia/Calcutta")));
    ScoreAggregator plusOne = ScoreAggregator.create(Granularity.DAY, ZoneOffset.ofHours(1));
    assertThrows(IllegalArgumentException.class, () -> a.merge(plusOne));
  }

  @Test
  void outcomeSharesInUtcAliasesMergeAndReadEachOthersSnapshots() {
    OutcomeShares a = OutcomeShares.bands(Granularity.DAY, ZoneId.of("Etc/UTC"), x -> "red");
    OutcomeShares b = OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, x -> "red");
    a.add(AnalyticsOverflowTest.eval("ann", "yes"));
    b.add(AnalyticsOverflowTest.eval("bob", "no"));
    a.merge(b);
    assertEquals(2, a.perAgent(0.95).size());
    OutcomeShares read = OutcomeShares.fromBytes(b.toBytes(), a);
    assertEquals(b.perAgent(0.95), read.perAgent(0.95));
    OutcomeShares berlin =
        OutcomeShares.bands(Granularity.DAY, ZoneId.of("Europe/Berlin"), x -> "red");
    assertThrows(IllegalArgumentException.class, () -> a.merge(berlin));
    assertThrows(
        IllegalArgumentException.class, () -> OutcomeShares.fromBytes(b.toBytes(), berlin));
  }

  @Test
  void ledgersInUtcAliasesMergeAndTakeSharesOfAnAlias() {
    ScoreLedger a =
        ScoreLedger.create(
            Granularity.DAY,
            ZoneId.of("UTC"),
            List.of(OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, x -> "red")));
    ScoreLedger b =
        ScoreLedger.create(
            Granularity.DAY,
            ZoneOffset.UTC,
            List.of(OutcomeShares.bands(Granularity.DAY, ZoneId.of("GMT"), x -> "red")));
    a.put("e1", AnalyticsOverflowTest.eval("ann", "yes"));
    b.put("e2", AnalyticsOverflowTest.eval("bob", "yes"));
    a.merge(b);
    assertEquals(2, a.size());
  }
}
