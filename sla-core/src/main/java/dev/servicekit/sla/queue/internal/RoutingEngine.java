package dev.servicekit.sla.queue.internal;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.AgentOrder;
import dev.servicekit.sla.queue.Assignment;
import dev.servicekit.sla.queue.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The indexes behind {@code WorkRouter}. Waiting items are partitioned into routing classes
 * (channel, required skills, language, tier); each class keeps its items in rank order and the
 * agents that are eligible for it and available right now (online, on shift, under their limits) in
 * agent order. A set of "routable" classes (items waiting and an agent free) is ordered by each
 * class's head item, so a decision reads two minima, moves one item and re-files one agent in the
 * classes of one channel: {@code O(log n + k log a)} for {@code k} classes the agent serves on that
 * channel, never a scan of all items or agents. Shift boundaries are events in a time-ordered set,
 * handled as time advances.
 *
 * <p>Validation is the caller's job: every method here assumes valid arguments. Not thread-safe.
 */
public final class RoutingEngine {

  /** One registered agent and their live state. */
  static final class AgentState {
    final Agent agent;
    final int index;
    final int[] limit;
    final int[] weight;
    final int budget;
    final int[] open;
    final long[] lastAssigned;
    boolean onShift; // the shift is open now
    final boolean[] filed;
    final List<Set<RoutingClass>> classes; // per channel, in creation order
    final Map<String, Entry> assigned = new LinkedHashMap<>();
    final Map<String, Instant> assignedAt = new HashMap<>();
    long usedUnits; // a long: without a budget, weights up to 1,000,000 add up past an int
    boolean online = true;
    Instant shiftEnd;
    Instant nextEvent;

    AgentState(Agent agent, int index, List<String> channels) {
      this.agent = agent;
      this.index = index;
      int n = channels.size();
      limit = new int[n];
      weight = new int[n];
      open = new int[n];
      lastAssigned = new long[n];
      filed = new boolean[n];
      classes = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        limit[c] = agent.capacity().limit(channels.get(c));
        weight[c] = agent.capacity().weight(channels.get(c));
        classes.add(new LinkedHashSet<>());
      }
      budget = agent.capacity().budget();
    }

    /**
     * Items of channel {@code c} the agent could still take: the limit's room and, with a shared
     * budget, the units left over the channel's weight, whichever is smaller.
     */
    int spare(int c) {
      int room = limit[c] - open[c];
      return budget == Integer.MAX_VALUE
          ? room
          : Math.min(room, (int) ((budget - usedUnits) / weight[c]));
    }

