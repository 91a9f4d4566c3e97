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

  // Solving still arms next reply, as under END: a message written while solved starts a next
  // reply cycle at the reopen, beside the first reply that resumes there; one counted reply stops
  // both.
  @Test
  void solvingStillArmsNextReply() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(9, 30), "solved"),
            t.customer(mon(10, 0)),
            t.status(mon(12, 0), "open"),
            t.reply(mon(12, 30)));
    SlaEvaluation e = Fixtures.eval(set(SolveRule.PAUSE), h, mon(14, 0));
    MetricCycle next = e.cycles(NEXT).get(0);
    assertEquals(mon(12, 0), next.start());
    assertEquals(Optional.of(mon(12, 30)), next.stop());
    assertEquals(Optional.of(mon(12, 30)), e.cycles(FIRST).get(0).stop());
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
