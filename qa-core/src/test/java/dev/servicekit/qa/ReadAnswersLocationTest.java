package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ChecklistJson#readAnswers} locates an error at the answer it names, whatever the key
 * (review s10user, finding 7: a key that was not a plain id was located at {@code $}, line 1,
 * column 1, while {@code EvaluationJson} located the same answer at its value).
 */
class ReadAnswersLocationTest {

  private static String message(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.readAnswers(json))
        .getMessage();
  }

  @Test
  void aKeyWithASpaceIsLocatedAtItsValue() {
    String m = message("{\"greet\": \"yes\",\n \"a b\": 1}");
    assertTrue(m.endsWith("(at $.a b, line 2, column 9)"), m);
  }

  @Test
  void aKeyWithAControlCharacterIsLocatedAndEscaped() {
    String m = message("{\n  \"a\\u0000b\": \"yes\"}");
    assertTrue(m.endsWith("(at $.a\\u0000b, line 2, column 15)"), m);
    assertTrue(m.chars().noneMatch(c -> c < 0x20), m);
  }

  @Test
  void aKeyLongerThanAnExcerptIsQuotedOnceAndLocatedAtTheAnswersObject() {
    String key = "q".repeat(81);
    String m = message("{\"" + key + "\": 1}");
    assertTrue(m.endsWith("(at $, line 1, column 1)"), m);
    assertEquals(m.indexOf("qqqqqqqqqq"), m.lastIndexOf("qqqqqqqqqq") - 70, m);
  }

  @Test
  void aPlainKeyIsLocatedAsBefore() {
    String m = message("{\"greet\": 3}");
    assertEquals(
        "answer for criterion 'greet' must be an option id string or null (N/A) but was 3"
            + " (at $.greet, line 1, column 11)",
        m);
  }
}
