package dev.servicekit.qa;

import static dev.servicekit.qa.ChecklistScoringTest.answers;
import static dev.servicekit.qa.ChecklistScoringTest.bd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.analytics.ScoreAccumulator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules read on QA vendors' own help pages, each rebuilt as a checklist and scored through the
 * engine, the compiled scorer and a JSON round trip; every expected score is worked out by hand in
 * the comment above it, not by the library. The page is cited above each test. (The worked examples
 * already reproduced in {@link VendorScoringModelsTest} and {@link ChecklistScoringTest} are not
 * repeated here.)
 */
class VendorDocumentedScenariosTest {

  private static BigDecimal scoreEverywhere(Checklist c, String... pairs) {
    ScoreResult r = c.score(answers(pairs));
    CompiledChecklist compiled = c.compile();
    long hundredths = compiled.scoreHundredths(compiled.indexAnswers(answers(pairs)));
    Checklist back = ChecklistJson.read(ChecklistJson.write(c));
    assertEquals(c, back, "JSON round trip");
    assertEquals(r.score(), back.score(answers(pairs)).score(), "JSON round trip score");
    if (r.score().isEmpty()) {
      assertEquals(CompiledChecklist.UNSCORED, hundredths, "compiled scorer");
      return null;
    }
    assertEquals(r.score().orElseThrow(), BigDecimal.valueOf(hundredths, 2), "compiled scorer");
    return r.score().orElseThrow();
  }

  private static Criterion points(String id, int max) {
    return Criterion.builder(id).scale(Scale.range(0, max)).build();
  }

  private static Criterion pointsNa(String id, int max) {
    return Criterion.builder(id).scale(Scale.range(0, max)).naAllowed(true).build();
  }

  private static Criterion bonus(String id, int extraPoints) {
    return Criterion.builder(id).weight(extraPoints).bonus(true).required(false).build();
  }

  // MaestroQA, "How do Total Point Rubrics work?"
  // https://help.maestroqa.com/en/articles/4544009-how-do-total-point-rubrics-work
  // Sections worth 5, 10, 15 and 5 points (35); earned 3, 5, 8, 5 = 21 -> 21 / 35 = 60 %. With
  // "Privacy and Security" marked N/A the maximum becomes 30 and the score 16 / 30, "roughly 53%".
  // Also "Rubric Question Option Types" (https://help.maestroqa.com/en/articles/4520461): "The N/A
  // option nullifies the maximum points from a criteria".
  @Test
  void maestroQaTotalPointRubricAndNaTakesTheCriterionOutOfTheMaximum() {
    Checklist c =
        Checklist.builder("maestro-total", 1)
            .mode(ScoringMode.TOTAL_POINTS)
            .section(Section.of("grammar-and-tone", 1, List.of(points("grammar", 5))))
            .section(Section.of("product-knowledge", 1, List.of(points("product", 10))))
            .section(Section.of("problem-solving", 1, List.of(points("solving", 15))))
            .section(Section.of("privacy-and-security", 1, List.of(pointsNa("privacy", 5))))
            .build();
    assertEquals(
        bd("60.00"),
        scoreEverywhere(c, "grammar", "3", "product", "5", "solving", "8", "privacy", "5"));
    // 16 / 30 = 53.333... -> 53.33
    assertEquals(
        bd("53.33"),
        scoreEverywhere(c, "grammar", "3", "product", "5", "solving", "8", "privacy", "N/A"));
  }

