package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaffingPlanTest {

  private static final Duration HALF_HOUR = Duration.ofMinutes(30);
  private static final Duration AHT = Duration.ofSeconds(180);
  private static final StaffingTarget TARGET =
      StaffingTarget.of(0.8, Duration.ofSeconds(20)).withShrinkage(0.3);

  private static IntervalForecast at(String start, double calls) {
    return IntervalForecast.of(LocalTime.parse(start), Workload.of(calls, HALF_HOUR, AHT));
  }

  @Test
  void eachIntervalIsPlannedIndependentlyAndTotalsAddUp() {
    List<IntervalForecast> day =
        List.of(at("08:00", 40), at("08:30", 100), at("09:00", 160), at("12:00", 0));
    StaffingPlan<ErlangCResult> plan = StaffingPlan.erlangC(day, TARGET);
    assertEquals(4, plan.intervals().size());
    int scheduledSum = 0;
    double calls = 0;
    double answered = 0;
    for (int i = 0; i < day.size(); i++) {
      StaffingRequirement<ErlangCResult> alone =
          ErlangC.requiredAgents(day.get(i).workload(), TARGET);
      IntervalStaffing<ErlangCResult> planned = plan.intervals().get(i);
      assertEquals(alone, planned.requirement());
      assertEquals(day.get(i).start(), planned.start());
      scheduledSum += alone.scheduledAgents();
      calls += day.get(i).workload().calls();
      answered += day.get(i).workload().calls() * alone.metrics().serviceLevel();
    }
    // the 100-call interval is the classic example: 14 on the phones, 20 scheduled
    assertEquals(14, plan.intervals().get(1).requirement().agents());
    assertEquals(20, plan.intervals().get(1).requirement().scheduledAgents());
    assertEquals(0, plan.intervals().get(3).requirement().agents());
    assertEquals(HALF_HOUR.multipliedBy(scheduledSum), plan.scheduledAgentTime());
    assertEquals(answered / calls, plan.serviceLevel(), 1e-15);
    assertEquals(
        plan.intervals().stream().mapToInt(i -> i.requirement().agents()).max().orElseThrow(),
        plan.peakAgents());
    assertEquals(
        plan.intervals().stream()
            .mapToInt(i -> i.requirement().scheduledAgents())
            .max()
            .orElseThrow(),
        plan.peakScheduledAgents());
  }

  @Test
  void fullDayOfQuarterHoursWithErlangA() {
    List<IntervalForecast> day = new ArrayList<>();
    Duration quarter = Duration.ofMinutes(15);
    for (int i = 0; i < 96; i++) {
      double calls = 5 + 60 * Math.sin(Math.PI * i / 96);
      day.add(
          IntervalForecast.of(
              LocalTime.MIDNIGHT.plus(quarter.multipliedBy(i)), Workload.of(calls, quarter, AHT)));
    }
    StaffingPlan<ErlangAResult> plan = StaffingPlan.erlangA(day, Duration.ofSeconds(90), TARGET);
    assertEquals(96, plan.intervals().size());
    for (IntervalStaffing<ErlangAResult> i : plan.intervals()) {
      assertEquals(true, i.requirement().metrics().serviceLevel() >= 0.8);
    }
  }

  @Test
  void forecastRulesNameTheOffendingInterval() {
    assertMessage("intervals must not be empty", () -> StaffingPlan.erlangC(List.of(), TARGET));
    assertMessage(
        "intervals[1].start 08:45 must be a multiple of PT30M",
        () -> StaffingPlan.erlangC(List.of(at("08:00", 1), at("08:45", 1)), TARGET));
    assertMessage(
        "intervals[2].start 08:30 must be after intervals[1].start 09:00",
        () ->
            StaffingPlan.erlangC(List.of(at("08:00", 1), at("09:00", 1), at("08:30", 1)), TARGET));
    assertMessage(
        "intervals[1].workload.interval PT15M must equal the plan's interval length PT30M",
        () ->
            StaffingPlan.erlangC(
                List.of(
                    at("08:00", 1),
                    IntervalForecast.of(
                        LocalTime.of(9, 0), Workload.of(1, Duration.ofMinutes(15), AHT))),
                TARGET));
    assertMessage(
        "intervals[0].workload.interval PT7M must divide 24 hours",
        () ->
            StaffingPlan.erlangC(
                List.of(
                    IntervalForecast.of(
                        LocalTime.MIDNIGHT, Workload.of(1, Duration.ofMinutes(7), AHT))),
                TARGET));
  }

  /**
   * A new user's review: the public constructor took intervals out of start order (and off the
   * grid, or a length that does not divide the day), which the factories refuse; a plan built in
   * code now holds the same rules.
   */
  @Test
  void theConstructorHoldsTheRulesTheFactoriesCheck() {
    List<IntervalStaffing<ErlangCResult>> planned =
        StaffingPlan.erlangC(List.of(at("08:00", 10), at("08:30", 20), at("09:00", 30)), TARGET)
            .intervals();
    // the factory's own intervals, as given, are accepted
    assertEquals(planned, new StaffingPlan<>(HALF_HOUR, planned).intervals());
    IntervalStaffing<ErlangCResult> eight = planned.get(0);
    IntervalStaffing<ErlangCResult> nine = planned.get(2);
    assertMessage(
        "intervals[1].start 08:00 must be after intervals[0].start 09:00",
        () -> new StaffingPlan<>(HALF_HOUR, List.of(nine, eight)));
    assertMessage(
        "intervals[1].start 08:00 must be after intervals[0].start 08:00",
        () -> new StaffingPlan<>(HALF_HOUR, List.of(eight, eight)));
    IntervalStaffing<ErlangCResult> offGrid =
        new IntervalStaffing<>(LocalTime.of(8, 45), HALF_HOUR, eight.calls(), eight.requirement());
    assertMessage(
        "intervals[1].start 08:45 must be a multiple of PT30M after midnight",
        () -> new StaffingPlan<>(HALF_HOUR, List.of(eight, offGrid)));
    Duration seven = Duration.ofMinutes(7);
    IntervalStaffing<ErlangCResult> sevenMinutes =
        new IntervalStaffing<>(LocalTime.MIDNIGHT, seven, 1, eight.requirement());
    assertMessage(
        "intervalLength PT7M must divide 24 hours",
        () -> new StaffingPlan<>(seven, List.of(sevenMinutes)));
    assertMessage(
        "intervalLength PT0S must divide 24 hours",
        () -> new StaffingPlan<>(Duration.ZERO, List.of(eight)));
    assertMessage(
        "intervalLength PT-30M must divide 24 hours",
        () -> new StaffingPlan<>(HALF_HOUR.negated(), List.of(eight)));
    assertMessage(
        "intervals[0].length PT30M must be PT15M",
        () -> new StaffingPlan<>(Duration.ofMinutes(15), List.of(eight)));
  }
}