    /**
     * Online, on shift and under the channel's limit and, if there is one, the shared budget (the
     * shift-end guard is per class).
     */
    boolean available(int c) {
      return online
          && onShift
          && open[c] < limit[c]
          && (budget == Integer.MAX_VALUE || usedUnits + weight[c] <= budget);
    }
  }

  /**
   * Items that need the same kind of agent, and the agents available for them. A class lives while
   * an item (waiting, paused or assigned) is of it: the last one leaving drops it, so the classes
   * of items long gone (a handle time or a skill set seen once) take neither memory nor shift work.
   */
  static final class RoutingClass {
    final int index;
    final ClassKey key;
    final int channel;
    final WorkItem sample;
    final Duration handle; // its items' handle time (their own, else the channel's)
    final TreeSet<Entry> queue = new TreeSet<>();
    final TreeSet<AgentState> agents;
    Entry head;
    boolean routable;
    int members; // items whose class this is

    RoutingClass(
        int index,
        ClassKey key,
        int channel,
        WorkItem sample,
        Duration handle,
        Comparator<AgentState> order) {
      this.index = index;
      this.key = key;
      this.channel = channel;
      this.sample = sample;
      this.handle = handle;
      this.agents = new TreeSet<>(order);
    }
  }

  /** Where an item is. */
  static final class ItemState {
    Entry entry;
    RoutingClass cls;
    boolean paused;
    AgentState agent;
    long decision; // the assignment's place among all decisions, while assigned
  }

  // The handle time is part of the key only with the shift-end guard (it decides who may take
  // them).
  private record ClassKey(
      String channel, Set<String> skills, String language, String tier, Duration handle) {}

  private final List<String> channels;
  private final Map<String, Integer> channelIndex = new HashMap<>();
  private final Duration[] handle;
  private final boolean guardShiftEnd;
  private final AgentOrder order;
  private final List<Comparator<AgentState>> orders = new ArrayList<>();

  private final Map<String, AgentState> agents = new LinkedHashMap<>();
  private final List<AgentState> agentList = new ArrayList<>();
  private final Map<ClassKey, RoutingClass> classes = new HashMap<>();
  private final Set<RoutingClass> classList = new LinkedHashSet<>();
  private int classSequence;
  private int emptyClasses; // classes no item is of, dropped in bulk by setClass

  /** Empty classes kept before a drop is considered: a few cost nothing, each drop costs O(a). */
  static final int EMPTY_CLASS_SLACK = 64;

  private final Map<String, ItemState> items = new HashMap<>();
  private final TreeSet<RoutingClass> routable =
      new TreeSet<>(
          (a, b) -> {
            int c = a.head.compareTo(b.head);
            return c != 0 ? c : Integer.compare(a.index, b.index);
          });
  private final TreeSet<AgentState> events =
      new TreeSet<>(
          (a, b) -> {
            int c = a.nextEvent.compareTo(b.nextEvent);
            return c != 0 ? c : Integer.compare(a.index, b.index);
          });
  private Instant now;
  private long sequence;
  private int queuedCount;
  private int pausedCount;

  /**
   * A new engine.
   *
   * @param channels channel names, in index order
   * @param handleTimes handle time per channel
   * @param guardShiftEnd whether an agent whose shift ends before the channel's handle time is up
   *     is not available for that channel
   * @param order the agent order
   * @param start the initial time
   */
  public RoutingEngine(
      List<String> channels,
      List<Duration> handleTimes,
      boolean guardShiftEnd,
      AgentOrder order,
      Instant start) {
    this.channels = List.copyOf(channels);
    for (int i = 0; i < channels.size(); i++) {
      channelIndex.put(channels.get(i), i);
      final int c = i;
      orders.add(comparator(order, c));
    }
    this.handle = handleTimes.toArray(new Duration[0]);
    this.guardShiftEnd = guardShiftEnd;
    this.order = order;
    this.now = start;
  }

  private static Comparator<AgentState> comparator(AgentOrder order, int c) {
    return (a, b) -> {
      int r = 0;
      switch (order) {
        case HIGHEST_SPARE_CAPACITY:
          r = Integer.compare(b.spare(c), a.spare(c));
          break;
        case HIGHEST_SPARE_PERCENT:
          r = Long.compare((long) b.spare(c) * a.limit[c], (long) a.spare(c) * b.limit[c]);
          break;
        case LEAST_LOADED:
          r = Integer.compare(a.open[c], b.open[c]);
          break;
        default:
          break;
      }
      if (r == 0) {
        r = Long.compare(a.lastAssigned[c], b.lastAssigned[c]);
      }
      return r != 0 ? r : Integer.compare(a.index, b.index);
    };
  }

  // ------------------------------------------------------------------ queries

  /**
   * The current time of the engine.
   *
   * @return the last instant it advanced to
   */
  public Instant now() {
    return now;
  }

  /**
   * The channel index of a name.
   *
   * @param channel the channel
   * @return the index, -1 if unknown
   */
  public int channel(String channel) {
    Integer c = channelIndex.get(channel);
    return c == null ? -1 : c;
  }

  /**
   * Whether an agent id is registered.
   *
   * @param id the id
   * @return true if known
   */
  public boolean hasAgent(String id) {
    return agents.containsKey(id);
  }

  /**
   * Whether an item id is known (waiting, paused or assigned).
   *
   * @param id the id
   * @return true if known
   */
  public boolean hasItem(String id) {
    return items.containsKey(id);
  }

  /**
   * The item with an id.
   *
   * @param id the id
   * @return the item, or null
   */
  public WorkItem item(String id) {
    ItemState s = items.get(id);
    return s == null ? null : s.entry.item;
  }

  /**
   * Whether an item is paused.
   *
   * @param id the id
   * @return true if paused
   */
  public boolean isPaused(String id) {
    ItemState s = items.get(id);
    return s != null && s.paused;
  }

  /**
   * The agent an item is assigned to.
   *
   * @param id the item id
   * @return the agent id, or null
   */
  public String assignee(String id) {
    ItemState s = items.get(id);
    return s == null || s.agent == null ? null : s.agent.agent.id();
  }

  /**
   * When an item was assigned.
   *
   * @param id the item id
   * @return the instant, or null
   */
  public Instant assignedAt(String id) {
    ItemState s = items.get(id);
    return s == null || s.agent == null ? null : s.agent.assignedAt.get(id);
  }

  /**
   * The place of an item's assignment among all decisions of this engine (later ones higher), to
   * order assignments made at one instant.
   *
   * @param id the item id
   * @return the place, 0 if not assigned by a decision here
   */
  public long decision(String id) {
    ItemState s = items.get(id);
    return s == null || s.agent == null ? 0 : s.decision;
  }

  /**
   * Waiting items.
   *
   * @return the count
   */
  public int queued() {
    return queuedCount;
  }

  /**
   * Paused items.
   *
   * @return the count
   */
  public int paused() {
    return pausedCount;
  }

  /**
   * Waiting items in rank order (a merge of the classes). O(n log n).
   *
   * @return the entries
   */
  public List<Entry> waiting() {
    TreeSet<Entry> all = new TreeSet<>();
    for (RoutingClass c : classList) {
      all.addAll(c.queue);
    }
    return new ArrayList<>(all);
  }

  /**
   * Paused items, in no particular order.
   *
   * @return the entries
   */
  public List<Entry> pausedEntries() {
    List<Entry> out = new ArrayList<>();
    for (ItemState s : items.values()) {
      if (s.paused) {
        out.add(s.entry);
      }
    }
    return out;
  }

  /**
   * Registered agents in the order added.
   *
   * @return the agents
   */
  public List<Agent> agents() {
    List<Agent> out = new ArrayList<>(agentList.size());
    for (AgentState a : agentList) {
      out.add(a.agent);
    }
    return out;
  }

  /**
   * Whether an agent is online.
   *
   * @param id the agent id
   * @return true if online
   */
  public boolean isOnline(String id) {
    return agents.get(id).online;
  }

  /**
   * An agent's open items on a channel.
   *
   * @param id the agent id
   * @param channel the channel index
   * @return the count
   */
  public int open(String id, int channel) {
    return agents.get(id).open[channel];
  }

  /**
   * An agent's used budget units.
   *
   * @param id the agent id
   * @return the units
   */
  public int usedUnits(String id) {
    return (int) Math.min(agents.get(id).usedUnits, Integer.MAX_VALUE);
  }

  /**
   * Items assigned to an agent, oldest assignment first.
   *
   * @param id the agent id
   * @return the entries
   */
  public List<Entry> assignedTo(String id) {
    return new ArrayList<>(agents.get(id).assigned.values());
  }

  /**
   * The next instant at which an agent's availability changes by the clock, if any.
   *
   * @return the instant, or null
   */
  public Instant nextShiftEvent() {
    return events.isEmpty() ? null : events.first().nextEvent;
  }

  /**
   * The handle time of an item: its own, else its channel's.
   *
   * @param item the item
   * @return the handle time
   */
  public Duration handleTime(WorkItem item) {
    return item.handleTime().orElse(handle[channelIndex.get(item.channel())]);
  }

  // ------------------------------------------------------------------ time

  /**
   * Moves the clock to {@code t} (not before {@link #now()}), applying shift boundaries.
   *
   * @param t the new time
   */
  public void advance(Instant t) {
    now = t;
    while (!events.isEmpty() && !events.first().nextEvent.isAfter(t)) {
      AgentState a = events.pollFirst();
      a.nextEvent = null;
      refreshShift(a);
    }
  }

  private void refreshShift(AgentState a) {
    BusinessCalendar cal = a.agent.shift();
    for (int c = 0; c < channels.size(); c++) {
      if (a.filed[c]) {
        unfile(a, c);
      }
    }
    Instant next = null;
    if (cal.isOpen(now)) {
      Instant end = cal.nextClose(now).orElse(null);
      a.shiftEnd = end;
      a.onShift = true;
      next = end;
      for (int c = 0; c < channels.size(); c++) {
        if (a.limit[c] > 0) {
          for (RoutingClass k : a.classes.get(c)) {
            next = earlier(next, flip(a, k));
          }
        }
      }
    } else {
      a.shiftEnd = null;
      a.onShift = false;
      next = cal.nextOpen(now).orElse(null);
    }
    if (next != null && next.isBefore(BusinessCalendar.SUPPORTED_END)) {
      a.nextEvent = next;
      events.add(a);
    }
    for (int c = 0; c < channels.size(); c++) {
      sync(a, c);
    }
  }

  /**
   * With the shift-end guard, whether class {@code k}'s items still fit in agent {@code a}'s shift:
   * its handle time ends by the shift's end.
   */
  private boolean fits(AgentState a, RoutingClass k) {
    return !guardShiftEnd || a.shiftEnd == null || !now.isAfter(a.shiftEnd.minus(k.handle));
  }

  /**
   * With the shift-end guard, the instant after which class {@code k}'s items no longer fit in
   * agent {@code a}'s shift, if that is still ahead; else null.
   */
  private Instant flip(AgentState a, RoutingClass k) {
    if (!guardShiftEnd || a.shiftEnd == null) {
      return null;
    }
    Instant last = a.shiftEnd.minus(k.handle);
    return now.isAfter(last) ? null : last.plusNanos(1);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  // ------------------------------------------------------------------ agents

  /**
   * Registers an agent, online, and files them in every class they are eligible for. O(classes).
   *
   * @param agent the agent
   */
  public void addAgent(Agent agent) {
    AgentState a = new AgentState(agent, agentList.size(), channels);
    agents.put(agent.id(), a);
    agentList.add(a);
    for (RoutingClass k : classList) {
      if (agent.canServe(k.sample)) {
        a.classes.get(k.channel).add(k);
      }
    }
    refreshShift(a);
  }

  /**
   * Sets an agent online or offline. Going offline returns the agent's assigned items to the queue,
   * in their rank order, and frees the agent's capacity.
   *
   * @param id the agent id
   * @param online the new state
   * @return the items the agent held, now unassigned (a paused one stays paused)
   */
  public List<WorkItem> setOnline(String id, boolean online) {
    AgentState a = agents.get(id);
    List<WorkItem> requeued = new ArrayList<>();
    if (a.online == online) {
      return requeued;
    }
    if (!online) {
      for (int c = 0; c < channels.size(); c++) {
        if (a.filed[c]) {
          unfile(a, c);
        }
      }
      a.online = false;
      for (Entry e : new ArrayList<>(a.assigned.values())) {
        release(a, e);
        ItemState s = items.get(e.item.id());
        s.agent = null;
        if (!s.paused) {
          enqueue(s);
        }
        requeued.add(e.item);
      }
    } else {
      a.online = true;
      for (int c = 0; c < channels.size(); c++) {
        sync(a, c);
      }
    }
    return requeued;
  }

  private void sync(AgentState a, int c) {
    boolean want = a.available(c);
    if (want && !a.filed[c]) {
      file(a, c);
    } else if (!want && a.filed[c]) {
      unfile(a, c);
    }
  }

  private void file(AgentState a, int c) {
    a.filed[c] = true;
    for (RoutingClass k : a.classes.get(c)) {
      if (fits(a, k)) {
        k.agents.add(a);
        if (k.agents.size() == 1) {
          updateRoutable(k);
        }
      }
    }
  }

  private void unfile(AgentState a, int c) {
    a.filed[c] = false;
    for (RoutingClass k : a.classes.get(c)) {
      if (k.agents.remove(a) && k.agents.isEmpty()) {
        updateRoutable(k);
      }
    }
  }

  private void updateRoutable(RoutingClass k) {
    boolean want = !k.queue.isEmpty() && !k.agents.isEmpty();
    Entry head = want ? k.queue.first() : null;
    if (k.routable && (!want || head != k.head)) {
      routable.remove(k);
      k.routable = false;
    }
    if (want && !k.routable) {
      k.head = head;
      routable.add(k);
      k.routable = true;
    }
  }

  // ------------------------------------------------------------------ items

  /**
   * Adds a new waiting item.
   *
   * @param entry the ranked item
   */
  public void submit(Entry entry) {
    ItemState s = new ItemState();
    s.entry = entry;
    setClass(s, classOf(entry.item));
    items.put(entry.item.id(), s);
    enqueue(s);
  }

  /**
   * Replaces an item's values (a re-target): a waiting item moves in O(log n).
   *
   * @param entry the new ranked item, same id (and same channel if the item is assigned)
   */
  public void replace(Entry entry) {
    ItemState s = items.get(entry.item.id());
    if (s.agent != null) {
      // Same channel: WorkRouter.update refuses to move an assigned item to another channel, and
      // apply only changes the deadline, so the agent's counts stay as they are.
      s.entry = entry;
      s.agent.assigned.put(entry.item.id(), entry);
      setClass(s, classOf(entry.item));
      return;
    }
    if (!s.paused) {
      dequeue(s);
    }
    s.entry = entry;
    setClass(s, classOf(entry.item));
    if (!s.paused) {
      enqueue(s);
    }
  }

  /**
   * Takes agent {@code a} out of the classes whose order its change on channel {@code c} moves it
   * in: those of {@code c}, and with a shared budget those of every channel (the units left change
   * its spare capacity everywhere). Re-filed by {@link #sync} after the change.
   */
  private void unfileForChange(AgentState a, int c) {
    if (a.budget == Integer.MAX_VALUE) {
      unfileIfFiled(a, c);
      return;
    }
    for (int d = 0; d < channels.size(); d++) {
      unfileIfFiled(a, d);
    }
  }

  private void unfileIfFiled(AgentState a, int c) {
    if (a.filed[c]) {
      unfile(a, c);
    }
  }

  /**
   * Pauses or resumes a waiting item (an assigned item only records the flag).
   *
   * @param id the item id
   * @param paused the new state
   */
  public void setPaused(String id, boolean paused) {
    ItemState s = items.get(id);
    if (s.paused == paused) {
      return;
    }
    s.paused = paused;
    if (paused) {
      pausedCount++;
    } else {
      pausedCount--;
    }
    if (s.agent != null) {
      return;
    }
    if (paused) {
      dequeue(s);
    } else {
      enqueue(s);
    }
  }

  /**
   * Removes an item wherever it is, freeing its agent's capacity if assigned.
   *
   * @param id the item id
   * @return the item
   */
  public WorkItem remove(String id) {
    ItemState s = items.remove(id);
    if (s.paused) {
      pausedCount--;
    }
    if (s.agent != null) {
      release(s.agent, s.entry);
    } else if (!s.paused) {
      dequeue(s);
    }
    setClass(s, null);
    return s.entry.item;
  }

  private void enqueue(ItemState s) {
    RoutingClass k = s.cls;
    k.queue.add(s.entry);
    queuedCount++;
    if (k.queue.first() == s.entry) {
      updateRoutable(k);
    }
  }

  private void dequeue(ItemState s) {
    RoutingClass k = s.cls;
    boolean wasHead = k.queue.first() == s.entry;
    k.queue.remove(s.entry);
    queuedCount--;
    if (wasHead) {
      updateRoutable(k);
    }
  }

  /**
   * Makes {@code k} (null: none) the class of item {@code s}. A class no item is of has an empty
   * queue, so it is not routable and only the indexes refer to it; once such classes are more than
   * {@link #EMPTY_CLASS_SLACK} and half of all, they are dropped together. Memory stays within
   * twice the live classes, and a drop's O(a) is paid once per class created, as its creation is: a
   * class that empties and fills again at once (finish, resubmit) is not re-created each time.
   */
  private void setClass(ItemState s, RoutingClass k) {
    if (k != null && k.members++ == 0) {
      emptyClasses--;
    }
    RoutingClass old = s.cls;
    s.cls = k;
    if (old != null && --old.members == 0) {
      emptyClasses++;
      if (emptyClasses > EMPTY_CLASS_SLACK && emptyClasses > classes.size() / 2) {
        dropEmptyClasses();
      }
    }
  }

  private void dropEmptyClasses() {
    classList.removeIf(k -> k.members == 0);
    classes.values().removeIf(k -> k.members == 0);
    for (AgentState a : agentList) {
      for (Set<RoutingClass> served : a.classes) {
        served.removeIf(k -> k.members == 0);
      }
    }
    // an agent's next shift event may still be a dropped class's flip: a refresh then, no harm
    emptyClasses = 0;
  }

  private RoutingClass classOf(WorkItem item) {
    Duration h = handleTime(item);
    ClassKey key =
        new ClassKey(
            item.channel(), item.skills(), item.language(), item.tier(), guardShiftEnd ? h : null);
    RoutingClass k = classes.get(key);
    if (k == null) {
      int c = channelIndex.get(item.channel());
      k = new RoutingClass(classSequence++, key, c, item, h, orders.get(c));
      emptyClasses++; // until its first item is filed by setClass
      classes.put(key, k);
      classList.add(k);
      for (AgentState a : agentList) {
        if (a.agent.canServe(item)) {
          a.classes.get(c).add(k);
          if (a.filed[c] && fits(a, k)) {
            k.agents.add(a);
          }
          if (a.limit[c] > 0 && a.onShift) {
            // a new handle time may make this agent's next shift event earlier
            Instant f = flip(a, k);
            if (f != null && (a.nextEvent == null || f.isBefore(a.nextEvent))) {
              if (a.nextEvent != null) {
                events.remove(a);
              }
              a.nextEvent = f;
              events.add(a);
            }
          }
        }
      }
    }
    return k;
  }

  // ------------------------------------------------------------------ decisions

  /**
   * Assigns the most urgent waiting item that has an available agent to the best such agent.
   *
   * @return the assignment, or null if no waiting item has an available agent
   */
  public Assignment next() {
    if (routable.isEmpty()) {
      return null;
    }
    RoutingClass k = routable.first();
    Entry e = k.head;
    int c = k.channel;
    AgentState chosen = null;
    boolean preferred = false;
    for (String pid : e.item.preferredAgents()) { // most preferred first
      AgentState p = agents.get(pid);
      if (p != null
          && k.agents.contains(p) // available for this class (its handle time fits the shift)
          && p.agent.canServe(e.item)) {
        chosen = p;
        preferred = true;
        break;
      }
    }
    if (chosen == null) {
      chosen = k.agents.first();
    }
    int candidates = k.agents.size();
    ItemState s = items.get(e.item.id());
    dequeue(s);
    int openBefore = chosen.open[c];
    int spareBefore = chosen.spare(c);
    assign(chosen, s, c);
    return new Assignment(
        e.item,
        chosen.agent.id(),
        now,
        order,
        preferred,
        candidates,
        openBefore,
        chosen.limit[c],
        spareBefore,
        Optional.ofNullable(chosen.shiftEnd),
        chosen.agent.shift().zone());
  }

  private void assign(AgentState a, ItemState s, int c) {
    unfileForChange(a, c);
    a.open[c]++;
    a.usedUnits += a.weight[c];
    a.lastAssigned[c] = ++sequence;
    s.decision = sequence;
    a.assigned.put(s.entry.item.id(), s.entry);
    a.assignedAt.put(s.entry.item.id(), now);
    s.agent = a;
    if (a.available(c)) {
      file(a, c);
    }
    if (a.budget != Integer.MAX_VALUE) {
      for (int d = 0; d < channels.size(); d++) {
        if (d != c) {
          sync(a, d);
        }
      }
    }
  }

  /**
   * Restores an assignment made earlier (used to copy a router for a forecast): the item must be
   * new; capacity is taken even if that exceeds a limit.
   *
   * @param entry the ranked item
   * @param agentId the agent
   * @param at when it was assigned
   * @param paused whether the item is paused
   */
  public void restore(Entry entry, String agentId, Instant at, boolean paused) {
    ItemState s = new ItemState();
    s.entry = entry;
    setClass(s, classOf(entry.item));
    s.paused = paused;
    if (paused) {
      pausedCount++;
    }
    items.put(entry.item.id(), s);
    AgentState a = agents.get(agentId);
    int c = channelIndex.get(entry.item.channel());
    for (int d = 0; d < channels.size(); d++) {
      unfileIfFiled(a, d);
    }
    a.open[c]++;
    a.usedUnits += a.weight[c];
    a.assigned.put(entry.item.id(), entry);
    a.assignedAt.put(entry.item.id(), at);
    s.agent = a;
    for (int d = 0; d < channels.size(); d++) {
      sync(a, d);
    }
  }

  /**
   * Takes over another engine's round-robin state (when each agent was last assigned on each
   * channel), used to copy a router for a forecast: the copy must break ties as the router would.
   * The agents must be registered here with the same ids.
   *
   * @param from the engine to copy from
   */
  public void copyRotation(RoutingEngine from) {
    for (AgentState a : agentList) {
      AgentState o = from.agents.get(a.agent.id());
      for (int d = 0; d < channels.size(); d++) {
        unfileIfFiled(a, d); // the agent order reads lastAssigned: re-file after the change
      }
      System.arraycopy(o.lastAssigned, 0, a.lastAssigned, 0, a.lastAssigned.length);
      for (int d = 0; d < channels.size(); d++) {
        sync(a, d);
      }
    }
    sequence = from.sequence;
  }

  /**
   * Adds a paused waiting item (used to copy a router).
   *
   * @param entry the ranked item
   */
  public void submitPaused(Entry entry) {
    ItemState s = new ItemState();
    s.entry = entry;
    setClass(s, classOf(entry.item));
    s.paused = true;
    pausedCount++;
    items.put(entry.item.id(), s);
  }

  private void release(AgentState a, Entry e) {
    int c = channelIndex.get(e.item.channel());
    unfileForChange(a, c);
    a.open[c]--;
    a.usedUnits -= a.weight[c];
    a.assigned.remove(e.item.id());
    a.assignedAt.remove(e.item.id());
    for (int d = 0; d < channels.size(); d++) {
      sync(a, d);
    }
  }
}
