package dev.servicekit.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Policy sets with metric definitions added, for properties: every built-in metric of a set gets a
 * ready-made {@link MetricDefinition} twin ({@code custom:m_<metric>}) with the same targets, cell
 * calendars and rules in every policy, so that the twin must give the built-in's cycles; and a few
 * extra definitions drive the other trigger kinds (tags, attributes, cancel, arm, untargeted) and
 * pause on a tag and an attribute value besides a status.
 */
final class Mirrors {
  private Mirrors() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The twin of a built-in metric. */
  static SlaMetric twin(SlaMetric builtIn) {
    return SlaMetric.custom("m_" + builtIn.toString().replace(':', '_'));
  }

  /**
   * {@code set} plus the twins of first reply, next reply, periodic update, resolution, stages and
   * call answer time.
   */
  static SlaPolicySet withTwins(SlaPolicySet set) {
    return with(set, false);
  }

  /** {@link #withTwins} plus definitions driven by tags, attributes, cancel and arm triggers. */
  static SlaPolicySet withTwinsAndExtras(SlaPolicySet set) {
    return with(set, true);
  }

  /** The built-in metrics that have twins in {@code set}'s mirror. */
  static List<SlaMetric> twinned(SlaPolicySet set) {
    List<SlaMetric> out = new ArrayList<>();
    out.add(SlaMetric.firstResponse());
    out.add(SlaMetric.nextResponse());
    out.add(SlaMetric.periodicUpdate());
    out.add(SlaMetric.resolution());
    for (StageDefinition st : set.stages().values()) {
      out.add(st.metric());
    }
    out.add(SlaMetric.answerTime());
    return out;
  }

  private static SlaPolicySet with(SlaPolicySet set, boolean extras) {
    SlaPolicySet.Builder defs = SlaPolicySet.builder();
    defs.metric(
        MetricDefinition.firstResponse(
            twin(SlaMetric.firstResponse()).name(),
            set.firstResponseSolve(),
            set.solvedStatuses(),
            set.cancelledStatuses()));
    defs.metric(
        MetricDefinition.nextResponse(
            twin(SlaMetric.nextResponse()).name(), set.solvedStatuses(), set.cancelledStatuses()));
    defs.metric(
        MetricDefinition.periodicUpdate(
            twin(SlaMetric.periodicUpdate()).name(),
            set.periodicUpdateFromCreation(),
            set.solvedStatuses(),
            set.cancelledStatuses()));
    defs.metric(
        MetricDefinition.resolution(
            twin(SlaMetric.resolution()).name(),
            set.resolutionReopen(),
            set.solvedStatuses(),
            set.cancelledStatuses()));
    for (StageDefinition st : set.stages().values()) {
      defs.metric(MetricDefinition.stage(twin(st.metric()).name(), st));
    }
    defs.metric(MetricDefinition.answerTime(twin(SlaMetric.answerTime()).name()));
    List<String> statuses = List.copyOf(set.statuses());
    String someStatus = statuses.get(statuses.size() / 2);
    if (extras) {
      defs.metric(
          MetricDefinition.builder("x_triage")
              .startOn(MetricTrigger.created(), MetricTrigger.tagRemoved("spam"))
              .stopOn(MetricTrigger.statusEntered(someStatus), MetricTrigger.publicReply())
              .cancelOn(
                  MetricTrigger.tagAdded("spam"),
                  MetricTrigger.attributeLeft("severity", "s1"),
                  MetricTrigger.automatedReply())
              .build());
      defs.metric(
          MetricDefinition.builder("x_untargeted")
              .startOn(
                  MetricTrigger.attributeEntered("tier", "gold"), MetricTrigger.customerMessage())
              .armOn(MetricTrigger.internalNote(), MetricTrigger.createdByCustomer())
              .stopOn(MetricTrigger.statusLeft(someStatus), MetricTrigger.countedReply())
              .pauseIn(statuses.get(0))
              .pauseWhileTag("spam")
              .pauseWhileAttribute("severity", "s1")
              .cycles(MetricDefinition.Cycles.RESUME)
              .whenSolved(MetricDefinition.WhenSolved.DEFER)
              .build());
    }
    // Through JSON: the definitions, then every policy's targets and rules copied to the twins.
    ObjectNode root = (ObjectNode) tree(SlaPolicyJson.write(set));
    ArrayNode added =
        (ArrayNode)
            tree(SlaPolicyJson.write(
                    defs.statuses(statuses)
                        .solvedStatuses(set.solvedStatuses().toArray(String[]::new))
                        .cancelledStatuses(set.cancelledStatuses().toArray(String[]::new))
                        .defaultPolicy(set.defaultPolicy())
                        .build()))
                .get("metricDefinitions");
    root.set("metricDefinitions", added);
    List<JsonNode> policies = new ArrayList<>();
    if (root.has("policies")) {
      root.get("policies").forEach(policies::add);
    }
    policies.add(root.get("defaultPolicy"));
    for (JsonNode p : policies) {
      for (Iterator<Map.Entry<String, JsonNode>> pi = p.get("targets").fields(); pi.hasNext(); ) {
        Map.Entry<String, JsonNode> byPriority = pi.next();
        for (JsonNode cell : byPriority.getValue()) {
          ObjectNode c = (ObjectNode) cell;
          if (extras && !byPriority.getKey().equals("normal")) {
            c.put("custom:x_triage", "PT2H"); // targeted under some priorities only
          }
          List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
          c.fields().forEachRemaining(fields::add);
          for (Map.Entry<String, JsonNode> f : fields) {
            SlaMetric m = SlaMetric.parse(f.getKey());
            if (m.kind() != SlaMetric.Kind.CUSTOM) {
              c.set(twin(m).toString(), f.getValue().deepCopy());
            }
          }
        }
      }
      if (p.has("metrics")) {
        ArrayNode rules = (ArrayNode) p.get("metrics");
        List<JsonNode> copies = new ArrayList<>();
        for (Iterator<JsonNode> it = rules.elements(); it.hasNext(); ) {
          ObjectNode r = (ObjectNode) it.next();
          SlaMetric m = SlaMetric.parse(r.get("metric").textValue());
          if (m.kind() != SlaMetric.Kind.CUSTOM) {
            ObjectNode copy = r.deepCopy();
            copy.put("metric", twin(m).toString());
            copies.add(copy);
          }
        }
        copies.forEach(rules::add);
      }
    }
    return SlaPolicyJson.read(root.toString());
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A cycle as its built-in twin would report it. */
  static MetricCycle as(SlaMetric metric, MetricCycle c) {
    return new MetricCycle(
        metric,
        c.cycle(),
        c.key(),
        c.state(),
        c.running(),
        c.start(),
        c.stop(),
        c.target(),
        c.deadline(),
        c.breachedAt(),
        c.elapsed(),
        c.wallElapsed(),
        c.pausedTime(),
        c.remaining(),
        c.breachedBy(),
        c.percentConsumed(),
        c.warningPercent(),
        c.warnings(),
        c.escalation(),
        c.policy());
  }
}
