package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A syntax error names what is wrong in JSON's terms, not Jackson's advice to switch on one of its
 * features, which a caller of servicekit cannot do (it read "Non-standard token 'NaN': enable
 * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow").
 */
class JacksonAdviceMessageTest {

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("checklist NaN", (Executable) () -> ChecklistJson.read("{\"version\": NaN}")),
        Arguments.of("checklist comment", (Executable) () -> ChecklistJson.read("{/* c */}")),
        Arguments.of(
            "answers Infinity", (Executable) () -> ChecklistJson.readAnswers("[Infinity]")),
        Arguments.of(
            "evaluation trailing",
            (Executable) () -> EvaluationJson.read("{} {}", new ChecklistRegistry())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void noReaderPassesOnJacksonsAdvice(String name, Executable read) {
    String m = assertThrows(IllegalArgumentException.class, read).getMessage();
    for (String jackson :
        new String[] {"`", "enable", "Feature", "JsonNode", "REDACTED", "Source:"}) {
      assertFalse(m.contains(jackson), () -> name + ": " + m);
    }
  }

  @Test
  void aNanSaysJsonNumbersAreFiniteAndTrailingContentThatNothingMayFollow() {
    assertEquals(
        "checklist JSON is malformed: Non-standard token 'NaN': JSON numbers are finite (no NaN or"
            + " Infinity) (at $.version, line 1, column 16)",
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read("{\"version\": NaN}"))
            .getMessage());
    assertEquals(
        "evaluation JSON is malformed: Trailing token (of type START_OBJECT) found after value:"
            + " nothing may follow the document (at $, line 1, column 4)",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationJson.read("{} {}", new ChecklistRegistry()))
            .getMessage());
  }
}
