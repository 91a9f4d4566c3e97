package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every JSON reader of qa-core lays out an error's location one way, {@code "<what> (at $.path,
 * line L, column C)"}, the line and column (1-based) of the offending value. The expected lines and
 * columns are counted by hand from the documents below (a member's value: its first character).
 */
class JsonErrorLocationTest {

  private static String error(Function<String, ?> reader, String json) {
    return assertThrows(IllegalArgumentException.class, () -> reader.apply(json)).getMessage();
  }

  private static void assertEndsWith(String location, String message) {
    assertTrue(message.endsWith(location), () -> message + "\n  does not end with " + location);
  }

  private static final ChecklistRegistry NO_CHECKLISTS = new ChecklistRegistry();

  @Test
  void checklistErrorsNameTheValueLineAndColumn() {
    // an unknown field of a criterion in the arrays: its value 2 is the 52nd character of line 5
    String unknown =
        error(
            ChecklistJson::read,
            """
            {
              "id": "c",
              "version": 1,
              "sections": [
                {"id": "s", "criteria": [{"id": "a", "wieght": 2}]}
              ]
            }""");
    assertTrue(unknown.startsWith("unknown field 'wieght'"), unknown);
    assertEndsWith(" (at $.sections[0].criteria[0].wieght, line 5, column 52)", unknown);
    // wrong type
    assertEndsWith(
        " (at $.version, line 3, column 14)",
        error(
            ChecklistJson::read,
            """
            {
              "id": "c",
              "version": "1",
              "sections": []
            }"""));
    // bad value
    String weight =
        error(
            ChecklistJson::read,
            """
            {
              "id": "c",
              "version": 1,
              "sections": [
                {"id": "s", "criteria": [{"id": "a", "weight": -1}]}
              ]
            }""");
    assertTrue(weight.startsWith("weight -1 of criterion 'a' must be in [0, 1000000]"), weight);
    assertEndsWith(" (at $.sections[0].criteria[0].weight, line 5, column 52)", weight);
  }

  @Test
  void answerAndEvaluationErrorsNameTheValueLineAndColumn() {
    assertEndsWith(
        " (at $.close, line 3, column 12)",
        error(ChecklistJson::readAnswers, "{\n  \"greet\": \"yes\",\n  \"close\": 3\n}"));
    assertEndsWith(
        "unknown field 'agnet'; allowed: [agentId, answers, checklist, comments, disputes,"
            + " evaluatedAt, format, formatVersion, interactionId, reviewerId, revisions]"
            + " (at $.agnet, line 3, column 12)",
        error(
            json -> EvaluationJson.read(json, NO_CHECKLISTS),
            """
            {
              "format": "servicekit-evaluation",
              "agnet": "x"
            }"""));
    assertEndsWith(
        "formatVersion must be an integer, not string \"1\" (at $.formatVersion, line 3, column"
            + " 20)",
        error(
            json -> EvaluationJson.read(json, NO_CHECKLISTS),
            """
            {
              "format": "servicekit-evaluation",
              "formatVersion": "1"
            }"""));
  }

  /**
   * s12user: a missing field of an evaluation was reported with its path only ({@code interactionId
   * is required (at $.interactionId)}), where every other reader gives the line and column of the
   * object that lacks it; a missing {@code answers} object said only {@code is required}.
   */
  @Test
  void aMissingEvaluationFieldIsLocatedAtTheObjectThatLacksIt() {
    Checklist greet =
        Checklist.builder("c", 1)
            .section(Section.of("s", 1, java.util.List.of(Criterion.builder("greet").build())))
            .build();
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(greet);
    Function<String, ?> read = json -> EvaluationJson.read(json, registry);
    assertEndsWith(
        "interactionId is required (at $.interactionId, line 1, column 1)",
        error(
            read,
            """
            {
              "format": "servicekit-evaluation",
              "formatVersion": 1
            }"""));
    assertEndsWith(
        "version must be an integer, not missing (at $.checklist.version, line 8, column 16)",
        error(
            read,
            """
            {
              "format": "servicekit-evaluation",
              "formatVersion": 1,
              "interactionId": "call-1",
              "agentId": "anna",
              "reviewerId": "lead",
              "evaluatedAt": "2026-03-02T10:00:00Z",
              "checklist": {"id": "c"}
            }"""));
    assertEndsWith(
        "answers is required (at $.answers, line 1, column 1)",
        error(
            read,
            """
            {
              "format": "servicekit-evaluation",
              "formatVersion": 1,
              "interactionId": "call-1",
              "agentId": "anna",
              "reviewerId": "lead",
              "evaluatedAt": "2026-03-02T10:00:00Z",
              "checklist": {"id": "c", "version": 1}
            }"""));
  }
}
