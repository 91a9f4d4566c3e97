package dev.servicekit.qa;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.Instants;
import dev.servicekit.qa.internal.JsonInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link Evaluation}s as versioned JSON: answers, comments per criterion,
 * reviewer, checklist id and version, timestamps, disputes and revisions (earlier states of a
 * re-scored evaluation). Reading goes through {@link Evaluation#of(Checklist, String, String,
 * String, Instant, Map, Map, List, List)}, so code and JSON share one factory and one validation;
 * every error names the JSON path and its line and column, with values excerpted to {@value
 * #MAX_EXCERPT} characters. Numbers beyond 10^±50 in magnitude or decimals are refused before any
 * conversion, as {@link ChecklistJson} refuses them.
 *
 * <p>Format ({@code formatVersion} 1; N/A is {@code null}):
 *
 * <pre>{@code
 * {"format": "servicekit-evaluation", "formatVersion": 1,
 *  "interactionId": "call-77", "agentId": "anna", "reviewerId": "ivan",
 *  "evaluatedAt": "2026-01-05T10:00:00Z", "checklist": {"id": "calls", "version": 3},
 *  "answers": {"greet": "yes", "disclose": null},
 *  "comments": {"greet": "warm opening"},
 *  "disputes": [{"raisedBy": "anna", "raisedAt": "2026-01-06T09:00:00Z", "criterionId": "greet",
 *                "reason": "...", "status": "UPHELD", "resolvedBy": "lead",
 *                "resolvedAt": "2026-01-07T09:00:00Z"}],
 *  "revisions": [{"revisedAt": "2026-01-07T09:30:00Z", "revisedBy": "lead", "reason": "...",
 *                 "checklistVersion": 3, "answers": {"greet": "no"}, "score": "60.00"}]}
 * }</pre>
 *
 * <p>{@code comments}, {@code disputes}, {@code revisions} and a dispute's {@code resolvedAt} are
 * optional; one whose value is {@code null} reads as absent, as every field of {@link
 * ChecklistJson} does (an answer's {@code null} is N/A).
 *
 * <p>Thread-safe; stateless.
 */
public final class EvaluationJson {

  /** The value of the {@code "format"} field. */
  public static final String FORMAT = "servicekit-evaluation";

  /** The format version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Longest accepted document, in characters. */
  public static final int MAX_LENGTH = 16 << 20;

  /** Longest excerpt of a value in an error message. */
  public static final int MAX_EXCERPT = 80;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private static final Set<String> ROOT_FIELDS =
      Set.of(
          "format",
          "formatVersion",
          "interactionId",
          "agentId",
          "reviewerId",
          "evaluatedAt",
          "checklist",
          "answers",
          "comments",
          "disputes",
          "revisions");

  private EvaluationJson() {}

  /** A validation failure at a JSON path; located in the text before it leaves this class. */
  private static final class PathException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String path;

    /**
     * The path with member names in full, to locate the value, or null when {@code path} serves:
     * criterion ids longer than an excerpt that share their first characters have one excerpted
     * path.
     */
    final String fullPath;

    PathException(String path, String message, Throwable cause) {
      this(path, null, message, cause);
    }

    PathException(String path, String fullPath, String message, Throwable cause) {
      super(message, cause, false, false);
      this.path = path;
      this.fullPath = fullPath;
    }
  }

  /**
   * Parses an evaluation, {@code O(size of the JSON + criteria)}.
   *
   * @param json the JSON text, at most {@value #MAX_LENGTH} characters
   * @param checklists where the evaluation's checklist version (and those of its revisions) are
   *     looked up
   * @return the evaluation
   * @throws IllegalArgumentException if the JSON is malformed or invalid: the message names the
   *     rule, the JSON path and its line and column
   */
  public static Evaluation read(String json, ChecklistRegistry checklists) {
    json = JsonInput.withoutBom(Objects.requireNonNull(json, "json"));
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(checklists, "checklists");
    if (json.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          JsonInput.located(
              "evaluation JSON has " + json.length() + " characters, more than " + MAX_LENGTH,
              "$"));
    }
    JsonInput.requireJackson();
    JsonNode root;
    // checked: numbers beyond 10^±50 are refused as literals, before a BigDecimal is built (an
    // exponent beyond int, 1e9999999991, made BigDecimal's NumberFormatException escape)
    try (JsonParser p = JsonInput.checked(MAPPER.createParser(json))) {
      // Jackson's message with the path where the parser stopped, line and column (also for a
      // limit such as the nesting depth, whose error carries no location of its own)
      root = JsonInput.tree(MAPPER, p, "evaluation JSON is malformed: ", EvaluationJson::pathOf);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory source fails only on its content, above
    }
    try {
      return evaluation(root, checklists);
    } catch (PathException e) {
      boolean full = e.fullPath != null;
      JsonLocation l = locate(json, full ? e.fullPath : e.path, full);
      // a missing field has no value of its own: the object that lacks it (README, "Errors in
      // JSON text"), found as the nearest enclosing path the text has
      for (String p = parentOf(e.path); l == null && p != null; p = parentOf(p)) {
        l = locate(json, p, false);
      }
      throw new IllegalArgumentException(
          l == null
              ? JsonInput.located(e.getMessage(), e.path)
              : JsonInput.located(e.getMessage(), e.path, l.getLineNr(), l.getColumnNr()),
          e.getCause());
    }
  }

  private static Evaluation evaluation(JsonNode root, ChecklistRegistry checklists) {
    object(root, "$");
    fields(root, "$", ROOT_FIELDS);
    String format = text(root, "format", "$", true);
    if (!FORMAT.equals(format)) {
      throw new PathException(
          "$.format", "format '" + excerpt(format) + "' must be '" + FORMAT + "'", null);
    }
    long formatVersion = integer(root, "formatVersion", "$");
    if (formatVersion != FORMAT_VERSION) {
      throw new PathException(
          "$.formatVersion",
          "formatVersion "
              + formatVersion
              + " is not supported; this reader reads "
              + FORMAT_VERSION,
          null);
    }
    String interactionId = id(root, "interactionId", "$", true);
    String agentId = id(root, "agentId", "$", true);
    String reviewerId = id(root, "reviewerId", "$", true);
    Instant evaluatedAt = instant(root, "evaluatedAt", "$");
    JsonNode cl = root.get("checklist");
    object(cl, "$.checklist");
    fields(cl, "$.checklist", Set.of("id", "version"));
    String checklistId = id(cl, "id", "$.checklist", true);
    long version = integer(cl, "version", "$.checklist");
    Checklist checklist = checklist(checklists, checklistId, version, "$.checklist.version");
    Map<String, Answer> answers = answers(root.get("answers"), "$.answers", checklist);
    // what is left to refuse is a rule of the answers together (a required criterion with no
    // answer): located at the answers object, as a revision's are, not at the document
    at("$.answers", () -> checklist.score(answers));
    Map<String, String> comments = new LinkedHashMap<>();
    if (present(root, "comments")) {
      JsonNode cs = root.get("comments");
      object(cs, "$.comments");
      Iterator<Map.Entry<String, JsonNode>> it = cs.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        String p = child("$.comments", f.getKey());
        try {
          if (checklist.criterion(f.getKey()).isEmpty()) {
            throw new PathException(
                p, "comment on unknown criterion '" + excerpt(f.getKey()) + "'", null);
          }
          String comment = stringValue(f.getValue(), p);
          at(p, () -> Dispute.text(comment, "comment on '" + f.getKey() + "'"));
          comments.put(f.getKey(), comment);
        } catch (PathException e) {
          throw withFullName(e, p, "$.comments", f.getKey());
        }
      }
    }
    List<Dispute> disputes = new ArrayList<>();
    if (present(root, "disputes")) {
      ArrayNode ds = array(root.get("disputes"), "$.disputes");
      for (int i = 0; i < ds.size(); i++) {
        Dispute d = dispute(ds.get(i), "$.disputes[" + i + "]", checklist);
        if (d.raisedAt().isBefore(evaluatedAt)) {
          throw new PathException(
              "$.disputes[" + i + "].raisedAt",
              Evaluation.disputedTooEarly(i, d, evaluatedAt),
              null);
        }
        disputes.add(d);
      }
    }
    List<Revision> revisions = new ArrayList<>();
    if (present(root, "revisions")) {
      ArrayNode rs = array(root.get("revisions"), "$.revisions");
      Instant last = evaluatedAt;
      for (int i = 0; i < rs.size(); i++) {
        String p = "$.revisions[" + i + "]";
        Revision r = revision(rs.get(i), p, checklists, checklistId);
        if (r.revisedAt().isBefore(last)) {
          throw new PathException(
              p + ".revisedAt", "revisedAt " + r.revisedAt() + " must not be before " + last, null);
        }
        last = r.revisedAt();
        revisions.add(r);
      }
    }
    return at(
        "$",
        () ->
            Evaluation.of(
                checklist,
                interactionId,
                agentId,
                reviewerId,
                evaluatedAt,
                answers,
                comments,
                disputes,
                revisions));
  }

  private static Checklist checklist(
      ChecklistRegistry checklists, String id, long version, String path) {
    if (version < 1 || version > Integer.MAX_VALUE) {
      // the rule it breaks: 3000000000 is >= 1, but no checklist has that version
      throw new PathException(
          path,
          "checklist version "
              + version
              + (version < 1 ? " must be >= 1" : " must be at most " + Integer.MAX_VALUE),
          null);
    }
    return checklists
        .get(id, (int) version)
        .orElseThrow(
            () ->
                new PathException(
                    // no version of that id at all: the id is what is wrong, not the version
                    checklists.versions(id).isEmpty() ? "$.checklist.id" : path,
                    "checklist '" + excerpt(id) + "' v" + version + " is not registered",
                    null));
  }

  /** Answers checked against the checklist here, so that each error has its own path. */
  private static Map<String, Answer> answers(JsonNode node, String path, Checklist checklist) {
    object(node, path);
    Map<String, Answer> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      String p = child(path, f.getKey());
      try {
        Criterion c =
            checklist
                .criterion(f.getKey())
                .orElseThrow(
                    () ->
                        new PathException(
                            p,
                            "unknown criterion '"
                                + excerpt(f.getKey())
                                + "' (checklist '"
                                + checklist.id()
                                + "' v"
                                + checklist.version()
                                + ")",
                            null));
        JsonNode v = f.getValue();
        if (v.isNull()) {
          if (!c.naAllowed()) {
            throw new PathException(p, "criterion '" + c.id() + "' does not allow N/A", null);
          }
          out.put(f.getKey(), Answer.notApplicable());
        } else if (v.isTextual()) {
          if (c.scale().option(v.asText()).isEmpty()) {
            throw new PathException(
                p,
                "answer '"
                    + excerpt(v.asText())
                    + "' is not on the scale of criterion '"
                    + c.id()
                    + "'",
                null);
          }
          out.put(f.getKey(), at(p, () -> Answer.of(v.asText())));
        } else {
          throw new PathException(
              p, "an answer must be an option id string or null (N/A), not " + kind(v), null);
        }
      } catch (PathException e) {
        throw withFullName(e, p, path, f.getKey());
      }
    }
    return out;
  }

  private static Dispute dispute(JsonNode node, String path, Checklist checklist) {
    object(node, path);
    fields(
        node,
        path,
        Set.of(
            "raisedBy", "raisedAt", "criterionId", "reason", "status", "resolvedBy", "resolvedAt"));
    String criterionId = id(node, "criterionId", path, false);
    if (criterionId != null && checklist.criterion(criterionId).isEmpty()) {
      throw new PathException(
          path + ".criterionId",
          "dispute on unknown criterion '" + excerpt(criterionId) + "'",
          null);
    }
    String status = text(node, "status", path, true);
    Dispute.Status st = dev.servicekit.qa.internal.Enums.byName(Dispute.Status.class, status);
    if (st == null) { // in any letter case, as every enum value the JSON readers take
      throw new PathException(
          path + ".status",
          "status '" + excerpt(status) + "' must be one of OPEN, UPHELD, REJECTED",
          null);
    }
    String raisedBy = id(node, "raisedBy", path, true);
    Instant raisedAt = instant(node, "raisedAt", path);
    String reason = text(node, "reason", path, true);
    at(child(path, "reason"), () -> Dispute.text(reason, "reason"));
    String resolvedBy = id(node, "resolvedBy", path, false);
    Instant resolvedAt = present(node, "resolvedAt") ? instant(node, "resolvedAt", path) : null;
    // the fields are checked above; Dispute refuses a resolution that does not match the status (a
    // rule of three fields: at the dispute), else a resolvedAt before raisedAt, located at
    // resolvedAt as the order rules of raisedAt and revisedAt are at theirs
    boolean open = st == Dispute.Status.OPEN;
    boolean matches = open == (resolvedBy == null) && open == (resolvedAt == null);
    return at(
        matches ? child(path, "resolvedAt") : path,
        () ->
            new Dispute(
                raisedBy,
                raisedAt,
                Optional.ofNullable(criterionId),
                reason,
                st,
                Optional.ofNullable(resolvedBy),
                Optional.ofNullable(resolvedAt)));
  }

  private static Revision revision(
      JsonNode node, String path, ChecklistRegistry checklists, String checklistId) {
    object(node, path);
    fields(
        node,
        path,
        Set.of("revisedAt", "revisedBy", "reason", "checklistVersion", "answers", "score"));
    Instant revisedAt = instant(node, "revisedAt", path);
    String revisedBy = id(node, "revisedBy", path, true);
    String reason = text(node, "reason", path, true);
    at(child(path, "reason"), () -> Dispute.text(reason, "reason"));
    long version = integer(node, "checklistVersion", path);
    Checklist checklist = checklist(checklists, checklistId, version, path + ".checklistVersion");
    Map<String, Answer> answers = answers(node.get("answers"), path + ".answers", checklist);
    JsonNode score = node.get("score");
    Optional<BigDecimal> recorded;
    if (score == null || score.isNull()) {
      recorded = Optional.empty();
    } else if (score.isTextual()) {
      try {
        recorded = Optional.of(new BigDecimal(score.asText()));
      } catch (NumberFormatException e) {
        throw new PathException(
            path + ".score", "score '" + excerpt(score.asText()) + "' is not a decimal", e);
      }
      // a decimal string escapes the JSON number limits: "1e999999999" is 33 bytes here, and
      // printing it in full (toPlainString) would take a billion characters
      BigDecimal v = recorded.get();
      at(path + ".score", () -> Excerpts.requireBounded(v, "score", null));
    } else {
      throw new PathException(
          path + ".score", "score must be a decimal string or null, not " + kind(score), null);
    }
    // the recorded score must be what that checklist version gives those answers (the same
    // number: "81.250" is 81.25, kept as the checklist writes it)
    Optional<BigDecimal> expected = at(path + ".answers", () -> checklist.score(answers).score());
    if (!Evaluation.sameScore(expected, recorded)) {
      throw new PathException(
          path + ".score",
          "score "
              + recorded.map(Excerpts::number).orElse("null")
              + " is not the score of these answers under checklist v"
              + version
              + " ("
              + expected.map(BigDecimal::toPlainString).orElse("null")
              + ")",
          null);
    }
    return at(
        path, () -> new Revision(revisedAt, revisedBy, reason, (int) version, answers, expected));
  }

  /**
   * Writes an evaluation; {@link #read} of the output gives an equal evaluation. Answers and
   * comments are written sorted by criterion id, so equal evaluations are written as equal text
   * whatever the order of the maps they were made from.
   *
   * @param evaluation the evaluation
   * @return pretty-printed JSON
   */
  public static String write(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("interactionId", evaluation.interactionId());
    root.put("agentId", evaluation.agentId());
    root.put("reviewerId", evaluation.reviewerId());
    root.put("evaluatedAt", evaluation.evaluatedAt().toString());
    ObjectNode cl = root.putObject("checklist");
    cl.put("id", evaluation.checklistId());
    cl.put("version", evaluation.checklistVersion());
    writeAnswers(root.putObject("answers"), evaluation.answers());
    if (!evaluation.comments().isEmpty()) {
      ObjectNode cs = root.putObject("comments");
      new TreeMap<>(evaluation.comments()).forEach(cs::put);
    }
    if (!evaluation.disputes().isEmpty()) {
      ArrayNode ds = root.putArray("disputes");
      for (Dispute d : evaluation.disputes()) {
        ObjectNode dn = ds.addObject();
        dn.put("raisedBy", d.raisedBy());
        dn.put("raisedAt", d.raisedAt().toString());
        d.criterionId().ifPresent(c -> dn.put("criterionId", c));
        dn.put("reason", d.reason());
        dn.put("status", d.status().name());
        d.resolvedBy().ifPresent(r -> dn.put("resolvedBy", r));
        d.resolvedAt().ifPresent(r -> dn.put("resolvedAt", r.toString()));
      }
    }
    if (!evaluation.revisions().isEmpty()) {
      ArrayNode rs = root.putArray("revisions");
      for (Revision r : evaluation.revisions()) {
        ObjectNode rn = rs.addObject();
        rn.put("revisedAt", r.revisedAt().toString());
        rn.put("revisedBy", r.revisedBy());
        rn.put("reason", r.reason());
        rn.put("checklistVersion", r.checklistVersion());
        writeAnswers(rn.putObject("answers"), r.answers());
        if (r.score().isPresent()) {
          rn.put("score", r.score().get().toPlainString());
        } else {
          rn.putNull("score");
        }
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise evaluation", e);
    }
  }

  private static void writeAnswers(ObjectNode out, Map<String, Answer> answers) {
    // sorted, not in the caller's map order, so that equal evaluations are written as equal text
    new TreeMap<>(answers)
        .forEach(
            (k, a) -> {
              if (a.isNotApplicable()) {
                out.putNull(k);
              } else {
                out.put(k, a.optionId().orElseThrow());
              }
            });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private interface Build<T> {
    T get();
  }

  private static <T> T at(String path, Build<T> b) {
    try {
      return b.get();
    } catch (IllegalArgumentException e) {
      throw new PathException(path, excerptMessage(e.getMessage()), e);
    }
  }

  private static void object(JsonNode node, String path) {
    if (node == null) {
      throw new PathException(
          path, path.substring(path.lastIndexOf('.') + 1) + " is required", null);
    }
    if (!node.isObject()) {
      throw new PathException(path, "expected a JSON object, not " + kind(node), null);
    }
  }

  private static ArrayNode array(JsonNode node, String path) {
    if (!(node instanceof ArrayNode a)) {
      throw new PathException(path, "expected a JSON array, not " + kind(node), null);
    }
    return a;
  }

  private static void fields(JsonNode node, String path, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw new PathException(
            child(path, n),
            JsonInput.unknownField(n) + "; allowed: " + new java.util.TreeSet<>(allowed),
            null);
      }
    }
  }

  private static String text(JsonNode node, String field, String path, boolean required) {
    JsonNode v = node.get(field);
    String p = child(path, field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new PathException(p, field + " is required", null);
      }
      return null;
    }
    return stringValue(v, p);
  }

  /** A string that must follow the id rule ({@link Ids#require}), checked at its own path. */
  private static String id(JsonNode node, String field, String path, boolean required) {
    String s = text(node, field, path, required);
    if (s != null) {
      at(child(path, field), () -> Ids.require(s, field));
    }
    return s;
  }

  private static String stringValue(JsonNode v, String path) {
    if (!v.isTextual()) {
      throw new PathException(path, "expected a string, not " + kind(v), null);
    }
    return v.asText();
  }

  private static long integer(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    String p = child(path, field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new PathException(
          p, field + " must be an integer, not " + (v == null ? "missing" : kind(v)), null);
    }
    return v.asLong();
  }

  private static Instant instant(JsonNode node, String field, String path) {
    String s = text(node, field, path, true);
    Instant parsed;
    try {
      parsed = Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new PathException(
          child(path, field),
          field + " '" + excerpt(s) + "' must be an ISO-8601 instant such as 2026-01-05T10:00:00Z",
          e);
    }
    return at(child(path, field), () -> Instants.require(parsed, field));
  }

  /**
   * Whether an optional field is given: present and not null (null reads as absent, as in
   * ChecklistJson).
   */
  private static boolean present(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  private static String kind(JsonNode v) {
    if (v.isMissingNode()) {
      return "nothing (the document is empty)";
    }
    if (v.isNull()) {
      return "null";
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + excerpt(v.toString());
  }

  private static String child(String path, String field) {
    boolean plain = field.matches("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    return plain ? path + "." + field : path + "['" + excerpt(field).replace("'", "\\'") + "']";
  }

  static String excerpt(String s) {
    if (s == null) {
      return "null";
    }
    return Excerpts.cut(s, MAX_EXCERPT);
  }

  private static String excerptMessage(String s) {
    return Excerpts.cut(s, 400);
  }

  /**
   * {@code e}, raised at the member {@code name} of the object at {@code parent} (path {@code p}),
   * with that member's path in full to locate it: two criterion ids that share their first {@value
   * #MAX_EXCERPT} characters have one excerpted path, and the first of them was located.
   */
  private static PathException withFullName(PathException e, String p, String parent, String name) {
    if (e.fullPath != null || !e.path.equals(p) || p.equals(childFull(parent, name))) {
      return e;
    }
    return new PathException(e.path, childFull(parent, name), e.getMessage(), e.getCause());
  }

  /** {@link #child} with the name in full, not excerpted: for locating a value only. */
  private static String childFull(String path, String field) {
    boolean plain = field.matches("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    return plain ? path + "." + field : path + "['" + field.replace("'", "\\'") + "']";
  }

  /**
   * The location of the value at {@code path}, found by re-scanning (error path only), or null;
   * {@code full} when {@code path} names members in full ({@link #childFull}).
   */
  private static JsonLocation locate(String json, String path, boolean full) {
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        if (path.equals(pathOf(p.getParsingContext(), full))) {
          return p.currentTokenLocation();
        }
      }
      if ("$".equals(path)) {
        // no value at all (empty or whitespace-only text): the end of the input, 1-based
        return p.currentLocation();
      }
    } catch (IOException | RuntimeException e) {
      // the text parsed once already; a failure here only loses the position
    }
    return null;
  }

  /**
   * The path of the object or array holding {@code path}'s value ({@code $.a['b c'][2]} -> {@code
   * $.a['b c']} -> {@code $.a} -> {@code $}), null for {@code $}. A quoted name escapes every
   * {@code '} ({@link #child}), so its opening {@code ['} is the last one; a plain name has no dot.
   */
  private static String parentOf(String path) {
    if (path.equals("$")) {
      return null;
    }
    int cut;
    if (path.endsWith("']")) {
      cut = path.lastIndexOf("['");
    } else if (path.endsWith("]")) {
      cut = path.lastIndexOf('[');
    } else {
      cut = path.lastIndexOf('.');
    }
    return cut <= 0 ? "$" : path.substring(0, cut);
  }

  /** The path of the current value (for a START token, of the container it opens). */
  private static String pathOf(JsonStreamContext ctx) {
    return pathOf(ctx, false);
  }

  /** {@link #pathOf(JsonStreamContext)}, with member names in full if {@code full}. */
  private static String pathOf(JsonStreamContext ctx, boolean full) {
    List<String> parts = new ArrayList<>();
    JsonStreamContext c = ctx;
    // a START_OBJECT/START_ARRAY token's context is the new container; step out to its parent
    if ((c.inObject() || c.inArray()) && c.getEntryCount() == 0) {
      c = c.getParent();
    }
    for (; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject()) {
        String name = c.getCurrentName();
        if (name == null) {
          return null;
        }
        parts.add(0, "\u0000" + name);
      }
    }
    String out = "$";
    for (String part : parts) {
      if (part.startsWith("\u0000")) {
        String name = part.substring(1);
        out = full ? childFull(out, name) : child(out, name);
      } else {
        out = out + part;
      }
    }
    return out;
  }
}
