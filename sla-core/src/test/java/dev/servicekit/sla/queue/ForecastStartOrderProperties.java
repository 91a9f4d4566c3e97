package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A forecast lists lines "in the order items are (or were) started": items already assigned at one
 * instant were listed by their agent's registration instead of in decision order, unlike the
 * decisions the forecast simulates. Oracle: the order {@code assignAll} returned its decisions in.
 */
class ForecastStartOrderProperties {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);

  private static List<String> startedLines(WorkRouter r, int assigned) {
    List<String> out = new ArrayList<>();
    for (ForecastLine l : r.forecast(NOW, Duration.ofHours(1), ServicePoint.START).lines()) {
      out.add(l.item().id());
    }
    return out.subList(0, assigned);
  }

  @Test
  void itemsAssignedAtOneInstantAreListedInDecisionOrder() {
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(10))
            .build();
    r.addAgent(
        Agent.builder("a", ALWAYS, Capacity.builder().channel("chat", 1).build()).build(), NOW);
    r.addAgent(
        Agent.builder("b", ALWAYS, Capacity.builder().channel("chat", 1).build()).build(), NOW);
    r.submit(
        WorkItem.builder("X", "chat", NOW)
            .deadline(NOW.plusSeconds(60))
            .preferredAgents("b")
            .build());
    r.submit(WorkItem.builder("Y", "chat", NOW).deadline(NOW.plusSeconds(120)).build());
    assertEquals(List.of("X", "Y"), r.assignAll(NOW).stream().map(a -> a.item().id()).toList());
    assertEquals(List.of("X", "Y"), startedLines(r, 2));
  }

  @Property(tries = 100)
  void assignedItemsAreListedAsTheyWereDecided(@ForAll long seed) {
    Random rnd = new Random(seed);
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("chat", Duration.ofMinutes(10))
            .channel("email", Duration.ofMinutes(30))
            .agentOrder(AgentOrder.values()[rnd.nextInt(AgentOrder.values().length)])
            .build();
    int agents = 1 + rnd.nextInt(5);
    for (int i = 0; i < agents; i++) {
      r.addAgent(
          Agent.builder(
                  "agent" + i,
                  ALWAYS,
                  Capacity.builder()
                      .channel("chat", 1 + rnd.nextInt(3))
                      .channel("email", 1 + rnd.nextInt(3))
                      .build())
              .build(),
          NOW);
    }
    int items = rnd.nextInt(20);
    for (int i = 0; i < items; i++) {
      WorkItem.Builder b =
          WorkItem.builder("item" + i, rnd.nextBoolean() ? "chat" : "email", NOW)
              .deadline(NOW.plusSeconds(60L * rnd.nextInt(120)));
      if (rnd.nextInt(3) == 0) {
        b.preferredAgents("agent" + rnd.nextInt(agents));
      }
      r.submit(b.build());
    }
    List<String> decided = r.assignAll(NOW).stream().map(a -> a.item().id()).toList();
    assertEquals(decided, startedLines(r, decided.size()));
  }
}
