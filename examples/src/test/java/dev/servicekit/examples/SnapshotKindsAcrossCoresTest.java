package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The three cores write their binary snapshots in one frame ({@code 'S' 'K'}, kind, version, ...,
 * CRC32C) with distinct kind bytes: each core's reader refuses another core's snapshot by its kind
 * and names whose it is. An SLA clock checkpoint used to share kind 1 with kpi-core's rating
 * accumulator, so the rating reader decoded it as a rating and failed on a field, or, with a
 * crafted ticket id, could have restored a rating.
 */
class SnapshotKindsAcrossCoresTest {

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("p")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .build())
          .build();

  private static byte[] slaClock() {
    SlaClock c = SlaClock.of(SET, Map.of(), "TICKET-1");
    c.accept(
        TicketEvent.Created.byCustomer(
                "TICKET-1", "e1", Instant.parse("2026-01-01T00:00:00Z"), Map.of(), Set.of())
            .withStatus("pending"));
    return SlaClockSnapshot.toBytes(c);
  }

  private static byte[] rating() {
    RatingAccumulator a = RatingAccumulator.create(RatingScale.csatFivePoint());
    a.add(5);
    return KpiSnapshots.toBytes(a);
  }

  private static byte[] score() {
    return ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC).toBytes();
  }

  @Test
  void theCoresUseDistinctKindBytes() {
    assertEquals('S', slaClock()[2]);
    assertEquals(SlaClockSnapshot.KIND, slaClock()[2]);
    assertEquals(ScoreAggregator.SNAPSHOT_KIND, score()[2]);
    assertTrue(rating()[2] != slaClock()[2] && rating()[2] != score()[2]);
  }

  @Test
  void kpiReadersNameAnSlaClockOrAScoreAggregatorSnapshot() {
    IllegalArgumentException sla =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromBytes(slaClock(), RatingAccumulator.class));
    assertEquals(
        "kind is 83, an sla-core SLA clock snapshot: read it with SlaClockSnapshot.fromBytes, not"
            + " a kpi-core snapshot",
        sla.getMessage());
    IllegalArgumentException qa =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(score()));
    assertTrue(qa.getMessage().contains("qa-core score aggregator snapshot"), qa.getMessage());
  }

  @Test
  void theSlaReaderNamesAKpiOrQaSnapshot() {
    IllegalArgumentException kpi =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockSnapshot.fromBytes(SET, Map.of(), rating()));
    assertEquals(
        "expected an SLA clock snapshot (kind 83), found kind 1 (a kpi-core snapshot:"
            + " KpiSnapshots.fromBytes)",
        kpi.getMessage());
    IllegalArgumentException qa =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockSnapshot.fromBytes(SET, Map.of(), score()));
    assertTrue(qa.getMessage().contains("qa-core score aggregator snapshot"), qa.getMessage());
  }

  @Test
  void theQaReaderNamesAnSlaOrKpiSnapshot() {
    IllegalArgumentException sla =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(slaClock()));
    assertTrue(sla.getMessage().contains("found kind 83 (an sla-core"), sla.getMessage());
    IllegalArgumentException kpi =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(rating()));
    assertTrue(kpi.getMessage().contains("found kind 1 (a kpi-core snapshot"), kpi.getMessage());
  }
}
