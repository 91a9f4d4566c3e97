package dev.servicekit.qa;

import static dev.servicekit.qa.ChecklistScoringTest.bd;
import static dev.servicekit.qa.ChecklistScoringTest.score;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each vendor's published scoring example, configured directly (no hand conversion of weights) and
 * scored by the engine, by the compiled scorer and after a JSON round trip. The page each example
 * comes from is named above its test; the README table "Vendor scoring models" summarises them.
 */
class VendorScoringModelsTest {

  /** Scores through all three paths and checks they agree. */
  private static BigDecimal scoreEverywhere(Checklist c, String... pairs) {
    BigDecimal engine = score(c, pairs);
    CompiledChecklist compiled = c.compile();
    long hundredths =
        compiled.scoreHundredths(compiled.indexAnswers(ChecklistScoringTest.answers(pairs)));
    assertEquals(engine, BigDecimal.valueOf(hundredths, 2), "compiled scorer");
    Checklist back = ChecklistJson.read(ChecklistJson.write(c));
    assertEquals(c, back, "JSON round trip");
    assertEquals(engine, score(back, pairs), "JSON round trip score");
    return engine;
  }

  private static Criterion points(String id, int max) {
    return Criterion.builder(id).scale(Scale.range(0, max)).weight(7).build();
  }

  // MaestroQA, "How do Custom Weighted Sections Rubrics work?"
  // https://help.maestroqa.com/en/articles/4547978-how-do-custom-weighted-sections-rubrics-work
  // Sections (max points, worth): Grammar and Tone (3, 10 %), Product Knowledge (10, 30 %),
  // Problem Solving (5, 50 %), Privacy and Security (2, 10 %); earned 3, 5, 4, 1 -> 70 %, and 65 %
  // with the "total score" approach (13 / 20).
  @Test
  void maestroQaCustomWeightedSectionsGiveSeventyAndTotalScoreSixtyFive() {
    Checklist.Builder weighted =
        Checklist.builder("maestro", 1).mode(ScoringMode.WEIGHTED_SECTION_POINTS);
    Checklist.Builder total = Checklist.builder("maestro", 1).mode(ScoringMode.TOTAL_POINTS);
    int[][] sections = {{3, 10}, {10, 30}, {5, 50}, {2, 10}};
    for (int s = 0; s < sections.length; s++) {
      Section sec = Section.of("s" + s, sections[s][1], List.of(points("q" + s, sections[s][0])));
      weighted.section(sec);
      total.section(sec);
    }
    String[] answers = {"q0", "3", "q1", "5", "q2", "4", "q3", "1"};
    assertEquals(bd("70.00"), scoreEverywhere(weighted.build(), answers));
    assertEquals(bd("65.00"), scoreEverywhere(total.build(), answers));
  }

