package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Capacity at its documented extremes ({@link Capacity#MAX}). */
class CapacityOverflowTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void withoutABudgetOnlyTheChannelLimitBoundsAnAgentWhateverTheWeights() {
    // "Without a budget the channels are independent": weights count against a budget only
    WorkRouter r =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("email", Duration.ofMinutes(40))
            .build();
    r.addAgent(
        Agent.builder(
                "bulk",
                RandomWorlds.ALWAYS,
                Capacity.builder().channel("email", Capacity.MAX, Capacity.MAX).build())
            .build(),
        NOW);
    int n = 2_200; // 2,148 items of weight 1,000,000 pass Integer.MAX_VALUE units
    for (int i = 0; i < n; i++) {
      r.submit(WorkItem.builder(String.format("e%05d", i), "email", NOW).build());
    }
    assertEquals(n, r.assignAll(NOW).size());
    assertEquals(n, r.openItems("bulk", "email"));
    assertEquals(0, r.waitingCount());
    assertTrue(r.usedUnits("bulk") >= 0, "used units " + r.usedUnits("bulk"));
  }
}
