package dev.servicekit.integrations.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.SlaMetric;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A change of the SLA state of one metric cycle of one ticket, as emitted by the SLA clock topology
 * ({@link SlaClockTopology}): a cycle started, was paused or resumed, reached a warning threshold,
 * was breached, achieved or cancelled.
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
 *     dev.servicekit.sla.MetricCycle#cycle()})
 * @param key what the cycle is about (the call id for answer time), else empty
 * @param kind what changed
 * @param at the instant of the evaluation that observed the change: for a timer, the exact
 *     transition instant ({@link dev.servicekit.sla.SlaEvaluation#nextTransition()}); for an event,
 *     the topology's time when the event was processed
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
  private static final int EXCERPT = 60;

  /** What changed. */
  public enum Kind {
    /** A targeted cycle appeared (it runs, or it was first seen already stopped). */
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
   * @throws IllegalArgumentException if {@code cycle} or {@code warningPercent} is negative
   */
  public SlaTransition {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (cycle < 0) {
      throw new IllegalArgumentException("cycle must be 0 or more, was " + cycle);
    }
    if (warningPercent < 0) {
      throw new IllegalArgumentException("warningPercent must be 0 or more, was " + warningPercent);
    }
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
   * Reads the JSON form written by {@link #toJson()}.
   *
   * @param json one JSON object
   * @return the transition
   * @throws IllegalArgumentException if the text is not a valid transition object, naming the field
   *     and a bounded excerpt of the value
   */
  public static SlaTransition fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new IllegalArgumentException(
          "SLA transition is not valid JSON: " + e.getOriginalMessage() + where, e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "SLA transition must be a JSON object, was " + excerpt(json) + " ($)");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "unknown field "
                + excerpt(f)
                + " ($."
                + (f.length() <= EXCERPT ? f : f.substring(0, EXCERPT) + "...")
                + ")");
      }
    }
    int v = intField(n, "v");
    if (v != VERSION) {
      throw new IllegalArgumentException("v must be " + VERSION + ", was " + v + " ($.v)");
    }
    String metricText = textField(n, "metric");
    SlaMetric metric;
    try {
      metric = SlaMetric.parse(metricText);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "metric " + excerpt(metricText) + " is not a metric ($.metric): " + e.getMessage(), e);
    }
    String kindText = textField(n, "kind");
    Kind kind;
    try {
      kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "kind "
              + excerpt(kindText)
              + " must be one of "
              + java.util.Arrays.toString(Kind.values())
              + " ($.kind)",
          e);
    }
    String atText = textField(n, "at");
    Instant at;
    try {
      at = Instant.parse(atText);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "at " + excerpt(atText) + " is not an ISO-8601 instant ($.at)", e);
    }
    try {
      return new SlaTransition(
          textField(n, "ticketId"),
          metric,
          intField(n, "cycle"),
          textField(n, "key"),
          kind,
          at,
          intField(n, "warningPercent"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " ($)", e);
    }
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode f = n.get(name);
    if (f == null) {
      throw new IllegalArgumentException("missing field " + name + " ($." + name + ")");
    }
    return f;
  }

  private static String textField(JsonNode n, String name) {
    JsonNode f = field(n, name);
    if (f.asToken() != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException(
          name + " must be a string, was " + excerpt(f.toString()) + " ($." + name + ")");
    }
    return f.textValue();
  }

  private static int intField(JsonNode n, String name) {
    JsonNode f = field(n, name);
    if (!f.isInt()) {
      throw new IllegalArgumentException(
          name + " must be an integer, was " + excerpt(f.toString()) + " ($." + name + ")");
    }
    return f.intValue();
  }

  private static String excerpt(String s) {
    return s.length() <= EXCERPT
        ? '"' + s + '"'
        : '"' + s.substring(0, EXCERPT) + "...\" (" + s.length() + " chars)";
  }
}
