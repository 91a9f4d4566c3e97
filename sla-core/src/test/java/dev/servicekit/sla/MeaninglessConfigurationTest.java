package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration that means nothing, or two things, is refused where it is given (s10user finding
 * 12): a status listed twice, a metric definition named like a built-in metric, a calendar under
 * the reserved key {@code "24/7"}. Each was accepted without a word.
 */
class MeaninglessConfigurationTest {

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static final String POLICY =
      "\"defaultPolicy\":{\"name\":\"s\",\"matrix\":{\"default\":\"n\"}}";

  @Test
  void aStatusListedTwiceIsRefusedAtTheDuplicate() {
    // before: read as ["open", "solved"]
    String m =
        error(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"open\",\"open\",\"solved\"],\"solvedStatuses\":[\"solved\"],"
                        + POLICY
                        + "}"));
    assertTrue(m.startsWith("status 'open' is listed twice (at $.statuses[1], line 1, column "), m);
    String solved =
        error(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"open\",\"solved\"],\"solvedStatuses\":[\"solved\",\"solved\"],"
                        + POLICY
                        + "}"));
    assertTrue(
        solved.startsWith("solved status 'solved' is listed twice (at $.solvedStatuses[1], "),
        solved);
    String cancelled =
        error(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"open\",\"x\"],\"solvedStatuses\":[\"x\"],"
                        + "\"cancelledStatuses\":[\"x\",\"x\"],"
                        + POLICY
                        + "}"));
    assertTrue(
        cancelled.startsWith("cancelled status 'x' is listed twice (at $.cancelledStatuses[1], "),
        cancelled);
    assertEquals(
        "status 'open' is declared twice",
        error(() -> SlaPolicySet.builder().statuses("open", "open", "solved")));
    assertEquals(
        "solved status 'solved' is declared twice",
        error(() -> SlaPolicySet.builder().solvedStatuses("solved", "solved")));
  }

  @Test
  void aRefusedStatusesCallLeavesTheBuilderUnchanged() {
    SlaPolicySet.Builder b = SlaPolicySet.builder().statuses("open", "solved");
    assertEquals("status 'solved' is declared twice", error(() -> b.statuses("pending", "solved")));
    // before: "pending" had been added before the refusal, so this was "declared twice"
    b.statuses("pending").solvedStatuses("solved");
    SlaPolicySet set =
        b.defaultPolicy(SlaPolicy.builder("s").matrix(PriorityMatrix.constant("n")).build())
            .build();
    assertEquals(List.of("open", "solved", "pending"), List.copyOf(set.statuses()));
  }

  @Test
  void aDefinitionNamedLikeABuiltInMetricIsRefused() {
    // before: accepted, and measured as custom:resolution beside the built-in resolution
    for (String builtIn :
        List.of(
            "first_response", "next_response", "periodic_update", "resolution", "answer_time")) {
      String m = error(() -> MetricDefinition.builder(builtIn));
      assertEquals(
          "metric name '"
              + builtIn
              + "' is the name of a built-in metric: a definition does not replace it but would be"
              + " measured beside it as custom:"
              + builtIn
              + "; choose another name (e.g. "
              + builtIn
              + "_time), or target the built-in",
          m);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> MetricDefinition.resolution("resolution", ReopenRule.RESUME));
    String json =
        error(
            () ->
                SlaPolicyJson.read(
                    "{\"statuses\":[\"open\",\"solved\"],\"solvedStatuses\":[\"solved\"],"
                        + "\"metricDefinitions\":[{\"name\":\"resolution\",\"startOn\":[{\"on\":"
                        + "\"created\"}],\"stopOn\":[{\"on\":\"solved\"}]}],"
                        + POLICY
                        + "}"));
    assertTrue(json.startsWith("metric name 'resolution' is the name of a built-in metric"), json);
    assertTrue(json.contains("(at $.metricDefinitions[0].name, line 1, column "), json);
    MetricDefinition.builder("resolution_time"); // a name that only starts like one is fine
  }

  @Test
  void aCalendarUnderTheReservedKey247IsRefused() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("s")
                    .matrix(PriorityMatrix.constant("n"))
                    .target("n", SlaMetric.resolution(), Duration.ofHours(4), MetricRule.ALWAYS)
                    .build())
            .build();
    BusinessCalendar nineToTen =
        BusinessCalendar.builder(ZoneOffset.UTC)
            .id("nine-to-ten")
            .weekdays(TimeRange.parse("09:00-10:00"))
            .build();
    // before: accepted, and this "24/7" target then counted one hour a weekday
    String m = error(() -> SlaClock.of(set, Map.of(MetricRule.ALWAYS, nineToTen), "T"));
    assertEquals(
        "calendars key '24/7' is reserved: it always means around the clock, so no calendar may be"
            + " given under it; give this calendar ('nine-to-ten') a key of its own and name that"
            + " key in the rules or targets",
        m);
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SlaClock.evaluate(
                set,
                Map.of(MetricRule.ALWAYS, nineToTen),
                List.of(TicketEvent.Created.byCustomer("T", "e1", t0)),
                t0));
    SlaClock c = SlaClock.of(set, Map.of(), "T");
    c.accept(TicketEvent.Created.byCustomer("T", "e1", t0));
    assertEquals(
        t0.plus(Duration.ofHours(4)),
        c.evaluate(t0).latest(SlaMetric.resolution()).orElseThrow().deadline().orElseThrow());
  }
}
