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
}
