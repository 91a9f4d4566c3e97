package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A ticket put on hold and then solved: applied with its policy set, its item leaves the queue (or
 * the router, freeing its agent's capacity), where the evaluation alone brought a paused item back
 * without a deadline (its stopped cycles look like an open ticket's met ones). An open ticket's
 * evaluation applies as before.
 */
class SolvedTicketLeavesTheQueueTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /**
   * Resolution 8 h, paused in "pending"; "solved" solves (also {@code EntryWithSlaStateTest}'s).
   */
  static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                  .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
                  .build())
          .build();

  private static SlaClock clock() {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T-1");
    clock.accept(TicketEvent.Created.byCustomer("T-1", "c", T0));
    return clock;
  }

  @Test
  void aSolvedTicketsItemLeavesTheQueueAndAnOpenOneIsApplied() {
    WorkQueue q = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    q.offer(WorkItem.builder("T-1", "email", T0).build());
    SlaClock clock = clock();
    assertEquals(Optional.empty(), q.apply("T-1", clock.evaluate(T0), SET));
    assertEquals(Optional.of(T0.plus(Duration.ofHours(8))), q.get("T-1").orElseThrow().deadline());
    clock.accept(new TicketEvent.StatusChanged("T-1", "p", T0.plusSeconds(60), "pending"));
    assertEquals(Optional.empty(), q.apply("T-1", clock.evaluate(T0.plusSeconds(60)), SET));
    assertTrue(q.isPaused("T-1"));
    clock.accept(new TicketEvent.StatusChanged("T-1", "s", T0.plusSeconds(120), "solved"));
    Optional<WorkItem> removed = q.apply("T-1", clock.evaluate(T0.plusSeconds(120)), SET);
    assertEquals("T-1", removed.orElseThrow().id());
    assertEquals(0, q.size());
    assertFalse(q.get("T-1").isPresent());
    // an unknown id is refused, as apply refuses it
    assertThrows(
        IllegalArgumentException.class,
        () -> q.apply("T-1", clock.evaluate(T0.plusSeconds(120)), SET));
  }

  @Test
  void aSolvedTicketsAssignedItemLeavesTheRouterAndFreesItsAgent() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("email", Duration.ofMinutes(10))
            .build();
    r.addAgent(
        Agent.builder(
                "ann",
                BusinessCalendar.always(ZoneOffset.UTC),
                Capacity.builder().channel("email", 1).build())
            .build(),
        T0);
    r.submit(WorkItem.builder("T-1", "email", T0).build());
    r.submit(WorkItem.builder("T-2", "email", T0.plusSeconds(1)).build());
    assertEquals("T-1", r.next(T0.plusSeconds(1)).orElseThrow().item().id());
    assertEquals(List.of("T-1"), r.assignedTo("ann").stream().map(WorkItem::id).toList());
    SlaClock clock = clock();
    clock.accept(new TicketEvent.StatusChanged("T-1", "s", T0.plusSeconds(120), "solved"));
    assertEquals(
        "T-1", r.apply("T-1", clock.evaluate(T0.plusSeconds(120)), SET).orElseThrow().id());
    assertEquals(List.of(), r.assignedTo("ann"));
    assertEquals("T-2", r.next(T0.plusSeconds(121)).orElseThrow().item().id());
  }
}
