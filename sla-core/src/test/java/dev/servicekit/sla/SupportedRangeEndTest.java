package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Near the end of the supported range a 24/7 deadline that would fall at or past {@link
 * BusinessCalendar#SUPPORTED_END} is absent, as on a business calendar whose time runs out there:
 * no timer is given that no evaluation could honour (a new user's finding: a ticket created at
 * 2299-12-31T23:59Z got a next transition at 2300-01-01T01:59Z, which evaluate then refused).
 */
class SupportedRangeEndTest {

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.firstResponse(), Duration.ofHours(2))
                  .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50).build())
                  .build())
          .build();

  @Test
  void aDeadlinePastTheEndIsAbsentAndEveryTimerCanBeEvaluated() {
    Instant created = Instant.parse("2299-12-31T23:59:00Z");
    SlaClock clock = SlaClock.of(SET, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "e1", created, Map.of(), Set.of()));

    SlaEvaluation e = clock.evaluate(created);
    MetricCycle first = e.cycles().get(0);
    assertEquals(Optional.empty(), first.deadline());
    // the 50 % warning (01:00 later) is past the end too: no timer at all
    assertEquals(Optional.empty(), e.nextTransition());
    assertEquals(Optional.empty(), clock.nextTransition(created));

    // one minute earlier in the year, the warning is still inside the range and can be evaluated
    Instant earlier = Instant.parse("2299-12-31T22:30:00Z");
    SlaClock c2 = SlaClock.of(SET, Map.of(), "T");
    c2.accept(TicketEvent.Created.byCustomer("T", "e1", earlier, Map.of(), Set.of()));
    Instant next = c2.evaluate(earlier).nextTransition().orElseThrow();
    assertEquals(Instant.parse("2299-12-31T23:30:00Z"), next);
    assertTrue(c2.evaluate(next).cycles().get(0).warningPercent() >= 50);
    assertEquals(Optional.empty(), c2.evaluate(next).nextTransition());
  }
}
