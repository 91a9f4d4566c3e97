package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Hostile edits of valid evaluation JSON with revisions across checklist versions and disputes:
 * wrong types, missing, unknown and duplicate fields, huge numbers, deep nesting, bad instants and
 * revisions of unregistered versions. Each is read back or refused with an {@link
 * IllegalArgumentException} naming the path, line and column, never another exception.
 */
class EvaluationJsonHostileLifecycleProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String DEEP = "@@deep@@";
  private static final Pattern LOCATED =
      Pattern.compile("\\(at \\$[^\\n]*, line \\d+, column \\d+\\)$");

  private static JsonNode hostileValue(Random r) {
    switch (r.nextInt(22)) {
      case 0:
        return F.numberNode(new BigDecimal("1e400"));
      case 1:
        return F.numberNode(new BigInteger("9".repeat(60)));
      case 2:
        return F.numberNode(-1);
      case 3:
        return F.numberNode(4);
      case 4:
        return F.numberNode(Long.MIN_VALUE);
      case 5:
        return F.numberNode(new BigDecimal("2.5"));
      case 6:
        return F.booleanNode(true);
      case 7:
        return F.nullNode();
      case 8:
        return F.arrayNode().add(1);
      case 9:
        return F.objectNode().put("x", 1);
      case 10:
        return F.textNode("1899-12-31T23:59:59Z");
      case 11:
        return F.textNode("2300-01-01T00:00:00Z");
      case 12:
        return F.textNode("2026-13-01T00:00:00Z");
      case 13:
        return F.textNode("+1000000000-01-01T00:00:00Z");
      case 14:
        return F.textNode("");
      case 15:
        return F.textNode(" ");
      case 16:
        return F.textNode("1e999999999");
      case 17:
        return F.textNode("x".repeat(200));
      case 18:
        return F.textNode("\u0000");
      case 19:
        return F.textNode(DEEP);
      case 20:
        return F.textNode("upheld");
      default:
        return F.textNode("NaN");
    }
  }

  /** All container nodes and the field names / indexes under them. */
  private static void containers(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (JsonNode c : n) {
        containers(c, out);
      }
    }
  }

  private static void mutate(JsonNode root, Random r) {
    List<JsonNode> cs = new ArrayList<>();
    containers(root, cs);
    JsonNode target = cs.get(r.nextInt(cs.size()));
    if (target instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      Iterator<String> it = o.fieldNames();
      it.forEachRemaining(names::add);
      int k = r.nextInt(4);
      if (names.isEmpty() || k == 0) {
        o.set(r.nextBoolean() ? "unknown" : "zz" + r.nextInt(3), hostileValue(r));
      } else if (k == 1) {
        o.remove(names.get(r.nextInt(names.size())));
      } else {
        o.set(names.get(r.nextInt(names.size())), hostileValue(r));
      }
    } else {
      ArrayNode a = (ArrayNode) target;
      if (a.isEmpty() || r.nextBoolean()) {
        a.add(hostileValue(r));
      } else {
        a.set(r.nextInt(a.size()), hostileValue(r));
      }
    }
  }

  static ChecklistRegistry registry(Random r, List<Checklist> out) {
    Checklist v1 = RandomChecklists.randomChecklist(r);
    Checklist v2 = RandomChecklists.randomChecklist(r).toBuilder(2).build();
    out.add(v1);
    out.add(v2);
    ChecklistRegistry reg = new ChecklistRegistry();
    reg.register(v1);
    reg.register(v2);
    return reg;
  }

  static Evaluation lifecycle(Random r, List<Checklist> vs) {
    Instant t = Instant.parse("2026-01-05T10:00:00Z");
    Checklist c = vs.get(r.nextInt(vs.size()));
    Evaluation e =
        Evaluation.of(c, "call", "agent", "rev", t, RandomChecklists.randomAnswers(c, r));
    for (int i = 0; i < 3; i++) {
      Checklist next = vs.get(r.nextInt(vs.size()));
      t = t.plusSeconds(3600);
      e =
          e.revise(
              next,
              RandomChecklists.randomAnswers(next, r),
              java.util.Map.of(next.criteria().get(0).id(), "why"),
              "lead",
              t,
              "upheld");
    }
    Dispute d = Dispute.open("agent", t, Optional.empty(), "no");
    e = e.withDispute(d, vs.stream().filter(e::madeWith).findFirst().orElseThrow());
    Checklist now = vs.stream().filter(e::madeWith).findFirst().orElseThrow();
    e = e.withDispute(0, d.resolve(Dispute.Status.UPHELD, "lead", t.plusSeconds(5)), now);
    return e;
  }

  @Property(tries = 200)
  void hostileEditsAreReadOrRefusedWithPathLineAndColumn(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    List<Checklist> vs = new ArrayList<>();
    ChecklistRegistry reg = registry(r, vs);
    Evaluation e = lifecycle(r, vs);
    String json = EvaluationJson.write(e);
    assertEquals(e, EvaluationJson.read(json, reg));
    readOrRefuseEdits(
        r,
        json,
        "\"reason\" :",
        "\"reason\" : \"dup\", \"reason\" :",
        text -> EvaluationJson.read(text, reg),
        EvaluationJson::write);
  }

  @Property(tries = 200)
  void hostileEditsOfChecklistsAreReadOrRefusedWithPathLineAndColumn(@ForAll long seed)
      throws Exception {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    String json = ChecklistJson.write(c);
    assertEquals(c, ChecklistJson.read(json));
    readOrRefuseEdits(
        r,
        json,
        "\"weight\" :",
        "\"weight\" : 1, \"weight\" :",
        ChecklistJson::read,
        ChecklistJson::write);
  }

  /**
   * Twenty edits of the document {@code json} (one or two mutations each, a deep nesting where a
   * mutation left its marker, and one time in eight a duplicate field written over {@code field}):
   * each is read, and then reads back equal from its own JSON, or is refused with an {@code
   * IllegalArgumentException} that names path, line and column; never another exception.
   */
  private static <T> void readOrRefuseEdits(
      Random r,
      String json,
      String field,
      String duplicated,
      Function<String, T> read,
      Function<T, String> write)
      throws Exception {
    for (int k = 0; k < 20; k++) {
      JsonNode tree = MAPPER.readTree(json);
      int edits = 1 + r.nextInt(2);
      for (int i = 0; i < edits; i++) {
        mutate(tree, r);
      }
      String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
      int depth = 500 + r.nextInt(3000);
      text = text.replace("\"" + DEEP + "\"", "[".repeat(depth) + "1" + "]".repeat(depth));
      // a duplicate field, textually
      String hostile = r.nextInt(8) == 0 ? text.replaceFirst(field, duplicated) : text;
      try {
        T back = read.apply(hostile);
        assertEquals(back, read.apply(write.apply(back)));
      } catch (IllegalArgumentException ex) {
        assertTrue(
            LOCATED.matcher(ex.getMessage()).find(),
            () -> "no path, line and column in: " + ex.getMessage() + "\n" + hostileTail(hostile));
      } catch (RuntimeException | StackOverflowError ex) {
        fail("not an IllegalArgumentException: " + ex + "\n" + hostileTail(hostile), ex);
      }
    }
  }

  private static String hostileTail(String s) {
    return s.length() > 3000 ? s.substring(0, 3000) + "..." : s;
  }
}
