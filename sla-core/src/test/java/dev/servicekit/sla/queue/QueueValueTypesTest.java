package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Equality, text form and builder bounds of the queue's value types, one component at a time. */
class QueueValueTypesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);
  private static final BusinessCalendar WEEKDAYS =
      BusinessCalendar.builder(ZoneOffset.UTC)
          .hours(DayOfWeek.MONDAY, TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0)))
          .build();
  private static final Capacity CHAT_2 = Capacity.builder().channel("chat", 2).build();

  private static WorkItem.Builder item() {
    return WorkItem.builder("t1", "chat", NOW);
  }

  private static Agent.Builder agent() {
    return Agent.builder("ann", ALWAYS, CHAT_2);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void workItemsAreEqualOnlyWhenEveryComponentIs() {
    new EqualsTester()
        .addEqualityGroup(item().build(), item().build())
        .addEqualityGroup(WorkItem.builder("t2", "chat", NOW).build())
        .addEqualityGroup(WorkItem.builder("t1", "mail", NOW).build())
        .addEqualityGroup(WorkItem.builder("t1", "chat", NOW.plusSeconds(1)).build())
        .addEqualityGroup(item().priority(3).build())
        .addEqualityGroup(item().deadline(NOW).build())
        .addEqualityGroup(item().language("de").build())
        .addEqualityGroup(item().tier("gold").build())
        .addEqualityGroup(item().keyAccount(true).build())
        .addEqualityGroup(item().skills("vat").build())
        .addEqualityGroup(item().preferredAgents("ann").build())
        .addEqualityGroup(item().handleTime(Duration.ofMinutes(1)).build())
        .testEquals();
  }

  @Test
  void workItemTextNamesWhatIsSet() {
    assertEquals("WorkItem[t1 chat P0 created 2026-03-02T10:00:00Z]", item().build().toString());
    assertEquals(
        "WorkItem[t1 chat P7 created 2026-03-02T10:00:00Z due 2026-03-02T11:00:00Z lang de"
            + " tier gold key-account skills [a, b]]",
        item()
            .priority(7)
            .deadline(NOW.plusSeconds(3600))
            .language("de")
            .tier("gold")
            .keyAccount(true)
            .skills("b", "a")
            .build()
            .toString());
    assertEquals("gold", item().tier("gold").build().tier());
    assertFalse(item().build().keyAccount());
  }

  @Test
  void workItemBoundsAreInclusive() {
    assertEquals(1000, item().priority(1000).build().priority());
    assertEquals(
        "priority 1001 of item t1 must be in [0, 1000]", message(() -> item().priority(1001)));
    String longest = "x".repeat(WorkItem.MAX_NAME_LENGTH);
    assertEquals(longest, WorkItem.builder(longest, "chat", NOW).build().id());
    assertEquals(
        "id \"" + "x".repeat(40) + "...\" (201 chars) must be at most 200 characters",
        message(() -> WorkItem.builder(longest + "x", "chat", NOW)));
    assertEquals(
        Duration.ofDays(30), item().handleTime(Duration.ofDays(30)).build().handleTime().get());
    assertEquals(
        "handleTime of item t1 PT720H0.000000001S must be positive and at most P30D",
        message(() -> item().handleTime(Duration.ofDays(30).plusNanos(1))));
  }

  @Test
  void agentsAreEqualOnlyWhenEveryComponentIsAndTheirTextNamesThem() {
    new EqualsTester()
        .addEqualityGroup(agent().build(), agent().build())
        .addEqualityGroup(Agent.builder("bob", ALWAYS, CHAT_2).build())
        .addEqualityGroup(Agent.builder("ann", WEEKDAYS, CHAT_2).build())
        .addEqualityGroup(
            Agent.builder("ann", ALWAYS, Capacity.builder().channel("chat", 3).build()).build())
        .addEqualityGroup(agent().skills("vat").build())
        .addEqualityGroup(agent().languages("de").build())
        .addEqualityGroup(agent().tiers("gold").build())
        .testEquals();
    Agent full = agent().skills("vat", "eu").languages("de").tiers("gold").build();
    assertEquals(Set.of("vat", "eu"), full.skills());
    assertEquals(Set.of("de"), full.languages());
    assertEquals(Set.of("gold"), full.tiers());
    assertEquals(
        "Agent[ann on "
            + ALWAYS.id()
            + ", skills [eu, vat], languages [de], tiers [gold], "
            + CHAT_2
            + "]",
        full.toString());
    assertEquals(
        "Agent[ann on " + ALWAYS.id() + ", skills [], languages [], " + CHAT_2 + "]",
        agent().build().toString());
  }

  @Test
  void anAgentServesAnItemOnlyWithTheChannelEverySkillTheLanguageAndTheTier() {
    Agent plain = agent().build();
    Agent full = agent().skills("vat", "eu").languages("de").tiers("gold").build();
    assertTrue(plain.canServe(item().build()));
    assertFalse(plain.canServe(WorkItem.builder("t", "mail", NOW).build()));
    assertTrue(full.canServe(item().skills("vat").language("de").tier("gold").build()));
    assertFalse(full.canServe(item().skills("vat", "uk").build()));
    assertFalse(full.canServe(item().language("fr").build()));
    assertFalse(full.canServe(item().tier("silver").build()));
    assertTrue(plain.canServe(item().tier("silver").build())); // an agent without tiers serves all
    assertFalse(plain.canServe(item().language("de").build()));
  }

  @Test
  void capacitiesAreEqualOnlyWhenEveryComponentIsAndBoundsAreInclusive() {
    new EqualsTester()
        .addEqualityGroup(CHAT_2, Capacity.builder().channel("chat", 2).build())
        .addEqualityGroup(Capacity.builder().channel("chat", 3).build())
        .addEqualityGroup(Capacity.builder().channel("chat", 2, 2).build())
        .addEqualityGroup(Capacity.builder().channel("chat", 2).budget(5).build())
        .testEquals();
    assertEquals("Capacity[limits {chat=2}, weights {chat=1}]", CHAT_2.toString());
    assertEquals(
        "Capacity[limits {chat=2}, weights {chat=1}, budget 5]",
        Capacity.builder().channel("chat", 2).budget(5).build().toString());
    assertEquals(
        Capacity.MAX, Capacity.builder().channel("chat", Capacity.MAX).build().limit("chat"));
    assertEquals(
        "limit of channel chat 1000001 must be in [1, 1000000]",
        message(() -> Capacity.builder().channel("chat", Capacity.MAX + 1)));
    assertEquals(
        "weight of channel chat 0 must be in [1, 1000000]",
        message(() -> Capacity.builder().channel("chat", 1, 0)));
    assertEquals("budget 0 must be in [1, 1000000]", message(() -> Capacity.builder().budget(0)));
  }

  @Test
  void policiesAreEqualOnlyWhenEveryComponentIsAndTheirTextNamesThem() {
    QueuePolicy weighted =
        QueuePolicy.weighted()
            .keyAccountBoost(Duration.ofHours(1))
            .priorityStep(Duration.ofMinutes(10))
            .tierBoost("gold", Duration.ofMinutes(30))
            .otherTiersBoost(Duration.ofMinutes(5))
            .build();
    new EqualsTester()
        .addEqualityGroup(QueuePolicy.earliestDeadlineFirst(), QueuePolicy.earliestDeadlineFirst())
        .addEqualityGroup(QueuePolicy.priorityThenAge())
        .addEqualityGroup(QueuePolicy.leastSlack(ALWAYS), QueuePolicy.leastSlack(ALWAYS))
        .addEqualityGroup(QueuePolicy.leastSlack(WEEKDAYS))
        .addEqualityGroup(
            weighted,
            QueuePolicy.weighted()
                .keyAccountBoost(Duration.ofHours(1))
                .priorityStep(Duration.ofMinutes(10))
                .tierBoost("gold", Duration.ofMinutes(30))
                .otherTiersBoost(Duration.ofMinutes(5))
                .build())
        .addEqualityGroup(
            QueuePolicy.weighted()
                .keyAccountBoost(Duration.ofHours(2))
                .priorityStep(Duration.ofMinutes(10))
                .tierBoost("gold", Duration.ofMinutes(30))
                .otherTiersBoost(Duration.ofMinutes(5))
                .build())
        .addEqualityGroup(
            QueuePolicy.weighted()
                .keyAccountBoost(Duration.ofHours(1))
                .priorityStep(Duration.ofMinutes(11))
                .tierBoost("gold", Duration.ofMinutes(30))
                .otherTiersBoost(Duration.ofMinutes(5))
                .build())
        .addEqualityGroup(
            QueuePolicy.weighted()
                .keyAccountBoost(Duration.ofHours(1))
                .priorityStep(Duration.ofMinutes(10))
                .tierBoost("gold", Duration.ofMinutes(31))
                .otherTiersBoost(Duration.ofMinutes(5))
                .build())
        .addEqualityGroup(
            QueuePolicy.weighted()
                .keyAccountBoost(Duration.ofHours(1))
                .priorityStep(Duration.ofMinutes(10))
                .tierBoost("gold", Duration.ofMinutes(30))
                .otherTiersBoost(Duration.ofMinutes(6))
                .build())
        .testEquals();
    assertEquals(
        "QueuePolicy[earliest deadline first]", QueuePolicy.earliestDeadlineFirst().toString());
    assertEquals("QueuePolicy[priority then age]", QueuePolicy.priorityThenAge().toString());
    assertEquals(
        "QueuePolicy[least slack on " + ALWAYS.id() + "]",
        QueuePolicy.leastSlack(ALWAYS).toString());
    assertEquals(
        "QueuePolicy[weighted: key account PT1H, per priority PT10M, tiers {gold=PT30M}, other"
            + " tiers PT5M]",
        weighted.toString());
  }
}
