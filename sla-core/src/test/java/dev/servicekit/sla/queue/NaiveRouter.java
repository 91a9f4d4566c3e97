package dev.servicekit.sla.queue;

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
 * The brute-force oracle for {@link WorkRouter}: on every decision it re-sorts all waiting items
 * and scans all agents, checking the shift calendar directly. Written from the contract, not from
 * the indexed implementation.
 */
final class NaiveRouter {

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

    int open(String c) {
      return open.getOrDefault(c, 0);
    }
  }

  static final class ItemRow {
    WorkItem item;
    boolean paused;
    AgentRow agent;
  }

  /** A decision of the oracle. */
  record Decision(String itemId, String agentId, int candidates, boolean preferred) {}

  final QueuePolicy policy;
  final AgentOrder order;
  final boolean guard;
  final Map<String, Duration> handle;
  final Map<String, AgentRow> agents = new LinkedHashMap<>();
  final Map<String, ItemRow> items = new LinkedHashMap<>();
  long seq;

  NaiveRouter(QueuePolicy policy, AgentOrder order, boolean guard, Map<String, Duration> handle) {
    this.policy = policy;
    this.order = order;
    this.guard = guard;
    this.handle = handle;
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
    ItemRow r = items.get(w.id());
    if (r.agent != null && !r.item.channel().equals(w.channel())) {
      AgentRow a = r.agent;
      a.open.merge(r.item.channel(), -1, Integer::sum);
      a.units -= a.agent.capacity().weight(r.item.channel());
      a.open.merge(w.channel(), 1, Integer::sum);
      a.units += a.agent.capacity().weight(w.channel());
    }
    r.item = w;
  }

  void setPaused(String id, boolean p) {
    items.get(id).paused = p;
  }

  void remove(String id) {
    ItemRow r = items.remove(id);
    if (r.agent != null) {
      r.agent.open.merge(r.item.channel(), -1, Integer::sum);
      r.agent.units -= r.agent.agent.capacity().weight(r.item.channel());
    }
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
          r.agent = null;
          back.add(r.item.id());
        }
      }
      a.open.clear();
      a.units = 0;
    }
    return back;
  }

  List<WorkItem> waiting() {
    List<WorkItem> w = new ArrayList<>();
    for (ItemRow r : items.values()) {
      if (r.agent == null && !r.paused) {
        w.add(r.item);
      }
    }
    // The policy's order with each item's handle time: its own, else its channel's (the
    // comparator counts an item's own handle time only).
    w.sort(Comparator.comparing(this::withHandleTime, policy.comparator()));
    return w;
  }

  /** The item with its handle time: its own, else its channel's. */
  WorkItem withHandleTime(WorkItem w) {
    return w.handleTime().isPresent()
        ? w
        : w.toBuilder().handleTime(handle.get(w.channel())).build();
  }

  boolean available(AgentRow a, WorkItem w, Instant now) {
    String channel = w.channel();
    Capacity cap = a.agent.capacity();
    if (!a.online || cap.limit(channel) == 0 || !a.agent.shift().isOpen(now)) {
      return false;
    }
    if (a.open(channel) >= cap.limit(channel)
        || (long) a.units + cap.weight(channel) > cap.budget()) {
      return false;
    }
    if (guard) {
      Optional<Instant> end = a.agent.shift().nextClose(now);
      Duration h = w.handleTime().orElse(handle.get(channel));
      if (end.isPresent() && now.plus(h).isAfter(end.get())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Items of channel c the agent could still take: by its limit, and by its budget's units left.
   */
  static int spare(AgentRow a, String c) {
    Capacity cap = a.agent.capacity();
    long byBudget = ((long) cap.budget() - a.units) / cap.weight(c);
    return (int) Math.min(cap.limit(c) - a.open(c), byBudget);
  }

  Comparator<AgentRow> order(String c) {
    Comparator<AgentRow> primary;
    switch (order) {
      case HIGHEST_SPARE_CAPACITY:
        primary = Comparator.comparingInt(a -> -spare(a, c));
        break;
      case HIGHEST_SPARE_PERCENT:
        primary =
            Comparator.comparingDouble(a -> -((double) spare(a, c)) / a.agent.capacity().limit(c));
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
    for (WorkItem w : waiting()) {
      String c = w.channel();
      List<AgentRow> avail = new ArrayList<>();
      for (AgentRow a : agents.values()) {
        if (a.agent.canServe(w) && available(a, w, now)) {
          avail.add(a);
        }
      }
      if (avail.isEmpty()) {
        continue;
      }
      AgentRow chosen = null; // the first available of the preferred agents, most preferred first
      for (String id : w.preferredAgents()) {
        for (AgentRow a : avail) {
          if (chosen == null && a.agent.id().equals(id)) {
            chosen = a;
          }
        }
      }
      boolean preferred = chosen != null;
      if (!preferred) {
        chosen = avail.stream().min(order(c)).orElseThrow();
      }
      ItemRow r = items.get(w.id());
      r.agent = chosen;
      chosen.open.merge(c, 1, Integer::sum);
      chosen.units += chosen.agent.capacity().weight(c);
      chosen.last.put(c, ++seq);
      return Optional.of(new Decision(w.id(), chosen.agent.id(), avail.size(), preferred));
    }
    return Optional.empty();
  }
}
