package dev.servicekit.sla;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ready-made SLA rules of a help-desk vendor: its status model and the set-wide rules (what a
 * priority change does, when a deadline is breached, what a reopen does, which replies count), and
 * per metric the statuses that pause it. Targets, calendars and priority matrices are the caller's
 * contract and are not part of a preset.
 *
 * <p>{@link #policySet()} returns a new {@link SlaPolicySet.Builder} with the vendor's statuses,
 * stages and rules set; add policies and build. {@link #rule(SlaMetric)} returns a new {@link
 * MetricRule.Builder} with the vendor's pause statuses for that metric; set its calendar and
 * warnings and add it to a policy. The pause statuses are carried only by these rules: a metric
 * whose policy has no rule built from {@code rule(metric)} pauses on nothing, so add one for every
 * metric the policies target. Every setting can still be overridden on the returned builders. A
 * built set is an ordinary {@link SlaPolicySet}: {@link SlaPolicyJson#write} gives its JSON recipe.
 *
 * <p>Status keys are the vendor's status names in lower case, spaces replaced by {@code -}. Only
 * rules that today's settings express are preset; the README's vendor table lists each rule, the
 * setting that reproduces it, and the scenario test (built from the vendor's documentation) that
 * shows it.
 *
 * <p>This enum is immutable and thread-safe; the builders it returns are new on every call and not
 * thread-safe.
 */
public enum SlaPreset {
  /**
   * Zendesk Support SLA policies. Statuses {@code new, open, pending, hold, solved, closed} (the
   * API's values); first reply and next reply need a public, human agent comment; resolution is
   * requester wait time (paused while {@code pending}, counted while on hold) and resumes on a
   * reopen; a priority change re-measures running targets from their start; breached after the
   * deadline. Agent work time is {@code rule(resolution()).pauseOn("hold")}; total resolution time
   * is a resolution rule without pause statuses.
   */
  ZENDESK(
      List.of("new", "open", "pending", "hold", "solved", "closed"),
      List.of("solved", "closed"),
      Set.of("pending"),
      Set.of(),
      ReopenRule.RESUME,
      RetargetRule.RECALCULATE,
      BreachRule.AFTER_DEADLINE,
      false),
  /**
   * Jira Service Management SLAs. Statuses {@code waiting-for-support, in-progress,
   * waiting-for-customer, pending, resolved, closed, canceled}; an SLA is stopped by any
   * customer-visible comment (automation included), not by an internal comment; time to resolution
   * pauses while {@code waiting-for-customer}; a start condition met again after a stop starts a
   * new cycle; a priority change re-measures the goal from the start time.
   */
  JIRA_SERVICE_MANAGEMENT(
      List.of(
          "waiting-for-support",
          "in-progress",
          "waiting-for-customer",
          "pending",
          "resolved",
          "closed",
          "canceled"),
      List.of("resolved", "closed", "canceled"),
      Set.of("waiting-for-customer"),
      Set.of(),
      ReopenRule.RESTART,
      RetargetRule.RECALCULATE,
      BreachRule.AFTER_DEADLINE,
      true),
  /**
   * ServiceNow task SLAs on incidents. States {@code new, in-progress, on-hold, awaiting-user-info,
   * resolved, closed, canceled}; resolution pauses while {@code on-hold} or {@code
   * awaiting-user-info}; a priority change cancels the running SLA and attaches a new one; breached
   * at the breach time itself; a reopened incident attaches a new SLA; a canceled incident's
   * running SLAs end cancelled (breached if they had breached). The stage {@value
   * #SERVICENOW_TASK_STAGE} (every state but {@code resolved, closed, canceled}; stopped by {@code
   * resolved} or {@code closed}) is a task SLA whose exit to {@code canceled} cancels it: give it a
   * target to measure it.
   */
  SERVICENOW(
      List.of(
          "new", "in-progress", "on-hold", "awaiting-user-info", "resolved", "closed", "canceled"),
      List.of("resolved", "closed", "canceled"),
      Set.of("on-hold", "awaiting-user-info"),
      Set.of(),
      ReopenRule.RESTART,
      RetargetRule.CANCEL_AND_REATTACH,
      BreachRule.AT_DEADLINE,
      false),
  /**
   * Zammad SLAs. States {@code new, open, pending-reminder, pending-close, closed, merged}; every
   * metric pauses in a pending state; first response and update time (from one agent response to
   * the next) need a public agent article; escalated at the escalation time itself; a change of SLA
   * re-measures from the ticket's creation.
   */
  ZAMMAD(
      List.of("new", "open", "pending-reminder", "pending-close", "closed", "merged"),
      List.of("closed", "merged"),
      Set.of("pending-reminder", "pending-close"),
      Set.of("pending-reminder", "pending-close"),
      ReopenRule.RESUME,
      RetargetRule.RECALCULATE,
      BreachRule.AT_DEADLINE,
      false);

  /**
   * The ServiceNow preset's stage measuring a task SLA: entered at {@code new}, {@code in-progress}
   * or {@code on-hold}, stopped by {@code resolved} or {@code closed}, cancelled by {@code
   * canceled}.
   */
  public static final String SERVICENOW_TASK_STAGE = "task-sla";

  private final List<String> statuses;
  private final Set<String> solved;
  private final Set<String> resolutionPause;
  private final Set<String> replyPause;
  private final ReopenRule reopen;
  private final RetargetRule retarget;
  private final BreachRule breach;
  private final boolean automatedRepliesCount;

  SlaPreset(
      List<String> statuses,
      List<String> solved,
      Set<String> resolutionPause,
      Set<String> replyPause,
      ReopenRule reopen,
      RetargetRule retarget,
      BreachRule breach,
      boolean automatedRepliesCount) {
    this.statuses = statuses;
    this.solved = Collections.unmodifiableSet(new LinkedHashSet<>(solved));
    this.resolutionPause = resolutionPause;
    this.replyPause = replyPause;
    this.reopen = reopen;
    this.retarget = retarget;
    this.breach = breach;
    this.automatedRepliesCount = automatedRepliesCount;
  }

  /**
   * Returns the vendor's statuses in the preset's key form; the first is the initial status.
   *
   * @return the statuses, in declaration order
   */
  public List<String> statuses() {
    return statuses;
  }

  /**
   * Returns the statuses that end resolution.
   *
   * @return the solved statuses, in the vendor's order
   */
  public Set<String> solvedStatuses() {
    return solved;
  }

  /**
   * Returns a new set builder with the vendor's statuses, stages and set-wide rules. Add at least a
   * default policy and build.
   *
   * @return a new builder
   */
  public SlaPolicySet.Builder policySet() {
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses(statuses)
            .solvedStatuses(solved.toArray(String[]::new))
            .resolutionReopen(reopen)
            .retargetRule(retarget)
            .breachRule(breach)
            .closingRule(ClosingRule.AT_CLOSE)
            .internalNotesCount(false)
            .automatedRepliesCount(automatedRepliesCount);
    if (this == SERVICENOW) {
      b.cancelledStatuses("canceled"); // a canceled incident's SLAs are cancelled, not met
      b.stage(
          new StageDefinition(
              SERVICENOW_TASK_STAGE,
              Set.of("new", "in-progress", "on-hold", "awaiting-user-info"),
              ReopenRule.RESTART,
              Set.of("resolved", "closed")));
    }
    return b;
  }

  /**
   * Returns a new rule builder for {@code metric} with the vendor's pause statuses, counting 24/7
   * until a calendar is set.
   *
   * @param metric the metric
   * @return a new builder
   * @throws IllegalArgumentException if the metric is a stage the preset does not declare
   */
  public MetricRule.Builder rule(SlaMetric metric) {
    Objects.requireNonNull(metric, "metric");
    MetricRule.Builder b = MetricRule.builder(metric);
    switch (metric.kind()) {
      case RESOLUTION:
        return b.pauseOn(resolutionPause);
      case FIRST_RESPONSE:
      case NEXT_RESPONSE:
      case PERIODIC_UPDATE:
        return b.pauseOn(replyPause);
      case STAGE:
        if (this == SERVICENOW && metric.stage().equals(SERVICENOW_TASK_STAGE)) {
          return b.pauseOn(resolutionPause);
        }
        throw new IllegalArgumentException(
            "stage " + metric.stage() + " is not declared by the " + name() + " preset");
      default:
        return b;
    }
  }
}
