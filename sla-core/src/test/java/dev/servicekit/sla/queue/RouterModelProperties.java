package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link WorkRouter} against {@link RouterModel}, a brute-force model written from the README and
 * the javadoc: after every random step (submit, decide, assign all, remove, pause, resume,
 * re-target, apply an evaluation, offline, online, time passing across shift closes, lunch breaks,
 * holidays and DST changes) every decision and the full observable state (waiting order, counts,
 * each item's assignee, each agent's open items, used units and assigned items) equal the model's.
 */
class RouterModelProperties {

  static final Map<String, Duration> HANDLE = RandomWorlds.HANDLE;
  static final List<String> CHANNELS = RandomWorlds.CHANNELS;

  static final BusinessCalendar NY_SPLIT =
      BusinessCalendar.builder(ZoneId.of("America/New_York"))
          .id("ny-split")
          .weekdays(TimeRange.parse("08:00-12:00"), TimeRange.parse("12:30-17:00"))
          .holiday(LocalDate.parse("2026-03-10"))
          .build();
  static final BusinessCalendar LONDON_EVENING =
      BusinessCalendar.builder(ZoneId.of("Europe/London"))
          .id("london-evening")
          .weekdays(TimeRange.parse("16:00-23:00"))
          .hours(DayOfWeek.SUNDAY, TimeRange.parse("01:00-03:00"))
          .build();
  static final List<BusinessCalendar> SHIFTS =
      List.of(
          RandomWorlds.ALWAYS,
          RandomWorlds.MOSCOW_DAY,
          RandomWorlds.NEW_YORK_DAY,
          RandomWorlds.NIGHT,
          NY_SPLIT,
          LONDON_EVENING);
  static final List<Instant> STARTS =
      List.of(
          Instant.parse("2026-03-05T06:00:00Z"),
          Instant.parse("2026-03-07T12:00:00Z"), // the US changes to DST on 8 March
          Instant.parse("2026-03-27T12:00:00Z"),
          Instant.parse("2026-03-28T12:00:00Z"), // the EU on 29 March
          Instant.parse("2026-10-24T12:00:00Z"), // the EU back on 25 October
          Instant.parse("2026-10-31T12:00:00Z")); // the US on 1 November

  /** A router and its model, built alike. */
  record World(WorkRouter router, RouterModel model, List<Agent> agents) {}

  static World world(Random r, Instant now) {
    QueuePolicy policy;
    BusinessCalendar slack = null;
    RouterModel.Weights weights = null;
    switch (r.nextInt(4)) {
      case 0:
        policy = QueuePolicy.earliestDeadlineFirst();
        break;
      case 1:
        slack = SHIFTS.get(r.nextInt(SHIFTS.size()));
        policy = QueuePolicy.leastSlack(slack);
        break;
      case 2:
        policy = QueuePolicy.priorityThenAge();
        break;
      default:
        weights =
            new RouterModel.Weights(
                Duration.ofMinutes(30 * r.nextInt(4)),
                Duration.ofMinutes(20 * r.nextInt(4)),
                Map.of("gold", Duration.ofMinutes(30 * r.nextInt(4))),
                Duration.ofMinutes(15 * r.nextInt(3)));
        policy =
            QueuePolicy.weighted()
                .keyAccountBoost(weights.keyAccount())
                .priorityStep(weights.step())
                .tierBoost("gold", weights.tiers().get("gold"))
                .otherTiersBoost(weights.other())
                .build();
    }
    AgentOrder order = AgentOrder.values()[r.nextInt(AgentOrder.values().length)];
    boolean guard = r.nextBoolean();
    WorkRouter router =
        RandomWorlds.routerBuilder(policy).agentOrder(order).finishBeforeShiftEnd(guard).build();
    RouterModel model = new RouterModel(policy, slack, weights, order, guard, HANDLE);
    List<Agent> agents = new ArrayList<>();
    int n = 1 + r.nextInt(7);
    for (int i = 0; i < n; i++) {
      Agent a = agent(r, i);
      agents.add(a);
      router.addAgent(a, now);
      model.addAgent(a);
    }
    return new World(router, model, agents);
  }

