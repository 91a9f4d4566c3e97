package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile and careless inputs of issue 14 for {@link ChecklistJson}: each is rejected with an
 * {@link IllegalArgumentException} whose message is short and names the JSON path, line and column,
 * instead of a crash of another type, minutes of CPU, or silent acceptance.
 */
class ChecklistJsonHostileInputTest {

  /** One criterion whose field {@code field} has the raw JSON value {@code value}. */
  static String criterion(String field, String value) {
    return "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\""
        + field
        + "\":"
        + value
        + "}]}]}";
  }

  static String option(String points) {
    return criterion(
        "scale", "{\"type\":\"custom\",\"options\":[{\"id\":\"x\",\"points\":" + points + "}]}");
  }

  static IllegalArgumentException rejected(String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json));
    assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
    assertTrue(e.getMessage().matches("(?s).*, line \\d+, column \\d+\\).*"), e.getMessage());
    return e;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1E+2147483647",
        "-1e-2147483647",
        "1e999999999",
        "1e100000000",
        "1e10000000",
        "1e-2147483648",
        "0e-999999",
        "1e51"
      })
  void extremeExponentsAreRejectedBeforeAnyArithmetic(String number) {
    for (String json :
        new String[] {
          criterion("weight", number),
          option(number),
          criterion("passAt", number),
          "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\"}]}],"
              + "\"bands\":[{\"name\":\"x\",\"from\":"
              + number
              + ",\"action\":\"y\"}]}"
        }) {
      IllegalArgumentException e = rejected(json);
      assertTrue(e.getMessage().contains("is out of range"), e.getMessage());
    }
  }

  @Test
  void outOfRangeNumberNamesItsPathLineAndColumn() {
    assertEquals(
        "checklist JSON is malformed: number 1e999999999 is out of range: magnitude and decimals"
            + " are limited to 10^±50 (at $.sections[0].criteria[0].weight, line 1, column 76)",
        rejected(criterion("weight", "1e999999999")).getMessage());
  }

  @Test
  void trailingGarbageAndConcatenatedDocumentsAreRejected() {
    String ok = criterion("weight", "1");
    ChecklistJson.read(ok);
    rejected(ok + " x");
    rejected(ok + " 1");
    assertTrue(rejected(ok + ok).getMessage().contains("trailing content"));
    IllegalArgumentException answers =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers("{\"greet\":\"yes\"}{\"greet\":\"no\"}"));
    assertTrue(answers.getMessage().contains("trailing content"), answers.getMessage());
  }

  @Test
  void duplicateKeysAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers("{\"greet\":\"yes\",\"greet\":\"no\"}"));
    assertEquals(
        "answers JSON is malformed: Duplicate field 'greet' (at $.greet, line 1, column 23)",
        e.getMessage());
    rejected(criterion("weight", "1,\"weight\":2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\u0000b", "a\\u001bb", "a\\ud800b", "a\\udc00", "\\ud800"})
  void controlCharactersAndLoneSurrogatesInIdsAreRejected(String id) {
    String json =
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\""
            + id
            + "\"}]}]}";
    IllegalArgumentException e = rejected(json);
    assertTrue(e.getMessage().contains("(at $.sections[0].criteria[0].id, line 1"), e.getMessage());
    IllegalArgumentException answers =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers("{\"" + id + "\":\"yes\"}"));
    assertTrue(answers.getMessage().contains("must not contain control"), answers.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ChecklistJson.readAnswers("{\"greet\":\"" + id + "\"}"));
  }

  @Test
  void aValidSurrogatePairIsAnOrdinaryCharacter() {
    Checklist c =
        ChecklistJson.read(
            "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"😀\"}]}]}");
    assertEquals("😀", c.sections().get(0).criteria().get(0).id());
  }

  @Test
  void hugeIdsAreRejectedWithABoundedExcerpt() {
    String big = "x".repeat(10 << 20);
    IllegalArgumentException e = rejected(criterion("name", "\"n\"").replace("\"a\"", q(big)));
    assertTrue(e.getMessage().contains("String value length"), e.getMessage());
    String longId = "y".repeat(1000);
    IllegalArgumentException id = rejected(criterion("name", "\"n\"").replace("\"a\"", q(longId)));
    assertTrue(
        id.getMessage()
            .startsWith(
                "criterion id '"
                    + "y".repeat(80)
                    + "'…(1000 chars) must have at most 128 characters (at"
                    + " $.sections[0].criteria[0].id, line 1, column"),
        id.getMessage());
    IllegalArgumentException answers =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers("{\"greet\":" + q(longId) + "}"));
    assertTrue(answers.getMessage().length() < 300, answers.getMessage());
  }

  @Test
  void badValuesAreEchoedAsBoundedExcerpts() {
    String longText = "z".repeat(50_000);
    IllegalArgumentException e = rejected(criterion("naAllowed", q(longText)));
    assertTrue(e.getMessage().contains("…(50002 chars)"), e.getMessage());
    IllegalArgumentException answer =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers("{\"greet\":[" + "1,".repeat(10_000) + "1]}"));
    assertTrue(answer.getMessage().length() < 300, answer.getMessage());
    assertTrue(answer.getMessage().contains("an array of 10001 members"), answer.getMessage());
  }

  @Test
  void sixtyRatingScalesThatOverflowNameTheCriterion() {
    StringBuilder criteria = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      criteria
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"r")
          .append(i)
          .append("\",\"scale\":{\"type\":\"rating\",\"points\":")
          .append(41 + i)
          .append("}}");
    }
    String json =
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":["
            + criteria
            + "]}]}";
    IllegalArgumentException e = rejected(json);
    assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
    assertTrue(e.getMessage().matches(".* from criterion 'r\\d+' on: .*"), e.getMessage());
    assertTrue(e.getMessage().contains("(at $.sections[0].criteria["), e.getMessage());
  }

  @Test
  void syntaxErrorsCarryPathLineAndColumn() {
    IllegalArgumentException e = rejected("{\"id\":\"c\",\n \"sections\":[{\"id\":\"s\"]}");
    assertTrue(
        e.getMessage().startsWith("checklist JSON is malformed: Unexpected close"), e.getMessage());
    assertTrue(e.getMessage().endsWith(", line 2, column 23)"), e.getMessage());
    assertTrue(!e.getMessage().contains("Source"), e.getMessage());
  }

  @Test
  void deepNestingAndEmptyDocumentsAreRejected() {
    rejected("[".repeat(100_000));
    rejected("");
    assertEquals(
        Map.of(), ChecklistJson.readAnswers("{}"), "an empty object is still a valid answer set");
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
}
