package dev.servicekit.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A change of the SLA state of one metric cycle of one ticket: a cycle started, was paused or
 * resumed, reached a warning threshold or an escalation level, was breached, achieved or cancelled.
 * The stream engine adapters ({@code servicekit-kafka-streams}, {@code servicekit-flink}) emit
 * these; in-process, {@link #between(SlaEvaluation, SlaEvaluation)} derives the same transitions
 * from two evaluations of one ticket, but for a cycle whose warning or escalation went down or
 * which disappeared (a late event, a correction, or a re-target to a priority with a longer target
 * or none): the engines restate the first with {@link #corrected} and withdraw the second with
 * {@link #withdrawn(String, String, Instant)}, where {@code between} reports rises only.
 *
 * <p>Derivation, per cycle ({@link MetricCycle#metric()} and {@link MetricCycle#cycle()}) of the
 * newer evaluation: a cycle not reported before gives {@link Kind#STARTED} and is then compared as
 * if it had been reported {@link CycleState#ACTIVE} with no warning; a higher {@link
 * MetricCycle#warningPercent()} gives {@link Kind#WARNING}; a higher {@link
 * EscalationLevel#level()} of {@link MetricCycle#escalation()} (none counts as level 0) gives
 * {@link Kind#ESCALATED}; a different {@link MetricCycle#state()} gives {@link
 * Kind#into(CycleState)} of the new state. In that order (thresholds first, as they are reached
 * while the cycle counts; one evaluation that passed several levels gives one transition, carrying
 * the highest), cycles in the evaluation's order. A cycle that disappeared (its target was lifted)
 * gives nothing. Under {@link RetargetRule#RECALCULATE_ALL} a re-target judges stopped cycles
 * again, so a cycle that stopped long before may change state (achieved to breached, or back), and
 * warning, at the re-target's evaluation instant.
 *
 * <p>Every transition also carries the cycle's {@link #state()} at {@code at}, after every change
 * of that evaluation, so that the last transition of a cycle (by {@code at}, then emission order)
 * tells its state, warning and escalation: a {@link Kind#WARNING} or {@link Kind#ESCALATED} needs
 * no fold over the earlier ones to know whether the cycle runs, is paused or has stopped.
 *
 * <p>And it carries the cycle's {@link #deadline()} at {@code at} ({@link MetricCycle#deadline()}:
 * kept after the cycle stops, "due if resumed now" while it is paused), so that a consumer can show
 * "due 17:00" without evaluating. A deadline that moves while nothing else of the cycle changes (a
 * re-target to another priority, policy, channel or due date, a calendar switch, a late event or a
 * correction) gives {@link Kind#DEADLINE_CHANGED}, except while the cycle is {@link
 * CycleState#PAUSED}, whose "due if resumed now" moves with every evaluation (its {@link
 * Kind#RESUMED} carries the deadline it resumes with). So the last transition of a cycle that is
 * not paused carries its deadline.
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(String)}): {@code {"v":4,"ticketId":"T-1",
 * "metric":"first_response","cycle":0,"key":"","kind":"ESCALATED","at":"2026-03-02T14:00:00Z",
 * "warningPercent":75,"escalation":{"level":2,"percent":150,"recipient":"head"},
 * "state":"ACTIVE","deadline":"2026-03-02T13:00:00Z"}}, {@code "escalation":null} when none was
 * reached, {@code "state":null} for a transition without one, {@code "deadline":null} for none;
 * unknown and missing fields are rejected. {@code "kind"} and {@code "state"} are enum values, read
 * in any letter case and written in upper case. Versions 1 (no {@code "escalation"}), 2 (no {@code
 * "state"}) and 3 (no {@code "deadline"}) of earlier builds are still read, without the fields they
 * lack: a transition of a state's kind gets that state ({@link Kind#into}), any other none; none
 * has a deadline, and a {@link Kind#DEADLINE_CHANGED}, which none of them had, is refused.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket
 * @param metric the metric
 * @param cycle the cycle index among the ticket's cycles of this metric ({@link
 *     MetricCycle#cycle()})
 * @param key what the cycle is about (the call id of a per-call cycle, a key as {@link
 *     TicketEvent.CallOffered#callId()} is), else empty
 * @param kind what changed
 * @param at the instant of the evaluation that observed the change ({@link SlaEvaluation#at()}): on
 *     an engine, for a timer the exact transition instant ({@link SlaEvaluation#nextTransition()}),
 *     for an event the engine's time when it was processed
 * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
 * @param escalation the highest escalation level reached at {@code at} ({@link
 *     MetricCycle#escalation()}), if any; present for {@link Kind#ESCALATED}
 * @param state the cycle's state at {@code at} ({@link MetricCycle#state()}), after every change
 *     the evaluation reported; present on every transition the engines and this class's factories
 *     make; empty only for one built with a constructor without it or read from a format without it
 *     (then only for {@link Kind#STARTED}, {@link Kind#WARNING} and {@link Kind#ESCALATED})
 * @param deadline the cycle's due instant at {@code at} ({@link MetricCycle#deadline()}), if it has
 *     one: empty for an untargeted cycle, one whose calendar never reaches its target, a withdrawn
 *     cycle ({@link #withdrawn(String, MetricCycle, Instant)}: it is gone), and one built with a
 *     constructor without it or read from a format without it
 */
public record SlaTransition(
    String ticketId,
    SlaMetric metric,
    int cycle,
    String key,
    Kind kind,
    Instant at,
    int warningPercent,
    Optional<EscalationLevel> escalation,
    Optional<CycleState> state,
    Optional<Instant> deadline) {

  /**
   * The JSON format version written: 4 (versions 1, with no escalation, 2, with no state, and 3,
   * with no deadline, are still read).
   */
  public static final int VERSION = 4;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS_V1 =
      Set.of("v", "ticketId", "metric", "cycle", "key", "kind", "at", "warningPercent");
  // each version adds one field to the one before
  private static final Set<String> FIELDS_V2 = plus(FIELDS_V1, "escalation");
  private static final Set<String> FIELDS_V3 = plus(FIELDS_V2, "state");
  private static final Set<String> FIELDS = plus(FIELDS_V3, "deadline");
  private static final Set<String> ESCALATION_FIELDS = Set.of("level", "percent", "recipient");

  /** {@code fields} and {@code field}. */
  private static Set<String> plus(Set<String> fields, String field) {
    Set<String> out = new java.util.HashSet<>(fields);
    out.add(field);
    return Set.copyOf(out);
  }

  /** What changed. */
  public enum Kind {
    /**
     * A cycle appeared (it runs, or it was first seen already stopped): a targeted one, or an
     * untargeted cycle of a custom metric ({@link MetricCycle#target()} empty), which evaluations
     * report too; it never breaches or warns.
     */
    STARTED,
    /** The cycle stopped counting within target (a pause status, or it left its span). */
    PAUSED,
    /** The cycle counts again after a pause (or a re-target lifted a breach). */
    RESUMED,
    /** A (higher) warning threshold was reached: see {@link SlaTransition#warningPercent()}. */
    WARNING,
    /** The cycle ran past its deadline. */
    BREACHED,
    /** The cycle stopped within target: the SLA was met. */
    ACHIEVED,
    /** The cycle stopped without an outcome within target ({@link CycleState#CANCELLED}). */
    CANCELLED,
    /**
     * A (higher) escalation level was reached: see {@link SlaTransition#escalation()} for the
     * level, its percentage and the recipient to notify. After the kinds of states in this enum,
     * though derived before a state change, so that the other kinds keep their ordinals.
     */
    ESCALATED,
    /**
     * The cycle's {@link SlaTransition#deadline()} moved while its state, warning and escalation
     * did not: a re-target (priority, policy, channel, a due-date attribute), a calendar switch, a
     * late event or a correction. Never for a {@link CycleState#PAUSED} cycle (see the class
     * documentation). The deadline may be empty: the cycle no longer has one (a custom metric's
     * target lifted). Last in this enum, so that the other kinds keep their ordinals.
     */
    DEADLINE_CHANGED;

    /**
     * The state a transition of this kind reports: {@link CycleState#ACTIVE} for {@link #RESUMED},
     * the state of the same name for {@link #PAUSED}, {@link #BREACHED}, {@link #ACHIEVED} and
     * {@link #CANCELLED}; empty for {@link #STARTED}, {@link #WARNING}, {@link #ESCALATED} and
     * {@link #DEADLINE_CHANGED}, which report no change of state. The inverse of {@link
     * #into(CycleState)}.
     *
     * @return the state, if this kind reports one
     */
    public Optional<CycleState> stateReported() {
      return Optional.ofNullable(stateOf(this));
    }

    /**
     * The transition into a cycle state.
     *
     * @param state the new state
     * @return the kind reporting a change into {@code state}
     */
    public static Kind into(CycleState state) {
      switch (Objects.requireNonNull(state, "state")) {
        case ACTIVE:
          return RESUMED;
        case PAUSED:
          return PAUSED;
        case ACHIEVED:
          return ACHIEVED;
        case BREACHED:
          return BREACHED;
        case CANCELLED:
          return CANCELLED;
        default:
          throw new AssertionError(state);
      }
    }
  }

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if {@code ticketId} breaks {@link TicketEvent}'s id rule (it
   *     must not be blank, must have at most {@link TicketEvent#MAX_ID_CHARS} characters and no
   *     control character, line or paragraph separator or lone surrogate), as every clock's ticket
   *     id follows it; if {@code at} is outside {@link BusinessCalendar#SUPPORTED_START} to {@link
   *     BusinessCalendar#SUPPORTED_END} (exclusive), where every clock's instants lie, or so is
   *     {@code deadline} (every deadline a clock computes lies there); if {@code cycle} is
   *     negative; if {@code warningPercent} is outside 0 to 100 (a {@link WarningThreshold}'s
   *     range), or 0 for {@link Kind#WARNING}; or if {@code kind} is {@link Kind#ESCALATED} and
   *     {@code escalation} is empty; or if {@code state} is present and {@code kind} is the kind of
   *     another state ({@link Kind#into}: a {@link Kind#BREACHED} says {@link CycleState#BREACHED},
   *     a {@link Kind#RESUMED} {@link CycleState#ACTIVE}); or if {@code key} is neither empty nor a
   *     key (1 to 64 characters, no control character, C0 or C1, no lone surrogate, no whitespace
   *     but single spaces between other characters: the rule of the call ids it carries, {@link
   *     TicketEvent.CallOffered#callId()}), the rule {@link #fromJson} applies, with the same
   *     message, e.g. {@code key 'call 7' must not begin or end with a space or contain two spaces
   *     in a row}. Earlier builds took any key here: Flink state of such a build holding a
   *     transition whose key breaks the rule is refused on restore, naming the key and the rule
   *     (see the CHANGELOG)
   */
  public SlaTransition {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(escalation, "escalation");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(deadline, "deadline");
    Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
    requireKey(key);
    if (cycle < 0) {
      throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle);
    }
    BusinessCalendar.second(at, "at"); // every instant of a clock lies in the supported range
    deadline.ifPresent(d -> BusinessCalendar.second(d, "deadline")); // as every clock's deadline
    if (warningPercent < 0) {
      throw new IllegalArgumentException("warningPercent must be 0 or more, was " + warningPercent);
    }
    if (warningPercent > 100) {
      throw new IllegalArgumentException(
          "warningPercent must be at most 100 (no warning threshold is higher), was "
              + warningPercent);
    }
    if (kind == Kind.WARNING && warningPercent == 0) {
      throw new IllegalArgumentException(
          "warningPercent must be 1 or more for kind WARNING (the threshold reached), was 0");
    }
    if (kind == Kind.ESCALATED && escalation.isEmpty()) {
      throw new IllegalArgumentException(
          "escalation must be present for kind ESCALATED (the level reached), was empty");
    }
    state.ifPresent(s -> requireStateOf(kind, s));
  }

  /**
   * A transition without a deadline: the canonical constructor with {@code deadline} empty.
   *
   * @param ticketId the ticket
   * @param metric the metric
   * @param cycle the cycle index
   * @param key what the cycle is about, else empty
   * @param kind what changed
   * @param at the instant of the evaluation that observed the change
   * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
   * @param escalation the highest escalation level reached at {@code at}, if any
   * @param state the cycle's state at {@code at}, if known
   * @throws IllegalArgumentException as the canonical constructor
   */
  public SlaTransition(
      String ticketId,
      SlaMetric metric,
      int cycle,
      String key,
      Kind kind,
      Instant at,
      int warningPercent,
      Optional<EscalationLevel> escalation,
      Optional<CycleState> state) {
    this(
        ticketId,
        metric,
        cycle,
        key,
        kind,
        at,
        warningPercent,
        escalation,
        state,
        Optional.empty());
  }

  /** Refuses a state other than the one {@code kind} reports, if it reports one. */
  private static void requireStateOf(Kind kind, CycleState state) {
    CycleState reported = stateOf(kind);
    if (reported != null && reported != state) {
      throw new IllegalArgumentException(
          "state must be " + reported + " for kind " + kind + ", was " + state);
    }
  }

  /**
   * A transition without a state: the canonical constructor with {@code state} empty.
   *
   * @param ticketId the ticket
   * @param metric the metric
   * @param cycle the cycle index
   * @param key what the cycle is about, else empty
   * @param kind what changed
   * @param at the instant of the evaluation that observed the change
   * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
   * @param escalation the highest escalation level reached at {@code at}, if any
   * @throws IllegalArgumentException as the canonical constructor
   */
  public SlaTransition(
      String ticketId,
      SlaMetric metric,
      int cycle,
      String key,
      Kind kind,
      Instant at,
      int warningPercent,
      Optional<EscalationLevel> escalation) {
    this(ticketId, metric, cycle, key, kind, at, warningPercent, escalation, Optional.empty());
  }

  /** The state a kind reports ({@link Kind#into} reversed), or null for the other kinds. */
  private static CycleState stateOf(Kind kind) {
    switch (kind) {
      case RESUMED:
        return CycleState.ACTIVE;
      case PAUSED:
        return CycleState.PAUSED;
      case ACHIEVED:
        return CycleState.ACHIEVED;
      case BREACHED:
        return CycleState.BREACHED;
      case CANCELLED:
        return CycleState.CANCELLED;
      default:
        return null;
    }
  }

  /**
   * A transition with no escalation reached and no state: the canonical constructor with {@code
   * escalation} and {@code state} empty.
   *
   * @param ticketId the ticket
   * @param metric the metric
   * @param cycle the cycle index
   * @param key what the cycle is about, else empty
   * @param kind what changed, not {@link Kind#ESCALATED}
   * @param at the instant of the evaluation that observed the change
   * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
   * @throws IllegalArgumentException as the canonical constructor
   */
  public SlaTransition(
      String ticketId,
      SlaMetric metric,
      int cycle,
      String key,
      Kind kind,
      Instant at,
      int warningPercent) {
    this(
        ticketId,
        metric,
        cycle,
        key,
        kind,
        at,
        warningPercent,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The transitions from one evaluation of a ticket to a later one.
   *
   * @param before the evaluation last reported
   * @param after the newer evaluation of the same ticket, at or after {@code before}'s instant
   * @return the transitions, in the order described in the class documentation; possibly empty
   * @throws IllegalArgumentException if the ticket ids differ, or if {@code after} is earlier than
   *     {@code before} (compared the wrong way round, a breach would seem lifted: {@link
   *     Kind#RESUMED})
   */
  public static List<SlaTransition> between(SlaEvaluation before, SlaEvaluation after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    requireSameTicket(before, after);
    if (after.at().isBefore(before.at())) {
      throw new IllegalArgumentException(
          "after.at "
              + after.at()
              + " is before before.at "
              + before.at()
              + ": transitions go from an evaluation to a later one");
    }
    Map<String, MetricCycle> reported = new HashMap<>();
    for (MetricCycle c : before.cycles()) {
      reported.put(c.id(), c);
    }
    List<SlaTransition> out = new ArrayList<>();
    for (MetricCycle c : after.cycles()) {
      MetricCycle prev = reported.get(c.id());
      if (prev == null) {
        out.addAll(started(after, c));
      } else {
        out.addAll(
            changes(
                after,
                c,
                prev.state(),
                prev.warningPercent(),
                level(prev.escalation()),
                prev.deadline()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The transitions that bring a consumer who holds the last transition of every cycle of {@code
   * before} to {@code after}, in either direction: what the stream engines emit after a late event,
   * a correction ({@link SlaClock#retract}, {@link SlaClock#replace}) or a re-target that lowered a
   * figure, for a CRM that evaluates in process. {@link #between} reports rises only, so after a
   * retracted reply it leaves a consumer with a warning or breach the corrected history never had,
   * and a cycle the correction took away (a retracted customer message's reply cycle) still open.
   *
   * <p>Per cycle of {@code after}, in its order: {@link #started} for a cycle {@code before} does
   * not have; {@link #corrected} for one it has (a rise as {@link #between} reports it, a lowered
   * warning or escalation level restated with the cycle's state); {@link #restated} for a per-call
   * cycle that nothing else changed but whose number now names another call ({@link
   * MetricCycle#key()} changed). Then, in {@code before}'s order, {@link #withdrawn(String,
   * MetricCycle, Instant)} at {@code after}'s instant for each cycle of {@code before} (by {@link
   * MetricCycle#id()}) that {@code after} does not have, unless it was already cancelled with no
   * warning and no escalation. So the last transition of each cycle, folded over {@link
   * #from}{@code (before)} and this, carries its state, warning and escalation in {@code after},
   * and a cycle {@code after} lacks ends {@link Kind#CANCELLED} with neither. With no correction in
   * between and {@code after} not earlier, it is {@link #between}{@code (before, after)} but for
   * figures a re-target lowered. {@code O(cycles)}.
   *
   * @param before the evaluation last reported
   * @param after the newer evaluation of the same ticket (of the corrected clock); it may be at an
   *     earlier instant than {@code before} (a re-read as of an earlier instant)
   * @return the transitions, possibly empty
   * @throws IllegalArgumentException if the ticket ids differ
   */
  public static List<SlaTransition> reconcile(SlaEvaluation before, SlaEvaluation after) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    requireSameTicket(before, after);
    Map<String, MetricCycle> reported = new HashMap<>();
    for (MetricCycle c : before.cycles()) {
      reported.put(c.id(), c);
    }
    List<SlaTransition> out = new ArrayList<>();
    for (MetricCycle c : after.cycles()) {
      MetricCycle prev = reported.remove(c.id());
      if (prev == null) {
        out.addAll(started(after, c));
        continue;
      }
      List<SlaTransition> t =
          corrected(
              after,
              c,
              prev.state(),
              prev.warningPercent(),
              level(prev.escalation()),
              prev.deadline());
      if (onlyDeadline(t) && !c.key().equals(prev.key())) {
        out.add(restated(after, c)); // another call now: its state restated, deadline and all
      } else {
        out.addAll(t);
      }
    }
    for (MetricCycle gone : before.cycles()) {
      if (reported.containsKey(gone.id())
          && !(gone.state() == CycleState.CANCELLED
              && gone.warningPercent() == 0
              && gone.escalation().isEmpty())) {
        out.add(withdrawn(after.ticketId(), gone, after.at()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether a cycle's transitions say nothing but, at most, that its deadline moved: what a
   * restatement ({@link #restated}) replaces when the cycle's key changed.
   *
   * @param transitions one cycle's transitions from {@link #changes} or {@link #corrected}
   * @return whether they are none or one {@link Kind#DEADLINE_CHANGED}
   */
  public static boolean onlyDeadline(List<SlaTransition> transitions) {
    return transitions.isEmpty()
        || (transitions.size() == 1 && transitions.get(0).kind() == Kind.DEADLINE_CHANGED);
  }

  private static void requireSameTicket(SlaEvaluation before, SlaEvaluation after) {
    if (!before.ticketId().equals(after.ticketId())) {
      throw new IllegalArgumentException(
          "after.ticketId must equal before.ticketId "
              + quoted(before.ticketId())
              + ", was "
              + quoted(after.ticketId()));
    }
  }

  /**
   * The transitions of the first evaluation of a ticket: as {@link #between} from nothing.
   *
   * @param first the evaluation
   * @return a {@link Kind#STARTED} for each cycle, each followed by its warning, escalation and
   *     state changes
   */
  public static List<SlaTransition> from(SlaEvaluation first) {
    Objects.requireNonNull(first, "first");
    List<SlaTransition> out = new ArrayList<>();
    for (MetricCycle c : first.cycles()) {
      out.addAll(started(first, c));
    }
    return List.copyOf(out);
  }

  /**
   * The transitions of a cycle reported for the first time: {@link Kind#STARTED}, then its changes
   * from {@link CycleState#ACTIVE} with no warning and no escalation. For engines that keep only
   * the last reported state, warning and escalation level per cycle.
   *
   * @param ev the evaluation
   * @param cycle one of {@code ev}'s cycles
   * @return one to four transitions
   */
  public static List<SlaTransition> started(SlaEvaluation ev, MetricCycle cycle) {
    Objects.requireNonNull(ev, "ev");
    Objects.requireNonNull(cycle, "cycle");
    List<SlaTransition> out = new ArrayList<>(4);
    out.add(of(ev, cycle, Kind.STARTED));
    diff(ev, cycle, CycleState.ACTIVE, 0, 0, out);
    return List.copyOf(out);
  }

  /**
   * The transitions of a cycle reported before: {@link Kind#WARNING} if its warning rose, then
   * {@link Kind#ESCALATED} if its escalation level rose, then the kind of its new state if the
   * state changed; if none of these, {@link Kind#DEADLINE_CHANGED} if its deadline is not the one
   * reported and it is not {@link CycleState#PAUSED}. For engines that keep only the last reported
   * state, warning, escalation level and deadline per cycle.
   *
   * @param ev the evaluation
   * @param cycle one of {@code ev}'s cycles
   * @param reportedState the state last reported for the cycle
   * @param reportedWarningPercent the warning percent last reported, 0 if none
   * @param reportedEscalationLevel the {@link EscalationLevel#level()} last reported, 0 if none
   * @param reportedDeadline the deadline last reported, empty if none
   * @return zero to three transitions
   * @throws IllegalArgumentException if {@code reportedWarningPercent} or {@code
   *     reportedEscalationLevel} is negative
   */
  public static List<SlaTransition> changes(
      SlaEvaluation ev,
      MetricCycle cycle,
      CycleState reportedState,
      int reportedWarningPercent,
      int reportedEscalationLevel,
      Optional<Instant> reportedDeadline) {
    List<SlaTransition> out =
        rises(ev, cycle, reportedState, reportedWarningPercent, reportedEscalationLevel);
    return out.isEmpty() ? deadlineMoved(ev, cycle, reportedDeadline) : List.copyOf(out);
  }

  /** {@link #changes} but for {@link Kind#DEADLINE_CHANGED}, checking the arguments. */
  private static List<SlaTransition> rises(
      SlaEvaluation ev,
      MetricCycle cycle,
      CycleState reportedState,
      int reportedWarningPercent,
      int reportedEscalationLevel) {
    Objects.requireNonNull(ev, "ev");
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(reportedState, "reportedState");
    if (reportedWarningPercent < 0) {
      throw new IllegalArgumentException(
          "reportedWarningPercent must be 0 or more, was " + reportedWarningPercent);
    }
    if (reportedEscalationLevel < 0) {
      throw new IllegalArgumentException(
          "reportedEscalationLevel must be 0 or more, was " + reportedEscalationLevel);
    }
    List<SlaTransition> out = new ArrayList<>(3);
    diff(ev, cycle, reportedState, reportedWarningPercent, reportedEscalationLevel, out);
    return out;
  }

  /**
   * {@link Kind#DEADLINE_CHANGED} if {@code cycle} is not paused and its deadline is not {@code
   * reported}, else nothing.
   */
  private static List<SlaTransition> deadlineMoved(
      SlaEvaluation ev, MetricCycle cycle, Optional<Instant> reported) {
    Objects.requireNonNull(reported, "reportedDeadline");
    return cycle.state() != CycleState.PAUSED && !cycle.deadline().equals(reported)
        ? List.of(of(ev, cycle, Kind.DEADLINE_CHANGED))
        : List.of();
  }

  /**
   * The transitions of a cycle reported before, after a correction of the ticket's history ({@link
   * EventCorrection}): those of {@link #changes}, and when that gives none but the cycle's warning
   * percent or escalation level is now lower than reported (the corrected history never reached
   * them), one transition of {@link Kind#into(CycleState)} its unchanged state restating it with
   * the lower figures; if neither, {@link Kind#DEADLINE_CHANGED} as {@link #changes} gives it. So
   * after a correction the last transition of every cycle carries its current state, warning and
   * escalation (and deadline, unless it is paused), which {@link #changes} alone (it reports only
   * rises) does not give. For engines that keep only the last reported state, warning, escalation
   * level and deadline per cycle.
   *
   * @param ev the evaluation of the corrected clock
   * @param cycle one of {@code ev}'s cycles
   * @param reportedState the state last reported for the cycle
   * @param reportedWarningPercent the warning percent last reported, 0 if none
   * @param reportedEscalationLevel the {@link EscalationLevel#level()} last reported, 0 if none
   * @param reportedDeadline the deadline last reported, empty if none
   * @return zero to three transitions
   * @throws IllegalArgumentException if {@code reportedWarningPercent} or {@code
   *     reportedEscalationLevel} is negative
   */
  public static List<SlaTransition> corrected(
      SlaEvaluation ev,
      MetricCycle cycle,
      CycleState reportedState,
      int reportedWarningPercent,
      int reportedEscalationLevel,
      Optional<Instant> reportedDeadline) {
    List<SlaTransition> out =
        rises(ev, cycle, reportedState, reportedWarningPercent, reportedEscalationLevel);
    if (!out.isEmpty()) {
      return List.copyOf(out);
    }
    if (cycle.warningPercent() != reportedWarningPercent
        || level(cycle.escalation()) != reportedEscalationLevel) {
      return List.of(of(ev, cycle, Kind.into(cycle.state())));
    }
    return deadlineMoved(ev, cycle, reportedDeadline);
  }

  /**
   * The transition of a cycle that a correction of the ticket's history removed (a retracted
   * customer message took its reply cycle away): {@link Kind#CANCELLED} at {@code at}, with no
   * warning and no escalation, so that a consumer keeping the last transition per cycle no longer
   * holds, say, a breach the corrected history does not have.
   *
   * @param ticketId the ticket
   * @param gone the cycle as last evaluated before the correction
   * @param at the instant of the corrected clock's evaluation
   * @return the transition
   */
  public static SlaTransition withdrawn(String ticketId, MetricCycle gone, Instant at) {
    Objects.requireNonNull(gone, "gone");
    return cancelled(ticketId, gone.metric(), gone.cycle(), gone.key(), at);
  }

  /**
   * A cycle's current state, warning and escalation as one transition of {@link
   * Kind#into(CycleState)} its state at {@code ev}'s instant: what an engine emits to restate a
   * cycle whose reported figures may describe another one (after a late call renumbered the calls'
   * answer-time cycles, the same number names another call).
   *
   * @param ev the evaluation
   * @param cycle one of its cycles
   * @return the transition
   */
  public static SlaTransition restated(SlaEvaluation ev, MetricCycle cycle) {
    Objects.requireNonNull(ev, "ev");
    Objects.requireNonNull(cycle, "cycle");
    return of(ev, cycle, Kind.into(cycle.state()));
  }

  /**
   * {@link #withdrawn(String, MetricCycle, Instant)} for a cycle known only by its {@link
   * MetricCycle#id()}: what an engine that keeps reported states by id has when a newer evaluation
   * no longer has a cycle it reported (a late event or a re-target took it away). The key is empty:
   * a per-call cycle's call id is not part of its id.
   *
   * @param ticketId the ticket
   * @param cycleId the cycle's id, e.g. {@code next_response#2}
   * @param at the instant of the evaluation that no longer has it
   * @return the transition
   * @throws IllegalArgumentException if {@code cycleId} is not a metric's text form, {@code #} and
   *     a cycle index from 0 to {@link Integer#MAX_VALUE} (without leading zeros), naming it, or if
   *     {@code ticketId} breaks the ticket id rule of the transition's constructor
   * @throws NullPointerException if an argument is null
   */
  public static SlaTransition withdrawn(String ticketId, String cycleId, Instant at) {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(cycleId, "cycleId");
    Objects.requireNonNull(at, "at");
    int hash = cycleId.lastIndexOf('#');
    int index = -1;
    int digits = cycleId.length() - hash - 1;
    if (hash > 0
        && digits >= 1
        && digits <= 10
        && (digits == 1 || cycleId.charAt(hash + 1) != '0')) {
      long v = 0;
      for (int k = hash + 1; k < cycleId.length() && v >= 0; k++) {
        char d = cycleId.charAt(k);
        v = d < '0' || d > '9' ? -1 : 10 * v + (d - '0');
      }
      index = v > Integer.MAX_VALUE ? -1 : (int) v;
    }
    if (index < 0) {
      throw new IllegalArgumentException(
          "cycleId must be a metric, '#' and a cycle index, was " + Excerpt.of(cycleId));
    }
    SlaMetric metric;
    try {
      metric = SlaMetric.parse(cycleId.substring(0, hash));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cycleId " + Excerpt.of(cycleId) + ": " + e.getMessage(), e);
    }
    return cancelled(ticketId, metric, index, "", at);
  }

  /**
   * The level of an escalation, 0 for none: what engines keep per cycle to pass to {@link
   * #changes}.
   *
   * @param escalation an escalation reached, or empty
   * @return its {@link EscalationLevel#level()}, or 0
   */
  public static int level(Optional<EscalationLevel> escalation) {
    return escalation.map(EscalationLevel::level).orElse(0);
  }

  private static void diff(
      SlaEvaluation ev,
      MetricCycle c,
      CycleState state,
      int warning,
      int escalationLevel,
      List<SlaTransition> out) {
    if (c.warningPercent() > warning) {
      out.add(of(ev, c, Kind.WARNING));
    }
    if (level(c.escalation()) > escalationLevel) {
      out.add(of(ev, c, Kind.ESCALATED));
    }
    if (c.state() != state) {
      out.add(of(ev, c, Kind.into(c.state())));
    }
  }

  private static SlaTransition of(SlaEvaluation ev, MetricCycle c, Kind kind) {
    return new SlaTransition(
        ev.ticketId(),
        c.metric(),
        c.cycle(),
        c.key(),
        kind,
        ev.at(),
        c.warningPercent(),
        c.escalation(),
        Optional.of(c.state()),
        c.deadline());
  }

  private static SlaTransition cancelled(
      String ticketId, SlaMetric metric, int cycle, String key, Instant at) {
    return new SlaTransition(
        ticketId,
        metric,
        cycle,
        key,
        Kind.CANCELLED,
        at,
        0,
        Optional.empty(),
        Optional.of(CycleState.CANCELLED),
        Optional.empty());
  }

  /**
   * Writes the JSON form, fields in a fixed order.
   *
   * @return one JSON object
   */
  public String toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("v", VERSION);
    n.put("ticketId", ticketId);
    n.put("metric", metric.toString());
    n.put("cycle", cycle);
    n.put("key", key);
    n.put("kind", kind.name());
    n.put("at", at.toString());
    n.put("warningPercent", warningPercent);
    if (escalation.isPresent()) {
      ObjectNode e = n.putObject("escalation");
      e.put("level", escalation.get().level());
      e.put("percent", escalation.get().percent());
      e.put("recipient", escalation.get().recipient());
    } else {
      n.putNull("escalation");
    }
    if (state.isPresent()) {
      n.put("state", state.get().name());
    } else {
      n.putNull("state");
    }
    if (deadline.isPresent()) {
      n.put("deadline", deadline.get().toString());
    } else {
      n.putNull("deadline");
    }
    return n.toString();
  }

  /**
   * Reads the JSON form written by {@link #toJson()}, through sla-core's hardened reader: duplicate
   * keys, trailing content, unknown and missing fields are rejected, and lengths, nesting and
   * numbers are bounded. The ticket id follows {@link TicketEvent}'s id rule and the key is empty
   * or a key, as the constructor requires (see there, with the same messages), so a key read from a
   * topic or a file and quoted in a message or a log line cannot break or forge it; a broken rule
   * is located at {@code $.ticketId} or {@code $.key}.
   *
   * @param json one JSON object
   * @return the transition
   * @throws IllegalArgumentException if the text is not a valid transition object: the message
   *     names the rule, a bounded excerpt of the value and its JSON path with line and column, e.g.
   *     {@code (at $.kind, line 1, column 72)}
   */
  public static SlaTransition fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return JsonInput.read(json, "SLA transition is not valid JSON: ", SlaTransition::read);
  }

  private static SlaTransition read(JsonNode root) {
    JsonNode n = JsonInput.object(root, JsonInput.ROOT, FIELDS);
    int v = JsonInput.integer(JsonInput.required(n, "v", JsonInput.ROOT), "v");
    if (v < 1 || v > VERSION) {
      throw new IllegalArgumentException("v must be 1 to " + VERSION + ", was " + v + " (v)");
    }
    if (v < VERSION) { // fields of later versions are unknown to earlier ones
      JsonInput.object(n, JsonInput.ROOT, v == 1 ? FIELDS_V1 : v == 2 ? FIELDS_V2 : FIELDS_V3);
    }
    String ticketId = text(n, "ticketId");
    // the constructor's id rule, checked here too so that the error is located at $.ticketId
    JsonInput.get(
        "ticketId", () -> Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS));
    String metricText = text(n, "metric");
    SlaMetric metric =
        JsonInput.get(
            "metric",
            () -> {
              try {
                return SlaMetric.parse(metricText);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "metric '" + JsonInput.excerpt(metricText) + "' is not a metric", e);
              }
            });
    int cycle = JsonInput.integer(JsonInput.required(n, "cycle", JsonInput.ROOT), "cycle");
    if (cycle < 0) {
      throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle + " (cycle)");
    }
    String key = text(n, "key");
    // the constructor's key rule, checked here too so that the error is located at $.key
    JsonInput.get("key", () -> requireKey(key));
    String kindText = text(n, "kind");
    Kind kind;
    try {
      kind = Kind.valueOf(JsonInput.asciiUpperCase(kindText)); // ASCII only: see there
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind '"
              + JsonInput.excerpt(kindText)
              + "' must be one of "
              + java.util.Arrays.toString(Kind.values())
              + " (kind)",
          e);
    }
    if (kind == Kind.DEADLINE_CHANGED && v < VERSION) {
      // no earlier build wrote it: without a deadline it would say the cycle lost its deadline
      throw new IllegalArgumentException(
          "kind " + kind + " needs format version " + VERSION + ", found version " + v + " (kind)");
    }
    String atText = text(n, "at");
    Instant at;
    try {
      at = Instant.parse(atText);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "at '" + JsonInput.excerpt(atText) + "' is not an ISO-8601 instant (at)", e);
    }
    // the constructor's rules, checked here too so that errors are located at their fields
    JsonInput.get("at", () -> BusinessCalendar.second(at, "at"));
    int warning =
        JsonInput.integer(
            JsonInput.required(n, "warningPercent", JsonInput.ROOT), "warningPercent");
    if (warning < 0) {
      throw new IllegalArgumentException(
          "warningPercent must be 0 or more, was " + warning + " (warningPercent)");
    }
    if (warning > 100) {
      throw new IllegalArgumentException(
          "warningPercent must be at most 100, was " + warning + " (warningPercent)");
    }
    if (kind == Kind.WARNING && warning == 0) {
      throw new IllegalArgumentException(
          "warningPercent must be 1 or more for kind WARNING, was 0 (warningPercent)");
    }
    Optional<EscalationLevel> escalation = v == 1 ? Optional.empty() : escalation(n);
    Optional<CycleState> state =
        v < 3 ? Optional.ofNullable(stateOf(kind)) : JsonInput.get("state", () -> state(n, kind));
    Optional<Instant> deadline =
        v < 4 ? Optional.empty() : JsonInput.get("deadline", () -> deadline(n));
    return JsonInput.get(
        JsonInput.ROOT,
        () ->
            new SlaTransition(
                ticketId, metric, cycle, key, kind, at, warning, escalation, state, deadline));
  }

  /**
   * A field of a later version that is required and may be {@code null} (none): its text, or null.
   */
  private static String nullableText(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null) {
      throw new IllegalArgumentException(field + " is required (null for none)");
    }
    if (n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException("expected a string or null but found " + n.getNodeType());
    }
    return n.textValue();
  }

  /** The {@code "deadline"} field of version 4: required, {@code null} for none. */
  private static Optional<Instant> deadline(JsonNode root) {
    String text = nullableText(root, "deadline");
    if (text == null) {
      return Optional.empty();
    }
    Instant deadline;
    try {
      deadline = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "deadline '" + JsonInput.excerpt(text) + "' is not an ISO-8601 instant", e);
    }
    BusinessCalendar.second(deadline, "deadline"); // the constructor's rule, located here
    return Optional.of(deadline);
  }

  /** The {@code "state"} field of version 3: required, {@code null} for none. */
  private static Optional<CycleState> state(JsonNode root, Kind kind) {
    String text = nullableText(root, "state");
    if (text == null) {
      return Optional.empty();
    }
    CycleState state;
    try {
      // an enum value in any ASCII case (see JsonInput.asciiUpperCase)
      state = CycleState.valueOf(JsonInput.asciiUpperCase(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "state '"
              + JsonInput.excerpt(text)
              + "' must be one of "
              + java.util.Arrays.toString(CycleState.values()),
          e);
    }
    requireStateOf(kind, state); // located at $.state, not at the whole transition
    return Optional.of(state);
  }

  /** The {@code "escalation"} field of version 2: required, {@code null} for none. */
  private static Optional<EscalationLevel> escalation(JsonNode root) {
    JsonNode n = root.get("escalation");
    if (n == null) {
      throw new IllegalArgumentException(
          "escalation is required (null for none) ("
              + JsonInput.child(JsonInput.ROOT, "escalation")
              + ")");
    }
    if (n.isNull()) {
      return Optional.empty();
    }
    String path = JsonInput.child(JsonInput.ROOT, "escalation");
    JsonNode o = JsonInput.object(n, path, ESCALATION_FIELDS);
    int level =
        JsonInput.integer(JsonInput.required(o, "level", path), JsonInput.child(path, "level"));
    int percent =
        JsonInput.integer(JsonInput.required(o, "percent", path), JsonInput.child(path, "percent"));
    String recipient =
        JsonInput.text(
            JsonInput.required(o, "recipient", path), JsonInput.child(path, "recipient"));
    // each component's rule at its own field, in the order the constructor checks them
    JsonInput.get(JsonInput.child(path, "level"), () -> EscalationLevel.requireLevel(level));
    JsonInput.get(JsonInput.child(path, "percent"), () -> EscalationLevel.requirePercent(percent));
    JsonInput.get(
        JsonInput.child(path, "recipient"), () -> EscalationLevel.requireRecipient(recipient));
    return Optional.of(EscalationLevel.of(level, percent, recipient));
  }

  /**
   * The key rule of the constructor and {@link #fromJson}: empty (no call), or a key, as every call
   * id is ({@code Keys.requireKey}).
   */
  static String requireKey(String key) {
    return key.isEmpty() ? key : Keys.requireKey(key, "key");
  }

  private static String quoted(String s) {
    return '"' + JsonInput.excerpt(s) + '"';
  }

  private static String text(JsonNode n, String field) {
    return JsonInput.text(JsonInput.required(n, field, JsonInput.ROOT), field);
  }
}
