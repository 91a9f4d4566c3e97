package dev.servicekit.sla;

import static dev.servicekit.sla.internal.JsonInput.array;
import static dev.servicekit.sla.internal.JsonInput.at;
import static dev.servicekit.sla.internal.JsonInput.bool;
import static dev.servicekit.sla.internal.JsonInput.duration;
import static dev.servicekit.sla.internal.JsonInput.get;
import static dev.servicekit.sla.internal.JsonInput.integer;
import static dev.servicekit.sla.internal.JsonInput.object;
import static dev.servicekit.sla.internal.JsonInput.objectAny;
import static dev.servicekit.sla.internal.JsonInput.required;
import static dev.servicekit.sla.internal.JsonInput.strings;
import static dev.servicekit.sla.internal.JsonInput.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads {@link SlaPolicySet}s from JSON through the same builders and validation as code. Errors
 * are {@link IllegalArgumentException}s whose message ends with the JSON path, e.g. {@code
 * (policies[1].targets.urgent.*.first_response)}.
 *
 * <p>Format (durations ISO-8601, metrics as {@link SlaMetric#parse}):
 *
 * <pre>{@code
 * {"statuses":["new","open","pending","on-hold","solved","closed"],
 *  "solvedStatuses":["solved","closed"], "initialStatus":"new",
 *  "stages":[{"name":"analysis","statuses":["analysis"],"reentry":"RESTART"}],
 *  "resolutionReopen":"RESUME", "internalNotesCount":false, "automatedRepliesCount":false,
 *  "policies":[{
 *     "name":"key-accounts",
 *     "when":{"attributes":{"tier":["gold"]},"tags":["contract"]},
 *     "matrix":{"cells":[{"severity":"s1","tier":"gold","priority":"urgent"}],"default":"high"},
 *     "channels":["email","phone"],
 *     "targets":{"urgent":{"*":{"first_response":"PT1H","resolution":"PT4H"}}},
 *     "metrics":[{"metric":"resolution","calendar":"team","pauseOn":["pending"],
 *                 "warnAt":[50,75,90],
 *                 "escalations":[{"level":1,"percent":100,"recipient":"lead"}]}]}],
 *  "defaultPolicy":{...same shape...}}
 * }</pre>
 *
 * <p>Only {@code statuses} and {@code defaultPolicy} are required. Stateless and thread-safe.
 */
public final class SlaPolicyJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ROOT =
      Set.of(
          "statuses",
          "solvedStatuses",
          "initialStatus",
          "stages",
          "resolutionReopen",
          "internalNotesCount",
          "automatedRepliesCount",
          "policies",
          "defaultPolicy");
  private static final Set<String> POLICY =
      Set.of("name", "when", "matrix", "channels", "targets", "metrics");
  private static final Set<String> WHEN = Set.of("attributes", "tags");
  private static final Set<String> MATRIX = Set.of("cells", "default");
  private static final Set<String> CELL = Set.of("severity", "tier", "priority");
  private static final Set<String> STAGE = Set.of("name", "statuses", "reentry");
  private static final Set<String> METRIC =
      Set.of("metric", "calendar", "pauseOn", "warnAt", "escalations");
  private static final Set<String> ESCALATION = Set.of("level", "percent", "recipient");

  private SlaPolicyJson() {}

  /**
   * Reads a policy set from JSON text. {@code O(input size)}.
   *
   * @param json the JSON text
   * @return the policy set
   * @throws IllegalArgumentException naming the JSON path, the value and the rule on bad input
   */
  public static SlaPolicySet read(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage() + " ($)", e);
    }
  }

  /**
   * Reads a policy set from a UTF-8 JSON stream (not closed). {@code O(input size)}.
   *
   * @param in the stream
   * @return the policy set
   * @throws IllegalArgumentException naming the JSON path on bad input
   * @throws UncheckedIOException if the stream fails
   */
  public static SlaPolicySet read(InputStream in) {
    Objects.requireNonNull(in, "in");
    try {
      return fromTree(MAPPER.readTree(in));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage() + " ($)", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SlaPolicySet fromTree(JsonNode root) {
    object(root, "$", ROOT);
    SlaPolicySet.Builder b = SlaPolicySet.builder();
    List<String> statuses = strings(required(root, "statuses", "$"), "statuses");
    at("statuses", () -> b.statuses(statuses));
    Set<String> known = new HashSet<>(statuses);
    if (root.has("solvedStatuses")) {
      List<String> solved = strings(root.get("solvedStatuses"), "solvedStatuses");
      for (int i = 0; i < solved.size(); i++) {
        requireKnown(known, solved.get(i), "solvedStatuses[" + i + "]");
      }
      at("solvedStatuses", () -> b.solvedStatuses(solved.toArray(String[]::new)));
    }
    if (root.has("initialStatus")) {
      String s = text(root.get("initialStatus"), "initialStatus");
      requireKnown(known, s, "initialStatus");
      at("initialStatus", () -> b.initialStatus(s));
    }
    Set<String> stageNames = new HashSet<>();
    if (root.has("stages")) {
      JsonNode stages = array(root.get("stages"), "stages");
      for (int i = 0; i < stages.size(); i++) {
        String p = "stages[" + i + "]";
        JsonNode st = object(stages.get(i), p, STAGE);
        String name = text(required(st, "name", p), p + ".name");
        List<String> ss = strings(required(st, "statuses", p), p + ".statuses");
        for (int j = 0; j < ss.size(); j++) {
          requireKnown(known, ss.get(j), p + ".statuses[" + j + "]");
        }
        ReopenRule reentry =
            st.has("reentry") ? reopen(st.get("reentry"), p + ".reentry") : ReopenRule.RESTART;
        StageDefinition def =
            get(p, () -> new StageDefinition(name, new java.util.LinkedHashSet<>(ss), reentry));
        at(p, () -> b.stage(def));
        stageNames.add(name);
      }
    }
    if (root.has("resolutionReopen")) {
      ReopenRule r = reopen(root.get("resolutionReopen"), "resolutionReopen");
      b.resolutionReopen(r);
    }
    if (root.has("internalNotesCount")) {
      b.internalNotesCount(bool(root.get("internalNotesCount"), "internalNotesCount"));
    }
    if (root.has("automatedRepliesCount")) {
      b.automatedRepliesCount(bool(root.get("automatedRepliesCount"), "automatedRepliesCount"));
    }
    if (root.has("policies")) {
      JsonNode ps = array(root.get("policies"), "policies");
      for (int i = 0; i < ps.size(); i++) {
        b.policy(policy(ps.get(i), "policies[" + i + "]", known, stageNames));
      }
    }
    b.defaultPolicy(
        policy(required(root, "defaultPolicy", "$"), "defaultPolicy", known, stageNames));
    return get("$", b::build);
  }

  private static SlaPolicy policy(JsonNode n, String path, Set<String> known, Set<String> stages) {
    object(n, path, POLICY);
    String name = text(required(n, "name", path), path + ".name");
    SlaPolicy.Builder b = get(path + ".name", () -> SlaPolicy.builder(name));
    if (n.has("when")) {
      b.when(condition(n.get("when"), path + ".when"));
    }
    b.matrix(matrix(required(n, "matrix", path), path + ".matrix"));
    if (n.has("channels")) {
      List<String> cs = strings(n.get("channels"), path + ".channels");
      for (int i = 0; i < cs.size(); i++) {
        String c = cs.get(i);
        at(path + ".channels[" + i + "]", () -> b.channels(c));
      }
    }
    if (n.has("targets")) {
      JsonNode byPriority = objectAny(n.get("targets"), path + ".targets");
      for (Iterator<Map.Entry<String, JsonNode>> it = byPriority.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        String pp = path + ".targets." + p.getKey();
        JsonNode byChannel = objectAny(p.getValue(), pp);
        for (Iterator<Map.Entry<String, JsonNode>> ic = byChannel.fields(); ic.hasNext(); ) {
          Map.Entry<String, JsonNode> c = ic.next();
          String cp = pp + "." + c.getKey();
          JsonNode byMetric = objectAny(c.getValue(), cp);
          for (Iterator<Map.Entry<String, JsonNode>> im = byMetric.fields(); im.hasNext(); ) {
            Map.Entry<String, JsonNode> m = im.next();
            String mp = cp + "." + m.getKey();
            SlaMetric metric = get(mp, () -> SlaMetric.parse(m.getKey()));
            requireStage(metric, stages, mp);
            Duration d = duration(m.getValue(), mp);
            at(mp, () -> b.target(p.getKey(), c.getKey(), metric, d));
          }
        }
      }
    }
    if (n.has("metrics")) {
      JsonNode ms = array(n.get("metrics"), path + ".metrics");
      for (int i = 0; i < ms.size(); i++) {
        String mp = path + ".metrics[" + i + "]";
        MetricRule r = rule(ms.get(i), mp, known, stages);
        at(mp, () -> b.rule(r));
      }
    }
    return get(path, b::build);
  }

  private static MetricRule rule(JsonNode n, String path, Set<String> known, Set<String> stages) {
    object(n, path, METRIC);
    String m = text(required(n, "metric", path), path + ".metric");
    SlaMetric metric = get(path + ".metric", () -> SlaMetric.parse(m));
    requireStage(metric, stages, path + ".metric");
    MetricRule.Builder b = MetricRule.builder(metric);
    if (n.has("calendar")) {
      String c = text(n.get("calendar"), path + ".calendar");
      at(path + ".calendar", () -> b.calendar(c));
    }
    if (n.has("pauseOn")) {
      List<String> ps = strings(n.get("pauseOn"), path + ".pauseOn");
      for (int i = 0; i < ps.size(); i++) {
        requireKnown(known, ps.get(i), path + ".pauseOn[" + i + "]");
      }
      b.pauseOn(ps);
    }
    if (n.has("warnAt")) {
      JsonNode ws = array(n.get("warnAt"), path + ".warnAt");
      for (int i = 0; i < ws.size(); i++) {
        int p = integer(ws.get(i), path + ".warnAt[" + i + "]");
        at(path + ".warnAt[" + i + "]", () -> b.warnAt(p));
      }
    }
    if (n.has("escalations")) {
      JsonNode es = array(n.get("escalations"), path + ".escalations");
      for (int i = 0; i < es.size(); i++) {
        String ep = path + ".escalations[" + i + "]";
        JsonNode e = object(es.get(i), ep, ESCALATION);
        int level = integer(required(e, "level", ep), ep + ".level");
        int percent = integer(required(e, "percent", ep), ep + ".percent");
        String recipient = text(required(e, "recipient", ep), ep + ".recipient");
        EscalationLevel l = get(ep, () -> EscalationLevel.of(level, percent, recipient));
        b.escalate(l);
      }
    }
    return get(path, b::build);
  }

  private static MatchCondition condition(JsonNode n, String path) {
    object(n, path, WHEN);
    Map<String, Set<String>> attrs = new LinkedHashMap<>();
    if (n.has("attributes")) {
      JsonNode a = objectAny(n.get("attributes"), path + ".attributes");
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        attrs.put(
            e.getKey(),
            new java.util.LinkedHashSet<>(
                strings(e.getValue(), path + ".attributes." + e.getKey())));
      }
    }
    Set<String> tags =
        n.has("tags")
            ? new java.util.LinkedHashSet<>(strings(n.get("tags"), path + ".tags"))
            : Set.of();
    return get(path, () -> new MatchCondition(attrs, tags));
  }

  private static PriorityMatrix matrix(JsonNode n, String path) {
    object(n, path, MATRIX);
    PriorityMatrix.Builder b = PriorityMatrix.builder();
    if (n.has("cells")) {
      JsonNode cells = array(n.get("cells"), path + ".cells");
      for (int i = 0; i < cells.size(); i++) {
        String cp = path + ".cells[" + i + "]";
        JsonNode c = object(cells.get(i), cp, CELL);
        String s = text(required(c, "severity", cp), cp + ".severity");
        String t = text(required(c, "tier", cp), cp + ".tier");
        String p = text(required(c, "priority", cp), cp + ".priority");
        at(cp, () -> b.cell(s, t, p));
      }
    }
    if (n.has("default")) {
      String d = text(n.get("default"), path + ".default");
      at(path + ".default", () -> b.defaultPriority(d));
    }
    return get(path, b::build);
  }

  private static void requireKnown(Set<String> known, String status, String path) {
    if (!known.contains(status)) {
      throw new IllegalArgumentException(
          "status '" + status + "' is not declared in statuses (" + path + ")");
    }
  }

  private static void requireStage(SlaMetric metric, Set<String> stages, String path) {
    if (metric.kind() == SlaMetric.Kind.STAGE && !stages.contains(metric.stage())) {
      throw new IllegalArgumentException(
          "stage '" + metric.stage() + "' is not declared in stages (" + path + ")");
    }
  }

  private static ReopenRule reopen(JsonNode n, String path) {
    String t = text(n, path);
    try {
      return ReopenRule.valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + t + "' is not a reopen rule; expected RESUME or RESTART (" + path + ")", e);
    }
  }
}
