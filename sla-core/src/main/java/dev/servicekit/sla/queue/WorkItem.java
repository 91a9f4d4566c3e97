package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One piece of work waiting for an agent: a ticket, chat or call with its SLA deadline and what it
 * takes to serve it (channel, skills, language, customer tier).
 *
 * <p>Smaller {@code priority} numbers are more urgent (0 = P1). An empty language or tier means
 * "any"; an empty deadline means the item has no running SLA target and is served after every dated
 * item under deadline-based policies. {@code handleTime}, when present, overrides the channel's
 * handle time in a {@link WorkRouter} (the shift guard and the breach forecast use it). The
 * creation instant and the deadline lie in sla-core's supported range, from {@link
 * BusinessCalendar#SUPPORTED_START} (inclusive) to {@link BusinessCalendar#SUPPORTED_END}
 * (exclusive), as every SLA deadline does; the builder refuses others.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkItem {

  /**
   * Longest accepted id, channel, skill, language or tier name. Every such name also follows the id
   * rule of sla-core: no control character, line or paragraph separator or lone surrogate.
   */
  public static final int MAX_NAME_LENGTH = 200;

  private final String id;
  private final String channel;
  private final Instant created;
  private final int priority;
  private final Optional<Instant> deadline;
  private final String language;
  private final String tier;
  private final boolean keyAccount;
  private final Set<String> skills;
  private final List<String> preferredAgents;
  private final Optional<Duration> handleTime;

  private WorkItem(Builder b) {
    this.id = b.id;
    this.channel = b.channel;
    this.created = b.created;
    this.priority = b.priority;
    this.deadline = b.deadline;
    this.language = b.language;
    this.tier = b.tier;
    this.keyAccount = b.keyAccount;
    this.skills = Set.copyOf(b.skills);
    this.preferredAgents = List.copyOf(b.preferredAgents);
    this.handleTime = b.handleTime;
  }

  /**
   * A new builder.
   *
   * @param id the item id, unique within a queue or router
   * @param channel the channel, for example {@code call}, {@code chat} or {@code email}
   * @param created when the item was created (its age counts from here), in the supported range
   * @return a builder with priority 0, no deadline, no skills and any language and tier
   * @throws IllegalArgumentException if {@code id} or {@code channel} is blank or too long, or
   *     {@code created} is outside the supported range
   */
  public static Builder builder(String id, String channel, Instant created) {
    return new Builder(id, channel, created);
  }

  /**
   * A builder holding this item's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(id, channel, created);
    b.priority = priority;
    b.deadline = deadline;
    b.language = language;
    b.tier = tier;
    b.keyAccount = keyAccount;
    b.skills.addAll(skills);
    b.preferredAgents.addAll(preferredAgents);
    b.handleTime = handleTime;
    return b;
  }

  /**
   * This item with another deadline (a re-target).
   *
   * @param newDeadline the new deadline, empty if no target is running
   * @return a copy with the deadline replaced
   */
  public WorkItem withDeadline(Optional<Instant> newDeadline) {
    return toBuilder().deadline(newDeadline).build();
  }

  /**
   * This item with the deadline and priority of its ticket's urgency (a re-target: a reply, a
   * priority change). O(1). As {@link Builder#urgency}, it does not read {@link
   * SlaUrgency#paused()}: pausing is the queue's, through {@code apply}.
   *
   * @param urgency the ticket's urgency ({@link SlaUrgency#of})
   * @param levels the level of each SLA priority
   * @return a copy with the deadline and priority replaced, or this item if both are unchanged
   * @throws IllegalArgumentException as {@link Builder#urgency}
   */
  public WorkItem withUrgency(SlaUrgency urgency, PriorityLevels levels) {
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(levels, "levels");
    int level = levels.level(urgency.priority(), "item " + WorkQueue.excerpt(id));
    if (level == priority && urgency.deadline().equals(deadline)) {
      return this;
    }
    return toBuilder().deadline(urgency.deadline()).priority(level).build();
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
   * The channel.
   *
   * @return the channel
   */
  public String channel() {
    return channel;
  }

  /**
   * When the item was created.
   *
   * @return the creation instant
   */
  public Instant created() {
    return created;
  }

  /**
   * The priority, 0 the most urgent.
   *
   * @return the priority
   */
  public int priority() {
    return priority;
  }

  /**
   * The SLA deadline, if a target is running.
   *
   * @return the deadline
   */
  public Optional<Instant> deadline() {
    return deadline;
  }

  /**
   * The language the customer needs, empty for any.
   *
   * @return the language
   */
  public String language() {
    return language;
  }

  /**
   * The customer tier an agent must serve, empty for any.
   *
   * @return the tier
   */
  public String tier() {
    return tier;
  }

  /**
   * Whether the customer is a key account.
   *
   * @return true for a key account
   */
  public boolean keyAccount() {
    return keyAccount;
  }

  /**
   * The skills an agent must have, all of them.
   *
   * @return the skills, unmodifiable
   */
  public Set<String> skills() {
    return skills;
  }

  /**
   * Agents to try first, in order of preference (for example a key account's account team).
   *
   * @return the preferred agent ids, unmodifiable
   */
  public List<String> preferredAgents() {
    return preferredAgents;
  }

  /**
   * The expected handling time of this item, if known.
   *
   * @return the handle time
   */
  public Optional<Duration> handleTime() {
    return handleTime;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WorkItem)) {
      return false;
    }
    WorkItem w = (WorkItem) o;
    return priority == w.priority
        && keyAccount == w.keyAccount
        && id.equals(w.id)
        && channel.equals(w.channel)
        && created.equals(w.created)
        && deadline.equals(w.deadline)
        && language.equals(w.language)
        && tier.equals(w.tier)
        && skills.equals(w.skills)
        && preferredAgents.equals(w.preferredAgents)
        && handleTime.equals(w.handleTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        channel,
        created,
        priority,
        deadline,
        language,
        tier,
        keyAccount,
        skills,
        preferredAgents,
        handleTime);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("WorkItem[").append(id).append(' ').append(channel);
    sb.append(" P").append(priority).append(" created ").append(created);
    deadline.ifPresent(d -> sb.append(" due ").append(d));
    if (!language.isEmpty()) {
      sb.append(" lang ").append(language);
    }
    if (!tier.isEmpty()) {
      sb.append(" tier ").append(tier);
    }
    if (keyAccount) {
      sb.append(" key-account");
    }
    if (!skills.isEmpty()) {
      sb.append(" skills ").append(new TreeSet<>(skills));
    }
    return sb.append(']').toString();
  }

  static String name(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return bounded(field, value);
  }

  /**
   * Checks {@code values} as names of {@code what} and refuses one listed twice, in {@code values}
   * or already in {@code before} (an earlier call of the same builder method), before anything is
   * added: a set lists each name once, and a repeat was merged without a word.
   *
   * @return the checked names, in order
   */
  static List<String> distinctNames(
      String what, String field, Collection<String> before, String... values) {
    Objects.requireNonNull(values, field);
    List<String> out = new ArrayList<>(values.length);
    for (String v : values) {
      String n = name(what, v);
      if (before.contains(n) || out.contains(n)) {
        throw new IllegalArgumentException(
            what + " " + Excerpt.of(n) + " is listed twice in " + field);
      }
      out.add(n);
    }
    return out;
  }

  static String bounded(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          field
              + " \""
              + JsonInput.printable(value.substring(0, 40))
              + "...\" ("
              + value.length()
              + " chars) must be at most "
              + MAX_NAME_LENGTH
              + " characters");
    }
    if (!value.isEmpty()) {
      // the id rule (no control character, line or paragraph separator or lone surrogate): a name
      // is printed in messages, logs and assignment reasons
      Excerpt.requireId(value, field);
    }
    return value;
  }

  /** Builds a {@link WorkItem}; every setter validates at once. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String channel;
    private final Instant created;
    private int priority;
    private Optional<Instant> deadline = Optional.empty();
    private String language = "";
    private String tier = "";
    private boolean keyAccount;
    private final Set<String> skills = new TreeSet<>();
    private final List<String> preferredAgents = new ArrayList<>();
    private Optional<Duration> handleTime = Optional.empty();

    private Builder(String id, String channel, Instant created) {
      this.id = name("id", id);
      this.channel = name("channel", channel);
      this.created = supported("created", this.id, created);
    }

    /**
     * Sets the priority, 0 the most urgent.
     *
     * @param priority 0 to 1000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder priority(int priority) {
      if (priority < 0 || priority > 1000) {
        throw new IllegalArgumentException(
            "priority " + priority + " of item " + id + " must be in [0, 1000]");
      }
      this.priority = priority;
      return this;
    }

    /**
     * Sets the SLA deadline.
     *
     * @param deadline the deadline, in the supported range
     * @return this builder
     * @throws IllegalArgumentException if the deadline is outside the supported range
     */
    public Builder deadline(Instant deadline) {
      this.deadline = Optional.of(supported("deadline", id, deadline));
      return this;
    }

    /**
     * Sets or clears the SLA deadline.
     *
     * @param deadline the deadline, empty for none
     * @return this builder
     * @throws IllegalArgumentException if the deadline is outside the supported range
     */
    public Builder deadline(Optional<Instant> deadline) {
      Objects.requireNonNull(deadline, "deadline");
      deadline.ifPresent(d -> supported("deadline", id, d));
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets the deadline and the priority from a ticket's urgency: the urgency's deadline, and the
     * level {@code levels} give its SLA priority ({@link SlaUrgency#priority()}), so that the
     * queue's priority order and weighted score follow the SLA priority. O(1).
     *
     * <p>An item carries no paused state, so {@link SlaUrgency#paused()} is not read: a ticket
     * already waiting on its customer is queued by {@link WorkQueue#offer} (or {@link
     * WorkRouter#submit}) until its evaluation is applied. Give the evaluation at entry instead
     * ({@link WorkQueue#offer(WorkItem, dev.servicekit.sla.SlaEvaluation,
     * dev.servicekit.sla.SlaPolicySet)}, {@link WorkRouter#submit(WorkItem,
     * dev.servicekit.sla.SlaEvaluation, dev.servicekit.sla.SlaPolicySet)}), which pauses it, or
     * does not add it if the ticket is solved.
     *
     * @param urgency the ticket's urgency ({@link SlaUrgency#of})
     * @param levels the level of each SLA priority
     * @return this builder
     * @throws IllegalArgumentException if the priority has no level (or the ticket has none and
     *     {@code levels} give no level for that), or the deadline is outside the supported range;
     *     the builder is then unchanged
     */
    public Builder urgency(SlaUrgency urgency, PriorityLevels levels) {
      Objects.requireNonNull(urgency, "urgency");
      Objects.requireNonNull(levels, "levels");
      int level = levels.level(urgency.priority(), "item " + WorkQueue.excerpt(id));
      urgency.deadline().ifPresent(d -> supported("deadline", id, d));
      this.priority = level;
      this.deadline = urgency.deadline();
      return this;
    }

    /**
     * Sets the language the customer needs; empty for any.
     *
     * @param language the language, for example {@code ru}
     * @return this builder
     */
    public Builder language(String language) {
      this.language = bounded("language", language);
      return this;
    }

    /**
     * Sets the customer tier an agent must serve; empty for any.
     *
     * @param tier the tier, for example {@code gold}
     * @return this builder
     */
    public Builder tier(String tier) {
      this.tier = bounded("tier", tier);
      return this;
    }

    /**
     * Marks the customer as a key account (or not).
     *
     * @param keyAccount true for a key account
     * @return this builder
     */
    public Builder keyAccount(boolean keyAccount) {
      this.keyAccount = keyAccount;
      return this;
    }

    /**
     * Adds required skills.
     *
     * @param skills skill names
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or too long, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder skills(String... skills) {
      this.skills.addAll(distinctNames("skill", "skills of item " + id, this.skills, skills));
      return this;
    }

    /**
     * Adds preferred agents, most preferred first.
     *
     * @param agentIds agent ids
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or too long, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder preferredAgents(String... agentIds) {
      preferredAgents.addAll(
          distinctNames(
              "preferredAgent", "preferredAgents of item " + id, preferredAgents, agentIds));
      return this;
    }

    /**
     * Sets the expected handling time.
     *
     * @param handleTime positive, at most 30 days
     * @return this builder
     * @throws IllegalArgumentException if not positive or longer than 30 days
     */
    public Builder handleTime(Duration handleTime) {
      this.handleTime = Optional.of(positiveHandleTime("handleTime of item " + id, handleTime));
      return this;
    }

    /**
     * Builds the item.
     *
     * @return the item
     */
    public WorkItem build() {
      return new WorkItem(this);
    }
  }

  /** {@code t} if it lies in sla-core's supported range, else a rejection naming the field. */
  static Instant supported(String field, String id, Instant t) {
    Objects.requireNonNull(t, field);
    if (t.isBefore(BusinessCalendar.SUPPORTED_START)
        || !t.isBefore(BusinessCalendar.SUPPORTED_END)) {
      throw new IllegalArgumentException(
          field
              + " "
              + t
              + " of item "
              + WorkQueue.excerpt(id)
              + " is outside the supported range ["
              + BusinessCalendar.SUPPORTED_START
              + ", "
              + BusinessCalendar.SUPPORTED_END
              + ")");
    }
    return t;
  }

  static Duration positiveHandleTime(String field, Duration d) {
    Objects.requireNonNull(d, "handleTime");
    if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException(field + " " + d + " must be positive and at most P30D");
    }
    return d;
  }
}
