package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two rules the README states after the issue 17 review (findings 7 and 8): a customer message on a
 * solved ticket does not reopen it, and periodic update does not wait for the customer's first
 * message on an agent-created ticket. Counted 24/7.
 */
class SolvedMessageAndPeriodicUpdateRulesTest {

  private static final SlaPolicySet REPLIES =
      single(
          Map.of(
              SlaMetric.firstResponse(), h(4),
              SlaMetric.nextResponse(), h(4),
              SlaMetric.periodicUpdate(), h(2),
              SlaMetric.resolution(), h(40)));

  @Test
  void aCustomerMessageOnASolvedTicketDoesNotReopenItTheStatusChangeDoes() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.reply(mon(9, 30)),
            t.status(mon(10, 0), "solved"),
            t.customer(mon(11, 0)));
    SlaEvaluation solved = Fixtures.eval(REPLIES, h, mon(12, 0));
    assertEquals("solved", solved.status());
    assertEquals(List.of(), solved.cycles(SlaMetric.nextResponse()));
    assertEquals(CycleState.ACHIEVED, solved.latest(SlaMetric.resolution()).orElseThrow().state());
    List<TicketEvent> reopened = new java.util.ArrayList<>(h);
    reopened.add(t.status(mon(13, 0), "open"));
    SlaEvaluation open = Fixtures.eval(REPLIES, reopened, mon(14, 0));
    MetricCycle next = open.latest(SlaMetric.nextResponse()).orElseThrow();
    assertEquals(mon(13, 0), next.start()); // from the reopen, not from the message at 11:00
    assertEquals(CycleState.ACTIVE, next.state());
  }

  @Test
  void onAnAgentCreatedTicketTheAgentsFirstReplyStartsPeriodicUpdateBeforeTheCustomerWrites() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaEvaluation e =
        Fixtures.eval(
            REPLIES, List.of(t.createdByAgent(mon(9, 0)), t.reply(mon(9, 10))), mon(10, 0));
    MetricCycle periodic = e.latest(SlaMetric.periodicUpdate()).orElseThrow();
    assertEquals(mon(9, 10), periodic.start());
    assertEquals(CycleState.ACTIVE, periodic.state());
    assertEquals(List.of(), e.cycles(SlaMetric.firstResponse())); // the customer has not written
  }
}
