package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -0.0} (what {@code -1 * 0.0} gives a CRM) is zero: a workload of no calls, a target of no
 * shrinkage, a demand of nothing are the values {@code 0.0} builds, as {@link StaffingJson} reads
 * them. They used to keep {@code -0.0}, which records compare as another value ({@code
 * Double.compare}), so the code path and the JSON path built unequal targets and printed "-0.0".
 */
class NegativeZeroStaffingInputsTest {

  private static final Duration HALF_HOUR = Duration.ofMinutes(30);
  private static final Duration AHT = Duration.ofSeconds(180);
  private static final StaffingTarget TARGET = StaffingTarget.of(0.8, Duration.ofSeconds(20));

  @Test
  void negativeZeroCallsAreNoCalls() {
    Workload negative = Workload.of(-0.0, HALF_HOUR, AHT);
    assertEquals(Workload.of(0, HALF_HOUR, AHT), negative);
    assertFalse(negative.toString().contains("-0.0"), negative::toString);
    assertEquals(
        StaffingPlan.erlangC(
            List.of(IntervalForecast.of(LocalTime.NOON, Workload.of(0, HALF_HOUR, AHT))), TARGET),
        StaffingPlan.erlangC(List.of(IntervalForecast.of(LocalTime.NOON, negative)), TARGET));
  }

  @Test
  void negativeZeroShrinkageIsNoShrinkageInCodeAsInJson() {
    StaffingTarget code = TARGET.withShrinkage(-0.0);
    StaffingTarget json =
        StaffingJson.readTarget(
            "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkage\": -0.0}");
    assertEquals(json, code);
    assertEquals(TARGET, code);
    Workload w = Workload.of(100, HALF_HOUR, AHT);
    assertEquals(ErlangC.requiredAgents(w, TARGET), ErlangC.requiredAgents(w, code));
    ErlangCResult metrics = ErlangC.evaluate(w, 14, Duration.ofSeconds(20));
    assertEquals(StaffingRequirement.of(metrics, 0), StaffingRequirement.of(metrics, -0.0));
  }

  @Test
  void negativeZeroDemandIsNoDemand() {
    QaReviewDemand negative = QaReviewDemand.of(-0.0, 0, -0.0);
    assertEquals(QaReviewDemand.of(0, 0, 0), negative);
    assertFalse(negative.toString().contains("-0.0"), negative::toString);
  }
}
