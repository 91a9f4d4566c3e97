package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.OutcomeShares;
import dev.servicekit.qa.analytics.ScoreAggregator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every caller-given id and instant of an evaluation, through the Java API and through {@link
 * EvaluationJson}: a hostile value either builds a valid evaluation (which then round-trips through
 * JSON and feeds the analytics without a {@link java.time.DateTimeException}) or is refused with an
 * {@link IllegalArgumentException} naming the field, with a bounded message; never another
 * exception type. Whether it must build is decided by an oracle written here from the documented
 * rules, independently of {@code Ids} and {@code Instants}.
 */
class HostileFieldsProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2300-01-01T00:00:00Z");
  private static final int MAX_MESSAGE = 400;

  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("solve").scale(Scale.rating(5)).build())))
          .build();

  private static ChecklistRegistry registry() {
    ChecklistRegistry r = new ChecklistRegistry();
    r.register(V1);
    return r;
  }

  /** The string fields that hold an id, with their JSON path in a full evaluation document. */
  enum IdField {
    INTERACTION("interactionId", "$.interactionId"),
    AGENT("agentId", "$.agentId"),
    REVIEWER("reviewerId", "$.reviewerId"),
    RAISED_BY("raisedBy", "$.disputes[0].raisedBy"),
    RESOLVED_BY("resolvedBy", "$.disputes[0].resolvedBy"),
    DISPUTED_CRITERION("criterionId", "$.disputes[0].criterionId"),
    REVISED_BY("revisedBy", "$.revisions[0].revisedBy");

    final String name;
    final String path;

    IdField(String name, String path) {
      this.name = name;
      this.path = path;
    }
  }

  /** The instant fields, with their JSON path. */
  enum InstantField {
    EVALUATED("evaluatedAt", "$.evaluatedAt"),
    RAISED("raisedAt", "$.disputes[0].raisedAt"),
    RESOLVED("resolvedAt", "$.disputes[0].resolvedAt"),
    REVISED("revisedAt", "$.revisions[0].revisedAt");

    final String name;
    final String path;

    InstantField(String name, String path) {
      this.name = name;
      this.path = path;
    }
  }

  /** The free-text fields, with their JSON path. */
  enum TextField {
    COMMENT("comment on 'greet'", "$.comments.greet"),
    DISPUTE_REASON("reason", "$.disputes[0].reason"),
    REVISION_REASON("reason", "$.revisions[0].reason");

    final String name;
    final String path;

    TextField(String name, String path) {
      this.name = name;
      this.path = path;
    }
  }

  /** The documented text rule: not blank, at most {@value Dispute#MAX_TEXT} characters. */
  private static boolean isText(String s) {
    // not blank as an id is not (a no-break space alone is blank); well-formed UTF-16 too: a lone
    // surrogate was kept, and became '?' once the JSON was UTF-8
    return !blank(s)
        && s.length() <= Dispute.MAX_TEXT
        && java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  /**
   * The documented id rule: not blank (not only spaces of any kind and zero-width or other format
   * characters), at most 128 chars, no control char, line or paragraph separator or lone surrogate.
   */
  /** Only spaces of any kind and zero-width or other format characters: nothing to read. */
  private static boolean blank(String s) {
    return s.codePoints()
        .allMatch(
            cp ->
                Character.isWhitespace(cp)
                    || Character.getType(cp) == Character.SPACE_SEPARATOR
                    || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR
                    || Character.getType(cp) == Character.FORMAT);
  }

  private static boolean isId(String s) {
    if (blank(s) || s.length() > 128) {
      return false;
    }
    return s.codePoints()
        .noneMatch(
            cp ->
                Character.isISOControl(cp)
                    || (cp >= 0xD800 && cp <= 0xDFFF)
                    || cp == 0x2028
                    || cp == 0x2029);
  }

  private static boolean inRange(Instant t) {
    return !t.isBefore(FIRST) && t.isBefore(END);
  }

  /**
   * An evaluation with one dispute (upheld) and one revision, every id and instant valid except the
   * one given by {@code ids} / {@code instants}, built through the public Java API.
   */
  private static Evaluation build(Map<IdField, String> ids, Map<InstantField, Instant> instants) {
    return build(ids, instants, Map.of());
  }

  private static Evaluation build(
      Map<IdField, String> ids, Map<InstantField, Instant> instants, Map<TextField, String> texts) {
    Function<IdField, String> id = f -> ids.getOrDefault(f, f.name.substring(0, 3) + "-1");
    String criterion = ids.getOrDefault(IdField.DISPUTED_CRITERION, "greet");
    Instant evaluated = instants.getOrDefault(InstantField.EVALUATED, T0);
    Instant raised = instants.getOrDefault(InstantField.RAISED, T0.plusSeconds(60));
    Instant resolved = instants.getOrDefault(InstantField.RESOLVED, T0.plusSeconds(120));
    Instant revised = instants.getOrDefault(InstantField.REVISED, T0.plusSeconds(180));
    Evaluation e =
        Evaluation.of(
            V1,
            id.apply(IdField.INTERACTION),
            id.apply(IdField.AGENT),
            id.apply(IdField.REVIEWER),
            evaluated,
            Map.of("greet", Answer.of("no"), "solve", Answer.of("4")),
            Map.of("greet", texts.getOrDefault(TextField.COMMENT, "no greeting")),
            List.of(),
            List.of());
    Dispute d =
        Dispute.open(
                id.apply(IdField.RAISED_BY),
                raised,
                Optional.of(criterion),
                texts.getOrDefault(TextField.DISPUTE_REASON, "missed it"))
            .resolve(Dispute.Status.UPHELD, id.apply(IdField.RESOLVED_BY), resolved);
    e = e.withDispute(d, V1);
    return e.revise(
        V1,
        Map.of("greet", Answer.of("yes"), "solve", Answer.of("4")),
        e.comments(),
        id.apply(IdField.REVISED_BY),
        revised,
        texts.getOrDefault(TextField.REVISION_REASON, "dispute upheld"));
  }

  @Provide
  Arbitrary<String> hostileStrings() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(140);
    Arbitrary<String> printable = Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(130);
    Arbitrary<String> edges =
        Arbitraries.of(
            "",
            " ",
            "\t",
            "a b",
            " lead",
            "a".repeat(128),
            "a".repeat(129),
            "a".repeat(100_000),
            "\u0000",
            "a\u007Fb",
            "a\u0085",
            "x\n",
            "\uD800",
            "x\uDC00y",
            "\uDE00\uD83D",
            "\uD83D\uDE00",
            "\u2028",
            "a\u2028b",
            "\u00A0",
            "\u200B",
            "\u2003\u200B\u00A0",
            "\uFEFFid",
            "agent-\u00E9",
            "greet",
            "\"quoted\"",
            "back\\slash");
    return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(3, printable), Tuple.of(3, edges));
  }

  @Provide
  Arbitrary<Instant> hostileInstants() {
    Arbitrary<Instant> anywhere =
        Arbitraries.longs()
            .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
            .map(Instant::ofEpochSecond);
    Arbitrary<Instant> near =
        Arbitraries.longs()
            .between(FIRST.getEpochSecond() - 86_400L * 800, END.getEpochSecond() + 86_400L * 800)
            .map(Instant::ofEpochSecond);
    Arbitrary<Instant> edges =
        Arbitraries.of(
            Instant.MIN,
            Instant.MAX,
            Instant.EPOCH,
            FIRST,
            FIRST.minusNanos(1),
            END,
            END.minusNanos(1),
            T0,
            T0.minusNanos(1),
            T0.plusSeconds(150));
    return Arbitraries.frequencyOf(Tuple.of(2, anywhere), Tuple.of(3, near), Tuple.of(3, edges));
  }

  /** Runs {@code r}; returns null if it built, the exception if it threw one. */
  private static RuntimeException outcome(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static void assertRefusal(RuntimeException x, String field, String value) {
    if (!(x instanceof IllegalArgumentException)) {
      fail("expected an IllegalArgumentException naming " + field + " but got " + x, x);
    }
    String m = x.getMessage();
    assertTrue(m.contains(field), () -> "message does not name " + field + ": " + m);
    assertTrue(m.length() <= MAX_MESSAGE, () -> "unbounded message (" + m.length() + " chars)");
  }

  /** A valid evaluation round-trips through JSON and feeds the analytics in any zone. */
  private static void assertUsable(Evaluation e) {
    String json = EvaluationJson.write(e);
    assertEquals(e, EvaluationJson.read(json, registry()));
    assertEquals(json, EvaluationJson.write(EvaluationJson.read(json, registry())));
    for (ZoneId zone : List.of(ZoneOffset.MIN, ZoneOffset.MAX, ZoneId.of("Pacific/Kiritimati"))) {
      ScoreAggregator agg = ScoreAggregator.create(Granularity.MONTH, zone);
      agg.add(e);
      assertEquals(agg.toBytes().length, ScoreAggregator.fromBytes(agg.toBytes()).toBytes().length);
      OutcomeShares.bands(Granularity.WEEK, zone, a -> "t").add(e);
    }
  }

  @Property(tries = 700)
  void aHostileIdBuildsAValidEvaluationOrIsRefusedNamingTheField(
      @ForAll IdField field, @ForAll("hostileStrings") String value) {
    RuntimeException x = outcome(() -> build(Map.of(field, value), Map.of()));
    if (field == IdField.DISPUTED_CRITERION && isId(value) && V1.criterion(value).isEmpty()) {
      // an id, but not a criterion of the checklist
      assertNotNull(x, "a dispute on an unknown criterion was accepted");
      assertRefusal(x, "unknown criterion", value);
      return;
    }
    if (isId(value)) {
      if (x != null) {
        throw new AssertionError("the id " + Excerpt.of(value) + " was refused", x);
      }
      assertUsable(build(Map.of(field, value), Map.of()));
    } else {
      assertNotNull(x, () -> field.name + " " + Excerpt.of(value) + " was accepted");
      assertRefusal(x, field.name, value);
    }
  }

  @Property(tries = 500)
  void aHostileInstantBuildsAValidEvaluationOrIsRefusedNamingTheField(
      @ForAll InstantField field, @ForAll("hostileInstants") Instant value) {
    RuntimeException x = outcome(() -> build(Map.of(), Map.of(field, value)));
    if (!inRange(value)) {
      assertNotNull(x, () -> field.name + " " + value + " was accepted");
      assertRefusal(x, field.name, value.toString());
      assertTrue(x.getMessage().contains("[1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)"));
    } else if (x != null) {
      // in range but out of order: resolved before raised, then raised or revised before the
      // evaluation, checked in that order
      Instant evaluated = field == InstantField.EVALUATED ? value : T0;
      Instant raised = field == InstantField.RAISED ? value : T0.plusSeconds(60);
      Instant resolved = field == InstantField.RESOLVED ? value : T0.plusSeconds(120);
      String named =
          resolved.isBefore(raised)
              ? "resolvedAt"
              : raised.isBefore(evaluated) ? "raisedAt" : "revisedAt";
      assertRefusal(x, named, "");
      assertTrue(x.getMessage().contains("before"), x.getMessage());
    } else {
      assertUsable(build(Map.of(), Map.of(field, value)));
    }
  }

  @Provide
  Arbitrary<String> hostileTexts() {
    Arbitrary<String> edges =
        Arbitraries.of(
            "",
            " \t\n",
            "line one\nline two",
            "x".repeat(Dispute.MAX_TEXT),
            "x".repeat(Dispute.MAX_TEXT + 1),
            "\u0000",
            "\uD800 lone",
            "\uDE00\uD83D",
            "\u2028");
    return Arbitraries.frequencyOf(Tuple.of(6, hostileStrings()), Tuple.of(4, edges));
  }

  @Property(tries = 400)
  void aHostileTextBuildsAndRoundTripsOrIsRefusedNamingTheField(
      @ForAll TextField field, @ForAll("hostileTexts") String value) {
    RuntimeException x = outcome(() -> build(Map.of(), Map.of(), Map.of(field, value)));
    if (isText(value)) {
      if (x != null) {
        throw new AssertionError("the text " + Excerpt.of(value) + " was refused", x);
      }
      assertUsable(build(Map.of(), Map.of(), Map.of(field, value)));
    } else {
      assertNotNull(x, () -> field.name + " " + Excerpt.of(value) + " was accepted");
      assertRefusal(x, field.name, value);
    }
    ObjectNode doc = validDocument();
    ObjectNode owner =
        field == TextField.COMMENT ? (ObjectNode) doc.get("comments") : owner(doc, field.path);
    owner.put(field == TextField.COMMENT ? "greet" : "reason", value);
    String json = doc.toPrettyString();
    RuntimeException y = outcome(() -> EvaluationJson.read(json, registry()));
    if (isText(value)) {
      if (y != null) {
        throw new AssertionError("the text " + Excerpt.of(value) + " was refused in JSON", y);
      }
      assertEquals(
          build(Map.of(), Map.of(), Map.of(field, value)), EvaluationJson.read(json, registry()));
    } else {
      assertNotNull(y, () -> field.name + " " + Excerpt.of(value) + " was accepted in JSON");
      assertLocatedRefusal(y, field.path, field.name);
    }
  }

  /** The JSON of a valid evaluation, as a tree to edit. */
  private static ObjectNode validDocument() {
    try {
      return (ObjectNode) JSON.readTree(EvaluationJson.write(build(Map.of(), Map.of())));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode owner(ObjectNode doc, String path) {
    if (path.startsWith("$.disputes[0].")) {
      return (ObjectNode) doc.get("disputes").get(0);
    }
    if (path.startsWith("$.revisions[0].")) {
      return (ObjectNode) doc.get("revisions").get(0);
    }
    return doc;
  }

  private static void assertLocatedRefusal(RuntimeException x, String path, String field) {
    assertRefusal(x, field, "");
    assertTrue(
        x.getMessage().matches("(?s).*\\(at \\Q" + path + "\\E, line \\d+, column \\d+\\)$"),
        () -> "no path, line and column " + path + ": " + x.getMessage());
  }

  @Property(tries = 500)
  void aHostileIdInJsonIsReadOrRefusedWithItsPathLineAndColumn(
      @ForAll IdField field, @ForAll("hostileStrings") String value) {
    ObjectNode doc = validDocument();
    owner(doc, field.path).put(field.name, value);
    String json = doc.toPrettyString();
    RuntimeException x = outcome(() -> EvaluationJson.read(json, registry()));
    if (field == IdField.DISPUTED_CRITERION && isId(value) && V1.criterion(value).isEmpty()) {
      assertNotNull(x);
      assertLocatedRefusal(x, field.path, "unknown criterion");
    } else if (isId(value)) {
      if (x != null) {
        throw new AssertionError("the id " + Excerpt.of(value) + " was refused", x);
      }
      Evaluation read = EvaluationJson.read(json, registry());
      assertEquals(build(Map.of(field, value), Map.of()), read);
      assertUsable(read);
    } else {
      assertNotNull(x, () -> field.name + " " + Excerpt.of(value) + " was accepted");
      assertLocatedRefusal(x, field.path, field.name);
    }
  }

  @Property(tries = 300)
  void aHostileInstantInJsonIsReadOrRefusedWithItsPathLineAndColumn(
      @ForAll InstantField field, @ForAll("hostileInstants") Instant value) {
    ObjectNode doc = validDocument();
    owner(doc, field.path).put(field.name, value.toString());
    String json = doc.toPrettyString();
    RuntimeException x = outcome(() -> EvaluationJson.read(json, registry()));
    RuntimeException javaApi = outcome(() -> build(Map.of(), Map.of(field, value)));
    if (!inRange(value)) {
      assertNotNull(x, () -> field.name + " " + value + " was accepted");
      assertLocatedRefusal(x, field.path, field.name);
    } else if (javaApi == null) {
      if (x != null) {
        throw new AssertionError("a valid " + field.name + " was refused", x);
      }
      assertEquals(build(Map.of(), Map.of(field, value)), EvaluationJson.read(json, registry()));
    } else {
      // out of order: refused by both
      assertNotNull(x, "the JSON reader accepted what Evaluation.of refuses");
      assertTrue(x instanceof IllegalArgumentException, x::toString);
    }
  }

  /** A short, printable rendering of a test value for failure messages. */
  private static final class Excerpt {
    static String of(String s) {
      StringBuilder b = new StringBuilder("'");
      s.chars()
          .limit(60)
          .forEach(
              c ->
                  b.append(
                      c < 0x20 || c > 0x7E ? String.format(Locale.ROOT, "\\u%04X", c) : (char) c));
      return b.append("' (").append(s.length()).append(" chars)").toString();
    }
  }
}
