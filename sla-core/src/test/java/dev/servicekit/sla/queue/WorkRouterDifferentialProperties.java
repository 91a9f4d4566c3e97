package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The indexed router against the brute-force oracle ({@link NaiveRouter}) over random operation
 * sequences (submit, decide, complete, pause, resume, re-target, offline, online, time passing),
 * with the invariants checked after every step: every decision equals the oracle's, no agent ever
 * exceeds a channel limit or its budget, and no work goes to an agent who is off shift (or, with
 * the guard, whose shift ends before the channel's handle time is up).
 */
class WorkRouterDifferentialProperties {

  @Property(tries = 150)
  void everyDecisionEqualsTheBruteForceOracleAndKeepsTheInvariants(@ForAll long seed) {
    Random r = new Random(seed);
    QueuePolicy policy = RandomWorlds.policy(r);
    AgentOrder order = AgentOrder.values()[r.nextInt(AgentOrder.values().length)];
    boolean guard = r.nextBoolean();
    WorkRouter router =
        RandomWorlds.routerBuilder(policy).agentOrder(order).finishBeforeShiftEnd(guard).build();
    NaiveRouter oracle = new NaiveRouter(policy, order, guard, RandomWorlds.HANDLE);
    Instant now = RandomWorlds.T0.plusSeconds(r.nextInt(7 * 24) * 3600L);
    List<Agent> agents = new ArrayList<>();
    int nAgents = 1 + r.nextInt(6);
    for (int i = 0; i < nAgents; i++) {
      Agent a = RandomWorlds.agent(r, i);
      agents.add(a);
      router.addAgent(a, now);
      oracle.addAgent(a);
    }
    List<String> ids = RandomWorlds.ids(agents);
    List<String> live = new ArrayList<>();
    int nextItem = 0;
    for (int step = 0; step < 120; step++) {
      int op = r.nextInt(20);
      if (op < 6) {
        WorkItem w = RandomWorlds.item(r, nextItem++, now, ids);
        router.submit(w);
        oracle.submit(w);
        live.add(w.id());
      } else if (op < 11) {
        Optional<Assignment> got = router.next(now);
        Optional<NaiveRouter.Decision> want = oracle.next(now);
        assertEquals(want.isPresent(), got.isPresent(), "decision presence at step " + step);
        if (got.isPresent()) {
          Assignment a = got.get();
          NaiveRouter.Decision d = want.get();
          assertEquals(d.itemId(), a.item().id(), "item at step " + step);
          assertEquals(d.agentId(), a.agentId(), "agent at step " + step);
          assertEquals(d.candidates(), a.candidates(), "candidates at step " + step);
          assertEquals(d.preferred(), a.preferred(), "preferred at step " + step);
          Agent agent = agentById(agents, a.agentId());
          assertTrue(agent.shift().isOpen(now), "off-shift agent received work");
          if (guard) {
            Optional<Instant> end = agent.shift().nextClose(now);
            assertTrue(
                end.isEmpty()
                    || !now.plus(
                            a.item()
                                .handleTime()
                                .orElse(RandomWorlds.HANDLE.get(a.item().channel())))
                        .isAfter(end.get()),
                "shift ends before the work could be done");
          }
          assertTrue(agent.canServe(a.item()));
          assertTrue(a.reason().contains("eligible"));
        }
      } else if (op < 14 && !live.isEmpty()) {
        String id = live.remove(r.nextInt(live.size()));
        router.remove(id);
        oracle.remove(id);
      } else if (op < 15 && !live.isEmpty()) {
        String id = live.get(r.nextInt(live.size()));
        boolean p = r.nextBoolean();
        if (p) {
          router.pause(id);
        } else {
          router.resume(id);
        }
        oracle.setPaused(id, p);
      } else if (op < 16 && !live.isEmpty()) {
        String id = live.get(r.nextInt(live.size()));
        WorkItem old = router.item(id).orElseThrow();
        WorkItem w =
            old.toBuilder()
                .deadline(now.plusSeconds(r.nextInt(40) * 900L - 1800))
                .priority(r.nextInt(4))
                .build();
        router.update(w);
        oracle.update(w);
      } else if (op < 17) {
        String id = ids.get(r.nextInt(ids.size()));
        boolean online = r.nextBoolean();
        List<WorkItem> back = online ? List.of() : router.goOffline(id, now);
        if (online) {
          router.goOnline(id, now);
        }
        List<String> want = oracle.setOnline(id, online);
        List<String> got = new ArrayList<>();
        back.forEach(w -> got.add(w.id()));
        assertEquals(new java.util.HashSet<>(want), new java.util.HashSet<>(got), "requeued");
      } else {
        now = now.plus(Duration.ofMinutes(r.nextInt(r.nextInt(10) == 0 ? 1500 : 90)));
      }
      checkCapacity(router, agents);
      assertEquals(ids(oracle.waiting()), ids(router.waiting()), "waiting order at step " + step);
    }
  }

  static void checkCapacity(WorkRouter router, List<Agent> agents) {
    for (Agent a : agents) {
      for (String c : RandomWorlds.CHANNELS) {
        int open = router.openItems(a.id(), c);
        assertTrue(open >= 0 && open <= a.capacity().limit(c), a.id() + " over limit on " + c);
      }
      assertTrue(router.usedUnits(a.id()) <= a.capacity().budget(), a.id() + " over budget");
    }
  }

  private static Agent agentById(List<Agent> agents, String id) {
    return agents.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<String> ids(List<WorkItem> items) {
    List<String> out = new ArrayList<>();
    items.forEach(w -> out.add(w.id()));
    return out;
  }
}