  // Issue 19: inside a section a points-based tool weighs questions by points: a 1-point question
  // answered fully and a 4-point question at 2 of 4 give 3 / 5 = 60 % (75 % when weighted per
  // criterion).
  @Test
  void sectionPointsWeighQuestionsByPointsNotByCriterionWeight() {
    List<Criterion> qs = List.of(points("one", 1), points("four", 4));
    Checklist byPoints =
        Checklist.builder("p", 1)
            .mode(ScoringMode.WEIGHTED_SECTION_POINTS)
            .section(Section.of("s", 1, qs))
            .build();
    Checklist byWeight =
        Checklist.builder("p", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(Section.of("s", 1, qs))
            .build();
    assertEquals(bd("60.00"), scoreEverywhere(byPoints, "one", "1", "four", "2"));
    assertEquals(bd("75.00"), scoreEverywhere(byWeight, "one", "1", "four", "2"));
  }

  // MaestroQA, "Rubric/Scorecard Structure": bonus sections "allow QA scores to exceed 100%".
  // https://help.maestroqa.com/en/articles/4537176-rubric-scorecard-structure
  @Test
  void maestroQaBonusSectionLiftsTheScoreAboveHundredWhenAllowed() {
    Checklist.Builder b =
        Checklist.builder("bonus", 1)
            .mode(ScoringMode.TOTAL_POINTS)
            .section(Section.of("standard", 1, List.of(points("q", 4))))
            .section(
                Section.of(
                    "bonus",
                    1,
                    List.of(
                        Criterion.builder("extra").weight(5).bonus(true).required(false).build())));
    assertEquals(
        bd("105.00"), scoreEverywhere(b.bonusAbove100(true).build(), "q", "4", "extra", "yes"));
    assertEquals(
        bd("100.00"), scoreEverywhere(b.bonusAbove100(false).build(), "q", "4", "extra", "yes"));
  }

  // Playvox, "Scorecard Bonus Sections": scorecards are graded 0-100; a bonus section "allows users
  // to earn an additional 20 points (for a maximum score of 120 points)".
  // https://help.playvox.com/en/articles/5517906-scorecard-bonus-sections
  @Test
  void playvoxBonusSectionReachesHundredTwenty() {
    Checklist c =
        Checklist.builder("playvox", 1)
            .mode(ScoringMode.WEIGHTED_CRITERIA)
            .bonusAbove100(true)
            .bands(ChecklistScoringTest.issueBands())
            .section(Section.of("main", 1, List.of(points("a", 10), points("b", 10))))
            .section(
                Section.of(
                    "bonus",
                    1,
                    List.of(
                        Criterion.builder("extra")
                            .weight(20)
                            .scale(Scale.range(0, 4))
                            .bonus(true)
                            .required(false)
                            .build())))
            .build();
    assertEquals(bd("120.00"), scoreEverywhere(c, "a", "10", "b", "10", "extra", "4"));
    assertEquals(bd("105.00"), scoreEverywhere(c, "a", "10", "b", "10", "extra", "1"));
    assertEquals(bd("80.00"), scoreEverywhere(c, "a", "10", "b", "5", "extra", "1"));
    // bands are looked up with the score capped at 100
    assertEquals(
        "fine",
        c.score(ChecklistScoringTest.answers("a", "10", "b", "10", "extra", "4"))
            .band()
            .orElseThrow()
            .name());
  }

  // Genesys Cloud, "Evaluation form weights" (https://help.mypurecloud.com/?p=144862):
  // group 1 has two 1-point questions and weight 40, group 2 one 1-point question and weight 20;
  // answers Yes, No, Yes give ((1 * 40) + (1 * 20)) / ((2 * 40) + (1 * 20)) = 60 %.
  @Test
  void genesysGroupWeightsMultiplyPointsAndNeedNotAddUpToHundred() {
    Checklist c =
        Checklist.builder("genesys", 1)
            .mode(ScoringMode.GROUP_WEIGHTED_POINTS)
            .section(
                Section.of(
                    "group1",
                    40,
                    List.of(Criterion.builder("q11").build(), Criterion.builder("q12").build())))
            .section(Section.of("group2", 20, List.of(Criterion.builder("q21").build())))
            .build();
    assertEquals(bd("60.00"), scoreEverywhere(c, "q11", "yes", "q12", "no", "q21", "yes"));
    ScoreResult r = c.score(ChecklistScoringTest.answers("q11", "yes", "q12", "no", "q21", "yes"));
    assertEquals(Optional.of(bd("50.00")), r.sections().get(0).score());
    assertEquals(Optional.of(bd("100.00")), r.sections().get(1).score());
  }

  // Zendesk QA, "About the Zendesk QA Reviews dashboard calculations"
  // (https://support.zendesk.com/hc/en-us/articles/7043701093786): category score =
  // (selected - min) / (max - min), a 4-point scale gives 0, 33.3, 66.6, 100 %; review score =
  // sum(category score * weight) / sum(weight); a critical category rated below 50 % sets the
  // review score to zero.
  @Test
  void zendeskQaWeightedCategoriesWithExactThirdsAndCriticalCategory() {
    Checklist c =
        Checklist.builder("zendesk", 1)
            .mode(ScoringMode.WEIGHTED_CRITERIA)
            .section(
                Section.of(
                    "all",
                    1,
                    List.of(
                        Criterion.builder("solution").weight(2).scale(Scale.rating(4)).build(),
                        Criterion.builder("tone").weight(1).scale(Scale.rating(4)).build(),
                        Criterion.builder("gdpr")
                            .weight(0)
                            .scale(Scale.rating(4))
                            .criticality(Criticality.FAIL_FORM)
                            .passAt(BigDecimal.valueOf(2))
                            .build())))
            .build();
    // (2 * 2/3 + 1 * 1/3) / 3 = 5/9 = 55.555... -> 55.56 (exactly, not via 66.6 % and 33.3 %)
    assertEquals(bd("55.56"), scoreEverywhere(c, "solution", "3", "tone", "2", "gdpr", "4"));
    // one third exactly: 33.33, two thirds: 66.67
    assertEquals(bd("33.33"), scoreEverywhere(c, "solution", "2", "tone", "2", "gdpr", "3"));
    assertEquals(bd("66.67"), scoreEverywhere(c, "solution", "3", "tone", "3", "gdpr", "3"));
    // critical category at 33.3 % (< 50 %) zeroes the review
    assertEquals(bd("0.00"), scoreEverywhere(c, "solution", "4", "tone", "4", "gdpr", "2"));
  }

  // Rational weights: equal thirds are weights 1, 1, 1 (normalised exactly), so two sections at
  // 100 and one at 0 give 66.67 in every order, where 33.3333/33.3333/33.3334 gives 66.66 or 66.67
  // depending on which section failed.
  @Test
  void equalThirdsAreExactInEveryOrder() {
    Checklist c =
        Checklist.builder("thirds", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(Section.of("a", 1, List.of(Criterion.builder("x").build())))
            .section(Section.of("b", 1, List.of(Criterion.builder("y").build())))
            .section(Section.of("c", 1, List.of(Criterion.builder("z").build())))
            .build();
    assertEquals(bd("66.67"), scoreEverywhere(c, "x", "no", "y", "yes", "z", "yes"));
    assertEquals(bd("66.67"), scoreEverywhere(c, "x", "yes", "y", "no", "z", "yes"));
    assertEquals(bd("66.67"), scoreEverywhere(c, "x", "yes", "y", "yes", "z", "no"));
  }

  // Scorebuddy, "Which Scorebuddy API endpoints to use ... (Scorebuddy Formulas Explained)":
  // overall % = (sum of answers - sum of failed sections) / maximum score x 100; a "Fail All"
  // zeroes the score.
  // https://intercom.help/scorebuddy-b32c18522ac7/en/articles/9610877
  @Test
  void scorebuddyFailedSectionSubtractsItsPointsButKeepsItsMaximum() {
    Checklist c =
        Checklist.builder("scorebuddy", 1)
            .mode(ScoringMode.TOTAL_POINTS)
            .section(Section.of("a", 1, List.of(points("a1", 10))))
            .section(
                Section.of(
                    "b",
                    1,
                    List.of(
                        points("b1", 6),
                        Criterion.builder("b2")
                            .weight(0)
                            .criticality(Criticality.FAIL_SECTION)
                            .build())))
            .section(
                Section.of(
                    "c",
                    1,
                    List.of(
                        Criterion.builder("c1")
                            .weight(0)
                            .criticality(Criticality.FAIL_FORM)
                            .build())))
            .build();
    // max = 10 + 7 + 1 = 18; answers 8 + (6 + 0, failed section -> 0) + 1 = 9 -> 50 %
    assertEquals(bd("50.00"), scoreEverywhere(c, "a1", "8", "b1", "6", "b2", "no", "c1", "yes"));
    // Fail All -> 0
    assertEquals(bd("0.00"), scoreEverywhere(c, "a1", "8", "b1", "6", "b2", "yes", "c1", "no"));
    // nothing failed: (8 + 7 + 1) / 18 = 88.89
    assertEquals(bd("88.89"), scoreEverywhere(c, "a1", "8", "b1", "6", "b2", "yes", "c1", "yes"));
  }

  // EvaluAgent, "How do I create my own customised scoring templates for line items / questions?"
  // (http://support.evaluagent.com/en/articles/13284750): outcomes score between 0 and 1 (e.g. a
  // four-point template 1 / 0.75 / 0.25 / 0); the page does not give the scorecard-level formula,
  // so only the line-item template is reproduced: a custom scale averaged by weight.
  @Test
  void evaluagentFourPointTemplateAsCustomScale() {
    Scale fourPoint =
        Scale.of(
            List.of(
                new AnswerOption("exceeds", new BigDecimal("1")),
                new AnswerOption("meets", new BigDecimal("0.75")),
                new AnswerOption("partially", new BigDecimal("0.25")),
                new AnswerOption("does-not-meet", BigDecimal.ZERO)));
    Checklist c =
        Checklist.builder("evaluagent", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("a").scale(fourPoint).build(),
                        Criterion.builder("b").scale(fourPoint).build())))
            .build();
    assertEquals(bd("50.00"), scoreEverywhere(c, "a", "meets", "b", "partially"));
  }

  @Test
  void genesysFormWrittenAsJsonReachesTheSameFactoryAndValidation() {
    String json =
        """
        {"id": "genesys", "version": 1, "mode": "GROUP_WEIGHTED_POINTS",
         "sections": [
           {"id": "group1", "weight": 40, "criteria": [
             {"id": "q11", "scale": {"type": "binary"}}, {"id": "q12", "scale": {"type": "binary"}}]},
           {"id": "group2", "weight": 20, "criteria": [{"id": "q21", "scale": {"type": "binary"}}]}]}
        """;
    Checklist c = ChecklistJson.read(json);
    assertEquals(bd("60.00"), scoreEverywhere(c, "q11", "yes", "q12", "no", "q21", "yes"));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.read(json.replace("40", "0").replace("20", "0")));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("must have a positive sum"), e.getMessage());
  }
}
