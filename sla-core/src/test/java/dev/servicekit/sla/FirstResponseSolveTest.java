package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPolicySet#firstResponseSolve()}: what solving does to a running first-reply cycle.
 * Times UTC on Monday 2026-01-05, targets on the 24/7 calendar; statuses of {@link
 * Fixtures#statusModel()} ({@code solved} and {@code closed} are solved).
 */
class FirstResponseSolveTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric NEXT = SlaMetric.nextResponse();

  private final Fixtures.Ticket t = new Fixtures.Ticket("T-1");

  /** First reply 2 h (warning at 50 %) and next reply 2 h, 24/7. */
  private static SlaPolicySet set(SolveRule rule, String... cancelled) {
    return Fixtures.statusModel()
        .firstResponseSolve(rule)
        .cancelledStatuses(cancelled)
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", FIRST, Duration.ofHours(2))
                .target("normal", NEXT, Duration.ofHours(2))
                .rule(MetricRule.builder(FIRST).warnAt(50).build())
                .build())
        .build();
  }

  private static MetricCycle first(SlaPolicySet s, List<TicketEvent> h, Instant now) {
    List<MetricCycle> c = Fixtures.eval(s, h, now).cycles(FIRST);
    assertEquals(1, c.size(), c.toString());
    return c.get(0);
  }

  // Created 09:00, solved 09:30, reopened 12:00, answered 13:00: under END met at 09:30 after
  // 30 min; under PAUSE met at 13:00 after 90 min, the 2 h 30 solved as a pause.
  @Test
  void solvingPausesFirstReplyUntilTheReopenUnderPause() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.status(mon(12, 0), "open"),
            t.reply(mon(13, 0)));
    MetricCycle ended = first(set(SolveRule.END), h, mon(14, 0));
    assertEquals(Optional.of(mon(9, 30)), ended.stop());
    assertEquals(Duration.ofMinutes(30), ended.elapsed());

    MetricCycle paused = first(set(SolveRule.PAUSE), h, mon(14, 0));
    assertEquals(CycleState.ACHIEVED, paused.state());
    assertEquals(Optional.of(mon(13, 0)), paused.stop());
    assertEquals(Duration.ofMinutes(90), paused.elapsed());
    assertEquals(Duration.ofMinutes(150), paused.pausedTime());
    assertEquals(Optional.of(mon(13, 30)), paused.deadline()); // 09:00 + 2 h + 2 h 30 solved
  }

  // While solved the cycle is PAUSED, due "if resumed now" (now + the 90 min left), with no
  // warning reached (30 min of 2 h is 25 %) and no timer to schedule. Reopened at 12:00 it reaches
  // its 50 % warning at 12:30 and breaches at 13:30.
  @Test
  void whilePausedItIsDueIfResumedNowAndSchedulesNothing() {
    SlaPolicySet s = set(SolveRule.PAUSE);
    List<TicketEvent> solved = List.of(t.created(mon(9, 0)), t.status(mon(9, 30), "solved"));
    SlaEvaluation e = Fixtures.eval(s, solved, mon(11, 0));
    MetricCycle c = e.cycles(FIRST).get(0);
    assertEquals(CycleState.PAUSED, c.state());
    assertEquals(Optional.of(mon(12, 30)), c.deadline());
    assertEquals(Duration.ofMinutes(90), c.remaining());
    assertEquals(List.of(), c.warnings());
    assertEquals(Optional.empty(), e.nextTransition());

    List<TicketEvent> reopened =
        List.of(t.created(mon(9, 0)), t.status(mon(9, 30), "solved"), t.status(mon(12, 0), "open"));
    SlaEvaluation r = Fixtures.eval(s, reopened, mon(12, 0));
    assertEquals(Optional.of(mon(12, 30)), r.nextTransition()); // the 50 % warning
    MetricCycle late = first(s, reopened, mon(14, 0));
    assertEquals(CycleState.BREACHED, late.state());
    assertEquals(List.of(new WarningReached(50, mon(12, 30))), late.warnings());
    assertEquals(Optional.of(mon(13, 30).plusNanos(1)), late.breachedAt()); // AFTER_DEADLINE
  }

  // Zammad sets first_response_at on the first agent article to the customer whatever the state
  // (app/models/ticket/article/has_ticket_contact_attributes_impact.rb): a reply while solved
  // stops the paused cycle, met with the time before the solve; a reply in the same update as the
  // solve (after it, as a CRM update applies) gives the same; one breached before the solve stays
  // breached.
  @Test
  void aCountedReplyWhileSolvedMeetsIt() {
    SlaPolicySet s = set(SolveRule.PAUSE);
    MetricCycle c =
        first(
            s,
            List.of(t.created(mon(9, 0)), t.status(mon(9, 30), "solved"), t.reply(mon(11, 0))),
            mon(14, 0));
    assertEquals(CycleState.ACHIEVED, c.state());
    assertEquals(Optional.of(mon(11, 0)), c.stop());
    assertEquals(Duration.ofMinutes(30), c.elapsed());

    Fixtures.Ticket u = new Fixtures.Ticket("T-2");
    MetricCycle together =
        first(
            s,
            List.of(u.created(mon(9, 0)), u.reply(mon(9, 30)), u.status(mon(9, 30), "solved")),
            mon(14, 0));
    assertEquals(CycleState.ACHIEVED, together.state());
    assertEquals(Duration.ofMinutes(30), together.elapsed());

    Fixtures.Ticket v = new Fixtures.Ticket("T-3");
    MetricCycle breached =
        first(
            s,
            List.of(v.created(mon(9, 0)), v.status(mon(12, 0), "solved"), v.reply(mon(13, 0))),
            mon(14, 0));
    assertEquals(CycleState.BREACHED, breached.state());
    assertEquals(Optional.of(mon(13, 0)), breached.stop());
    assertEquals(Duration.ofHours(3), breached.elapsed());
  }

  // A ticket created in a solved status starts it paused (under END: met at the creation).
  @Test
  void aTicketCreatedSolvedStartsItPaused() {
    TicketEvent created =
        TicketEvent.Created.byCustomer("T-1", "c", mon(9, 0), java.util.Map.of(), Set.of())
            .withStatus("solved");
    MetricCycle paused = first(set(SolveRule.PAUSE), List.of(created), mon(10, 0));
    assertEquals(CycleState.PAUSED, paused.state());
    assertEquals(Optional.of(mon(12, 0)), paused.deadline()); // due if resumed at 10:00
    MetricCycle met = first(set(SolveRule.END), List.of(created), mon(10, 0));
    assertEquals(CycleState.ACHIEVED, met.state());
  }

  // An internal note is no reply here (internalNotesCount false): it leaves the cycle paused.
  @Test
  void aReplyThatDoesNotCountLeavesItPaused() {
    MetricCycle c =
        first(
            set(SolveRule.PAUSE),
            List.of(t.created(mon(9, 0)), t.status(mon(9, 30), "solved"), t.note(mon(10, 0))),
            mon(11, 0));
    assertEquals(CycleState.PAUSED, c.state());
  }

  // A cancelled status ends it CANCELLED (BREACHED if it had breached), from an unsolved status as
  // from a solved one, where it was paused: the README's "Cancelled statuses" rule.
  @Test
  void aCancelledStatusCancelsItRunningOrPaused() {
    SlaPolicySet s = set(SolveRule.PAUSE, "closed");
    MetricCycle fromOpen =
        first(s, List.of(t.created(mon(9, 0)), t.status(mon(10, 0), "closed")), mon(14, 0));
    assertEquals(CycleState.CANCELLED, fromOpen.state());
    assertEquals(Optional.of(mon(10, 0)), fromOpen.stop());

    Fixtures.Ticket u = new Fixtures.Ticket("T-2");
    List<TicketEvent> h =
        List.of(
            u.created(mon(9, 0)),
            u.status(mon(9, 30), "solved"),
            u.status(mon(11, 0), "closed"),
            u.status(mon(12, 0), "open"),
            u.reply(mon(12, 30)));
    MetricCycle fromSolved = first(s, h, mon(14, 0));
    assertEquals(CycleState.CANCELLED, fromSolved.state());
    assertEquals(Optional.of(mon(11, 0)), fromSolved.stop());
    assertEquals(Duration.ofMinutes(30), fromSolved.elapsed());

    Fixtures.Ticket v = new Fixtures.Ticket("T-3");
    MetricCycle breached =
        first(s, List.of(v.created(mon(9, 0)), v.status(mon(12, 0), "closed")), mon(14, 0));
    assertEquals(CycleState.BREACHED, breached.state());
  }

  // The audit trail shows the solved stretch as a PAUSED segment opened by the solving event and
  // closed by the reopen.
  @Test
  void theAuditTrailShowsTheSolvedStretchAsAPause() {
    TicketEvent solve = t.status(mon(9, 30), "solved");
    TicketEvent reopen = t.status(mon(12, 0), "open");
    SlaClock clock = Fixtures.clock(set(SolveRule.PAUSE), "T-1");
    for (TicketEvent e : List.of(t.created(mon(9, 0)), solve, reopen, t.reply(mon(13, 0)))) {
      clock.accept(e);
    }
    List<CycleSegment> trail = clock.auditTrail(FIRST, 0, mon(14, 0));
    CycleSegment pause = trail.get(1);
    assertEquals(CycleSegment.Kind.PAUSED, pause.kind(), trail.toString());
    assertEquals(mon(9, 30), pause.from());
    assertEquals(mon(12, 0), pause.to());
    assertEquals(solve.id(), pause.openedBy());
    assertEquals(Optional.of(reopen.id()), pause.closedBy());
  }

  // Under PAUSE one reply clock runs at a time, as before any solve: a solve that leaves first
  // reply owed arms no next reply, so a customer message after it (written while solved, or after
  // the reopen) starts nothing; the resumed first reply measures that wait. Zendesk keeps first
  // and next reply as instances of one reply_time metric, instance 1 activated at the creation,
  // each fulfilled by a public agent comment ("Ticket metric event types reference",
  // developer.zendesk.com/documentation/ticketing/reference-guides/
  // ticket-metric-event-types-reference; one clock at a time is our reading, the page does not
  // say it in so many words), and its native first reply time runs through a solve without a
  // comment until the agent's public comment after the customer reopens ("Calculating first reply
  // time", support.zendesk.com/hc/en-us/articles/4408821871642). Zammad has no next-reply time
  // (lib/escalation.rb: first response, update and solution only; its update time anchored at the
  // customer's last contact runs beside first response by design, a definition without arm
  // triggers here, which this rule leaves alone). Under END (the default) the
  // solve meets first reply and arms next reply as before.
  @Test
  void aMessageWrittenWhileSolvedStartsNoNextReplyBesideTheResumedFirstReply() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.customer(mon(10, 0)),
            t.status(mon(12, 0), "open"),
            t.reply(mon(12, 30)));
    SlaEvaluation e = Fixtures.eval(set(SolveRule.PAUSE), h, mon(14, 0));
    assertEquals(List.of(), e.cycles(NEXT));
    MetricCycle first = e.cycles(FIRST).get(0);
    assertEquals(Optional.of(mon(12, 30)), first.stop());
    assertEquals(Duration.ofHours(1), first.elapsed()); // 30 min before the solve, 30 after

    SlaEvaluation end = Fixtures.eval(set(SolveRule.END), h, mon(14, 0));
    assertEquals(mon(12, 0), end.cycles(NEXT).get(0).start()); // END: the solve armed it
  }

  // The weak point this closes: a customer left unanswered across a solve and reopen breached
  // both clocks (first reply resumed at 10:00, next reply started by the message at 10:30). Now
  // only first reply breaches, once, at 11:30 (30 min before the solve + 90 min after the reopen).
  @Test
  void aCustomerUnansweredAcrossASolveAndReopenBreachesOnlyFirstReply() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.status(mon(10, 0), "open"),
            t.customer(mon(10, 30)));
    SlaEvaluation e = Fixtures.eval(set(SolveRule.PAUSE), h, mon(14, 0));
    assertEquals(List.of(), e.cycles(NEXT));
    MetricCycle first = e.cycles(FIRST).get(0);
    assertEquals(CycleState.BREACHED, first.state());
    assertEquals(Optional.of(mon(11, 30).plusNanos(1)), first.breachedAt()); // AFTER_DEADLINE
    assertEquals(Optional.empty(), e.nextTransition()); // no second clock left to breach

    // The next reply's twin definition, in the same set, agrees: its solve arms nothing either.
    SlaEvaluation twin = Fixtures.eval(Mirrors.withTwins(set(SolveRule.PAUSE)), h, mon(14, 0));
    assertEquals(List.of(), twin.cycles(Mirrors.twin(NEXT)));
    assertEquals(CycleState.BREACHED, twin.cycles(Mirrors.twin(FIRST)).get(0).state());
  }

  // Once first reply is met, next reply is armed as under END: by the reply that met it (here
  // while solved, so the message written while solved starts next reply at the reopen) and by
  // every later solve (the message after the second solve starts the second next-reply cycle).
  @Test
  void onceFirstReplyIsMetNextReplyIsArmedAsUnderEnd() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.reply(mon(10, 0)), // meets first reply while solved
            t.customer(mon(10, 30)),
            t.status(mon(11, 0), "open"), // next reply #0 from the reopen
            t.status(mon(11, 30), "solved"), // meets it, and arms the next one
            t.status(mon(12, 0), "open"),
            t.customer(mon(12, 30))); // next reply #1
    for (SolveRule rule : SolveRule.values()) {
      SlaEvaluation e = Fixtures.eval(set(rule), h, mon(14, 0));
      List<MetricCycle> next = e.cycles(NEXT);
      assertEquals(2, next.size(), rule + " " + next);
      assertEquals(mon(11, 0), next.get(0).start());
      assertEquals(Optional.of(mon(11, 30)), next.get(0).stop());
      assertEquals(mon(12, 30), next.get(1).start());
    }
  }

  // A first reply paused in a solved status and then cancelled there (a merge) is no longer owed:
  // the solve's arm takes effect then, so after the reopen the customer's message starts next
  // reply, as when the cancelled status is entered from an open one.
  @Test
  void aFirstReplyCancelledWhileSolvedLetsTheNextMessageStartNextReply() {
    SlaPolicySet s = set(SolveRule.PAUSE, "closed");
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.status(mon(10, 0), "closed"),
            t.status(mon(11, 0), "open"),
            t.customer(mon(11, 30)));
    SlaEvaluation e = Fixtures.eval(s, h, mon(12, 0));
    assertEquals(CycleState.CANCELLED, e.cycles(FIRST).get(0).state());
    assertEquals(List.of(mon(11, 30)), e.cycles(NEXT).stream().map(MetricCycle::start).toList());
  }

  @Test
  void jsonWritesItOnlyWhenNotTheDefaultAndReadsItBack() {
    String end = SlaPolicyJson.write(set(SolveRule.END));
    assertFalse(end.contains("firstResponseSolve"), end);
    assertEquals(SolveRule.END, SlaPolicyJson.read(end).firstResponseSolve());
    SlaPolicySet pause = set(SolveRule.PAUSE);
    String json = SlaPolicyJson.write(pause);
    assertTrue(json.contains("\"firstResponseSolve\": \"PAUSE\""), json);
    assertEquals(pause, SlaPolicyJson.read(json));
    assertEquals(
        SolveRule.PAUSE,
        SlaPolicyJson.read(json.replace("\"PAUSE\"", "\"pause\"")).firstResponseSolve());
    assertFalse(pause.equals(set(SolveRule.END)));
  }

  @Test
  void hostileJsonValuesAreRefusedWithTheFieldLineAndColumn() {
    String json = SlaPolicyJson.write(set(SolveRule.PAUSE));
    String[] lines = json.split("\n", -1);
    int line = 0;
    while (!lines[line].contains("\"firstResponseSolve\"")) {
      line++;
    }
    String where = "(at $.firstResponseSolve, line " + (line + 1) + ", column ";
    for (String bad : new String[] {"\"STOP\"", "42", "null", "true", "[\"PAUSE\"]", "\"\""}) {
      String hostile =
          json.replace("\"firstResponseSolve\": \"PAUSE\"", "\"firstResponseSolve\": " + bad);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(hostile), bad);
      assertTrue(e.getMessage().contains(where), e.getMessage());
    }
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaPolicyJson.read(json.replace("\"PAUSE\"", "\"STOP\"")))
            .getMessage();
    assertTrue(unknown.startsWith("'STOP' is not a solve rule; expected END or PAUSE"), unknown);
    String longValue = "x".repeat(500);
    String excerpt =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaPolicyJson.read(json.replace("\"PAUSE\"", "\"" + longValue + "\"")))
            .getMessage();
    assertTrue(excerpt.length() < 300, excerpt); // a bounded excerpt, not the value
  }

  @Test
  void theBuilderRefusesNullAndADefinitionChecksItsStatuses() {
    SlaPolicySet.Builder b = SlaPolicySet.builder();
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> b.firstResponseSolve(null));
    assertEquals("firstResponseSolve", npe.getMessage());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MetricDefinition.firstResponse(
                    "fr", SolveRule.PAUSE, Set.of("solved"), Set.of("merged")));
    assertEquals(
        "cancelled status 'merged' is not among the solved statuses [solved]", e.getMessage());
    assertEquals(
        MetricDefinition.firstResponse("fr"),
        MetricDefinition.firstResponse("fr", SolveRule.END, Set.of("solved"), Set.of()));
  }
}
