package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduleRule#PER_PERIOD} under {@link ClosingRule#AT_NEXT_OPENING}: a target used up
 * exactly at a close, after which no calendar in force opens again, has no opening to move to, so
 * the cycle is due as it runs. A later stop must not undo that breach. It did: the deadline was
 * taken at the resume while the cycle ran (breached a nanosecond later) but at the last stop once
 * it had stopped (met), so a read after the solve reported {@code ACHIEVED} a cycle that an earlier
 * read, with no event in between that could meet it, had reported {@code BREACHED}. Found by {@link
 * PerPeriodZonedTrailOracleProperties}.
 */
class PerPeriodBreachKeptThroughStopTest {

  private static final Instant MON = Instant.parse("2026-01-05T00:00:00Z");

  private static Instant at(int hour, int minute) {
    return MON.plus(Duration.ofMinutes(60L * hour + minute));
  }

  private static SlaClock clock() {
    BusinessCalendar office =
        BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();
    BusinessCalendar closed = BusinessCalendar.builder(ZoneOffset.UTC).build(); // no hours at all
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .scheduleRule(ScheduleRule.PER_PERIOD)
            .closingRule(ClosingRule.AT_NEXT_OPENING)
            .policy(
                SlaPolicy.builder("closed")
                    .when(MatchCondition.always().withAttribute("schedule", "closed"))
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(1))
                    .rule(MetricRule.builder(SlaMetric.resolution()).calendar("closed").build())
                    .build())
            .defaultPolicy(
                SlaPolicy.builder("office")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(1))
                    .rule(MetricRule.builder(SlaMetric.resolution()).calendar("office").build())
                    .build())
            .build();
    SlaClock clock = SlaClock.of(set, Map.of("office", office, "closed", closed), "T");
    for (TicketEvent e :
        List.of(
            TicketEvent.Created.byCustomer("T", "c", at(16, 0), Map.of(), Set.of()),
            new TicketEvent.StatusChanged("T", "s1", at(17, 30), "solved"), // 1 h used up at 17:00
            new TicketEvent.AttributeChanged("T", "k", at(18, 0), "schedule", "closed"),
            new TicketEvent.StatusChanged("T", "o1", at(19, 0), "open"),
            new TicketEvent.StatusChanged("T", "s2", at(20, 0), "solved"))) {
      clock.accept(e);
    }
    return clock;
  }

  private static MetricCycle resolution(SlaClock clock, Instant now) {
    return clock.evaluate(now).latest(SlaMetric.resolution()).orElseThrow();
  }

  @Test
  void noOpeningToMoveToIsDueAsItRanAndTheStopKeepsTheBreach() {
    SlaClock clock = clock();
    Instant breach = at(17, 0).plusNanos(1);
    MetricCycle reopened = resolution(clock, at(19, 30));
    assertEquals(CycleState.BREACHED, reopened.state(), reopened.toString());
    assertEquals(Optional.of(breach), reopened.breachedAt(), reopened.toString());
    MetricCycle solved = resolution(clock, at(20, 30));
    assertEquals(CycleState.BREACHED, solved.state(), solved.toString());
    assertEquals(Optional.of(breach), solved.breachedAt(), solved.toString());
    assertEquals(Optional.of(at(17, 0)), solved.deadline(), solved.toString());
  }

  @Test
  void beforeTheScheduleChangeTheDeadlineIsTheNextOpening() {
    MetricCycle m = resolution(clock(), at(17, 45));
    assertEquals(CycleState.ACHIEVED, m.state(), m.toString());
    assertEquals(Optional.of(at(24 + 9, 0)), m.deadline(), m.toString());
  }
}
