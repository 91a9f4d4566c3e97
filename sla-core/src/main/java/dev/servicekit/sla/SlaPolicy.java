package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One SLA policy: which tickets it applies to, how their priority is derived (severity x tier
 * matrix), the target per metric for each priority and channel, and how each metric is measured.
 *
 * <p>Targets are looked up by (priority, channel); the channel {@value #ANY_CHANNEL} is the
 * fallback for channels without their own cell. Which priorities need cells:
 *
 * <ul>
 *   <li>If the target table has any cell, every priority the matrix can produce must have a cell
 *       for every listed channel or a fallback cell (a forgotten priority is a mistake). A policy
 *       with no target cell at all needs none: its metrics take their deadline from a due date
 *       ({@link MetricRule.Builder#dueFrom}) or are measured without a target.
 *   <li>A priority the matrix never produces may have targets: a {@link
 *       TicketEvent.PriorityChanged} sets any priority some policy of the set knows ({@link
 *       SlaPolicySet#priorities()}, which includes every priority of every target table), as
 *       Zendesk and ServiceNow CRMs send it directly. Its row must cover the listed channels like
 *       any other.
 * </ul>
 *
 * <p>A metric with targets but no {@link MetricRule} of its own gets the set's {@linkplain
 * SlaPolicySet#defaultRules() default rule} for that metric, if the set has one, else counts 24/7,
 * never paused ({@link MetricRule#of}).
 *
 * <p>A metric counts on the calendar of its {@link MetricRule}, unless its target cell names a
 * calendar of its own ({@link Builder#target(String, String, SlaMetric, Duration, String)}): then
 * that calendar applies to the metric under that (priority, channel) only, e.g. urgent tickets
 * counted 24/7 while normal ones count team business hours. {@link #calendarFor} answers which
 * calendar applies.
 *
 * <p>A policy keeps apart the rules it was given ({@link #givenRules()}) from those filled in, and
 * {@link #equals} compares both: see there.
 *
 * <p>Lookups are {@code O(1)}. This class is immutable and thread-safe.
 */
public final class SlaPolicy {

  /** The channel key of fallback target cells. */
  public static final String ANY_CHANNEL = "*";

  /**
   * The longest target a policy accepts: 100 years (36,525 days), a quarter of the calendars'
   * supported range. Escalations at up to 1000 % of it still fit every computation exactly.
   */
  public static final Duration MAX_TARGET = Duration.ofDays(36_525);

  private final String name;
  private final MatchCondition condition;
  private final PriorityMatrix matrix;
  private final List<String> channels;
  private final Map<String, Map<String, Map<SlaMetric, Duration>>> targets;
  private final Map<SlaMetric, MetricRule> rules;
  // priority -> channel -> metric -> calendar key, only where it differs from the rule's calendar
  private final Map<String, Map<String, Map<SlaMetric, String>>> calendars;
  // The metrics whose rule build() filled in (MetricRule.of), which a set's default rule replaces,
  // and every calendar override as given, including those equal to the filled-in rule's calendar,
  // which a default rule's calendar may not equal.
  private final Set<SlaMetric> implicitRules;
  private final Map<String, Map<String, Map<SlaMetric, String>>> givenCalendars;
  // Part of equality: the overrides as given that may matter in some set, i.e. all but those equal
  // to their metric's given rule's calendar (a given rule is the same in every set).
  private final Map<String, Map<String, Map<SlaMetric, String>>> givenOverrides;

  private SlaPolicy(
      Builder b,
      Map<SlaMetric, MetricRule> rules,
      Map<String, Map<String, Map<SlaMetric, String>>> calendars,
      Set<SlaMetric> implicitRules) {
    this.name = b.name;
    this.condition = b.condition;
    this.matrix = b.matrix;
    this.channels = List.copyOf(b.channels);
    Map<String, Map<String, Map<SlaMetric, Duration>>> t = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Map<SlaMetric, Duration>>> p : b.targets.entrySet()) {
      Map<String, Map<SlaMetric, Duration>> byChannel = new LinkedHashMap<>();
      for (Map.Entry<String, Map<SlaMetric, Duration>> c : p.getValue().entrySet()) {
        byChannel.put(c.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(c.getValue())));
      }
      t.put(p.getKey(), Collections.unmodifiableMap(byChannel));
    }
    this.targets = Collections.unmodifiableMap(t);
    this.rules = Collections.unmodifiableMap(rules);
    this.calendars = calendars;
    this.implicitRules = Set.copyOf(implicitRules);
    this.givenCalendars = copy(b.calendars);
    this.givenOverrides = mayMatter(givenCalendars, rules, this.implicitRules);
  }

  private SlaPolicy(
      SlaPolicy p,
      Map<SlaMetric, MetricRule> rules,
      Map<String, Map<String, Map<SlaMetric, String>>> calendars,
      Set<SlaMetric> implicitRules) {
    this.name = p.name;
    this.condition = p.condition;
    this.matrix = p.matrix;
    this.channels = p.channels;
    this.targets = p.targets;
    this.rules = Collections.unmodifiableMap(rules);
    this.calendars = calendars;
    this.implicitRules = Set.copyOf(implicitRules);
    this.givenCalendars = p.givenCalendars;
    this.givenOverrides = p.givenOverrides; // the given rules, hence these, are unchanged
  }

  private static Map<String, Map<String, Map<SlaMetric, String>>> copy(
      Map<String, Map<String, Map<SlaMetric, String>>> m) {
    Map<String, Map<String, Map<SlaMetric, String>>> out = new LinkedHashMap<>();
    m.forEach(
        (p, byChannel) -> {
          Map<String, Map<SlaMetric, String>> c = new LinkedHashMap<>();
          byChannel.forEach((k, cell) -> c.put(k, new LinkedHashMap<>(cell)));
          out.put(p, c);
        });
    return out;
  }

  /**
   * Keeps, of the calendar overrides as given, those that differ from their metric's rule's
   * calendar: the overrides in effect under these rules (one equal to it changes nothing here).
   */
  private static Map<String, Map<String, Map<SlaMetric, String>>> differing(
      Map<String, Map<String, Map<SlaMetric, String>>> given, Map<SlaMetric, MetricRule> rules) {
    return mayMatter(given, rules, Set.of());
  }

  /**
   * Keeps, of the calendar overrides as given, those that may change what a policy measures in some
   * set: every override of a metric whose rule was filled in (a set's default rule may count on
   * another calendar), and those of a given rule's metric that differ from its calendar.
   */
  private static Map<String, Map<String, Map<SlaMetric, String>>> mayMatter(
      Map<String, Map<String, Map<SlaMetric, String>>> given,
      Map<SlaMetric, MetricRule> rules,
      Set<SlaMetric> implicit) {
    Map<String, Map<String, Map<SlaMetric, String>>> out = new LinkedHashMap<>();
    given.forEach(
        (p, byChannel) ->
            byChannel.forEach(
                (c, cell) ->
                    cell.forEach(
                        (m, key) -> {
                          if (implicit.contains(m) || !key.equals(rules.get(m).calendar())) {
                            out.computeIfAbsent(p, k -> new LinkedHashMap<>())
                                .computeIfAbsent(c, k -> new LinkedHashMap<>())
                                .put(m, key);
                          }
                        })));
    return out;
  }

  /**
   * The calendar a target cell was given for the metric, if that may matter in some set: the key
   * given to {@link Builder#target(String, String, SlaMetric, Duration, String)}, unless it equals
   * the calendar of the metric's given rule. {@code null} if none.
   */
  String givenCalendar(String priority, String channel, SlaMetric metric) {
    return givenOverrides
        .getOrDefault(priority, Map.of())
        .getOrDefault(channel, Map.of())
        .get(metric);
  }

  /**
   * Returns this policy with each metric whose rule {@link Builder#build()} filled in (or a set's
   * default rule replaced since) given its rule in {@code defaults}, or the filled-in 24/7 rule if
   * {@code defaults} has none; this policy itself if nothing changes. A rule given to the builder
   * is kept whatever the defaults say. {@code O(rules + targets)}.
   */
  SlaPolicy withDefaultRules(Map<SlaMetric, MetricRule> defaults) {
    Map<SlaMetric, MetricRule> all = new LinkedHashMap<>(rules);
    boolean changed = false;
    for (SlaMetric m : implicitRules) {
      // A rule filled in stays replaceable: a policy taken from another set's policies() gets this
      // set's default, or the builder's 24/7 rule if this set has none for the metric.
      MetricRule d = defaults.getOrDefault(m, MetricRule.of(m));
      if (!d.equals(all.get(m))) {
        all.put(m, d);
        changed = true;
      }
    }
    if (!changed) {
      return this;
    }
    return new SlaPolicy(this, all, differing(givenCalendars, all), implicitRules);
  }

  /**
   * Starts a builder.
   *
   * @param name policy name, a key
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns the name.
   *
   * @return the policy name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the match condition.
   *
   * @return the condition
   */
  public MatchCondition condition() {
    return condition;
  }

  /**
   * Returns the priority matrix.
   *
   * @return the matrix
   */
  public PriorityMatrix matrix() {
    return matrix;
  }

  /**
   * Returns the channels that have (or must have) their own target cells.
   *
   * @return channels, in declaration order
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * Returns the targets of a priority and channel, falling back to the {@value #ANY_CHANNEL} cell.
   *
   * @param priority priority key
   * @param channel channel key
   * @return metric -&gt; target duration; empty if the priority has no cell
   */
  public Map<SlaMetric, Duration> targets(String priority, String channel) {
    Map<String, Map<SlaMetric, Duration>> byChannel = targets.get(priority);
    if (byChannel == null) {
      return Map.of();
    }
    Map<SlaMetric, Duration> cell = byChannel.get(channel);
    if (cell == null) {
      cell = byChannel.get(ANY_CHANNEL);
    }
    return cell == null ? Map.of() : cell;
  }

  /**
   * Returns the calendar key a metric counts on under a priority and channel: the calendar of the
   * target cell that {@link #targets(String, String)} picks for them if that cell names one, else
   * the calendar of the metric's {@link MetricRule}. An override equal to the rule's calendar is
   * not kept apart from it (it behaves the same), so the answer is all there is to know. {@code
   * O(1)}.
   *
   * @param priority priority key
   * @param channel channel key
   * @param metric the metric
   * @return the calendar key; empty if the metric has no target for this priority and channel
   */
  public Optional<String> calendarFor(String priority, String channel, SlaMetric metric) {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(metric, "metric");
    Map<String, Map<SlaMetric, Duration>> byChannel = targets.get(priority);
    if (byChannel == null) {
      return Optional.empty();
    }
    String cellChannel = byChannel.containsKey(channel) ? channel : ANY_CHANNEL;
    Map<SlaMetric, Duration> cell = byChannel.get(cellChannel);
    if (cell == null || !cell.containsKey(metric)) {
      return Optional.empty();
    }
    String override =
        calendars.getOrDefault(priority, Map.of()).getOrDefault(cellChannel, Map.of()).get(metric);
    return Optional.of(override != null ? override : rules.get(metric).calendar());
  }

  /**
   * Returns the whole target table as priority -&gt; channel -&gt; metric -&gt; target.
   *
   * @return the table
   */
  public Map<String, Map<String, Map<SlaMetric, Duration>>> targetTable() {
    return targets;
  }

  /**
   * Returns the measuring rule of every metric that has a target somewhere in the table (or an
   * explicit rule): the {@linkplain #givenRules() given rules}, and for each other targeted metric
   * the rule filled in, which is the {@linkplain SlaPolicySet#defaultRules() default rule} of the
   * set this policy was taken from, or the 24/7 rule {@link MetricRule#of}.
   *
   * @return metric -&gt; rule
   */
  public Map<SlaMetric, MetricRule> rules() {
    return rules;
  }

  /**
   * Returns the rules the builder was given ({@link Builder#rule}), which every set keeps: the
   * {@linkplain #rules() rules} without those filled in. {@code O(rules)}.
   *
   * @return metric -&gt; given rule, in the order of {@link #rules()}
   */
  public Map<SlaMetric, MetricRule> givenRules() {
    if (implicitRules.isEmpty()) {
      return rules;
    }
    Map<SlaMetric, MetricRule> out = new LinkedHashMap<>();
    rules.forEach(
        (m, r) -> {
          if (!implicitRules.contains(m)) {
            out.put(m, r);
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the rule of a metric.
   *
   * @param metric the metric
   * @return the rule, if the policy measures the metric
   */
  public Optional<MetricRule> rule(SlaMetric metric) {
    return Optional.ofNullable(rules.get(metric));
  }

  /**
   * Two policies are equal if they measure alike here and in every set: equal names, conditions,
   * matrices, channels, targets and {@linkplain #rules() rules}, the same {@linkplain #givenRules()
   * given rules}, and the same target calendars as given, except those equal to their metric's
   * given rule's calendar (they change nothing). So a rule given to the builder and the same rule
   * filled in (by a set's default rule or as the 24/7 rule) make two policies unequal: in a set
   * with another default rule, only the filled-in one changes.
   *
   * @param o the other object
   * @return whether {@code o} is an equal policy
   */
  @Override
  public boolean equals(Object o) {
    // calendars (the effective overrides) follow from rules and givenOverrides
    return o instanceof SlaPolicy p
        && name.equals(p.name)
        && condition.equals(p.condition)
        && matrix.equals(p.matrix)
        && channels.equals(p.channels)
        && targets.equals(p.targets)
        && rules.equals(p.rules)
        && implicitRules.equals(p.implicitRules)
        && givenOverrides.equals(p.givenOverrides);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, condition, matrix, channels, targets, rules, implicitRules, givenOverrides);
  }

  @Override
  public String toString() {
    return "SlaPolicy[" + name + "]";
  }

  /** Mutable builder of {@link SlaPolicy}; validates eagerly where it can; not thread-safe. */
  public static final class Builder {
    private final String name;
    private MatchCondition condition = MatchCondition.always();
    private PriorityMatrix matrix;
    private final List<String> channels = new ArrayList<>();
    private final Map<String, Map<String, Map<SlaMetric, Duration>>> targets =
        new LinkedHashMap<>();
    private final Map<SlaMetric, MetricRule> rules = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<SlaMetric, String>>> calendars =
        new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Keys.requireKey(name, "policy name");
    }

    /**
     * Sets the match condition (default: every ticket).
     *
     * @param condition the condition
     * @return this builder
     */
    public Builder when(MatchCondition condition) {
      this.condition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * Sets the priority matrix.
     *
     * @param matrix the matrix
     * @return this builder
     */
    public Builder matrix(PriorityMatrix matrix) {
      this.matrix = Objects.requireNonNull(matrix, "matrix");
      return this;
    }

    /**
     * Lists channels that must have their own cell or be covered by the {@value #ANY_CHANNEL} cell.
     *
     * @param keys channel keys
     * @return this builder
     * @throws IllegalArgumentException if a key is invalid or {@value #ANY_CHANNEL}, or a channel
     *     is listed twice (in this call or an earlier one); the builder is then unchanged
     */
    public Builder channels(String... keys) {
      Objects.requireNonNull(keys, "channels");
      for (String k : keys) {
        Keys.requireKey(k, "channel");
        if (ANY_CHANNEL.equals(k)) {
          throw new IllegalArgumentException(
              "channel '*' is the fallback cell, not a channel to list");
        }
      }
      channels.addAll(
          Keys.requireDistinctKeys(
              java.util.Arrays.asList(keys), channels, "channels of policy " + name, "channel"));
      return this;
    }

    /**
     * Sets one target.
     *
     * @param priority priority key
     * @param channel channel key or {@value #ANY_CHANNEL}
     * @param metric the metric
     * @param target the target, positive and at most {@link #MAX_TARGET}
     * @return this builder
     * @throws IllegalArgumentException if the target is not positive, above {@link #MAX_TARGET} or
     *     already set
     */
    public Builder target(String priority, String channel, SlaMetric metric, Duration target) {
      Keys.requireKey(priority, "priority");
      Keys.requireKey(channel, "channel");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(target, "target");
      if (target.isNegative() || target.isZero()) {
        throw new IllegalArgumentException(
            "target "
                + target
                + " of "
                + metric
                + " (priority "
                + priority
                + ", channel "
                + channel
                + ") must be positive");
      }
      if (target.compareTo(MAX_TARGET) > 0) {
        throw new IllegalArgumentException(
            "target "
                + target
                + " of "
                + metric
                + " (priority "
                + priority
                + ", channel "
                + channel
                + ") must be at most "
                + MAX_TARGET
                + " (100 years)");
      }
      Duration prev =
          targets
              .computeIfAbsent(priority, k -> new LinkedHashMap<>())
              .computeIfAbsent(channel, k -> new LinkedHashMap<>())
              .putIfAbsent(metric, target);
      if (prev != null) {
        throw new IllegalArgumentException(
            "target of "
                + metric
                + " (priority "
                + priority
                + ", channel "
                + channel
                + ") was already set to "
                + prev);
      }
      return this;
    }

    /**
     * Sets one target counted on its own calendar: under this priority and channel the metric
     * counts on {@code calendarKey} instead of its rule's calendar (Zendesk's per-priority
     * "business hours / calendar hours" choice, JSM's calendar per goal). The key is resolved like
     * a rule's calendar: {@value MetricRule#ALWAYS} means 24/7 unless mapped, any other key must be
     * among the calendars given to the clock.
     *
     * @param priority priority key
     * @param channel channel key or {@value #ANY_CHANNEL}
     * @param metric the metric
     * @param target the target, positive
     * @param calendarKey key of the calendar this target counts on
     * @return this builder
     * @throws IllegalArgumentException if a key is invalid, the target is not positive or already
     *     set
     */
    public Builder target(
        String priority, String channel, SlaMetric metric, Duration target, String calendarKey) {
      Keys.requireKey(calendarKey, "calendar");
      target(priority, channel, metric, target);
      calendars
          .computeIfAbsent(priority, k -> new LinkedHashMap<>())
          .computeIfAbsent(channel, k -> new LinkedHashMap<>())
          .put(metric, calendarKey);
      return this;
    }

    /**
     * Sets one target for every channel without its own cell.
     *
     * @param priority priority key
     * @param metric the metric
     * @param target the target, positive
     * @return this builder
     */
    public Builder target(String priority, SlaMetric metric, Duration target) {
      return target(priority, ANY_CHANNEL, metric, target);
    }

    /**
     * Sets one target, counted on its own calendar, for every channel without its own cell; see
     * {@link #target(String, String, SlaMetric, Duration, String)}.
     *
     * @param priority priority key
     * @param metric the metric
     * @param target the target, positive
     * @param calendarKey key of the calendar this target counts on
     * @return this builder
     */
    public Builder target(String priority, SlaMetric metric, Duration target, String calendarKey) {
      return target(priority, ANY_CHANNEL, metric, target, calendarKey);
    }

    /**
     * Sets how a metric is measured.
     *
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException if the metric already has a rule
     */
    public Builder rule(MetricRule rule) {
      Objects.requireNonNull(rule, "rule");
      MetricRule prev = rules.putIfAbsent(rule.metric(), rule);
      if (prev != null) {
        throw new IllegalArgumentException("metric " + rule.metric() + " already has a rule");
      }
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the matrix is missing or a priority lacks target cells
     */
    public SlaPolicy build() {
      if (matrix == null) {
        throw new IllegalArgumentException("policy " + name + " has no priority matrix");
      }
      for (String p : matrix.priorities()) {
        requireRow(p);
      }
      for (String p : targets.keySet()) {
        requireChannelCells(p);
        for (String c : targets.get(p).keySet()) {
          requireListedChannel(p, c);
        }
      }
      Map<SlaMetric, MetricRule> all = new LinkedHashMap<>(rules);
      Set<SlaMetric> implicit = new java.util.LinkedHashSet<>();
      for (Map<String, Map<SlaMetric, Duration>> byChannel : targets.values()) {
        for (Map<SlaMetric, Duration> cell : byChannel.values()) {
          for (SlaMetric m : cell.keySet()) {
            if (!all.containsKey(m)) {
              all.put(m, MetricRule.of(m));
              implicit.add(m);
            }
          }
        }
      }
      return new SlaPolicy(this, all, differing(calendars, all), implicit);
    }

    /**
     * The rule that the table has a row for priority {@code p} of the matrix, unless it has no row
     * at all; apart, like the two below, so that a reader can locate a refusal at the table.
     */
    void requireRow(String p) {
      // A row the matrix never produces is set by PriorityChanged, so it is not a mistake; an
      // empty table (due dates and untargeted metrics only) needs no rows at all.
      if (!targets.isEmpty() && !targets.containsKey(p)) {
        throw new IllegalArgumentException(
            "policy "
                + name
                + " has no target cell for priority "
                + p
                + " (its matrix produces it; a policy without any target cell needs none)");
      }
    }

    /** The rule that row {@code p}, unless it has a fallback cell, has a cell per channel. */
    void requireChannelCells(String p) {
      Map<String, Map<SlaMetric, Duration>> byChannel = targets.get(p);
      if (byChannel == null || byChannel.containsKey(ANY_CHANNEL)) {
        return;
      }
      for (String c : channels) {
        if (!byChannel.containsKey(c)) {
          throw new IllegalArgumentException(
              "policy "
                  + name
                  + " has no target cell for (priority "
                  + p
                  + ", channel "
                  + c
                  + ") and no fallback channel '*'");
        }
      }
    }

    /**
     * The rule that cell {@code c} of row {@code p}, unless the row has a fallback cell, is of a
     * listed channel.
     */
    void requireListedChannel(String p, String c) {
      Map<String, Map<SlaMetric, Duration>> byChannel = targets.get(p);
      if (byChannel == null || byChannel.containsKey(ANY_CHANNEL) || !byChannel.containsKey(c)) {
        return;
      }
      if (!channels.contains(c)) {
        throw new IllegalArgumentException(
            "policy "
                + name
                + " has a target cell for channel "
                + c
                + " which is not listed in channels "
                + Excerpt.list(channels));
      }
    }
  }

  /**
   * Returns the statuses referenced by the rules (pause statuses).
   *
   * @return referenced status keys
   */
  Set<String> referencedStatuses() {
    Set<String> s = new java.util.LinkedHashSet<>();
    for (MetricRule r : rules.values()) {
      s.addAll(r.pauseStatuses());
    }
    return s;
  }

  /**
   * Returns the calendar keys of the target cells that override their rule's calendar.
   *
   * @return override calendar keys, in table order
   */
  Set<String> overrideCalendars() {
    Set<String> s = new java.util.LinkedHashSet<>();
    calendars.values().forEach(byChannel -> byChannel.values().forEach(c -> s.addAll(c.values())));
    return s;
  }
}
