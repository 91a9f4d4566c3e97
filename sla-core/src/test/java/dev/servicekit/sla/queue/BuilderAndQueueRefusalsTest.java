package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Refusals of the builders and of {@link WorkQueue}: each names the field and the rule, and leaves
 * the builder or queue as it was.
 */
class BuilderAndQueueRefusalsTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static void refused(
      Class<? extends RuntimeException> type, String mentions, Executable e) {
    RuntimeException x = assertThrows(type, e);
    assertTrue(
        x.getMessage() != null && x.getMessage().contains(mentions),
        "\"" + x.getMessage() + "\" should mention " + mentions);
  }

  @Test
  void capacityRefusesOutOfRangeCountsAndRepeatsAndStaysAsItWas() {
    Capacity.Builder b = Capacity.builder().channel("chat", 3, 2);
    refused(IllegalArgumentException.class, "limit of channel email", () -> b.channel("email", 0));
    refused(
        IllegalArgumentException.class,
        "limit of channel email",
        () -> b.channel("email", Capacity.MAX + 1));
    refused(
        IllegalArgumentException.class,
        "weight of channel email",
        () -> b.channel("email", 1, Integer.MAX_VALUE));
    refused(IllegalArgumentException.class, "chat", () -> b.channel("chat", 5));
    refused(IllegalArgumentException.class, "budget", () -> b.budget(-1));
    refused(NullPointerException.class, "channel", () -> b.channel(null, 1));
    Capacity c = b.build();
    assertEquals(Set.of("chat"), c.channels());
    assertEquals(3, c.limit("chat"));
    assertEquals(2, c.weight("chat"));
    assertEquals(Integer.MAX_VALUE, c.budget());
    refused(
        IllegalArgumentException.class,
        "exceeds the budget",
        () -> Capacity.builder().channel("call", 1, 30).budget(10).build());
    refused(
        IllegalArgumentException.class, "at least one channel", () -> Capacity.builder().build());
  }

  @Test
  void itemAndAgentBuildersRefuseRepeatsAndBadValuesAndStayAsTheyWere() {
    WorkItem.Builder w = WorkItem.builder("t1", "chat", NOW).skills("billing");
    refused(IllegalArgumentException.class, "billing", () -> w.skills("tech", "billing"));
    refused(IllegalArgumentException.class, "tech", () -> w.skills("tech", "tech"));
    refused(IllegalArgumentException.class, "a1", () -> w.preferredAgents("a1", "a1"));
    refused(IllegalArgumentException.class, "priority", () -> w.priority(1001));
    refused(IllegalArgumentException.class, "priority", () -> w.priority(-1));
    refused(IllegalArgumentException.class, "handleTime", () -> w.handleTime(Duration.ZERO));
    refused(IllegalArgumentException.class, "handleTime", () -> w.handleTime(Duration.ofDays(31)));
    refused(
        IllegalArgumentException.class,
        "deadline",
        () -> w.deadline(BusinessCalendar.SUPPORTED_END));
    refused(IllegalArgumentException.class, "language", () -> w.language("x".repeat(201)));
    refused(IllegalArgumentException.class, "tier", () -> w.tier("go\nld"));
    WorkItem item = w.build();
    assertEquals(Set.of("billing"), item.skills());
    assertEquals(List.of(), item.preferredAgents());
    assertEquals(0, item.priority());
    assertTrue(item.handleTime().isEmpty() && item.deadline().isEmpty());
    assertEquals("", item.language());
    refused(IllegalArgumentException.class, "id", () -> WorkItem.builder(" ", "chat", NOW));
    refused(NullPointerException.class, "created", () -> WorkItem.builder("t", "chat", null));
    refused(
        IllegalArgumentException.class,
        "created",
        () -> WorkItem.builder("t", "chat", BusinessCalendar.SUPPORTED_START.minusSeconds(1)));

    Agent.Builder a =
        Agent.builder("a1", RandomWorlds.ALWAYS, Capacity.builder().channel("chat", 1).build())
            .languages("ru");
    refused(IllegalArgumentException.class, "ru", () -> a.languages("en", "ru"));
    refused(IllegalArgumentException.class, "gold", () -> a.tiers("gold", "gold"));
    refused(NullPointerException.class, "shift", () -> Agent.builder("a2", null, null));
    Agent agent = a.build();
    assertEquals(Set.of("ru"), agent.languages());
    assertEquals(Set.of(), agent.tiers());
  }

  @Test
  void routerAndPolicyBuildersRefuseBadValues() {
    WorkRouter.Builder b = WorkRouter.builder(QueuePolicy.priorityThenAge());
    refused(IllegalArgumentException.class, "at least one channel", b::build);
    b.channel("chat", Duration.ofMinutes(10));
    refused(IllegalArgumentException.class, "chat", () -> b.channel("chat", Duration.ofMinutes(5)));
    refused(
        IllegalArgumentException.class,
        "handleTime of channel email",
        () -> b.channel("email", Duration.ofSeconds(-1)));
    assertTrue(b.build().toString().contains("channels [chat]"));
    refused(NullPointerException.class, "policy", () -> WorkRouter.builder(null));
    QueuePolicy.WeightedBuilder p = QueuePolicy.weighted().tierBoost("gold", Duration.ofHours(1));
    refused(
        IllegalArgumentException.class,
        "keyAccountBoost",
        () -> p.keyAccountBoost(Duration.ofDays(367)));
    refused(
        IllegalArgumentException.class,
        "priorityStep",
        () -> p.priorityStep(Duration.ofSeconds(-1)));
    refused(
        IllegalArgumentException.class,
        "tierBoost(gold)",
        () -> p.tierBoost("gold", Duration.ofDays(400)));
    assertEquals(QueuePolicy.weighted().tierBoost("gold", Duration.ofHours(1)).build(), p.build());
  }

  @Test
  void aQueueRefusesUnknownIdsAndNullsAndStaysAsItWas() {
    WorkQueue q = WorkQueue.create(QueuePolicy.earliestDeadlineFirst());
    WorkItem t1 = WorkItem.builder("t1", "chat", NOW).deadline(NOW.plusSeconds(60)).build();
    WorkItem t2 = WorkItem.builder("t2", "chat", NOW).deadline(NOW.plusSeconds(30)).build();
    q.offer(t1);
    q.offer(t2);
    q.pause("t1");
    String before = q.items() + " " + q.size() + " " + q.pausedCount() + " " + q.get("t1");
    refused(IllegalArgumentException.class, "zz", () -> q.pause("zz"));
    refused(IllegalArgumentException.class, "zz", () -> q.resume("zz"));
    refused(
        IllegalArgumentException.class,
        "zz",
        () -> q.apply("zz", RouterModelProperties.evaluation(new java.util.Random(1), NOW)));
    refused(NullPointerException.class, "evaluation", () -> q.apply("t1", null));
    refused(NullPointerException.class, "item", () -> q.offer(null));
    refused(NullPointerException.class, "id", () -> q.remove(null));
    refused(NullPointerException.class, "policy", () -> WorkQueue.create(null));
    assertEquals(before, q.items() + " " + q.size() + " " + q.pausedCount() + " " + q.get("t1"));
    assertTrue(q.isPaused("t1"));
    assertTrue(q.remove("zz").isEmpty());
  }
}
