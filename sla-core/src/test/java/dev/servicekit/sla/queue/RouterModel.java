package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A second brute-force model of {@link WorkRouter}, written from the README section "SLA-aware work
 * queue and load-based assignment" and the public javadoc only: every decision sorts all waiting
 * items by the policy's definition at the decision instant and scans every agent. It also simulates
 * the router for {@link BreachForecast} by stepping through the instants at which new work can
 * start (finishes, arrivals, shift openings).
 */
final class RouterModel {

  static final class AgentRow {
    final Agent agent;
    final int index;
    boolean online = true;
    final Map<String, Integer> open = new HashMap<>();
    final Map<String, Long> last = new HashMap<>();
    int units;

    AgentRow(Agent agent, int index) {
      this.agent = agent;
      this.index = index;
    }

    AgentRow copy() {
      AgentRow c = new AgentRow(agent, index);
      c.online = online;
      c.open.putAll(open);
      c.last.putAll(last);
      c.units = units;
      return c;
    }

    int open(String c) {
      return open.getOrDefault(c, 0);
    }
  }

  static final class ItemRow {
    WorkItem item;
    boolean paused;
    AgentRow agent;
    Instant assignedAt;
    long assignedSeq;

    ItemRow copy(Map<String, AgentRow> agents) {
      ItemRow c = new ItemRow();
      c.item = item;
      c.paused = paused;
      c.agent = agent == null ? null : agents.get(agent.agent.id());
      c.assignedAt = assignedAt;
      c.assignedSeq = assignedSeq;
      return c;
    }
  }

  record Decision(String itemId, String agentId, int candidates, boolean preferred, int spare) {}

  final QueuePolicy policy;
  final BusinessCalendar slackCalendar; // null unless least slack
  final Weights weights; // null unless weighted
  final AgentOrder order;
  final boolean guard;
  final Map<String, Duration> handle;
  Map<String, AgentRow> agents = new LinkedHashMap<>();
  Map<String, ItemRow> items = new LinkedHashMap<>();
  long seq;

  record Weights(Duration keyAccount, Duration step, Map<String, Duration> tiers, Duration other) {}

  RouterModel(
      QueuePolicy policy,
      BusinessCalendar slackCalendar,
      Weights weights,
      AgentOrder order,
      boolean guard,
      Map<String, Duration> handle) {
    this.policy = policy;
    this.slackCalendar = slackCalendar;
    this.weights = weights;
    this.order = order;
    this.guard = guard;
    this.handle = handle;
  }

  RouterModel copy() {
    RouterModel m = new RouterModel(policy, slackCalendar, weights, order, guard, handle);
    for (AgentRow a : agents.values()) {
      m.agents.put(a.agent.id(), a.copy());
    }
    for (ItemRow r : items.values()) {
      m.items.put(r.item.id(), r.copy(m.agents));
    }
    m.seq = seq;
    return m;
  }

  Duration handleOf(WorkItem w) {
    return w.handleTime().orElse(handle.get(w.channel()));
  }

  void addAgent(Agent a) {
    agents.put(a.id(), new AgentRow(a, agents.size()));
  }

  void submit(WorkItem w) {
    ItemRow r = new ItemRow();
    r.item = w;
    items.put(w.id(), r);
  }

  void update(WorkItem w) {
    items.get(w.id()).item = w;
  }

  void setPaused(String id, boolean p) {
    items.get(id).paused = p;
  }

  Optional<WorkItem> remove(String id) {
    ItemRow r = items.remove(id);
    if (r == null) {
      return Optional.empty();
    }
    if (r.agent != null) {
      release(r);
    }
    return Optional.of(r.item);
  }

  private void release(ItemRow r) {
    AgentRow a = r.agent;
    a.open.merge(r.item.channel(), -1, Integer::sum);
    a.units -= a.agent.capacity().weight(r.item.channel());
    r.agent = null;
    r.assignedAt = null;
  }

  List<String> setOnline(String id, boolean online) {
    AgentRow a = agents.get(id);
    List<String> back = new ArrayList<>();
    if (a.online == online) {
      return back;
    }
    a.online = online;
    if (!online) {
      for (ItemRow r : items.values()) {
        if (r.agent == a) {
          release(r);
          back.add(r.item.id());
        }
      }
    }
    return back;
  }

