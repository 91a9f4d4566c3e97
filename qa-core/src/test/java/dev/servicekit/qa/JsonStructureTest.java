package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every JSON object that the checklist and evaluation readers accept is checked for its shape: at
 * every object of a rich, valid document, an extra field is rejected with its path, and putting an
 * array where the object was is rejected too. Walks the whole document, so no object of the format
 * is left unchecked.
 */
class JsonStructureTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every scale type, sections with weights, bands, criticality, passAt, bonus. */
  static Checklist richChecklist(int version) {
    return Checklist.builder("rich", version)
        .name("Rich")
        .mode(ScoringMode.WEIGHTED_SECTIONS)
        .bonusAbove100(true)
        .section(
            Section.of(
                "open",
                "Opening",
                java.math.BigDecimal.valueOf(2),
                List.of(
                    Criterion.builder("greet").name("Greets").build(),
                    Criterion.builder("tone").scale(Scale.threeLevel()).naAllowed(true).build(),
                    Criterion.builder("solve").scale(Scale.rating(5)).weight(3).build())))
        .section(
            Section.of(
                "close",
                1,
                List.of(
                    Criterion.builder("steps").scale(Scale.range(0, 4)).required(false).build(),
                    Criterion.builder("legal")
                        .criticality(Criticality.FAIL_SECTION)
                        .passAt(java.math.BigDecimal.ONE)
                        .build(),
                    Criterion.builder("extra")
                        .scale(
                            Scale.of(List.of(AnswerOption.of("wow", 3), AnswerOption.of("ok", 1))))
                        .bonus(true)
                        .build())))
        .bands(
            ScoreBands.builder()
                .band("coach", 0, "coaching session")
                .band("good", 80, "none")
                .build())
        .build();
  }

  private static Evaluation richEvaluation() {
    Checklist v1 = richChecklist(1);
    Checklist v2 = richChecklist(2);
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    Map<String, Answer> answers =
        Map.of(
            "greet", Answer.of("yes"),
            "tone", Answer.notApplicable(),
            "solve", Answer.of("4"),
            "steps", Answer.of("3"),
            "legal", Answer.of("yes"),
            "extra", Answer.of("ok"));
    Evaluation e =
        Evaluation.of(
            v1,
            "call-1",
            "anna",
            "ivan",
            t0,
            answers,
            Map.of("greet", "fine"),
            List.of(),
            List.of());
    Dispute d = Dispute.open("anna", t0.plusSeconds(60), Optional.of("solve"), "was a 5");
    e = e.withDispute(d, v1);
    e = e.withDispute(0, d.resolve(Dispute.Status.REJECTED, "lead", t0.plusSeconds(120)), v1);
    return e.revise(v2, answers, Map.of("solve", "kept"), "lead", t0.plusSeconds(180), "re-check");
  }

  private static ChecklistRegistry registry() {
    ChecklistRegistry r = new ChecklistRegistry();
    r.register(richChecklist(1));
    r.register(richChecklist(2));
    return r;
  }

  /** Adds the JSON path of every object in the tree to {@code out}, in document order. */
  private static void objects(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      out.add(path);
      node.fields().forEachRemaining(f -> objects(f.getValue(), path + "." + f.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        objects(node.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** A copy of {@code root} with {@code change} applied to the object at {@code path}. */
  private static JsonNode edited(JsonNode root, String path, Consumer<ObjectNode> change) {
    JsonNode copy = root.deepCopy();
    change.accept((ObjectNode) at(copy, path));
    return copy;
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String step : steps(path)) {
      n = step.startsWith("[") ? n.get(Integer.parseInt(step.substring(1))) : n.get(step);
    }
    return n;
  }

  private static List<String> steps(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.substring(1).split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      int b = part.indexOf('[');
      String name = b < 0 ? part : part.substring(0, b);
      if (!name.isEmpty()) {
        out.add(name);
      }
      if (b >= 0) {
        for (String idx : part.substring(b + 1).split("\\[")) {
          out.add("[" + idx.replace("]", ""));
        }
      }
    }
    return out;
  }

  /** Replaces the object at {@code path} (not the root) by an array holding it. */
  private static JsonNode wrappedInArray(JsonNode root, String path) {
    JsonNode copy = root.deepCopy();
    List<String> s = steps(path);
    String last = s.get(s.size() - 1);
    JsonNode parent = copy;
    for (String step : s.subList(0, s.size() - 1)) {
      parent =
          step.startsWith("[") ? parent.get(Integer.parseInt(step.substring(1))) : parent.get(step);
    }
    if (last.startsWith("[")) {
      ArrayNode a = (ArrayNode) parent;
      int i = Integer.parseInt(last.substring(1));
      a.set(i, MAPPER.createArrayNode().add(a.get(i)));
    } else {
      ObjectNode o = (ObjectNode) parent;
      o.set(last, MAPPER.createArrayNode().add(o.get(last)));
    }
    return copy;
  }

  private static void assertEveryObjectIsChecked(
      String json, java.util.function.Function<String, ?> read, int expectedObjects) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    read.apply(json); // the unedited document is valid
    List<String> paths = new ArrayList<>();
    objects(root, "$", paths);
    assertEquals(expectedObjects, paths.size(), "objects in " + json);
    for (String path : paths) {
      String extra = edited(root, path, o -> o.put("zzExtra", 1)).toString();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> read.apply(extra), path);
      assertTrue(e.getMessage().contains("zzExtra"), path + ": " + e.getMessage());
      String asArray = path.equals("$") ? "[" + root + "]" : wrappedInArray(root, path).toString();
      IllegalArgumentException a =
          assertThrows(IllegalArgumentException.class, () -> read.apply(asArray), path);
      assertTrue(a.getMessage().contains("expected a JSON object"), path + ": " + a.getMessage());
    }
  }

  @Test
  void checklistReaderRejectsAnExtraFieldOrAnArrayAtEveryObject() {
    String json = ChecklistJson.write(richChecklist(1));
    // $, 2 sections, 6 criteria, 6 scales (binary, threeLevel, rating, range, binary, and a custom
    // one with 2 options), 2 bands
    assertEveryObjectIsChecked(json, ChecklistJson::read, 19);
  }

  @Test
  void checklistReaderChecksTheFieldsOfEveryNamedScaleType() {
    String json =
        "{\"id\": \"named\", \"version\": 1, \"sections\": [{\"id\": \"s\", \"criteria\": ["
            + "{\"id\": \"a\", \"scale\": {\"type\": \"binary\"}},"
            + "{\"id\": \"b\", \"scale\": {\"type\": \"threeLevel\"}},"
            + "{\"id\": \"c\", \"scale\": {\"type\": \"rating\", \"points\": 4}},"
            + "{\"id\": \"d\", \"scale\": {\"type\": \"range\", \"min\": 1, \"max\": 3}}]}]}";
    Checklist c = ChecklistJson.read(json);
    assertEquals(Scale.binary(), c.criterion("a").orElseThrow().scale());
    assertEquals(Scale.threeLevel(), c.criterion("b").orElseThrow().scale());
    assertEquals(Scale.rating(4), c.criterion("c").orElseThrow().scale());
    assertEquals(Scale.range(1, 3), c.criterion("d").orElseThrow().scale());
    // $, 1 section, 4 criteria, 4 scales
    assertEveryObjectIsChecked(json, ChecklistJson::read, 10);
  }

  @Test
  void evaluationReaderRejectsAnExtraFieldOrAnArrayAtEveryObject() {
    String json = EvaluationJson.write(richEvaluation());
    // $, checklist, answers, comments, 1 dispute, 1 revision with its answers
    assertEveryObjectIsChecked(json, j -> EvaluationJson.read(j, registry()), 7);
  }
}
