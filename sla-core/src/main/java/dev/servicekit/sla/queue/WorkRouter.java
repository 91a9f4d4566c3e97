package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.queue.internal.Entry;
import dev.servicekit.sla.queue.internal.RoutingEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Assigns waiting work to agents by load, in SLA-urgency order: the most urgent item (under the
 * {@link QueuePolicy}) that has an eligible agent available goes to the best such agent (under the
 * {@link AgentOrder}, ties round-robin), preferring the item's preferred agents when one of them is
 * available. An agent is available for a channel while online, on shift (their calendar is open),
 * under their channel limit and shared budget and, with {@link
 * Builder#finishBeforeShiftEnd(boolean)}, while the channel's handle time still fits before their
 * shift ends. Every decision carries a readable {@link Assignment#reason()}.
 *
 * <p>Cost: with {@code n} waiting items and {@code a} agents, a decision is {@code O(log n + k log
 * a)} where {@code k} is the number of routing classes (channel, skills, language, tier) the chosen
 * agent serves on that channel; submitting, re-targeting, pausing, resuming or removing an item is
 * {@code O(log n)}. No decision scans all items or all agents. The first item of a new routing
 * class costs {@code O(a)}; a class no item is of any more is kept until such classes outnumber 64
 * and half of all, then dropped with the others at {@code O(a)} each (its creation's cost), so a
 * router holds at most about twice its live classes however many handle times or skill sets it has
 * seen. Adding an agent costs {@code O(classes)}. Shift boundaries are applied as time advances,
 * {@code O(k log a)} each.
 *
 * <p>Time only moves forward: every method taking {@code now} rejects an instant before the latest
 * one seen. A method that throws leaves the router unchanged.
 *
 * <p>Mutable and not thread-safe: confine an instance to one thread or guard it externally.
 */
public final class WorkRouter {

  /** The longest accepted forecast horizon. */
  public static final Duration MAX_HORIZON = Duration.ofDays(366);

  private final QueuePolicy policy;
  private final AgentOrder order;
  private final boolean guard;
  private final Map<String, Duration> channels;
  private final PriorityLevels levels; // null: apply leaves priorities alone
  private final RoutingEngine engine;

  private WorkRouter(Builder b) {
    this.policy = b.policy;
    this.levels = b.levels;
    this.order = b.order;
    this.guard = b.guard;
    this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
    this.engine =
        new RoutingEngine(
            new ArrayList<>(channels.keySet()),
            new ArrayList<>(channels.values()),
            guard,
            order,
            BusinessCalendar.SUPPORTED_START);
  }

  /**
   * A new builder.
   *
   * @param policy the order of waiting work
   * @return a builder with no channels, {@link AgentOrder#HIGHEST_SPARE_CAPACITY} and no shift-end
   *     guard
   */
  public static Builder builder(QueuePolicy policy) {
    return new Builder(policy);
  }

  // ------------------------------------------------------------------ agents

  /**
   * Registers an agent, online. O(routing classes).
   *
   * @param agent the agent
   * @param now the current time
   * @throws IllegalArgumentException if the id is taken, or the capacity names an undeclared
   *     channel
   */
  public void addAgent(Agent agent, Instant now) {
    Objects.requireNonNull(agent, "agent");
    checkTime(now);
    if (engine.hasAgent(agent.id())) {
      throw new IllegalArgumentException(
          "agent " + WorkQueue.excerpt(agent.id()) + " is already registered");
    }
    for (String c : agent.capacity().channels()) {
      if (!channels.containsKey(c)) {
        throw new IllegalArgumentException(
            "capacity of agent "
                + WorkQueue.excerpt(agent.id())
                + " names channel "
                + WorkQueue.excerpt(c)
                + ", which the router does not declare (declared: "
                + Excerpt.list(channels.keySet())
                + ")");
      }
    }
    engine.advance(now);
    engine.addAgent(agent);
  }

  /**
   * Takes an agent offline and re-balances: their assigned items go back to the queue (in urgency
   * order) and are assigned again by the next decisions; an assigned item that was paused is
   * unassigned and stays paused, and is queued again when it is resumed. O(m log n + k log a) for
   * {@code m} items.
   *
   * @param agentId the agent
   * @param now the current time
   * @return every item the agent held, now unassigned (paused ones included, see above), empty if
   *     the agent was already offline
   * @throws IllegalArgumentException if the agent is unknown
   */
  public List<WorkItem> goOffline(String agentId, Instant now) {
    Objects.requireNonNull(now, "now");
    requireAgent(agentId);
    checkTime(now);
    engine.advance(now);
    return List.copyOf(engine.setOnline(agentId, false));
  }

  /**
   * Brings an agent back online. O(k log a).
   *
   * @param agentId the agent
   * @param now the current time
   * @throws IllegalArgumentException if the agent is unknown
   */
  public void goOnline(String agentId, Instant now) {
    Objects.requireNonNull(now, "now");
    requireAgent(agentId);
    checkTime(now);
    engine.advance(now);
    engine.setOnline(agentId, true);
  }

  // ------------------------------------------------------------------ items

  /**
   * Adds a waiting item. O(log n).
   *
   * @param item the item
   * @throws IllegalArgumentException if the id is already known or the channel is undeclared
   */
  public void submit(WorkItem item) {
    Objects.requireNonNull(item, "item");
    if (engine.hasItem(item.id())) {
      throw new IllegalArgumentException(
          "item " + WorkQueue.excerpt(item.id()) + " is already in the router");
    }
    engine.submit(entry(item));
  }

  /**
   * Adds a waiting item together with its ticket's SLA state, in one step: what {@link
   * #submit(WorkItem)} then {@link #apply(String, SlaEvaluation, SlaPolicySet)} leave, without the
   * item ever being assignable on values it does not have (a ticket waiting on its customer is
   * never handed to an agent, not even between the two calls). An open ticket's item takes the
   * evaluation's deadline (see {@link SlaUrgency}) and, with {@link Builder#priorityLevels}, the
   * level of its SLA priority, and is paused if the evaluation is paused; a solved ticket's item is
   * not added. As {@link #apply(String, SlaEvaluation)}, the item id is not compared with the
   * evaluation's ticket. O(log n + cycles).
   *
   * @param item the item
   * @param evaluation the ticket's current evaluation
   * @param policies the policy set the ticket is evaluated under (its solved statuses)
   * @return true if the item was added (waiting or paused), false if the ticket is solved
   * @throws IllegalArgumentException if the id is already known, the channel is undeclared, or an
   *     open ticket's priority has no level in the router's {@link Builder#priorityLevels} (nothing
   *     is changed)
   */
  public boolean submit(WorkItem item, SlaEvaluation evaluation, SlaPolicySet policies) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(policies, "policies");
    if (engine.hasItem(item.id())) {
      throw new IllegalArgumentException(
          "item " + WorkQueue.excerpt(item.id()) + " is already in the router");
    }
    if (policies.solvedStatuses().contains(evaluation.status())) {
      requireChannel(item); // a wrong channel is refused whatever the ticket's state
      return false;
    }
    SlaUrgency u = SlaUrgency.of(evaluation);
    Entry e = entry(WorkQueue.retarget(item, u, levels)); // throws before anything changes
    engine.submit(e);
    if (u.paused()) {
      engine.setPaused(item.id(), true);
    }
    return true;
  }

  /**
   * Replaces an item with new values (a re-target: new deadline, priority, skills...). A waiting
   * item moves in O(log n); an assigned item stays with its agent. O(log n).
   *
   * @param item the new values, same id
   * @throws IllegalArgumentException if the id is unknown, the channel is undeclared, or the item
   *     is assigned and its channel would change (that could push the agent over a limit)
   */
  public void update(WorkItem item) {
    Objects.requireNonNull(item, "item");
    requireItem(item.id());
    String agent = engine.assignee(item.id());
    if (agent != null && !engine.item(item.id()).channel().equals(item.channel())) {
      throw new IllegalArgumentException(
          "item "
              + WorkQueue.excerpt(item.id())
              + " is assigned to agent "
              + WorkQueue.excerpt(agent)
              + " on channel "
              + engine.item(item.id()).channel()
              + "; its channel cannot change to "
              + WorkQueue.excerpt(item.channel())
              + " while assigned (remove it and submit it again)");
    }
    engine.replace(entry(item));
  }

  /**
   * Applies a ticket's SLA state: a paused ticket leaves the queue, a running one comes back with
   * its current deadline; with {@link Builder#priorityLevels} the item also takes the level of its
   * SLA priority (a priority change moves it in the priority order and the weighted score; an
   * assigned item stays with its agent). O(log n + cycles). The caller pairs the item with its
   * ticket's evaluation: an item id need not be the ticket id, so {@link SlaEvaluation#ticketId()}
   * is not compared with {@code itemId}.
   *
   * <p>A solved ticket is not taken out: its cycles have all stopped, which {@link SlaUrgency}
   * cannot tell from an open ticket whose targets are all met (still work, with no deadline), so a
   * paused item whose ticket is then solved comes back into the queue without a deadline. Use
   * {@link #apply(String, SlaEvaluation, SlaPolicySet)}, which removes it, or {@link #remove} the
   * item when its ticket is solved.
   *
   * @param itemId the item
   * @param evaluation the ticket's evaluation
   * @throws IllegalArgumentException if the id is unknown, or the evaluation's priority has no
   *     level in the router's {@link Builder#priorityLevels} (nothing is changed)
   */
  public void apply(String itemId, SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    requireItem(itemId);
    SlaUrgency u = SlaUrgency.of(evaluation);
    WorkItem current = engine.item(itemId);
    WorkItem next = WorkQueue.retarget(current, u, levels);
    if (next != current) {
      engine.replace(entry(next));
    }
    engine.setPaused(itemId, u.paused());
  }

  /**
   * Applies a ticket's SLA state as {@link #apply(String, SlaEvaluation)} does, but removes the
   * item (freeing its agent's capacity if assigned) when the ticket is solved: its status ({@link
   * SlaEvaluation#status()}) is one of {@code policies}' {@link SlaPolicySet#solvedStatuses()}. A
   * solved ticket is no more work, and its stopped cycles cannot be told from an open ticket's met
   * ones without the set. O(log n + k log a + cycles).
   *
   * @param itemId the item
   * @param evaluation the ticket's evaluation
   * @param policies the policy set the ticket is evaluated under (its solved statuses)
   * @return the removed item if the ticket is solved, else empty (the state was applied)
   * @throws IllegalArgumentException if the id is unknown, or an open ticket's priority has no
   *     level in the router's {@link Builder#priorityLevels} (nothing is changed)
   */
  public Optional<WorkItem> apply(String itemId, SlaEvaluation evaluation, SlaPolicySet policies) {
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(policies, "policies");
    requireItem(itemId);
    if (policies.solvedStatuses().contains(evaluation.status())) {
      return Optional.of(engine.remove(itemId));
    }
    apply(itemId, evaluation);
    return Optional.empty();
  }

  /**
   * Takes a waiting item out of the queue until {@link #resume}. An assigned item stays with its
   * agent and keeps counting against their capacity. O(log n).
   *
   * @param itemId the item
   * @throws IllegalArgumentException if the id is unknown
   */
  public void pause(String itemId) {
    requireItem(itemId);
    engine.setPaused(itemId, true);
  }

  /**
   * Puts a paused item back in the queue. O(log n).
   *
   * @param itemId the item
   * @throws IllegalArgumentException if the id is unknown
   */
  public void resume(String itemId) {
    requireItem(itemId);
    engine.setPaused(itemId, false);
  }

  /**
   * Removes an item (solved, or done by its agent), freeing its agent's capacity. O(log n + k log
   * a).
   *
   * @param itemId the item
   * @return the item, empty if unknown
   */
  public Optional<WorkItem> remove(String itemId) {
    Objects.requireNonNull(itemId, "itemId");
    if (!engine.hasItem(itemId)) {
      return Optional.empty();
    }
    return Optional.of(engine.remove(itemId));
  }

  // ------------------------------------------------------------------ decisions

  /**
   * Makes one decision at {@code now}. O(log n + k log a), plus the shift boundaries passed since
   * the last call.
   *
   * @param now the current time
   * @return the assignment, empty if no waiting item has an available eligible agent
   */
  public Optional<Assignment> next(Instant now) {
    checkTime(now);
    engine.advance(now);
    return Optional.ofNullable(engine.next());
  }

  /**
   * Makes decisions at {@code now} until none is possible.
   *
   * @param now the current time
   * @return the assignments, in decision order
   */
  public List<Assignment> assignAll(Instant now) {
    checkTime(now);
    engine.advance(now);
    List<Assignment> out = new ArrayList<>();
    for (Assignment a = engine.next(); a != null; a = engine.next()) {
      out.add(a);
    }
    return out;
  }

  // ------------------------------------------------------------------ queries

  /**
   * Waiting items, most urgent first (a snapshot). O(n log n).
   *
   * @return the items
   */
  public List<WorkItem> waiting() {
    List<WorkItem> out = new ArrayList<>();
    for (Entry e : engine.waiting()) {
      out.add(e.item);
    }
    return List.copyOf(out);
  }

  /**
   * The number of waiting (not paused, not assigned) items. O(1).
   *
   * @return the count
   */
  public int waitingCount() {
    return engine.queued();
  }

  /**
   * The number of paused items. O(1).
   *
   * @return the count
   */
  public int pausedCount() {
    return engine.paused();
  }

  /**
   * The item with an id.
   *
   * @param itemId the id
   * @return the item, empty if unknown
   */
  public Optional<WorkItem> item(String itemId) {
    return Optional.ofNullable(engine.item(Objects.requireNonNull(itemId, "itemId")));
  }

  /**
   * The agent an item is assigned to.
   *
   * @param itemId the id
   * @return the agent id, empty if waiting, paused before assignment, or unknown
   */
  public Optional<String> assignee(String itemId) {
    return Optional.ofNullable(engine.assignee(Objects.requireNonNull(itemId, "itemId")));
  }

  /**
   * An agent's open (assigned) items on a channel.
   *
   * @param agentId the agent
   * @param channel the channel
   * @return the count
   * @throws IllegalArgumentException if the agent or channel is unknown
   */
  public int openItems(String agentId, String channel) {
    Objects.requireNonNull(channel, "channel");
    requireAgent(agentId);
    int c = engine.channel(channel);
    if (c < 0) {
      throw new IllegalArgumentException("channel " + WorkQueue.excerpt(channel) + " is unknown");
    }
    return engine.open(agentId, c);
  }

  /**
   * An agent's used units of their shared budget: the weights of their open items (without a
   * budget, where the weights bound nothing, at most {@link Integer#MAX_VALUE}).
   *
   * @param agentId the agent
   * @return the units
   * @throws IllegalArgumentException if the agent is unknown
   */
  public int usedUnits(String agentId) {
    requireAgent(agentId);
    return engine.usedUnits(agentId);
  }

  /**
   * The items assigned to an agent, oldest assignment first.
   *
   * @param agentId the agent
   * @return the items
   * @throws IllegalArgumentException if the agent is unknown
   */
  public List<WorkItem> assignedTo(String agentId) {
    requireAgent(agentId);
    List<WorkItem> out = new ArrayList<>();
    for (Entry e : engine.assignedTo(agentId)) {
      out.add(e.item);
    }
    return List.copyOf(out);
  }

  /**
   * Whether an agent is online.
   *
   * @param agentId the agent
   * @return true if online
   * @throws IllegalArgumentException if the agent is unknown
   */
  public boolean isOnline(String agentId) {
    requireAgent(agentId);
    return engine.isOnline(agentId);
  }

  /**
   * The registered agents, in the order added.
   *
   * @return the agents
   */
  public List<Agent> agents() {
    return List.copyOf(engine.agents());
  }

  /**
   * The handle time the router assumes for an item: its own, else its channel's.
   *
   * @param item the item
   * @return the handle time
   * @throws IllegalArgumentException if the channel is undeclared
   */
  public Duration handleTime(WorkItem item) {
    Objects.requireNonNull(item, "item");
    requireChannel(item);
    return engine.handleTime(item);
  }

  // ------------------------------------------------------------------ forecast

  /**
   * Forecasts breaches if nothing changes: {@link #forecast(Instant, Duration, ServicePoint, List)}
   * with no expected arrivals.
   *
   * @param now the forecast start, not before the router's time
   * @param horizon how far to simulate, positive, at most {@link #MAX_HORIZON}
   * @param point what counts as served
   * @return the forecast
   */
  public BreachForecast forecast(Instant now, Duration horizon, ServicePoint point) {
    return forecast(now, horizon, point, List.of());
  }

  /**
   * Forecasts breaches by a deterministic simulation of this router's own policy on a copy of its
   * state (this router is not changed): every item takes its handle time; agents keep their online
   * state and follow their shift calendars; ties between agents go round-robin from where this
   * router's rotation stands; items already assigned finish their handle time after their
   * assignment (at {@code now} at the earliest), a paused one too (it holds its agent until then
   * but, as every paused item, has no line); expected items arrive at their creation time. Cost:
   * one routing decision per item plus one step per shift boundary and completion in the horizon.
   *
   * @param now the forecast start, not before the router's time
   * @param horizon how far to simulate, positive, at most {@link #MAX_HORIZON}
   * @param point what counts as served
   * @param arrivals items expected to arrive, each created at or after {@code now}, new ids
   * @return the forecast
   * @throws IllegalArgumentException on a bad horizon, an arrival before {@code now}, a duplicate
   *     id or an undeclared channel
   */
  public BreachForecast forecast(
      Instant now, Duration horizon, ServicePoint point, List<WorkItem> arrivals) {
    checkTime(now);
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(arrivals, "arrivals");
    if (horizon.isNegative() || horizon.isZero() || horizon.compareTo(MAX_HORIZON) > 0) {
      throw new IllegalArgumentException(
          "horizon " + horizon + " must be positive and at most " + MAX_HORIZON);
    }
    Instant until = now.plus(horizon);
    if (!until.isBefore(BusinessCalendar.SUPPORTED_END)) {
      throw new IllegalArgumentException(
          "horizon " + horizon + " from " + now + " ends after the supported range");
    }
    Set<String> seen = new HashSet<>();
    List<WorkItem> expected = new ArrayList<>(arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      WorkItem w = Objects.requireNonNull(arrivals.get(i), "arrivals[" + i + "]");
      requireChannel(w);
      if (w.created().isBefore(now)) {
        throw new IllegalArgumentException(
            "arrivals[" + i + "] " + WorkQueue.excerpt(w.id()) + " is created before " + now);
      }
      if (engine.hasItem(w.id()) || !seen.add(w.id())) {
        throw new IllegalArgumentException(
            "arrivals[" + i + "] id " + WorkQueue.excerpt(w.id()) + " is not unique");
      }
      expected.add(w);
    }
    expected.sort((a, b) -> a.created().compareTo(b.created()));
    return simulate(now, until, point, expected);
  }

  private BreachForecast simulate(
      Instant now, Instant until, ServicePoint point, List<WorkItem> expected) {
    WorkRouter sim = copyAt(now);
    Map<String, Instant[]> served = new LinkedHashMap<>();
    Map<String, String> who = new HashMap<>();
    Map<String, WorkItem> all = new HashMap<>();
    PriorityQueue<Object[]> finishes =
        new PriorityQueue<>(
            (a, b) -> {
              int c = ((Instant) a[0]).compareTo((Instant) b[0]);
              return c != 0 ? c : ((String) a[1]).compareTo((String) b[1]);
            });
    // lines come in start order: items already assigned by when they were, those of one instant
    // in decision order, whoever holds them (as the simulated decisions below are listed)
    List<Entry> assigned = new ArrayList<>();
    for (Agent a : engine.agents()) {
      assigned.addAll(engine.assignedTo(a.id()));
    }
    assigned.sort(
        (a, b) -> {
          int c = engine.assignedAt(a.item.id()).compareTo(engine.assignedAt(b.item.id()));
          return c != 0
              ? c
              : Long.compare(engine.decision(a.item.id()), engine.decision(b.item.id()));
        });
    for (Entry e : assigned) {
      WorkItem w = e.item;
      Instant at = engine.assignedAt(w.id());
      Instant fin = at.plus(engine.handleTime(w));
      if (fin.isBefore(now)) {
        fin = now;
      }
      finishes.add(new Object[] {fin, w.id()}); // a paused one still holds its agent until then
      if (engine.isPaused(w.id())) {
        continue; // paused items are left out
      }
      served.put(w.id(), new Instant[] {at, fin});
      who.put(w.id(), engine.assignee(w.id()));
      all.put(w.id(), w);
    }
    for (Entry e : engine.waiting()) {
      all.put(e.item.id(), e.item);
    }
    for (WorkItem w : expected) {
      all.put(w.id(), w);
    }
    int next = 0;
    Instant t = now;
    while (true) {
      sim.engine.advance(t);
      while (!finishes.isEmpty() && !((Instant) finishes.peek()[0]).isAfter(t)) {
        sim.engine.remove((String) finishes.poll()[1]);
      }
      while (next < expected.size() && !expected.get(next).created().isAfter(t)) {
        sim.engine.submit(sim.entry(expected.get(next++)));
      }
      for (Assignment a = sim.engine.next(); a != null; a = sim.engine.next()) {
        Instant fin = t.plus(sim.engine.handleTime(a.item()));
        served.put(a.item().id(), new Instant[] {t, fin});
        who.put(a.item().id(), a.agentId());
        finishes.add(new Object[] {fin, a.item().id()});
      }
      Instant step = null;
      if (!finishes.isEmpty()) {
        step = (Instant) finishes.peek()[0];
      }
      if (next < expected.size()) {
        step = min(step, expected.get(next).created());
      }
      step = min(step, sim.engine.nextShiftEvent());
      if (step == null || step.isAfter(until)) {
        break;
      }
      t = step;
    }
    List<ForecastLine> lines = new ArrayList<>();
    for (Map.Entry<String, Instant[]> s : served.entrySet()) {
      WorkItem w = all.get(s.getKey());
      Instant at = point == ServicePoint.START ? s.getValue()[0] : s.getValue()[1];
      // a breach is predicted within the horizon only (as for an item nobody takes)
      Optional<Instant> breach =
          w.deadline().isPresent()
                  && at.isAfter(w.deadline().get())
                  && w.deadline().get().isBefore(until)
              ? w.deadline()
              : Optional.empty();
      lines.add(
          new ForecastLine(
              w,
              Optional.of(who.get(s.getKey())),
              Optional.of(s.getValue()[0]),
              Optional.of(s.getValue()[1]),
              breach));
    }
    List<WorkItem> unserved = new ArrayList<>();
    for (WorkItem w : all.values()) {
      if (!served.containsKey(w.id())) {
        unserved.add(w);
      }
    }
    unserved.sort((a, b) -> a.id().compareTo(b.id()));
    for (WorkItem w : unserved) {
      Optional<Instant> breach =
          w.deadline().isPresent() && w.deadline().get().isBefore(until)
              ? w.deadline()
              : Optional.empty();
      lines.add(new ForecastLine(w, Optional.empty(), Optional.empty(), Optional.empty(), breach));
    }
    return new BreachForecast(now, until, point, lines);
  }

  private static Instant min(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private WorkRouter copyAt(Instant now) {
    Builder b = new Builder(policy).agentOrder(order).finishBeforeShiftEnd(guard);
    channels.forEach(b::channel);
    WorkRouter copy = b.build();
    copy.engine.advance(now);
    for (Agent a : engine.agents()) {
      copy.engine.addAgent(a);
    }
    copy.engine.copyRotation(engine); // ties go round-robin as in this router
    for (Agent a : engine.agents()) {
      for (Entry e : engine.assignedTo(a.id())) {
        copy.engine.restore(
            e, a.id(), engine.assignedAt(e.item.id()), engine.isPaused(e.item.id()));
      }
      if (!engine.isOnline(a.id())) {
        copy.engine.setOnline(a.id(), false);
      }
    }
    for (Entry e : engine.waiting()) {
      copy.engine.submit(e);
    }
    return copy;
  }

  // ------------------------------------------------------------------ helpers

  private Entry entry(WorkItem item) {
    requireChannel(item);
    long[] k = policy.rank(item, channels.get(item.channel())); // checked above
    return new Entry(item, k[0], k[1]);
  }

  private void requireChannel(WorkItem item) {
    if (!channels.containsKey(item.channel())) {
      throw new IllegalArgumentException(
          "item "
              + WorkQueue.excerpt(item.id())
              + " has channel "
              + WorkQueue.excerpt(item.channel())
              + ", which the router does not declare (declared: "
              + Excerpt.list(channels.keySet())
              + ")");
    }
  }

  private void requireItem(String itemId) {
    Objects.requireNonNull(itemId, "itemId");
    if (!engine.hasItem(itemId)) {
      throw WorkQueue.unknown(itemId);
    }
  }

  private void requireAgent(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    if (!engine.hasAgent(agentId)) {
      throw new IllegalArgumentException(
          "agent " + WorkQueue.excerpt(agentId) + " is not registered");
    }
  }

  private void checkTime(Instant now) {
    Objects.requireNonNull(now, "now");
    if (now.isBefore(engine.now())) {
      throw new IllegalArgumentException(
          "now "
              + now
              + " is before the router's time "
              + engine.now()
              + "; time only moves forward");
    }
    if (!now.isBefore(BusinessCalendar.SUPPORTED_END)) {
      throw new IllegalArgumentException(
          "now "
              + now
              + " is outside the supported range (before "
              + BusinessCalendar.SUPPORTED_END
              + ")");
    }
  }

  @Override
  public String toString() {
    return "WorkRouter["
        + policy
        + ", "
        + order
        + (guard ? ", finish before shift end" : "")
        + (levels == null ? "" : ", " + levels)
        + ", channels "
        + channels.keySet()
        + ", "
        + engine.agents().size()
        + " agents, "
        + engine.queued()
        + " waiting, "
        + engine.paused()
        + " paused]";
  }

  /** Builds a {@link WorkRouter}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final QueuePolicy policy;
    private AgentOrder order = AgentOrder.HIGHEST_SPARE_CAPACITY;
    private boolean guard;
    private PriorityLevels levels;
    private final Map<String, Duration> channels = new LinkedHashMap<>();

    private Builder(QueuePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Declares a channel and its typical handle time.
     *
     * @param channel the channel
     * @param handleTime positive, at most 30 days
     * @return this builder
     * @throws IllegalArgumentException if the channel is already declared
     */
    public Builder channel(String channel, Duration handleTime) {
      String c = WorkItem.name("channel", channel);
      Duration h = WorkItem.positiveHandleTime("handleTime of channel " + c, handleTime);
      if (channels.containsKey(c)) {
        throw new IllegalArgumentException("channel " + c + " was already declared");
      }
      channels.put(c, h);
      return this;
    }

    /**
     * Sets how agents are chosen among the available ones.
     *
     * @param order the order
     * @return this builder
     */
    public Builder agentOrder(AgentOrder order) {
      this.order = Objects.requireNonNull(order, "order");
      return this;
    }

    /**
     * Whether an agent stops receiving a channel's work once its handle time no longer fits before
     * their shift ends.
     *
     * @param guard true to guard
     * @return this builder
     */
    public Builder finishBeforeShiftEnd(boolean guard) {
      this.guard = guard;
      return this;
    }

    /**
     * Keeps each item's priority in step with its ticket's SLA priority: {@code apply} sets the
     * level {@code levels} give {@link SlaEvaluation#priority()} along with the deadline. Without
     * it {@code apply} leaves priorities as submitted.
     *
     * @param levels the level of each SLA priority
     * @return this builder
     * @throws IllegalArgumentException if levels were already set
     */
    public Builder priorityLevels(PriorityLevels levels) {
      Objects.requireNonNull(levels, "levels");
      if (this.levels != null) {
        throw new IllegalArgumentException("priorityLevels was already set to " + this.levels);
      }
      this.levels = levels;
      return this;
    }

    /**
     * Builds an empty router.
     *
     * @return the router
     * @throws IllegalArgumentException if no channel was declared
     */
    public WorkRouter build() {
      if (channels.isEmpty()) {
        throw new IllegalArgumentException("a router needs at least one channel");
      }
      return new WorkRouter(this);
    }
  }
}
