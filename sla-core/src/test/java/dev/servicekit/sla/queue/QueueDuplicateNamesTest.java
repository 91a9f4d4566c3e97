package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A skill, language, tier or preferred agent listed twice is refused, in one call or across calls,
 * and the refused call adds nothing (the builders merged repeats; a preferred agent repeated in a
 * ranked list was kept at its first place without a word).
 */
class QueueDuplicateNamesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC);

  private static Agent.Builder agent() {
    return Agent.builder("ann", ALWAYS, Capacity.builder().channel("chat", 2).build());
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void anAgentsSkillLanguageOrTierListedTwiceIsRefused() {
    assertEquals(
        "skill 'billing' is listed twice in skills of agent ann",
        message(() -> agent().skills("billing", "billing")));
    assertEquals(
        "language 'ru' is listed twice in languages of agent ann",
        message(() -> agent().languages("ru").languages("en", "ru")));
    assertEquals(
        "tier 'gold' is listed twice in tiers of agent ann",
        message(() -> agent().tiers("gold", "gold")));
    Agent.Builder b = agent().skills("billing");
    message(() -> b.skills("tech", "billing"));
    assertEquals(Set.of("billing"), b.build().skills(), "the refused call added nothing");
  }

  @Test
  void anItemsSkillOrPreferredAgentListedTwiceIsRefused() {
    assertEquals(
        "skill 'vat' is listed twice in skills of item t1",
        message(() -> WorkItem.builder("t1", "chat", NOW).skills("vat").skills("vat")));
    assertEquals(
        "preferredAgent 'ann' is listed twice in preferredAgents of item t1",
        message(() -> WorkItem.builder("t1", "chat", NOW).preferredAgents("ann", "bob", "ann")));
    WorkItem.Builder b = WorkItem.builder("t1", "chat", NOW).preferredAgents("ann");
    message(() -> b.preferredAgents("bob", "ann"));
    assertEquals(List.of("ann"), b.build().preferredAgents(), "the refused call added nothing");
  }
}
