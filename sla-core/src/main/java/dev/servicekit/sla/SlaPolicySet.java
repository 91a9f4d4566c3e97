package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete SLA configuration of a help desk: the ticket status model, lifecycle stages, how
 * replies count, and an ordered list of policies where the first match wins, with a default policy
 * for tickets no policy matches.
 *
 * <p>Keys (statuses, tiers, severities, priorities, channels, tags, attribute names and values,
 * policy, metric, stage and calendar names) are 1 to 64 characters with no control character, no
 * lone surrogate and no whitespace except single spaces between other characters: {@code Waiting
 * for customer} is a key, {@code " open"}, {@code "on hold"} and a key with a tab or line break are
 * not. Nothing in sla-core splits a key on spaces. The ticket attributes {@value #SEVERITY},
 * {@value #TIER} and {@value #CHANNEL} feed the priority matrix and the target lookup; a matrix may
 * read other attributes for its rows and columns ({@link PriorityMatrix.Builder#rows}), and then
 * every matrix of the set that lists cells must read the same two ({@link #rowAttribute()}).
 *
 * <p>Besides the built-in metrics, a set may define named metrics as data ({@link
 * MetricDefinition}, {@link Builder#metric}), measured as {@link SlaMetric#custom(String)} with
 * targets and rules from each policy like the built-ins.
 *
 * <p><b>Default rules.</b> {@link Builder#defaultRule} sets, per metric, the {@link MetricRule} of
 * every policy that targets the metric without a rule of its own (vendor presets use it for their
 * pause statuses, see {@link SlaPreset#policySet()}). A policy's own rule for the metric wins
 * entirely: nothing of the default (pause statuses, calendar, warnings) is merged into it. A
 * default rule counts on its own calendar, {@value MetricRule#ALWAYS} (24/7) unless set, which is
 * what a target without any rule counts on; a target cell's own calendar ({@link
 * SlaPolicy#calendarFor}) still wins over it. {@link #policies()} and {@link #defaultPolicy()}
 * return the policies with their default rules in place, so a set with default rules measures
 * exactly like the same set with each default rule given to every policy that targets the metric
 * without one (its policies are not equal to those, which were given the rule: see {@link
 * SlaPolicy#equals}). A policy taken from another set's {@link #policies()} gets this set's default
 * rules in place of that set's (or the 24/7 rule where this set has none), never keeping the other
 * set's.
 *
 * <p>Settings that change the <em>shape</em> of cycles (status model, stages, metric definitions,
 * reopen rule) are set-wide, so that a change of policy mid-life re-targets cycles without
 * re-deriving them. Per-policy settings are the targets, calendars, pause statuses, warnings and
 * escalations.
 *
 * <p>Which replies count: {@link #internalNotesCount()} and {@link #automatedRepliesCount()} are
 * the defaults; a policy's {@link MetricRule} for first reply, next reply or periodic update may
 * override either for that metric. An agent reply counts for such a metric iff it is public or
 * notes count, and human-written or automated replies count, under the rule of the policy in force
 * when the reply is written (the set-wide switch where the rule does not say). It then stops that
 * metric's running cycle (periodic update also starts its next cycle); a reply arms the next
 * customer message (which starts a next-reply cycle) iff it counts for next reply. A reply is
 * applied once, when it happens: a later policy change does not re-decide which earlier replies
 * counted.
 *
 * <p>{@link #select} is {@code O(policies x conditions)}. This class is immutable and thread-safe.
 */
public final class SlaPolicySet {
  private static final Logger LOG = LoggerFactory.getLogger(SlaPolicySet.class);

  /** Ticket attribute holding the severity, the default rows of a priority matrix. */
  public static final String SEVERITY = "severity";

  /** Ticket attribute holding the customer tier, the default columns of a priority matrix. */
  public static final String TIER = "tier";

  /** Ticket attribute holding the channel (email, chat, phone...). */
  public static final String CHANNEL = "channel";

  private final Set<String> statuses;
  private final Set<String> solvedStatuses;
  private final Set<String> cancelledStatuses;
  private final String initialStatus;
  private final Map<String, StageDefinition> stages;
  private final Map<String, MetricDefinition> metrics;
  private final Map<SlaMetric, MetricRule> defaultRules;
  private final ReopenRule resolutionReopen;
  private final RetargetRule retarget;
  private final StopRule stopRule;
  private final ReattachStart reattachStart;
  private final boolean retroactivePause;
  private final ScheduleRule scheduleRule;
  private final BreachRule breachRule;
  private final ClosingRule closingRule;
  private final DueDateRule dueDateRule;
  private final boolean internalNotesCount;
  private final boolean automatedRepliesCount;
  private final boolean periodicUpdateFromCreation;
  private final SolveRule firstResponseSolve;
  private final boolean creationStopOverridesStart;
  private final boolean rejectUnknownKeys;
  private final List<SlaPolicy> policies;
  private final SlaPolicy defaultPolicy;
  private final Set<String> calendarKeys;
  private final Set<String> priorities;
  private final String rowAttribute;
  private final String columnAttribute;

  private SlaPolicySet(Builder b, List<SlaPolicy> policies, SlaPolicy defaultPolicy) {
    this.statuses = Collections.unmodifiableSet(new LinkedHashSet<>(b.statuses));
    this.solvedStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(b.solved));
    this.cancelledStatuses = Collections.unmodifiableSet(new LinkedHashSet<>(b.cancelled));
    this.initialStatus = b.initialStatus;
    this.stages = Collections.unmodifiableMap(new LinkedHashMap<>(b.stages));
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
    this.defaultRules = Collections.unmodifiableMap(new LinkedHashMap<>(b.defaultRules));
    this.resolutionReopen = b.resolutionReopen;
    this.retarget = b.retarget;
    this.stopRule = b.stopRule;
    this.reattachStart = b.reattachStart;
    this.retroactivePause = b.retroactivePause;
    this.scheduleRule = b.scheduleRule;
    this.breachRule = b.breachRule;
    this.closingRule = b.closingRule;
    this.dueDateRule = b.dueDateRule;
    this.internalNotesCount = b.internalNotesCount;
    this.automatedRepliesCount = b.automatedRepliesCount;
    this.periodicUpdateFromCreation = b.periodicUpdateFromCreation;
    this.firstResponseSolve = b.firstResponseSolve;
    this.creationStopOverridesStart = b.creationStopOverridesStart;
    this.rejectUnknownKeys = b.rejectUnknownKeys;
    this.policies = List.copyOf(policies);
    this.defaultPolicy = defaultPolicy;
    Set<String> keys = new LinkedHashSet<>();
    for (SlaPolicy p : policies) {
      for (MetricRule r : p.rules().values()) {
        keys.add(r.calendar());
      }
      keys.addAll(p.overrideCalendars());
    }
    for (MetricRule r : defaultPolicy.rules().values()) {
      keys.add(r.calendar());
    }
    keys.addAll(defaultPolicy.overrideCalendars());
    this.calendarKeys = Collections.unmodifiableSet(keys);
    Set<String> known = new java.util.TreeSet<>();
    for (SlaPolicy p : policies) {
      known.addAll(p.targetTable().keySet());
      known.addAll(p.matrix().priorities());
    }
    known.addAll(defaultPolicy.targetTable().keySet());
    known.addAll(defaultPolicy.matrix().priorities());
    this.priorities = Collections.unmodifiableSet(known);
    String rows = PriorityMatrix.DEFAULT_ROWS;
    String columns = PriorityMatrix.DEFAULT_COLUMNS;
    for (SlaPolicy p : policies) {
      if (p.matrix().readsAttributes()) {
        rows = p.matrix().rowAttribute();
        columns = p.matrix().columnAttribute();
      }
    }
    if (defaultPolicy.matrix().readsAttributes()) {
      rows = defaultPolicy.matrix().rowAttribute();
      columns = defaultPolicy.matrix().columnAttribute();
    }
    this.rowAttribute = rows;
    this.columnAttribute = columns;
  }

  /**
   * Returns the ticket attribute every priority matrix of the set reads for its rows: the one its
   * matrices with cells name ({@link PriorityMatrix#rowAttribute()}), {@value #SEVERITY} if none
   * has cells. Targeting, fallback and unknown-key anomalies and {@link #rejectUnknownKeys()} read
   * this attribute.
   *
   * @return the row attribute
   */
  public String rowAttribute() {
    return rowAttribute;
  }

  /**
   * Returns the ticket attribute every priority matrix of the set reads for its columns, {@value
   * #TIER} if no matrix has cells; see {@link #rowAttribute()}.
   *
   * @return the column attribute
   */
  public String columnAttribute() {
    return columnAttribute;
  }

  /**
   * Returns the priorities some policy of the set knows: has targets for or can derive from its
   * matrix. An explicit priority change to any other priority is an anomaly of the ticket; a
   * priority known only to another policy is valid (under the current policy its cycles then have
   * no target). {@code O(1)}.
   *
   * @return known priorities, sorted
   */
  public Set<String> priorities() {
    return priorities;
  }

  /**
   * Returns the calendar keys the rules and the targets' own calendars refer to: the calendars a
   * caller must provide to {@link SlaClock#of}, except {@value MetricRule#ALWAYS}, which is listed
   * when a rule or target names it but is reserved (it always means 24/7, and a calendar given
   * under it is refused).
   *
   * @return calendar keys
   */
  public Set<String> calendarKeys() {
    return calendarKeys;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the first policy whose condition matches, else the default policy.
   *
   * @param attributes the ticket's attributes
   * @param tags the ticket's tags
   * @return the applicable policy
   */
  public SlaPolicy select(Map<String, String> attributes, Set<String> tags) {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(tags, "tags");
    for (int i = 0; i < policies.size(); i++) {
      SlaPolicy p = policies.get(i);
      if (p.condition().matches(attributes, tags)) {
        return p;
      }
    }
    return defaultPolicy;
  }

  /**
   * Returns the known statuses; a status change to any other status is rejected.
   *
   * @return statuses in declaration order
   */
  public Set<String> statuses() {
    return statuses;
  }

  /**
   * Returns the statuses that count as solved (stop resolution, periodic update and reply cycles).
   *
   * @return solved statuses
   */
  public Set<String> solvedStatuses() {
    return solvedStatuses;
  }

  /**
   * Whether a ticket evaluated as {@code evaluation} under this set has finished: its status is one
   * of the {@link #solvedStatuses()}, no transition lies ahead ({@link
   * SlaEvaluation#nextTransition()} is empty) and every cycle it reports has stopped. Such a
   * ticket's evaluation stays the same at every later instant, so only a new event (a reopen, a
   * message, a new targeting) can change it: a CRM may archive its clock as a snapshot, and the
   * stream adapters release its state after their retention. {@code O(cycles)}; thread-safe.
   *
   * @param evaluation an evaluation of a ticket under this set
   * @return whether the ticket has finished
   */
  public boolean isFinished(SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    if (!solvedStatuses.contains(evaluation.status()) || evaluation.nextTransition().isPresent()) {
      return false;
    }
    for (MetricCycle c : evaluation.cycles()) {
      if (c.stop().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the solved statuses in which a ticket ends without an outcome (ServiceNow's
   * "Canceled"): entering one from an unsolved status ends the running reply, periodic update and
   * resolution cycles {@link CycleState#CANCELLED} (or {@link CycleState#BREACHED} if they had
   * breached) instead of meeting them; otherwise they act as solved statuses. Empty by default.
   *
   * @return cancelled statuses, a subset of {@link #solvedStatuses()}
   */
  public Set<String> cancelledStatuses() {
    return cancelledStatuses;
  }

  /**
   * Returns the status of a ticket created without one.
   *
   * @return the initial status
   */
  public String initialStatus() {
    return initialStatus;
  }

  /**
   * Returns the lifecycle stages by name.
   *
   * @return stages
   */
  public Map<String, StageDefinition> stages() {
    return stages;
  }

  /**
   * Returns the metrics defined as data, by name (see {@link MetricDefinition}); each is measured
   * as {@link SlaMetric#custom(String)} beside the built-in metrics.
   *
   * @return metric definitions in declaration order
   */
  public Map<String, MetricDefinition> metrics() {
    return metrics;
  }

  /**
   * Returns the default rules by metric: the rule of each policy that targets the metric without a
   * rule of its own (see the class comment). {@link #policies()} already have them in place.
   *
   * @return metric -&gt; default rule, in declaration order; empty by default
   */
  public Map<SlaMetric, MetricRule> defaultRules() {
    return defaultRules;
  }

  /**
   * Returns what reopening a solved ticket does to its resolution cycle.
   *
   * @return the reopen rule
   */
  public ReopenRule resolutionReopen() {
    return resolutionReopen;
  }

  /**
   * Returns what a re-target does to breaches, warnings and escalations a running cycle has already
   * reached.
   *
   * @return the re-target rule
   */
  public RetargetRule retargetRule() {
    return retarget;
  }

  /**
   * Returns which targeting judges a cycle that an update stops or cancels while it also re-targets
   * the ticket: the one after the update ({@link StopRule#AFTER_UPDATE}, the default) or the one
   * before it ({@link StopRule#BEFORE_UPDATE}).
   *
   * @return the stop rule
   */
  public StopRule stopRule() {
    return stopRule;
  }

  /**
   * Returns where a cycle attached by {@link RetargetRule#CANCEL_AND_REATTACH} starts.
   *
   * @return the reattach start
   */
  public ReattachStart reattachStart() {
    return reattachStart;
  }

  /**
   * Returns whether the pause statuses between a retroactive start ({@link #reattachStart()} other
   * than {@link ReattachStart#AT_CHANGE}) and the re-target pause the attached cycle (ServiceNow's
   * "Retroactive pause"). If false (the default), that span counts in full, whatever the statuses
   * were; from the re-target on, pause statuses pause the cycle as usual.
   *
   * @return true if pauses before the attach count
   */
  public boolean retroactivePause() {
    return retroactivePause;
  }

  /**
   * Returns which calendar a running cycle is counted on after the calendar of its metric changed.
   *
   * @return the schedule rule
   */
  public ScheduleRule scheduleRule() {
    return scheduleRule;
  }

  /**
   * Returns whether a cycle running at its deadline instant is breached at that instant.
   *
   * @return the breach rule
   */
  public BreachRule breachRule() {
    return breachRule;
  }

  /**
   * Returns where the deadline falls when a target is used up exactly at a calendar close.
   *
   * @return the closing rule
   */
  public ClosingRule closingRule() {
    return closingRule;
  }

  /**
   * Returns what a metric taking its deadline from a due date is measured against when the ticket
   * has none, or one at or before the cycle's start.
   *
   * @return the due date rule
   */
  public DueDateRule dueDateRule() {
    return dueDateRule;
  }

  /**
   * Returns whether internal agent notes count as replies, for every reply-driven metric whose
   * {@link MetricRule#internalNotesCount()} does not say otherwise.
   *
   * @return true if internal notes count
   */
  public boolean internalNotesCount() {
    return internalNotesCount;
  }

  /**
   * Returns whether automated (bot, macro, auto-responder) replies count as replies, for every
   * reply-driven metric whose {@link MetricRule#automatedRepliesCount()} does not say otherwise.
   *
   * @return true if automated replies count
   */
  public boolean automatedRepliesCount() {
    return automatedRepliesCount;
  }

  /**
   * Returns whether periodic update also runs from the ticket's creation to the first reply that
   * counts for it (Zammad's update time when no first response time is set), not only from one
   * counted reply to the next.
   *
   * @return true if the creation starts a periodic update cycle
   */
  public boolean periodicUpdateFromCreation() {
    return periodicUpdateFromCreation;
  }

  /**
   * Returns what solving the ticket does to a running first-reply cycle: ends it ({@link
   * SolveRule#END}, the default) or pauses it until the reopen ({@link SolveRule#PAUSE}, Zammad's
   * first response).
   *
   * @return the solve rule of first reply
   */
  public SolveRule firstResponseSolve() {
    return firstResponseSolve;
  }

  /**
   * Returns whether a cycle that the creating update both starts and ends is left out (default
   * false): a ticket created in a status that stops or cancels a metric, or stopped by another
   * event of its creation's instant (a reply at the creation), attaches nothing for that metric, no
   * cycle and no cycle number, and a reopen or re-entry later starts its first cycle. ServiceNow:
   * "If the Start condition is true and the Stop condition is true, do nothing. No SLA record is
   * created" ("Service Level Agreement (SLA) processing"). A call's answer time is measured
   * whatever: a call offered and answered at the creation has a cycle of zero length. Zammad counts
   * an outbound ticket's creating article as its first response (0 min), so its preset leaves this
   * off.
   *
   * @return true if the creating update's stops override its starts
   */
  public boolean creationStopOverridesStart() {
    return creationStopOverridesStart;
  }

  /**
   * Returns whether the set is strict about the keys a ticket's targeting reads: if true, {@code
   * SlaClock.accept} rejects an event that sets a {@value #SEVERITY} or {@value #TIER} (or the
   * attributes the matrices read instead, {@link #rowAttribute()} and {@link #columnAttribute()})
   * no policy's matrix lists (when some matrix lists that field), a {@value #CHANNEL} no policy
   * lists (when some policy lists channels), or an explicit priority no policy knows. If false (the
   * default) such events are accepted and each fallback they cause is reported as an {@link
   * EventAnomaly}: an unlisted severity or tier gets the matrix default, an unlisted channel the
   * {@value SlaPolicy#ANY_CHANNEL} targets (none where the priority has no such cell: the anomaly
   * then says that the ticket's metrics go untargeted), an unknown priority is ignored; a severity,
   * tier or channel no policy lists is reported even where the policy in force does not read that
   * field. In both modes a value that some policy lists but the policy in force does not is
   * reported as an anomaly, and so is an absent severity or tier (when the policy in force reads
   * its matrix) or channel (when it lists channels): strict mode cannot reject an absence at {@code
   * accept}, because a later event of the same instant may still set the field, so absence is
   * judged, like every fallback, from the ticket's state after all of an instant's events.
   *
   * @return true if unknown keys are rejected
   */
  public boolean rejectUnknownKeys() {
    return rejectUnknownKeys;
  }

  /**
   * Returns the ordered policies (first match wins), without the default, each with the set's
   * {@linkplain #defaultRules() default rules} in place of the rules its builder filled in.
   *
   * @return policies
   */
  public List<SlaPolicy> policies() {
    return policies;
  }

  /**
   * Returns the policy of tickets no other policy matches, with the set's {@linkplain
   * #defaultRules() default rules} in place like {@link #policies()}.
   *
   * @return the default policy
   */
  public SlaPolicy defaultPolicy() {
    return defaultPolicy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlaPolicySet s
        && statuses.equals(s.statuses)
        && solvedStatuses.equals(s.solvedStatuses)
        && cancelledStatuses.equals(s.cancelledStatuses)
        && initialStatus.equals(s.initialStatus)
        && stages.equals(s.stages)
        && metrics.equals(s.metrics)
        && defaultRules.equals(s.defaultRules)
        && resolutionReopen == s.resolutionReopen
        && retarget == s.retarget
        && stopRule == s.stopRule
        && reattachStart == s.reattachStart
        && retroactivePause == s.retroactivePause
        && scheduleRule == s.scheduleRule
        && breachRule == s.breachRule
        && closingRule == s.closingRule
        && dueDateRule == s.dueDateRule
        && internalNotesCount == s.internalNotesCount
        && automatedRepliesCount == s.automatedRepliesCount
        && periodicUpdateFromCreation == s.periodicUpdateFromCreation
        && firstResponseSolve == s.firstResponseSolve
        && creationStopOverridesStart == s.creationStopOverridesStart
        && rejectUnknownKeys == s.rejectUnknownKeys
        && policies.equals(s.policies)
        && defaultPolicy.equals(s.defaultPolicy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        statuses,
        solvedStatuses,
        cancelledStatuses,
        initialStatus,
        stages,
        metrics,
        defaultRules,
        resolutionReopen,
        retarget,
        stopRule,
        reattachStart,
        retroactivePause,
        scheduleRule,
        breachRule,
        closingRule,
        dueDateRule,
        internalNotesCount,
        automatedRepliesCount,
        periodicUpdateFromCreation,
        firstResponseSolve,
        creationStopOverridesStart,
        rejectUnknownKeys,
        policies,
        defaultPolicy);
  }

  @Override
  public String toString() {
    return "SlaPolicySet[policies=" + policies + ", default=" + defaultPolicy + "]";
  }

  /** Mutable builder of {@link SlaPolicySet}; not thread-safe. */
  public static final class Builder {
    // sets in declaration order: build() checks every status reference against them, which a list
    // made quadratic in the number of statuses (a policy of 60 000 took 30 s to read)
    private final Set<String> statuses = new LinkedHashSet<>();
    private final Set<String> solved = new LinkedHashSet<>();
    private final Set<String> cancelled = new LinkedHashSet<>();
    private String initialStatus;
    private final Map<String, StageDefinition> stages = new LinkedHashMap<>();
    private final Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
    private final Map<SlaMetric, MetricRule> defaultRules = new LinkedHashMap<>();
    private ReopenRule resolutionReopen = ReopenRule.RESUME;
    private RetargetRule retarget = RetargetRule.RECALCULATE;
    private StopRule stopRule = StopRule.AFTER_UPDATE;
    private ReattachStart reattachStart = ReattachStart.AT_CHANGE;
    private boolean retroactivePause;
    private ScheduleRule scheduleRule = ScheduleRule.LAST_SCHEDULE;
    private BreachRule breachRule = BreachRule.AFTER_DEADLINE;
    private ClosingRule closingRule = ClosingRule.AT_CLOSE;
    private DueDateRule dueDateRule = DueDateRule.AS_GIVEN;
    private boolean internalNotesCount;
    private boolean automatedRepliesCount;
    private boolean periodicUpdateFromCreation;
    private SolveRule firstResponseSolve = SolveRule.END;
    private boolean creationStopOverridesStart;
    private boolean rejectUnknownKeys;
    private final List<SlaPolicy> policies = new ArrayList<>();
    private SlaPolicy defaultPolicy;

    private Builder() {}

    /**
     * Declares the known statuses; the first is the initial status unless set otherwise.
     *
     * @param keys status keys
     * @return this builder
     */
    public Builder statuses(String... keys) {
      // not List.of, whose NullPointerException for a null element names nothing
      return statuses(java.util.Arrays.asList(Objects.requireNonNull(keys, "statuses")));
    }

    /**
     * Declares the known statuses.
     *
     * @param keys status keys
     * @return this builder
     */
    public Builder statuses(Collection<String> keys) {
      Set<String> add = Keys.requireKeys(keys, "statuses");
      requireOnce(keys, add, statuses, "status");
      statuses.addAll(add);
      return this;
    }

    /**
     * Refuses a key given twice, in one call or across calls, before anything is added (a call that
     * throws leaves the builder unchanged).
     */
    private static void requireOnce(
        Collection<String> keys, Set<String> distinct, Collection<String> before, String what) {
      if (distinct.size() == keys.size() && java.util.Collections.disjoint(distinct, before)) {
        return;
      }
      Set<String> seen = new java.util.HashSet<>(before);
      for (String k : keys) {
        if (!seen.add(k)) {
          throw new IllegalArgumentException(what + " '" + k + "' is declared twice");
        }
      }
    }

    /**
     * Declares which known statuses count as solved.
     *
     * @param keys status keys
     * @return this builder
     */
    public Builder solvedStatuses(String... keys) {
      List<String> given = java.util.Arrays.asList(Objects.requireNonNull(keys, "solvedStatuses"));
      Set<String> add = Keys.requireKeys(given, "solvedStatuses");
      requireOnce(given, add, solved, "solved status");
      solved.addAll(add);
      return this;
    }

    /**
     * Declares which solved statuses end a ticket without an outcome (see {@link
     * SlaPolicySet#cancelledStatuses()}); each must also be declared solved.
     *
     * @param keys status keys
     * @return this builder
     */
    public Builder cancelledStatuses(String... keys) {
      List<String> given =
          java.util.Arrays.asList(Objects.requireNonNull(keys, "cancelledStatuses"));
      Set<String> add = Keys.requireKeys(given, "cancelledStatuses");
      requireOnce(given, add, cancelled, "cancelled status");
      cancelled.addAll(add);
      return this;
    }

    /**
     * Sets the initial status (default: the first declared status).
     *
     * @param key status key
     * @return this builder
     */
    public Builder initialStatus(String key) {
      this.initialStatus = Keys.requireKey(key, "initialStatus");
      return this;
    }

    /**
     * Adds a lifecycle stage.
     *
     * @param stage the stage
     * @return this builder
     */
    public Builder stage(StageDefinition stage) {
      Objects.requireNonNull(stage, "stage");
      if (stages.putIfAbsent(stage.name(), stage) != null) {
        throw new IllegalArgumentException("stage " + stage.name() + " is declared twice");
      }
      return this;
    }

    /**
     * Adds a metric defined as data; policies give it targets and rules as {@code
     * SlaMetric.custom(name)}.
     *
     * @param definition the definition
     * @return this builder
     * @throws IllegalArgumentException if a metric of that name is already defined
     */
    public Builder metric(MetricDefinition definition) {
      Objects.requireNonNull(definition, "definition");
      if (metrics.putIfAbsent(definition.name(), definition) != null) {
        throw new IllegalArgumentException("metric " + definition.name() + " is defined twice");
      }
      return this;
    }

    /**
     * Sets the default rule of {@code rule.metric()}: the rule of every policy that targets that
     * metric without a rule of its own (see {@link SlaPolicySet}). Replaces an earlier default rule
     * of the same metric, so a preset's default can be changed, e.g. to count on a business
     * calendar. JSON {@code "defaultRules"}.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder defaultRule(MetricRule rule) {
      Objects.requireNonNull(rule, "defaultRule");
      defaultRules.remove(rule.metric()); // a replaced default moves to the end, like a new one
      defaultRules.put(rule.metric(), rule);
      return this;
    }

    /**
     * Sets what reopening a solved ticket does to resolution (default {@link ReopenRule#RESUME}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder resolutionReopen(ReopenRule rule) {
      this.resolutionReopen = Objects.requireNonNull(rule, "resolutionReopen");
      return this;
    }

    /**
     * Sets what a re-target does to what running cycles have reached (default {@link
     * RetargetRule#RECALCULATE}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder retargetRule(RetargetRule rule) {
      this.retarget = Objects.requireNonNull(rule, "retargetRule");
      return this;
    }

    /**
     * Sets which targeting judges a cycle that an update stops or cancels while it also re-targets
     * the ticket (default {@link StopRule#AFTER_UPDATE}: the targeting after the update). JSON
     * {@code "stopRule"}.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder stopRule(StopRule rule) {
      this.stopRule = Objects.requireNonNull(rule, "stopRule");
      return this;
    }

    /**
     * Sets where a cycle attached by {@link RetargetRule#CANCEL_AND_REATTACH} starts (default
     * {@link ReattachStart#AT_CHANGE}; no effect under the other re-target rules).
     *
     * @param start the reattach start
     * @return this builder
     */
    public Builder reattachStart(ReattachStart start) {
      this.reattachStart = Objects.requireNonNull(start, "reattachStart");
      return this;
    }

    /**
     * Sets whether the pause statuses between a retroactive start and the re-target pause the
     * attached cycle (default false; see {@link SlaPolicySet#retroactivePause()}).
     *
     * @param pause whether pauses before the attach count
     * @return this builder
     */
    public Builder retroactivePause(boolean pause) {
      this.retroactivePause = pause;
      return this;
    }

    /**
     * Sets which calendar a running cycle is counted on after the calendar of its metric changed
     * (default {@link ScheduleRule#LAST_SCHEDULE}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder scheduleRule(ScheduleRule rule) {
      this.scheduleRule = Objects.requireNonNull(rule, "scheduleRule");
      return this;
    }

    /**
     * Sets whether a cycle running at its deadline instant is breached at that instant (default
     * {@link BreachRule#AFTER_DEADLINE}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder breachRule(BreachRule rule) {
      this.breachRule = Objects.requireNonNull(rule, "breachRule");
      return this;
    }

    /**
     * Sets where the deadline falls when a target is used up exactly at a calendar close (default
     * {@link ClosingRule#AT_CLOSE}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder closingRule(ClosingRule rule) {
      this.closingRule = Objects.requireNonNull(rule, "closingRule");
      return this;
    }

    /**
     * Sets what a metric taking its deadline from a due date ({@link MetricRule.Builder#dueFrom})
     * is measured against when the ticket has none, or one at or before the cycle's start (default
     * {@link DueDateRule#AS_GIVEN}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder dueDateRule(DueDateRule rule) {
      this.dueDateRule = Objects.requireNonNull(rule, "dueDateRule");
      return this;
    }

    /**
     * Sets whether internal notes count as agent replies (default false).
     *
     * @param count whether they count
     * @return this builder
     */
    public Builder internalNotesCount(boolean count) {
      this.internalNotesCount = count;
      return this;
    }

    /**
     * Sets whether automated replies count as agent replies (default false).
     *
     * @param count whether they count
     * @return this builder
     */
    public Builder automatedRepliesCount(boolean count) {
      this.automatedRepliesCount = count;
      return this;
    }

    /**
     * Sets whether the creation also starts a periodic update cycle, which the first counted reply
     * stops (default false: periodic update runs from one counted reply to the next only). Zammad's
     * update time "counts from ticket creation" when its SLA sets no first response time.
     *
     * @param fromCreation whether the creation starts a periodic update cycle
     * @return this builder
     */
    public Builder periodicUpdateFromCreation(boolean fromCreation) {
      this.periodicUpdateFromCreation = fromCreation;
      return this;
    }

    /**
     * Sets what solving the ticket does to a running first-reply cycle (default {@link
     * SolveRule#END}: solving meets it). {@link SolveRule#PAUSE}: it pauses while the ticket is
     * solved, resumes on the reopen and runs until a counted reply, as Zammad's first response
     * does.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder firstResponseSolve(SolveRule rule) {
      this.firstResponseSolve = Objects.requireNonNull(rule, "firstResponseSolve");
      return this;
    }

    /**
     * Sets whether a cycle that the creating update both starts and ends is left out (default
     * false; see {@link SlaPolicySet#creationStopOverridesStart()}). JSON {@code
     * "creationStopOverridesStart"}.
     *
     * @param overrides whether the creating update's stops override its starts
     * @return this builder
     */
    public Builder creationStopOverridesStart(boolean overrides) {
      this.creationStopOverridesStart = overrides;
      return this;
    }

    /**
     * Sets whether events with keys no policy knows are rejected instead of reported as anomalies
     * (default false, see {@link SlaPolicySet#rejectUnknownKeys()}).
     *
     * @param reject whether to reject them
     * @return this builder
     */
    public Builder rejectUnknownKeys(boolean reject) {
      this.rejectUnknownKeys = reject;
      return this;
    }

    /**
     * Appends a policy; earlier policies win.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(SlaPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      policies.add(policy);
      return this;
    }

    /**
     * Sets the default policy.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder defaultPolicy(SlaPolicy policy) {
      this.defaultPolicy = Objects.requireNonNull(policy, "defaultPolicy");
      return this;
    }

    /** The rule that a set declares statuses (checked at the field by the JSON reader). */
    static void requireStatuses(Collection<String> statuses) {
      if (statuses.isEmpty()) {
        throw new IllegalArgumentException("policy set declares no statuses");
      }
    }

    /**
     * The rule that the initial status {@code s} is not solved; {@code how} says how it was chosen
     * when not given ({@code ""} when given).
     */
    static void requireUnsolvedInitial(String s, Collection<String> solved, String how) {
      if (solved.contains(s)) {
        throw new IllegalArgumentException(
            "initialStatus " + s + how + " must not be a solved status");
      }
    }

    /**
     * Builds the set.
     *
     * @return the policy set
     * @throws IllegalArgumentException if statuses are missing or unknown statuses, stages or
     *     duplicate policy names are referenced
     */
    public SlaPolicySet build() {
      requireStatuses(statuses);
      if (defaultPolicy == null) {
        throw new IllegalArgumentException("policy set has no defaultPolicy");
      }
      if (initialStatus == null) {
        initialStatus = statuses.iterator().next();
      }
      requireKnown(initialStatus, "initialStatus");
      requireUnsolvedInitial(initialStatus, solved, "");
      for (String s : solved) {
        requireKnown(s, "solvedStatuses");
      }
      for (String s : cancelled) {
        requireKnown(s, "cancelledStatuses");
        if (!solved.contains(s)) {
          throw new IllegalArgumentException(
              "cancelledStatuses: status " + s + " must also be a solved status");
        }
      }
      for (StageDefinition st : stages.values()) {
        for (String s : st.statuses()) {
          requireKnown(s, "stage " + st.name() + " statuses");
        }
        for (String s : st.stopStatuses()) {
          requireKnown(s, "stage " + st.name() + " stopStatuses");
        }
      }
      for (MetricDefinition d : metrics.values()) {
        for (String s : d.statuses()) {
          requireKnown(s, "metric " + d.name() + " statuses");
        }
        requireSolvedInto(d, solved);
      }
      for (MetricRule r : defaultRules.values()) {
        requireKnownStatuses(r, "defaultRules metric " + r.metric());
        requireDeclared(r.metric(), "defaultRules");
      }
      List<SlaPolicy> effective = new ArrayList<>(policies.size());
      for (SlaPolicy p : policies) {
        effective.add(p.withDefaultRules(defaultRules));
      }
      SlaPolicy effectiveDefault = defaultPolicy.withDefaultRules(defaultRules);
      Set<String> names = new LinkedHashSet<>();
      List<SlaPolicy> all = new ArrayList<>(effective);
      all.add(effectiveDefault);
      for (SlaPolicy p : all) {
        if (!names.add(p.name())) {
          throw new IllegalArgumentException("policy name " + p.name() + " is used twice");
        }
        requireSolvedForResolution(p, solved);
        for (MetricRule r : p.rules().values()) {
          requireKnownStatuses(r, "policy " + p.name() + " metric " + r.metric());
          // SlaPolicy.Builder gives every metric of the target table a rule: this checks them all.
          requireDeclared(r.metric(), "policy " + p.name());
        }
      }
      requireFewHolds(metrics.values(), all, defaultRules.values());
      requireOneMatrixShape(all);
      SlaPolicySet built = new SlaPolicySet(this, effective, effectiveDefault);
      // Configuration boundary: once per policy set, never per event.
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "SLA policy set built: {} policies plus the default, {} statuses, priorities {},"
                + " calendars {}",
            built.policies.size(),
            built.statuses.size(),
            built.priorities,
            built.calendarKeys);
      }
      return built;
    }

    /**
     * The rule that a policy measuring resolution is in a set with solved statuses; apart so that a
     * reader can locate a refusal at the policy's resolution target or rule.
     */
    static void requireSolvedForResolution(SlaPolicy p, Collection<String> solved) {
      if (solved.isEmpty() && p.rules().containsKey(SlaMetric.resolution())) {
        throw new IllegalArgumentException(
            "policy "
                + p.name()
                + " measures resolution, which only a solved status stops, but the set declares"
                + " no solvedStatuses");
      }
    }

    /**
     * Refuses matrices that read different attributes: a ticket's attributes are read once per
     * event, whichever policy is in force. A matrix without cells reads nothing and is exempt.
     */
    private static void requireOneMatrixShape(List<SlaPolicy> all) {
      SlaPolicy first = null;
      for (SlaPolicy p : all) {
        first = requireMatrixShape(first, p);
      }
    }

    /**
     * Refuses {@code p} if its matrix reads other attributes than {@code first}'s, the first policy
     * before it whose matrix reads any (null if none). Returns the first such policy after {@code
     * p}. Package-private: {@link SlaPolicyJson} checks it policy by policy, to locate the error.
     */
    static SlaPolicy requireMatrixShape(SlaPolicy first, SlaPolicy p) {
      PriorityMatrix m = p.matrix();
      if (!m.readsAttributes()) {
        return first;
      }
      if (first == null) {
        return p;
      }
      if (!m.rowAttribute().equals(first.matrix().rowAttribute())
          || !m.columnAttribute().equals(first.matrix().columnAttribute())) {
        throw new IllegalArgumentException(
            "policy "
                + p.name()
                + " has a priority matrix of "
                + m.rowAttribute()
                + " x "
                + m.columnAttribute()
                + " but policy "
                + first.name()
                + " one of "
                + first.matrix().rowAttribute()
                + " x "
                + first.matrix().columnAttribute()
                + ": every matrix of a set that lists cells must read the same rows and columns");
      }
      return first;
    }

    private void requireKnownStatuses(MetricRule r, String where) {
      for (String s : r.pauseStatuses()) {
        requireKnown(s, where + " pauseStatuses");
      }
      for (PauseCondition c : r.pauseWhile()) {
        for (PauseCondition.Part part : c.parts()) {
          if (part.kind() == PauseCondition.Kind.STATUS) {
            for (String s : part.values()) {
              requireKnown(s, where + " pauseWhile");
            }
          }
        }
      }
    }

    /** {@code where} is "policy NAME" or "defaultRules". */
    private void requireDeclared(SlaMetric m, String where) {
      if (m.kind() == SlaMetric.Kind.STAGE && !stages.containsKey(m.stage())) {
        throw new IllegalArgumentException(
            where
                + " measures stage "
                + m.stage()
                + " which is not declared in stages "
                + Excerpt.list(stages.keySet()));
      }
      if (m.kind() == SlaMetric.Kind.CUSTOM && !metrics.containsKey(m.name())) {
        throw new IllegalArgumentException(
            where
                + " measures metric "
                + m
                + " which is not defined in metrics "
                + Excerpt.list(metrics.keySet()));
      }
    }

    /**
     * A {@code solved} or {@code reopened} trigger that lists statuses lists solved ones: it could
     * never fire else.
     */
    private static void requireSolvedInto(MetricDefinition d, Collection<String> solved) {
      List<List<MetricTrigger>> lists = List.of(d.start(), d.stop(), d.cancel(), d.arm());
      String[] roles = {"startOn", "stopOn", "cancelOn", "armOn"};
      for (int k = 0; k < 4; k++) {
        for (MetricTrigger t : lists.get(k)) {
          if (t.on() != MetricTrigger.On.SOLVED && t.on() != MetricTrigger.On.REOPENED) {
            continue;
          }
          for (String s : t.values()) {
            requireSolvedStatus(d, roles[k], t, s, solved);
          }
        }
      }
    }

    /**
     * The rule of one status {@code s} of a {@code solved} or {@code reopened} trigger {@code t} in
     * list {@code role} of {@code d}; apart so that a reader can locate a refusal at the status.
     */
    static void requireSolvedStatus(
        MetricDefinition d, String role, MetricTrigger t, String s, Collection<String> solved) {
      if (!solved.contains(s)) {
        throw new IllegalArgumentException(
            "metric "
                + d.name()
                + " "
                + role
                + " trigger "
                + t
                + ": status "
                + s
                + " is not a solved status "
                + Excerpt.list(solved)
                + (t.on() == MetricTrigger.On.SOLVED
                    ? ", so the ticket is never solved into it"
                    : ", so the ticket is never reopened from it"));
      }
    }

    private void requireKnown(String status, String field) {
      if (!statuses.contains(status)) {
        throw new IllegalArgumentException(
            field
                + " status "
                + Excerpt.of(status)
                + " is not declared in statuses "
                + Excerpt.list(statuses));
      }
    }
  }

  /** At most this many distinct tags and attribute values may pause metrics in one set. */
  static final int MAX_PAUSE_VALUES = 64;

  /**
   * Rejects a set whose pause conditions name more than {@value #MAX_PAUSE_VALUES} distinct tags
   * and attribute values (the clock tracks one bit for each).
   */
  private static void requireFewHolds(
      java.util.Collection<MetricDefinition> defs,
      List<SlaPolicy> policies,
      java.util.Collection<MetricRule> defaultRules) {
    Set<String> seen = new java.util.HashSet<>();
    for (MetricDefinition d : defs) {
      addHolds(seen, d.pauseTags(), d.pauseAttributes());
      d.pauseWhile().forEach(c -> seen.add(conditionHold(c)));
    }
    List<MetricRule> rules = new ArrayList<>(defaultRules);
    for (SlaPolicy p : policies) {
      rules.addAll(p.rules().values());
    }
    for (MetricRule r : rules) {
      addHolds(seen, r.pauseTags(), r.pauseAttributes());
      r.pauseWhile().forEach(c -> seen.add(conditionHold(c)));
    }
    if (seen.size() > MAX_PAUSE_VALUES) {
      throw new IllegalArgumentException(tooManyHolds(seen.size()));
    }
  }

  /** The refusal of {@code count} distinct holds, more than {@value #MAX_PAUSE_VALUES}. */
  static String tooManyHolds(int count) {
    return "the set pauses metrics on "
        + count
        + " distinct tags, attribute values and conditions (pauseWhileTags,"
        + " pauseWhileAttributes, pauseWhile):"
        + " at most "
        + MAX_PAUSE_VALUES
        + " are allowed";
  }

  /** What {@link #requireFewHolds} counts for a tag pause condition. */
  static String tagHold(String tag) {
    return "t\u0000" + tag;
  }

  /** What {@link #requireFewHolds} counts for an attribute value pause condition. */
  static String attributeHold(String key, String value) {
    return "a\u0000" + key + "\u0000" + value;
  }

  /** What {@link #requireFewHolds} counts for a {@code pauseWhile} condition. */
  static String conditionHold(PauseCondition c) {
    return "c\u0000" + c.parts();
  }

  private static void addHolds(Set<String> seen, Set<String> tags, Map<String, Set<String>> attrs) {
    for (String g : tags) {
      seen.add(tagHold(g));
    }
    attrs.forEach((k, vs) -> vs.forEach(v -> seen.add(attributeHold(k, v))));
  }
}
