package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether a pause status that is a solved status can apply (README, "SLA rules", "Pause statuses
 * that are solved"): it is accepted, since it matters where a cycle counts while the ticket is
 * solved, and it changes nothing where none does. Times UTC, Monday 2026-01-05, 24x7.
 */
class PauseOnSolvedStatusTest {

  private static final SlaMetric RESOLUTION = SlaMetric.resolution();
  private static final List<SlaMetric> BUILT_INS =
      List.of(
          SlaMetric.firstResponse(),
          SlaMetric.nextResponse(),
          SlaMetric.periodicUpdate(),
          RESOLUTION);

  private final Fixtures.Ticket t = new Fixtures.Ticket("T-1");

  private static SlaPolicySet.Builder statuses() {
    return SlaPolicySet.builder().statuses("new", "open", "solved").solvedStatuses("solved");
  }

  private static SlaPolicy policy(boolean pauseOnSolved, SlaMetric... metrics) {
    SlaPolicy.Builder p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .target("urgent", RESOLUTION, Duration.ofHours(8));
    for (SlaMetric m : metrics) {
      p.target("normal", m, Duration.ofDays(3));
      MetricRule.Builder r = MetricRule.builder(m);
      if (pauseOnSolved) {
        r.pauseOn("solved");
      }
      p.rule(r.build());
    }
    return p.build();
  }

  // Every built-in metric ends (or, first reply under PAUSE, pauses) on a solve, so by default a
  // pause status that is solved never applies: the same cycles with and without it.
  @Test
  void aSolvedPauseStatusChangesNoBuiltInCycleByDefault() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.reply(mon(9, 30)),
            t.customer(mon(10, 0)),
            t.status(mon(11, 0), "solved"),
            t.customer(mon(12, 0)),
            t.status(mon(13, 0), "open"),
            t.reply(mon(14, 0)),
            t.status(mon(15, 0), "solved"));
    for (SolveRule rule : SolveRule.values()) {
      SlaMetric[] all = BUILT_INS.toArray(SlaMetric[]::new);
      SlaPolicySet with =
          statuses().firstResponseSolve(rule).defaultPolicy(policy(true, all)).build();
      SlaPolicySet without =
          statuses().firstResponseSolve(rule).defaultPolicy(policy(false, all)).build();
      for (Instant at : List.of(mon(11, 30), mon(12, 30), mon(14, 30), mon(16, 0))) {
        for (SlaMetric m : BUILT_INS) {
          assertEquals(
              Fixtures.eval(without, h, at).cycles(m),
              Fixtures.eval(with, h, at).cycles(m),
              rule + " " + m + " at " + at);
        }
      }
    }
  }

  // Re-attached with a retroactive start and retroactive pause (ServiceNow's "retroactive pause"),
  // the span from the creation is re-timed with the pause conditions: the solved hour 10-11 is
  // paused only if a pause status covers the solved status. 3 h counted without it, 2 h with it.
  @Test
  void aSolvedPauseStatusPausesTheSolvedStretchOfARetroactiveReattach() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "solved"),
            t.status(mon(11, 0), "open"),
            t.priority(mon(12, 0), "urgent"));
    for (boolean pause : List.of(false, true)) {
      SlaPolicySet s =
          statuses()
              .retargetRule(RetargetRule.CANCEL_AND_REATTACH)
              .reattachStart(ReattachStart.AT_CREATION)
              .retroactivePause(true)
              .defaultPolicy(policy(pause, RESOLUTION))
              .build();
      List<MetricCycle> r = Fixtures.eval(s, h, mon(13, 0)).cycles(RESOLUTION);
      MetricCycle urgent = r.get(r.size() - 1);
      assertEquals(mon(9, 0), urgent.start());
      assertEquals(Duration.ofHours(pause ? 3 : 4), urgent.elapsed(), "pauseOn solved: " + pause);
    }
  }

  // A call offered on a solved ticket is measured (answer time ends on the answer, not on the
  // solve): the hour it rang is paused if a pause status covers the solved status.
  @Test
  void aSolvedPauseStatusPausesACallOfferedWhileSolved() {
    List<TicketEvent> h =
        List.of(
            t.created(mon(9, 0)),
            t.status(mon(10, 0), "solved"),
            t.offer(mon(10, 30), "c1"),
            t.answer(mon(11, 30), "c1"));
    for (boolean pause : List.of(false, true)) {
      SlaPolicySet s = statuses().defaultPolicy(policy(pause, SlaMetric.answerTime())).build();
      MetricCycle c = Fixtures.eval(s, h, mon(12, 0)).latest(SlaMetric.answerTime()).orElseThrow();
      assertEquals(CycleState.ACHIEVED, c.state());
      assertEquals(Duration.ofHours(pause ? 0 : 1), c.elapsed(), "pauseOn solved: " + pause);
    }
  }

  // A stage made of solved statuses runs while the ticket is solved, so a solved pause status
  // pauses it.
  @Test
  void aSolvedPauseStatusPausesAStageOfSolvedStatuses() {
    List<TicketEvent> h = List.of(t.created(mon(9, 0)), t.status(mon(10, 0), "solved"));
    for (boolean pause : List.of(false, true)) {
      SlaPolicySet s =
          statuses()
              .stage(StageDefinition.of("after", "solved"))
              .defaultPolicy(policy(pause, SlaMetric.stage("after")))
              .build();
      MetricCycle c =
          Fixtures.eval(s, h, mon(12, 0)).latest(SlaMetric.stage("after")).orElseThrow();
      assertEquals(Duration.ofHours(pause ? 0 : 2), c.elapsed(), "pauseOn solved: " + pause);
    }
  }

  // A definition that is not stopped by a solve counts while solved unless paused there.
  @Test
  void aSolvedPauseStatusPausesADefinitionThatRunsThroughASolve() {
    MetricDefinition open =
        MetricDefinition.builder("until_archived")
            .startOn(MetricTrigger.created())
            .stopOn(MetricTrigger.tagAdded("archived"))
            .build();
    List<TicketEvent> h =
        List.of(t.created(mon(9, 0)), t.status(mon(10, 0), "solved"), t.status(mon(11, 0), "open"));
    for (boolean pause : List.of(false, true)) {
      SlaPolicySet s = statuses().metric(open).defaultPolicy(policy(pause, open.metric())).build();
      MetricCycle c = Fixtures.eval(s, h, mon(12, 0)).latest(open.metric()).orElseThrow();
      assertEquals(Duration.ofHours(pause ? 2 : 3), c.elapsed(), "pauseOn solved: " + pause);
    }
  }
}
