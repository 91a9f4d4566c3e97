package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every accumulator whose state is its result prints as {@code Name[<result>]}, the result's own
 * text in brackets, so that the accumulator's name and the result's record name do not run together
 * ({@code RatingAccumulatorRatingResult[...]}).
 */
class AccumulatorToStringTest {

  @Test
  void everyAccumulatorWithARecordResultPrintsItInBrackets() {
    List<KpiAccumulator<?, ?>> all =
        List.of(
            AgentTimeAccumulator.create(),
            CostAccumulator.create(),
            DurationAccumulator.create(),
            HandleTimeAccumulator.create(),
            NpsAccumulator.create(),
            OutcomeAccumulator.create(),
            PercentileAccumulator.create(),
            RatingAccumulator.create(RatingScale.csatFivePoint()),
            ServiceLevelAccumulator.create(
                ServiceLevelPolicy.of(
                    Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30))));
    for (KpiAccumulator<?, ?> a : all) {
      assertEquals(a.getClass().getSimpleName() + "[" + a.result() + "]", a.toString());
    }
  }
}