  static Agent agent(Random r, int i) {
    Capacity.Builder cap = Capacity.builder();
    boolean budget = r.nextBoolean();
    int channels = 0;
    for (String c : CHANNELS) {
      if (r.nextInt(4) > 0 || (channels == 0 && c.equals("email"))) {
        cap.channel(c, 1 + r.nextInt(4), budget ? 1 + r.nextInt(4) : 1);
        channels++;
      }
    }
    if (budget) {
      cap.budget(4 + r.nextInt(5));
    }
    Agent.Builder b =
        Agent.builder(
            "a" + i,
            r.nextInt(3) == 0 ? RandomWorlds.ALWAYS : SHIFTS.get(r.nextInt(SHIFTS.size())),
            cap.build());
    if (r.nextInt(3) > 0) {
      b.skills("billing");
    }
    if (r.nextInt(3) > 0) {
      b.skills("tech");
    }
    int lang = r.nextInt(3);
    if (lang == 2) {
      b.languages("ru", "en");
    } else {
      b.languages(lang == 0 ? "ru" : "en");
    }
    if (r.nextInt(3) == 0) {
      b.tiers("gold");
    }
    return b.build();
  }

  static WorkItem item(Random r, String id, Instant now, List<String> agentIds) {
    WorkItem.Builder b =
        WorkItem.builder(
                id, CHANNELS.get(r.nextInt(CHANNELS.size())), now.minusSeconds(r.nextInt(3) * 600L))
            .priority(r.nextInt(3));
    if (r.nextInt(5) > 0) {
      b.deadline(now.plusSeconds(r.nextInt(40) * 900L - 3600));
    }
    if (r.nextInt(3) == 0) {
      b.skills(r.nextBoolean() ? "billing" : "tech");
    }
    if (r.nextInt(3) == 0) {
      b.language(r.nextBoolean() ? "ru" : "en");
    }
    if (r.nextInt(4) == 0) {
      b.tier(r.nextBoolean() ? "gold" : "silver");
    }
    b.keyAccount(r.nextInt(4) == 0);
    if (r.nextInt(4) == 0) {
      List<String> pool = new ArrayList<>(agentIds);
      Collections.shuffle(pool, r);
      b.preferredAgents(pool.subList(0, 1 + r.nextInt(pool.size())).toArray(new String[0]));
    }
    if (r.nextInt(3) == 0) {
      b.handleTime(Duration.ofMinutes(5 * (1 + r.nextInt(24))));
    }
    return b.build();
  }

  /** An evaluation whose cycles give a running deadline, a pause, or nothing running. */
  static SlaEvaluation evaluation(Random r, Instant now) {
    List<MetricCycle> cycles = new ArrayList<>();
    int n = r.nextInt(3);
    for (int i = 0; i < n; i++) {
      Instant deadline = now.plusSeconds(r.nextInt(40) * 900L - 3600);
      switch (r.nextInt(5)) {
        case 0:
          cycles.add(cycle(i, CycleState.ACTIVE, true, false, deadline, now));
          break;
        case 1:
          cycles.add(cycle(i, CycleState.PAUSED, false, false, deadline, now));
          break;
        case 2:
          cycles.add(cycle(i, CycleState.BREACHED, true, false, deadline, now));
          break;
        case 3:
          cycles.add(cycle(i, CycleState.BREACHED, false, false, deadline, now));
          break;
        default:
          cycles.add(cycle(i, CycleState.ACHIEVED, false, true, deadline, now));
      }
    }
    return new SlaEvaluation(
        "t",
        now,
        "open",
        "standard",
        Optional.empty(),
        cycles,
        List.of(),
        List.of(),
        Optional.empty());
  }

