package dev.servicekit.sla;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ready-made SLA rules of a help-desk vendor: its status model and the set-wide rules (what a
 * priority change does, when a deadline is breached, what a reopen does, which replies count), and
 * per metric the statuses that pause it. Targets, calendars and priority matrices are the caller's
 * contract and are not part of a preset.
 *
 * <p>{@link #policySet()} returns a new {@link SlaPolicySet.Builder} with the vendor's statuses,
 * stages and rules set, and the vendor's pause statuses as {@linkplain SlaPolicySet#defaultRules()
 * default rules} (24/7) of every metric that pauses: a policy that only sets targets pauses as the
 * vendor does. Add policies and build. {@link #rule(SlaMetric)} returns a new {@link
 * MetricRule.Builder} with the vendor's pause statuses for that metric; set its calendar and
 * warnings and add it to a policy, where it replaces the default rule entirely (build it from
 * {@code rule(metric)} to keep the vendor's pauses), or give it to {@link
 * SlaPolicySet.Builder#defaultRule} to change the default of every policy. Every setting can still
 * be overridden on the returned builders. A built set is an ordinary {@link SlaPolicySet}: {@link
 * SlaPolicyJson#write} gives its JSON recipe.
 *
 * <p><b>Vendor-neutral statuses.</b> {@link #status(GenericStatus)} maps a {@link GenericStatus} to
 * the vendor's status key, so one CRM history, written in generic statuses, can be fed to every
 * preset; {@link #genericStatus(String)} maps every status of the vendor back. Each constant's
 * comment justifies its mapping from the vendor's documented status meanings:
 *
 * <table>
 *   <caption>Generic status to vendor status key</caption>
 *   <tr><th>Generic</th><th>ZENDESK</th><th>JIRA_SERVICE_MANAGEMENT</th><th>SERVICENOW</th>
 *       <th>ZAMMAD</th></tr>
 *   <tr><td>NEW</td><td>new</td><td>waiting-for-support</td><td>new</td><td>new</td></tr>
 *   <tr><td>OPEN</td><td>open</td><td>in-progress</td><td>in-progress</td><td>open</td></tr>
 *   <tr><td>WAITING_ON_CUSTOMER</td><td>pending</td><td>waiting-for-customer</td>
 *       <td>awaiting-user-info</td><td>pending-reminder</td></tr>
 *   <tr><td>ON_HOLD</td><td>hold</td><td>pending</td><td>on-hold</td><td>pending-reminder</td></tr>
 *   <tr><td>SOLVED</td><td>solved</td><td>resolved</td><td>resolved</td><td>closed</td></tr>
 *   <tr><td>CLOSED</td><td>closed</td><td>closed</td><td>closed</td><td>closed</td></tr>
 *   <tr><td>CANCELLED</td><td>(none)</td><td>canceled</td><td>canceled</td><td>merged</td></tr>
 * </table>
 *
 * <p>The mapping carries names, not rules: the same generic history is measured by each vendor's
 * own rules, e.g. {@code ON_HOLD} counts toward Zendesk's requester wait time and Jira Service
 * Management's time to resolution but pauses ServiceNow's and Zammad's.
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
   *
   * <p>Generic statuses, from Zendesk's status meanings ("About ticket statuses" and "Adding the
   * On-hold ticket status", support.zendesk.com): New is received and not yet handled, Open is
   * assigned and worked on, Pending waits for the requester's answer, On-hold is "an internal
   * ticket status for tickets that require input or resolution from a third party", Solved may be
   * reopened by the requester until it is Closed. Zendesk has no cancelled status ({@link
   * GenericStatus#CANCELLED} has no key: a CRM decides whether its cancelled tickets are solved or
   * closed).
   */
  ZENDESK(
      List.of("new", "open", "pending", "hold", "solved", "closed"),
      List.of("solved", "closed"),
      Set.of("pending"),
      Set.of(),
      ReopenRule.RESUME,
      RetargetRule.RECALCULATE,
      BreachRule.AFTER_DEADLINE,
      false,
      new String[] {"new", "open", "pending", "hold", "solved", "closed", null},
      Map.of()),
  /**
   * Jira Service Management SLAs. Statuses {@code waiting-for-support, in-progress,
   * waiting-for-customer, pending, resolved, closed, canceled}; an SLA is stopped by any
   * customer-visible comment (automation included), not by an internal comment; time to resolution
   * pauses while {@code waiting-for-customer}; a start condition met again after a stop starts a
   * new cycle; a priority change re-measures the goal from the start time.
   *
   * <p>Generic statuses, from the status names of the service desk's default workflows: a new
   * request waits for support ({@code waiting-for-support} is the initial status), an agent works
   * on it ({@code in-progress}), waits for the customer ({@code waiting-for-customer}), or leaves
   * it {@code pending} on something outside the team (in the IT service management workflows, e.g.
   * an approval, a change or a vendor), then resolves, closes or cancels it. No Atlassian page
   * defining {@code pending} was read; the mapping follows the workflow's use of it beside the
   * customer wait.
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
      true,
      new String[] {
        "waiting-for-support",
        "in-progress",
        "waiting-for-customer",
        "pending",
        "resolved",
        "closed",
        "canceled"
      },
      Map.of()),
  /**
   * ServiceNow task SLAs on incidents. States {@code new, in-progress, on-hold, awaiting-user-info,
   * resolved, closed, canceled}; resolution pauses while {@code on-hold} or {@code
   * awaiting-user-info}; a priority change cancels the running SLA and attaches a new one, except
   * that an SLA the same update stops is completed under the priority it ran under and nothing is
   * attached for it ({@link StopRule#BEFORE_UPDATE}: the stop condition is checked first); an
   * incident created in a state that stops an SLA gets none ({@link
   * SlaPolicySet#creationStopOverridesStart()}); breached at the breach time itself; a reopened
   * incident attaches a new SLA; a canceled incident's running SLAs end cancelled (breached if they
   * had breached). The stage {@value #SERVICENOW_TASK_STAGE} (every state but {@code resolved,
   * closed, canceled}; stopped by {@code resolved} or {@code closed}) is a task SLA whose exit to
   * {@code canceled} cancels it: give it a target to measure it. A metric taking its deadline from
   * a due date ({@link MetricRule.Builder#dueFrom}, "Breach on Due Date") breaches one second after
   * its start when the ticket has no due date or a past one ({@link
   * DueDateRule#ONE_SECOND_WHEN_MISSING_OR_PAST}).
   *
   * <p>Generic statuses, from the incident states: New, In Progress, On Hold (waiting on something
   * other than the caller; its hold reasons include Awaiting Vendor and Awaiting Change), Awaiting
   * User Info (waiting for the caller), Resolved (the caller may still reopen it), Closed, and
   * Canceled (the incident is withdrawn). Awaiting User Info is a state of instances set up before
   * Helsinki: the state model of newer ones has none and puts an incident waiting for the caller On
   * Hold with the On hold reason Awaiting Caller. Feed that as {@code on-hold}, which pauses the
   * same metrics, so the figures do not change.
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
      false,
      new String[] {
        "new", "in-progress", "awaiting-user-info", "on-hold", "resolved", "closed", "canceled"
      },
      Map.of()),
  /**
   * Zammad SLAs. States {@code new, open, pending-reminder, pending-close, closed, merged}; every
   * metric pauses in a pending state; merging a ticket ends its running cycles cancelled (breached
   * if they had breached), not met: Zammad's {@code merged} state is no closed state, so it records
   * no solution time, and stops the ticket's escalations; first response and update time (from one
   * agent response to the next) need a public agent article; escalated at the escalation time
   * itself; a change of SLA re-measures from the ticket's creation, and judges a first response or
   * solution time already met or breached again ({@link RetargetRule#RECALCULATE_ALL}); solution
   * time applies once ({@link ReopenRule#ONCE}: a reopen does not escalate it again); first
   * response runs until the first agent response, through a close and reopen, with the closed time
   * as a break ({@link SolveRule#PAUSE}: a close pauses it, a response while closed meets it, a
   * merge cancels it).
   *
   * <p>Where the built-in metrics differ from Zammad's escalation rules: Zammad's update time with
   * no first response time counts from the ticket's creation: set {@link
   * SlaPolicySet.Builder#periodicUpdateFromCreation(boolean)} for such an SLA (periodic update
   * otherwise starts at the first counted reply).
   *
   * <p>Generic statuses, from Zammad's state documentation: {@code pending reminder} is Zammad's
   * one waiting state, whoever is waited for (customer or third party), so {@link
   * GenericStatus#WAITING_ON_CUSTOMER} and {@link GenericStatus#ON_HOLD} both map to it. Zammad has
   * no solved state before closed (its solution time ends at the close, and a customer's reply
   * reopens a closed ticket), so {@link GenericStatus#SOLVED} and {@link GenericStatus#CLOSED} both
   * map to {@code closed}. A merged ticket ends without its own outcome (it continues in the ticket
   * it was merged into), so {@link GenericStatus#CANCELLED} maps to {@code merged}. {@code pending
   * close} (the agent expects no answer and the ticket closes itself at the pending time) maps back
   * to {@link GenericStatus#WAITING_ON_CUSTOMER}: the preset pauses it like {@code pending
   * reminder}.
   */
  ZAMMAD(
      List.of("new", "open", "pending-reminder", "pending-close", "closed", "merged"),
      List.of("closed", "merged"),
      Set.of("pending-reminder", "pending-close"),
      Set.of("pending-reminder", "pending-close"),
      ReopenRule.ONCE,
      RetargetRule.RECALCULATE_ALL,
      BreachRule.AT_DEADLINE,
      false,
      new String[] {
        "new", "open", "pending-reminder", "pending-reminder", "closed", "closed", "merged"
      },
      Map.of("pending-close", GenericStatus.WAITING_ON_CUSTOMER));

  /**
   * The ServiceNow preset's stage measuring a task SLA: entered at {@code new}, {@code
   * in-progress}, {@code on-hold} or {@code awaiting-user-info}, stopped by {@code resolved} or
   * {@code closed}, cancelled by {@code canceled}.
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
  private final Map<GenericStatus, String> toVendor;
  private final Map<String, GenericStatus> toGeneric;

  SlaPreset(
      List<String> statuses,
      List<String> solved,
      Set<String> resolutionPause,
      Set<String> replyPause,
      ReopenRule reopen,
      RetargetRule retarget,
      BreachRule breach,
      boolean automatedRepliesCount,
      String[] generic,
      Map<String, GenericStatus> alsoGeneric) {
    this.statuses = statuses;
    this.solved = Collections.unmodifiableSet(new LinkedHashSet<>(solved));
    this.resolutionPause = resolutionPause;
    this.replyPause = replyPause;
    this.reopen = reopen;
    this.retarget = retarget;
    this.breach = breach;
    this.automatedRepliesCount = automatedRepliesCount;
    Map<GenericStatus, String> to = new EnumMap<>(GenericStatus.class);
    Map<String, GenericStatus> back = new HashMap<>(alsoGeneric);
    GenericStatus[] all = GenericStatus.values();
    for (int i = 0; i < all.length; i++) {
      if (generic[i] != null) {
        to.put(all[i], generic[i]);
        back.putIfAbsent(generic[i], all[i]); // the first generic status in declaration order
      }
    }
    this.toVendor = Collections.unmodifiableMap(to);
    this.toGeneric = Collections.unmodifiableMap(back);
  }

  /**
   * Returns the vendor's status key for a generic status (see the table in the class comment).
   * {@code O(1)}.
   *
   * @param status the generic status
   * @return the vendor's status key, one of {@link #statuses()}; empty if the vendor has no such
   *     status (Zendesk has no cancelled status)
   */
  public Optional<String> status(GenericStatus status) {
    Objects.requireNonNull(status, "status");
    return Optional.ofNullable(toVendor.get(status));
  }

  /**
   * Returns the generic status of one of the vendor's status keys: where several generic statuses
   * map to the key, the first of them in declaration order (Zammad's {@code closed} is {@link
   * GenericStatus#SOLVED}), and for a status no generic status maps to, the one the preset measures
   * alike (Zammad's {@code pending-close} is {@link GenericStatus#WAITING_ON_CUSTOMER}). Every
   * status of {@link #statuses()} has one. {@code O(1)}.
   *
   * @param key a status key
   * @return the generic status; empty if the key is not one of the vendor's statuses
   */
  public Optional<GenericStatus> genericStatus(String key) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(toGeneric.get(key));
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
   * Returns a new set builder with the vendor's statuses, stages and set-wide rules, and as default
   * rules ({@link SlaPolicySet.Builder#defaultRule}) {@code rule(metric).build()} for every metric
   * the vendor pauses: resolution, and the reply metrics where the vendor pauses them (Zammad), and
   * ServiceNow's {@value #SERVICENOW_TASK_STAGE} stage. They count 24/7, like a target without any
   * rule; a policy's own rule for a metric replaces its default rule. Add at least a default policy
   * and build.
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
    b.defaultRule(rule(SlaMetric.resolution()).build());
    if (!replyPause.isEmpty()) {
      b.defaultRule(rule(SlaMetric.firstResponse()).build());
      b.defaultRule(rule(SlaMetric.nextResponse()).build());
      b.defaultRule(rule(SlaMetric.periodicUpdate()).build());
    }
    if (this == ZAMMAD) {
      b.cancelledStatuses("merged"); // merging sets no close_at: no solution time is recorded
      b.firstResponseSolve(SolveRule.PAUSE); // first response escalates until the first response
    }
    if (this == SERVICENOW) {
      b.cancelledStatuses("canceled"); // a canceled incident's SLAs are cancelled, not met
      b.stopRule(StopRule.BEFORE_UPDATE); // an SLA's stop condition is checked before its cancel
      b.creationStopOverridesStart(true); // start and stop both true: no SLA record is created
      // "Breach on Due Date": no due date, or a past one, breaches 1 s after the start
      b.dueDateRule(DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST);
      b.stage(
          new StageDefinition(
              SERVICENOW_TASK_STAGE,
              Set.of("new", "in-progress", "on-hold", "awaiting-user-info"),
              ReopenRule.RESTART,
              Set.of("resolved", "closed")));
      b.defaultRule(rule(SlaMetric.stage(SERVICENOW_TASK_STAGE)).build());
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
