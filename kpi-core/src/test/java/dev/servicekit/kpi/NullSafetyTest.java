package dev.servicekit.kpi;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guava testlib: every public method and constructor rejects null arguments eagerly. */
class NullSafetyTest {

  private final NullPointerTester tester =
      new NullPointerTester()
          .setDefault(RatingScale.class, RatingScale.csatFivePoint())
          .setDefault(
              ServiceLevelPolicy.class,
              ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20)))
          .setDefault(WindowSpec.class, WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")))
          .setDefault(ZoneId.class, ZoneId.of("UTC"))
          .setDefault(KeyCodec.class, KeyCodec.strings());

  @Test
  void staticFactoriesRejectNull() {
    for (Class<?> c :
        new Class<?>[] {
          RatingScale.class,
          RatingAccumulator.class,
          ServiceLevelPolicy.class,
          ServiceLevelAccumulator.class,
          KpiSnapshots.class,
          KpiTarget.class,
          WindowSpec.class,
          WindowedKpi.class,
          RevisedValues.class,
          RepeatContactTracker.class,
          KeyCodec.class,
          ConcurrentAccumulator.class,
          ProductivityIndex.class,
          GroupKey.class,
        }) {
      tester.testAllPublicStaticMethods(c);
    }
  }

  @Test
  void instanceMethodsRejectNull() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("reply", 1.0);
    for (Object o :
        new Object[] {
          RatingAccumulator.create(RatingScale.csatFivePoint()),
          NpsAccumulator.create(),
          DurationAccumulator.create(),
          HandleTimeAccumulator.create(),
          OutcomeAccumulator.create(),
          ServiceLevelAccumulator.create(
              ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20))),
          PercentileAccumulator.create(),
          DrillDownSample.create(3),
          AgentTimeAccumulator.create(),
          CostAccumulator.create(),
          BacklogAccumulator.create(),
          ProductivityIndex.of(weights, 0, 0),
          KpiTarget.atMost("x", 1),
          WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")),
          WindowedKpi.create(
              NpsAccumulator::create,
              WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")),
              Duration.ZERO),
          RevisedValues.create(NpsAccumulator.create()),
          RepeatContactTracker.create(Duration.ofDays(7)),
          KeyCodec.strings(),
          ConcurrentAccumulator.create(NpsAccumulator::create),
          GroupKey.of("team", "billing"),
        }) {
      tester.testAllPublicInstanceMethods(o);
    }
  }
}
