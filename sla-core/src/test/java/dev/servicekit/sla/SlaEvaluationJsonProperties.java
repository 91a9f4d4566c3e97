package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SlaEvaluationJson} is a report format (it is not read back), so the writer is checked
 * against an independent parse: Jackson's tree of its output holds every output of the evaluation,
 * field by field, in the documented order and under the documented names, instants and durations
 * reading back through {@link Instant#parse} and {@link Duration#parse}; equal evaluations (the
 * same events arriving in another order, into a fresh clock) give the same text; the audit-trail
 * variant is the same object with each cycle's {@link SlaClock#auditTrail} added last. Over the
 * histories and policy-set variants of {@link UpcomingTransitionProperties}.
 */
class SlaEvaluationJsonProperties {

  static final List<String> TOP =
      List.of(
          "format",
          "v",
          "ticketId",
          "at",
          "status",
          "policy",
          "priority",
          "cycles",
          "nextTransition",
          "policyChanges",
          "anomalies");
  static final List<String> CYCLE =
      List.of(
          "metric",
          "cycle",
          "key",
          "state",
          "running",
          "policy",
          "targeted",
          "start",
          "stop",
          "target",
          "deadline",
          "metAt",
          "breachedAt",
          "elapsed",
          "wallElapsed",
          "pausedTime",
          "remaining",
          "signedRemaining",
          "breachedBy",
          "percentConsumed",
          "warningPercent",
          "warnings",
          "escalation");
  static final List<String> SEGMENT =
      List.of(
          "kind",
          "from",
          "to",
          "calendar",
          "business",
          "wall",
          "openedBy",
          "closedBy",
          "policy",
          "target");

