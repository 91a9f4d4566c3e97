package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The clock's refusals of its callers' arguments name the argument and stay bounded: an evaluation
 * instant outside the supported range is refused when asked for, not when the evaluation is read
 * (where it named a calendar's parameter), and a re-used event id quotes the two events in excerpts
 * (an event with 20,000 attributes made a 1.8 MB message).
 */
class ClockArgumentMessagesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("new", "open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                .build())
        .build();
  }

  private static SlaClock clock() {
    SlaClock c = SlaClock.of(set(), Map.of(), "T");
    c.accept(TicketEvent.Created.byCustomer("T", "c", T0, Map.of(), Set.of()));
    return c;
  }

  @Test
  void anEvaluationInstantOutsideTheSupportedRangeIsRefusedUpFrontNamingNow() {
    SlaClock c = clock();
    for (Instant bad :
        List.of(
            BusinessCalendar.SUPPORTED_END, Instant.MAX, Instant.parse("1899-12-31T23:59:59Z"))) {
      for (Runnable call :
          List.<Runnable>of(
              () -> c.evaluate(bad),
              () -> c.nextTransition(bad),
              () -> c.auditTrail(SlaMetric.firstResponse(), 0, bad),
              () -> SlaClock.evaluate(set(), Map.of(), c.events(), bad))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith("now " + bad + " is outside"), e.getMessage());
      }
    }
    // the last supported nanosecond still evaluates and reads
    Instant last = BusinessCalendar.SUPPORTED_END.minusNanos(1);
    assertEquals(CycleState.BREACHED, c.evaluate(last).cycles().get(0).state());
  }

  @Test
  void aReusedEventIdQuotesBothEventsInExcerpts() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      many.put("attribute" + i, "value" + i);
    }
    SlaClock c = SlaClock.of(set(), Map.of(), "T");
    c.accept(TicketEvent.Created.byCustomer("T", "e1", T0, many, Set.of()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> c.accept(new TicketEvent.CustomerMessage("T", "e1", T0.plusSeconds(60))));
    assertTrue(
        e.getMessage().startsWith("event id 'e1' is already used by 'Created["), e.getMessage());
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " chars");
    assertEquals(1, c.events().size());
  }
}
