package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Text a person could have written for the same policy set (fields in any order, sets in any order,
 * defaults left out, targets in the object form naming their given rule's calendar, other
 * whitespace) reads as the same set, and one {@code write(read(text))} normalizes it: writing that
 * again changes nothing. A rule the policy was given, even the 24/7 one, is not left out: it would
 * become a rule filled in, which another set's default rule replaces.
 */
class SlaPolicyJsonHandEditProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 200)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void handEditedTextReadsEqualAndNormalizesInOneStep(@ForAll long seed)
      throws JsonProcessingException {
    Random rnd = new Random(seed);
    SlaPolicySet set = RandomPolicySets.of(rnd);
    ObjectNode root = (ObjectNode) MAPPER.readTree(SlaPolicyJson.write(set));
    String edited = handEdit(root, rnd);
    assertEquals(set, SlaPolicyJson.read(edited), edited);
    String normal = SlaPolicyJson.write(SlaPolicyJson.read(edited));
    assertEquals(normal, SlaPolicyJson.write(SlaPolicyJson.read(normal)), edited);
    // Not vacuous: often the edits change what one normalization gives (e.g. metric order).
    String label = "normal form differs from write(set)";
    Statistics.label(label).collect(!normal.equals(SlaPolicyJson.write(set)));
    Statistics.label(label).coverage(c -> c.check(true).percentage(pc -> pc >= 10));
  }

  private static String handEdit(ObjectNode root, Random rnd) throws JsonProcessingException {
    dropIf(rnd, root, "initialStatus", root.get("statuses").get(0).textValue());
    dropIf(rnd, root, "resolutionReopen", "RESUME");
    dropIf(rnd, root, "retargetRule", "RECALCULATE");
    dropIf(rnd, root, "reattachStart", "AT_CHANGE");
    dropIf(rnd, root, "retroactivePause", false);
    dropIf(rnd, root, "scheduleRule", "LAST_SCHEDULE");
    dropIf(rnd, root, "breachRule", "AFTER_DEADLINE");
    dropIf(rnd, root, "closingRule", "AT_CLOSE");
    dropIf(rnd, root, "internalNotesCount", false);
    dropIf(rnd, root, "automatedRepliesCount", false);
    shuffle(rnd, root.get("solvedStatuses"));
    for (JsonNode st : iterable(root.get("stages"))) {
      dropIf(rnd, (ObjectNode) st, "reentry", "RESTART");
      shuffle(rnd, st.get("statuses"));
    }
    for (JsonNode p : iterable(root.get("policies"))) {
      editPolicy((ObjectNode) p, rnd);
    }
    editPolicy((ObjectNode) root.get("defaultPolicy"), rnd);
    JsonNode shuffled = shuffleFields(root, rnd);
    return rnd.nextBoolean()
        ? MAPPER.writeValueAsString(shuffled)
        : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(shuffled);
  }

  private static void editPolicy(ObjectNode p, Random rnd) {
    JsonNode when = p.get("when");
    if (when != null) {
      shuffle(rnd, when.get("tags"));
      for (JsonNode values : iterable(when.get("attributes"))) {
        shuffle(rnd, values);
      }
    }
    ArrayNode metrics = p.has("metrics") ? (ArrayNode) p.get("metrics") : MAPPER.createArrayNode();
    // A target may name its metric's given rule's calendar in the object form: the same policy.
    // (Not a filled-in rule's: that override would stay when another set fills in another rule.)
    Map<String, String> ruleCalendars = new HashMap<>();
    metrics.forEach(m -> ruleCalendars.put(m.get("metric").textValue(), calendarOf(m)));
    for (JsonNode byChannel : iterable(p.get("targets"))) {
      for (JsonNode cell : iterable(byChannel)) {
        List<String> names = new ArrayList<>();
        cell.fieldNames().forEachRemaining(names::add);
        for (String metric : names) {
          JsonNode v = cell.get(metric);
          if (v.isTextual() && ruleCalendars.containsKey(metric) && rnd.nextInt(4) == 0) {
            ((ObjectNode) cell)
                .putObject(metric)
                .put("target", v.textValue())
                .put("calendar", ruleCalendars.get(metric));
          }
        }
      }
    }
    for (JsonNode m : metrics) {
      dropIf(rnd, (ObjectNode) m, "calendar", "24/7");
      shuffle(rnd, m.get("pauseOn"));
    }
  }

  private static String calendarOf(JsonNode m) {
    return m.get("calendar").textValue();
  }

  private static void dropIf(Random rnd, ObjectNode o, String field, Object defaultValue) {
    JsonNode v = o.get(field);
    boolean isDefault =
        v != null
            && (defaultValue instanceof Boolean b
                ? v.isBoolean() && v.booleanValue() == b
                : defaultValue.equals(v.textValue()));
    if (isDefault && rnd.nextBoolean()) {
      o.remove(field);
    }
  }

  private static void shuffle(Random rnd, JsonNode array) {
    if (array == null) {
      return;
    }
    List<JsonNode> elements = new ArrayList<>();
    array.elements().forEachRemaining(elements::add);
    Collections.shuffle(elements, rnd);
    ((ArrayNode) array).removeAll().addAll(elements);
  }

  /** A deep copy with the fields of every object in random order (arrays keep their order). */
  private static JsonNode shuffleFields(JsonNode n, Random rnd) {
    if (n.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      n.fields().forEachRemaining(fields::add);
      Collections.shuffle(fields, rnd);
      ObjectNode out = MAPPER.createObjectNode();
      fields.forEach(e -> out.set(e.getKey(), shuffleFields(e.getValue(), rnd)));
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      n.elements().forEachRemaining(e -> out.add(shuffleFields(e, rnd)));
      return out;
    }
    return n;
  }

  private static Iterable<JsonNode> iterable(JsonNode n) {
    return n == null ? List.of() : n;
  }
}
