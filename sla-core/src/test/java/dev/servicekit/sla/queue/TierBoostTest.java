package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code otherTiersBoost} is the boost "of tiers not named by tierBoost, and of items with no
 * tier"; {@code tierBoost("", d)} was accepted and gave items with no tier {@code d} instead, and a
 * tier boosted twice kept the last value without a word. Both are refused, the builder unchanged.
 */
class TierBoostTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void aBlankTierIsRefusedSoItemsWithNoTierTakeTheOtherTiersBoost() {
    QueuePolicy.WeightedBuilder b = QueuePolicy.weighted().otherTiersBoost(Duration.ofHours(1));
    for (String blank : List.of("", " ", "\u00a0")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> b.tierBoost(blank, Duration.ZERO));
      assertTrue(e.getMessage().startsWith("tier of tierBoost "), e.getMessage());
    }
    assertEquals(QueuePolicy.weighted().otherTiersBoost(Duration.ofHours(1)).build(), b.build());

    // an item with no tier is served as the other tiers' boost says: 1 h earlier than its deadline
    WorkQueue q = WorkQueue.create(b.tierBoost("gold", Duration.ZERO).build());
    q.offer(WorkItem.builder("none", "chat", NOW).deadline(NOW.plusSeconds(3600 + 60)).build());
    q.offer(
        WorkItem.builder("gold", "chat", NOW).tier("gold").deadline(NOW.plusSeconds(61)).build());
    assertEquals("none", q.peek().orElseThrow().id());
  }

  @Test
  void aTierBoostedTwiceIsRefusedAndKeepsItsFirstBoost() {
    QueuePolicy.WeightedBuilder b = QueuePolicy.weighted().tierBoost("gold", Duration.ofHours(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> b.tierBoost("gold", Duration.ofHours(2)));
    assertEquals("tierBoost(gold) was already set to PT1H; a tier has one boost", e.getMessage());
    assertEquals(QueuePolicy.weighted().tierBoost("gold", Duration.ofHours(1)).build(), b.build());
  }
}
