package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@link WorkQueue}'s contract the ordering law does not reach: applying a ticket's
 * SLA evaluation ({@link WorkQueue#apply}, through {@link SlaUrgency#of}), lookups, the text form
 * and the unknown-id message; and {@link BreachForecast#breaches}' order.
 */
class WorkQueueContractTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static WorkItem item(String id, int deadlineMinutes) {
    return WorkItem.builder(id, "chat", NOW)
        .deadline(NOW.plus(Duration.ofMinutes(deadlineMinutes)))
        .build();
  }

  private static MetricCycle cycle(CycleState state, Integer deadlineMinutes, boolean stopped) {
    return cycle(
        state,
        deadlineMinutes,
        stopped,
        state == CycleState.ACTIVE || (state == CycleState.BREACHED && !stopped));
  }

  private static MetricCycle cycle(
      CycleState state, Integer deadlineMinutes, boolean stopped, boolean running) {
    Optional<Instant> deadline =
        Optional.ofNullable(deadlineMinutes).map(m -> NOW.plus(Duration.ofMinutes(m)));
    return new MetricCycle(
        SlaMetric.resolution(),
        0,
        "",
        state,
        running,
        NOW.minus(Duration.ofHours(1)), // started before its breach, stopped before the evaluation
        stopped ? Optional.of(NOW.minusSeconds(60)) : Optional.empty(),
        Optional.of(Duration.ofHours(1)),
        deadline,
        state == CycleState.BREACHED ? deadline : Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "standard");
  }

  private static SlaEvaluation evaluation(MetricCycle... cycles) {
    return new SlaEvaluation(
        "t1",
        NOW,
        "open",
        "standard",
        Optional.empty(),
        List.of(cycles),
        List.of(),
        List.of(),
        Optional.empty());
  }

  private static Optional<Instant> at(int minutes) {
    return Optional.of(NOW.plus(Duration.ofMinutes(minutes)));
  }

  @Test
  void urgencyIsTheEarliestDeadlineOfTheCyclesThatCount() {
    assertEquals(
        new SlaUrgency(at(20), false),
        SlaUrgency.of(
            evaluation(cycle(CycleState.ACTIVE, 30, false), cycle(CycleState.ACTIVE, 20, false))));
    assertEquals(
        new SlaUrgency(at(20), false),
        SlaUrgency.of(
            evaluation(cycle(CycleState.ACTIVE, 20, false), cycle(CycleState.ACTIVE, 30, false))));
    // a breach that has not stopped still counts (and is the most urgent); a stopped one does not
    assertEquals(
        new SlaUrgency(at(-5), false),
        SlaUrgency.of(
            evaluation(
                cycle(CycleState.ACTIVE, 30, false), cycle(CycleState.BREACHED, -5, false))));
    assertEquals(
        new SlaUrgency(at(30), false),
        SlaUrgency.of(
            evaluation(cycle(CycleState.ACTIVE, 30, false), cycle(CycleState.BREACHED, -5, true))));
    // achieved and paused cycles give no deadline; paused counts only without an active cycle
    assertEquals(
        new SlaUrgency(Optional.empty(), true),
        SlaUrgency.of(evaluation(cycle(CycleState.PAUSED, 30, false))));
    assertEquals(
        new SlaUrgency(at(40), false),
        SlaUrgency.of(
            evaluation(cycle(CycleState.PAUSED, 30, false), cycle(CycleState.ACTIVE, 40, false))));
    assertEquals(
        new SlaUrgency(Optional.empty(), false),
        SlaUrgency.of(evaluation(cycle(CycleState.ACHIEVED, 30, true))));
    // a breach that is paused (a late ticket put on hold) pauses the ticket as a paused cycle
    // does; a running one keeps it queued beside a paused cycle (both were the other way round)
    assertEquals(
        new SlaUrgency(Optional.empty(), true),
        SlaUrgency.of(evaluation(cycle(CycleState.BREACHED, -5, false, false))));
    assertEquals(
        new SlaUrgency(at(-5), false),
        SlaUrgency.of(
            evaluation(
                cycle(CycleState.PAUSED, 30, false), cycle(CycleState.BREACHED, -5, false))));
  }

  @Test
  void applyRetargetsPausesAndResumesByTheEvaluation() {
    QueuePolicy edf = QueuePolicy.earliestDeadlineFirst();
    WorkQueue q = WorkQueue.create(edf);
    assertSame(edf, q.policy());
    q.offer(item("t1", 10));
    q.offer(item("t2", 20));
    assertEquals(List.of("t1", "t2"), ids(q.items()));

    // a later deadline moves t1 behind t2
    q.apply("t1", evaluation(cycle(CycleState.ACTIVE, 30, false)));
    assertEquals(at(30), q.get("t1").orElseThrow().deadline());
    assertEquals(List.of("t2", "t1"), ids(q.items()));
    // the same deadline again changes nothing
    WorkItem same = q.get("t1").orElseThrow();
    q.apply("t1", evaluation(cycle(CycleState.ACTIVE, 30, false)));
    assertEquals(same, q.get("t1").orElseThrow());
    assertEquals(List.of("t2", "t1"), ids(q.items()));

    // paused: out of the order, still known, with the evaluation's (empty) deadline
    q.apply("t1", evaluation(cycle(CycleState.PAUSED, 30, false)));
    assertTrue(q.isPaused("t1"));
    assertEquals(List.of("t2"), ids(q.items()));
    assertEquals(1, q.pausedCount());
    assertEquals(Optional.empty(), q.get("t1").orElseThrow().deadline());
    assertEquals("WorkQueue[" + edf + ", 1 queued, 1 paused]", q.toString());

    // running again with an earlier deadline: back in the order, first
    q.apply("t1", evaluation(cycle(CycleState.ACTIVE, 5, false)));
    assertFalse(q.isPaused("t1"));
    assertEquals(List.of("t1", "t2"), ids(q.items()));
    assertEquals(at(5), q.get("t1").orElseThrow().deadline());
    assertEquals("WorkQueue[" + edf + ", 2 queued, 0 paused]", q.toString());

    // resumed with the deadline it had when paused: back in the order unchanged
    q.pause("t2");
    q.apply("t2", evaluation(cycle(CycleState.ACTIVE, 20, false)));
    assertFalse(q.isPaused("t2"));
    assertEquals(List.of("t1", "t2"), ids(q.items()));
  }

  @Test
  void aSolvedTicketsEvaluationBringsAPausedItemBackWithoutADeadline() {
    // the contract apply's javadoc states: stopped cycles look like an open ticket's met ones, so a
    // solved ticket's item is removed by the caller, not taken out by apply
    WorkQueue q = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    q.offer(item("t1", 10));
    q.apply("t1", evaluation(cycle(CycleState.PAUSED, 30, false)));
    assertTrue(q.isPaused("t1"));
    q.apply("t1", evaluation(cycle(CycleState.ACHIEVED, 30, true)));
    assertFalse(q.isPaused("t1"));
    assertEquals(List.of("t1"), ids(q.items()));
    assertEquals(Optional.empty(), q.get("t1").orElseThrow().deadline());
    assertEquals(Optional.of("t1"), q.remove("t1").map(WorkItem::id));
    assertEquals(0, q.size());
  }

  @Test
  void lookupsTellQueuedPausedAndUnknownItemsApart() {
    WorkQueue q = WorkQueue.create(QueuePolicy.priorityThenAge());
    WorkItem a = item("a", 10);
    WorkItem b = item("b", 20);
    q.offer(a);
    q.offer(b);
    q.pause("b");
    assertEquals(Optional.of(a), q.get("a"));
    assertEquals(Optional.of(b), q.get("b"));
    assertEquals(Optional.empty(), q.get("c"));
    assertFalse(q.isPaused("a"));
    assertTrue(q.isPaused("b"));
    assertFalse(q.isPaused("c"));
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> q.apply("c", evaluation(cycle(CycleState.ACTIVE, 5, false))))
            .getMessage();
    assertEquals("item \"c\" is not in the queue (never offered, or removed)", unknown);
    assertEquals(2, q.size() + q.pausedCount());
  }

  @Test
  void unknownIdsAreCutAfterSixtyCharacters() {
    WorkQueue q = WorkQueue.create(QueuePolicy.priorityThenAge());
    String sixty = "x".repeat(60);
    assertEquals(
        "item \"" + sixty + "\" is not in the queue (never offered, or removed)",
        assertThrows(IllegalArgumentException.class, () -> q.pause(sixty)).getMessage());
    assertEquals(
        "item \"" + sixty + "...\" is not in the queue (never offered, or removed)",
        assertThrows(IllegalArgumentException.class, () -> q.resume(sixty + "yz")).getMessage());
  }

  @Test
  void breachesAreOrderedByBreachTimeThenById() {
    ForecastLine late = line("a", 30);
    ForecastLine early = line("z", 10);
    ForecastLine tieB = line("b", 20);
    ForecastLine tieA = line("c", 20);
    ForecastLine fine = line("d", null);
    BreachForecast f =
        new BreachForecast(
            NOW,
            NOW.plus(Duration.ofHours(1)),
            ServicePoint.START,
            List.of(late, fine, tieA, early, tieB));
    assertEquals(List.of(early, tieB, tieA, late), f.breaches());
  }

  private static ForecastLine line(String id, Integer breachMinutes) {
    return new ForecastLine(
        item(id, 5),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(breachMinutes).map(m -> NOW.plus(Duration.ofMinutes(m))));
  }

  private static List<String> ids(List<WorkItem> items) {
    return items.stream().map(WorkItem::id).toList();
  }
}
