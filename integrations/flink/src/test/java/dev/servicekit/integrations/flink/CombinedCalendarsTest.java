package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * Union and intersection calendars (which {@code SlaClock.of} takes and the README's first example
 * builds) run on Flink: the function ships them through Java serialization, as a job graph does,
 * and gives the in-process clock's transitions. Earlier builds refused them at job construction
 * ("calendar 'berlin&late' is a union or intersection and has no JSON form").
 */
class CombinedCalendarsTest {

  private static TimeRange r(String from, String to) {
    return TimeRange.of(LocalTime.parse(from), LocalTime.parse(to));
  }

  /** Berlin office hours; a UTC late shift; a New York weekend desk. */
  static Map<String, BusinessCalendar> calendars() {
    BusinessCalendar berlin =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .id("berlin")
            .weekdays(r("08:00", "18:00"))
            .build();
    BusinessCalendar late =
        BusinessCalendar.builder(ZoneId.of("UTC")).id("late").weekdays(r("12:00", "22:00")).build();
    BusinessCalendar weekend =
        BusinessCalendar.builder(ZoneId.of("America/New_York"))
            .id("weekend")
            .hours(DayOfWeek.SATURDAY, r("10:00", "16:00"))
            .hours(DayOfWeek.SUNDAY, r("10:00", "16:00"))
            .build();
    BusinessCalendar both = berlin.intersection(late);
    return Map.of(
        "both",
        both,
        "either",
        berlin.union(weekend).withId("cover"),
        // a combined calendar of combined calendars, sharing a part with "both"
        "nested",
        both.union(late.intersection(weekend)),
        "late",
        late);
  }

  /** First response on berlin ∩ late, next response on berlin ∪ weekend, resolution nested. */
  static SlaPolicySet policySet() {
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .rule(
                MetricRule.builder(SlaMetric.firstResponse())
                    .calendar("both")
                    .warnAt(50, 80)
                    .build())
            .rule(MetricRule.builder(SlaMetric.nextResponse()).calendar("either").build())
            .rule(
                MetricRule.builder(SlaMetric.resolution())
                    .calendar("nested")
                    .pauseOn("pending")
                    .warnAt(75)
                    .build())
            .build();
    return SlaPolicySet.builder()
        .statuses("new", "open", "pending", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(p)
        .build();
  }

  @Test
  void unionAndIntersectionCalendarsGiveTheInProcessTransitions() throws Exception {
    List<TicketEvent> events = Streams.ticketEvents(7L, 300);
    List<String> expected = Streams.transitions(policySet(), calendars(), events);
    assertTrue(expected.stream().anyMatch(t -> t.contains(" BREACHED ")));
    assertTrue(expected.stream().anyMatch(t -> t.contains(" WARNING ")));
    assertNotEquals(
        Streams.transitions(policySet(), allDay(), events),
        expected,
        "the calendars must matter to the result");

    // Serialized and read back as Flink ships a function to its tasks.
    KeyedProcessFunction<String, TicketEvent, SlaTransition> shipped =
        InstantiationUtil.clone(
            FlinkSlaClocks.function(policySet(), calendars(), TimeMode.EVENT_TIME),
            getClass().getClassLoader());
    List<String> actual = new ArrayList<>();
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(shipped), TicketEvent::ticketId, Types.STRING)) {
      h.open();
      for (TicketEvent e : events) {
        h.processElement(e, e.at().toEpochMilli());
      }
      h.processWatermark(Long.MAX_VALUE);
      h.extractOutputValues().forEach(t -> actual.add(Streams.line(t)));
    }
    Collections.sort(actual);
    assertEquals(expected, actual);
  }

  private static Map<String, BusinessCalendar> allDay() {
    BusinessCalendar always = BusinessCalendar.always(ZoneId.of("UTC"));
    return Map.of("both", always, "either", always, "nested", always, "late", always);
  }
}
