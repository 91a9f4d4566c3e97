package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OTRS/Znuny "Escalation Suspend": a solution time paused while the ticket is in a suspend state.
 *
 * <p>Source: Znuny's add-on documentation, github.com/znuny/Znuny4OTRS-EscalationSuspend {@code
 * doc/en/feature.md}, its example: created 08:00 with a 2 h solution time, escalation shown at
 * 10:00; set to "pending reminder" at 09:00; at 09:30 the escalation time shown is 10:30, at 10:00
 * it is 11:00; the customer's e-mail at 10:05 sets the ticket open and the escalation time becomes
 * 11:05, still 11:05 at 10:30 and 11:00; "11:05am - The escalation occurs." A paused cycle's {@link
 * MetricCycle#deadline()} is the due instant if it resumed at the evaluation instant, which is the
 * escalation time the add-on shows while suspended.
 */
class EscalationSuspendTest {

  private static final SlaMetric SOLUTION = SlaMetric.resolution();

  @Test
  void theShownEscalationTimeMovesWhileSuspendedAndEscalatesAtElevenOFive() {
    SlaPolicySet s =
        SlaPolicySet.builder()
            .statuses("new", "open", "pending-reminder", "closed")
            .solvedStatuses("closed")
            .defaultPolicy(
                SlaPolicy.builder("otrs")
                    .matrix(PriorityMatrix.constant("3-normal"))
                    .target("3-normal", SOLUTION, Duration.ofHours(2))
                    .rule(MetricRule.builder(SOLUTION).pauseOn("pending-reminder").build())
                    .build())
            .build();
    Fixtures.Ticket t = new Fixtures.Ticket("OTRS-2026010510000011");
    List<TicketEvent> h =
        List.of(
            t.created(mon(8, 0)),
            t.status(mon(9, 0), "pending-reminder"),
            t.customer(mon(10, 5)),
            t.status(mon(10, 5), "open"));
    Map<Instant, Instant> shown =
        Map.of(
            mon(8, 0), mon(10, 0),
            mon(9, 0), mon(10, 0),
            mon(9, 30), mon(10, 30),
            mon(10, 0), mon(11, 0),
            mon(10, 5), mon(11, 5),
            mon(10, 30), mon(11, 5),
            mon(11, 0), mon(11, 5));
    for (Map.Entry<Instant, Instant> e : shown.entrySet()) {
      MetricCycle c = only(Fixtures.eval(s, h, e.getKey()), SOLUTION);
      assertEquals(Optional.of(e.getValue()), c.deadline(), "at " + e.getKey());
    }
    MetricCycle escalated = only(Fixtures.eval(s, h, mon(11, 6)), SOLUTION);
    assertEquals(CycleState.BREACHED, escalated.state());
    assertEquals(Duration.ofMinutes(65), escalated.pausedTime());
  }
}
