package dev.servicekit.sla.queue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How much concurrent work an agent takes: a limit per channel (for example 1 call, 3 chats, 10
 * emails) and, optionally, a budget of units shared by all channels, each item costing its
 * channel's weight. With weights call 30, chat 10, email 3 and a budget of 30, a call fills the
 * agent, a chat leaves room for two more chats or six emails, and so on; an agent's spare capacity
 * on a channel ({@link AgentOrder#HIGHEST_SPARE_CAPACITY}) is then the items of it the units left
 * allow, if fewer than its limit's room. Without a budget the channels are independent (Zendesk's
 * capacity rules). A channel the agent has no limit for is one it never receives.
 *
 * <p>Immutable and thread-safe.
 */
public final class Capacity {

  /** The largest accepted limit, weight or budget. */
  public static final int MAX = 1_000_000;

  private final Map<String, Integer> limits;
  private final Map<String, Integer> weights;
  private final int budget;

  private Capacity(Builder b) {
    this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(b.limits));
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(b.weights));
    this.budget = b.budget;
  }

  /**
   * A new builder with no channels and no shared budget.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The channels with a positive limit.
   *
   * @return the channel names
   */
  public Set<String> channels() {
    return limits.keySet();
  }

  /**
   * The limit for a channel, 0 if the agent takes none.
   *
   * @param channel the channel
   * @return the limit
   */
  public int limit(String channel) {
    return limits.getOrDefault(Objects.requireNonNull(channel, "channel"), 0);
  }

  /**
   * The units one item of a channel costs against the budget (1 unless set).
   *
   * @param channel the channel
   * @return the weight
   */
  public int weight(String channel) {
    return weights.getOrDefault(Objects.requireNonNull(channel, "channel"), 1);
  }

  /**
   * The shared budget in units, {@link Integer#MAX_VALUE} if there is none.
   *
   * @return the budget
   */
  public int budget() {
    return budget;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capacity
        && limits.equals(((Capacity) o).limits)
        && weights.equals(((Capacity) o).weights)
        && budget == ((Capacity) o).budget;
  }

  @Override
  public int hashCode() {
    return Objects.hash(limits, weights, budget);
  }

  @Override
  public String toString() {
    return "Capacity[limits "
        + limits
        + ", weights "
        + weights
        + (budget == Integer.MAX_VALUE ? "" : ", budget " + budget)
        + "]";
  }

  /** Builds a {@link Capacity}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Integer> limits = new LinkedHashMap<>();
    private final Map<String, Integer> weights = new LinkedHashMap<>();
    private int budget = Integer.MAX_VALUE;

    private Builder() {}

    /**
     * Sets a channel's limit with weight 1.
     *
     * @param channel the channel
     * @param limit 1 to {@value #MAX} concurrent items
     * @return this builder
     */
    public Builder channel(String channel, int limit) {
      return channel(channel, limit, 1);
    }

    /**
     * Sets a channel's limit and weight.
     *
     * @param channel the channel
     * @param limit 1 to {@value #MAX} concurrent items
     * @param weight 1 to {@value #MAX} units per item against the budget
     * @return this builder
     */
    public Builder channel(String channel, int limit, int weight) {
      String c = WorkItem.name("channel", channel);
      check("limit of channel " + c, limit);
      check("weight of channel " + c, weight);
      if (limits.containsKey(c)) {
        throw new IllegalArgumentException("channel " + c + " was already set");
      }
      limits.put(c, limit);
      weights.put(c, weight);
      return this;
    }

    /**
     * Sets the budget shared by all channels.
     *
     * @param units 1 to {@value #MAX}
     * @return this builder
     */
    public Builder budget(int units) {
      check("budget", units);
      this.budget = units;
      return this;
    }

    /**
     * Builds the capacity.
     *
     * @return the capacity
     * @throws IllegalArgumentException if no channel was set, or a channel's weight exceeds the
     *     budget (the channel could never be served)
     */
    public Capacity build() {
      if (limits.isEmpty()) {
        throw new IllegalArgumentException("capacity needs at least one channel");
      }
      for (Map.Entry<String, Integer> w : weights.entrySet()) {
        if (w.getValue() > budget) {
          throw new IllegalArgumentException(
              "weight "
                  + w.getValue()
                  + " of channel "
                  + w.getKey()
                  + " exceeds the budget "
                  + budget
                  + "; the channel could never be served");
        }
      }
      return new Capacity(this);
    }

    private static void check(String field, int v) {
      if (v < 1 || v > MAX) {
        throw new IllegalArgumentException(field + " " + v + " must be in [1, " + MAX + "]");
      }
    }
  }
}
