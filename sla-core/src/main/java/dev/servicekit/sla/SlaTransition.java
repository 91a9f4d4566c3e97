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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change of the SLA state of one metric cycle of one ticket: a cycle started, was paused or
 * resumed, reached a warning threshold, was breached, achieved or cancelled. The stream engine
 * adapters ({@code servicekit-kafka-streams}, {@code servicekit-flink}) emit these; in-process,
 * {@link #between(SlaEvaluation, SlaEvaluation)} derives the same transitions from two evaluations
 * of one ticket.
 *
 * <p>Derivation, per cycle ({@link MetricCycle#metric()} and {@link MetricCycle#cycle()}) of the
 * newer evaluation: a cycle not reported before gives {@link Kind#STARTED} and is then compared as
 * if it had been reported {@link CycleState#ACTIVE} with no warning; a higher {@link
 * MetricCycle#warningPercent()} gives {@link Kind#WARNING}; a different {@link MetricCycle#state()}
 * gives {@link Kind#into(CycleState)} of the new state. In that order, cycles in the evaluation's
 * order. A cycle that disappeared (its target was lifted) gives nothing. Under {@link
 * RetargetRule#RECALCULATE_ALL} a re-target judges stopped cycles again, so a cycle that stopped
 * long before may change state (achieved to breached, or back), and warning, at the re-target's
 * evaluation instant.
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(String)}): {@code {"v":1,"ticketId":"T-1",
 * "metric":"first_response","cycle":0,"key":"","kind":"BREACHED","at":"2026-03-02T10:00:00Z",
 * "warningPercent":0}}; unknown and missing fields are rejected.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ticketId the ticket
 * @param metric the metric
 * @param cycle the cycle index among the ticket's cycles of this metric ({@link
 *     MetricCycle#cycle()})
 * @param key what the cycle is about (the call id for answer time), else empty
 * @param kind what changed
 * @param at the instant of the evaluation that observed the change ({@link SlaEvaluation#at()}): on
 *     an engine, for a timer the exact transition instant ({@link SlaEvaluation#nextTransition()}),
 *     for an event the engine's time when it was processed
 * @param warningPercent the highest warning threshold reached at {@code at}, 0 if none
 */
public record SlaTransition(
    String ticketId,
    SlaMetric metric,
    int cycle,
    String key,
    Kind kind,
    Instant at,
    int warningPercent) {

  /** The JSON format version. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("v", "ticketId", "metric", "cycle", "key", "kind", "at", "warningPercent");

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
    CANCELLED;

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
   *     id follows it; or if {@code cycle} or {@code warningPercent} is negative
   */
  public SlaTransition {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
    if (cycle < 0) {
      throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle);
    }
    if (warningPercent < 0) {
      throw new IllegalArgumentException("warningPercent must be 0 or more, was " + warningPercent);
    }
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
    if (!before.ticketId().equals(after.ticketId())) {
      throw new IllegalArgumentException(
          "after.ticketId must equal before.ticketId "
              + quoted(before.ticketId())
              + ", was "
              + quoted(after.ticketId()));
    }
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
      reported.put(c.metric() + "#" + c.cycle(), c);
    }
    List<SlaTransition> out = new ArrayList<>();
    for (MetricCycle c : after.cycles()) {
      MetricCycle prev = reported.get(c.metric() + "#" + c.cycle());
      if (prev == null) {
        out.addAll(started(after, c));
      } else {
        out.addAll(changes(after, c, prev.state(), prev.warningPercent()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The transitions of the first evaluation of a ticket: as {@link #between} from nothing.
   *
   * @param first the evaluation
   * @return a {@link Kind#STARTED} for each cycle, each followed by its warning and state changes
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
   * from {@link CycleState#ACTIVE} with no warning. For engines that keep only the last reported
   * state and warning per cycle.
   *
   * @param ev the evaluation
   * @param cycle one of {@code ev}'s cycles
   * @return one to three transitions
   */
  public static List<SlaTransition> started(SlaEvaluation ev, MetricCycle cycle) {
    Objects.requireNonNull(ev, "ev");
    Objects.requireNonNull(cycle, "cycle");
    List<SlaTransition> out = new ArrayList<>(3);
    out.add(of(ev, cycle, Kind.STARTED));
    diff(ev, cycle, CycleState.ACTIVE, 0, out);
    return List.copyOf(out);
  }

  /**
   * The transitions of a cycle reported before: {@link Kind#WARNING} if its warning rose, then the
   * kind of its new state if the state changed. For engines that keep only the last reported state
   * and warning per cycle.
   *
   * @param ev the evaluation
   * @param cycle one of {@code ev}'s cycles
   * @param reportedState the state last reported for the cycle
   * @param reportedWarningPercent the warning percent last reported, 0 if none
   * @return zero to two transitions
   * @throws IllegalArgumentException if {@code reportedWarningPercent} is negative
   */
  public static List<SlaTransition> changes(
      SlaEvaluation ev, MetricCycle cycle, CycleState reportedState, int reportedWarningPercent) {
    Objects.requireNonNull(ev, "ev");
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(reportedState, "reportedState");
    if (reportedWarningPercent < 0) {
      throw new IllegalArgumentException(
          "reportedWarningPercent must be 0 or more, was " + reportedWarningPercent);
    }
    List<SlaTransition> out = new ArrayList<>(2);
    diff(ev, cycle, reportedState, reportedWarningPercent, out);
    return List.copyOf(out);
  }

  private static void diff(
      SlaEvaluation ev, MetricCycle c, CycleState state, int warning, List<SlaTransition> out) {
    if (c.warningPercent() > warning) {
      out.add(of(ev, c, Kind.WARNING));
    }
    if (c.state() != state) {
      out.add(of(ev, c, Kind.into(c.state())));
    }
  }

  private static SlaTransition of(SlaEvaluation ev, MetricCycle c, Kind kind) {
    return new SlaTransition(
        ev.ticketId(), c.metric(), c.cycle(), c.key(), kind, ev.at(), c.warningPercent());
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
    return n.toString();
  }

  /**
   * Reads the JSON form written by {@link #toJson()}, through sla-core's hardened reader: duplicate
   * keys, trailing content, unknown and missing fields are rejected, and lengths, nesting and
   * numbers are bounded. The ticket id follows {@link TicketEvent}'s id rule, as the constructor
   * requires (see there), and a broken rule is located at {@code $.ticketId}.
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
    if (v != VERSION) {
      throw new IllegalArgumentException("v must be " + VERSION + ", was " + v + " (v)");
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
    String kindText = text(n, "kind");
    Kind kind;
    try {
      kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind '"
              + JsonInput.excerpt(kindText)
              + "' must be one of "
              + java.util.Arrays.toString(Kind.values())
              + " (kind)",
          e);
    }
    String atText = text(n, "at");
    Instant at;
    try {
      at = Instant.parse(atText);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "at '" + JsonInput.excerpt(atText) + "' is not an ISO-8601 instant (at)", e);
    }
    int warning =
        JsonInput.integer(
            JsonInput.required(n, "warningPercent", JsonInput.ROOT), "warningPercent");
    if (warning < 0) {
      throw new IllegalArgumentException(
          "warningPercent must be 0 or more, was " + warning + " (warningPercent)");
    }
    return JsonInput.get(
        JsonInput.ROOT, () -> new SlaTransition(ticketId, metric, cycle, key, kind, at, warning));
  }

  private static String quoted(String s) {
    return '"' + JsonInput.excerpt(s) + '"';
  }

  private static String text(JsonNode n, String field) {
    return JsonInput.text(JsonInput.required(n, field, JsonInput.ROOT), field);
  }
}