  // MaestroQA, "Rubric/Scorecard Structure"
  // https://help.maestroqa.com/en/articles/4537176-rubric-scorecard-structure
  // An auto-fail section "only contain[s] auto-fail criteria. When one auto-fail criteria is
  // selected, the QA score will always have a 0% QA score regardless of any other scoring options
  // selected"; a bonus section's questions "allow QA scores to exceed 100%". Reading: the auto-fail
  // criteria carry no points of their own. TOTAL_POINTS counts every criterion's points, so the
  // recipe is GROUP_WEIGHTED_POINTS with weight 1 on the scored sections (a plain points total)
  // and weight 0 on the auto-fail section; WEIGHTED_SECTION_POINTS leaves a weight-0 section out.
  @Test
  void maestroQaAutoFailSectionCarriesNoPointsAndZeroesEvenABonus() {
    Checklist total =
        Checklist.builder("maestro-autofail", 1)
            .mode(ScoringMode.GROUP_WEIGHTED_POINTS)
            .bonusAbove100(true)
            .section(Section.of("grammar-and-tone", 1, List.of(points("grammar", 5))))
            .section(Section.of("product-knowledge", 1, List.of(points("product", 10))))
            .section(Section.of("problem-solving", 1, List.of(points("solving", 15))))
            .section(Section.of("privacy-and-security", 1, List.of(points("privacy", 5))))
            .section(
                Section.of(
                    "auto-fail",
                    0,
                    List.of(
                        Criterion.builder("shared-card-number")
                            .criticality(Criticality.FAIL_FORM)
                            .build())))
            .section(Section.of("bonus", 1, List.of(bonus("went-extra-mile", 10))))
            .build();
    // 21 / 35 = 60 %: the auto-fail criterion adds nothing to either side
    assertEquals(
        bd("60.00"),
        scoreEverywhere(
            total,
            "grammar",
            "3",
            "product",
            "5",
            "solving",
            "8",
            "privacy",
            "5",
            "shared-card-number",
            "yes"));
    // full marks plus the bonus, worth 10 percentage points (a bonus criterion's weight is
    // percentage points; for bonus points added to the earned points see the README): 110 %
    assertEquals(
        bd("110.00"),
        scoreEverywhere(
            total,
            "grammar",
            "5",
            "product",
            "10",
            "solving",
            "15",
            "privacy",
            "5",
            "shared-card-number",
            "yes",
            "went-extra-mile",
            "yes"));
    // auto-fail selected: 0 %, whatever else, bonus included
    assertEquals(
        bd("0.00"),
        scoreEverywhere(
            total,
            "grammar",
            "5",
            "product",
            "10",
            "solving",
            "15",
            "privacy",
            "5",
            "shared-card-number",
            "no",
            "went-extra-mile",
            "yes"));

    // "How do Custom Weighted Sections Rubrics work?" (article 4547978): 3/3 x 10 % + 5/10 x 30 %
    // + 4/5 x 50 % + 1/2 x 10 % = 70 %, with the same point-less auto-fail section at weight 0
    Checklist weighted =
        Checklist.builder("maestro-weighted-autofail", 1)
            .mode(ScoringMode.WEIGHTED_SECTION_POINTS)
            .section(Section.of("grammar-and-tone", 10, List.of(points("grammar", 3))))
            .section(Section.of("product-knowledge", 30, List.of(points("product", 10))))
            .section(Section.of("problem-solving", 50, List.of(points("solving", 5))))
            .section(Section.of("privacy-and-security", 10, List.of(points("privacy", 2))))
            .section(
                Section.of(
                    "auto-fail",
                    0,
                    List.of(
                        Criterion.builder("shared-card-number")
                            .criticality(Criticality.FAIL_FORM)
                            .build())))
            .build();
    assertEquals(
        bd("70.00"),
        scoreEverywhere(
            weighted,
            "grammar",
            "3",
            "product",
            "5",
            "solving",
            "4",
            "privacy",
            "1",
            "shared-card-number",
            "yes"));
    assertEquals(
        bd("0.00"),
        scoreEverywhere(
            weighted,
            "grammar",
            "3",
            "product",
            "5",
            "solving",
            "4",
            "privacy",
            "1",
            "shared-card-number",
            "no"));
  }

