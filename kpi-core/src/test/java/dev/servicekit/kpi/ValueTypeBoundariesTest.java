package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.kpi.staffing.Workload;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Results and value types at the exact ends of their documented ranges. */
class ValueTypeBoundariesTest {

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void durationAveragesAreEmptyWithoutObservationsAndOtherwiseTotalOverCount() {
    assertEquals(OptionalDouble.empty(), new DurationResult(0, 0).averageMillis());
    assertEquals(Optional.empty(), new DurationResult(0, 0).average());
    assertEquals(OptionalDouble.of(2.5), new DurationResult(4, 10).averageMillis());
    // rounded down to the millisecond
    assertEquals(Optional.of(Duration.ofMillis(2)), new DurationResult(4, 10).average());
  }

  @Test
  void outcomePercentagesAreOfAllOutcomes() {
    OutcomeResult r = new OutcomeResult(6, 2);
    assertEquals(OptionalDouble.of(75.0), r.positivePercent());
    assertEquals(OptionalDouble.of(25.0), r.negativePercent());
  }

  @Test
  void retentionCountsMayBeZeroAndAcquiredMayEqualTheEndCount() {
    assertEquals(0, new RetentionRate(0, 0, 0).acquired());
    assertEquals(3, new RetentionRate(5, 3, 3).acquired());
    String negative = "customer counts (atStart %d, atEnd %d, acquired %d) must be >= 0";
    assertMessage(
        String.format(Locale.ROOT, negative, -1, 0, 0), () -> new RetentionRate(-1, 0, 0));
    assertMessage(
        String.format(Locale.ROOT, negative, 0, -1, 0), () -> new RetentionRate(0, -1, 0));
    assertMessage(
        String.format(Locale.ROOT, negative, 0, 0, -1), () -> new RetentionRate(0, 0, -1));
    assertMessage("acquired 4 must be <= atEnd 3", () -> new RetentionRate(5, 3, 4));
  }

  @Test
  void ratingScalesSpanOneToOneHundredStepsWithTheSatisfiedMarkInside() {
    assertEquals(150, new RatingScale(50, 150, 100).max());
    assertEquals(1, new RatingScale(1, 2, 1).satisfiedFrom());
    assertEquals(5, new RatingScale(1, 5, 5).satisfiedFrom());
    assertMessage(
        "scale max 1 must be > min 1 and at most min + 100", () -> new RatingScale(1, 1, 1));
    assertMessage(
        "scale max 151 must be > min 50 and at most min + 100", () -> new RatingScale(50, 151, 60));
    assertMessage("satisfiedFrom 0 must be within 1..5", () -> new RatingScale(1, 5, 0));
    assertMessage("satisfiedFrom 6 must be within 1..5", () -> new RatingScale(1, 5, 6));
  }

  @Test
  void drillDownCapacityIsOneToTenThousand() {
    DrillDownSample.create(1);
    DrillDownSample.create(10_000);
    assertMessage("capacity 0 must be in 1..10000", () -> DrillDownSample.create(0));
    assertMessage("capacity 10001 must be in 1..10000", () -> DrillDownSample.create(10_001));
  }

  @Test
  void aShortAbandonThresholdMayEqualTheServiceLevelThreshold() {
    Duration twenty = Duration.ofSeconds(20);
    assertEquals(
        twenty, ServiceLevelPolicy.of(twenty, twenty, Duration.ofMinutes(1)).shortAbandon());
    assertMessage(
        "shortAbandon PT21S must be <= threshold PT20S",
        () -> ServiceLevelPolicy.of(twenty, Duration.ofSeconds(21), Duration.ofMinutes(1)));
  }

  @Test
  void arrivalRateIsCallsPerSecondOfTheInterval() {
    assertEquals(
        0.05,
        Workload.of(90, Duration.ofMinutes(30), Duration.ofMinutes(3)).callsPerSecond(),
        1e-15);
  }

  @Test
  void productivityCountsActionsByNameAndIndexAndNamesTheValidRange() {
    java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
    weights.put("reply", 1.0);
    weights.put("close", 2.0);
    weights.put("note", 0.5);
    ProductivityAccumulator p = ProductivityIndex.of(weights, 80, 10).newAccumulator();
    p.add("reply");
    p.add(1);
    p.add("reply");
    p.retract("reply");
    assertEquals(
        java.util.List.of("reply", "close", "note"), java.util.List.copyOf(p.result().keySet()));
    assertEquals(java.util.Map.of("reply", 1L, "close", 1L, "note", 0L), p.result());
    assertEquals("ProductivityAccumulator{reply=1, close=1, note=0}", p.toString());
    assertMessage("actionIndex 3 must be in 0..2", () -> p.add(3));
    assertMessage("actionIndex -1 must be in 0..2", () -> p.retract(-1));
    assertMessage(
        "action 'chat' is not one of the index's 3 actions [reply, close, note]",
        () -> p.add("chat"));
    assertEquals(java.util.Map.of("reply", 1L, "close", 1L, "note", 0L), p.result());
  }
}
