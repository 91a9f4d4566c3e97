package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The classic single-machine result (Jackson's rule, 1955): with one agent, all work available at
 * once and known processing times, serving in earliest-deadline order meets every deadline whenever
 * some order does. Checked against a brute force over all permutations, through the router's own
 * breach forecast (so the simulation, the EDF queue and the capacity of one are all exercised).
 */
class EdfOptimalityProperties {

  private static final Instant T0 = RandomWorlds.T0;

  @Property(tries = 300)
  void edfMeetsEveryDeadlineWheneverAnyOrderDoes(@ForAll long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(6);
    List<WorkItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(
          WorkItem.builder("t" + i, "email", T0.minusSeconds(r.nextInt(5)))
              .handleTime(Duration.ofMinutes(1 + r.nextInt(60)))
              .deadline(T0.plus(Duration.ofMinutes(r.nextInt(200))))
              .build());
    }
    boolean feasible = anyOrderMeetsAll(items, new boolean[n], Duration.ZERO);

    WorkRouter router = RandomWorlds.routerBuilder(QueuePolicy.earliestDeadlineFirst()).build();
    router.addAgent(
        Agent.builder("solo", RandomWorlds.ALWAYS, Capacity.builder().channel("email", 1).build())
            .build(),
        T0);
    items.forEach(router::submit);
    BreachForecast f = router.forecast(T0, Duration.ofDays(2), ServicePoint.FINISH);

    assertEquals(n, f.lines().size());
    Instant clock = T0;
    for (ForecastLine l : f.lines()) {
      // one agent: back to back, in deadline order
      assertEquals(clock, l.start().orElseThrow());
      clock = clock.plus(l.item().handleTime().orElseThrow());
      assertEquals(clock, l.finish().orElseThrow());
    }
    for (int i = 1; i < n; i++) {
      assertTrue(
          !f.lines()
              .get(i)
              .item()
              .deadline()
              .get()
              .isBefore(f.lines().get(i - 1).item().deadline().get()));
    }
    assertEquals(feasible, f.breaches().isEmpty(), "EDF is optimal: " + items);
  }

  private static boolean anyOrderMeetsAll(List<WorkItem> items, boolean[] used, Duration t) {
    boolean all = true;
    for (int i = 0; i < items.size(); i++) {
      if (used[i]) {
        continue;
      }
      all = false;
      WorkItem w = items.get(i);
      Duration fin = t.plus(w.handleTime().orElseThrow());
      if (T0.plus(fin).isAfter(w.deadline().orElseThrow())) {
        continue;
      }
      used[i] = true;
      boolean ok = anyOrderMeetsAll(items, used, fin);
      used[i] = false;
      if (ok) {
        return true;
      }
    }
    return all;
  }
}
