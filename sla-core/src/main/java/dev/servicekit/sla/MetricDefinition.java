package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named metric defined as data: which events start, stop, cancel and arm its cycles, which
 * statuses, tags and attribute values pause it, and what a second start does. It is measured as
 * {@link SlaMetric#custom} with its name. Targets, the calendar, warnings, escalations, extra pause
 * statuses and reply overrides come, per policy, from the policy's target table and {@link
 * MetricRule} for that metric, exactly as for the built-in metrics; a ticket whose policy gives the
 * metric no target for its priority and channel still measures it, as an untargeted cycle (Jira's
 * "No target": never breached, no deadline, no warnings).
 *
 * <p>On each step, for a running cycle, a stop trigger stops it (achieved) and otherwise a cancel
 * trigger cancels it ({@link CycleState#CANCELLED}, or {@link CycleState#BREACHED} if it had
 * breached); then, if no cycle is running, a start trigger starts one as {@link #cycles()} says.
 * The events of one instant act in groups whatever their ids: the creation with the attribute,
 * priority and tag changes of its instant (or those changes at a later instant) are one step, whose
 * changes of tags and attributes are judged on the state before against the state after them; each
 * status change is one step; the customer messages, the agent replies, the call offers and the call
 * answers and abandons of one instant each act one event per step, those that stop first, then
 * those that cancel, arm, and only start (per-call cycles by call id). If {@link #arm()} lists
 * triggers, a start needs the metric to be armed by one of them since its last start (like next
 * reply: a customer message starts it only after a reply has answered the previous one); arming is
 * ignored while a ticket created by an agent awaits the customer's first message, and in a set
 * whose {@link SlaPolicySet#firstResponseSolve()} is {@link SolveRule#PAUSE} a {@link
 * MetricTrigger#solved()} arm trigger arms nothing while the set's first-reply cycle stays open
 * through the solve (like next reply, which waits for first reply to be met). {@link #whenSolved()}
 * says what a start on a solved ticket does.
 *
 * <p><b>Pause conditions.</b> A running cycle does not count while <em>any</em> pause condition
 * holds: the ticket is in one of {@link #pauseStatuses()}, carries one of {@link #pauseTags()}
 * (e.g. Jira Service Management's "waiting for vendor" label), or has an attribute with one of the
 * values {@link #pauseAttributes()} lists for it (e.g. ServiceNow's {@code hold_reason} in {@code
 * vendor, customer}), or one of {@link #pauseWhile()} holds (conditions that may combine statuses,
 * tags, attribute values and absent attributes, e.g. "on hold and awaiting the vendor"); a policy's
 * {@link MetricRule} for the metric adds its own. A condition holds from the instant of the event
 * that makes it true to the instant of the one that makes it false, taken from the ticket's state
 * after all events of one instant (so the ids of one update's events do not matter), and every
 * paused stretch shows in the cycle's audit trail with the ids of the events that began and ended
 * it. Tags and attribute values set at the creation hold from it.
 *
 * <p><b>A cycle must be able to end.</b> A definition needs a stop or a cancel trigger: without
 * one, every cycle it starts would run, and count towards a breach, for the rest of the ticket's
 * life, solves and closes included, which no vendor's SLA does (Appfire's Time to SLA makes its
 * start and end conditions mandatory; a ServiceNow SLA completes on its stop condition and is
 * cancelled when its start condition no longer matches). A metric meant to run until the ticket is
 * solved stops on {@link MetricTrigger#solved()}; the age of an open ticket is not a cycle to
 * measure but the time since its creation.
 *
 * <p>The built-in metrics are available as ready-made definitions ({@link #firstResponse}, {@link
 * #nextResponse}, {@link #periodicUpdate}, {@link #resolution}, {@link #stage}, {@link
 * #answerTime}) that give the same cycles as the built-in metric under the same rules and targets,
 * in a set without cancelled statuses. In a set with {@linkplain SlaPolicySet#cancelledStatuses()
 * cancelled statuses} that holds only for the factories that take the set's solved and cancelled
 * statuses ({@link #firstResponse(String, SolveRule, Set, Set)}, {@link #nextResponse(String, Set,
 * Set)}, {@link #periodicUpdate(String, boolean, Set, Set)}, {@link #resolution(String, ReopenRule,
 * Set, Set)}): the others meet a cycle that the built-in cancels when the ticket enters a cancelled
 * status (a stop and a cancel of one step stop it).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name metric name, a key (the metric is {@code SlaMetric.custom(name)})
 * @param start triggers that start (or resume) a cycle; at least one
 * @param stop triggers that stop a running cycle
 * @param cancel triggers that cancel a running cycle
 * @param arm triggers that arm the next start; empty: every start trigger starts
 * @param pauseStatuses statuses in which the metric does not count, under every policy (a policy's
 *     rule may add more)
 * @param pauseTags tags while any of which is on the ticket the metric does not count
 * @param pauseAttributes attribute key -&gt; values: while the attribute has one of its values the
 *     metric does not count
 * @param pauseWhile further pause conditions, each of which may combine statuses, tags, attribute
 *     values and absent attributes ({@link PauseCondition#allOf})
 * @param cycles what a start does after the first cycle
 * @param whenSolved what a start on a solved ticket does
 * @param stopRule the {@link StopRule} that judges this metric's stops and cancels, in place of the
 *     set's {@link SlaPolicySet#stopRule()}; empty: the set's
 */
public record MetricDefinition(
    String name,
    List<MetricTrigger> start,
    List<MetricTrigger> stop,
    List<MetricTrigger> cancel,
    List<MetricTrigger> arm,
    Set<String> pauseStatuses,
    Set<String> pauseTags,
    Map<String, Set<String>> pauseAttributes,
    List<PauseCondition> pauseWhile,
    Cycles cycles,
    WhenSolved whenSolved,
    Optional<StopRule> stopRule) {

  /** What a start does once the metric has had a cycle. */
  public enum Cycles {
    /** Only the first start starts a cycle; later starts are ignored. */
    ONCE,
    /** Every start (while no cycle runs) starts a new cycle. */
    NEW_CYCLE,
    /** A start resumes the last cycle, which keeps counting from where it stopped. */
    RESUME,
    /**
     * One cycle per call, keyed by its call id ({@link MetricCycle#key()}), several at a time: a
     * start fired by a call event ({@link TicketEvent.CallOffered} and the others) starts a cycle
     * for that call unless one runs for it; a stop or cancel fired by a call event acts on that
     * call's running cycle only, one fired by any other event (e.g. {@link MetricTrigger#solved()})
     * on every running cycle. A start fired by another event starts a cycle with an empty key. It
     * cannot be combined with {@link WhenSolved#DEFER} (a call's cycle measures the call from its
     * own start, which a reopen cannot stand for): use {@link WhenSolved#SKIP} or {@link
     * WhenSolved#START}. Under {@link RetargetRule#CANCEL_AND_REATTACH} each running cycle is
     * cancelled and re-attached for the same call, like the built-in call answer time: a new cycle
     * under the same key, starting at the re-target, or, under a retroactive {@link ReattachStart},
     * where the cancelled cycle started (never before the call's own start).
     */
    PER_CALL
  }

  /** What a start trigger on a ticket in a solved status does. */
  public enum WhenSolved {
    /** It starts a cycle like on any other ticket. */
    START,
    /** It starts nothing. */
    SKIP,
    /**
     * It starts the cycle at the reopen, unless a stop trigger fires before (like a customer
     * message written to a solved ticket, which the built-in reply metrics answer from the reopen).
     */
    DEFER
  }

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if the name, a status, tag, attribute or value is not a valid
   *     key, the name is a built-in metric's ({@code first_response}, {@code next_response}, {@code
   *     periodic_update}, {@code resolution}, {@code answer_time}), a pause attribute lists no
   *     value, no start trigger is given, neither a stop nor a cancel trigger is given, a trigger
   *     is listed twice in one role or in both {@code stopOn} and {@code cancelOn} (the stop would
   *     always win), a pause condition is listed twice, or {@link WhenSolved#DEFER} is combined
   *     with {@link Cycles#PER_CALL}
   */
  public MetricDefinition {
    requireNotBuiltInName(name);
    start = requireDistinctTriggers(start, List.of(), "startOn of metric " + name);
    stop = requireDistinctTriggers(stop, List.of(), "stopOn of metric " + name);
    cancel = requireDistinctTriggers(cancel, List.of(), "cancelOn of metric " + name);
    arm = requireDistinctTriggers(arm, List.of(), "armOn of metric " + name);
    pauseStatuses = Keys.requireKeys(pauseStatuses, "metric " + name + " pauseStatuses");
    pauseTags = Keys.requireKeys(pauseTags, "metric " + name + " pauseWhileTags");
    pauseAttributes =
        Keys.requireValueMap(pauseAttributes, "metric " + name + " pauseWhileAttributes");
    pauseWhile =
        List.copyOf(
            PauseCondition.requireDistinct(pauseWhile, List.of(), "pauseWhile of metric " + name));
    Objects.requireNonNull(cycles, "cycles");
    Objects.requireNonNull(whenSolved, "whenSolved");
    Objects.requireNonNull(stopRule, "stopRule");
    requireStart(name, start.size());
    for (MetricTrigger t : cancel) {
      requireNotStop(name, stop, t);
    }
    if (stop.isEmpty() && cancel.isEmpty()) { // see "A cycle must be able to end" above
      throw new IllegalArgumentException(
          "metric "
              + name
              + " has no stop or cancel trigger, so a cycle it starts could never end; give it"
              + " one, e.g. stopOn solved");
    }
    requireCombinable(name, cycles, whenSolved);
  }

  /** The rule that a definition has a start trigger (checked at the field by the JSON reader). */
  static void requireStart(String name, int starts) {
    if (starts == 0) {
      throw new IllegalArgumentException("metric " + name + " has no start trigger");
    }
  }

  /**
   * The rule that a cancel trigger is not also a stop trigger; apart so that a reader can locate a
   * refusal at the cancel trigger.
   */
  static void requireNotStop(String name, List<MetricTrigger> stop, MetricTrigger cancel) {
    if (stop.contains(cancel)) {
      throw new IllegalArgumentException(
          "trigger '"
              + cancel
              + "' is in both stopOn and cancelOn of metric "
              + name
              + ": an update stops before it cancels, so the cancel could never apply; keep one");
    }
  }

  /**
   * The rule that {@link WhenSolved#DEFER} is not combined with {@link Cycles#PER_CALL}; apart so
   * that a reader can locate a refusal at a field.
   */
  static void requireCombinable(String name, Cycles cycles, WhenSolved whenSolved) {
    if (cycles == Cycles.PER_CALL && whenSolved == WhenSolved.DEFER) {
      throw new IllegalArgumentException(
          "metric "
              + name
              + ": whenSolved DEFER cannot be combined with cycles PER_CALL: a per-call cycle"
              + " measures a call from its own start, which a later reopen cannot stand for;"
              + " use START or SKIP");
    }
  }

  /**
   * A definition that follows the set's {@link StopRule}: the canonical constructor with an empty
   * {@code stopRule}.
   *
   * @param name metric name
   * @param start start triggers
   * @param stop stop triggers
   * @param cancel cancel triggers
   * @param arm arm triggers
   * @param pauseStatuses pause statuses
   * @param pauseTags pause tags
   * @param pauseAttributes pause attribute values
   * @param pauseWhile pause conditions
   * @param cycles what a start does after the first cycle
   * @param whenSolved what a start on a solved ticket does
   * @throws IllegalArgumentException as the canonical constructor
   */
  public MetricDefinition(
      String name,
      List<MetricTrigger> start,
      List<MetricTrigger> stop,
      List<MetricTrigger> cancel,
      List<MetricTrigger> arm,
      Set<String> pauseStatuses,
      Set<String> pauseTags,
      Map<String, Set<String>> pauseAttributes,
      List<PauseCondition> pauseWhile,
      Cycles cycles,
      WhenSolved whenSolved) {
    this(
        name,
        start,
        stop,
        cancel,
        arm,
        pauseStatuses,
        pauseTags,
        pauseAttributes,
        pauseWhile,
        cycles,
        whenSolved,
        Optional.empty());
  }

  /**
   * Returns this definition with its own {@link StopRule}, e.g. a Zendesk group SLA whose
   * reassignment judges the outgoing group's ownership by that group's target ({@link
   * StopRule#BEFORE_UPDATE}) in a set whose reply metrics keep {@link StopRule#AFTER_UPDATE}.
   *
   * @param rule the rule for this metric's stops and cancels
   * @return the definition
   */
  public MetricDefinition withStopRule(StopRule rule) {
    Objects.requireNonNull(rule, "rule");
    return new MetricDefinition(
        name,
        start,
        stop,
        cancel,
        arm,
        pauseStatuses,
        pauseTags,
        pauseAttributes,
        pauseWhile,
        cycles,
        whenSolved,
        Optional.of(rule));
  }

  /**
   * Returns the measured metric, {@code SlaMetric.custom(name)}.
   *
   * @return the metric
   */
  public SlaMetric metric() {
    return SlaMetric.custom(name);
  }

  /**
   * Returns the statuses the triggers name (status entered or left), for validation against a set.
   *
   * @return statuses named by triggers and pause statuses
   */
  public Set<String> statuses() {
    Set<String> out = new LinkedHashSet<>(pauseStatuses);
    for (PauseCondition c : pauseWhile) {
      for (PauseCondition.Part p : c.parts()) {
        if (p.kind() == PauseCondition.Kind.STATUS) {
          out.addAll(p.values());
        }
      }
    }
    for (List<MetricTrigger> l : List.of(start, stop, cancel, arm)) {
      for (MetricTrigger t : l) {
        if (t.on() == MetricTrigger.On.STATUS_ENTERED
            || t.on() == MetricTrigger.On.STATUS_LEFT
            || t.on() == MetricTrigger.On.SOLVED
            || t.on() == MetricTrigger.On.REOPENED) {
          out.addAll(t.values());
        }
      }
    }
    return out;
  }

  /**
   * Returns this definition with more cancel triggers, e.g. a ready-made resolution that a {@code
   * spam} tag cancels: {@code MetricDefinition.resolution("res", RESUME).withCancelOn(
   * MetricTrigger.tagAdded("spam"))}.
   *
   * @param triggers cancel triggers to add
   * @return the definition
   * @throws IllegalArgumentException if a cancel trigger is listed twice (given here and already a
   *     cancel trigger of the definition, or twice here)
   */
  public MetricDefinition withCancelOn(MetricTrigger... triggers) {
    List<MetricTrigger> all = new ArrayList<>(cancel);
    all.addAll(java.util.Arrays.asList(Objects.requireNonNull(triggers, "cancelOn")));
    return new MetricDefinition(
        name,
        start,
        stop,
        all,
        arm,
        pauseStatuses,
        pauseTags,
        pauseAttributes,
        pauseWhile,
        cycles,
        whenSolved,
        stopRule);
  }

  /**
   * Refuses a trigger listed twice in one role, in {@code triggers} or already in {@code before}:
   * one fires the role whenever the other would, so a second copy means nothing.
   *
   * @return an unmodifiable copy of {@code triggers}
   */
  private static List<MetricTrigger> requireDistinctTriggers(
      Collection<MetricTrigger> triggers, Collection<MetricTrigger> before, String field) {
    Objects.requireNonNull(triggers, field);
    List<MetricTrigger> out = new ArrayList<>(triggers.size());
    Set<MetricTrigger> seen = new HashSet<>(); // out.contains made this quadratic
    for (MetricTrigger t : triggers) {
      Objects.requireNonNull(t, field + " trigger");
      if (before.contains(t) || !seen.add(t)) {
        throw Keys.listedTwice("trigger", t, field);
      }
      out.add(t);
    }
    return List.copyOf(out);
  }

  /** The text forms of the built-in metrics ({@link SlaMetric#toString()}), from their kinds. */
  private static final java.util.Set<String> BUILT_IN_NAMES =
      java.util.EnumSet.complementOf(
              java.util.EnumSet.of(SlaMetric.Kind.STAGE, SlaMetric.Kind.CUSTOM))
          .stream()
          .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * A definition's name is a key and not a built-in metric's name: a definition named {@code
   * resolution} would be measured as {@code custom:resolution} beside the built-in {@code
   * resolution}, two metrics that read alike (nothing overrides a built-in).
   */
  private static String requireNotBuiltInName(String name) {
    Keys.requireKey(name, "metric name");
    if (BUILT_IN_NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "metric name '"
              + name
              + "' is the name of a built-in metric: a definition does not replace it but would be"
              + " measured beside it as custom:"
              + name
              + "; choose another name (e.g. "
              + name
              + "_time), or target the built-in");
    }
    return name;
  }

  /**
   * Starts a builder: no stop, cancel or arm triggers, never paused, {@link Cycles#NEW_CYCLE},
   * {@link WhenSolved#START}.
   *
   * @param name metric name, a key other than a built-in metric's name
   * @return a new builder
   * @throws IllegalArgumentException if the name is not a key or is a built-in metric's name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * First reply as a definition: started by the customer's ticket creation or, on a ticket an agent
   * created, by the customer's first message (from the reopen if written while solved); stopped by
   * a reply that counts for it or by solving; one cycle per ticket.
   *
   * @param name metric name
   * @return the definition
   */
  public static MetricDefinition firstResponse(String name) {
    return builder(name)
        .startOn(MetricTrigger.createdByCustomer(), MetricTrigger.customerMessage())
        .stopOn(MetricTrigger.countedReply(), MetricTrigger.solved())
        .cycles(Cycles.ONCE)
        .whenSolved(WhenSolved.DEFER)
        .build();
  }

  /**
   * First reply as a definition under a set's {@link SlaPolicySet#firstResponseSolve()}: under
   * {@link SolveRule#END} it is {@link #firstResponse(String)} (the statuses are only checked);
   * under {@link SolveRule#PAUSE} solving does not stop it: it pauses in {@code solvedStatuses}, a
   * reply that counts for it stops it, even while solved, and entering one of {@code
   * cancelledStatuses} from any other status cancels it, as the built-in does in a set with these
   * solved and cancelled statuses. Under {@code END} a solve into one of {@code cancelledStatuses}
   * cancels it and any other solve stops it ({@link MetricTrigger#solvedInto}), as the built-in
   * does.
   *
   * @param name metric name
   * @param onSolve what solving does, like {@link SlaPolicySet#firstResponseSolve()}
   * @param solvedStatuses the set's solved statuses
   * @param cancelledStatuses the set's cancelled statuses, a subset of {@code solvedStatuses}
   * @return the definition
   * @throws IllegalArgumentException if a status is not a key, or a cancelled status is not among
   *     the solved statuses
   */
  public static MetricDefinition firstResponse(
      String name, SolveRule onSolve, Set<String> solvedStatuses, Set<String> cancelledStatuses) {
    Objects.requireNonNull(onSolve, "onSolve");
    Set<String> solved = Keys.requireKeys(solvedStatuses, "solvedStatuses");
    Set<String> cancelled = cancelledAmong(solved, cancelledStatuses);
    if (onSolve == SolveRule.END) {
      if (cancelled.isEmpty()) {
        return firstResponse(name);
      }
      return endedBySolving(
              builder(name)
                  .startOn(MetricTrigger.createdByCustomer(), MetricTrigger.customerMessage()),
              solved,
              cancelled,
              MetricTrigger.countedReply())
          .cycles(Cycles.ONCE)
          .whenSolved(WhenSolved.DEFER)
          .build();
    }
    Builder b =
        builder(name)
            .startOn(MetricTrigger.createdByCustomer(), MetricTrigger.customerMessage())
            .stopOn(MetricTrigger.countedReply())
            .pauseIn(solved.toArray(String[]::new))
            .cycles(Cycles.ONCE)
            .whenSolved(WhenSolved.DEFER);
    if (!cancelled.isEmpty()) {
      b.cancelOn(MetricTrigger.statusEntered(cancelled.toArray(String[]::new)));
    }
    return b.build();
  }

  /**
   * Next reply as a definition: a customer message starts a cycle once a reply that counts for it,
   * or solving, has armed it (from the reopen if written while solved); such a reply or solving
   * stops it. In a set whose {@link SlaPolicySet#firstResponseSolve()} is {@link SolveRule#PAUSE},
   * a solve that leaves first reply owed arms nothing until a reply meets that first reply before
   * the reopen, as for the built-in.
   *
   * @param name metric name
   * @return the definition
   */
  public static MetricDefinition nextResponse(String name) {
    return builder(name)
        .startOn(MetricTrigger.customerMessage())
        .armOn(MetricTrigger.countedReply(), MetricTrigger.solved())
        .stopOn(MetricTrigger.countedReply(), MetricTrigger.solved())
        .whenSolved(WhenSolved.DEFER)
        .build();
  }

  /**
   * Next reply as a definition in a set with these solved and cancelled statuses: {@link
   * #nextResponse(String)}, except that a solve into one of {@code cancelledStatuses} cancels the
   * running cycle ({@code BREACHED} if it had breached) instead of stopping it, and entering one of
   * them arms the next customer message as solving does (under {@link SolveRule#PAUSE} it is the
   * cancel of the first reply paused in a solved status that arms it), as the built-in does. With
   * no cancelled statuses it is {@link #nextResponse(String)}.
   *
   * @param name metric name
   * @param solvedStatuses the set's solved statuses
   * @param cancelledStatuses the set's cancelled statuses, a subset of {@code solvedStatuses}
   * @return the definition
   * @throws IllegalArgumentException if a status is not a key, or a cancelled status is not among
   *     the solved statuses
   */
  public static MetricDefinition nextResponse(
      String name, Set<String> solvedStatuses, Set<String> cancelledStatuses) {
    Set<String> solved = Keys.requireKeys(solvedStatuses, "solvedStatuses");
    Set<String> cancelled = cancelledAmong(solved, cancelledStatuses);
    if (cancelled.isEmpty()) {
      return nextResponse(name);
    }
    return endedBySolving(
            builder(name)
                .startOn(MetricTrigger.customerMessage())
                .armOn(
                    MetricTrigger.countedReply(),
                    MetricTrigger.solved(),
                    MetricTrigger.statusEntered(cancelled.toArray(String[]::new))),
            solved,
            cancelled,
            MetricTrigger.countedReply())
        .whenSolved(WhenSolved.DEFER)
        .build();
  }

  /**
   * Periodic update as a definition in a set with these solved and cancelled statuses: {@link
   * #periodicUpdate(String, boolean)}, except that a solve into one of {@code cancelledStatuses}
   * cancels the running cycle instead of stopping it, as the built-in does.
   *
   * @param name metric name
   * @param fromCreation whether the creation starts a cycle too
   * @param solvedStatuses the set's solved statuses
   * @param cancelledStatuses the set's cancelled statuses, a subset of {@code solvedStatuses}
   * @return the definition
   * @throws IllegalArgumentException if a status is not a key, or a cancelled status is not among
   *     the solved statuses
   */
  public static MetricDefinition periodicUpdate(
      String name,
      boolean fromCreation,
      Set<String> solvedStatuses,
      Set<String> cancelledStatuses) {
    Set<String> solved = Keys.requireKeys(solvedStatuses, "solvedStatuses");
    Set<String> cancelled = cancelledAmong(solved, cancelledStatuses);
    if (cancelled.isEmpty()) {
      return periodicUpdate(name, fromCreation);
    }
    MetricDefinition plain = periodicUpdate(name, fromCreation);
    return endedBySolving(
            builder(name).startOn(plain.start().toArray(MetricTrigger[]::new)),
            solved,
            cancelled,
            MetricTrigger.countedReply())
        .whenSolved(WhenSolved.SKIP)
        .build();
  }

  /**
   * Resolution as a definition in a set with these solved and cancelled statuses: {@link
   * #resolution(String, ReopenRule)}, except that a solve into one of {@code cancelledStatuses}
   * cancels the running cycle instead of stopping it, as the built-in does.
   *
   * @param name metric name
   * @param reopen what a reopen does, like {@link SlaPolicySet#resolutionReopen()}
   * @param solvedStatuses the set's solved statuses
   * @param cancelledStatuses the set's cancelled statuses, a subset of {@code solvedStatuses}
   * @return the definition
   * @throws IllegalArgumentException if a status is not a key, or a cancelled status is not among
   *     the solved statuses
   */
  public static MetricDefinition resolution(
      String name, ReopenRule reopen, Set<String> solvedStatuses, Set<String> cancelledStatuses) {
    Objects.requireNonNull(reopen, "reopen");
    Set<String> solved = Keys.requireKeys(solvedStatuses, "solvedStatuses");
    Set<String> cancelled = cancelledAmong(solved, cancelledStatuses);
    if (cancelled.isEmpty()) {
      return resolution(name, reopen);
    }
    return endedBySolving(
            builder(name).startOn(MetricTrigger.created(), MetricTrigger.reopened()),
            solved,
            cancelled)
        .cycles(cyclesOf(reopen))
        .build();
  }

  /** {@code cancelledStatuses}, checked to be keys among {@code solved}. */
  private static Set<String> cancelledAmong(Set<String> solved, Set<String> cancelledStatuses) {
    Set<String> cancelled = Keys.requireKeys(cancelledStatuses, "cancelledStatuses");
    for (String c : cancelled) {
      if (!solved.contains(c)) {
        throw new IllegalArgumentException(
            "cancelled status '"
                + c
                + "' is not among the solved statuses "
                + Excerpt.list(solved));
      }
    }
    return cancelled;
  }

  /**
   * {@code b} stopped by {@code stops} and by a solve into a status of {@code solved} that is not
   * in {@code cancelled} (none if every solved status is cancelled), and cancelled by a solve into
   * one of {@code cancelled}, which is not empty: the built-in metrics' rule for cancelled
   * statuses. A stop and a cancel fired by one step stop ({@link Builder#cancelOn}), so {@link
   * MetricTrigger#solved()}, which fires for cancelled statuses too, cannot be the stop.
   */
  private static Builder endedBySolving(
      Builder b, Set<String> solved, Set<String> cancelled, MetricTrigger... stops) {
    List<MetricTrigger> stop = new ArrayList<>(List.of(stops));
    List<String> met = new ArrayList<>();
    for (String s : solved) {
      if (!cancelled.contains(s)) {
        met.add(s);
      }
    }
    java.util.Collections.sort(met); // a stable trigger, whatever the order of the sets
    if (!met.isEmpty()) {
      stop.add(MetricTrigger.solvedInto(met.toArray(String[]::new)));
    }
    List<String> ending = new ArrayList<>(cancelled);
    java.util.Collections.sort(ending);
    return b.stopOn(stop.toArray(MetricTrigger[]::new))
        .cancelOn(MetricTrigger.solvedInto(ending.toArray(String[]::new)));
  }

  /**
   * Periodic update as a definition: each reply that counts for it stops the running cycle and,
   * unless the ticket is solved, starts the next; solving stops it; a reopen starts none.
   *
   * @param name metric name
   * @return the definition
   */
  public static MetricDefinition periodicUpdate(String name) {
    return periodicUpdate(name, false);
  }

  /**
   * Periodic update as a definition, also started by the creation if {@code fromCreation}, like
   * {@link SlaPolicySet#periodicUpdateFromCreation()}.
   *
   * @param name metric name
   * @param fromCreation whether the creation starts a cycle too
   * @return the definition
   */
  public static MetricDefinition periodicUpdate(String name, boolean fromCreation) {
    return builder(name)
        .startOn(
            fromCreation
                ? new MetricTrigger[] {MetricTrigger.created(), MetricTrigger.countedReply()}
                : new MetricTrigger[] {MetricTrigger.countedReply()})
        .stopOn(MetricTrigger.countedReply(), MetricTrigger.solved())
        .whenSolved(WhenSolved.SKIP)
        .build();
  }

  /**
   * Resolution as a definition: from creation to solving; a reopen resumes the cycle ({@link
   * ReopenRule#RESUME}), starts a new one ({@link ReopenRule#RESTART}) or nothing ({@link
   * ReopenRule#ONCE}).
   *
   * @param name metric name
   * @param reopen what a reopen does, like {@link SlaPolicySet#resolutionReopen()}
   * @return the definition
   */
  public static MetricDefinition resolution(String name, ReopenRule reopen) {
    Objects.requireNonNull(reopen, "reopen");
    return builder(name)
        .startOn(MetricTrigger.created(), MetricTrigger.reopened())
        .stopOn(MetricTrigger.solved())
        .cycles(cyclesOf(reopen))
        .build();
  }

  /** The cycles rule that re-entering a metric under {@code reopen} amounts to. */
  private static Cycles cyclesOf(ReopenRule reopen) {
    return switch (reopen) {
      case RESUME -> Cycles.RESUME;
      case RESTART -> Cycles.NEW_CYCLE;
      case ONCE -> Cycles.ONCE;
    };
  }

  /**
   * Call answer time as a definition ({@link SlaMetric#answerTime()}): one cycle per call ({@link
   * Cycles#PER_CALL}), started when the call is offered, stopped when it is answered, cancelled
   * when it is abandoned ({@link CycleState#BREACHED} if it rang past its target) or when the
   * ticket is solved while it rings (cut off, as the built-in does).
   *
   * @param name metric name
   * @return the definition
   */
  public static MetricDefinition answerTime(String name) {
    return builder(name)
        .startOn(MetricTrigger.callOffered())
        .stopOn(MetricTrigger.callAnswered())
        .cancelOn(MetricTrigger.callAbandoned(), MetricTrigger.solved())
        .cycles(Cycles.PER_CALL)
        .build();
  }

  /**
   * A lifecycle stage as a definition: entering the stage's statuses starts (or resumes) a cycle,
   * leaving them stops it; with {@link StageDefinition#stopStatuses()}, only leaving to one of them
   * stops it and any other exit cancels it.
   *
   * @param name metric name
   * @param stage the stage
   * @return the definition
   */
  public static MetricDefinition stage(String name, StageDefinition stage) {
    Objects.requireNonNull(stage, "stage");
    String[] in = stage.statuses().toArray(String[]::new);
    Builder b =
        builder(name).startOn(MetricTrigger.statusEntered(in)).cycles(cyclesOf(stage.reentry()));
    if (stage.stopStatuses().isEmpty()) {
      b.stopOn(MetricTrigger.statusLeft(in));
    } else {
      b.stopOn(MetricTrigger.statusEntered(stage.stopStatuses().toArray(String[]::new)));
      b.cancelOn(MetricTrigger.statusLeft(in));
    }
    return b.build();
  }

  /** Mutable builder of {@link MetricDefinition}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<MetricTrigger> start = new ArrayList<>();
    private final List<MetricTrigger> stop = new ArrayList<>();
    private final List<MetricTrigger> cancel = new ArrayList<>();
    private final List<MetricTrigger> arm = new ArrayList<>();
    private final Set<String> pause = new LinkedHashSet<>();
    private final Set<String> pauseTags = new LinkedHashSet<>();
    private final Map<String, Set<String>> pauseAttributes = new java.util.LinkedHashMap<>();
    private final List<PauseCondition> pauseWhile = new ArrayList<>();
    private Cycles cycles = Cycles.NEW_CYCLE;
    private WhenSolved whenSolved = WhenSolved.START;
    private StopRule stopRule;

    private Builder(String name) {
      this.name = requireNotBuiltInName(name);
    }

    /**
     * Adds start triggers.
     *
     * @param triggers triggers
     * @return this builder
     * @throws IllegalArgumentException if a trigger is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder startOn(MetricTrigger... triggers) {
      return addTriggers(start, triggers, "startOn");
    }

    /**
     * Adds stop triggers.
     *
     * @param triggers triggers
     * @return this builder
     * @throws IllegalArgumentException if a trigger is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder stopOn(MetricTrigger... triggers) {
      return addTriggers(stop, triggers, "stopOn");
    }

    /**
     * Adds cancel triggers.
     *
     * @param triggers triggers
     * @return this builder
     * @throws IllegalArgumentException if a trigger is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder cancelOn(MetricTrigger... triggers) {
      return addTriggers(cancel, triggers, "cancelOn");
    }

    /**
     * Adds arm triggers: a start then needs one of them since the last start.
     *
     * @param triggers triggers
     * @return this builder
     * @throws IllegalArgumentException if a trigger is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder armOn(MetricTrigger... triggers) {
      return addTriggers(arm, triggers, "armOn");
    }

    /**
     * Adds {@code triggers} to one of the builder's trigger lists ({@code list} names it in
     * errors), all or none: a null array, a null trigger or a repeat is refused first.
     */
    private Builder addTriggers(List<MetricTrigger> into, MetricTrigger[] triggers, String list) {
      String field = list + " of metric " + name;
      Objects.requireNonNull(triggers, field);
      into.addAll(requireDistinctTriggers(java.util.Arrays.asList(triggers), into, field));
      return this;
    }

    /**
     * Adds statuses in which the metric does not count.
     *
     * @param statuses status keys
     * @return this builder
     * @throws IllegalArgumentException if a status is not a key, or is listed twice (in this call
     *     or an earlier one); the builder is then unchanged
     */
    public Builder pauseIn(String... statuses) {
      return pauseIn(java.util.Arrays.asList(Objects.requireNonNull(statuses, "pauseIn")));
    }

    /**
     * Adds statuses in which the metric does not count.
     *
     * @param statuses status keys
     * @return this builder
     * @throws IllegalArgumentException if a status is not a key, or is listed twice (in this call
     *     or an earlier one); the builder is then unchanged
     */
    public Builder pauseIn(Collection<String> statuses) {
      pause.addAll(
          Keys.requireDistinctKeys(statuses, pause, "pauseIn of metric " + name, "status"));
      return this;
    }

    /**
     * Adds tags while any of which is on the ticket the metric does not count (e.g. {@code
     * waiting_on_vendor}).
     *
     * @param tags tag keys
     * @return this builder
     * @throws IllegalArgumentException if a tag is not a valid key, or is listed twice (in this
     *     call or an earlier one); the builder is then unchanged
     */
    public Builder pauseWhileTag(String... tags) {
      Objects.requireNonNull(tags, "pauseWhileTags of metric " + name);
      pauseTags.addAll(
          Keys.requireDistinctKeys(
              java.util.Arrays.asList(tags), pauseTags, "pauseWhileTags of metric " + name, "tag"));
      return this;
    }

    /**
     * Adds values of an attribute while which the metric does not count (e.g. {@code
     * pauseWhileAttribute("hold_reason", "vendor", "customer")}); values add to those given before
     * for the same attribute.
     *
     * @param key attribute key
     * @param values attribute values, at least one
     * @return this builder
     * @throws IllegalArgumentException if a key or value is invalid, no value is given, or a value
     *     is listed twice for the key (in this call or an earlier one); the builder is then
     *     unchanged
     */
    public Builder pauseWhileAttribute(String key, String... values) {
      String field = "metric " + name + " pauseWhileAttributes";
      Keys.requireKey(key, field + " attribute");
      Objects.requireNonNull(values, field + " values");
      if (values.length == 0) {
        throw new IllegalArgumentException(
            field + " attribute " + key + " lists no value: a condition needs one");
      }
      Set<String> checked =
          Keys.requireDistinctKeys(
              java.util.Arrays.asList(values),
              pauseAttributes.getOrDefault(key, Set.of()),
              "pauseWhileAttributes " + key + " of metric " + name,
              "value");
      pauseAttributes.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(checked);
      return this;
    }

    /**
     * Adds pause conditions, each of which may combine statuses, tags, attribute values and absent
     * attributes, e.g. {@code pauseWhile(PauseCondition.allOf(PauseCondition.status("on-hold"),
     * PauseCondition.attribute("hold_reason", "awaiting_vendor")))}; the metric is paused while any
     * of its conditions holds. JSON {@code "pauseWhile"}.
     *
     * @param conditions conditions to add
     * @return this builder
     * @throws IllegalArgumentException if a condition is listed twice (in this call or an earlier
     *     one); the builder is then unchanged
     */
    public Builder pauseWhile(PauseCondition... conditions) {
      Objects.requireNonNull(conditions, "pauseWhile of metric " + name);
      pauseWhile.addAll(
          PauseCondition.requireDistinct(
              java.util.Arrays.asList(conditions), pauseWhile, "pauseWhile of metric " + name));
      return this;
    }

    /**
     * Sets what a start does after the first cycle (default {@link Cycles#NEW_CYCLE}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder cycles(Cycles rule) {
      this.cycles = Objects.requireNonNull(rule, "cycles");
      return this;
    }

    /**
     * Sets what a start on a solved ticket does (default {@link WhenSolved#START}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder whenSolved(WhenSolved rule) {
      this.whenSolved = Objects.requireNonNull(rule, "whenSolved");
      return this;
    }

    /**
     * Sets the {@link StopRule} that judges this metric's stops and cancels, in place of the set's
     * (default: the set's).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder stopRule(StopRule rule) {
      this.stopRule = Objects.requireNonNull(rule, "stopRule");
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     * @throws IllegalArgumentException if no start trigger is given
     */
    public MetricDefinition build() {
      return new MetricDefinition(
          name,
          start,
          stop,
          cancel,
          arm,
          pause,
          pauseTags,
          pauseAttributes,
          pauseWhile,
          cycles,
          whenSolved,
          Optional.ofNullable(stopRule));
    }
  }
}
