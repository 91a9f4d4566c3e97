package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Default rules ({@link SlaPolicySet#defaultRules()}) differentially: a set whose policies lack
 * some rules and whose default rules fill them evaluates exactly like the same set with each
 * default rule written into every policy that targets its metric without a rule, on the random
 * histories of {@link SlaClockProperties} (their sets have per-target calendars, reply overrides,
 * definitions and due dates). Both sets are read from JSON, so the property also covers the reader,
 * and the default-rule set must survive a write and read unchanged.
 */
class DefaultRulesProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] METRICS = {
    "first_response", "next_response", "periodic_update", "resolution"
  };

  @Property(tries = 300)
  void defaultRulesMeasureLikeTheSameRulesCopiedIntoEveryPolicyLackingOne(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size, @ForAll long ruleSeed)
      throws Exception {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    Random r = new Random(ruleSeed);
    ObjectNode base = (ObjectNode) JSON.readTree(SlaPolicyJson.write(h.set()));
    List<String> statuses = new ArrayList<>();
    base.get("statuses").forEach(s -> statuses.add(s.asText()));
    // Drop some of every policy's own rules, so that some targeted metrics have none.
    for (ObjectNode p : policies(base)) {
      JsonNode ms = p.get("metrics");
      if (ms == null) {
        continue;
      }
      ArrayNode kept = JSON.createArrayNode();
      ms.forEach(
          m -> {
            if (r.nextInt(3) != 0) {
              kept.add(m);
            }
          });
      p.set("metrics", kept);
    }
    ArrayNode defaults = JSON.createArrayNode();
    for (String metric : METRICS) {
      if (r.nextInt(4) != 0) {
        defaults.add(rule(r, metric, statuses));
      }
    }
    ObjectNode withDefaults = base.deepCopy();
    withDefaults.set("defaultRules", defaults);
    ObjectNode copied = base.deepCopy();
    for (ObjectNode p : policies(copied)) {
      Set<String> own = new HashSet<>();
      ArrayNode ms = p.has("metrics") ? (ArrayNode) p.get("metrics") : p.putArray("metrics");
      ms.forEach(m -> own.add(m.get("metric").asText()));
      for (JsonNode d : defaults) {
        String metric = d.get("metric").asText();
        if (!own.contains(metric) && targets(p, metric)) {
          ms.add(d.deepCopy());
        }
      }
    }
    SlaPolicySet a = SlaPolicyJson.read(JSON.writeValueAsString(withDefaults));
    SlaPolicySet b = SlaPolicyJson.read(JSON.writeValueAsString(copied));
    assertEquals(a, SlaPolicyJson.read(SlaPolicyJson.write(a)), "round trip");
    // the same effective rules (equal policies would also need the same rules given)
    for (int i = 0; i < a.policies().size(); i++) {
      assertEquals(a.policies().get(i).rules(), b.policies().get(i).rules());
    }
    assertEquals(a.defaultPolicy().rules(), b.defaultPolicy().rules());
    for (int later : new int[] {0, 7, 40}) {
      Instant now = h.last().plus(Duration.ofMinutes(15L * later));
      assertEquals(
          Fixtures.eval(b, h.events(), now),
          Fixtures.eval(a, h.events(), now),
          h.events()::toString);
    }
  }

  private static List<ObjectNode> policies(ObjectNode root) {
    List<ObjectNode> out = new ArrayList<>();
    if (root.has("policies")) {
      root.get("policies").forEach(p -> out.add((ObjectNode) p));
    }
    out.add((ObjectNode) root.get("defaultPolicy"));
    return out;
  }

  private static boolean targets(ObjectNode policy, String metric) {
    JsonNode t = policy.get("targets");
    if (t == null) {
      return false;
    }
    for (Iterator<JsonNode> byChannel = t.elements(); byChannel.hasNext(); ) {
      for (Iterator<JsonNode> cell = byChannel.next().elements(); cell.hasNext(); ) {
        if (cell.next().has(metric)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A random rule: calendar 24/7 or team, some pause statuses, sometimes warnings. */
  private static ObjectNode rule(Random r, String metric, List<String> statuses) {
    ObjectNode o = JSON.createObjectNode().put("metric", metric);
    if (r.nextBoolean()) {
      o.put("calendar", r.nextBoolean() ? "team" : MetricRule.ALWAYS);
    }
    ArrayNode pause = JSON.createArrayNode();
    for (String s : statuses) {
      if (r.nextInt(3) == 0) {
        pause.add(s);
      }
    }
    if (!pause.isEmpty()) {
      o.set("pauseOn", pause);
    }
    if (r.nextInt(3) == 0) {
      o.set("warnAt", JSON.createArrayNode().add(50).add(90));
    }
    if (!metric.equals("resolution") && r.nextInt(4) == 0) {
      o.put("internalNotesCount", r.nextBoolean());
    }
    return o;
  }
}
