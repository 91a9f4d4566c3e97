package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Calibration#alphaPerCriterion} refuses a reviewer who evaluated an interaction twice, as
 * its javadoc says, whichever criteria the two evaluations left N/A. It noticed the second one only
 * through a criterion both answered, so two evaluations answering complementary criteria were
 * pooled into one reviewer's ratings, and a second evaluation all N/A was taken silently.
 */
class AlphaPerCriterionTwiceTest {

  private static final Checklist C =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("g").naAllowed(true).build(),
                      Criterion.builder("h").naAllowed(true).build())))
          .build();

  private static Evaluation eval(String interaction, String reviewer, Answer g, Answer h) {
    return Evaluation.of(C, interaction, "agent", reviewer, Instant.EPOCH, Map.of("g", g, "h", h));
  }

  private static final Answer YES = Answer.of("yes");
  private static final Answer NO = Answer.of("no");
  private static final Answer NA = Answer.notApplicable();

  @Test
  void twoEvaluationsAnsweringComplementaryCriteriaAreRefused() {
    List<Evaluation> session =
        List.of(
            eval("i1", "lead", YES, NO),
            eval("i1", "bob", YES, NA),
            eval("i1", "bob", NA, NO),
            eval("i2", "lead", NO, NO),
            eval("i2", "bob", NO, YES));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL));
    assertTrue(e.getMessage().contains("'bob'") && e.getMessage().contains("'i1'"), e.getMessage());
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void aSecondEvaluationAllNotApplicableIsRefused() {
    List<Evaluation> session =
        List.of(eval("i1", "lead", YES, NO), eval("i1", "bob", YES, NO), eval("i1", "bob", NA, NA));
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL));
  }

  @Test
  void oneEvaluationPerReviewerAndInteractionStillGivesAlpha() {
    List<Evaluation> session =
        List.of(
            eval("i1", "lead", YES, NO),
            eval("i1", "bob", YES, NA),
            eval("i2", "lead", NO, NO),
            eval("i2", "bob", NO, YES));
    Map<String, Double> alpha = Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL);
    assertEquals(List.of("g", "h"), List.copyOf(alpha.keySet()));
    assertEquals(1.0, alpha.get("g"), 1e-12);
  }
}