  private static MetricCycle cycle(
      int i, CycleState state, boolean running, boolean stopped, Instant deadline, Instant now) {
    Instant start = now.minus(Duration.ofDays(3));
    return new MetricCycle(
        SlaMetric.resolution(),
        i,
        "",
        state,
        running,
        start,
        stopped ? Optional.of(now.minusSeconds(60)) : Optional.empty(),
        Optional.of(Duration.ofHours(1)),
        Optional.of(deadline),
        state == CycleState.BREACHED ? Optional.of(start.plusSeconds(60)) : Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "standard");
  }

  /** The model's reading of an evaluation, from the SlaUrgency javadoc. */
  static SlaUrgency urgency(SlaEvaluation e) {
    Instant best = null;
    boolean anyRunning = false;
    boolean anyPausedOpen = false;
    for (MetricCycle c : e.cycles()) {
      if (c.running()) {
        anyRunning = true;
        if (c.deadline().isPresent() && (best == null || c.deadline().get().isBefore(best))) {
          best = c.deadline().get();
        }
      } else if (c.stop().isEmpty()
          && (c.state() == CycleState.PAUSED || c.state() == CycleState.BREACHED)) {
        anyPausedOpen = true;
      }
    }
    return new SlaUrgency(Optional.ofNullable(best), !anyRunning && anyPausedOpen);
  }

  @Property(tries = 200)
  void everyDecisionAndTheWholeStateMatchTheModel(@ForAll long seed) {
    Random r = new Random(seed);
    Instant now = STARTS.get(r.nextInt(STARTS.size())).plusSeconds(r.nextInt(48) * 1800L);
    World wd = world(r, now);
    WorkRouter router = wd.router();
    RouterModel model = wd.model();
    List<String> agentIds = RandomWorlds.ids(wd.agents());
    List<String> ids = new ArrayList<>();
    int next = 0;
    for (int step = 0; step < 100; step++) {
      int op = r.nextInt(24);
      String ctx = "step " + step + " op " + op + " at " + now;
      if (op < 6) {
        WorkItem w = item(r, "t" + next++, now, agentIds);
        router.submit(w);
        model.submit(w);
        ids.add(w.id());
      } else if (op < 11) {
        RouterModel before = model.copy();
        Optional<Assignment> got = router.next(now);
        Optional<RouterModel.Decision> want = model.next(now);
        checkDecision(want, got, ctx);
        if (got.isPresent()) {
          checkFacts(got.get(), before, now, ctx);
        }
      } else if (op < 12) {
        List<Assignment> got = router.assignAll(now);
        for (Assignment a : got) {
          checkDecision(model.next(now), Optional.of(a), ctx);
        }
        assertTrue(model.next(now).isEmpty(), "assignAll stopped early, " + ctx);
      } else if (op < 14 && !ids.isEmpty()) {
        String id = r.nextInt(8) == 0 ? "nope" : ids.get(r.nextInt(ids.size()));
        assertEquals(model.remove(id), router.remove(id), ctx);
      } else if (op < 16 && !ids.isEmpty()) {
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
      } else if (op < 17 && !ids.isEmpty()) {
        String id = ids.get(r.nextInt(ids.size()));
        RouterModel.ItemRow row = model.items.get(id);
        if (row != null) {
          WorkItem.Builder b = item(r, id, now, agentIds).toBuilder(); // new values, same id
          WorkItem fresh = b.build();
          if (row.agent != null && !fresh.channel().equals(row.item.channel())) {
            fresh = sameChannel(fresh, row.item.channel());
          }
          router.update(fresh);
          model.update(fresh);
        }
      } else if (op < 19 && !ids.isEmpty()) {
        String id = ids.get(r.nextInt(ids.size()));
        RouterModel.ItemRow row = model.items.get(id);
        if (row != null) {
          SlaEvaluation e = evaluation(r, now);
          SlaUrgency u = urgency(e);
          assertEquals(u, SlaUrgency.of(e), "urgency of " + e.cycles());
          router.apply(id, e);
          model.update(row.item.withDeadline(u.deadline()));
          model.setPaused(id, u.paused());
        }
      } else if (op < 20) {
        String a = agentIds.get(r.nextInt(agentIds.size()));
        if (r.nextBoolean()) {
          List<String> want = model.setOnline(a, false);
          List<WorkItem> got = router.goOffline(a, now);
          List<String> gotIds = new ArrayList<>();
          got.forEach(w -> gotIds.add(w.id()));
          assertEquals(
              new java.util.TreeSet<>(want), new java.util.TreeSet<>(gotIds), "offline " + ctx);
        } else {
          router.goOnline(a, now);
          model.setOnline(a, true);
        }
      } else if (op < 21 && r.nextInt(3) == 0 && agentIds.size() < 9) {
        // an agent joins mid-run: eligible for the routing classes that already exist
        Agent a = agent(r, agentIds.size());
        router.addAgent(a, now);
        model.addAgent(a);
        agentIds.add(a.id());
        wd.agents().add(a);
      } else if (op < 22) {
        now = now.plus(Duration.ofMinutes(r.nextInt(r.nextInt(8) == 0 ? 3000 : 120)));
      } else {
        checkForecast(r, router, model, agentIds, now, ctx);
      }
      checkState(router, model, wd.agents(), now, ctx);
    }
  }

