package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WorkRouter#forecast} against its javadoc and {@link BreachForecast}'s, case by case. */
class ForecastContractTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static WorkRouter router(AgentOrder order, String... agents) {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(30))
            .agentOrder(order)
            .build();
    for (String a : agents) {
      r.addAgent(
          Agent.builder(a, RandomWorlds.ALWAYS, Capacity.builder().channel("chat", 5).build())
              .build(),
          NOW);
    }
    return r;
  }

  private static WorkItem chat(String id, int deadlineMinutes) {
    return WorkItem.builder(id, "chat", NOW)
        .deadline(NOW.plus(Duration.ofMinutes(deadlineMinutes)))
        .build();
  }

  @Test
  void theForecastPredictsTheAgentTheRouterItselfWouldChoose() {
    // round robin: a0 took the last chat, so the next one goes to a1, in the router and in its
    // "deterministic simulation of this router's own policy on a copy of its state"
    WorkRouter r = router(AgentOrder.ROUND_ROBIN, "a0", "a1");
    r.submit(chat("t1", 60));
    assertEquals("a0", r.next(NOW).orElseThrow().agentId());
    r.submit(chat("t2", 90));
    BreachForecast f = r.forecast(NOW, Duration.ofHours(1), ServicePoint.FINISH);
    ForecastLine t2 = line(f, "t2");
    assertEquals("a1", r.next(NOW).orElseThrow().agentId());
    assertEquals(Optional.of("a1"), t2.agentId());
  }

  @Test
  void linesOfAssignedItemsComeInTheOrderTheyWereStartedWhoeverHoldsThem() {
    WorkRouter r = router(AgentOrder.LEAST_LOADED, "a0", "a1");
    r.submit(chat("t1", 60));
    assertEquals("a0", r.next(NOW).orElseThrow().agentId()); // 10:00
    r.submit(chat("t2", 60));
    Instant five = NOW.plus(Duration.ofMinutes(5));
    assertEquals("a1", r.next(five).orElseThrow().agentId()); // 10:05
    r.remove("t1");
    r.submit(chat("t3", 60));
    Instant ten = NOW.plus(Duration.ofMinutes(10));
    assertEquals("a0", r.next(ten).orElseThrow().agentId()); // 10:10
    BreachForecast f = r.forecast(ten, Duration.ofHours(1), ServicePoint.FINISH);
    assertEquals(List.of("t2", "t3"), ids(f));
    assertEquals(Optional.of(five), f.lines().get(0).start());
  }

  @Test
  void aBreachAfterTheEndOfTheHorizonIsNotPredicted() {
    // "breachAt: the deadline, if the item is predicted to breach it within the horizon"
    WorkRouter r = router(AgentOrder.HIGHEST_SPARE_CAPACITY, "a0");
    r.submit(chat("t1", 20)); // starts at 10:00, finishes at 10:30, due 10:20
    r.assignAll(NOW);
    BreachForecast within = r.forecast(NOW, Duration.ofMinutes(25), ServicePoint.FINISH);
    assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(20))), line(within, "t1").breachAt());
    BreachForecast before = r.forecast(NOW, Duration.ofMinutes(10), ServicePoint.FINISH);
    assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))), line(before, "t1").finish());
    assertEquals(Optional.empty(), line(before, "t1").breachAt());
    assertEquals(List.of(), before.breaches());
  }

  @Test
  void aPausedItemIsLeftOutEvenWhenAssignedButStillHoldsItsAgentUntilItsFinish() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(30))
            .build();
    r.addAgent(
        Agent.builder("a0", RandomWorlds.ALWAYS, Capacity.builder().channel("chat", 1).build())
            .build(),
        NOW);
    r.submit(chat("t1", 10));
    r.assignAll(NOW);
    r.pause("t1"); // on hold, waiting on the customer: its SLA clock does not run
    r.submit(chat("t2", 120));
    BreachForecast f = r.forecast(NOW, Duration.ofHours(2), ServicePoint.FINISH);
    assertEquals(List.of("t2"), ids(f));
    assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))), line(f, "t2").start());
    assertEquals(List.of(), f.breaches());
  }

  private static ForecastLine line(BreachForecast f, String id) {
    return f.lines().stream().filter(l -> l.item().id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> ids(BreachForecast f) {
    List<String> out = new ArrayList<>();
    f.lines().forEach(l -> out.add(l.item().id()));
    return out;
  }
}
