package dev.servicekit.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.JsonInput;
import dev.servicekit.qa.internal.ScoringEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads and writes {@link Checklist}s as JSON. Reading goes through the same builders and factories
 * as code, so it applies the same validation; error messages add the JSON path, e.g. {@code "weight
 * -1 of criterion 'greet' must be in [0, 1000000] ... (at $.sections[0].criteria[3].weight)"}.
 *
 * <p>Format:
 *
 * <pre>{@code
 * {"id": "calls", "version": 3, "name": "Inbound calls", "mode": "WEIGHTED_SECTIONS",
 *  "sections": [{"id": "opening", "name": "Opening", "weight": 20, "criteria": [
 *     {"id": "greet", "name": "Greets the caller", "weight": 2, "scale": {"type": "binary"},
 *      "naAllowed": false, "required": true, "criticality": "NONE", "bonus": false}]}],
 *  "bands": [{"name": "red", "from": 0, "action": "re-certify"}]}
 * }</pre>
 *
 * Scale types: {@code binary}, {@code threeLevel}, {@code rating} ({@code "points": n}), {@code
 * range} ({@code "min"}, {@code "max"}), {@code custom} ({@code "options": [{"id", "points"}]}).
 * Modes: the {@link ScoringMode} names; {@code "bonusAbove100": true} lets bonus criteria lift the
 * total above 100 (default false). A critical criterion (criticality other than {@code NONE}) may
 * set {@code "passAt"}, the points an answer needs to pass ({@link
 * Criterion.Builder#passAt(BigDecimal)}): without it the scale's maximum, so anything short of full
 * marks fails it; {@code "passAt"} on a criterion that is not critical is refused. Without {@code
 * "bands"} every score is in one band {@code "all"}, action {@code "none"}. Unknown fields are
 * rejected. A field whose value is {@code null} is read as absent, in every field alike: an
 * optional one takes its default ({@code "naAllowed": null} is false, {@code "name": null} the id),
 * a required one is missing ({@code "missing required field (at $.sections[0].criteria[0].id,
 * ...)"}). {@link #write(Checklist)} output reads back to an equal checklist.
 *
 * <p>Hostile input is rejected, never half-read: duplicate keys, content after the document,
 * strings over 64 Ki characters, nesting deeper than 32, documents over 16 MiB, and numbers beyond
 * 10^±50 in magnitude or decimals (checked before any conversion). Every error names the JSON path
 * with its line and column, e.g. {@code (at $.sections[0].criteria[3].weight, line 14, column 9)},
 * and quotes at most 80 characters of a bad value. Ids have at most 128 characters, none of them a
 * control character, a line or paragraph separator or an unpaired surrogate, and are not blank;
 * names and band names follow the same rule without the length bound, and band actions may also be
 * empty.
 *
 * <p>Thread-safe; stateless.
 */
public final class ChecklistJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ChecklistJson() {}

  /**
   * Parses a checklist, {@code O(size of the JSON)}.
   *
   * @param json the JSON text
   * @return the checklist
   * @throws IllegalArgumentException if the JSON is malformed or invalid, naming the JSON path
   */
  public static Checklist read(String json) {
    return JsonInput.read(json, "checklist JSON is malformed: ", ChecklistJson::checklist);
  }

  /**
   * Parses a checklist from a UTF-8 JSON stream (read to its end, not closed; at most {@value
   * dev.servicekit.qa.internal.JsonInput#MAX_DOCUMENT_LENGTH} bytes), as {@link #read(String)}
   * parses text. {@code O(size of the JSON)}.
   *
   * @param in the stream
   * @return the checklist
   * @throws IllegalArgumentException if the bytes are not UTF-8, or the JSON is malformed or
   *     invalid, naming the JSON path, line and column
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static Checklist read(java.io.InputStream in) {
    return JsonInput.read(in, "checklist JSON is malformed: ", ChecklistJson::checklist);
  }

  private static Checklist checklist(JsonNode root) {
    object(root, "$");
    fields(
        root, "$", Set.of("id", "version", "name", "mode", "bonusAbove100", "sections", "bands"));
    String id = text(root, "id", "id", true);
    at("id", () -> Ids.require(id, "checklist id"));
    int version = (int) integer(root, "version", "version");
    Checklist.Builder b = at("version", () -> Checklist.builder(id, version));
    String name = text(root, "name", "name", false);
    if (name != null) {
      at("name", () -> b.name(name));
    }
    if (present(root, "mode")) {
      String mode = text(root, "mode", "mode", true);
      b.mode(at("mode", () -> enumValue(ScoringMode.class, mode, "mode")));
    }
    b.bonusAbove100(bool(root, "bonusAbove100", "bonusAbove100", false));
    ArrayNode sections = array(root, "sections", "sections");
    Map<String, String> criterionPaths = new HashMap<>();
    for (int s = 0; s < sections.size(); s++) {
      Section section = section(sections.get(s), "sections[" + s + "]");
      b.section(section);
      for (int c = 0; c < section.criteria().size(); c++) {
        criterionPaths.putIfAbsent(
            section.criteria().get(c).id(), "sections[" + s + "].criteria[" + c + "]");
      }
    }
    if (present(root, "bands")) {
      ArrayNode bands = array(root, "bands", "bands");
      ScoreBands.Builder bb = ScoreBands.builder();
      for (int i = 0; i < bands.size(); i++) {
        String p = "bands[" + i + "]";
        JsonNode band = object(bands.get(i), p);
        fields(band, p, Set.of("name", "from", "action"));
        String bandName = text(band, "name", p + ".name", true);
        BigDecimal from = decimal(band, "from", p + ".from");
        String action = text(band, "action", p + ".action", true);
        // the builder names the value it refuses (bands[i].name, bands[i].action): located there
        atModelPath(p, () -> bb.band(bandName, from, action));
      }
      b.bands(atModelPath("bands", bb::build));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof ScoringEngine.TooLarge tooLarge) {
        // name the criterion where exact scoring stops fitting, not just the document
        String path =
            tooLarge.criterionId() == null ? null : criterionPaths.get(tooLarge.criterionId());
        throw located(e, path == null ? "$" : path);
      }
      throw located(e, modelPath(e, "$"));
    }
  }

  /** {@link #at}, located at the path the model's message starts with, if any. */
  private static <T> T atModelPath(String fallback, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw located(e, modelPath(e, fallback));
    }
  }

  /** {@code e} with {@code (at path)} appended, for the reader to turn into line and column. */
  private static IllegalArgumentException located(IllegalArgumentException e, String path) {
    return new IllegalArgumentException(e.getMessage() + " (at " + path + ")", e);
  }

  /**
   * The document path a model error names first ({@code sections[0].criteria[1].id 'g' is
   * duplicated ...}, {@code bands[1].from 50 must be ...}, {@code sections[0].criteria: criterion
   * weights of ... add up to 0}): the model's messages begin with the path of the offending value,
   * or of the values a rule of the whole checklist is about, which the reader's paths mirror.
   * {@code fallback} otherwise.
   */
  private static String modelPath(IllegalArgumentException e, String fallback) {
    String m = e.getMessage();
    java.util.regex.Matcher x = MODEL_PATH.matcher(m == null ? "" : m);
    return x.lookingAt() ? x.group(1) : fallback;
  }

  private static final java.util.regex.Pattern MODEL_PATH =
      java.util.regex.Pattern.compile(
          "((?:sections|bands)(?:\\[\\d+\\]|\\.(?:criteria|id|from|name|action|weight|bonus))*)[ ,:]");

  private static Section section(JsonNode node, String path) {
    object(node, path);
    fields(node, path, Set.of("id", "name", "weight", "criteria"));
    String id = text(node, "id", path + ".id", true);
    at(path + ".id", () -> Ids.require(id, "section id"));
    String name = text(node, "name", path + ".name", false);
    if (name != null) {
      at(path + ".name", () -> Ids.requireText(name, "section '" + id + "' name"));
    }
    BigDecimal weight = BigDecimal.ONE;
    if (present(node, "weight")) {
      BigDecimal w = decimal(node, "weight", path + ".weight");
      weight =
          at(path + ".weight", () -> Criterion.checkWeight(w, "weight", "section '" + id + "'"));
    }
    ArrayNode criteria = array(node, "criteria", path + ".criteria");
    at(
        path + ".criteria",
        () -> {
          Section.requireCriteria(id, criteria.size());
          return null;
        });
    List<Criterion> list = new ArrayList<>();
    for (int c = 0; c < criteria.size(); c++) {
      list.add(criterion(criteria.get(c), path + ".criteria[" + c + "]"));
    }
    BigDecimal w = weight;
    return at(path, () -> Section.of(id, name == null ? id : name, w, list));
  }

  private static Criterion criterion(JsonNode node, String path) {
    object(node, path);
    fields(
        node,
        path,
        Set.of(
            "id",
            "name",
            "weight",
            "scale",
            "naAllowed",
            "required",
            "criticality",
            "passAt",
            "bonus"));
    String id = text(node, "id", path + ".id", true);
    Criterion.Builder b = at(path + ".id", () -> Criterion.builder(id));
    String name = text(node, "name", path + ".name", false);
    if (name != null) {
      at(path + ".name", () -> b.name(name));
    }
    if (present(node, "weight")) {
      BigDecimal w = decimal(node, "weight", path + ".weight");
      at(path + ".weight", () -> b.weight(w));
    }
    if (present(node, "scale")) {
      b.scale(scale(node.get("scale"), path + ".scale"));
    }
    b.naAllowed(bool(node, "naAllowed", path + ".naAllowed", false));
    b.required(bool(node, "required", path + ".required", true));
    b.bonus(bool(node, "bonus", path + ".bonus", false));
    if (present(node, "criticality")) {
      String c = text(node, "criticality", path + ".criticality", true);
      b.criticality(
          at(path + ".criticality", () -> enumValue(Criticality.class, c, "criticality")));
    }
    if (present(node, "passAt")) {
      b.passAt(decimal(node, "passAt", path + ".passAt"));
      // its rules (critical only, within the scale) are about the pass mark: located there
      at(
          path + ".passAt",
          () -> {
            b.checkPassAt();
            return null;
          });
    }
    return at(path, b::build);
  }

  private static Scale scale(JsonNode node, String path) {
    object(node, path);
    String type = text(node, "type", path + ".type", true);
    switch (type) {
      case "binary":
        fields(node, path, Set.of("type"));
        return Scale.binary();
      case "threeLevel":
        fields(node, path, Set.of("type"));
        return Scale.threeLevel();
      case "rating":
        fields(node, path, Set.of("type", "points"));
        int points = (int) integer(node, "points", path + ".points");
        return at(path + ".points", () -> Scale.rating(points));
      case "range":
        fields(node, path, Set.of("type", "min", "max"));
        int min = (int) integer(node, "min", path + ".min");
        int max = (int) integer(node, "max", path + ".max");
        // a bound out of range on its own is located at it; max <= min at the scale holding both
        String bad = min < 0 ? ".min" : max > 1000 ? ".max" : "";
        return at(path + bad, () -> Scale.range(min, max));
      case "custom":
        fields(node, path, Set.of("type", "options"));
        ArrayNode options = array(node, "options", path + ".options");
        List<AnswerOption> list = new ArrayList<>();
        Set<String> optionIds = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
          String p = path + ".options[" + i + "]";
          JsonNode o = object(options.get(i), p);
          fields(o, p, Set.of("id", "points"));
          String oid = text(o, "id", p + ".id", true);
          at(p + ".id", () -> Ids.require(oid, "answer option id"));
          if (!optionIds.add(oid)) {
            // Scale.of's message, at the second of the two ids, as a repeated criterion id is
            throw located(new IllegalArgumentException(Scale.duplicated(oid)), p + ".id");
          }
          BigDecimal pts = decimal(o, "points", p + ".points");
          // the id is checked above: what the option refuses now is its points
          list.add(at(p + ".points", () -> new AnswerOption(oid, pts)));
        }
        return at(path + ".options", () -> Scale.of(list));
      default:
        throw new IllegalArgumentException(
            "scale type "
                + Ids.show(type)
                + " must be one of binary, threeLevel, rating, range, custom (at "
                + path
                + ".type)");
    }
  }

  /**
   * Parses answers: a JSON object from criterion id to the selected option id, or {@code null} for
   * N/A, e.g. {@code {"greet": "yes", "good-time": null, "solution": "4"}}. Whether the answers fit
   * a checklist is checked by {@link Checklist#score(Map)}, with the same messages as for answers
   * built in code. {@code O(size of the JSON)}.
   *
   * @param json the JSON text
   * @return the answers, in document order
   * @throws IllegalArgumentException if the JSON is malformed or a value is neither a string nor
   *     null, naming the criterion
   */
  public static Map<String, Answer> readAnswers(String json) {
    return JsonInput.read(json, "answers JSON is malformed: ", ChecklistJson::answers);
  }

  /**
   * Parses answers from a UTF-8 JSON stream (read to its end, not closed), as {@link
   * #readAnswers(String)} parses text. {@code O(size of the JSON)}.
   *
   * @param in the stream
   * @return the answers, in document order
   * @throws IllegalArgumentException if the bytes are not UTF-8, the JSON is malformed or a value
   *     is neither a string nor null, naming the criterion
   * @throws java.io.UncheckedIOException if the stream fails
   */
  public static Map<String, Answer> readAnswers(java.io.InputStream in) {
    return JsonInput.read(in, "answers JSON is malformed: ", ChecklistJson::answers);
  }

  private static Map<String, Answer> answers(JsonNode root) {
    object(root, "$");
    Map<String, Answer> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      String key = f.getKey();
      // the member's path, its name escaped as the locator writes it, so that any key (not only a
      // plain id) is located at its value; a key longer than an excerpt names the answers object
      // instead, so that the message (which quotes the key) shows its excerpt once
      String path = key.length() <= JsonInput.MAX_EXCERPT ? JsonInput.child("$", key) : "$";
      at(path, () -> Ids.require(key, "criterion id"));
      if (v.isNull()) {
        out.put(key, Answer.notApplicable());
      } else if (v.isTextual()) {
        String option = at(path, () -> Ids.require(v.asText(), "answer option id"));
        out.put(key, Answer.of(option));
      } else {
        throw new IllegalArgumentException(
            "answer for criterion "
                + Ids.show(key)
                + " must be an option id string or null (N/A) but was "
                + JsonInput.excerpt(v)
                + " (at "
                + path
                + ")");
      }
    }
    return out;
  }

  /**
   * Writes a checklist as JSON that {@link #read(String)} turns back into an equal checklist.
   *
   * @param checklist the checklist
   * @return the JSON text
   */
  public static String write(Checklist checklist) {
    Objects.requireNonNull(checklist, "checklist");
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", checklist.id());
    root.put("version", checklist.version());
    root.put("name", checklist.name());
    root.put("mode", checklist.mode().name());
    if (checklist.bonusAbove100()) {
      root.put("bonusAbove100", true);
    }
    ArrayNode sections = root.putArray("sections");
    for (Section s : checklist.sections()) {
      ObjectNode sn = sections.addObject();
      sn.put("id", s.id());
      sn.put("name", s.name());
      sn.put("weight", s.weight());
      ArrayNode criteria = sn.putArray("criteria");
      for (Criterion c : s.criteria()) {
        ObjectNode cn = criteria.addObject();
        cn.put("id", c.id());
        cn.put("name", c.name());
        cn.put("weight", c.weight());
        writeScale(cn.putObject("scale"), c.scale());
        cn.put("naAllowed", c.naAllowed());
        cn.put("required", c.required());
        cn.put("criticality", c.criticality().name());
        if (c.criticality() != Criticality.NONE) {
          cn.put("passAt", c.passAt());
        }
        cn.put("bonus", c.bonus());
      }
    }
    ArrayNode bands = root.putArray("bands");
    for (ScoreBand band : checklist.bands().bands()) {
      bands
          .addObject()
          .put("name", band.name())
          .put("from", band.from())
          .put("action", band.action());
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise checklist " + checklist.id(), e);
    }
  }

  private static <T> T at(String path, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw located(e, path);
    }
  }

  /** {@code v} as an int if it is a whole number from 0 to 1000, else -1. */
  private static int smallInt(java.math.BigDecimal v) {
    if (v.signum() < 0 || v.compareTo(java.math.BigDecimal.valueOf(1000)) > 0) {
      return -1;
    }
    java.math.BigDecimal whole = v.stripTrailingZeros();
    return whole.scale() <= 0 ? whole.intValue() : -1;
  }

  /**
   * Writes a scale in the shortest form that reads back equal: {@code binary}, {@code threeLevel},
   * {@code rating} or {@code range} when it is one of those, else {@code custom} with its options.
   */
  private static void writeScale(ObjectNode sc, Scale scale) {
    List<AnswerOption> o = scale.options();
    int n = o.size();
    int max = smallInt(o.get(0).points());
    int min = smallInt(o.get(n - 1).points());
    if (scale.equals(Scale.binary())) {
      sc.put("type", "binary");
    } else if (scale.equals(Scale.threeLevel())) {
      sc.put("type", "threeLevel");
    } else if (n >= 2 && n <= 100 && scale.equals(Scale.rating(n))) {
      sc.put("type", "rating").put("points", n);
    } else if (min >= 0
        && max > min
        && max <= 1000
        && n == max - min + 1
        && scale.equals(Scale.range(min, max))) {
      sc.put("type", "range").put("min", min).put("max", max);
    } else {
      sc.put("type", "custom");
      ArrayNode opts = sc.putArray("options");
      for (AnswerOption a : o) {
        opts.addObject().put("id", a.id()).put("points", a.points());
      }
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    E e = dev.servicekit.qa.internal.Enums.byName(type, value);
    if (e != null) {
      return e;
    }
    throw new IllegalArgumentException(
        field
            + " "
            + Ids.show(value)
            + " must be one of "
            + java.util.Arrays.toString(type.getEnumConstants())
            + " (in any letter case)");
  }

  private static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "expected a JSON object but found " + JsonInput.excerpt(node) + " (at " + path + ")");
    }
    return node;
  }

  private static void fields(JsonNode node, String path, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw new IllegalArgumentException(
            (n.length() <= JsonInput.MAX_EXCERPT
                    ? "unknown field " + Ids.show(n)
                    : JsonInput.unknownField(n))
                + "; allowed: "
                + new java.util.TreeSet<>(allowed) // sorted: Set.of's order changes per run
                + " (at "
                + JsonInput.child(path, n)
                + ")");
      }
    }
  }

  /**
   * Whether {@code field} of {@code node} has a value: a field that is {@code null} is absent, in
   * every field of a checklist (an optional one takes its default, a required one is missing).
   */
  private static boolean present(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** The error for a required field that is absent or {@code null}. */
  private static IllegalArgumentException missing(String path) {
    return new IllegalArgumentException("missing required field (at " + path + ")");
  }

  private static ArrayNode array(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (!present(node, field)) {
      throw missing(path);
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "expected a JSON array but found " + JsonInput.excerpt(v) + " (at " + path + ")");
    }
    return (ArrayNode) v;
  }

  private static String text(JsonNode node, String field, String path, boolean required) {
    JsonNode v = node.get(field);
    if (!present(node, field)) {
      if (required) {
        throw missing(path);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(
          "expected a string but found " + JsonInput.excerpt(v) + " (at " + path + ")");
    }
    return v.asText();
  }

  private static BigDecimal decimal(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (!present(node, field)) {
      throw missing(path);
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          "expected a number but found " + JsonInput.excerpt(v) + " (at " + path + ")");
    }
    return v.decimalValue();
  }

  private static long integer(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (!present(node, field)) {
      throw missing(path);
    }
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "expected an integer but found " + JsonInput.excerpt(v) + " (at " + path + ")");
    }
    if (!v.canConvertToInt()) {
      // an integer all the same: say which rule it breaks
      throw new IllegalArgumentException(
          "expected an integer from "
              + Integer.MIN_VALUE
              + " to "
              + Integer.MAX_VALUE
              + " but found "
              + JsonInput.excerpt(v)
              + " (at "
              + path
              + ")");
    }
    return v.intValue();
  }

  private static boolean bool(JsonNode node, String field, String path, boolean dflt) {
    JsonNode v = node.get(field);
    if (!present(node, field)) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(
          "expected true or false but found " + JsonInput.excerpt(v) + " (at " + path + ")");
    }
    return v.booleanValue();
  }
}
