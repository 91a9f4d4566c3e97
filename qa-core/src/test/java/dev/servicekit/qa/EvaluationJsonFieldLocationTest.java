package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A rule of an evaluation's JSON is located at the value it is about, or at the object holding the
 * values of a rule of several: never at the document's root. Lines and columns are counted by hand
 * (column 1 is a line's first character; a value is located at its first character).
 */
class EvaluationJsonFieldLocationTest {

  private static final Checklist CALLS =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  java.util.List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("solve").naAllowed(true).build())))
          .build();

  private static String error(String answers, String dispute) {
    return read(doc(answers, dispute));
  }

  private static String doc(String answers, String dispute) {
    return """
        {
          "format": "servicekit-evaluation",
          "formatVersion": 1,
          "interactionId": "call-1",
          "agentId": "anna",
          "reviewerId": "ivan",
          "evaluatedAt": "2026-01-05T10:00:00Z",
          "checklist": {"id": "calls", "version": 1},
          "answers": ANSWERS,
          "disputes": [
            DISPUTE
          ]
        }
        """
        .replace("ANSWERS", answers)
        .replace("DISPUTE", dispute);
  }

  private static String read(String json) {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(CALLS);
    return assertThrows(IllegalArgumentException.class, () -> EvaluationJson.read(json, registry))
        .getMessage();
  }

  private static final String UPHELD =
      "{\"raisedBy\": \"anna\", \"raisedAt\": \"2026-01-05T11:00:00Z\", \"reason\": \"r\","
          + " \"status\": \"UPHELD\", \"resolvedBy\": \"lead\", \"resolvedAt\": \"RESOLVED\"}";

  @Test
  void aMissingRequiredAnswerIsLocatedAtTheAnswersNotTheDocument() {
    // line 9 is `  "answers": {"solve": "yes"},`: the object starts at column 14
    assertEquals(
        "criterion 'greet' requires an answer (checklist 'calls' v1) (at $.answers, line 9,"
            + " column 14)",
        error("{\"solve\": \"yes\"}", UPHELD.replace("RESOLVED", "2026-01-05T12:00:00Z")));
  }

  @Test
  void aResolutionBeforeTheDisputeIsLocatedAtResolvedAt() {
    // line 11 is `    {"raisedBy": "anna", "raisedAt": "...", "reason": "r", "status": "UPHELD",
    // "resolvedBy": "lead", "resolvedAt": "..."}`: 4 spaces, `{"raisedBy": "anna", ` (21),
    // `"raisedAt": "2026-01-05T11:00:00Z", ` (36), `"reason": "r", ` (15), `"status": "UPHELD", `
    // (20), `"resolvedBy": "lead", ` (22) and `"resolvedAt": ` (14): the value is at column 133
    assertEquals(
        "resolvedAt 2026-01-05T10:30:00Z must not be before raisedAt 2026-01-05T11:00:00Z"
            + " (at $.disputes[0].resolvedAt, line 11, column 133)",
        error(
            "{\"greet\": \"yes\", \"solve\": null}",
            UPHELD.replace("RESOLVED", "2026-01-05T10:30:00Z")));
  }

  @Test
  void aResolutionThatDoesNotMatchTheStatusStaysAtTheDispute() {
    // a rule of status, resolvedBy and resolvedAt: the dispute holds them (column 5)
    assertEquals(
        "a dispute with status OPEN must not have resolvedBy and resolvedAt"
            + " (at $.disputes[0], line 11, column 5)",
        error(
            "{\"greet\": \"yes\", \"solve\": null}",
            UPHELD.replace("RESOLVED", "2026-01-05T10:30:00Z").replace("\"UPHELD\"", "\"OPEN\"")));
  }

  @Test
  void aChecklistIdThatIsNotRegisteredIsLocatedAtTheId() {
    // line 8 is `  "checklist": {"id": "calls", "version": 1},`: 2 spaces, `"checklist": ` (13) and
    // `{"id": ` (7): the id's value is at column 23; with "chats" no version is registered
    assertEquals(
        "checklist 'chats' v1 is not registered (at $.checklist.id, line 8, column 23)",
        read(doc("{\"greet\": \"yes\"}", "").replace("\"calls\"", "\"chats\"")));
    // a registered id with an unregistered version: at the version, after 22 + `"calls", ` (9) +
    // `"version": ` (11) characters, column 43
    assertEquals(
        "checklist 'calls' v2 is not registered (at $.checklist.version, line 8, column 43)",
        read(doc("{\"greet\": \"yes\"}", "").replace("\"version\": 1", "\"version\": 2")));
  }
}
