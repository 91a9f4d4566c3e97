package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreAggregator#summaries} checks its arguments whatever the aggregator holds: a tolerance
 * that is NaN or negative was refused only once a cell was summarised, so an empty aggregator (a
 * new shard, a quiet period) accepted it and the mistake surfaced later.
 */
class SummariesArgumentsTest {

  @Test
  void anEmptyAggregatorRefusesANaNOrNegativeTolerance() {
    ScoreAggregator empty = ScoreAggregator.create(Granularity.WEEK, ZoneOffset.UTC);
    assertEquals(
        "tolerance NaN must be >= 0",
        assertThrows(IllegalArgumentException.class, () -> empty.summaries(0.95, Double.NaN))
            .getMessage());
    assertEquals(
        "tolerance -1.0 must be >= 0",
        assertThrows(IllegalArgumentException.class, () -> empty.summaries(0.95, -1)).getMessage());
    assertEquals(0, empty.summaries(0.95, 5).size());
  }

  @Test
  void anAggregatorWithScoresRefusesTheSameTolerance() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, ZoneOffset.UTC);
    a.add("anna", LocalDate.of(2026, 3, 2), 80);
    assertEquals(
        "tolerance NaN must be >= 0",
        assertThrows(IllegalArgumentException.class, () -> a.summaries(0.95, Double.NaN))
            .getMessage());
    assertEquals(1, a.summaries(0.95, 5).size());
  }
}
