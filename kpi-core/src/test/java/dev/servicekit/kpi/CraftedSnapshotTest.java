package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Snapshots that pass the checksum (re-sealed after editing) but describe a state the accumulator
 * could never reach must be rejected, not restored into results outside their range (found by a
 * new-user review: an NPS of -9.2e20, a median of 2.1e203 ms).
 */
class CraftedSnapshotTest {

  private static final String MAX = Long.toString(Long.MAX_VALUE);

  @Test
  void npsCountsWhoseTotalOverflowsAreRejected() {
    String json = KpiSnapshots.toJson(NpsAccumulator.create());
    String edited =
        json.replaceFirst("\"promoters\"\\s*:\\s*0", "\"promoters\":" + MAX)
            .replaceFirst("\"passives\"\\s*:\\s*0", "\"passives\":" + MAX)
            .replaceFirst("\"detractors\"\\s*:\\s*0", "\"detractors\":1");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromJson(Resealed.json(edited), NpsAccumulator.class));
    assertTrue(e.getMessage().contains("must fit a long"), e.getMessage());
  }

  @Test
  void npsAddThatWouldOverflowTheTotalThrowsAndChangesNothing() {
    NpsAccumulator full = NpsAccumulator.create();
    String json = KpiSnapshots.toJson(full);
    NpsAccumulator a =
        KpiSnapshots.fromJson(
            Resealed.json(
                json.replaceFirst(
                        "\"promoters\"\\s*:\\s*0", "\"promoters\":" + (Long.MAX_VALUE - 1))
                    .replaceFirst("\"detractors\"\\s*:\\s*0", "\"detractors\":1")),
            NpsAccumulator.class);
    NpsResult before = a.result();
    assertThrows(ArithmeticException.class, () -> a.add(0));
    assertThrows(ArithmeticException.class, () -> a.merge(a.copy()));
    assertTrue(before.equals(a.result()));
    assertTrue(a.result().score().getAsDouble() <= 100);
  }

  @Test
  void outcomeAndServiceLevelTotalsThatOverflowAreRejected() {
    String outcome = KpiSnapshots.toJson(OutcomeAccumulator.create());
    String o =
        outcome
            .replaceFirst("\"positive\"\\s*:\\s*0", "\"positive\":" + MAX)
            .replaceFirst("\"negative\"\\s*:\\s*0", "\"negative\":1");
    assertThrows(
        IllegalArgumentException.class,
        () -> KpiSnapshots.fromJson(Resealed.json(o), OutcomeAccumulator.class));

    ServiceLevelAccumulator sl =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60)));
    String json = KpiSnapshots.toJson(sl);
    String s =
        json.replaceFirst("\"answered\"\\s*:\\s*0", "\"answered\":" + MAX)
            .replaceFirst("\"abandoned\"\\s*:\\s*0", "\"abandoned\":1");
    assertThrows(
        IllegalArgumentException.class,
        () -> KpiSnapshots.fromJson(Resealed.json(s), ServiceLevelAccumulator.class));
  }

  @Test
  void aPercentileSnapshotWithAnEditedAccuracyIsRejected() {
    PercentileAccumulator p = PercentileAccumulator.create(0.01);
    p.add(Duration.ofSeconds(5));
    String json = KpiSnapshots.toJson(p);
    String edited =
        json.replaceFirst("\"relativeAccuracy\"\\s*:\\s*0\\.01", "\"relativeAccuracy\":0.5");
    assertTrue(!edited.equals(json), "the accuracy field was edited");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KpiSnapshots.fromJson(Resealed.json(edited), PercentileAccumulator.class));
    assertTrue(e.getMessage().contains("relativeAccuracy"), e.getMessage());
    // the unedited snapshot still restores
    assertTrue(
        KpiSnapshots.fromJson(json, PercentileAccumulator.class).quantileMillis(0.5).isPresent());
  }
}
