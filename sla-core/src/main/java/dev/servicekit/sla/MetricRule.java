package dev.servicekit.sla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one metric is measured under a policy: the calendar its business time is counted on, the
 * statuses that pause it, and the warning and escalation steps raised as the target is consumed.
 * The target durations themselves live in the policy's target table (per priority and channel).
 *
 * <p>The calendar is a key resolved at evaluation time (e.g. {@code "team"}, {@code "customer"});
 * the key {@value #ALWAYS} always means 24/7 unless the caller maps it.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param metric the measured metric
 * @param calendar key of the business calendar the metric counts on
 * @param pauseStatuses statuses during which the metric does not count (e.g. {@code pending})
 * @param warnings warning thresholds, strictly increasing percentages
 * @param escalations escalation levels, strictly increasing levels and percentages
 */
public record MetricRule(
    SlaMetric metric,
    String calendar,
    Set<String> pauseStatuses,
    List<WarningThreshold> warnings,
    List<EscalationLevel> escalations) {

  /** The calendar key that means 24/7 when the caller does not map it. */
  public static final String ALWAYS = "24/7";

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid or thresholds are not strictly increasing
   */
  public MetricRule {
    Objects.requireNonNull(metric, "metric");
    Keys.requireKey(calendar, "calendar");
    pauseStatuses = Keys.requireKeys(pauseStatuses, "pauseStatuses");
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
     */
    public Builder pauseOn(String... statuses) {
      return pauseOn(List.of(statuses));
    }

    /**
     * Adds statuses during which the metric is paused.
     *
     * @param statuses status keys
     * @return this builder
     */
    public Builder pauseOn(Collection<String> statuses) {
      pauseStatuses.addAll(statuses);
      return this;
    }

    /**
     * Adds warning thresholds, in increasing order.
     *
     * @param percents percentages 1 to 100
     * @return this builder
     */
    public Builder warnAt(int... percents) {
      for (int p : percents) {
        warnings.add(WarningThreshold.of(p));
      }
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
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalArgumentException if the configuration is invalid
     */
    public MetricRule build() {
      return new MetricRule(metric, calendar, Set.copyOf(pauseStatuses), warnings, escalations);
    }
  }
}
