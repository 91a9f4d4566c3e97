package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaffingJsonTest {

  @Test
  void targetFromJsonEqualsTargetFromCode() {
    StaffingTarget fromJson =
        StaffingJson.readTarget(
            "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"maxOccupancy\": 0.85,"
                + " \"shrinkage\": 0.3}");
    StaffingTarget fromCode =
        StaffingTarget.of(0.8, Duration.ofSeconds(20)).withMaxOccupancy(0.85).withShrinkage(0.3);
    assertEquals(fromCode, fromJson);
    assertEquals(
        StaffingTarget.of(0.9, Duration.ofSeconds(30)),
        StaffingJson.readTarget("{\"serviceLevel\": 0.9, \"answerWithin\": \"PT30S\"}"));
  }

  @Test
  void forecastFromJsonEqualsForecastFromCode() {
    List<IntervalForecast> fromJson =
        StaffingJson.readForecast(
            "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": ["
                + "{\"start\": \"08:00\", \"calls\": 100},"
                + "{\"start\": \"08:30\", \"calls\": 120.5, \"averageHandleTime\": \"PT200S\"}]}");
    Duration half = Duration.ofMinutes(30);
    assertEquals(
        List.of(
            IntervalForecast.of(LocalTime.of(8, 0), Workload.of(100, half, Duration.ofMinutes(3))),
            IntervalForecast.of(
                LocalTime.of(8, 30), Workload.of(120.5, half, Duration.ofSeconds(200)))),
        fromJson);
  }

  /** Duration.parse reads "-PT-20S" as 20 s (minus times minus): refused at its path instead. */
  @Test
  void aDoubleNegativeDurationIsRefusedAtItsPath() {
    assertEquals(Duration.ofSeconds(20), Duration.parse("-PT-20S"));
    assertMessage(
        "duration '-PT-20S' has a minus before P and another on a number",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8, \"answerWithin\": \"-PT-20S\"}"));
    assertMessage(
        "hour) (at $.answerWithin, line 1, column 39)",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8, \"answerWithin\": \"-PT-20S\"}"));
    // Duration.parse reads this one as minus 30 s: the message says how, not that it is positive
    assertEquals(Duration.ofSeconds(-30), Duration.parse("-PT1M-30S"));
    assertMessage(
        "duration '-PT1M-30S' has a minus before P and another on a number, which Duration.parse"
            + " negates twice (-PT-1H reads as one hour, -PT1H-30M as minus 30 minutes)",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8, \"answerWithin\": \"-PT1M-30S\"}"));
  }

  @Test
  void errorsCarryTheJsonPathAndTheFactoryMessage() {
    assertMessage(
        "serviceLevel 1.2 must be in (0, 1)",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 1.2, \"answerWithin\": \"PT20S\"}"));
    assertMessage(
        "(at $.answerWithin, line 1, column 39)",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8, \"answerWithin\": \"PT-5S\"}"));
    assertMessage(
        "shrinkage 1 must be in [0, 1), e.g. 0.3 for 30% (at $.shrinkage, line 1, column 61)",
        () ->
            StaffingJson.readTarget(
                "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkage\": 1}"));
    assertMessage(
        "unknown field 'shrinkag'",
        () ->
            StaffingJson.readTarget(
                "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"shrinkag\": 0.3}"));
    assertMessage(
        "calls -3 must be finite and >= 0 (at $.intervals[1].calls",
        () ->
            StaffingJson.readForecast(
                "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
                    + " [{\"start\": \"08:00\", \"calls\": 1}, {\"start\": \"08:30\", \"calls\":"
                    + " -3}]}"));
    assertMessage(
        "start \"8h\" is not a time such as 08:30 (at $.intervals[0].start",
        () ->
            StaffingJson.readForecast(
                "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\":"
                    + " [{\"start\": \"8h\", \"calls\": 1}]}"));
    assertMessage(
        "averageHandleTime is required: no default averageHandleTime is given (at $.intervals[0].averageHandleTime",
        () ->
            StaffingJson.readForecast(
                "{\"intervalLength\": \"PT30M\", \"intervals\": [{\"start\": \"08:00\", \"calls\":"
                    + " 1}]}"));
    assertMessage(
        "intervalLength \"30m\" is not an ISO-8601 duration such as PT20S (at $.intervalLength",
        () -> StaffingJson.readForecast("{\"intervalLength\": \"30m\", \"intervals\": []}"));
    assertMessage("malformed JSON", () -> StaffingJson.readTarget("{"));
  }

  @Test
  void errorsEndWithLineAndColumn() {
    assertMessage(
        "calls -3 must be finite and >= 0 (at $.intervals[1].calls, line 3, column 31)",
        () ->
            StaffingJson.readForecast(
                "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\",\n"
                    + " \"intervals\": [{\"start\": \"08:00\", \"calls\": 1},\n"
                    + "  {\"start\": \"08:30\", \"calls\": -3}]}"));
    assertMessage(
        "malformed JSON: Unexpected end-of-input",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8,\n \"answerWithin\": "));
    assertMessage(
        "(at $.answerWithin, line 2, column 18)",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8,\n \"answerWithin\": "));
  }

  @Test
  void hostileNumbersDuplicatesAndTrailingContentAreRejected() {
    assertMessage(
        "number 1e999999999 is out of range",
        () ->
            StaffingJson.readTarget(
                "{\"serviceLevel\": 1e999999999, \"answerWithin\": \"PT20S\"}"));
    assertMessage(
        "Duplicate field 'serviceLevel'",
        () ->
            StaffingJson.readTarget(
                "{\"serviceLevel\": 0.8, \"serviceLevel\": 0.9, \"answerWithin\": \"PT20S\"}"));
    assertMessage(
        "trailing content",
        () -> StaffingJson.readTarget("{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\"} {}"));
  }
}
