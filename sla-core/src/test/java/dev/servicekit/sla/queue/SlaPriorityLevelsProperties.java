package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A queue and a router given {@link PriorityLevels} follow their tickets' SLA priorities: after
 * every event applied (priority changes and clears, holds and resumes), the waiting items are in
 * the order a brute-force re-sort of the open, unpaused tickets by (level of the clock's current
 * priority, creation, id) gives, and every item carries its ticket's level and deadline.
 */
class SlaPriorityLevelsProperties {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String[] PRIORITIES = {"urgent", "high", "normal", "low"};
  private static final String[] SEVERITIES = {"1", "2", "3", "9"}; // 9: no cell, the default

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(
                      PriorityMatrix.builder()
                          .cell("1", "any", "urgent")
                          .cell("2", "any", "high")
                          .cell("3", "any", "normal")
                          .defaultPriority("low")
                          .build())
                  .target("urgent", SlaMetric.resolution(), Duration.ofHours(2))
                  .target("high", SlaMetric.resolution(), Duration.ofHours(4))
                  .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                  .target("low", SlaMetric.resolution(), Duration.ofHours(24))
                  .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("pending").build())
                  .build())
          .build();

  /** Levels with gaps and a shared level, so that a level is not a priority's index. */
  private static final PriorityLevels LEVELS =
      PriorityLevels.of(Map.of("urgent", 0, "high", 0, "normal", 5, "low", 9)).requireCovers(SET);

  @Property(tries = 150)
  void queueAndRouterOrderFollowsTheTicketsPriorities(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 2 + r.nextInt(6);
    List<SlaClock> clocks = new ArrayList<>();
    WorkQueue q = WorkQueue.create(QueuePolicy.priorityThenAge(), LEVELS);
    WorkRouter router =
        WorkRouter.builder(QueuePolicy.priorityThenAge())
            .channel("email", Duration.ofMinutes(10))
            .priorityLevels(LEVELS)
            .build();
    Instant t = T0;
    for (int i = 0; i < n; i++) {
      String id = "T-" + i;
      SlaClock c = SlaClock.of(SET, Map.of(), id);
      Map<String, String> attrs = Map.of("severity", SEVERITIES[r.nextInt(4)], "tier", "any");
      c.accept(TicketEvent.Created.byCustomer(id, id + "-0", t, attrs, Set.of()));
      clocks.add(c);
      // offered with a stale priority: the first apply corrects it
      WorkItem w = WorkItem.builder(id, "email", t).priority(r.nextInt(10)).build();
      q.offer(w);
      router.submit(w);
      t = t.plusSeconds(r.nextInt(3) * 30L); // equal creation instants fall back to the id
    }
    for (int i = 0; i < n; i++) {
      q.apply("T-" + i, clocks.get(i).evaluate(t), SET);
      router.apply("T-" + i, clocks.get(i).evaluate(t), SET);
    }
    assertEquals(oracle(clocks, t), ids(q.items()));
    for (int step = 0; step < 30; step++) {
      t = t.plusSeconds(1 + r.nextInt(600));
      int i = r.nextInt(n);
      SlaClock c = clocks.get(i);
      String id = "T-" + i;
      String ev = id + "-" + (step + 1);
      TicketEvent e =
          switch (r.nextInt(4)) {
            case 0, 1 -> new TicketEvent.PriorityChanged(id, ev, t, PRIORITIES[r.nextInt(4)]);
            case 2 -> new TicketEvent.PriorityCleared(id, ev, t);
            default ->
                new TicketEvent.StatusChanged(id, ev, t, r.nextBoolean() ? "pending" : "open");
          };
      c.accept(e);
      SlaEvaluation now = c.evaluate(t);
      q.apply(id, now, SET);
      router.apply(id, now, SET);
      List<String> expected = oracle(clocks, t);
      assertEquals(expected, ids(q.items()), "queue after " + e);
      assertEquals(expected, ids(router.waiting()), "router after " + e);
      for (int k = 0; k < n; k++) {
        SlaEvaluation ek = clocks.get(k).evaluate(t);
        WorkItem w = q.get("T-" + k).orElseThrow();
        assertEquals(LEVELS.levels().get(ek.priority().orElseThrow()), w.priority(), w + " " + e);
        assertEquals(SlaUrgency.of(ek).deadline(), w.deadline(), w.toString());
        assertEquals(w, router.item("T-" + k).orElseThrow());
      }
    }
  }

  /** The applied tickets that run, by level of their current priority, then creation, then id. */
  private static List<String> oracle(List<SlaClock> clocks, Instant t) {
    record Row(String id, int level, Instant created) {}
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < clocks.size(); k++) {
      SlaEvaluation e = clocks.get(k).evaluate(t);
      if (e.status().equals("pending")) {
        continue;
      }
      Instant created = e.cycles().get(0).start();
      rows.add(new Row("T-" + k, LEVELS.levels().get(e.priority().orElseThrow()), created));
    }
    rows.sort(
        Comparator.comparingInt(Row::level).thenComparing(Row::created).thenComparing(Row::id));
    return rows.stream().map(Row::id).toList();
  }

  private static List<String> ids(List<WorkItem> items) {
    return items.stream().map(WorkItem::id).toList();
  }
}
