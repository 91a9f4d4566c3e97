package dev.servicekit.sla.queue;

import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.internal.JsonInput;
import dev.servicekit.sla.queue.internal.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Waiting work ordered by SLA urgency under a {@link QueuePolicy}, updated incrementally: adding,
 * re-targeting (a reply, a priority change), pausing, resuming or removing one item moves that item
 * only, in {@code O(log n)} (a red-black tree of precomputed keys plus a hash index by id). The
 * head is read in {@code O(log n)}. Paused items leave the order and come back on resume with their
 * current values.
 *
 * <p>Mutable and not thread-safe: confine an instance to one thread or guard it externally.
 */
public final class WorkQueue {

  private final QueuePolicy policy;
  private final PriorityLevels levels; // null: apply leaves priorities alone
  private final TreeSet<Entry> order = new TreeSet<>();
  private final Map<String, Entry> queued = new HashMap<>();
  private final Map<String, WorkItem> paused = new HashMap<>();

  private WorkQueue(QueuePolicy policy, PriorityLevels levels) {
    this.policy = policy;
    this.levels = levels;
  }

  /**
   * An empty queue whose {@code apply} sets deadlines and leaves priorities as offered.
   *
   * @param policy the order
   * @return the queue
   */
  public static WorkQueue create(QueuePolicy policy) {
    return new WorkQueue(Objects.requireNonNull(policy, "policy"), null);
  }

  /**
   * An empty queue whose {@code apply} keeps each item's priority in step with its ticket's SLA
   * priority: it sets the level {@code levels} give {@link SlaEvaluation#priority()} along with the
   * deadline, so a priority change re-targets the item in the priority order and the weighted score
   * too.
   *
   * @param policy the order
   * @param levels the level of each SLA priority
   * @return the queue
   */
  public static WorkQueue create(QueuePolicy policy, PriorityLevels levels) {
    return new WorkQueue(
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(levels, "levels"));
  }

  /**
   * The policy.
   *
   * @return the policy
   */
  public QueuePolicy policy() {
    return policy;
  }

  /**
   * The levels {@code apply} maps SLA priorities with, if given to {@link #create(QueuePolicy,
   * PriorityLevels)}.
   *
   * @return the levels, empty if {@code apply} leaves priorities alone
   */
  public Optional<PriorityLevels> priorityLevels() {
    return Optional.ofNullable(levels);
  }

  /**
   * Adds an item, or replaces the item with the same id (a re-target moves it). A paused item stays
   * paused with the new values. O(log n).
   *
   * @param item the item
   * @return true if the id was new
   */
  public boolean offer(WorkItem item) {
    Objects.requireNonNull(item, "item");
    long[] k = policy.rank(item, java.time.Duration.ZERO);
    if (paused.containsKey(item.id())) {
      paused.put(item.id(), item);
      return false;
    }
    Entry old = queued.remove(item.id());
    if (old != null) {
      order.remove(old);
    }
    Entry e = new Entry(item, k[0], k[1]);
    order.add(e);
    queued.put(item.id(), e);
    return old == null;
  }

  /**
   * Adds an item together with its ticket's SLA state, in one step: what {@link #offer(WorkItem)}
   * then {@link #apply(String, SlaEvaluation, SlaPolicySet)} leave, without the item ever being
   * queued on values it does not have (a ticket waiting on its customer is never at the head, not
   * even between the two calls). An open ticket's item is added, or replaces the item with its id,
   * with the evaluation's deadline (see {@link SlaUrgency}) and, with {@link #priorityLevels()},
   * the level of its SLA priority; it is paused if the evaluation is paused. A solved ticket (its
   * {@link SlaEvaluation#status()} is one of {@code policies}' {@link
   * SlaPolicySet#solvedStatuses()}) is no work: its item is not added, and an item already there
   * under its id is removed. The builder's deadline and priority are replaced by the evaluation's.
   * As {@link #apply(String, SlaEvaluation)}, the item id is not compared with the evaluation's
   * ticket. O(log n + cycles).
   *
   * @param item the item
   * @param evaluation the ticket's current evaluation
   * @param policies the policy set the ticket is evaluated under (its solved statuses)
   * @return true if the item is in the queue afterwards (queued or paused), false if the ticket is
   *     solved
   * @throws IllegalArgumentException if an open ticket's priority has no level in {@link
   *     #priorityLevels()} (nothing is changed)
   */
  public boolean offer(WorkItem item, SlaEvaluation evaluation, SlaPolicySet policies) {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(policies, "policies");
    String id = item.id();
    if (policies.solvedStatuses().contains(evaluation.status())) {
      remove(id);
      return false;
    }
    SlaUrgency u = SlaUrgency.of(evaluation);
    WorkItem next = retarget(item, u, levels); // throws before anything changes
    policy.rank(next, java.time.Duration.ZERO); // as offer: nothing is changed if it throws
    remove(id);
    if (u.paused()) {
      paused.put(id, next);
    } else {
      offer(next);
    }
    return true;
  }

