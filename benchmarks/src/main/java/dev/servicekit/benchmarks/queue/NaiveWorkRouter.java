package dev.servicekit.benchmarks.queue;

import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sort-every-time baseline: waiting items in a list that is fully re-sorted (earliest deadline
 * first, precomputed keys) on every decision and every re-prioritisation; a decision then walks the
 * sorted list and scans every agent for the least loaded eligible one on shift. Only the
 * earliest-deadline policy and the highest-spare-capacity order, which is what the benchmark
 * measures.
 */
final class NaiveWorkRouter {

  private static final class Row {
    WorkItem item;
    long key;
  }

  private final List<Agent> agents = new ArrayList<>();
  private final Map<String, Agent> byAgentId = new HashMap<>();
  private final Map<String, int[]> open = new HashMap<>();
  private final Map<String, long[]> last = new HashMap<>();
  private final List<String> channels;
  private final List<Row> waiting = new ArrayList<>();
  private final Map<String, Row> byId = new HashMap<>();
  private final Map<String, Agent> assigned = new HashMap<>();
  private final Comparator<Row> order =
      Comparator.comparingLong((Row r) -> r.key)
          .thenComparing(r -> r.item.created())
          .thenComparing(r -> r.item.id());
  private long seq;

  NaiveWorkRouter(List<String> channels) {
    this.channels = channels;
  }

  void addAgent(Agent a) {
    agents.add(a);
    byAgentId.put(a.id(), a);
    open.put(a.id(), new int[channels.size()]);
    last.put(a.id(), new long[channels.size()]);
  }

  void submit(WorkItem w) {
    Row r = new Row();
    r.item = w;
    r.key = key(w);
    waiting.add(r);
    byId.put(w.id(), r);
  }

  void update(WorkItem w) {
    Row r = byId.get(w.id());
    if (r == null) {
      return;
    }
    r.item = w;
    r.key = key(w);
    waiting.sort(order);
  }

  WorkItem complete(String id) {
    Agent a = assigned.remove(id);
    WorkItem w = byId.remove(id).item;
    open.get(a.id())[channels.indexOf(w.channel())]--;
    return w;
  }

  /** Records an assignment made elsewhere (to set up the same state without replaying it). */
  void assignAs(String itemId, String agentId) {
    Row r = byId.get(itemId);
    Agent a = byAgentId.get(agentId);
    int c = channels.indexOf(r.item.channel());
    open.get(agentId)[c]++;
    last.get(agentId)[c] = ++seq;
    assigned.put(itemId, a);
  }

  /** Drops the items recorded by {@link #assignAs} from the waiting list. */
  void dropAssigned() {
    waiting.removeIf(r -> assigned.containsKey(r.item.id()));
  }

  /** Returns the assigned item id, or null. */
  String next(Instant now) {
    waiting.sort(order);
    for (int i = 0; i < waiting.size(); i++) {
      WorkItem w = waiting.get(i).item;
      int c = channels.indexOf(w.channel());
      Agent best = null;
      for (Agent a : agents) {
        if (!a.canServe(w) || !a.shift().isOpen(now)) {
          continue;
        }
        int o = open.get(a.id())[c];
        int limit = a.capacity().limit(w.channel());
        if (o >= limit) {
          continue;
        }
        if (best == null || better(a, best, c, w.channel())) {
          best = a;
        }
      }
      if (best != null) {
        waiting.remove(i);
        open.get(best.id())[c]++;
        last.get(best.id())[c] = ++seq;
        assigned.put(w.id(), best);
        return w.id();
      }
    }
    return null;
  }

  private boolean better(Agent a, Agent b, int c, String channel) {
    int sa = a.capacity().limit(channel) - open.get(a.id())[c];
    int sb = b.capacity().limit(channel) - open.get(b.id())[c];
    if (sa != sb) {
      return sa > sb;
    }
    return last.get(a.id())[c] < last.get(b.id())[c];
  }

  private static long key(WorkItem w) {
    return w.deadline().map(d -> d.getEpochSecond()).orElse(Long.MAX_VALUE);
  }
}
