package dev.servicekit.sla;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON form of an {@link SlaEvaluation}, for a UI or an API response: a <b>report format, not a
 * state format</b>. It is written, never read back: to keep or move a ticket's SLA state,
 * checkpoint the clock ({@link SlaClockSnapshot}) and evaluate it again.
 *
 * <p>Layout, version {@value #VERSION}, fields always present and always in this order ({@code
 * null} where a value is absent), instants as ISO-8601 UTC ({@code 2026-03-02T14:00:00Z}),
 * durations as ISO-8601 in days, hours, minutes and seconds ({@link Duration#toString()}, {@code
 * PT4H30M}; a negative one with a leading minus, {@code -PT30M}), field names those of the Java
 * accessors:
 *
 * <pre>{@code
 * {"format":"servicekit.sla-evaluation","v":1,
 *  "ticketId":"T-1","at":"...","status":"open","policy":"standard","priority":"high"|null,
 *  "cycles":[{"metric":"first_response","cycle":0,"key":"","state":"ACTIVE","running":true,
 *    "policy":"standard","targeted":true,"start":"...","stop":null,"target":"PT4H","deadline":"...","metAt":null,
 *    "breachedAt":null,"elapsed":"PT1H","wallElapsed":"PT1H","pausedTime":"PT0S",
 *    "remaining":"PT3H","signedRemaining":"PT3H","breachedBy":"PT0S","percentConsumed":25.0,
 *    "warningPercent":0,"warnings":[{"percent":50,"at":"..."}],
 *    "escalation":{"level":1,"percent":100,"recipient":"lead"}|null}],
 *  "nextTransition":{"at":"...","changes":[{"metric":"first_response","cycle":0,"key":"",
 *    "kind":"WARNING","warningPercent":50,"escalation":null}]}|null,
 *  "policyChanges":[{"at":"...","eventId":"e1","policy":"standard","priority":"high"|null,
 *    "channel":"email"}],
 *  "anomalies":[{"eventId":"e7","at":"...","reason":"..."}]}
 * }</pre>
 *
 * <p>The cycle fields are {@link MetricCycle}'s components plus {@code targeted}, {@code metAt} and
 * {@code signedRemaining} ({@link MetricCycle#targeted()}, {@link MetricCycle#metAt()}, {@link
 * MetricCycle#signedRemaining()}); {@code metric} is its text form ({@link SlaMetric#toString()}),
 * {@code percentConsumed} a JSON number. {@code nextTransition} is {@link
 * SlaEvaluation#upcoming()}: the instant and every change due then. The audit trail is left out (it
 * can be long) unless asked for with {@link #write(SlaEvaluation, SlaClock)}, which adds {@code
 * "segments"} as each cycle's last field: {@code [{"kind":"RUNNING","from":"...","to":"...",
 * "calendar":"team","business":"PT1H","wall":"PT1H","openedBy":"e1","closedBy":"e2"|null,
 * "policy":"standard","target":"PT4H"|null}]}. A later version may add fields (a reader should
 * ignore unknown ones), never rename or drop one.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlaEvaluationJson {

  /** The {@code "format"} value. */
  public static final String FORMAT = "servicekit.sla-evaluation";

  /** The format version written. */
  public static final int VERSION = 1;

  private static final JsonFactory FACTORY = new JsonFactory();

  private SlaEvaluationJson() {}

  /**
   * Writes an evaluation, without audit trails. {@code O(cycles + policy changes + anomalies)}
   * besides deriving the evaluation's cycles and upcoming transition once.
   *
   * @param evaluation the evaluation
   * @return one JSON object, in the layout above
   * @throws IllegalStateException if the evaluation was built from its components and has a next
   *     transition (see {@link SlaEvaluation#upcoming()})
   */
  public static String write(SlaEvaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    return write(evaluation, (SlaClock) null, false);
  }

  /**
   * Writes an evaluation with each cycle's audit trail ({@code "segments"}), as {@code clock}
   * derives it at the evaluation's instant ({@link SlaClock#auditTrail(SlaMetric, int, Instant)}):
   * from the events the clock holds now at or before that instant. {@code O(cycles x (events +
   * status changes))}.
   *
   * @param evaluation an evaluation of {@code clock}
   * @param clock the clock that evaluated it
   * @return one JSON object, in the layout above, with segments
   * @throws IllegalArgumentException if the clock is of another ticket, or no longer has one of the
   *     evaluation's cycles (an event accepted since, at or before the evaluation's instant,
   *     removed it)
   * @throws IllegalStateException as {@link #write(SlaEvaluation)}
   */
  public static String write(SlaEvaluation evaluation, SlaClock clock) {
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(clock, "clock");
    if (!clock.ticketId().equals(evaluation.ticketId())) {
      throw new IllegalArgumentException(
          "clock of ticket "
              + dev.servicekit.sla.internal.Excerpt.of(clock.ticketId())
              + " did not evaluate ticket "
              + dev.servicekit.sla.internal.Excerpt.of(evaluation.ticketId()));
    }
    return write(evaluation, clock, true);
  }

  private static String write(SlaEvaluation ev, SlaClock clock, boolean segments) {
    // Everything that can throw is derived before anything is written.
    List<MetricCycle> cycles = ev.cycles();
    Optional<UpcomingTransition> upcoming = ev.upcoming();
    List<List<CycleSegment>> trails = null;
    if (segments) {
      trails = new java.util.ArrayList<>(cycles.size());
      for (MetricCycle c : cycles) {
        trails.add(clock.auditTrail(c.metric(), c.cycle(), ev.at()));
      }
    }
    StringWriter out = new StringWriter(256 + 600 * cycles.size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("v", VERSION);
      g.writeStringField("ticketId", ev.ticketId());
      instant(g, "at", ev.at());
      g.writeStringField("status", ev.status());
      g.writeStringField("policy", ev.policy());
      text(g, "priority", ev.priority());
      g.writeArrayFieldStart("cycles");
      for (int i = 0; i < cycles.size(); i++) {
        cycle(g, cycles.get(i), trails == null ? null : trails.get(i));
      }
      g.writeEndArray();
      g.writeFieldName("nextTransition");
      if (upcoming.isEmpty()) {
        g.writeNull();
      } else {
        g.writeStartObject();
        instant(g, "at", upcoming.get().at());
        g.writeArrayFieldStart("changes");
        for (UpcomingTransition.Change c : upcoming.get().changes()) {
          g.writeStartObject();
          g.writeStringField("metric", c.metric().toString());
          g.writeNumberField("cycle", c.cycle());
          g.writeStringField("key", c.key());
          g.writeStringField("kind", c.kind().name());
          g.writeNumberField("warningPercent", c.warningPercent());
          escalation(g, c.escalation());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeArrayFieldStart("policyChanges");
      for (PolicyChange p : ev.policyChanges()) {
        g.writeStartObject();
        instant(g, "at", p.at());
        g.writeStringField("eventId", p.eventId());
        g.writeStringField("policy", p.policy());
        text(g, "priority", p.priority());
        g.writeStringField("channel", p.channel());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("anomalies");
      for (EventAnomaly a : ev.anomalies()) {
        g.writeStartObject();
        g.writeStringField("eventId", a.eventId());
        instant(g, "at", a.at());
        g.writeStringField("reason", a.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void cycle(JsonGenerator g, MetricCycle c, List<CycleSegment> trail)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("metric", c.metric().toString());
    g.writeNumberField("cycle", c.cycle());
    g.writeStringField("key", c.key());
    g.writeStringField("state", c.state().name());
    g.writeBooleanField("running", c.running());
    g.writeStringField("policy", c.policy());
    g.writeBooleanField("targeted", c.targeted());
    instant(g, "start", c.start());
    instant(g, "stop", c.stop());
    duration(g, "target", c.target());
    instant(g, "deadline", c.deadline());
    instant(g, "metAt", c.metAt());
    instant(g, "breachedAt", c.breachedAt());
    duration(g, "elapsed", c.elapsed());
    duration(g, "wallElapsed", c.wallElapsed());
    duration(g, "pausedTime", c.pausedTime());
    duration(g, "remaining", c.remaining());
    duration(g, "signedRemaining", c.signedRemaining());
    duration(g, "breachedBy", c.breachedBy());
    g.writeNumberField("percentConsumed", c.percentConsumed());
    g.writeNumberField("warningPercent", c.warningPercent());
    g.writeArrayFieldStart("warnings");
    for (WarningReached w : c.warnings()) {
      g.writeStartObject();
      g.writeNumberField("percent", w.percent());
      instant(g, "at", w.at());
      g.writeEndObject();
    }
    g.writeEndArray();
    escalation(g, c.escalation());
    if (trail != null) {
      g.writeArrayFieldStart("segments");
      for (CycleSegment s : trail) {
        g.writeStartObject();
        g.writeStringField("kind", s.kind().name());
        instant(g, "from", s.from());
        instant(g, "to", s.to());
        g.writeStringField("calendar", s.calendar());
        duration(g, "business", s.business());
        duration(g, "wall", s.wall());
        g.writeStringField("openedBy", s.openedBy());
        text(g, "closedBy", s.closedBy());
        g.writeStringField("policy", s.policy());
        duration(g, "target", s.target());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void escalation(JsonGenerator g, Optional<EscalationLevel> e) throws IOException {
    g.writeFieldName("escalation");
    if (e.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("level", e.get().level());
    g.writeNumberField("percent", e.get().percent());
    g.writeStringField("recipient", e.get().recipient());
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String field, Optional<String> v) throws IOException {
    if (v.isPresent()) {
      g.writeStringField(field, v.get());
    } else {
      g.writeNullField(field);
    }
  }

  private static void instant(JsonGenerator g, String field, Instant v) throws IOException {
    g.writeStringField(field, v.toString());
  }

  private static void instant(JsonGenerator g, String field, Optional<Instant> v)
      throws IOException {
    if (v.isPresent()) {
      instant(g, field, v.get());
    } else {
      g.writeNullField(field);
    }
  }

  private static void duration(JsonGenerator g, String field, Duration d) throws IOException {
    g.writeStringField(field, iso(d));
  }

  private static void duration(JsonGenerator g, String field, Optional<Duration> d)
      throws IOException {
    if (d.isPresent()) {
      duration(g, field, d.get());
    } else {
      g.writeNullField(field);
    }
  }

  /**
   * ISO-8601 text of a duration: {@link Duration#toString()}, but a negative one as {@code -PT30M}
   * (one sign in front, as ISO-8601 extensions and most parsers write it) rather than {@code
   * PT-30M}; {@link Duration#parse} reads both.
   */
  static String iso(Duration d) {
    return d.isNegative() ? "-" + d.negated().toString() : d.toString();
  }
}
