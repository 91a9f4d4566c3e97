package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A retraction leaves the mean within the rounding it allows ({@code 1e-9} of the largest score),
 * which may pass {@link ScoreAccumulator#MAX_ABS_SCORE} by an ulp; the snapshot of that state was
 * refused ("score state count=1 mean=1.0000000000000002E100 ... is not consistent").
 */
class ScoreNearTheBoundSnapshotTest {

  @Test
  void aStateLeftByARetractionNearTheBoundReadsBack() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneId.of("UTC"));
    LocalDate day = LocalDate.of(2026, 3, 2);
    double third = ScoreAccumulator.MAX_ABS_SCORE / 3;
    a.add("ann", day, third);
    a.add("ann", day, ScoreAccumulator.MAX_ABS_SCORE);
    a.retract("ann", day, third);
    byte[] bytes = a.toBytes();
    ScoreAggregator back = ScoreAggregator.fromBytes(bytes);
    assertArrayEquals(bytes, back.toBytes());
    back.retract("ann", day, ScoreAccumulator.MAX_ABS_SCORE);
    assertEquals(0, back.summaries(0.95, 1).size());
  }
}