  // Scorebuddy, "What are 'Fail All' and 'Fail Section', and how are they set up?"
  // https://intercom.help/scorebuddy-b32c18522ac7/en/articles/9610798
  // "By default Fail Section/Fail All only records that the Agent failed a Section/the entire
  // Scorecard, it has no impact on the score"; with "Fail All Results in Zero" the score is 0 %;
  // with "Fail Section Subtracts" the points of the question's section are subtracted.
  // Settings: Criticality.RECORD_ONLY (the default), FAIL_FORM and FAIL_SECTION.
  @Test
  void scorebuddyFailFlagsOnlyRecordByDefaultAndReduceWhenConfigured() {
    Checklist recordOnly = scorebuddy(Criticality.RECORD_ONLY, Criticality.RECORD_ONLY);
    Checklist reducing = scorebuddy(Criticality.FAIL_SECTION, Criticality.FAIL_FORM);
    // maximum 10 + (6 + 1) + 1 = 18 points
    String[] sectionFailed = {"a1", "8", "b1", "6", "b2", "no", "c1", "yes"};
    String[] allFailed = {"a1", "8", "b1", "6", "b2", "yes", "c1", "no"};
    // recorded only: (8 + 6 + 0 + 1) / 18 = 83.33 and (8 + 6 + 1 + 0) / 18 = 83.33
    assertEquals(bd("83.33"), scoreEverywhere(recordOnly, sectionFailed));
    assertEquals(bd("83.33"), scoreEverywhere(recordOnly, allFailed));
    ScoreResult recorded = recordOnly.score(answers(sectionFailed));
    assertEquals("b2", recorded.criticalFailures().get(0).criterionId());
    assertFalse(recorded.autoFailed());
    assertFalse(recorded.sections().get(1).failed());
    // Fail Section Subtracts: (8 + 0 + 1) / 18 = 50 %; Fail All Results in Zero: 0 %
    assertEquals(bd("50.00"), scoreEverywhere(reducing, sectionFailed));
    assertTrue(reducing.score(answers(sectionFailed)).sections().get(1).failed());
    assertEquals(bd("0.00"), scoreEverywhere(reducing, allFailed));
  }

  private static Checklist scorebuddy(Criticality sectionFlag, Criticality allFlag) {
    return Checklist.builder("scorebuddy-flags", 1)
        .mode(ScoringMode.TOTAL_POINTS)
        .section(Section.of("a", 1, List.of(points("a1", 10))))
        .section(
            Section.of(
                "b",
                1,
                List.of(points("b1", 6), Criterion.builder("b2").criticality(sectionFlag).build())))
        .section(Section.of("c", 1, List.of(Criterion.builder("c1").criticality(allFlag).build())))
        .build();
  }

