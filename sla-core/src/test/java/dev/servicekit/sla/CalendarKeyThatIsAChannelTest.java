package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code target("urgent", metric, PT4H, "email")} compiles and names calendar {@code email}, where
 * a CRM developer meant the channel (which goes before the metric). The clock refused it naming
 * only the missing calendar; it now says that the key is a channel and where a channel goes.
 */
class CalendarKeyThatIsAChannelTest {

  private static SlaPolicySet set(String calendarOfResolution) {
    return SlaPolicySet.builder()
        .statuses("new", "open", "solved")
        .solvedStatuses("solved")
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("urgent"))
                .target("urgent", "email", SlaMetric.firstResponse(), Duration.ofHours(1))
                .target("urgent", SlaMetric.firstResponse(), Duration.ofMinutes(15))
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(4), calendarOfResolution)
                .build())
        .build();
  }

  @Test
  void aCalendarKeyThatIsAChannelIsRefusedSayingWhereTheChannelGoes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaClock.of(
                    set("email"),
                    Map.of("team", BusinessCalendar.always(java.time.ZoneOffset.UTC)),
                    "T-1"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "calendar 'email' used by policy standard's target urgent/*/resolution is not"
                    + " among the given calendars"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "; 'email' is a channel of policy standard: a target's channel goes before its"
                    + " metric, target(priority, channel, metric, target), and a calendar after its"
                    + " duration"),
        e.getMessage());
    // a missing calendar that is no channel gets no hint
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaClock.of(
                    set("berlin"),
                    Map.of("team", BusinessCalendar.always(java.time.ZoneOffset.UTC)),
                    "T-1"));
    assertEquals(false, other.getMessage().contains("is a channel"), other.getMessage());
  }

  /**
   * A calendar named like a channel is a valid configuration when the calendar is given (a desk's
   * hours named after its channel), so neither the policy nor the set refuses the key at {@code
   * build()}, where the calendars are not known: the clock, which knows them, is the first place
   * that can tell a swap from a choice, and it refuses only a missing calendar.
   */
  @Test
  void aCalendarNamedLikeAChannelIsValidWhenTheClockIsGivenIt() {
    SlaPolicySet set = set("email");
    assertEquals(
        java.util.Optional.of("email"),
        set.defaultPolicy().calendarFor("urgent", "chat", SlaMetric.resolution()));
    BusinessCalendar emailDesk =
        BusinessCalendar.builder(java.time.ZoneOffset.UTC)
            .weekdays(TimeRange.parse("09:00-17:00"))
            .build();
    SlaClock clock =
        SlaClock.of(
            set,
            Map.of("team", BusinessCalendar.always(java.time.ZoneOffset.UTC), "email", emailDesk),
            "T-1");
    java.time.Instant monday4pm = java.time.Instant.parse("2026-03-02T16:00:00Z");
    clock.accept(TicketEvent.Created.byCustomer("T-1", "c", monday4pm));
    // 4 business hours on the email desk's calendar: one on Monday, three on Tuesday
    assertEquals(
        java.util.Optional.of(java.time.Instant.parse("2026-03-03T12:00:00Z")),
        clock.evaluate(monday4pm).latest(SlaMetric.resolution()).orElseThrow().deadline());
  }
}
