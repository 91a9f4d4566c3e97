package dev.servicekit.kpi.staffing;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guava testlib audit: every public constructor and method rejects null with an NPE. */
class StaffingNullPointerTest {

  private static NullPointerTester tester() {
    Workload w = Workload.of(100, Duration.ofMinutes(30), Duration.ofSeconds(180));
    StaffingTarget t = StaffingTarget.of(0.8, Duration.ofSeconds(20));
    return new NullPointerTester()
        .setDefault(Duration.class, Duration.ofSeconds(20))
        .setDefault(LocalTime.class, LocalTime.NOON)
        .setDefault(Workload.class, w)
        .setDefault(StaffingTarget.class, t)
        .setDefault(List.class, List.of(IntervalForecast.of(LocalTime.NOON, w)))
        .setDefault(QueueMetrics.class, ErlangC.evaluate(w, 14, Duration.ofSeconds(20)))
        .setDefault(QaReviewDemand.class, QaReviewDemand.of(100, 10, 1))
        .setDefault(String.class, "{}");
  }

  @Test
  void publicApiRejectsNulls() {
    NullPointerTester tester = tester();
    for (Class<?> type :
        List.of(
            Workload.class,
            StaffingTarget.class,
            ErlangC.class,
            ErlangA.class,
            IntervalForecast.class,
            StaffingRequirement.class,
            StaffingPlan.class,
            ReviewerCapacity.class,
            QaReviewDemand.class,
            StaffingJson.class)) {
      tester.testAllPublicStaticMethods(type);
      tester.testAllPublicConstructors(type);
    }
    tester.testAllPublicInstanceMethods(ReviewerCapacity.of(10));
  }
}
