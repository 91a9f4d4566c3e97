package dev.servicekit.sla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one metric is measured under a policy: the calendar its business time is counted on, the
 * statuses, tags and attribute values that pause it (any of them: see {@link MetricDefinition} for
 * how a pause condition holds), and the warning and escalation steps raised as the target is
 * consumed. The target durations themselves live in the policy's target table (per priority and
 * channel).
 *
 * <p>The calendar is a key resolved at evaluation time (e.g. {@code "team"}, {@code "customer"});
 * the key {@value #ALWAYS} always means 24/7 unless the caller maps it.
 *
 * <p><b>Which replies count.</b> The reply-driven metrics ({@linkplain #isReplyDriven first reply,
 * next reply and periodic update}) may override the set-wide switches {@link
 * SlaPolicySet#internalNotesCount()} and {@link SlaPolicySet#automatedRepliesCount()} for this
 * metric under this policy, like Zendesk's per-policy "advanced settings" (e.g. periodic update
 * measured through internal notes while first reply needs a public comment). An empty override
 * means the set-wide switch applies. An {@link TicketEvent.AgentReply} counts for the metric iff it
 * is public or internal notes count, and it is written by a person or automated replies count, each
 * switch taken from this rule if set, else from the set. A reply that counts stops the metric's
 * running cycle (and, for periodic update, starts the next one); a reply arms the next customer
 * message iff it counts for next reply. The rule used is the one of the policy in force when the
 * reply is written; a metric without a rule in that policy uses the set-wide switches.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param metric the measured metric
 * @param calendar key of the business calendar the metric counts on
 * @param pauseStatuses statuses during which the metric does not count (e.g. {@code pending})
 * @param warnings warning thresholds, strictly increasing percentages
 * @param escalations escalation levels, strictly increasing levels and percentages
 * @param internalNotesCount whether internal notes count as replies for this metric; empty = the
 *     set-wide {@link SlaPolicySet#internalNotesCount()}; only for reply-driven and custom metrics
 *     (whose {@link MetricTrigger#countedReply()} triggers use it)
 * @param automatedRepliesCount whether automated replies count as replies for this metric; empty =
 *     the set-wide {@link SlaPolicySet#automatedRepliesCount()}; only for reply-driven and custom
 *     metrics
 * @param dueFrom the ticket attribute holding the metric's due date (see {@link
 *     Builder#dueFrom(String)}); empty = the target comes from the policy's target table
 * @param pauseTags tags while any of which is on the ticket the metric does not count
 * @param pauseAttributes attribute key -&gt; values: while the attribute has one of its values the
 *     metric does not count
 * @param pauseWhile further pause conditions, each of which may combine statuses, tags, attribute
 *     values and absent attributes ({@link PauseCondition#allOf})
 */
public record MetricRule(
    SlaMetric metric,
    String calendar,
    Set<String> pauseStatuses,
    List<WarningThreshold> warnings,
    List<EscalationLevel> escalations,
    Optional<Boolean> internalNotesCount,
    Optional<Boolean> automatedRepliesCount,
    Optional<String> dueFrom,
    Set<String> pauseTags,
    Map<String, Set<String>> pauseAttributes,
    List<PauseCondition> pauseWhile) {

  /**
   * The calendar key that means 24/7, needing no calendar. Reserved: {@link SlaClock#of} refuses a
   * calendar given under it.
   */
  public static final String ALWAYS = "24/7";

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid, thresholds are not strictly increasing,
   *     or a reply override is set on a metric that is not reply-driven
   */
  public MetricRule {
    Objects.requireNonNull(metric, "metric");
    Keys.requireKey(calendar, "calendar");
    Objects.requireNonNull(internalNotesCount, "internalNotesCount");
    Objects.requireNonNull(automatedRepliesCount, "automatedRepliesCount");
    Objects.requireNonNull(dueFrom, "dueFrom");
    dueFrom.ifPresent(a -> Keys.requireKey(a, "dueFrom"));
    if (internalNotesCount.isPresent()) {
      requireReplyDriven(metric, "internalNotesCount");
    }
    if (automatedRepliesCount.isPresent()) {
      requireReplyDriven(metric, "automatedRepliesCount");
    }
    pauseStatuses = Keys.requireKeys(pauseStatuses, "pauseStatuses");
    pauseTags = Keys.requireKeys(pauseTags, "pauseWhileTags");
    pauseAttributes = Keys.requireValueMap(pauseAttributes, "pauseWhileAttributes");
    pauseWhile =
        List.copyOf(
            PauseCondition.requireDistinct(
                pauseWhile, List.of(), "pauseWhile of metric " + metric));
    warnings = List.copyOf(warnings);
    escalations = List.copyOf(escalations);
    for (int i = 1; i < warnings.size(); i++) {
      if (warnings.get(i).percent() <= warnings.get(i - 1).percent()) {
        throw new IllegalArgumentException(
            "warnings["
                + i
                + "] percent "
                + warnings.get(i).percent()
                + " must be greater than the previous "
                + warnings.get(i - 1).percent()
                + " (metric "
                + metric
                + ")");
      }
    }
    for (int i = 1; i < escalations.size(); i++) {
      EscalationLevel a = escalations.get(i - 1);
      EscalationLevel b = escalations.get(i);
      if (b.level() <= a.level() || b.percent() <= a.percent()) {
        throw new IllegalArgumentException(
            "escalations["
                + i
                + "] (level "
                + b.level()
                + ", percent "
                + b.percent()
                + ") must have a greater level and percent than the previous (level "
                + a.level()
                + ", percent "
                + a.percent()
                + ") (metric "
                + metric
                + ")");
      }
    }
  }

  /**
   * Returns whether agent replies drive the metric (first reply, next reply, periodic update), the
   * only metrics whose rule may override which replies count. O(1).
   *
   * @param metric the metric
   * @return true for first reply, next reply and periodic update
   */
  public static boolean isReplyDriven(SlaMetric metric) {
    SlaMetric.Kind k = metric.kind();
    return k == SlaMetric.Kind.FIRST_RESPONSE
        || k == SlaMetric.Kind.NEXT_RESPONSE
        || k == SlaMetric.Kind.PERIODIC_UPDATE;
  }

  private static void requireReplyDriven(SlaMetric metric, String option) {
    if (!isReplyDriven(metric) && metric.kind() != SlaMetric.Kind.CUSTOM) {
      throw new IllegalArgumentException(
          option
              + " is set for metric "
              + metric
              + ", but only first_response, next_response, periodic_update and custom metrics"
              + " count replies");
    }
  }

  /**
   * Starts a builder for a metric counting 24/7, never paused, without warnings.
   *
   * @param metric the metric
   * @return a new builder
   */
  public static Builder builder(SlaMetric metric) {
    return new Builder(metric);
  }

  /**
   * Returns a rule counting 24/7, never paused, without warnings or escalations.
   *
   * @param metric the metric
   * @return the rule
   */
  public static MetricRule of(SlaMetric metric) {
    return builder(metric).build();
  }

  /** Mutable builder of {@link MetricRule}; not thread-safe. */
  public static final class Builder {
    private final SlaMetric metric;
    private String calendar = ALWAYS;
    private final List<String> pauseStatuses = new ArrayList<>();
    private final List<WarningThreshold> warnings = new ArrayList<>();
    private final List<EscalationLevel> escalations = new ArrayList<>();
    private Optional<Boolean> internalNotesCount = Optional.empty();
    private Optional<Boolean> automatedRepliesCount = Optional.empty();
    private Optional<String> dueFrom = Optional.empty();
    private final List<String> pauseTags = new ArrayList<>();
    private final Map<String, Set<String>> pauseAttributes = new java.util.LinkedHashMap<>();
    private final List<PauseCondition> pauseWhile = new ArrayList<>();

    private Builder(SlaMetric metric) {
      this.metric = Objects.requireNonNull(metric, "metric");
    }

    /**
     * Sets the calendar key.
     *
     * @param key calendar key
     * @return this builder
     */
    public Builder calendar(String key) {
      this.calendar = Objects.requireNonNull(key, "calendar");
      return this;
    }

    /**
     * Adds statuses during which the metric is paused.
     *
     * @param statuses status keys
     * @return this builder
     * @throws IllegalArgumentException if a status is not a key, or is listed twice (in this call
     *     or an earlier one); the builder is then unchanged
     */
    public Builder pauseOn(String... statuses) {
      return pauseOn(java.util.Arrays.asList(Objects.requireNonNull(statuses, "pauseOn")));
    }

    /**
     * Adds statuses during which the metric is paused.
     *
     * @param statuses status keys
     * @return this builder
     * @throws IllegalArgumentException if a status is not a key, or is listed twice (in this call
     *     or an earlier one); the builder is then unchanged
     */
    public Builder pauseOn(Collection<String> statuses) {
      pauseStatuses.addAll(
          Keys.requireDistinctKeys(
              statuses, pauseStatuses, "pauseOn of metric " + metric, "status"));
      return this;
    }

    /**
     * Adds tags while any of which is on the ticket the metric is paused (e.g. {@code
     * waiting_on_vendor}).
     *
     * @param tags tag keys
     * @return this builder
     * @throws IllegalArgumentException if a tag is not a valid key, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder pauseWhileTag(String... tags) {
      Objects.requireNonNull(tags, "pauseWhileTags of metric " + metric);
      pauseTags.addAll(
          Keys.requireDistinctKeys(
              java.util.Arrays.asList(tags),
              pauseTags,
              "pauseWhileTags of metric " + metric,
              "tag"));
      return this;
    }

    /**
     * Adds values of an attribute while which the metric is paused (e.g. {@code
     * pauseWhileAttribute("hold_reason", "vendor", "customer")}); values add to those given before
     * for the same attribute.
     *
     * @param key attribute key
     * @param values attribute values, at least one
     * @return this builder
     * @throws IllegalArgumentException if the key is not a valid key, no value is given, or a value
     *     is listed twice for the key (in this call or an earlier one); the builder is then
     *     unchanged
     */
    public Builder pauseWhileAttribute(String key, String... values) {
      Keys.requireKey(key, "pauseWhileAttributes attribute");
      Objects.requireNonNull(values, "pauseWhileAttributes " + key + " values");
      if (values.length == 0) {
        throw new IllegalArgumentException(
            "pauseWhileAttributes attribute " + key + " lists no value: a condition needs one");
      }
      Set<String> checked =
          Keys.requireDistinctKeys(
              java.util.Arrays.asList(values),
              pauseAttributes.getOrDefault(key, Set.of()),
              "pauseWhileAttributes " + key + " of metric " + metric,
              "value");
      pauseAttributes.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).addAll(checked);
      return this;
    }

    /**
     * Adds warning thresholds, in increasing order.
     *
     * @param percents percentages 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if a percentage is outside 1 to 100; the builder is then
     *     unchanged (none of the call's percentages is added)
     */
    public Builder warnAt(int... percents) {
      Objects.requireNonNull(percents, "warnAt");
      List<WarningThreshold> checked = new ArrayList<>(percents.length);
      for (int p : percents) {
        checked.add(WarningThreshold.of(p));
      }
      warnings.addAll(checked);
      return this;
    }

    /**
     * Adds an escalation level; levels must be added in increasing order.
     *
     * @param level escalation level
     * @return this builder
     */
    public Builder escalate(EscalationLevel level) {
      escalations.add(Objects.requireNonNull(level, "level"));
      return this;
    }

    /**
     * Sets whether internal notes count as replies for this metric, overriding {@link
     * SlaPolicySet#internalNotesCount()} (default: no override).
     *
     * @param count whether they count
     * @return this builder
     * @throws IllegalArgumentException if the metric is not {@linkplain #isReplyDriven
     *     reply-driven} or custom
     */
    public Builder internalNotesCount(boolean count) {
      requireReplyDriven(metric, "internalNotesCount");
      this.internalNotesCount = Optional.of(count);
      return this;
    }

    /**
     * Sets whether automated (bot, macro, auto-responder) replies count as replies for this metric,
     * overriding {@link SlaPolicySet#automatedRepliesCount()} (default: no override).
     *
     * @param count whether they count
     * @return this builder
     * @throws IllegalArgumentException if the metric is not {@linkplain #isReplyDriven
     *     reply-driven} or custom
     */
    public Builder automatedRepliesCount(boolean count) {
      requireReplyDriven(metric, "automatedRepliesCount");
      this.automatedRepliesCount = Optional.of(count);
      return this;
    }

    /**
     * Takes the metric's due date from a ticket attribute instead of the policy's target table
     * (ServiceNow's "breach on due date", a Jira Service Management due-date field): the attribute
     * holds an ISO-8601 instant such as {@code 2026-12-05T17:00:00Z} (an offset such as {@code
     * +01:00} is accepted too). A cycle's target is then the business time, on this rule's
     * calendar, from the cycle's start to that instant (zero if the instant is not after the
     * start), so warnings and escalations are percentages of that span and pauses extend the
     * deadline as for any target. A deadline at a calendar close moves to the next opening (as
     * under {@link ClosingRule#AT_NEXT_OPENING}, whatever the set's rule), so a cycle that runs
     * unpaused is due exactly at the attribute's instant, or at the next opening if the calendar is
     * closed then (ServiceNow's rule). While the ticket has no valid value the metric has no target
     * and the ticket gets an {@link EventAnomaly}; a due date not after the cycle's start breaches
     * it at once. Under {@link DueDateRule#ONE_SECOND_WHEN_MISSING_OR_PAST} both get a one-second
     * target instead ({@link SlaPolicySet.Builder#dueDateRule}). A change of the attribute is a
     * re-target (listed in {@code policyChanges()}, a new segment of the audit trail, handled by
     * the set's {@link RetargetRule}); a value that is not such an instant is an {@link
     * EventAnomaly} and changes nothing, or is rejected in strict mode ({@link
     * SlaPolicySet#rejectUnknownKeys()}).
     *
     * @param attribute the ticket attribute, e.g. {@code due_at}
     * @return this builder
     * @throws IllegalArgumentException if the attribute is not a valid key
     */
    public Builder dueFrom(String attribute) {
      this.dueFrom = Optional.of(Keys.requireKey(attribute, "dueFrom"));
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException if the configuration is invalid
     */
    public MetricRule build() {
      return new MetricRule(
          metric,
          calendar,
          Set.copyOf(pauseStatuses),
          warnings,
          escalations,
          internalNotesCount,
          automatedRepliesCount,
          dueFrom,
          Set.copyOf(pauseTags),
          pauseAttributes,
          pauseWhile);
    }

    /**
     * Adds pause conditions, each of which may combine statuses, tags, attribute values and absent
     * attributes (see {@link PauseCondition}); with the definition's and the rule's other
     * conditions, the metric is paused while any of them holds. JSON {@code "pauseWhile"}.
     *
     * @param conditions conditions to add
     * @return this builder
     * @throws IllegalArgumentException if a condition is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder pauseWhile(PauseCondition... conditions) {
      Objects.requireNonNull(conditions, "pauseWhile of metric " + metric);
      pauseWhile.addAll(
          PauseCondition.requireDistinct(
              java.util.Arrays.asList(conditions), pauseWhile, "pauseWhile of metric " + metric));
      return this;
    }
  }
}