  // EvaluAgent, "How do I configure how the system treats line items/questions scored as 'Not
  // Applicable' or 'Auto-fail'?"
  // http://support.evaluagent.com/en/articles/13284840
  // N/A either "Removed from calculations" ("ignored (as if they were not on the scorecard at
  // all)") or "Converted to a score of '1' (treated as pass)"; an auto-fail line item scored
  // "Fail" (or lower) makes the outcome Fail, and the quality score is either "set to 0%" or the
  // "underlying evaluation quality score is kept". The page gives no scorecard formula, so each
  // rule is checked against the same checklist scored another way, not against a number.
  @Test
  void evaluagentNotApplicableAndAutoFailSettings() {
    Scale template =
        Scale.of(
            List.of(
                new AnswerOption("exceeds", new BigDecimal("1")),
                new AnswerOption("meets", new BigDecimal("0.75")),
                new AnswerOption("partially", new BigDecimal("0.25")),
                new AnswerOption("fail", BigDecimal.ZERO)));
    // "Removed from calculations": the default N/A
    Checklist removed =
        Checklist.builder("evaluagent", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("a").scale(template).build(),
                        Criterion.builder("b").scale(template).build(),
                        Criterion.builder("c").scale(template).naAllowed(true).build())))
            .build();
    Checklist withoutC =
        Checklist.builder("evaluagent", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("a").scale(template).build(),
                        Criterion.builder("b").scale(template).build())))
            .build();
    assertEquals(
        scoreEverywhere(withoutC, "a", "meets", "b", "partially"),
        scoreEverywhere(removed, "a", "meets", "b", "partially", "c", "N/A"));
    // "Converted to a score of 1": an answer option "n/a" worth the top score
    Scale templateNaAsPass =
        Scale.of(
            List.of(
                new AnswerOption("exceeds", new BigDecimal("1")),
                new AnswerOption("meets", new BigDecimal("0.75")),
                new AnswerOption("partially", new BigDecimal("0.25")),
                new AnswerOption("fail", BigDecimal.ZERO),
                new AnswerOption("n/a", new BigDecimal("1"))));
    Checklist converted =
        Checklist.builder("evaluagent", 2)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("a").scale(templateNaAsPass).build(),
                        Criterion.builder("b").scale(templateNaAsPass).build(),
                        Criterion.builder("c").scale(templateNaAsPass).build())))
            .build();
    assertEquals(
        scoreEverywhere(removed, "a", "meets", "b", "partially", "c", "exceeds"),
        scoreEverywhere(converted, "a", "meets", "b", "partially", "c", "n/a"));
    // auto-fail at "Fail (or lower)": passAt just above the fail option
    Checklist zero = autoFail(template, Criticality.FAIL_FORM);
    Checklist shown = autoFail(template, Criticality.RECORD_ONLY);
    String[] failed = {"a", "exceeds", "b", "exceeds", "compliance", "fail"};
    ScoreResult z = zero.score(answers(failed));
    ScoreResult s = shown.score(answers(failed));
    // "Set form result to zero"
    assertEquals(bd("0.00"), scoreEverywhere(zero, failed));
    assertTrue(z.autoFailed());
    // "Show calculated result": the same calculated score, the failure recorded for the outcome
    assertEquals(z.baseScore(), s.score());
    assertEquals(Optional.of(scoreEverywhere(shown, failed)), s.score());
    assertEquals("compliance", s.criticalFailures().get(0).criterionId());
    // "partially" is above "Fail": no failure in either setting
    String[] passed = {"a", "exceeds", "b", "exceeds", "compliance", "partially"};
    assertTrue(zero.score(answers(passed)).criticalFailures().isEmpty());
    assertEquals(scoreEverywhere(shown, passed), scoreEverywhere(zero, passed));
  }

  private static Checklist autoFail(Scale template, Criticality criticality) {
    return Checklist.builder("evaluagent-autofail", 1)
        .section(
            Section.of(
                "s",
                1,
                List.of(
                    Criterion.builder("a").scale(template).build(),
                    Criterion.builder("b").scale(template).build(),
                    Criterion.builder("compliance")
                        .scale(template)
                        .criticality(criticality)
                        .passAt(new BigDecimal("0.25"))
                        .build())))
        .build();
  }

  // Zendesk QA, "About the Zendesk QA Reviews dashboard calculations"
  // https://support.zendesk.com/hc/en-us/articles/7043701093786
  // Review score = sum(category score x weight) / sum(weight); "If a critical category rating is
  // below 50%, the score is automatically set to zero"; the score "is calculated based only on the
  // rated categories, excluding any skipped categories"; critical categories weigh 0.05.
  // On a 3-point scale the middle rating is exactly 50 %: not below 50 %, so it passes.
  @Test
  void zendeskQaCriticalAtExactlyFiftyPercentPassesAndSkippedCategoriesLeaveTheScore() {
    Checklist c =
        Checklist.builder("zendesk-3pt", 1)
            .section(
                Section.of(
                    "all",
                    1,
                    List.of(
                        Criterion.builder("solution").weight(2).scale(Scale.rating(3)).build(),
                        Criterion.builder("tone")
                            .weight(1)
                            .scale(Scale.rating(5))
                            .naAllowed(true)
                            .build(),
                        Criterion.builder("gdpr")
                            .weight(bd("0.05"))
                            .scale(Scale.rating(3))
                            .naAllowed(true)
                            .criticality(Criticality.FAIL_FORM)
                            .passAt(BigDecimal.ONE) // half of the scale's 2 points: 50 %
                            .build())))
            .build();
    // (2 x 50 + 1 x 75 + 0.05 x 50) / 3.05 = 177.5 / 3.05 = 58.196... -> 58.20
    assertEquals(bd("58.20"), scoreEverywhere(c, "solution", "2", "tone", "4", "gdpr", "2"));
    // critical at 0 %: the review scores 0
    assertEquals(bd("0.00"), scoreEverywhere(c, "solution", "3", "tone", "5", "gdpr", "1"));
    // tone skipped: (2 x 100 + 0.05 x 50) / 2.05 = 202.5 / 2.05 = 98.780... -> 98.78
    assertEquals(bd("98.78"), scoreEverywhere(c, "solution", "3", "tone", "N/A", "gdpr", "2"));
    // the critical category skipped fails nothing: (2 x 50 + 1 x 25) / 3 = 41.666... -> 41.67
    assertEquals(bd("41.67"), scoreEverywhere(c, "solution", "2", "tone", "2", "gdpr", "N/A"));
  }

  // Zendesk QA, "About the Zendesk QA Reviews dashboard calculations"
  // https://support.zendesk.com/hc/en-us/articles/7043701093786
  // Its table of category scores, (selected - min) / (max - min): binary 0, 100 %; 3-point 0, 50,
  // 100 %; 4-point 0, 33.3, 66.6, 100 %; 5-point 0, 25, 50, 75, 100 % (the 4-point thirds are
  // exact here: 33.33 and 66.67). Every rating of every scale, as a category of weight 1 beside a
  // passed binary one of weight 1 (review = the mean of 100 and the category score), and as a
  // critical category, "below 50 %" zeroing the review: passAt at half the scale's points.
  @ParameterizedTest
  @CsvSource({
    "2, 1, 0.00",
    "2, 2, 100.00",
    "3, 1, 0.00",
    "3, 2, 50.00",
    "3, 3, 100.00",
    "4, 1, 0.00",
    "4, 2, 33.33",
    "4, 3, 66.67",
    "4, 4, 100.00",
    "5, 1, 0.00",
    "5, 2, 25.00",
    "5, 3, 50.00",
    "5, 4, 75.00",
    "5, 5, 100.00"
  })
  void zendeskQaCategoryScoreTableForEveryScaleAndRating(int points, int rating, String category) {
    Checklist plain = zendesk(points, false);
    CriterionResult cat =
        plain.score(answers("other", "no", "cat", Integer.toString(rating))).criteria().stream()
            .filter(c -> c.criterionId().equals("cat"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        bd(category), cat.percent().orElseThrow().setScale(2, java.math.RoundingMode.HALF_UP));
    // from the exact fraction, not from the rounded category score: (66.67 + 100) / 2 is 83.335,
    // but (2/3 + 1) / 2 is 83.333... %
    BigDecimal review =
        BigDecimal.valueOf(50L * (rating - 1) + 50L * (points - 1))
            .divide(BigDecimal.valueOf(points - 1), 10, java.math.RoundingMode.HALF_UP);
    assertEquals(
        review.setScale(2, java.math.RoundingMode.HALF_UP),
        scoreEverywhere(plain, "other", "yes", "cat", Integer.toString(rating)));
    boolean belowHalf = 2 * (rating - 1) < points - 1;
    assertEquals(
        belowHalf ? bd("0.00") : review.setScale(2, java.math.RoundingMode.HALF_UP),
        scoreEverywhere(zendesk(points, true), "other", "yes", "cat", Integer.toString(rating)));
  }

  private static Checklist zendesk(int points, boolean critical) {
    Criterion.Builder cat = Criterion.builder("cat").scale(Scale.rating(points));
    if (critical) {
      cat.criticality(Criticality.FAIL_FORM)
          .passAt(BigDecimal.valueOf(points - 1, 0).divide(bd("2")));
    }
    return Checklist.builder("zendesk-" + points + (critical ? "-critical" : ""), 1)
        .mode(ScoringMode.WEIGHTED_CRITERIA)
        .section(Section.of("all", 1, List.of(Criterion.builder("other").build(), cat.build())))
        .build();
  }

  // Zendesk QA, "About the Zendesk QA Reviews dashboard calculations"
  // https://support.zendesk.com/hc/en-us/articles/7043701093786
  // IQS = (review_score1 + review_score2 + ...) / (number of reviews): reviews at 100 %, 9.91 %,
  // 63.96 %, 90.99 % and 0 % (an auto-failed review counts as its 0) give 264.86 / 5 = 52.972,
  // shown as 52.97 %. The IQS is the plain mean that ScoreAccumulator keeps.
  @Test
  void zendeskQaIqsIsTheMeanOfReviewScoresAutoFailedOnesIncluded() {
    ScoreAccumulator iqs = new ScoreAccumulator();
    for (double review : new double[] {100, 9.91, 63.96, 90.99, 0}) {
      iqs.add(review);
    }
    assertEquals(5, iqs.count());
    assertEquals(52.972, iqs.summary(0.95, 100).mean(), 1e-9);
  }

  // Oversai, "QA - Scorecards Scoring Guide"
  // https://docs.oversai.com/article/1049-qa-scorecards-scoring-guide
  // Section weights add up to 100 %; a section scores earned / maximum points (5 of 10 = 50 %,
  // x 40 % = 20 %) and the final score is the sum of the weighted sections; a fail_section option
  // scores the whole section 0, a fail_all option sets the scorecard to 0, N/A removes the
  // question's points from the total available. Flags on answer options map to passAt: the
  // flagged options are the ones below it.
  @Test
  void oversaiWeightedSectionsWithFailOptionsAndNa() {
    Checklist c =
        Checklist.builder("oversai", 1)
            .mode(ScoringMode.WEIGHTED_SECTION_POINTS)
            .section(
                Section.of(
                    "opening",
                    40,
                    List.of(
                        Criterion.builder("q1")
                            .scale(Scale.range(0, 10))
                            .criticality(Criticality.FAIL_FORM) // fail_all on "0"
                            .passAt(BigDecimal.ONE)
                            .build())))
            .section(
                Section.of(
                    "compliance",
                    60,
                    List.of(
                        Criterion.builder("q2")
                            .scale(
                                Scale.of(
                                    List.of(
                                        AnswerOption.of("yes", 4),
                                        AnswerOption.of("partial", 2),
                                        AnswerOption.of("no", 0))))
                            .criticality(Criticality.FAIL_SECTION) // fail_section on "no"
                            .passAt(BigDecimal.valueOf(2))
                            .build(),
                        pointsNa("q3", 6))))
            .build();
    // 5/10 x 40 + 4/4 x 60 (q3 N/A: 4 points available) = 20 + 60 = 80
    assertEquals(bd("80.00"), scoreEverywhere(c, "q1", "5", "q2", "yes", "q3", "N/A"));
    // 20 + (4 + 3)/10 x 60 = 20 + 42 = 62
    assertEquals(bd("62.00"), scoreEverywhere(c, "q1", "5", "q2", "yes", "q3", "3"));
    // "partial" is not flagged: 20 + (2 + 6)/10 x 60 = 68
    assertEquals(bd("68.00"), scoreEverywhere(c, "q1", "5", "q2", "partial", "q3", "6"));
    // fail_section: compliance scores 0 whatever q3 earned: 20 + 0 = 20
    assertEquals(bd("20.00"), scoreEverywhere(c, "q1", "5", "q2", "no", "q3", "6"));
    // fail_all: 0
    assertEquals(bd("0.00"), scoreEverywhere(c, "q1", "0", "q2", "yes", "q3", "6"));
  }

  // Which points a failed section takes with it. Scorebuddy, "What are 'Fail All' and 'Fail
  // Section'" (https://intercom.help/scorebuddy-b32c18522ac7/en/articles/9610798): with "Fail
  // Section Subtracts", "all points from the Section that the question" is in are subtracted.
  // Oversai, "QA - Scorecards Scoring Guide"
  // (https://docs.oversai.com/article/1049-qa-scorecards-scoring-guide): a fail_section option
  // means "the entire section is scored with 0 points, regardless of the other answers".
  // A bonus criterion inside the failed section is one of those points, so it adds nothing; a
  // bonus in a section that did not fail still adds.
  @Test
  void aBonusInsideAFailedSectionAddsNothing() {
    for (ScoringMode mode :
        List.of(
            ScoringMode.TOTAL_POINTS,
            ScoringMode.WEIGHTED_SECTION_POINTS,
            ScoringMode.GROUP_WEIGHTED_POINTS)) {
      Checklist c =
          Checklist.builder("fail-section-bonus", 1)
              .mode(mode)
              .bonusAbove100(true)
              .section(Section.of("a", 1, List.of(points("a1", 10), bonus("a-extra", 3))))
              .section(
                  Section.of(
                      "b",
                      1,
                      List.of(
                          points("b1", 6),
                          Criterion.builder("b2").criticality(Criticality.FAIL_SECTION).build(),
                          bonus("b-extra", 5))))
              .build();
      String[] failed = {"a1", "8", "b1", "6", "b2", "no", "a-extra", "yes", "b-extra", "yes"};
      String[] passed = {"a1", "8", "b1", "6", "b2", "yes", "a-extra", "yes", "b-extra", "yes"};
      if (mode == ScoringMode.WEIGHTED_SECTION_POINTS) {
        // (8/10 + 0/7) / 2 = 40 %, + 3 (a's bonus) = 43; not failed: (80 + 100) / 2 + 8 = 98
        assertEquals(bd("43.00"), scoreEverywhere(c, failed), mode.name());
        assertEquals(bd("98.00"), scoreEverywhere(c, passed), mode.name());
      } else {
        // (8 + 0) / 17 = 47.0588 %, + 3 = 50.0588 -> 50.06; not failed: 15 / 17 + 8 = 96.2353
        assertEquals(bd("50.06"), scoreEverywhere(c, failed), mode.name());
        assertEquals(bd("96.24"), scoreEverywhere(c, passed), mode.name());
      }
    }
    // criterion-weighted sections: section b = (1 x 1 + 1 x 1) / 2 = 100 % unless it fails
    Checklist ws =
        Checklist.builder("fail-section-bonus-ws", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(Section.of("a", 3, List.of(Criterion.builder("a1").build())))
            .section(
                Section.of(
                    "b",
                    1,
                    List.of(
                        Criterion.builder("b1").build(),
                        Criterion.builder("b2").criticality(Criticality.FAIL_SECTION).build(),
                        bonus("b-extra", 5))))
            .build();
    // failed: (3 x 100 + 1 x 0) / 4 = 75, no bonus; passed: 100, capped though 5 would add
    assertEquals(
        bd("75.00"), scoreEverywhere(ws, "a1", "yes", "b1", "yes", "b2", "no", "b-extra", "yes"));
    assertEquals(
        bd("100.00"), scoreEverywhere(ws, "a1", "yes", "b1", "yes", "b2", "yes", "b-extra", "yes"));
  }
}
