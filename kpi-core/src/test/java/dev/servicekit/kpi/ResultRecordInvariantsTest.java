package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The public result records hold what an accumulator's result holds, as {@code ServiceLevelResult},
 * {@code RetentionRate} and {@code AgentTimeResult} do (a new user's review): built by hand or read
 * with a record mapper, {@code new OutcomeResult(-5, 10)} gave a positive share of -100 %, {@code
 * new NpsResult(1, 0, -1)} no responses, and a {@code RatingResult} could disagree with its own
 * distribution.
 */
class ResultRecordInvariantsTest {

  private static void refused(String message, Executable build) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }

  @Test
  void countsAndTotalsAreNeverNegative() {
    refused("positive -5 must be >= 0", () -> new OutcomeResult(-5, 10));
    refused("detractors -1 must be >= 0", () -> new NpsResult(1, 0, -1));
    refused("count -1 must be >= 0", () -> new DurationResult(-1, 0));
    refused("contacts -3 must be >= 0", () -> new CostResult(10, -3));
    refused("holdMillis -1 must be >= 0", () -> new HandleTimeResult(1, 0, -1, 0));
    refused(
        "count -1 must be >= 0",
        () ->
            new PercentileResult(
                -1, 0.01, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()));
  }

  @Test
  void totalsThatWouldWrapOrHaveNoObservationsAreRefused() {
    refused(
        "positive and negative [9223372036854775807, 1] must add up to at most 9223372036854775807",
        () -> new OutcomeResult(Long.MAX_VALUE, 1));
    refused("totalMillis 5 must be 0 when count is 0", () -> new DurationResult(0, 5));
    refused(
        "afterWorkMillis 7 must be 0 when handled is 0", () -> new HandleTimeResult(0, 0, 0, 7));
    assertEquals(OptionalDouble.of(2.5), new DurationResult(4, 10).averageMillis());
  }

  @Test
  void aRatingResultAgreesWithItsDistribution() {
    RatingScale csat = RatingScale.csatFivePoint();
    RatingAccumulator a = RatingAccumulator.create(csat);
    a.add(5);
    a.add(2);
    a.add(4);
    RatingResult r = a.result();
    assertEquals(r, new RatingResult(csat, List.of(0L, 1L, 0L, 1L, 1L), 3, 11, 2));
    refused(
        "distribution has 3 counts but the scale 1..5 has 5 points",
        () -> new RatingResult(csat, List.of(1L, 1L, 1L), 3, 6, 0));
    refused(
        "distribution[1] -1 must be >= 0",
        () -> new RatingResult(csat, List.of(2L, -1L, 0L, 0L, 0L), 1, 0, 0));
    refused(
        "count 3, sum 99 and satisfied 2 must be those of the distribution: 3, 11 and 2",
        () -> new RatingResult(csat, List.of(0L, 1L, 0L, 1L, 1L), 3, 99, 2));
    refused(
        "count 3, sum 11 and satisfied 3 must be those of the distribution: 3, 11 and 2",
        () -> new RatingResult(csat, List.of(0L, 1L, 0L, 1L, 1L), 3, 11, 3));
  }

  @Test
  void percentilesArePresentExactlyWithObservationsAndInOrder() {
    OptionalDouble none = OptionalDouble.empty();
    refused(
        "the percentiles (OptionalDouble.empty, OptionalDouble.empty, OptionalDouble.empty) must"
            + " be present exactly when count (2) is not 0",
        () -> new PercentileResult(2, 0.01, none, none, none));
    refused(
        "the percentiles 10.0, 5.0, 20.0 ms must be finite, >= 0 and in increasing order (p50 <="
            + " p90 <= p99)",
        () ->
            new PercentileResult(
                2, 0.01, OptionalDouble.of(10), OptionalDouble.of(5), OptionalDouble.of(20)));
    refused(
        "relativeAccuracy 2.0 must be in [1.0E-4, 0.5]",
        () -> new PercentileResult(0, 2, none, none, none));
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(0);
    p.addMillis(Long.MAX_VALUE);
    assertEquals(p.result(), PercentileAccumulator.fromBytes(p.toBytes()).result());
  }
}
