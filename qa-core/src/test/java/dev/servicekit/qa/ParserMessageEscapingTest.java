package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A JSON parser's message quotes the bad character raw; qa-core's readers pass it on escaped (found
 * by {@link EveryReaderHostileInputProperties}: a line separator or control character before a
 * document went into the message, and so into the log line, as is).
 */
class ParserMessageEscapingTest {

  private static void assertEscaped(String m, String escape) {
    // Jackson names a C0 or C1 control as "(CTRL-CHAR, code N)" and quotes other characters
    assertTrue(m.contains(escape) || m.contains("CTRL-CHAR"), m);
    assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028), m);
  }

  @Test
  void aLineSeparatorOrControlCharacterInAParsersMessageIsEscaped() {
    assertEscaped(
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read("\u2028{}"))
            .getMessage(),
        "\\u2028");
    assertEscaped(
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.readAnswers("\u0085{}"))
            .getMessage(),
        "\\u0085");
    assertEscaped(
        assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationJson.read("\u2029{}", new ChecklistRegistry()))
            .getMessage(),
        "\\u2029");
  }
}
