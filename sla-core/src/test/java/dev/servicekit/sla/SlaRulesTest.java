package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.Fixtures.single;
import static dev.servicekit.sla.Fixtures.team;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules the README's "rules to know" states that a CRM developer trips on (issue 17), each
 * shown on the team calendar (Mon-Fri 09:00-17:00).
 */
class SlaRulesTest {

  private static final SlaPolicySet REPLIES =
      single(
          Map.of(
              SlaMetric.firstResponse(), h(4),
              SlaMetric.nextResponse(), h(4),
              SlaMetric.periodicUpdate(), h(2),
              SlaMetric.resolution(), h(40)),
          team(SlaMetric.firstResponse()),
          team(SlaMetric.nextResponse()),
          team(SlaMetric.periodicUpdate()),
          team(SlaMetric.resolution()));

  private static SlaEvaluation eval(List<TicketEvent> h, Instant now) {
    return Fixtures.eval(REPLIES, h, now);
  }

  @Test
  void anAgentCreatedTicketWhoseFirstMessageArrivesWhileSolvedStartsFirstReplyAtTheReopen() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaEvaluation e =
        eval(
            List.of(
                t.createdByAgent(mon(9, 0)),
                t.status(mon(9, 10), "solved"),
                t.customer(mon(9, 20)),
                t.status(mon(10, 0), "open")),
            mon(11, 0));
    MetricCycle first = e.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(mon(10, 0), first.start());
    assertEquals(CycleState.ACTIVE, first.state());
    assertEquals(List.of(), e.cycles(SlaMetric.nextResponse()));
  }

  /**
   * The README's "Agent-created tickets", as clarified after a differential review ({@code
   * BusinessFiguresOracleProperties}): a counted reply that answers the customer's first message
   * while the ticket is solved leaves the reopen nothing to start, and first reply stays owed until
   * the customer's next message, which starts it (not next reply).
   */
  @Test
  void anAgentCreatedTicketsFirstMessageAnsweredWhileSolvedLeavesFirstReplyToTheNextMessage() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h =
        new java.util.ArrayList<>(
            List.of(
                t.createdByAgent(mon(9, 0)),
                t.status(mon(9, 10), "solved"),
                t.customer(mon(9, 20)),
                t.reply(mon(9, 30)),
                t.status(mon(10, 0), "open")));
    SlaEvaluation reopened = eval(h, mon(10, 30));
    assertEquals(List.of(), reopened.cycles(SlaMetric.firstResponse()), "answered: none at 10:00");
    assertEquals(List.of(), reopened.cycles(SlaMetric.nextResponse()));
    h.add(t.customer(mon(10, 40)));
    SlaEvaluation e = eval(h, mon(11, 0));
    MetricCycle first = e.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(mon(10, 40), first.start(), "the next message starts first reply");
    assertEquals(CycleState.ACTIVE, first.state());
    assertEquals(List.of(), e.cycles(SlaMetric.nextResponse()));
  }

  @Test
  void aReplyBeforeTheFirstCustomerMessageArmsNothing() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h =
        List.of(t.createdByAgent(mon(9, 0)), t.reply(mon(9, 10)), t.customer(mon(9, 20)));
    SlaEvaluation e = eval(h, mon(9, 30));
    assertEquals(mon(9, 20), e.latest(SlaMetric.firstResponse()).orElseThrow().start());
    assertEquals(List.of(), e.cycles(SlaMetric.nextResponse()));
    // a message after a counted reply starts next reply
    List<TicketEvent> more = new java.util.ArrayList<>(h);
    more.add(t.reply(mon(9, 30)));
    more.add(t.customer(mon(9, 40)));
    MetricCycle next = eval(more, mon(10, 0)).latest(SlaMetric.nextResponse()).orElseThrow();
    assertEquals(mon(9, 40), next.start());
  }

  @Test
  void customerMessagesBeforeTheFirstReplyStartNothing() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaEvaluation e =
        eval(
            List.of(t.created(mon(9, 0)), t.customer(mon(9, 20)), t.customer(mon(9, 40))),
            mon(10, 0));
    assertEquals(1, e.cycles(SlaMetric.firstResponse()).size());
    assertEquals(List.of(), e.cycles(SlaMetric.nextResponse()));
  }

  @Test
  void aResumedResolutionDoesNotCountTheSolvedTime() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaEvaluation e =
        eval(
            List.of(
                t.created(mon(9, 0)), t.status(mon(10, 0), "solved"), t.status(mon(12, 0), "open")),
            mon(13, 0));
    List<MetricCycle> r = e.cycles(SlaMetric.resolution());
    assertEquals(1, r.size());
    assertEquals(h(2), r.get(0).elapsed(), "09-10 and 12-13; 10-12 was solved");
  }

  @Test
  void aReopenStartsNoPeriodicUpdateCycle() {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h =
        new java.util.ArrayList<>(
            List.of(
                t.created(mon(9, 0)),
                t.reply(mon(9, 30)),
                t.status(mon(10, 0), "solved"),
                t.status(mon(11, 0), "open")));
    assertEquals(1, eval(h, mon(12, 0)).cycles(SlaMetric.periodicUpdate()).size());
    h.add(t.reply(mon(12, 30)));
    List<MetricCycle> p = eval(h, mon(13, 0)).cycles(SlaMetric.periodicUpdate());
    assertEquals(2, p.size());
    assertEquals(mon(12, 30), p.get(1).start(), "the next counted reply starts it");
  }

  @Test
  void aWarningAndAnEscalationAreReachedAtExactlyTheirPercentage() {
    SlaPolicySet set =
        single(
            Map.of(SlaMetric.firstResponse(), h(4)),
            MetricRule.builder(SlaMetric.firstResponse())
                .calendar("team")
                .warnAt(50)
                .escalate(EscalationLevel.of(1, 50, "lead"))
                .build());
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h = List.of(t.created(mon(9, 0)));
    MetricCycle before =
        Fixtures.eval(set, h, mon(11, 0).minusNanos(1))
            .latest(SlaMetric.firstResponse())
            .orElseThrow();
    MetricCycle at =
        Fixtures.eval(set, h, mon(11, 0)).latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(0, before.warningPercent());
    assertEquals(Optional.empty(), before.escalation());
    assertEquals(50, at.warningPercent());
    assertEquals(1, at.escalation().orElseThrow().level());
  }

  @Test
  void aBreachCanFallWhileTheCalendarIsClosed() {
    SlaPolicySet set =
        single(Map.of(SlaMetric.firstResponse(), h(8)), team(SlaMetric.firstResponse()));
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    // 8 business hours from Monday 09:00 end at the 17:00 close: breached an instant after it
    MetricCycle c =
        Fixtures.eval(set, List.of(t.created(mon(9, 0))), mon(20, 0))
            .latest(SlaMetric.firstResponse())
            .orElseThrow();
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(mon(17, 0).plusNanos(1)), c.breachedAt());
    // target used up exactly as the cycle pauses (on-hold at 17:00), resumed at 20:00 (closed):
    // breached at the resume instant
    SlaPolicySet paused =
        single(
            Map.of(SlaMetric.resolution(), h(8)),
            MetricRule.builder(SlaMetric.resolution()).calendar("team").pauseOn("on-hold").build());
    Fixtures.Ticket u = new Fixtures.Ticket("U");
    MetricCycle r =
        Fixtures.eval(
                paused,
                List.of(
                    u.created(mon(9, 0)),
                    u.status(mon(17, 0), "on-hold"),
                    u.status(mon(20, 0), "open")),
                mon(21, 0))
            .latest(SlaMetric.resolution())
            .orElseThrow();
    assertEquals(CycleState.BREACHED, r.state());
    assertEquals(Optional.of(mon(20, 0)), r.deadline(), "due when it resumed");
    assertEquals(Optional.of(mon(20, 0).plusNanos(1)), r.breachedAt());
  }

  @Test
  void cycleNumbersCountCyclesWithoutATargetToo() {
    // standard policy: next reply has a target on email, none on phone
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0), "tier", "silver", "severity", "s2", "channel", "phone"),
            t.reply(mon(9, 10)),
            t.customer(mon(9, 20)), // next reply #0, untargeted on phone
            t.reply(mon(9, 30)),
            t.attr(mon(9, 40), "channel", "email"),
            t.customer(mon(9, 50))); // next reply #1, targeted
    MetricCycle next =
        Fixtures.eval(Fixtures.tiered(), h, mon(10, 0))
            .latest(SlaMetric.nextResponse())
            .orElseThrow();
    assertEquals(1, next.cycle());
    assertEquals(mon(9, 50), next.start());
  }
}
