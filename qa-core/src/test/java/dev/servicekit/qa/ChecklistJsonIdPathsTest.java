package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every id of a checklist or answers document is refused at its own path, line and column. */
class ChecklistJsonIdPathsTest {

  private static final String JSON =
      ChecklistJson.write(
          Checklist.builder("calls", 1)
              .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
              .build());

  /** The same with a scale written in the custom form, options and all. */
  private static final String CUSTOM_JSON =
      ChecklistJson.write(
          Checklist.builder("calls", 1)
              .section(
                  Section.of(
                      "s",
                      1,
                      List.of(
                          Criterion.builder("greet")
                              .scale(
                                  Scale.of(
                                      List.of(
                                          AnswerOption.of("yes", 1), AnswerOption.of("nah", 0))))
                              .build())))
              .build());

  private static String readError(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json))
        .getMessage();
  }

  @Test
  void checklistSectionAndOptionIdsAreRefusedAtTheirOwnPath() {
    assertEquals(
        "checklist id '"
            + "c".repeat(80)
            + "'…(200 chars) must have at most 128 characters (at $.id, line 2, column 10)",
        readError(JSON.replace("\"calls\"", "\"" + "c".repeat(200) + "\"")));
    assertEquals(
        "section id '\\uD800' must not contain control characters or unpaired surrogates, found"
            + " one at index 0 (at $.sections[0].id, line 7, column 12)",
        readError(JSON.replace("\"id\" : \"s\"", "\"id\" : \"\\ud800\"")));
    assertEquals(
        "answer option id must not be blank (at $.sections[0].criteria[0].scale.options[0].id, line"
            + " 17, column 18)",
        readError(CUSTOM_JSON.replace("\"id\" : \"yes\"", "\"id\" : \" \"")));
    assertEquals(
        "criterion id must not be blank (at $.sections[0].criteria[0].id, line 11, column 14)",
        readError(JSON.replace("\"greet\"", "\"\"")));
  }

  @Test
  void anAnswerKeyThatIsNotAPlainIdIsQuotedEscapedAndLocatedAtItsValue() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.readAnswers("{\"g\\u0001\": \"yes\"}"))
            .getMessage();
    assertEquals(
        "criterion id 'g\\u0001' must not contain control characters or unpaired surrogates, found"
            + " one at index 1 (at $.g\\u0001, line 1, column 13)",
        m);
    assertFalse(m.chars().anyMatch(Character::isISOControl), m);
    assertEquals(
        "answer option id must not be blank (at $.greet, line 2, column 11)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ChecklistJson.readAnswers("{\n \"greet\": \"\"}"))
            .getMessage());
  }
}