  static void checkForecast(
      Random r,
      WorkRouter router,
      RouterModel model,
      List<String> agentIds,
      Instant now,
      String ctx) {
    Instant from = r.nextBoolean() ? now : now.plusSeconds(r.nextInt(8) * 900L);
    Duration horizon = Duration.ofMinutes(30 + r.nextInt(30 * 60));
    ServicePoint point = r.nextBoolean() ? ServicePoint.START : ServicePoint.FINISH;
    List<WorkItem> shifted = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      // expected arrivals, created at or after the forecast start
      WorkItem w = item(r, "x" + i, from, agentIds);
      WorkItem.Builder b =
          WorkItem.builder(w.id(), w.channel(), from.plusSeconds(r.nextInt(12) * 900L))
              .priority(w.priority())
              .deadline(w.deadline())
              .language(w.language())
              .tier(w.tier())
              .keyAccount(w.keyAccount());
      b.skills(w.skills().toArray(new String[0]));
      b.preferredAgents(w.preferredAgents().toArray(new String[0]));
      w.handleTime().ifPresent(b::handleTime);
      shifted.add(b.build());
    }
    BreachForecast f = router.forecast(from, horizon, point, shifted);
    List<RouterModel.Line> got = new ArrayList<>();
    for (ForecastLine l : f.lines()) {
      got.add(
          new RouterModel.Line(l.item().id(), l.agentId(), l.start(), l.finish(), l.breachAt()));
    }
    List<RouterModel.Line> want = model.forecast(from, from.plus(horizon), point, shifted);
    String msg = "forecast from " + from + " for " + horizon + " " + point + ", " + ctx;
    // Lines are in start order; the javadoc does not order items already assigned at one
    // instant, so those compare as a set (the rest, decided by the forecast, in decision order).
    int pre = 0;
    while (pre < want.size()
        && model.items.containsKey(want.get(pre).id())
        && model.items.get(want.get(pre).id()).agent != null) {
      pre++;
    }
    assertEquals(want.size(), got.size(), msg + " " + want + " vs " + got);
    for (int i = 1; i < pre; i++) {
      assertTrue(
          !got.get(i).start().get().isBefore(got.get(i - 1).start().get()),
          "lines not in start order, " + msg + " " + got);
    }
    assertEquals(
        new java.util.HashSet<>(want.subList(0, pre)),
        new java.util.HashSet<>(got.subList(0, pre)),
        msg);
    assertEquals(want.subList(pre, want.size()), got.subList(pre, got.size()), msg);
  }

  /** The facts an assignment carries: when, the agent's load before it, its shift's end. */
  static void checkFacts(Assignment a, RouterModel before, Instant now, String ctx) {
    RouterModel.AgentRow row = before.agents.get(a.agentId());
    String c = a.item().channel();
    assertEquals(now, a.at(), ctx);
    assertEquals(row.open(c), a.openBefore(), ctx);
    assertEquals(row.agent.capacity().limit(c), a.limit(), ctx);
    assertEquals(row.agent.shift().nextClose(now), a.shiftEnd(), "shift end, " + ctx);
    assertEquals(row.agent.shift().zone(), a.zone(), ctx);
    String reason = a.reason();
    assertTrue(reason.contains(" among " + a.candidates() + " eligible"), reason);
    if (a.preferred()) {
      assertTrue(reason.startsWith("preferred agent"), reason);
    } else if (a.order() == AgentOrder.HIGHEST_SPARE_CAPACITY) {
      assertTrue(
          reason.startsWith("most spare capacity (" + a.spare() + " of " + a.limit() + " " + c),
          reason);
    } else if (a.order() == AgentOrder.LEAST_LOADED) {
      assertTrue(
          reason.startsWith("least loaded (" + a.openBefore() + "/" + a.limit() + " " + c + ")"),
          reason);
    }
    assertTrue(
        reason.endsWith(a.shiftEnd().isEmpty() ? "shift never ends" : a.zone().getId()), reason);
  }

  static WorkItem sameChannel(WorkItem w, String channel) {
    WorkItem.Builder b = WorkItem.builder(w.id(), channel, w.created()).priority(w.priority());
    b.deadline(w.deadline()).language(w.language()).tier(w.tier()).keyAccount(w.keyAccount());
    b.skills(w.skills().toArray(new String[0]));
    b.preferredAgents(w.preferredAgents().toArray(new String[0]));
    w.handleTime().ifPresent(b::handleTime);
    return b.build();
  }

  static void checkDecision(
      Optional<RouterModel.Decision> want, Optional<Assignment> got, String ctx) {
    assertEquals(want.isPresent(), got.isPresent(), "decision presence, " + ctx + " " + got);
    if (got.isPresent()) {
      RouterModel.Decision d = want.get();
      Assignment a = got.get();
      assertEquals(
          d,
          new RouterModel.Decision(
              a.item().id(), a.agentId(), a.candidates(), a.preferred(), a.spare()),
          ctx);
    }
  }

  /** The full observable state of the router equals the model's. */
  static void checkState(
      WorkRouter router, RouterModel model, List<Agent> agents, Instant now, String ctx) {
    assertEquals(
        QueueOrderOracleProperties.ids(model.waiting(now)),
        QueueOrderOracleProperties.ids(router.waiting()),
        "waiting, " + ctx);
    assertEquals(model.waiting(now).size(), router.waitingCount(), "waitingCount, " + ctx);
    assertEquals(model.pausedCount(), router.pausedCount(), "pausedCount, " + ctx);
    for (RouterModel.ItemRow row : model.items.values()) {
      String id = row.item.id();
      assertEquals(Optional.of(row.item), router.item(id), ctx);
      assertEquals(
          Optional.ofNullable(row.agent).map(a -> a.agent.id()),
          router.assignee(id),
          "assignee of " + id + ", " + ctx);
    }
    for (Agent a : agents) {
      RouterModel.AgentRow row = model.agents.get(a.id());
      assertEquals(row.online, router.isOnline(a.id()), ctx);
      for (String c : CHANNELS) {
        int open = router.openItems(a.id(), c);
        assertEquals(row.open(c), open, "open " + a.id() + " " + c + ", " + ctx);
        assertTrue(open >= 0 && open <= a.capacity().limit(c), ctx);
      }
      assertEquals(row.units, router.usedUnits(a.id()), "units " + a.id() + ", " + ctx);
      assertTrue(row.units >= 0 && row.units <= a.capacity().budget(), ctx);
      assertEquals(
          model.assignedTo(a.id()),
          QueueOrderOracleProperties.ids(router.assignedTo(a.id())),
          "assignedTo " + a.id() + ", " + ctx);
    }
    assertEquals(agents, router.agents());
  }
}
