package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The order in which waiting work is served. Every policy ranks an item by a key that does not
 * change as time passes, so a queue is re-ordered only when an item changes (one {@code O(log n)}
 * move), never per decision. Ties are broken by creation time (oldest first), then by id.
 *
 * <ul>
 *   <li>{@link #earliestDeadlineFirst()}: by SLA deadline; items without a running target last.
 *   <li>{@link #leastSlack(BusinessCalendar)}: by slack, the business time left on the team's
 *       calendar until the deadline minus the item's handle time (in a {@link WorkRouter}, its
 *       channel's when the item has none of its own). Slack at any instant {@code t} is {@code
 *       between(t, deadline) - handleTime = between(ANCHOR, deadline) - handleTime -
 *       between(ANCHOR, t)}, and the last term is the same for every item, so the order is fixed
 *       and the key is computed once per change.
 *   <li>{@link #priorityThenAge()}: by priority (0 first), then oldest first.
 *   <li>{@link #weighted()}: a weighted score measured in time: the deadline moved earlier by a
 *       key-account boost and a per-tier boost, and later by a step per priority level.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class QueuePolicy {

  /** The fixed origin of least-slack keys, {@code 2020-01-01T00:00:00Z}. */
  public static final Instant ANCHOR = Instant.parse("2020-01-01T00:00:00Z");

  private static final Duration MAX_WEIGHT = Duration.ofDays(366);

  private enum Kind {
    EDF,
    LEAST_SLACK,
    PRIORITY_AGE,
    WEIGHTED
  }

  private static final QueuePolicy EDF = new QueuePolicy(Kind.EDF, null, null, null, null, null);
  private static final QueuePolicy PRIORITY_AGE =
      new QueuePolicy(Kind.PRIORITY_AGE, null, null, null, null, null);

  private final Kind kind;
  private final BusinessCalendar calendar;
  private final Duration keyAccountBoost;
  private final Duration priorityStep;
  private final Map<String, Duration> tierBoosts;
  private final Duration defaultBoost;

  private QueuePolicy(
      Kind kind,
      BusinessCalendar calendar,
      Duration keyAccountBoost,
      Duration priorityStep,
      Map<String, Duration> tierBoosts,
      Duration defaultBoost) {
    this.kind = kind;
    this.calendar = calendar;
    this.keyAccountBoost = keyAccountBoost;
    this.priorityStep = priorityStep;
    this.tierBoosts = tierBoosts;
    this.defaultBoost = defaultBoost;
  }

  /**
   * Earliest deadline first.
   *
   * @return the policy
   */
  public static QueuePolicy earliestDeadlineFirst() {
    return EDF;
  }

  /**
   * Least slack first, business time counted on {@code calendar}.
   *
   * @param calendar the calendar the team works on
   * @return the policy
   */
  public static QueuePolicy leastSlack(BusinessCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    return new QueuePolicy(Kind.LEAST_SLACK, calendar, null, null, null, null);
  }

  /**
   * Priority first (0 the most urgent), then oldest first.
   *
   * @return the policy
   */
  public static QueuePolicy priorityThenAge() {
    return PRIORITY_AGE;
  }

  /**
   * A builder for a weighted score: {@code deadline - keyAccountBoost - tierBoost(tier) + priority
   * * priorityStep}, smallest first; items without a deadline last, by priority.
   *
   * @return a builder with every weight zero
   */
  public static WeightedBuilder weighted() {
    return new WeightedBuilder();
  }

  /**
   * A comparator that orders items exactly as a {@link WorkQueue} with this policy does (including
   * the tiebreaks): under least slack an item without a handle time of its own counts none. A
   * {@link WorkRouter} counts its channel's handle time instead ({@link WorkRouter#waiting()} is in
   * its order). Useful to sort a snapshot; a queue never re-sorts.
   *
   * @return the comparator
   */
  public Comparator<WorkItem> comparator() {
    return (a, b) -> {
      long[] ka = rank(a, Duration.ZERO);
      long[] kb = rank(b, Duration.ZERO);
      int c = Long.compare(ka[0], kb[0]);
      if (c == 0) {
        c = Long.compare(ka[1], kb[1]);
      }
      if (c == 0) {
        c = a.created().compareTo(b.created());
      }
      return c != 0 ? c : a.id().compareTo(b.id());
    };
  }

  /**
   * The rank key of an item: two longs compared in order; smaller is served first.
   *
   * @param item the item
   * @param handleTime the handle time least slack counts for an item without one of its own (its
   *     channel's in a router, none in a queue)
   * @return {@code {major, minor}}
   */
  long[] rank(WorkItem item, Duration handleTime) {
    switch (kind) {
      case EDF:
        return item.deadline().map(d -> key(d.getEpochSecond(), d.getNano())).orElse(undated(0));
      case LEAST_SLACK:
        if (item.deadline().isEmpty()) {
          return undated(0);
        }
        Duration slack = calendar.between(ANCHOR, item.deadline().get());
        slack = slack.minus(item.handleTime().orElse(handleTime));
        return key(slack.getSeconds(), slack.getNano());
      case PRIORITY_AGE:
        return key(item.priority(), 0);
      default:
        if (item.deadline().isEmpty()) {
          return undated(item.priority());
        }
        Duration shift = priorityStep.multipliedBy(item.priority());
        if (item.keyAccount()) {
          shift = shift.minus(keyAccountBoost);
        }
        shift = shift.minus(tierBoosts.getOrDefault(item.tier(), defaultBoost));
        Instant effective = item.deadline().get().plus(shift);
        return key(effective.getEpochSecond(), effective.getNano());
    }
  }

  private static long[] key(long major, long minor) {
    return new long[] {major, minor};
  }

  private static long[] undated(long minor) {
    return new long[] {Long.MAX_VALUE, minor};
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof QueuePolicy)) {
      return false;
    }
    QueuePolicy p = (QueuePolicy) o;
    return kind == p.kind
        && Objects.equals(calendar, p.calendar)
        && Objects.equals(keyAccountBoost, p.keyAccountBoost)
        && Objects.equals(priorityStep, p.priorityStep)
        && Objects.equals(tierBoosts, p.tierBoosts)
        && Objects.equals(defaultBoost, p.defaultBoost);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, calendar, keyAccountBoost, priorityStep, tierBoosts, defaultBoost);
  }

  @Override
  public String toString() {
    switch (kind) {
      case EDF:
        return "QueuePolicy[earliest deadline first]";
      case LEAST_SLACK:
        return "QueuePolicy[least slack on " + calendar.id() + "]";
      case PRIORITY_AGE:
        return "QueuePolicy[priority then age]";
      default:
        return "QueuePolicy[weighted: key account "
            + keyAccountBoost
            + ", per priority "
            + priorityStep
            + ", tiers "
            + tierBoosts
            + ", other tiers "
            + defaultBoost
            + "]";
    }
  }

  /** Builds a weighted policy; every setter validates at once. Not thread-safe. */
  public static final class WeightedBuilder {
    private Duration keyAccountBoost = Duration.ZERO;
    private Duration priorityStep = Duration.ZERO;
    private Duration defaultBoost = Duration.ZERO;
    private final Map<String, Duration> tierBoosts = new TreeMap<>();

    private WeightedBuilder() {}

    /**
     * How much earlier a key account's item is served than its deadline says.
     *
     * @param boost 0 to 366 days
     * @return this builder
     */
    public WeightedBuilder keyAccountBoost(Duration boost) {
      this.keyAccountBoost = weight("keyAccountBoost", boost);
      return this;
    }

    /**
     * How much later each priority level (1, 2, ...) is served than priority 0.
     *
     * @param step 0 to 366 days
     * @return this builder
     */
    public WeightedBuilder priorityStep(Duration step) {
      this.priorityStep = weight("priorityStep", step);
      return this;
    }

    /**
     * How much earlier an item of a customer tier is served.
     *
     * @param tier the tier, not blank (an item with no tier takes {@link #otherTiersBoost})
     * @param boost 0 to 366 days
     * @return this builder
     * @throws IllegalArgumentException if the tier is blank or too long, already has a boost, or
     *     the boost is out of range; the builder is then unchanged
     */
    public WeightedBuilder tierBoost(String tier, Duration boost) {
      String t = WorkItem.name("tier of tierBoost", tier);
      Duration d = weight("tierBoost(" + t + ")", boost);
      Duration before = tierBoosts.get(t);
      if (before != null) {
        throw new IllegalArgumentException(
            "tierBoost(" + t + ") was already set to " + before + "; a tier has one boost");
      }
      tierBoosts.put(t, d);
      return this;
    }

    /**
     * The boost of tiers not named by {@link #tierBoost}, and of items with no tier.
     *
     * @param boost 0 to 366 days
     * @return this builder
     */
    public WeightedBuilder otherTiersBoost(Duration boost) {
      this.defaultBoost = weight("otherTiersBoost", boost);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public QueuePolicy build() {
      return new QueuePolicy(
          Kind.WEIGHTED, null, keyAccountBoost, priorityStep, Map.copyOf(tierBoosts), defaultBoost);
    }

    private static Duration weight(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.compareTo(MAX_WEIGHT) > 0) {
        throw new IllegalArgumentException(field + " " + d + " must be in [PT0S, P366D]");
      }
      return d;
    }
  }
}
