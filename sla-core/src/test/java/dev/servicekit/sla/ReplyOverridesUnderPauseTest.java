package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-metric reply overrides ({@link MetricRule.Builder#internalNotesCount}) under {@code
 * firstResponseSolve: PAUSE}, pinned: each reply metric counts a reply by its own rule under the
 * policy in force, also while first reply is paused in a solved status; where the two rules differ,
 * a reply that counts for next reply only (here an internal note, counted set-wide but not for
 * first reply) arms next reply while first reply is owed, so the README's "one reply clock at a
 * time" has this one exception, under {@code PAUSE} as under {@code END}; a reply that counts for
 * first reply only and meets it while solved releases the solve's arm, held while first reply was
 * owed (earlier builds kept it held). The ready-made twins give the same cycles ({@link Mirrors}).
 * Expected values by hand (Monday 2026-01-05, UTC, 24/7).
 */
class ReplyOverridesUnderPauseTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric NEXT = SlaMetric.nextResponse();

  /** Notes count set-wide (so for next reply), not for first reply; 4 h targets, 24/7. */
  private static SlaPolicySet set(SolveRule onSolve) {
    return Mirrors.withTwins(
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .firstResponseSolve(onSolve)
            .internalNotesCount(true)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", FIRST, Duration.ofHours(4))
                    .target("normal", NEXT, Duration.ofHours(4))
                    .rule(MetricRule.builder(FIRST).internalNotesCount(false).build())
                    .build())
            .build());
  }

  private static List<TicketEvent> history() {
    return List.of(
        TicketEvent.Created.byCustomer("T", "c", mon(9, 0), Map.of(), Set.of()),
        TicketEvent.AgentReply.internalNote("T", "n", mon(9, 10)), // counts for next reply only
        new TicketEvent.StatusChanged("T", "s1", mon(9, 20), "solved"),
        new TicketEvent.CustomerMessage("T", "m1", mon(9, 30)), // written while solved
        new TicketEvent.StatusChanged("T", "s2", mon(10, 0), "open"),
        TicketEvent.AgentReply.internalNote("T", "n2", mon(10, 30)), // meets next reply only
        TicketEvent.AgentReply.publicReply("T", "r", mon(11, 0))); // meets first reply
  }

  private static List<MetricCycle> twin(SlaEvaluation e, SlaMetric builtIn) {
    return e.cycles(Mirrors.twin(builtIn)).stream().map(m -> Mirrors.as(builtIn, m)).toList();
  }

  @Test
  void underPauseANoteArmsNextReplyWhileFirstReplyIsOwedAndEachMetricCountsByItsOwnRule() {
    SlaEvaluation e = Fixtures.eval(set(SolveRule.PAUSE), history(), mon(12, 0));
    // first reply: 09:00-09:20 counted, paused while solved (the note at 09:10 does not count for
    // it), resumed at 10:00, met by the public reply at 11:00: 20 + 60 = 80 min
    MetricCycle first = e.latest(FIRST).orElseThrow();
    assertEquals(CycleState.ACHIEVED, first.state(), e.toString());
    assertEquals(Duration.ofMinutes(80), first.elapsed());
    assertEquals(Duration.ofMinutes(40), first.pausedTime());
    // next reply: armed by the note (it counts for next reply), so the message written while
    // solved starts it at the reopen, beside the resumed first reply; the note at 10:30 meets it
    List<MetricCycle> next = e.cycles(NEXT);
    assertEquals(1, next.size(), e.toString());
    assertEquals(mon(10, 0), next.get(0).start());
    assertEquals(CycleState.ACHIEVED, next.get(0).state());
    assertEquals(Duration.ofMinutes(30), next.get(0).elapsed());
    assertEquals(e.cycles(FIRST), twin(e, FIRST));
    assertEquals(next, twin(e, NEXT));
  }

  @Test
  void withoutTheNoteOnlyFirstReplyRunsAsTheOneReplyClock() {
    List<TicketEvent> h =
        history().stream().filter(ev -> !ev.id().equals("n")).toList(); // no arming note
    SlaEvaluation e = Fixtures.eval(set(SolveRule.PAUSE), h, mon(12, 0));
    assertEquals(List.of(), e.cycles(NEXT), e.toString());
    assertEquals(List.of(), twin(e, NEXT));
    assertEquals(Duration.ofMinutes(80), e.latest(FIRST).orElseThrow().elapsed());
  }

  @Test
  void underEndTheSameNoteArmsNextReplyAndTheSolveMeetsFirstReply() {
    SlaEvaluation e = Fixtures.eval(set(SolveRule.END), history(), mon(12, 0));
    MetricCycle first = e.latest(FIRST).orElseThrow();
    assertEquals(mon(9, 20), first.stop().orElseThrow());
    List<Instant> starts = e.cycles(NEXT).stream().map(MetricCycle::start).toList();
    assertEquals(List.of(mon(10, 0)), starts, e.toString());
    assertEquals(e.cycles(NEXT), twin(e, NEXT));
  }

  /** Notes count for first reply only (set-wide not), 4 h targets, 24/7. */
  private static SlaPolicySet notesForFirstOnly(SolveRule onSolve) {
    return Mirrors.withTwins(
        SlaPolicySet.builder()
            .statuses("new", "open", "pending", "solved")
            .solvedStatuses("solved")
            .firstResponseSolve(onSolve)
            .internalNotesCount(false)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", FIRST, Duration.ofHours(4))
                    .target("normal", NEXT, Duration.ofHours(4))
                    .rule(MetricRule.builder(FIRST).internalNotesCount(true).build())
                    .build())
            .build());
  }

  private static TicketEvent created() {
    return TicketEvent.Created.byCustomer("T", "c", mon(9, 0), Map.of(), Set.of());
  }

  private static TicketEvent status(String id, Instant at, String status) {
    return new TicketEvent.StatusChanged("T", id, at, status);
  }

  /** The built-in's cycles of {@code m}, checked equal to its ready-made twin's. */
  private static List<MetricCycle> agreed(SlaEvaluation e, SlaMetric m) {
    assertEquals(e.cycles(m), twin(e, m), e.toString());
    return e.cycles(m);
  }

  /**
   * The reverse override: notes count for first reply only. A note written while the ticket is
   * solved meets the paused first reply (20 min counted before the solve), as any reply that counts
   * for it does under {@code PAUSE}; nothing is owed any more, so it releases the solve's arm, held
   * while first reply was owed (as a cancel while paused does): the customer's message after the
   * reopen starts next reply, as under {@code END}, where the solve armed it. The note itself does
   * not count for next reply. On the earlier build the arm stayed held and no next reply started.
   */
  @Test
  void aNoteCountedForFirstReplyOnlyMeetsItWhileSolvedAndReleasesTheSolvesArm() {
    List<TicketEvent> h =
        List.of(
            created(),
            status("s1", mon(9, 20), "solved"),
            TicketEvent.AgentReply.internalNote("T", "n", mon(9, 40)),
            status("s2", mon(10, 0), "open"),
            new TicketEvent.CustomerMessage("T", "m", mon(10, 10)));
    SlaEvaluation e = Fixtures.eval(notesForFirstOnly(SolveRule.PAUSE), h, mon(12, 0));
    MetricCycle first = agreed(e, FIRST).get(0);
    assertEquals(CycleState.ACHIEVED, first.state(), e.toString());
    assertEquals(mon(9, 40), first.stop().orElseThrow());
    assertEquals(Duration.ofMinutes(20), first.elapsed());
    assertEquals(Duration.ofMinutes(20), first.pausedTime());
    // next reply: from the message at 10:10, running at 12:00 (110 min), due at 14:10
    List<MetricCycle> next = agreed(e, NEXT);
    assertEquals(1, next.size(), e.toString());
    MetricCycle n = next.get(0);
    assertEquals(mon(10, 10), n.start());
    assertEquals(CycleState.ACTIVE, n.state());
    assertEquals(Duration.ofMinutes(110), n.elapsed());
    assertEquals(mon(14, 10), n.deadline().orElseThrow());
    // under END the solve met first reply at 09:20 and armed next reply: the same next reply
    SlaEvaluation end = Fixtures.eval(notesForFirstOnly(SolveRule.END), h, mon(12, 0));
    assertEquals(mon(9, 20), end.latest(FIRST).orElseThrow().stop().orElseThrow());
    assertEquals(next, agreed(end, NEXT));
  }

  /**
   * A message written while solved, before or after the note that meets first reply, starts next
   * reply at the reopen (the note does not count for next reply, so it does not answer it), as
   * under {@code END}.
   */
  @Test
  void aMessageWrittenWhileSolvedBeforeOrAfterThatNoteStartsNextReplyAtTheReopen() {
    for (Instant written : List.of(mon(9, 30), mon(9, 50))) {
      List<TicketEvent> h =
          List.of(
              created(),
              status("s1", mon(9, 20), "solved"),
              new TicketEvent.CustomerMessage("T", "m", written),
              TicketEvent.AgentReply.internalNote("T", "n", mon(9, 40)),
              status("s2", mon(10, 0), "open"));
      for (SolveRule rule : SolveRule.values()) {
        SlaEvaluation e = Fixtures.eval(notesForFirstOnly(rule), h, mon(12, 0));
        List<MetricCycle> next = agreed(e, NEXT);
        assertEquals(1, next.size(), rule + " " + written + " " + e);
        assertEquals(mon(10, 0), next.get(0).start());
        assertEquals(Duration.ofMinutes(120), next.get(0).elapsed());
      }
    }
  }

  /**
   * The solve and the note in one update, and a public reply beside the note: whatever the events'
   * ids, the note comes after the solve and meets first reply, and the message after the reopen
   * starts next reply; the same, read in one batch or after every event of a live clock.
   */
  @Test
  void theSameUpdateGivesOneResultWhateverTheIds() {
    SlaPolicySet set = notesForFirstOnly(SolveRule.PAUSE);
    for (String[] ids : new String[][] {{"a", "z", "y"}, {"z", "a", "b"}, {"k", "b", "a"}}) {
      for (boolean withPublic : new boolean[] {false, true}) {
        List<TicketEvent> h = new java.util.ArrayList<>();
        h.add(created());
        h.add(status(ids[0], mon(9, 20), "solved"));
        h.add(TicketEvent.AgentReply.internalNote("T", ids[1], mon(9, 20)));
        if (withPublic) { // counts for both: arms next reply by itself
          h.add(TicketEvent.AgentReply.publicReply("T", ids[2], mon(9, 20)));
        }
        h.add(status("s2", mon(10, 0), "open"));
        h.add(new TicketEvent.CustomerMessage("T", "m", mon(10, 10)));
        h.sort(TicketEvent.ORDER);
        SlaEvaluation e = Fixtures.eval(set, h, mon(12, 0));
        String what = List.of(ids) + " " + withPublic;
        MetricCycle first = agreed(e, FIRST).get(0);
        assertEquals(mon(9, 20), first.stop().orElseThrow(), what);
        assertEquals(Duration.ofMinutes(20), first.elapsed(), what);
        List<MetricCycle> next = agreed(e, NEXT);
        assertEquals(1, next.size(), what + " " + e);
        assertEquals(mon(10, 10), next.get(0).start(), what);
        SlaClock clock = Fixtures.clock(set, "T");
        for (TicketEvent ev : h) {
          clock.accept(ev);
          clock.evaluate(ev.at()).cycles(); // read between the events of one instant too
        }
        assertEquals(e.cycles(), clock.evaluate(mon(12, 0)).cycles(), what);
      }
    }
  }

  /**
   * A note that meets first reply after the reopen releases nothing: the resumed first reply was
   * the one reply clock, as before any solve, so the customer's next message starts no next reply
   * until a reply that counts for next reply, or another solve, arms it.
   */
  @Test
  void aNoteThatMeetsFirstReplyAfterTheReopenArmsNothing() {
    SlaEvaluation e =
        Fixtures.eval(
            notesForFirstOnly(SolveRule.PAUSE),
            List.of(
                created(),
                status("s1", mon(9, 20), "solved"),
                status("s2", mon(10, 0), "open"),
                TicketEvent.AgentReply.internalNote("T", "n", mon(10, 5)),
                new TicketEvent.CustomerMessage("T", "m", mon(10, 10)),
                status("s3", mon(10, 30), "solved"), // this solve arms it
                status("s4", mon(10, 40), "open"),
                new TicketEvent.CustomerMessage("T", "m2", mon(10, 50))),
            mon(12, 0));
    MetricCycle first = agreed(e, FIRST).get(0);
    assertEquals(mon(10, 5), first.stop().orElseThrow());
    assertEquals(Duration.ofMinutes(25), first.elapsed());
    List<Instant> starts = agreed(e, NEXT).stream().map(MetricCycle::start).toList();
    assertEquals(List.of(mon(10, 50)), starts, e.toString());
  }

  /**
   * A definition armed by a solve into one solved status only: the held arm is the one of the solve
   * that began the solved stretch in which first reply is met. Solving into {@code closed} holds
   * its arm, the reopen drops it (first reply resumes as the one reply clock), the solve into
   * {@code solved} fires nothing for it, so the note that meets first reply there arms only the
   * built-in next reply.
   */
  @Test
  void theReleasedArmIsTheOneOfTheSolveThatBeganTheSolvedStretch() {
    MetricDefinition closedArmed =
        MetricDefinition.builder("after_close")
            .startOn(MetricTrigger.customerMessage())
            .armOn(MetricTrigger.solvedInto("closed"))
            .stopOn(MetricTrigger.countedReply())
            .whenSolved(MetricDefinition.WhenSolved.DEFER)
            .build();
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved", "closed")
            .solvedStatuses("solved", "closed")
            .firstResponseSolve(SolveRule.PAUSE)
            .internalNotesCount(false)
            .metric(closedArmed)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", FIRST, Duration.ofHours(4))
                    .target("normal", NEXT, Duration.ofHours(4))
                    .target("normal", closedArmed.metric(), Duration.ofHours(4))
                    .rule(MetricRule.builder(FIRST).internalNotesCount(true).build())
                    .build())
            .build();
    List<TicketEvent> h =
        List.of(
            created(),
            status("s1", mon(9, 10), "closed"),
            status("s2", mon(9, 20), "open"),
            status("s3", mon(9, 30), "solved"),
            TicketEvent.AgentReply.internalNote("T", "n", mon(9, 40)),
            status("s4", mon(10, 0), "open"),
            new TicketEvent.CustomerMessage("T", "m", mon(10, 10)));
    SlaEvaluation e = Fixtures.eval(set, h, mon(12, 0));
    assertEquals(mon(9, 40), e.latest(FIRST).orElseThrow().stop().orElseThrow());
    assertEquals(
        List.of(mon(10, 10)), e.cycles(NEXT).stream().map(MetricCycle::start).toList(), "" + e);
    assertEquals(List.of(), e.cycles(closedArmed.metric()), e.toString());
    // solving into closed in that stretch instead: its arm is released by the note too
    List<TicketEvent> intoClosed =
        h.stream()
            .map(ev -> ev.id().equals("s3") ? status("s3", mon(9, 30), "closed") : ev)
            .toList();
    SlaEvaluation c = Fixtures.eval(set, intoClosed, mon(12, 0));
    assertEquals(
        List.of(mon(10, 10)),
        c.cycles(closedArmed.metric()).stream().map(MetricCycle::start).toList(),
        c.toString());
  }
}