  /**
   * Applies a ticket's SLA state: pauses it, or resumes it with the evaluation's deadline, and,
   * with {@link #priorityLevels()}, sets the level of its SLA priority (both kept while paused).
   * O(log n + cycles). The caller pairs the item with its ticket's evaluation: an item id need not
   * be the ticket id, so {@link SlaEvaluation#ticketId()} is not compared with {@code id}. A solved
   * ticket is not taken out (its stopped cycles look like an open ticket's met ones, see {@link
   * SlaUrgency}): use {@link #apply(String, SlaEvaluation, SlaPolicySet)}, which removes it, or
   * {@link #remove} its item, or a paused item comes back without a deadline.
   *
   * @param id the item id
   * @param evaluation the ticket's current evaluation
   * @throws IllegalArgumentException if the id is unknown, or the evaluation's priority has no
   *     level in {@link #priorityLevels()} (nothing is changed)
   */
  public void apply(String id, SlaEvaluation evaluation) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(evaluation, "evaluation");
    SlaUrgency u = SlaUrgency.of(evaluation);
    WorkItem current = get(id).orElseThrow(() -> unknown(id));
    WorkItem next = retarget(current, u, levels);
    if (u.paused()) {
      pause(id);
      paused.put(id, next);
    } else {
      resume(id);
      if (next != current) {
        offer(next);
      }
    }
  }

  /**
   * Applies a ticket's SLA state as {@link #apply(String, SlaEvaluation)} does, but removes the
   * item when the ticket is solved: its status ({@link SlaEvaluation#status()}) is one of {@code
   * policies}' {@link SlaPolicySet#solvedStatuses()}. A solved ticket is no more work, and its
   * stopped cycles cannot be told from an open ticket's met ones without the set, so without it a
   * paused item whose ticket is then solved came back into the queue. O(log n + cycles).
   *
   * @param id the item id
   * @param evaluation the ticket's current evaluation
   * @param policies the policy set the ticket is evaluated under (its solved statuses)
   * @return the removed item if the ticket is solved, else empty (the state was applied)
   * @throws IllegalArgumentException if the id is unknown, or an open ticket's priority has no
   *     level in {@link #priorityLevels()} (nothing is changed)
   */
  public Optional<WorkItem> apply(String id, SlaEvaluation evaluation, SlaPolicySet policies) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(policies, "policies");
    if (policies.solvedStatuses().contains(evaluation.status())) {
      return Optional.of(remove(id).orElseThrow(() -> unknown(id)));
    }
    apply(id, evaluation);
    return Optional.empty();
  }

  /**
   * Takes an item out of the order until {@link #resume}; no effect if already paused. O(log n).
   *
   * @param id the item id
   * @throws IllegalArgumentException if the id is unknown
   */
  public void pause(String id) {
    Objects.requireNonNull(id, "id");
    if (paused.containsKey(id)) {
      return;
    }
    Entry e = queued.remove(id);
    if (e == null) {
      throw unknown(id);
    }
    order.remove(e);
    paused.put(id, e.item);
  }

  /**
   * Puts a paused item back in the order; no effect if not paused. O(log n).
   *
   * @param id the item id
   * @throws IllegalArgumentException if the id is unknown
   */
  public void resume(String id) {
    Objects.requireNonNull(id, "id");
    if (queued.containsKey(id)) {
      return;
    }
    WorkItem w = paused.remove(id);
    if (w == null) {
      throw unknown(id);
    }
    offer(w);
  }

  /**
   * Removes an item, queued or paused. O(log n).
   *
   * @param id the item id
   * @return the removed item, empty if the id was unknown
   */
  public Optional<WorkItem> remove(String id) {
    Objects.requireNonNull(id, "id");
    Entry e = queued.remove(id);
    if (e != null) {
      order.remove(e);
      return Optional.of(e.item);
    }
    return Optional.ofNullable(paused.remove(id));
  }

  /**
   * The most urgent queued item. O(log n).
   *
   * @return the head, empty if nothing is queued
   */
  public Optional<WorkItem> peek() {
    return order.isEmpty() ? Optional.empty() : Optional.of(order.first().item);
  }

  /**
   * Removes and returns the most urgent queued item. O(log n).
   *
   * @return the head, empty if nothing is queued
   */
  public Optional<WorkItem> poll() {
    Entry e = order.pollFirst();
    if (e == null) {
      return Optional.empty();
    }
    queued.remove(e.item.id());
    return Optional.of(e.item);
  }

  /**
   * The item with an id, queued or paused. O(1).
   *
   * @param id the id
   * @return the item
   */
  public Optional<WorkItem> get(String id) {
    Objects.requireNonNull(id, "id");
    Entry e = queued.get(id);
    return e != null ? Optional.of(e.item) : Optional.ofNullable(paused.get(id));
  }

  /**
   * Whether an item is paused. O(1).
   *
   * @param id the id
   * @return true if known and paused
   */
  public boolean isPaused(String id) {
    return paused.containsKey(Objects.requireNonNull(id, "id"));
  }

  /**
   * The number of queued (not paused) items.
   *
   * @return the count
   */
  public int size() {
    return queued.size();
  }

  /**
   * The number of paused items.
   *
   * @return the count
   */
  public int pausedCount() {
    return paused.size();
  }

  /**
   * The queued items, most urgent first (a snapshot). O(n).
   *
   * @return the items
   */
  public List<WorkItem> items() {
    List<WorkItem> out = new ArrayList<>(order.size());
    for (Entry e : order) {
      out.add(e.item);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "WorkQueue["
        + policy
        + (levels == null ? "" : ", " + levels)
        + ", "
        + size()
        + " queued, "
        + pausedCount()
        + " paused]";
  }

  /** {@code current} with the urgency's deadline, and its priority's level if {@code levels}. */
  static WorkItem retarget(WorkItem current, SlaUrgency u, PriorityLevels levels) {
    if (levels != null) {
      return current.withUrgency(u, levels);
    }
    return current.deadline().equals(u.deadline()) ? current : current.withDeadline(u.deadline());
  }

  static IllegalArgumentException unknown(String id) {
    return new IllegalArgumentException(
        "item \"" + excerpt(id) + "\" is not in the queue (never offered, or removed)");
  }

  static String excerpt(String s) {
    return s.length() <= 60
        ? JsonInput.printable(s)
        : JsonInput.printable(s.substring(0, 60)) + "...";
  }
}
