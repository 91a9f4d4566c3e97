package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values no plan could ever use are refused where they are given (Workload, StaffingTarget and the
 * JSON reader, naming the field and the bound), and a plan that fails for one interval names that
 * interval. Messages are asserted on their stable parts (field, rule), not on the JSON location.
 */
class StaffingBoundsTest {

  private static final Duration HALF_HOUR = Duration.ofMinutes(30);
  private static final Duration AHT = Duration.ofSeconds(180);
  private static final StaffingTarget TARGET = StaffingTarget.of(0.8, Duration.ofSeconds(20));

  @Test
  void callsAboveTheBoundAreRefusedByTheWorkload() {
    assertMessage("calls 1.0E300 must be <= 1.0E9", () -> Workload.of(1e300, HALF_HOUR, AHT));
    assertMessage("MAX_CALLS", () -> Workload.of(Math.nextUp(Workload.MAX_CALLS), HALF_HOUR, AHT));
    // the bound itself is accepted
    assertEquals(Workload.MAX_CALLS, Workload.of(Workload.MAX_CALLS, HALF_HOUR, AHT).calls());
  }

  @Test
  void handleTimesAboveTheBoundAreRefusedByTheWorkload() {
    assertMessage(
        "averageHandleTime PT99999999999999H must be <= PT24H",
        () -> Workload.of(1, HALF_HOUR, Duration.ofHours(99999999999999L)));
    assertMessage(
        "averageHandleTime PT24H0.000000001S must be <= PT24H",
        () -> Workload.of(1, HALF_HOUR, Duration.ofDays(1).plusNanos(1)));
    assertEquals(
        Duration.ofDays(1), Workload.of(1, HALF_HOUR, Duration.ofDays(1)).averageHandleTime());
  }

  @Test
  void answerWithinAboveTheBoundIsRefusedByTheTarget() {
    assertMessage(
        "answerWithin PT99999999999999H must be <= PT24H",
        () -> StaffingTarget.of(0.8, Duration.ofHours(99999999999999L)));
    assertEquals(Duration.ofDays(1), StaffingTarget.of(0.8, Duration.ofDays(1)).answerWithin());
  }

  @Test
  void theReaderRefusesThemAtTheField() {
    IllegalArgumentException calls =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StaffingJson.readForecast(
                    "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\","
                        + " \"intervals\": [{\"start\": \"08:00\", \"calls\": 1},"
                        + " {\"start\": \"08:30\", \"calls\": 1e300}]}"));
    assertTrue(calls.getMessage().contains("calls 1e300 "), calls.getMessage());
    assertTrue(calls.getMessage().contains("must be <= 1.0E9"), calls.getMessage());

    IllegalArgumentException aht =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StaffingJson.readForecast(
                    "{\"intervalLength\": \"PT30M\", \"intervals\": [{\"start\": \"08:00\","
                        + " \"calls\": 1, \"averageHandleTime\": \"PT99999999999999H\"}]}"));
    assertTrue(aht.getMessage().contains("averageHandleTime PT99999999999999H"), aht.getMessage());
    assertTrue(aht.getMessage().contains("must be <= PT24H"), aht.getMessage());

    IllegalArgumentException within =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StaffingJson.readTarget(
                    "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT99999999999999H\"}"));
    assertTrue(within.getMessage().contains("answerWithin PT99999999999999H"), within.getMessage());
    assertTrue(within.getMessage().contains("must be <= PT24H"), within.getMessage());
  }

  // Within the bounds a plan can still fail (a million calls of 24 h in half an hour is 48
  // million Erlangs): the error names the interval by index and start.
  @Test
  void aPlanThatFailsNamesTheInterval() {
    List<IntervalForecast> day =
        List.of(
            IntervalForecast.of(LocalTime.of(8, 0), Workload.of(10, HALF_HOUR, AHT)),
            IntervalForecast.of(
                LocalTime.of(8, 30), Workload.of(1e6, HALF_HOUR, Duration.ofHours(24))));
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> StaffingPlan.erlangC(day, TARGET));
    assertTrue(c.getMessage().contains("intervals[1] starting 08:30"), c.getMessage());
    assertTrue(c.getMessage().contains("Erlangs must be <= "), c.getMessage());
    IllegalArgumentException a =
        assertThrows(
            IllegalArgumentException.class,
            () -> StaffingPlan.erlangA(day, Duration.ofMinutes(2), TARGET));
    assertTrue(a.getMessage().contains("intervals[1] starting 08:30"), a.getMessage());
  }

  /**
   * The result records hold their components to what the models give (a review built an Erlang C
   * result with a NaN probability, a service level of 7.5, a negative ASA and occupancy -3, and a
   * plan then reported a service level of 7.5).
   */
  @Test
  void resultRecordsRefuseFiguresNoModelGives() {
    Duration s20 = Duration.ofSeconds(20);
    Duration s5 = Duration.ofSeconds(5);
    assertMessage(
        "probabilityOfWaiting NaN must be in [0, 1]",
        () -> new ErlangCResult(10, 8, Double.NaN, 0.8, s20, s5, 0.8));
    assertMessage(
        "serviceLevel 7.5 must be in [0, 1]",
        () -> new ErlangCResult(10, 8, 0.5, 7.5, s20, s5, 0.8));
    assertMessage(
        "averageSpeedOfAnswer PT-5S must be >= 0",
        () -> new ErlangCResult(10, 8, 0.5, 0.8, s20, s5.negated(), 0.8));
    assertMessage(
        "occupancy -3.0 must be in [0, 1]", () -> new ErlangCResult(10, 8, 0.5, 0.8, s20, s5, -3));
    assertMessage(
        "trafficErlangs Infinity must be finite and >= 0",
        () -> new ErlangCResult(10, Double.POSITIVE_INFINITY, 0.5, 0.8, s20, s5, 0.8));
    assertMessage(
        "agents 8 must exceed trafficErlangs 8.0", () -> new ErlangCResult(8, 8, 1, 0, s20, s5, 1));
    new ErlangCResult(0, 0, 0, 1, s20, Duration.ZERO, 0); // no traffic, as ErlangC gives it
    assertMessage(
        "probabilityOfAbandonment 1.5 must be in [0, 1]",
        () ->
            new ErlangAResult(10, 8, Duration.ofMinutes(2), 0.5, 1.5, 0.1, 0.8, s20, s5, s5, 0.8));
    ErlangCResult fine = new ErlangCResult(10, 8, 0.5, 0.8, s20, s5, 0.8);
    assertMessage(
        "calls -100.0 must be in [0, 1.0E9]",
        () ->
            new IntervalStaffing<>(
                LocalTime.NOON, Duration.ofMinutes(30), -100, StaffingRequirement.of(fine, 0)));
    assertMessage(
        "length PT0S must be > 0",
        () ->
            new IntervalStaffing<>(
                LocalTime.NOON, Duration.ZERO, 100, StaffingRequirement.of(fine, 0)));
  }
}