  /** A strict parser: duplicate keys and trailing content are errors. */
  static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return new UpcomingTransitionProperties().histories();
  }

  @Property(tries = 200)
  void theJsonHoldsEveryOutputOfTheEvaluationUnderItsDocumentedNames(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long seed) throws Exception {
    Random r = new Random(seed);
    SlaPolicySet set =
        UpcomingTransitionProperties.variant(
            r.nextBoolean() ? h.set() : UpcomingTransitionProperties.dense(r), seed);
    List<TicketEvent> all = new ArrayList<>(h.events());
    all.sort(TicketEvent.ORDER);
    Instant cut = r.nextInt(4) == 0 ? h.last() : all.get(r.nextInt(all.size())).at();
    List<TicketEvent> events = all.stream().filter(e -> !e.at().isAfter(cut)).toList();
    SlaClock clock = Fixtures.clock(set, "T");
    events.forEach(clock::accept);
    Instant t = cut.plus(Duration.ofMinutes(r.nextInt(3) == 0 ? 0 : r.nextInt(3000)));
    SlaEvaluation ev = clock.evaluate(t);

    String json = ev.toJson();
    assertEquals(json, SlaEvaluationJson.write(ev), "toJson is the writer's");
    check(ev, STRICT.readTree(json), null);

    // deterministic: the same events in another order, into a fresh clock, write the same text
    List<TicketEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, r);
    SlaClock other = Fixtures.clock(set, "T");
    shuffled.forEach(other::accept);
    assertEquals(json, other.evaluate(t).toJson(), "equal evaluations, equal text");

    // the audit trail only on request, as each cycle's last field
    List<List<CycleSegment>> trails = new ArrayList<>();
    for (MetricCycle c : ev.cycles()) {
      trails.add(clock.auditTrail(c.metric(), c.cycle(), t));
    }
    check(ev, STRICT.readTree(SlaEvaluationJson.write(ev, clock)), trails);
  }

  /** Every field of {@code n} against {@code ev}; segments against {@code trails} if not null. */
  static void check(SlaEvaluation ev, JsonNode n, List<List<CycleSegment>> trails) {
    assertEquals(TOP, names(n));
    assertEquals(SlaEvaluationJson.FORMAT, n.get("format").textValue());
    assertEquals(1, n.get("v").intValue());
    assertEquals(ev.ticketId(), n.get("ticketId").textValue());
    assertEquals(ev.at(), Instant.parse(n.get("at").textValue()));
    assertEquals(ev.status(), n.get("status").textValue());
    assertEquals(ev.policy(), n.get("policy").textValue());
    assertEquals(ev.priority(), text(n.get("priority")));

    JsonNode cycles = n.get("cycles");
    assertEquals(ev.cycles().size(), cycles.size());
    for (int i = 0; i < cycles.size(); i++) {
      MetricCycle c = ev.cycles().get(i);
      JsonNode j = cycles.get(i);
      List<String> expected = new ArrayList<>(CYCLE);
      if (trails != null) {
        expected.add("segments");
      }
      assertEquals(expected, names(j), "cycle " + i);
      assertEquals(c.metric(), SlaMetric.parse(j.get("metric").textValue()));
      assertEquals(c.cycle(), j.get("cycle").intValue());
      assertTrue(j.get("cycle").isInt());
      assertEquals(c.key(), j.get("key").textValue());
      assertEquals(c.state(), CycleState.valueOf(j.get("state").textValue()));
      assertEquals(c.policy(), j.get("policy").textValue());
      assertEquals(c.targeted(), j.get("targeted").booleanValue());
      assertTrue(j.get("targeted").isBoolean());
      assertEquals(c.running(), j.get("running").booleanValue());
      assertTrue(j.get("running").isBoolean());
      assertEquals(c.start(), Instant.parse(j.get("start").textValue()));
      assertEquals(c.stop(), instant(j.get("stop")));
      assertEquals(c.target(), duration(j.get("target")));
      assertEquals(c.deadline(), instant(j.get("deadline")));
      assertEquals(c.metAt(), instant(j.get("metAt")));
      assertEquals(c.breachedAt(), instant(j.get("breachedAt")));
      assertEquals(c.elapsed(), Duration.parse(j.get("elapsed").textValue()));
      assertEquals(c.wallElapsed(), Duration.parse(j.get("wallElapsed").textValue()));
      assertEquals(c.pausedTime(), Duration.parse(j.get("pausedTime").textValue()));
      assertEquals(c.remaining(), Duration.parse(j.get("remaining").textValue()));
      assertEquals(c.signedRemaining(), duration(j.get("signedRemaining")));
      if (c.signedRemaining().map(Duration::isNegative).orElse(false)) {
        assertTrue(j.get("signedRemaining").textValue().startsWith("-PT"), "one leading sign");
      }
      assertEquals(c.breachedBy(), Duration.parse(j.get("breachedBy").textValue()));
      assertTrue(j.get("percentConsumed").isNumber());
      assertEquals(c.percentConsumed(), j.get("percentConsumed").doubleValue());
      assertEquals(c.warningPercent(), j.get("warningPercent").intValue());
      JsonNode ws = j.get("warnings");
      assertEquals(c.warnings().size(), ws.size());
      for (int k = 0; k < ws.size(); k++) {
        assertEquals(List.of("percent", "at"), names(ws.get(k)));
        assertEquals(
            c.warnings().get(k),
            new WarningReached(
                ws.get(k).get("percent").intValue(),
                Instant.parse(ws.get(k).get("at").textValue())));
      }
      assertEquals(c.escalation(), escalation(j.get("escalation")));
      if (trails != null) {
        JsonNode ss = j.get("segments");
        List<CycleSegment> trail = trails.get(i);
        assertEquals(trail.size(), ss.size());
        for (int k = 0; k < ss.size(); k++) {
          JsonNode s = ss.get(k);
          assertEquals(SEGMENT, names(s));
          assertEquals(
              trail.get(k),
              new CycleSegment(
                  CycleSegment.Kind.valueOf(s.get("kind").textValue()),
                  Instant.parse(s.get("from").textValue()),
                  Instant.parse(s.get("to").textValue()),
                  s.get("calendar").textValue(),
                  Duration.parse(s.get("business").textValue()),
                  Duration.parse(s.get("wall").textValue()),
                  s.get("openedBy").textValue(),
                  text(s.get("closedBy")),
                  s.get("policy").textValue(),
                  duration(s.get("target"))));
        }
      }
    }

    JsonNode next = n.get("nextTransition");
    Optional<UpcomingTransition> up = ev.upcoming();
    assertEquals(up.isEmpty(), next.isNull());
    if (up.isPresent()) {
      assertEquals(List.of("at", "changes"), names(next));
      List<UpcomingTransition.Change> changes = new ArrayList<>();
      for (JsonNode c : next.get("changes")) {
        assertEquals(
            List.of("metric", "cycle", "key", "kind", "warningPercent", "escalation"), names(c));
        changes.add(
            new UpcomingTransition.Change(
                SlaMetric.parse(c.get("metric").textValue()),
                c.get("cycle").intValue(),
                c.get("key").textValue(),
                SlaTransition.Kind.valueOf(c.get("kind").textValue()),
                c.get("warningPercent").intValue(),
                escalation(c.get("escalation"))));
      }
      assertEquals(
          up.get(), new UpcomingTransition(Instant.parse(next.get("at").textValue()), changes));
    }

    JsonNode pcs = n.get("policyChanges");
    assertEquals(ev.policyChanges().size(), pcs.size());
    for (int i = 0; i < pcs.size(); i++) {
      JsonNode p = pcs.get(i);
      assertEquals(List.of("at", "eventId", "policy", "priority", "channel"), names(p));
      assertEquals(
          ev.policyChanges().get(i),
          new PolicyChange(
              Instant.parse(p.get("at").textValue()),
              p.get("eventId").textValue(),
              p.get("policy").textValue(),
              text(p.get("priority")),
              p.get("channel").textValue()));
    }
    JsonNode as = n.get("anomalies");
    assertEquals(ev.anomalies().size(), as.size());
    for (int i = 0; i < as.size(); i++) {
      JsonNode a = as.get(i);
      assertEquals(List.of("eventId", "at", "reason"), names(a));
      assertEquals(
          ev.anomalies().get(i),
          new EventAnomaly(
              a.get("eventId").textValue(),
              Instant.parse(a.get("at").textValue()),
              a.get("reason").textValue()));
    }
  }

  static List<String> names(JsonNode n) {
    assertTrue(n.isObject(), "expected an object: " + n);
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** A string or null field; a present field is never missing. */
  static Optional<String> text(JsonNode n) {
    assertTrue(n != null && (n.isNull() || n.isTextual()), "string or null: " + n);
    return n.isNull() ? Optional.empty() : Optional.of(n.textValue());
  }

  static Optional<Instant> instant(JsonNode n) {
    return text(n).map(Instant::parse);
  }

  static Optional<Duration> duration(JsonNode n) {
    return text(n).map(Duration::parse);
  }

  static Optional<EscalationLevel> escalation(JsonNode n) {
    assertTrue(n != null, "escalation is always present");
    if (n.isNull()) {
      return Optional.empty();
    }
    assertEquals(List.of("level", "percent", "recipient"), names(n));
    return Optional.of(
        EscalationLevel.of(
            n.get("level").intValue(),
            n.get("percent").intValue(),
            n.get("recipient").textValue()));
  }
}
