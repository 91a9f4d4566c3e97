package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Each policy's order equals its definition written out directly (independently of the precomputed
 * keys), including least slack measured at an arbitrary "now": the order does not depend on when it
 * is read, which is why a queue never needs re-sorting as time passes.
 */
class QueuePolicyProperties {

  private static final Comparator<WorkItem> TIEBREAK =
      Comparator.comparing(WorkItem::created).thenComparing(WorkItem::id);

  @Property(tries = 200)
  void leastSlackOrderEqualsSortingBySlackAtAnyInstant(
      @ForAll long seed, @ForAll @IntRange(min = -2000, max = 20000) int nowMinutes) {
    Random r = new Random(seed);
    BusinessCalendar cal = RandomWorlds.SHIFTS.get(r.nextInt(RandomWorlds.SHIFTS.size()));
    Instant now = RandomWorlds.T0.plus(Duration.ofMinutes(nowMinutes));
    List<WorkItem> items = items(r);
    Comparator<WorkItem> bySlack =
        Comparator.comparing(
            (WorkItem w) ->
                w.deadline()
                    .map(d -> cal.between(now, d).minus(w.handleTime().orElse(Duration.ZERO)))
                    .orElse(Duration.ofDays(1_000_000)));
    assertSameOrder(items, bySlack.thenComparing(TIEBREAK), QueuePolicy.leastSlack(cal));
  }

  @Property(tries = 200)
  void earliestDeadlineFirstSortsByDeadline(@ForAll long seed) {
    List<WorkItem> items = items(new Random(seed));
    Comparator<WorkItem> byDeadline =
        Comparator.comparing((WorkItem w) -> w.deadline().orElse(Instant.MAX));
    assertSameOrder(items, byDeadline.thenComparing(TIEBREAK), QueuePolicy.earliestDeadlineFirst());
  }

  @Property(tries = 200)
  void priorityThenAgeSortsByPriorityThenCreation(@ForAll long seed) {
    List<WorkItem> items = items(new Random(seed));
    assertSameOrder(
        items,
        Comparator.comparingInt(WorkItem::priority).thenComparing(TIEBREAK),
        QueuePolicy.priorityThenAge());
  }

  @Property(tries = 200)
  void weightedSortsByDeadlineMinusBoostsPlusPrioritySteps(@ForAll long seed) {
    Random r = new Random(seed);
    int keyBoost = r.nextInt(600);
    int step = r.nextInt(120);
    int goldBoost = r.nextInt(300);
    List<WorkItem> items = items(r);
    QueuePolicy p =
        QueuePolicy.weighted()
            .keyAccountBoost(Duration.ofMinutes(keyBoost))
            .priorityStep(Duration.ofMinutes(step))
            .tierBoost("gold", Duration.ofMinutes(goldBoost))
            .build();
    Comparator<WorkItem> score =
        Comparator.comparing(
                (WorkItem w) ->
                    w.deadline()
                        .map(
                            d ->
                                d.minus(Duration.ofMinutes(w.keyAccount() ? keyBoost : 0))
                                    .minus(
                                        Duration.ofMinutes(w.tier().equals("gold") ? goldBoost : 0))
                                    .plus(Duration.ofMinutes((long) step * w.priority())))
                        .orElse(Instant.MAX))
            .thenComparingInt(w -> w.deadline().isPresent() ? 0 : w.priority());
    assertSameOrder(items, score.thenComparing(TIEBREAK), p);
  }

  private static List<WorkItem> items(Random r) {
    List<WorkItem> items = new ArrayList<>();
    int n = 1 + r.nextInt(25);
    for (int i = 0; i < n; i++) {
      items.add(RandomWorlds.item(r, i, RandomWorlds.T0, List.of()));
    }
    return items;
  }

  private static void assertSameOrder(
      List<WorkItem> items, Comparator<WorkItem> definition, QueuePolicy policy) {
    List<WorkItem> want = new ArrayList<>(items);
    want.sort(definition);
    WorkQueue q = WorkQueue.create(policy);
    items.forEach(q::offer);
    assertEquals(want, q.items());
  }
}
