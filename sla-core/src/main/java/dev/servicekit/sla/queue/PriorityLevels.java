package dev.servicekit.sla.queue;

import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.KeyRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a queue reads an SLA priority: the {@link WorkItem#priority()} level (0 the most urgent) of
 * each priority name an {@link SlaEvaluation} can carry ({@link SlaEvaluation#priority()}, from the
 * policy's {@link PriorityMatrix} or an explicit priority change), and optionally the level of a
 * ticket that has no priority. A name without a level is refused, never guessed.
 *
 * <p>Give it to {@link WorkItem.Builder#urgency} to make an item, or to {@link
 * WorkRouter.Builder#priorityLevels} and {@link WorkQueue#create(QueuePolicy, PriorityLevels)} so
 * that {@code apply} keeps each item's priority in step with its ticket's (a re-target).
 *
 * <p>Immutable and thread-safe.
 */
public final class PriorityLevels {

  private final Map<String, Integer> levels;
  private final OptionalInt unprioritized;

  private PriorityLevels(Map<String, Integer> levels, OptionalInt unprioritized) {
    this.levels = levels;
    this.unprioritized = unprioritized;
  }

  /**
   * Levels by rank: the first name is level 0, the next 1, and so on, for example {@code
   * of("urgent", "high", "normal", "low")}.
   *
   * @param mostUrgentFirst priority names, most urgent first
   * @return the levels, with no level for a ticket without a priority
   * @throws IllegalArgumentException if no name is given, more than 1001 are, or a name is listed
   *     twice or is not a key (the rule of SLA priority names: 1 to 64 characters, single spaces
   *     only between other characters; a name such as {@code "urgent "} could never match)
   */
  public static PriorityLevels of(String... mostUrgentFirst) {
    Objects.requireNonNull(mostUrgentFirst, "priorities");
    if (mostUrgentFirst.length > 1001) { // before the names are compared with each other
      throw new IllegalArgumentException(
          mostUrgentFirst.length + " priorities given; levels run from 0 to 1000, so at most 1001");
    }
    List<String> names =
        WorkItem.distinctNames("priority", "priorities", List.of(), mostUrgentFirst);
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, level("priority " + n, m.size())); // of(m) checks each is a key
    }
    return of(m);
  }

  /**
   * Levels given one by one; several names may share a level (for example {@code P1} and {@code
   * urgent} both 0).
   *
   * @param levels priority name to level, each level 0 to 1000 (the range of {@link
   *     WorkItem.Builder#priority})
   * @return the levels (in the map's iteration order), with no level for a ticket without a
   *     priority
   * @throws IllegalArgumentException if the map is empty, a name is not a key (as {@link
   *     #of(String...)}), or a level is out of range
   */
  public static PriorityLevels of(Map<String, Integer> levels) {
    Objects.requireNonNull(levels, "levels");
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("priority levels must name at least one priority");
    }
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : levels.entrySet()) {
      String n = KeyRule.requireKey(WorkItem.name("priority", e.getKey()), "priority");
      Integer v = Objects.requireNonNull(e.getValue(), "level of priority " + n);
      m.put(n, level("level of priority " + Excerpt.of(n), v));
    }
    return new PriorityLevels(Collections.unmodifiableMap(m), OptionalInt.empty());
  }

  /**
   * These levels with a level for a ticket without a priority (a matrix without a default priority
   * whose cell the ticket's attributes miss, or whose explicit priority was cleared); without one
   * such a ticket is refused.
   *
   * @param level 0 to 1000
   * @return a copy with that level
   * @throws IllegalArgumentException if the level is out of range
   */
  public PriorityLevels withUnprioritized(int level) {
    return new PriorityLevels(levels, OptionalInt.of(level("unprioritized level", level)));
  }

  /**
   * The level of each priority name, in the order given.
   *
   * @return name to level, unmodifiable
   */
  public Map<String, Integer> levels() {
    return levels;
  }

  /**
   * The level of a ticket without a priority, if one was given.
   *
   * @return the level
   */
  public OptionalInt unprioritized() {
    return unprioritized;
  }

  /**
   * The level of a priority. O(1).
   *
   * @param priority a priority name, empty for a ticket without one
   * @return its level
   * @throws IllegalArgumentException if the name has no level, or the priority is empty and no
   *     {@link #withUnprioritized unprioritized level} was given
   */
  public int level(Optional<String> priority) {
    return level(priority, null);
  }

  /**
   * The level of an evaluation's priority ({@link SlaEvaluation#priority()}). O(1).
   *
   * @param evaluation the evaluation
   * @return its level
   * @throws IllegalArgumentException as {@link #level(Optional)}, naming the ticket
   */
  public int level(SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    return level(evaluation.priority(), "ticket " + Excerpt.of(evaluation.ticketId()));
  }

  /** The level of {@code priority}; a refusal names {@code of} (whose priority), if not null. */
  int level(Optional<String> priority, String of) {
    Objects.requireNonNull(priority, "priority");
    String whose = of == null ? "" : " of " + of;
    if (priority.isEmpty()) {
      if (unprioritized.isEmpty()) {
        throw new IllegalArgumentException(
            "no priority"
                + whose
                + ": the priority levels "
                + Excerpt.list(levels.keySet())
                + " give no level for a ticket without one (withUnprioritized)");
      }
      return unprioritized.getAsInt();
    }
    Integer v = levels.get(priority.get());
    if (v == null) {
      throw new IllegalArgumentException(
          "priority "
              + Excerpt.of(priority.get())
              + whose
              + " has no level among the priority levels "
              + Excerpt.list(levels.keySet()));
    }
    return v;
  }

  /**
   * Checks that every priority a ticket under {@code policies} can have has a level: every one of
   * {@link SlaPolicySet#priorities()} (an explicit change to another priority is an anomaly of the
   * ticket, so no evaluation carries one), and, unless an {@link #withUnprioritized unprioritized
   * level} is given, none at all: each policy's matrix has a default priority. Call it once at
   * start-up; {@code apply} checks only the evaluation it is given. O(priorities + policies).
   *
   * @param policies the policy set
   * @return these levels
   * @throws IllegalArgumentException naming the priorities without a level, or the first policy
   *     whose tickets can be without a priority
   */
  public PriorityLevels requireCovers(SlaPolicySet policies) {
    Objects.requireNonNull(policies, "policies");
    List<String> missing = new ArrayList<>();
    for (String p : policies.priorities()) {
      if (!levels.containsKey(p)) {
        missing.add(p);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "priorities "
              + Excerpt.list(missing)
              + " of the policy set have no level among the priority levels "
              + Excerpt.list(levels.keySet()));
    }
    if (unprioritized.isEmpty()) {
      List<SlaPolicy> all = new ArrayList<>(policies.policies());
      all.add(policies.defaultPolicy());
      for (SlaPolicy p : all) {
        if (p.matrix().defaultPriority().isEmpty()) {
          throw new IllegalArgumentException(
              "policy "
                  + Excerpt.of(p.name())
                  + "'s priority matrix has no default priority, so a ticket whose attributes"
                  + " miss its cells has no priority, and the priority levels give no level for"
                  + " that (withUnprioritized)");
        }
      }
    }
    return this;
  }

  private static int level(String field, int level) {
    if (level < 0 || level > 1000) {
      throw new IllegalArgumentException(field + " " + level + " must be in [0, 1000]");
    }
    return level;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PriorityLevels p
        && levels.equals(p.levels)
        && unprioritized.equals(p.unprioritized);
  }

  @Override
  public int hashCode() {
    return levels.hashCode() * 31 + unprioritized.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("PriorityLevels");
    b.append(levels);
    unprioritized.ifPresent(u -> b.append(", unprioritized ").append(u));
    return b.toString();
  }
}
