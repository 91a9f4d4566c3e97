package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  100,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("solution").scale(Scale.rating(5)).build())))
          .build();

  static Evaluation eval(String interaction, String reviewer, String greet, String solution) {
    return Evaluation.of(
        V1,
        interaction,
        "agent-1",
        reviewer,
        Instant.EPOCH,
        Map.of("greet", Answer.of(greet), "solution", Answer.of(solution)));
  }

  @Test
  void deviationPerCriterionAndScore() {
    List<Evaluation> session =
        List.of(
            eval("i1", "expert", "yes", "3"), // 50 % solution, score 75
            eval("i2", "expert", "no", "5"), // score 50
            eval("i1", "ann", "yes", "5"), // solution +50, score 100 (+25)
            eval("i2", "ann", "no", "5"), // identical
            eval("i1", "bob", "no", "3"), // greet -100, score 25 (-50)
            eval("i3", "bob", "yes", "5")); // no reference: ignored
    List<ReviewerDeviation> d = Calibration.deviationsFromReference(session, "expert");
    assertEquals(2, d.size());
    ReviewerDeviation ann = d.get(0);
    assertEquals("ann", ann.reviewerId());
    assertEquals(2, ann.interactions());
    assertEquals(12.5, ann.meanSignedScoreDeviation(), 1e-12);
    CriterionDeviation annSolution = ann.criteria().get(1);
    assertEquals("solution", annSolution.criterionId());
    assertEquals(2, annSolution.count());
    assertEquals(1, annSolution.disagreements());
    assertEquals(25.0, annSolution.meanSignedDeviation(), 1e-12);
    ReviewerDeviation bob = d.get(1);
    assertEquals(1, bob.interactions());
    assertEquals(-50.0, bob.meanSignedScoreDeviation(), 1e-12);
    assertEquals(50.0, bob.meanAbsoluteScoreDeviation(), 1e-12);
    assertEquals(-100.0, bob.criteria().get(0).meanSignedDeviation(), 1e-12);
  }

  @Test
  void alphaPerCriterionUsesInteractionsAsUnitsAndReviewersAsRaters() {
    List<Evaluation> session =
        List.of(
            eval("i1", "r1", "yes", "5"),
            eval("i1", "r2", "yes", "5"),
            eval("i2", "r1", "no", "1"),
            eval("i2", "r2", "no", "2"),
            eval("i3", "r1", "yes", "3"),
            eval("i3", "r2", "yes", "3"));
    Map<String, Double> alpha = Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL);
    assertEquals(1.0, alpha.get("greet"), 1e-12);
    // same data as a raters-by-units matrix of percents: solution 100/100, 0/25, 50/50
    double expected =
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(new double[][] {{100, 0, 50}, {100, 25, 50}}),
            AlphaMetric.NOMINAL);
    assertEquals(expected, alpha.get("solution"), 1e-12);
    assertTrue(alpha.get("solution") < 1);
  }

  @Test
  void rejectsComparingDifferentChecklistVersions() {
    Checklist v2 = V1.toBuilder(2).build();
    Evaluation other =
        Evaluation.of(
            v2,
            "i1",
            "agent-1",
            "ann",
            Instant.EPOCH,
            Map.of("greet", Answer.of("yes"), "solution", Answer.of("5")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Calibration.deviationsFromReference(
                    List.of(eval("i1", "expert", "yes", "5"), other), "expert"));
    assertTrue(
        e.getMessage().contains("used checklist 'calls' v2 but evaluations[0] used 'calls' v1"),
        e.getMessage());
    // two interactions, each scored by both on its own version: the criteria of two versions
    // would be pooled (a review found one deviation for 'greet' over both versions)
    Evaluation expertV2 =
        Evaluation.of(
            v2,
            "i2",
            "agent-1",
            "expert",
            Instant.EPOCH,
            Map.of("greet", Answer.of("yes"), "solution", Answer.of("5")));
    Evaluation annV2 =
        Evaluation.of(
            v2,
            "i2",
            "agent-1",
            "ann",
            Instant.EPOCH,
            Map.of("greet", Answer.of("no"), "solution", Answer.of("5")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Calibration.deviationsFromReference(
                List.of(
                    eval("i1", "expert", "yes", "5"),
                    eval("i1", "ann", "no", "5"),
                    expertV2,
                    annV2),
                "expert"));
  }
}
