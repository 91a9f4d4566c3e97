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
    String json =
        """
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
}
