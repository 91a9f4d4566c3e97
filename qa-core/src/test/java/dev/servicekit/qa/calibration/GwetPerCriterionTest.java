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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Calibration#gwetAc1PerCriterion}: the AC1 of each criterion's ratings, as {@link
 * Calibration#alphaPerCriterion} builds them, under the same session rules.
 */
class GwetPerCriterionTest {

  private static Checklist checklist(int version) {
    return Checklist.builder("calls", version)
        .section(
            Section.of(
                "s",
                1,
                List.of(
                    Criterion.builder("greeting").build(),
                    Criterion.builder("hold").naAllowed(true).build())))
        .build();
  }

  private static final Answer YES = Answer.of("yes");
  private static final Answer NO = Answer.of("no");
  private static final Answer NA = Answer.notApplicable();

  private static Evaluation eval(String interaction, String reviewer, Answer g, Answer h) {
    return Evaluation.of(
        checklist(1),
        interaction,
        "agent",
        reviewer,
        Instant.EPOCH,
        Map.of("greeting", g, "hold", h));
  }

  /**
   * Ten calls, two reviewers: both pass the greeting on nine and disagree on one. Percent agreement
   * 0.9; kappa's and alpha's chance agreement is nearly as high (0.9025 from shares 0.95 and 0.05),
   * so alpha is about 0; AC1's is 2 x 0.95 x 0.05 = 0.095, so AC1 = (0.9 - 0.095) / 0.905.
   */
  @Test
  void aCriterionNearlyAlwaysPassedScoresHighWhereAlphaCollapses() {
    List<Evaluation> session = new ArrayList<>();
    double[][] hold = new double[10][2];
    for (int i = 0; i < 10; i++) {
      Answer h = i % 3 == 0 ? NA : i % 2 == 0 ? YES : NO;
      session.add(eval("call" + i, "lead", YES, h));
      session.add(eval("call" + i, "bob", i == 4 ? NO : YES, i == 7 ? YES : h));
      double lead = h.isNotApplicable() ? Double.NaN : h.equals(YES) ? 100 : 0;
      double bob = i == 7 ? 100 : lead;
      hold[i] = new double[] {lead, bob};
    }
    Map<String, Double> ac1 = Calibration.gwetAc1PerCriterion(session);
    Map<String, Double> alpha = Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL);
    assertEquals(List.of("greeting", "hold"), List.copyOf(ac1.keySet()));
    assertEquals((0.9 - 0.095) / (1 - 0.095), ac1.get("greeting"), 1e-12);
    assertTrue(Math.abs(alpha.get("greeting")) < 0.05, "alpha " + alpha.get("greeting"));
    assertEquals(
        Agreement.gwetAc1(ReliabilityData.ofItemsByReviewers(hold)), ac1.get("hold"), 1e-15);
    assertTrue(ac1.get("hold") < 1, Arrays.deepToString(hold));
  }

  @Test
  void undefinedCriteriaAreNaNAndAnEmptySessionIsEmpty() {
    List<Evaluation> session =
        List.of(
            eval("c1", "lead", YES, NA), eval("c1", "bob", YES, NA), eval("c2", "bob", YES, NO));
    Map<String, Double> ac1 = Calibration.gwetAc1PerCriterion(session);
    assertTrue(Double.isNaN(ac1.get("greeting")), "one answer throughout");
    assertTrue(Double.isNaN(ac1.get("hold")), "no call rated twice");
    assertEquals(Map.of(), Calibration.gwetAc1PerCriterion(List.of()));
  }

  @Test
  void theSessionRulesOfAlphaPerCriterionApply() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Calibration.gwetAc1PerCriterion(
                    List.of(eval("c1", "bob", YES, NA), eval("c1", "bob", NO, NO))));
    assertEquals("reviewer 'bob' evaluated interaction 'c1' twice", twice.getMessage());
    Evaluation v2 =
        Evaluation.of(
            checklist(2),
            "c1",
            "agent",
            "lead",
            Instant.EPOCH,
            Map.of("greeting", YES, "hold", NA));
    IllegalArgumentException version =
        assertThrows(
            IllegalArgumentException.class,
            () -> Calibration.gwetAc1PerCriterion(List.of(eval("c1", "bob", YES, NA), v2)));
    assertTrue(
        version.getMessage().endsWith("AC1 per criterion needs one checklist version"),
        version.getMessage());
    List<Evaluation> oneNull = new ArrayList<>();
    oneNull.add(null);
    assertEquals(
        "evaluations[0]",
        assertThrows(NullPointerException.class, () -> Calibration.gwetAc1PerCriterion(oneNull))
            .getMessage());
  }
}
