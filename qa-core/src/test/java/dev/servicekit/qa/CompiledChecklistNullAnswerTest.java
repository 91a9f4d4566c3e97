package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A null answer is refused naming its criterion (README, "qa-core: checklist scoring"), by the
 * compiled scorer as by {@link Checklist#score}: it was read as unanswered, so an optional
 * criterion's null answer scored as N/A where the checklist refused it.
 */
class CompiledChecklistNullAnswerTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("upsell").required(false).build())))
          .build();

  @Test
  void aNullAnswerToAnOptionalCriterionIsRefusedByBothScorers() {
    Map<String, Answer> answers = new HashMap<>();
    answers.put("greet", Answer.of("yes"));
    answers.put("upsell", null);
    String expected =
        "answer to criterion 'upsell' is null: leave it out or give Answer.notApplicable()"
            + " (checklist 'calls' v1)";
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> CHECKLIST.score(answers)).getMessage());
    CompiledChecklist compiled = CHECKLIST.compile();
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> compiled.indexAnswers(answers))
            .getMessage());
  }

  @Test
  void aNullAnswerToARequiredCriterionIsRefusedAsNullNotAsMissing() {
    Map<String, Answer> answers = new HashMap<>();
    answers.put("greet", null);
    CompiledChecklist compiled = CHECKLIST.compile();
    assertEquals(
        "answer to criterion 'greet' is null: leave it out or give Answer.notApplicable()"
            + " (checklist 'calls' v1)",
        assertThrows(IllegalArgumentException.class, () -> compiled.indexAnswers(answers))
            .getMessage());
  }
}
