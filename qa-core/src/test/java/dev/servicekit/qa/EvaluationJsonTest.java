package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EvaluationJsonTest {

  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("disclose").naAllowed(true).build(),
                      Criterion.builder("solve").weight(2).scale(Scale.rating(5)).build())))
          .build();
  private static final Checklist V2 = V1.toBuilder(2).name("calls v2").build();

  private static ChecklistRegistry registry() {
    ChecklistRegistry r = new ChecklistRegistry();
    r.register(V1);
    r.register(V2);
    return r;
  }

  private static Evaluation disputedAndRevised() {
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    Evaluation e =
        Evaluation.of(
            V1,
            "call-77",
            "anna",
            "ivan",
            t0,
            Map.of(
                "greet",
                Answer.of("no"),
                "disclose",
                Answer.notApplicable(),
                "solve",
                Answer.of("4")),
            Map.of("greet", "no greeting heard"),
            List.of(),
            List.of());
    Dispute d =
        Dispute.open("anna", t0.plusSeconds(3600), Optional.of("greet"), "greeting at 00:03");
    e = e.withDispute(d, V1);
    e = e.withDispute(0, d.resolve(Dispute.Status.UPHELD, "lead", t0.plusSeconds(7200)), V1);
    return e.revise(
        V2,
        Map.of(
            "greet", Answer.of("yes"), "disclose", Answer.notApplicable(), "solve", Answer.of("4")),
        Map.of("greet", "greeting found on re-listen"),
        "lead",
        t0.plusSeconds(7300),
        "dispute upheld");
  }

  @Test
  void roundTripKeepsCommentsDisputesAndRevisions() {
    Evaluation e = disputedAndRevised();
    assertEquals(2, e.checklistVersion());
    assertEquals(1, e.revisions().size());
    assertEquals(Optional.of(new BigDecimal("50.00")), e.revisions().get(0).score());
    assertEquals(Dispute.Status.UPHELD, e.disputes().get(0).status());
    String json = EvaluationJson.write(e);
    Evaluation back = EvaluationJson.read(json, registry());
    assertEquals(e, back);
    assertEquals(json, EvaluationJson.write(back));
  }

  @Property(tries = 200)
  void randomEvaluationsRoundTrip(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    ChecklistRegistry reg = new ChecklistRegistry();
    reg.register(c);
    Evaluation e =
        Evaluation.of(
            c,
            "i" + seed,
            "agent",
            "rev",
            Instant.ofEpochSecond(r.nextInt(1 << 30)),
            RandomChecklists.randomAnswers(c, r));
    assertEquals(e, EvaluationJson.read(EvaluationJson.write(e), reg));
  }

  private static IllegalArgumentException readError(String json) {
    return assertThrows(
        IllegalArgumentException.class, () -> EvaluationJson.read(json, registry()));
  }

  private static String doc(String answers) {
    return "{\"format\": \"servicekit-evaluation\", \"formatVersion\": 1,\n"
        + " \"interactionId\": \"c\", \"agentId\": \"a\", \"reviewerId\": \"r\",\n"
        + " \"evaluatedAt\": \"2026-01-05T10:00:00Z\",\n"
        + " \"checklist\": {\"id\": \"calls\", \"version\": 1},\n"
        + " \"answers\": "
        + answers
        + "}";
  }

  @Test
  void errorsNameThePathLineAndColumn() {
    IllegalArgumentException e =
        readError(doc("{\"greet\": \"yes\",\n  \"solve\": \"9\", \"disclose\": null}"));
    assertTrue(
        e.getMessage().contains("answer '9' is not on the scale of criterion 'solve'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("(at $.answers.solve, line 6, column 12)"), e.getMessage());
    e = readError(doc("{\"greet\": \"yes\", \"nope\": \"yes\"}"));
    assertTrue(e.getMessage().contains("unknown criterion 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("at $.answers.nope, line 5"), e.getMessage());
    e = readError(doc("{\"greet\": null, \"solve\": \"1\"}"));
    assertTrue(e.getMessage().contains("does not allow N/A"), e.getMessage());
    e = readError(doc("{\"greet\": \"yes\"}"));
    assertTrue(e.getMessage().contains("requires an answer (checklist"), e.getMessage());
    // at the answers that leave it out (` "answers": ` is 12 characters), not the document
    assertTrue(e.getMessage().contains("(at $.answers, line 5, column 13)"), e.getMessage());
  }

  @Test
  void formatVersionChecklistAndSyntaxErrorsAreClear() {
    IllegalArgumentException e =
        readError(doc("{}").replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
    assertTrue(e.getMessage().contains("formatVersion 2 is not supported"), e.getMessage());
    e = readError(doc("{}").replace("\"version\": 1", "\"version\": 7"));
    assertTrue(e.getMessage().contains("checklist 'calls' v7 is not registered"), e.getMessage());
    assertTrue(e.getMessage().contains("at $.checklist.version, line 4"), e.getMessage());
    e = readError(doc("{\"greet\": \"yes\", \"greet\": \"no\"}"));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    e =
        readError(
            doc("{}")
                .replace(
                    "\"evaluatedAt\": \"2026-01-05T10:00:00Z\"", "\"evaluatedAt\": \"yesterday\""));
    assertTrue(
        e.getMessage().contains("evaluatedAt 'yesterday' must be an ISO-8601 instant"),
        e.getMessage());
    e = readError(doc("{}") + " trailing");
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
  }

  @Test
  void syntaxAndLimitErrorsNameThePathLineAndColumn() {
    // review21: a too-deep document gave neither path nor line nor column, and Jackson's message
    // was cut mid-word; a duplicate key gave no path
    String deep = "[".repeat(1001) + "]".repeat(1001);
    IllegalArgumentException e = readError(deep);
    String m = e.getMessage();
    assertTrue(m.startsWith("evaluation JSON is malformed: Document nesting depth"), m);
    assertTrue(m.contains("(at $[0][0]"), m);
    assertTrue(m.contains(", line 1, column "), m);
    assertTrue(m.length() <= 500, m);
    e = readError(doc("{\"greet\": \"yes\", \"greet\": \"no\"}"));
    m = e.getMessage();
    assertTrue(m.contains("Duplicate field 'greet'"), m);
    assertTrue(m.contains("(at $.answers.greet, line 5, column "), m);
    e = readError(doc("{}") + " {}");
    assertTrue(e.getMessage().contains("(at $, line 5, column "), e.getMessage());
    e = readError("");
    assertTrue(e.getMessage().contains("the document is empty (at $"), e.getMessage());
  }

  @Test
  void longValuesAreExcerptedInMessages() {
    String huge = "x".repeat(100_000);
    IllegalArgumentException e = readError(doc("{\"" + huge + "\": \"yes\"}"));
    assertTrue(e.getMessage().length() < 600, () -> "message length " + e.getMessage().length());
    IllegalArgumentException e2 = readError(doc("{\"greet\": \"" + huge + "\"}"));
    assertTrue(e2.getMessage().length() < 600, () -> "message length " + e2.getMessage().length());
  }

  @Test
  void revisionScoreMustMatchItsAnswersAndDisputesNeedAResolution() {
    String json = EvaluationJson.write(disputedAndRevised());
    IllegalArgumentException e =
        readError(json.replace("\"score\" : \"50.00\"", "\"score\" : \"51.00\""));
    assertTrue(e.getMessage().contains("is not the score of these answers"), e.getMessage());
    assertTrue(e.getMessage().contains("at $.revisions[0].score"), e.getMessage());
    e = readError(json.replace("\"status\" : \"UPHELD\"", "\"status\" : \"OPEN\""));
    assertTrue(e.getMessage().contains("must not have resolvedBy"), e.getMessage());
    assertTrue(e.getMessage().contains("at $.disputes[0]"), e.getMessage());
    e = readError(json.replace("\"status\" : \"UPHELD\"", "\"status\" : \"MAYBE\""));
    assertTrue(e.getMessage().contains("status 'MAYBE' must be one of"), e.getMessage());
    // in any ASCII letter case, as every enum value the readers take (a review found "upheld"
    // refused)
    assertEquals(
        EvaluationJson.read(json, registry()),
        EvaluationJson.read(
            json.replace("\"status\" : \"UPHELD\"", "\"status\" : \"upHeld\""), registry()));
  }

  @Test
  void codeAndJsonShareTheFactoryValidation() {
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Evaluation.of(
                    V1,
                    "c",
                    "a",
                    "r",
                    t0,
                    Map.of(
                        "greet",
                        Answer.of("yes"),
                        "disclose",
                        Answer.notApplicable(),
                        "solve",
                        Answer.of("1")),
                    Map.of("nope", "text"),
                    List.of(),
                    List.of()));
    assertTrue(e.getMessage().contains("comment on unknown criterion 'nope'"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Dispute.open("a", t0, Optional.empty(), "why")
                .resolve(Dispute.Status.UPHELD, "l", t0.minusSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            disputedAndRevised()
                .revise(
                    V2,
                    Map.of("greet", Answer.of("yes"), "solve", Answer.of("1")),
                    Map.of(),
                    "x",
                    t0,
                    "too early"));
  }

  /**
   * A comment, dispute reason or revision reason with a lone surrogate is refused, in code and in
   * JSON at its path: it was kept, and the JSON writer then wrote it as '?' (text silently
   * corrupted). Line breaks in free text stay allowed.
   */
  @Test
  void freeTextWithALoneSurrogateIsRefused() {
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    Map<String, Answer> answers =
        Map.of(
            "greet", Answer.of("yes"), "disclose", Answer.notApplicable(), "solve", Answer.of("1"));
    IllegalArgumentException code =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Evaluation.of(
                    V1,
                    "c",
                    "a",
                    "r",
                    t0,
                    answers,
                    Map.of("greet", "ok\ud800"),
                    List.of(),
                    List.of()));
    assertTrue(
        code.getMessage().startsWith("comment on 'greet' has an unpaired surrogate at index 2"),
        code.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Dispute.open("a", t0, Optional.empty(), "\udc00 why"));
    Evaluation fine =
        Evaluation.of(
            V1,
            "c",
            "a",
            "r",
            t0,
            answers,
            Map.of("greet", "line one\nline two"),
            List.of(),
            List.of());
    String json = EvaluationJson.write(fine);
    String bad = json.replace("line one\\nline two", "line one\\ud800");
    assertTrue(!bad.equals(json), json);
    IllegalArgumentException read =
        assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(bad, registry()));
    assertTrue(read.getMessage().contains("unpaired surrogate"), read.getMessage());
    assertTrue(read.getMessage().contains("$.comments.greet"), read.getMessage());
  }

  @Test
  void equalEvaluationsAreWrittenAsEqualTextWhateverTheOrderOfTheirMaps() {
    // A CRM stores the JSON or hashes it for idempotent writes: the order of the caller's maps
    // (Map.of's differs from run to run) must not reach the text.
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    Map<String, Answer> forward = new LinkedHashMap<>();
    forward.put("greet", Answer.of("no"));
    forward.put("disclose", Answer.notApplicable());
    forward.put("solve", Answer.of("4"));
    Map<String, Answer> backward = new LinkedHashMap<>();
    backward.put("solve", Answer.of("4"));
    backward.put("disclose", Answer.notApplicable());
    backward.put("greet", Answer.of("no"));
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put("greet", "no greeting heard");
    notes.put("solve", "solved on the call");
    Map<String, String> notesBackward = new LinkedHashMap<>();
    notesBackward.put("solve", "solved on the call");
    notesBackward.put("greet", "no greeting heard");
    Evaluation a =
        Evaluation.of(V1, "call-1", "anna", "ivan", t0, forward, notes, List.of(), List.of())
            .revise(V2, backward, notesBackward, "lead", t0.plusSeconds(60), "re-listened");
    Evaluation b =
        Evaluation.of(
                V1, "call-1", "anna", "ivan", t0, backward, notesBackward, List.of(), List.of())
            .revise(V2, forward, notes, "lead", t0.plusSeconds(60), "re-listened");
    assertEquals(a, b);
    String text = EvaluationJson.write(a);
    assertEquals(text, EvaluationJson.write(b));
    assertTrue(
        text.indexOf("\"disclose\"") < text.indexOf("\"greet\"")
            && text.indexOf("\"greet\"") < text.indexOf("\"solve\""),
        text);
  }

  /**
   * Code refuses a revision of the evaluation's own version that JSON would refuse (answers its
   * checklist refuses, a score its answers do not give: a review built one that its JSON could not
   * read back), and JSON takes a revision score written at another scale as the same number.
   */
  @Test
  void codeRefusesWhatJsonRefusesInARevisionOfItsVersion() {
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    Map<String, Answer> answers =
        Map.of(
            "greet", Answer.of("no"), "disclose", Answer.notApplicable(), "solve", Answer.of("4"));
    Map<String, Answer> partial = Map.of("greet", Answer.of("no"));
    Revision missing =
        new Revision(
            t0.plusSeconds(60), "lead", "fix", 1, partial, Optional.of(new BigDecimal("12.34")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> revised(t0, answers, missing));
    assertTrue(e.getMessage().startsWith("revisions[0].answers: criterion"), e.getMessage());
    BigDecimal score = V1.score(answers).score().orElseThrow();
    Revision wrong =
        new Revision(
            t0.plusSeconds(60), "lead", "fix", 1, answers, Optional.of(score.add(BigDecimal.ONE)));
    e = assertThrows(IllegalArgumentException.class, () -> revised(t0, answers, wrong));
    assertTrue(e.getMessage().contains("is not the score of its answers"), e.getMessage());
    Evaluation fine =
        revised(
            t0,
            answers,
            new Revision(t0.plusSeconds(60), "lead", "fix", 1, answers, Optional.of(score)));
    String json = EvaluationJson.write(fine);
    String quoted = "\"" + score.toPlainString() + "\"";
    assertTrue(json.contains(quoted), json);
    assertEquals(
        fine,
        EvaluationJson.read(
            json.replace(quoted, "\"" + score.setScale(4).toPlainString() + "\""), registry()));
  }

  /** Evaluation call-77 of V1 with these answers and one revision. */
  private static Evaluation revised(Instant t0, Map<String, Answer> answers, Revision revision) {
    return Evaluation.of(
        V1, "call-77", "anna", "ivan", t0, answers, Map.of(), List.of(), List.of(revision));
  }

  /** An optional field given as null reads as absent, as in ChecklistJson (it was refused). */
  @Test
  void anOptionalFieldGivenAsNullReadsAsAbsent() {
    Evaluation e =
        Evaluation.of(
            V1,
            "call-77",
            "anna",
            "ivan",
            Instant.parse("2026-01-05T10:00:00Z"),
            Map.of(
                "greet",
                Answer.of("no"),
                "disclose",
                Answer.notApplicable(),
                "solve",
                Answer.of("4")));
    String json = EvaluationJson.write(e);
    String nulls =
        json.replaceFirst(
            "\\{\\s*\"format\"",
            "{\"comments\": null, \"disputes\": null," + " \"revisions\": null, \"format\"");
    assertTrue(nulls.contains("\"comments\": null"), nulls);
    assertEquals(e, EvaluationJson.read(nulls, registry()));
  }
}
