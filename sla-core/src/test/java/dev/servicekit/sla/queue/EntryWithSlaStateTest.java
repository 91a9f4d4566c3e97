package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
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
 * {@code WorkQueue.offer(item, evaluation, policies)} and {@code WorkRouter.submit(item,
 * evaluation, policies)}: an item enters with its ticket's SLA state in one step. Against the two
 * calls they replace, over every ticket state (running, paused, solved) and every state of the id
 * in the queue before (absent, queued, paused); refusals change nothing.
 */
class EntryWithSlaStateTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private static final SlaPolicySet SET = SolvedTicketLeavesTheQueueTest.SET;

  /** The ticket's evaluation: running (null status), or after a change to {@code status}. */
  private static SlaEvaluation evaluation(String status) {
    SlaClock clock = SlaClock.of(SET, Map.of(), "T-1");
    clock.accept(TicketEvent.Created.byCustomer("T-1", "c", T0));
    Instant at = T0.plusSeconds(60);
    if (status != null) {
      clock.accept(new TicketEvent.StatusChanged("T-1", "s", at, status));
    }
    return clock.evaluate(at);
  }

  private static WorkItem item() {
    return WorkItem.builder("T-1", "email", T0).priority(3).build();
  }

  /** Puts the queue's item T-1 in the state before: absent, queued or paused (stale values). */
  private static WorkQueue queue(int before) {
    WorkQueue q = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    q.offer(WorkItem.builder("T-0", "email", T0).deadline(T0.plusSeconds(7200)).build());
    if (before > 0) {
      q.offer(WorkItem.builder("T-1", "chat", T0.minusSeconds(5)).deadline(T0).build());
      if (before == 2) {
        q.pause("T-1");
      }
    }
    return q;
  }

  private static String state(WorkQueue q) {
    return q.items() + " paused " + q.pausedCount() + " " + q.get("T-1") + " " + q.isPaused("T-1");
  }

  @Test
  void oneCallLeavesWhatOfferThenApplyLeave() {
    for (String status : new String[] {null, "open", "pending", "solved"}) {
      SlaEvaluation e = evaluation(status);
      for (int before = 0; before < 3; before++) {
        WorkQueue one = queue(before);
        boolean in = one.offer(item(), e, SET);
        WorkQueue two = queue(before);
        two.offer(item());
        Optional<WorkItem> removed = two.apply("T-1", e, SET);
        String where = "status " + status + ", before " + before;
        assertEquals(state(two), state(one), where);
        assertEquals(removed.isEmpty(), in, where);
        assertEquals(!"solved".equals(status), one.get("T-1").isPresent(), where);
        assertEquals("pending".equals(status), one.isPaused("T-1"), where);
      }
    }
  }

  @Test
  void theItemTakesTheEvaluationsDeadlineAndAPausedTicketIsNeverAtTheHead() {
    WorkQueue q = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    q.offer(WorkItem.builder("T-0", "email", T0).deadline(T0.plusSeconds(86_400)).build());
    // T-1 is paused: T-0, due in a day, heads the queue
    assertTrue(q.offer(item(), evaluation("pending"), SET));
    assertEquals(1, q.size());
    assertEquals("T-0", q.peek().orElseThrow().id());
    assertTrue(q.isPaused("T-1"));
    // ... while running, it takes the resolution's deadline: 8 h from its creation, due 18:00
    assertTrue(q.offer(item(), evaluation("open"), SET));
    assertEquals(Optional.of(Instant.parse("2026-03-02T18:00:00Z")), q.get("T-1").get().deadline());
    assertEquals("T-1", q.peek().orElseThrow().id());
    assertEquals(2, q.size());
  }

  @Test
  void aMissingPriorityLevelChangesNothing() {
    WorkQueue q =
        WorkQueue.create(QueuePolicy.earliestDeadlineFirst(), PriorityLevels.of("urgent", "high"));
    q.offer(WorkItem.builder("T-1", "chat", T0).deadline(T0).build());
    String before = state(q);
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class, () -> q.offer(item(), evaluation("open"), SET));
    assertTrue(x.getMessage().contains("normal"), x.getMessage());
    assertEquals(before, state(q));
    // a solved ticket needs no level: it is taken out
    assertFalse(q.offer(item(), evaluation("solved"), SET));
    assertFalse(q.get("T-1").isPresent());
  }

  private static WorkRouter router() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("email", Duration.ofMinutes(10))
            .build();
    r.addAgent(
        Agent.builder(
                "ann",
                BusinessCalendar.always(ZoneOffset.UTC),
                Capacity.builder().channel("email", 2).build())
            .build(),
        T0);
    return r;
  }

  @Test
  void theRouterNeverHandsOutAPausedTicketAndDoesNotAddASolvedOne() {
    WorkRouter r = router();
    assertTrue(r.submit(item(), evaluation("pending"), SET));
    assertEquals(Optional.empty(), r.next(T0.plusSeconds(61)));
    assertEquals(1, r.pausedCount());
    IllegalArgumentException again =
        assertThrows(
            IllegalArgumentException.class, () -> r.submit(item(), evaluation("open"), SET));
    assertTrue(again.getMessage().contains("already in the router"), again.getMessage());

    WorkRouter s = router();
    assertFalse(s.submit(item(), evaluation("solved"), SET));
    assertEquals(Optional.empty(), s.item("T-1"));
    assertTrue(s.submit(item(), evaluation("open"), SET));
    assertEquals("T-1", s.next(T0.plusSeconds(61)).orElseThrow().item().id());
    assertEquals(
        List.of(Optional.of(Instant.parse("2026-03-02T18:00:00Z"))),
        s.assignedTo("ann").stream().map(WorkItem::deadline).toList());
  }

  @Test
  void anUndeclaredChannelIsRefusedWhateverTheTicketsState() {
    WorkRouter r = router();
    WorkItem chat = WorkItem.builder("T-1", "chat", T0).build();
    for (String status : new String[] {"open", "pending", "solved"}) {
      IllegalArgumentException x =
          assertThrows(
              IllegalArgumentException.class, () -> r.submit(chat, evaluation(status), SET));
      assertTrue(x.getMessage().contains("chat"), x.getMessage());
      assertEquals(Optional.empty(), r.item("T-1"));
      assertEquals(0, r.waitingCount() + r.pausedCount());
    }
  }
}