  /** The items assigned to an agent, oldest assignment first. */
  List<String> assignedTo(String agentId) {
    List<ItemRow> rows = new ArrayList<>();
    for (ItemRow r : items.values()) {
      if (r.agent != null && r.agent.agent.id().equals(agentId)) {
        rows.add(r);
      }
    }
    rows.sort(Comparator.comparingLong(r -> r.assignedSeq));
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.item.id()));
    return out;
  }

  /** Urgency of an item at instant t, as the README and the QueuePolicy javadoc define it. */
  Comparator<WorkItem> urgency(Instant t) {
    Comparator<WorkItem> undatedLast = Comparator.comparing((WorkItem w) -> w.deadline().isEmpty());
    Comparator<WorkItem> primary;
    if (policy.equals(QueuePolicy.earliestDeadlineFirst())) {
      primary = undatedLast.thenComparing(w -> w.deadline().orElse(Instant.MIN));
    } else if (policy.equals(QueuePolicy.priorityThenAge())) {
      primary = Comparator.comparingInt(WorkItem::priority);
    } else if (slackCalendar != null) {
      primary =
          undatedLast.thenComparing(
              w ->
                  w.deadline().isEmpty()
                      ? Duration.ZERO
                      : slackCalendar.between(t, w.deadline().get()).minus(handleOf(w)));
    } else {
      primary =
          undatedLast
              .thenComparing(
                  (WorkItem w) ->
                      w.deadline().isEmpty()
                          ? Instant.MIN
                          : w.deadline()
                              .get()
                              .minus(w.keyAccount() ? weights.keyAccount() : Duration.ZERO)
                              .minus(weights.tiers().getOrDefault(w.tier(), weights.other()))
                              .plus(weights.step().multipliedBy(w.priority())))
              .thenComparing(w -> w.deadline().isEmpty() ? w.priority() : 0);
    }
    return primary.thenComparing(WorkItem::created).thenComparing(WorkItem::id);
  }

  List<WorkItem> waiting(Instant t) {
    List<WorkItem> w = new ArrayList<>();
    for (ItemRow r : items.values()) {
      if (r.agent == null && !r.paused) {
        w.add(r.item);
      }
    }
    w.sort(urgency(t));
    return w;
  }

  int pausedCount() {
    int n = 0;
    for (ItemRow r : items.values()) {
      if (r.paused) {
        n++;
      }
    }
    return n;
  }

  /** Eligible: skills, language, tier; and has a limit for the channel. */
  static boolean eligible(Agent a, WorkItem w) {
    if (a.capacity().limit(w.channel()) <= 0) {
      return false;
    }
    for (String s : w.skills()) {
      if (!a.skills().contains(s)) {
        return false;
      }
    }
    if (!w.language().isEmpty() && !a.languages().contains(w.language())) {
      return false;
    }
    return w.tier().isEmpty() || a.tiers().isEmpty() || a.tiers().contains(w.tier());
  }

  boolean available(AgentRow a, WorkItem w, Instant now) {
    String c = w.channel();
    Capacity cap = a.agent.capacity();
    if (!a.online || !a.agent.shift().isOpen(now)) {
      return false;
    }
    if (a.open(c) + 1 > cap.limit(c) || (long) a.units + cap.weight(c) > cap.budget()) {
      return false;
    }
    if (guard) {
      Optional<Instant> end = a.agent.shift().nextClose(now);
      return end.isEmpty() || !now.plus(handleOf(w)).isAfter(end.get());
    }
    return true;
  }

  static int spare(AgentRow a, String c) {
    Capacity cap = a.agent.capacity();
    int room = cap.limit(c) - a.open(c);
    if (cap.budget() == Integer.MAX_VALUE) {
      return room;
    }
    return Math.min(room, (cap.budget() - a.units) / cap.weight(c));
  }

  /** Best agent first under the order; ties: least recently assigned on the channel. */
  Comparator<AgentRow> agentOrder(String c) {
    Comparator<AgentRow> primary;
    switch (order) {
      case HIGHEST_SPARE_CAPACITY:
        primary = (a, b) -> Integer.compare(spare(b, c), spare(a, c));
        break;
      case HIGHEST_SPARE_PERCENT:
        // exact fractions: spare(a)/limit(a) > spare(b)/limit(b)
        primary =
            (a, b) ->
                Long.compare(
                    (long) spare(b, c) * a.agent.capacity().limit(c),
                    (long) spare(a, c) * b.agent.capacity().limit(c));
        break;
      case LEAST_LOADED:
        primary = Comparator.comparingInt(a -> a.open(c));
        break;
      default:
        primary = (a, b) -> 0;
    }
    return primary
        .thenComparingLong(a -> a.last.getOrDefault(c, 0L))
        .thenComparingInt(a -> a.index);
  }

  Optional<Decision> next(Instant now) {
    for (WorkItem w : waiting(now)) {
      String c = w.channel();
      List<AgentRow> avail = new ArrayList<>();
      for (AgentRow a : agents.values()) {
        if (eligible(a.agent, w) && available(a, w, now)) {
          avail.add(a);
        }
      }
      if (avail.isEmpty()) {
        continue;
      }
      AgentRow chosen = null;
      outer:
      for (String p : w.preferredAgents()) {
        for (AgentRow a : avail) {
          if (a.agent.id().equals(p)) {
            chosen = a;
            break outer;
          }
        }
      }
      boolean preferred = chosen != null;
      if (chosen == null) {
        avail.sort(agentOrder(c));
        chosen = avail.get(0);
      }
      int spare = spare(chosen, c);
      ItemRow r = items.get(w.id());
      r.agent = chosen;
      r.assignedAt = now;
      r.assignedSeq = ++seq;
      chosen.open.merge(c, 1, Integer::sum);
      chosen.units += chosen.agent.capacity().weight(c);
      chosen.last.put(c, seq);
      return Optional.of(new Decision(w.id(), chosen.agent.id(), avail.size(), preferred, spare));
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ forecast

  record Line(
      String id,
      Optional<String> agent,
      Optional<Instant> start,
      Optional<Instant> finish,
      Optional<Instant> breach) {}

  /**
   * The forecast as BreachForecast documents it, by a simulation on a copy of this model: at each
   * instant finished items leave first, then arrivals come in, then decisions are made until none
   * is possible. The next instant is the earliest finish, arrival or shift opening (the only events
   * that can let new work start).
   */
  List<Line> forecast(Instant from, Instant until, ServicePoint point, List<WorkItem> arrivals) {
    RouterModel sim = copy();
    Map<String, Instant[]> served = new LinkedHashMap<>();
    Map<String, String> who = new HashMap<>();
    Map<String, WorkItem> all = new LinkedHashMap<>();
    Map<String, Instant> finishes = new HashMap<>();
    List<ItemRow> assigned = new ArrayList<>();
    for (ItemRow r : sim.items.values()) {
      if (r.agent != null) {
        assigned.add(r);
      }
    }
    assigned.sort(
        Comparator.comparing((ItemRow r) -> r.assignedAt).thenComparingLong(r -> r.assignedSeq));
    for (ItemRow r : assigned) {
      Instant fin = r.assignedAt.plus(handleOf(r.item));
      if (fin.isBefore(from)) {
        fin = from;
      }
      finishes.put(r.item.id(), fin);
      if (r.paused) {
        continue; // paused items are left out
      }
      served.put(r.item.id(), new Instant[] {r.assignedAt, fin});
      who.put(r.item.id(), r.agent.agent.id());
      all.put(r.item.id(), r.item);
    }
    for (ItemRow r : sim.items.values()) {
      if (r.agent == null && !r.paused) {
        all.put(r.item.id(), r.item);
      }
    }
    List<WorkItem> pending = new ArrayList<>(arrivals);
    pending.sort(Comparator.comparing(WorkItem::created));
    for (WorkItem w : pending) {
      all.put(w.id(), w);
    }
    // paused unassigned items do not take part
    sim.items.values().removeIf(r -> r.agent == null && r.paused);
    Instant t = from;
    while (!t.isAfter(until)) {
      final Instant now = t;
      List<String> done = new ArrayList<>();
      finishes.forEach(
          (id, f) -> {
            if (!f.isAfter(now)) {
              done.add(id);
            }
          });
      done.sort(null);
      for (String id : done) {
        finishes.remove(id);
        sim.remove(id);
      }
      while (!pending.isEmpty() && !pending.get(0).created().isAfter(t)) {
        sim.submit(pending.remove(0));
      }
      for (Optional<Decision> d = sim.next(t); d.isPresent(); d = sim.next(t)) {
        WorkItem w = sim.items.get(d.get().itemId()).item;
        Instant fin = t.plus(handleOf(w));
        served.put(w.id(), new Instant[] {t, fin});
        who.put(w.id(), d.get().agentId());
        finishes.put(w.id(), fin);
      }
      Instant step = null;
      for (Instant f : finishes.values()) {
        step = min(step, f);
      }
      if (!pending.isEmpty()) {
        step = min(step, pending.get(0).created());
      }
      for (AgentRow a : sim.agents.values()) {
        BusinessCalendar cal = a.agent.shift();
        Optional<Instant> open =
            cal.isOpen(t)
                ? cal.nextClose(t)
                    .flatMap(c -> c.isBefore(until) ? cal.nextOpen(c) : Optional.empty())
                : cal.nextOpen(t);
        if (open.isPresent()) {
          step = min(step, open.get());
        }
      }
      if (step == null) {
        break;
      }
      t = step;
    }
    List<Line> out = new ArrayList<>();
    for (Map.Entry<String, Instant[]> s : served.entrySet()) {
      WorkItem w = all.get(s.getKey());
      Instant at = point == ServicePoint.START ? s.getValue()[0] : s.getValue()[1];
      Optional<Instant> breach = Optional.empty();
      if (w.deadline().isPresent() && at.isAfter(w.deadline().get())) {
        if (w.deadline().get().isBefore(until)) { // a breach inside the horizon only
          breach = w.deadline();
        }
      }
      out.add(
          new Line(
              w.id(),
              Optional.of(who.get(w.id())),
              Optional.of(s.getValue()[0]),
              Optional.of(s.getValue()[1]),
              breach));
    }
    List<String> unserved = new ArrayList<>();
    for (String id : all.keySet()) {
      if (!served.containsKey(id)) {
        unserved.add(id);
      }
    }
    unserved.sort(null);
    for (String id : unserved) {
      WorkItem w = all.get(id);
      Optional<Instant> breach =
          w.deadline().isPresent() && w.deadline().get().isBefore(until)
              ? w.deadline()
              : Optional.empty();
      out.add(new Line(id, Optional.empty(), Optional.empty(), Optional.empty(), breach));
    }
    return out;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null || b.isBefore(a) ? b : a;
  }
}
