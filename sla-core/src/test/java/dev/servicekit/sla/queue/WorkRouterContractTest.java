package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What each public call of {@link WorkRouter} checks, moves and reports, one rule per test. */
class WorkRouterContractTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);

  private static Instant at(int minutes) {
    return NOW.plus(Duration.ofMinutes(minutes));
  }

  private static Agent agent(String id, int chats) {
    return Agent.builder(id, ALWAYS, Capacity.builder().channel("chat", chats).build()).build();
  }

  private static WorkRouter router() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(10))
            .build();
    r.addAgent(agent("ann", 1), NOW);
    return r;
  }

  private static WorkItem chat(String id, int createdAt, int deadline) {
    return WorkItem.builder(id, "chat", at(createdAt)).deadline(at(deadline)).build();
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void callsNamingAnUnknownAgentAreRefusedAndChangeNothing() {
    WorkRouter r = router();
    String before = r.toString();
    List<Runnable> calls =
        List.of(
            () -> r.goOnline("zed", NOW),
            () -> r.goOffline("zed", NOW),
            () -> r.openItems("zed", "chat"),
            () -> r.usedUnits("zed"),
            () -> r.assignedTo("zed"),
            () -> r.isOnline("zed"));
    for (Runnable call : calls) {
      assertEquals("agent zed is not registered", message(call));
    }
    assertEquals(before, r.toString());
  }

  @Test
  void callsNamingAnUnknownItemAreRefused() {
    WorkRouter r = router();
    SlaEvaluation evaluation =
        new SlaEvaluation(
            "nope",
            NOW,
            "open",
            "p",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    String unknown = "item \"nope\" is not in the queue (never offered, or removed)";
    assertEquals(unknown, message(() -> r.pause("nope")));
    assertEquals(unknown, message(() -> r.resume("nope")));
    assertEquals(unknown, message(() -> r.apply("nope", evaluation)));
    assertEquals(Optional.empty(), r.remove("nope"));
  }

  @Test
  void everyCallThatTakesTheTimeMovesTheRoutersClockForward() {
    List<Consumer<WorkRouter>> calls =
        List.of(
            r -> r.addAgent(agent("bob", 1), at(5)),
            r -> r.goOffline("ann", at(5)),
            r -> r.goOnline("ann", at(5)),
            r -> r.next(at(5)),
            r -> r.assignAll(at(5)));
    for (Consumer<WorkRouter> call : calls) {
      WorkRouter r = router();
      call.accept(r);
      assertEquals(
          "now " + at(4) + " is before the router's time " + at(5) + "; time only moves forward",
          message(() -> r.next(at(4))));
    }
  }

  @Test
  void callsThatTakeTheTimeRefuseAnEarlierOne() {
    WorkRouter r = router();
    r.next(at(5));
    String earlier = "now " + at(4) + " is before the router's time " + at(5);
    assertTrue(message(() -> r.addAgent(agent("bob", 1), at(4))).startsWith(earlier));
    assertTrue(message(() -> r.goOffline("ann", at(4))).startsWith(earlier));
    assertTrue(message(() -> r.goOnline("ann", at(4))).startsWith(earlier));
    assertTrue(message(() -> r.assignAll(at(4))).startsWith(earlier));
    assertTrue(
        message(() -> r.forecast(at(4), Duration.ofHours(1), ServicePoint.START))
            .startsWith(earlier));
    assertEquals(List.of("ann"), r.agents().stream().map(Agent::id).toList());
    assertTrue(r.isOnline("ann"));
  }

  @Test
  void removeHandsBackTheItemAndQueriesReportAssignments() {
    WorkRouter r = router();
    WorkItem t1 = chat("t1", 0, 30);
    WorkItem t2 = chat("t2", 0, 60);
    r.submit(t1);
    r.submit(t2);
    assertEquals(1, r.assignAll(NOW).size());
    assertEquals(Optional.of("ann"), r.assignee("t1"));
    assertEquals(Optional.empty(), r.assignee("t2"));
    assertEquals(List.of(t1), r.assignedTo("ann"));
    assertEquals(Optional.of(t2), r.remove("t2"));
    assertEquals(Optional.empty(), r.item("t2"));
    assertTrue(r.isOnline("ann"));
    assertEquals(List.of(t1), r.goOffline("ann", NOW));
    assertFalse(r.isOnline("ann"));
    assertEquals(List.of(), r.assignedTo("ann"));
  }

  @Test
  void handleTimeIsTheItemsOwnElseItsChannels() {
    WorkRouter r = router();
    assertEquals(Duration.ofMinutes(10), r.handleTime(chat("a", 0, 5)));
    assertEquals(
        Duration.ofMinutes(3),
        r.handleTime(WorkItem.builder("b", "chat", NOW).handleTime(Duration.ofMinutes(3)).build()));
    assertEquals(
        "item c has channel mail, which the router does not declare (declared: [chat])",
        message(() -> r.handleTime(WorkItem.builder("c", "mail", NOW).build())));
  }

  @Test
  void theForecastHorizonMayBe366DaysAndArrivalsMustUseADeclaredChannel() {
    WorkRouter r = router();
    assertEquals(
        NOW.plus(WorkRouter.MAX_HORIZON),
        r.forecast(NOW, WorkRouter.MAX_HORIZON, ServicePoint.START).until());
    Duration tooLong = WorkRouter.MAX_HORIZON.plusSeconds(1);
    assertEquals(
        "horizon PT8784H1S must be positive and at most PT8784H",
        message(() -> r.forecast(NOW, tooLong, ServicePoint.START)));
    assertEquals(
        "item m has channel mail, which the router does not declare (declared: [chat])",
        message(
            () ->
                r.forecast(
                    NOW,
                    Duration.ofHours(1),
                    ServicePoint.START,
                    List.of(WorkItem.builder("m", "mail", NOW).build()))));
  }

  @Test
  void forecastStartsFromTheWorkInHandSkipsOfflineAgentsAndTakesArrivalsInTimeOrder() {
    WorkRouter r = router();
    r.addAgent(agent("bob", 1), NOW);
    r.goOffline("bob", NOW);
    r.submit(chat("t1", 0, 5));
    assertEquals("ann", r.next(NOW).orElseThrow().agentId());
    r.submit(chat("t2", 1, 15));
    // Arrivals listed out of time order: a2 comes first and has the earlier deadline.
    List<WorkItem> arrivals = List.of(chat("a3", 30, 50), chat("a2", 25, 40));
    BreachForecast f = r.forecast(at(2), Duration.ofHours(1), ServicePoint.FINISH, arrivals);
    assertEquals(at(2), f.from());
    assertEquals(
        List.of(
            // assigned at 10:00, finishes at 10:10 after its 10:05 deadline
            new ForecastLine(
                chat("t1", 0, 5),
                Optional.of("ann"),
                Optional.of(at(0)),
                Optional.of(at(10)),
                Optional.of(at(5))),
            // bob is offline: t2 waits for ann
            new ForecastLine(
                chat("t2", 1, 15),
                Optional.of("ann"),
                Optional.of(at(10)),
                Optional.of(at(20)),
                Optional.of(at(15))),
            new ForecastLine(
                chat("a2", 25, 40),
                Optional.of("ann"),
                Optional.of(at(25)),
                Optional.of(at(35)),
                Optional.empty()),
            new ForecastLine(
                chat("a3", 30, 50),
                Optional.of("ann"),
                Optional.of(at(35)),
                Optional.of(at(45)),
                Optional.empty())),
        f.lines());
  }

  @Test
  void reasonsStateTheSpareCapacityTheOrderLooksAt() {
    for (AgentOrder order :
        List.of(AgentOrder.HIGHEST_SPARE_CAPACITY, AgentOrder.HIGHEST_SPARE_PERCENT)) {
      WorkRouter r =
          WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
              .channel("chat", Duration.ofMinutes(10))
              .agentOrder(order)
              .build();
      r.addAgent(agent("ann", 3), NOW);
      r.submit(chat("t1", 0, 30));
      r.submit(chat("t2", 0, 40));
      List<String> reasons = r.assignAll(NOW).stream().map(Assignment::reason).toList();
      assertEquals(
          order == AgentOrder.HIGHEST_SPARE_CAPACITY
              ? List.of(
                  "most spare capacity (3 of 3 chat free) among 1 eligible; shift never ends",
                  "most spare capacity (2 of 3 chat free) among 1 eligible; shift never ends")
              : List.of(
                  "highest spare capacity (100% of chat) among 1 eligible; shift never ends",
                  "highest spare capacity (67% of chat) among 1 eligible; shift never ends"),
          reasons);
    }
  }
}
