package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile calls on a router in a random state: every refusal is an exception whose message names
 * the offending field or value, and leaves every observable part of the router (waiting order,
 * counts, items, assignees, agents, their load and assigned items, and its time) exactly as it was.
 * The router keeps matching {@link RouterModel} afterwards.
 */
class HostileInputProperties {

  record Hostile(
      String name, Class<? extends RuntimeException> type, String mentions, Executable call) {}

  @Property(tries = 200)
  void everyRefusalNamesTheFieldAndChangesNothing(@ForAll long seed) {
    Random r = new Random(seed);
    Instant now = RouterModelProperties.STARTS.get(0).plusSeconds(r.nextInt(48) * 1800L);
    RouterModelProperties.World wd = RouterModelProperties.world(r, now);
    WorkRouter router = wd.router();
    RouterModel model = wd.model();
    List<String> agentIds = RandomWorlds.ids(wd.agents());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      WorkItem w = RouterModelProperties.item(r, "t" + i, now, agentIds);
      router.submit(w);
      model.submit(w);
      ids.add(w.id());
    }
    for (int step = 0; step < 30; step++) {
      // some valid moves, so that hostile calls meet waiting, assigned and paused items
      switch (r.nextInt(4)) {
        case 0:
          RouterModelProperties.checkDecision(model.next(now), router.next(now), "step " + step);
          break;
        case 1:
          {
            String id = ids.get(r.nextInt(ids.size()));
            if (model.items.containsKey(id)) {
              boolean p = r.nextBoolean();
              if (p) {
                router.pause(id);
              } else {
                router.resume(id);
              }
              model.setPaused(id, p);
            }
            break;
          }
        case 2:
          // time passes, and the router sees it (past = now - 1s is then before its time)
          now = now.plus(Duration.ofMinutes(r.nextInt(90)));
          RouterModelProperties.checkDecision(model.next(now), router.next(now), "step " + step);
          break;
        default:
          {
            String a = agentIds.get(r.nextInt(agentIds.size()));
            boolean on = r.nextInt(3) > 0;
            if (on) {
              router.goOnline(a, now);
            } else {
              router.goOffline(a, now);
            }
            model.setOnline(a, on);
          }
      }
      List<Hostile> calls = hostile(r, router, model, wd.agents(), ids, now);
      Hostile h = calls.get(r.nextInt(calls.size()));
      Map<String, Object> before = dump(router, model, wd.agents());
      RuntimeException e = assertThrows(RuntimeException.class, h.call(), h.name());
      assertTrue(
          h.type().isInstance(e), h.name() + " threw " + e.getClass().getSimpleName() + ": " + e);
      assertTrue(
          e.getMessage() != null && e.getMessage().contains(h.mentions()),
          h.name() + ": message \"" + e.getMessage() + "\" should mention " + h.mentions());
      assertEquals(before, dump(router, model, wd.agents()), "state changed by " + h.name());
      // its time did not move either: a forecast from the last instant seen is still accepted
      final Instant t = now;
      router.forecast(t, Duration.ofHours(1), ServicePoint.START);
      RouterModelProperties.checkState(router, model, wd.agents(), now, "after " + h.name());
    }
  }

  static List<Hostile> hostile(
      Random r,
      WorkRouter router,
      RouterModel model,
      List<Agent> agents,
      List<String> ids,
      Instant now) {
    List<Hostile> out = new ArrayList<>();
    Class<IllegalArgumentException> iae = IllegalArgumentException.class;
    Class<NullPointerException> npe = NullPointerException.class;
    Instant past = now.minusSeconds(1);
    List<String> live = new ArrayList<>(model.items.keySet());
    String id = live.get(r.nextInt(live.size()));
    WorkItem known = model.items.get(id).item;
    Agent agent = agents.get(r.nextInt(agents.size()));
    String other = known.channel().equals("chat") ? "email" : "chat";
    WorkItem fax = WorkItem.builder("f1", "fax", now).build();
    out.add(new Hostile("submit(null)", npe, "item", () -> router.submit(null)));
    out.add(new Hostile("submit(duplicate)", iae, id, () -> router.submit(known)));
    out.add(
        new Hostile(
            "submit(duplicate, new values)",
            iae,
            id,
            () -> router.submit(WorkItem.builder(id, other, now).build())));
    out.add(new Hostile("submit(fax)", iae, "fax", () -> router.submit(fax)));
    out.add(new Hostile("update(null)", npe, "item", () -> router.update(null)));
    out.add(
        new Hostile(
            "update(unknown)",
            iae,
            "zz",
            () -> router.update(WorkItem.builder("zz", "chat", now).build())));
    out.add(
        new Hostile(
            "update(fax)",
            iae,
            "fax",
            () -> router.update(WorkItem.builder(id, "fax", now).build())));
    RouterModel.ItemRow row = model.items.get(id);
    if (row.agent != null) {
      out.add(
          new Hostile(
              "update(assigned, other channel)",
              iae,
              other,
              () -> router.update(RouterModelProperties.sameChannel(known, other))));
    }
    out.add(
        new Hostile(
            "apply(unknown)",
            iae,
            "zz",
            () -> router.apply("zz", RouterModelProperties.evaluation(r, now))));
    out.add(new Hostile("apply(id, null)", npe, "evaluation", () -> router.apply(id, null)));
    out.add(
        new Hostile(
            "apply(null, e)",
            npe,
            "itemId",
            () -> router.apply(null, RouterModelProperties.evaluation(r, now))));
    out.add(new Hostile("pause(unknown)", iae, "zz", () -> router.pause("zz")));
    out.add(new Hostile("resume(unknown)", iae, "zz", () -> router.resume("zz")));
    out.add(new Hostile("pause(null)", npe, "itemId", () -> router.pause(null)));
    out.add(new Hostile("remove(null)", npe, "itemId", () -> router.remove(null)));
    out.add(new Hostile("addAgent(twice)", iae, agent.id(), () -> router.addAgent(agent, now)));
    out.add(new Hostile("addAgent(null)", npe, "agent", () -> router.addAgent(null, now)));
    Agent fresh =
        Agent.builder("new", RandomWorlds.ALWAYS, Capacity.builder().channel("chat", 2).build())
            .build();
    out.add(new Hostile("addAgent(a, null)", npe, "now", () -> router.addAgent(fresh, null)));
    out.add(new Hostile("addAgent(a, past)", iae, "now", () -> router.addAgent(fresh, past)));
    Agent faxer =
        Agent.builder("faxer", RandomWorlds.ALWAYS, Capacity.builder().channel("fax", 2).build())
            .build();
    out.add(new Hostile("addAgent(fax)", iae, "fax", () -> router.addAgent(faxer, now)));
    out.add(new Hostile("goOffline(unknown)", iae, "zz", () -> router.goOffline("zz", now)));
    out.add(new Hostile("goOffline(past)", iae, "now", () -> router.goOffline(agent.id(), past)));
    out.add(new Hostile("goOffline(null)", npe, "agentId", () -> router.goOffline(null, now)));
    out.add(new Hostile("goOnline(unknown)", iae, "zz", () -> router.goOnline("zz", now)));
    out.add(new Hostile("goOnline(past)", iae, "now", () -> router.goOnline(agent.id(), past)));
    out.add(new Hostile("next(past)", iae, "now", () -> router.next(past)));
    out.add(new Hostile("next(null)", npe, "now", () -> router.next(null)));
    out.add(
        new Hostile(
            "next(end)", iae, "supported", () -> router.next(BusinessCalendar.SUPPORTED_END)));
    out.add(new Hostile("assignAll(past)", iae, "now", () -> router.assignAll(past)));
    out.add(
        new Hostile(
            "forecast(past)",
            iae,
            "now",
            () -> router.forecast(past, Duration.ofHours(1), ServicePoint.START)));
    out.add(
        new Hostile(
            "forecast(zero)",
            iae,
            "horizon",
            () -> router.forecast(now, Duration.ZERO, ServicePoint.START)));
    out.add(
        new Hostile(
            "forecast(too long)",
            iae,
            "horizon",
            () -> router.forecast(now, Duration.ofDays(367), ServicePoint.START)));
    out.add(
        new Hostile(
            "forecast(null point)",
            npe,
            "point",
            () -> router.forecast(now, Duration.ofHours(1), null)));
    out.add(
        new Hostile(
            "forecast(null arrival)",
            npe,
            "arrivals[1]",
            () ->
                router.forecast(
                    now,
                    Duration.ofHours(1),
                    ServicePoint.START,
                    Arrays.asList(WorkItem.builder("x1", "chat", now).build(), null))));
    out.add(
        new Hostile(
            "forecast(arrival before now)",
            iae,
            "arrivals[0]",
            () ->
                router.forecast(
                    now,
                    Duration.ofHours(1),
                    ServicePoint.START,
                    List.of(WorkItem.builder("x1", "chat", past).build()))));
    out.add(
        new Hostile(
            "forecast(arrival with a live id)",
            iae,
            id,
            () ->
                router.forecast(
                    now,
                    Duration.ofHours(1),
                    ServicePoint.START,
                    List.of(WorkItem.builder(id, "chat", now).build()))));
    out.add(
        new Hostile(
            "forecast(arrival twice)",
            iae,
            "arrivals[1]",
            () ->
                router.forecast(
                    now,
                    Duration.ofHours(1),
                    ServicePoint.START,
                    List.of(
                        WorkItem.builder("x1", "chat", now).build(),
                        WorkItem.builder("x1", "email", now).build()))));
    out.add(
        new Hostile(
            "forecast(fax arrival)",
            iae,
            "fax",
            () -> router.forecast(now, Duration.ofHours(1), ServicePoint.START, List.of(fax))));
    out.add(new Hostile("openItems(unknown)", iae, "zz", () -> router.openItems("zz", "chat")));
    out.add(new Hostile("openItems(fax)", iae, "fax", () -> router.openItems(agent.id(), "fax")));
    out.add(new Hostile("usedUnits(unknown)", iae, "zz", () -> router.usedUnits("zz")));
    out.add(new Hostile("assignedTo(unknown)", iae, "zz", () -> router.assignedTo("zz")));
    out.add(new Hostile("isOnline(unknown)", iae, "zz", () -> router.isOnline("zz")));
    out.add(new Hostile("handleTime(fax)", iae, "fax", () -> router.handleTime(fax)));
    return out;
  }

  /** Everything a caller can observe of a router without changing it. */
  static Map<String, Object> dump(WorkRouter router, RouterModel model, List<Agent> agents) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("waiting", router.waiting());
    d.put("waitingCount", router.waitingCount());
    d.put("pausedCount", router.pausedCount());
    d.put("agents", router.agents());
    for (String id : model.items.keySet()) {
      d.put("item " + id, router.item(id));
      d.put("assignee " + id, router.assignee(id));
    }
    for (String id : List.of("zz", "f1", "x1", "new", "faxer")) {
      d.put("item " + id, router.item(id));
    }
    for (Agent a : agents) {
      d.put("online " + a.id(), router.isOnline(a.id()));
      d.put("units " + a.id(), router.usedUnits(a.id()));
      d.put("assigned " + a.id(), router.assignedTo(a.id()));
      for (String c : RandomWorlds.CHANNELS) {
        d.put("open " + a.id() + " " + c, router.openItems(a.id(), c));
      }
    }
    d.put("string", router.toString());
    return d;
  }
}
