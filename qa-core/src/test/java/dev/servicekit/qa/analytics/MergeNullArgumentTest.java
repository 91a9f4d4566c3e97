package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every qa-core merge names its argument when given null, changing nothing. */
class MergeNullArgumentTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private static void refusesNull(Executable merge) {
    NullPointerException e = assertThrows(NullPointerException.class, merge);
    assertEquals("other", e.getMessage());
  }

  @Test
  void mergesRefuseNullNamingTheArgument() {
    refusesNull(() -> ScoreAggregator.create(Granularity.DAY, ZONE).merge(null));
    refusesNull(() -> new ScoreAccumulator().merge(null));
    refusesNull(() -> ScoreLedger.create(Granularity.DAY, ZONE).merge(null));
    refusesNull(() -> OutcomeShares.bands(Granularity.DAY, ZONE, agent -> "team").merge(null));
  }
}
