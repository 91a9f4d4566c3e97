package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Laws of {@link WorkQueue}: under every policy, after every incremental step (offer, re-target,
 * pause, resume, remove, poll) the queue's order equals a full re-sort of the live, unpaused items
 * with the policy's comparator; paused items are out of the order and come back on resume.
 */
class WorkQueueProperties {

  @Property(tries = 300)
  void orderEqualsAFullReSortAfterEveryStep(@ForAll long seed) {
    Random r = new Random(seed);
    QueuePolicy policy = RandomWorlds.policy(r);
    WorkQueue q = WorkQueue.create(policy);
    Map<String, WorkItem> model = new LinkedHashMap<>();
    Set<String> paused = new HashSet<>();
    Instant now = RandomWorlds.T0;
    int next = 0;
    for (int step = 0; step < 80; step++) {
      int op = r.nextInt(10);
      List<String> ids = new ArrayList<>(model.keySet());
      if (op < 4 || ids.isEmpty()) {
        WorkItem w = RandomWorlds.item(r, next++, now, List.of());
        assertTrue(q.offer(w));
        model.put(w.id(), w);
      } else if (op < 6) {
        String id = ids.get(r.nextInt(ids.size()));
        WorkItem w =
            model.get(id).toBuilder()
                .deadline(now.plusSeconds(r.nextInt(100) * 600L - 3000))
                .priority(r.nextInt(5))
                .keyAccount(r.nextBoolean())
                .build();
        assertFalse(q.offer(w));
        model.put(id, w);
      } else if (op < 7) {
        String id = ids.get(r.nextInt(ids.size()));
        q.pause(id);
        paused.add(id);
        assertTrue(q.isPaused(id));
      } else if (op < 8) {
        String id = ids.get(r.nextInt(ids.size()));
        q.resume(id);
        paused.remove(id);
      } else if (op < 9) {
        String id = ids.get(r.nextInt(ids.size()));
        assertEquals(model.remove(id), q.remove(id).orElseThrow());
        paused.remove(id);
      } else {
        List<WorkItem> sorted = sorted(model, paused, policy);
        if (sorted.isEmpty()) {
          assertTrue(q.poll().isEmpty());
        } else {
          assertEquals(sorted.get(0), q.poll().orElseThrow());
          model.remove(sorted.get(0).id());
        }
      }
      now = now.plus(Duration.ofMinutes(r.nextInt(30)));
      List<WorkItem> want = sorted(model, paused, policy);
      assertEquals(want, q.items(), "order after step " + step);
      assertEquals(want.size(), q.size());
      assertEquals(paused.size(), q.pausedCount());
      assertEquals(want.isEmpty() ? null : want.get(0), q.peek().orElse(null));
    }
  }

  private static List<WorkItem> sorted(
      Map<String, WorkItem> model, Set<String> paused, QueuePolicy policy) {
    List<WorkItem> out = new ArrayList<>();
    for (WorkItem w : model.values()) {
      if (!paused.contains(w.id())) {
        out.add(w);
      }
    }
    out.sort(policy.comparator());
    return out;
  }
}
