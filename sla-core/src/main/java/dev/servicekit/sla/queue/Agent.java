package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agent as the router sees them: a shift calendar (work is assigned only while it is open),
 * skills, languages, the customer tiers they serve and their {@link Capacity}.
 *
 * <p>An agent is eligible for an item when they have every skill it requires, speak its language
 * (if it names one), serve its tier (if it names one and the agent lists tiers; an agent with no
 * tiers serves all) and have a limit for its channel.
 *
 * <p>Immutable and thread-safe.
 */
public final class Agent {

  private final String id;
  private final BusinessCalendar shift;
  private final Capacity capacity;
  private final Set<String> skills;
  private final Set<String> languages;
  private final Set<String> tiers;

  private Agent(Builder b) {
    this.id = b.id;
    this.shift = b.shift;
    this.capacity = b.capacity;
    this.skills = Set.copyOf(b.skills);
    this.languages = Set.copyOf(b.languages);
    this.tiers = Set.copyOf(b.tiers);
  }

  /**
   * A new builder.
   *
   * @param id the agent id
   * @param shift the agent's own working calendar
   * @param capacity the agent's capacity
   * @return a builder with no skills, languages or tiers
   */
  public static Builder builder(String id, BusinessCalendar shift, Capacity capacity) {
    return new Builder(id, shift, capacity);
  }

  /**
   * Whether this agent may take an item, ignoring shift and load.
   *
   * @param item the item
   * @return true if eligible
   */
  public boolean canServe(WorkItem item) {
    Objects.requireNonNull(item, "item");
    return capacity.limit(item.channel()) > 0
        && skills.containsAll(item.skills())
        && (item.language().isEmpty() || languages.contains(item.language()))
        && (item.tier().isEmpty() || tiers.isEmpty() || tiers.contains(item.tier()));
  }

  /**
   * The id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The shift calendar.
   *
   * @return the calendar
   */
  public BusinessCalendar shift() {
    return shift;
  }

  /**
   * The capacity.
   *
   * @return the capacity
   */
  public Capacity capacity() {
    return capacity;
  }

  /**
   * The skills.
   *
   * @return the skills, unmodifiable
   */
  public Set<String> skills() {
    return skills;
  }

  /**
   * The languages.
   *
   * @return the languages, unmodifiable
   */
  public Set<String> languages() {
    return languages;
  }

  /**
   * The tiers served, empty for all.
   *
   * @return the tiers, unmodifiable
   */
  public Set<String> tiers() {
    return tiers;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Agent)) {
      return false;
    }
    Agent a = (Agent) o;
    return id.equals(a.id)
        && shift.equals(a.shift)
        && capacity.equals(a.capacity)
        && skills.equals(a.skills)
        && languages.equals(a.languages)
        && tiers.equals(a.tiers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, shift, capacity, skills, languages, tiers);
  }

  @Override
  public String toString() {
    return "Agent["
        + id
        + " on "
        + shift.id()
        + ", skills "
        + new TreeSet<>(skills)
        + ", languages "
        + new TreeSet<>(languages)
        + (tiers.isEmpty() ? "" : ", tiers " + new TreeSet<>(tiers))
        + ", "
        + capacity
        + "]";
  }

  /** Builds an {@link Agent}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final BusinessCalendar shift;
    private final Capacity capacity;
    private final Set<String> skills = new TreeSet<>();
    private final Set<String> languages = new TreeSet<>();
    private final Set<String> tiers = new TreeSet<>();

    private Builder(String id, BusinessCalendar shift, Capacity capacity) {
      this.id = WorkItem.name("id", id);
      this.shift = Objects.requireNonNull(shift, "shift");
      this.capacity = Objects.requireNonNull(capacity, "capacity");
    }

    /**
     * Adds skills.
     *
     * @param skills skill names
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or too long, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder skills(String... skills) {
      this.skills.addAll(
          WorkItem.distinctNames("skill", "skills of agent " + id, this.skills, skills));
      return this;
    }

    /**
     * Adds languages.
     *
     * @param languages language names, for example {@code ru}
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or too long, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder languages(String... languages) {
      this.languages.addAll(
          WorkItem.distinctNames(
              "language", "languages of agent " + id, this.languages, languages));
      return this;
    }

    /**
     * Adds customer tiers served (none means all).
     *
     * @param tiers tier names
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or too long, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder tiers(String... tiers) {
      this.tiers.addAll(WorkItem.distinctNames("tier", "tiers of agent " + id, this.tiers, tiers));
      return this;
    }

    /**
     * Builds the agent.
     *
     * @return the agent
     */
    public Agent build() {
      return new Agent(this);
    }
  }
}
