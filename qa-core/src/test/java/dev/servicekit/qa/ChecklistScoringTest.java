package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecklistScoringTest {

  static Map<String, Answer> answers(String... pairs) {
    Map<String, Answer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(
          pairs[i], "N/A".equals(pairs[i + 1]) ? Answer.notApplicable() : Answer.of(pairs[i + 1]));
    }
    return m;
  }

  static BigDecimal score(Checklist c, String... pairs) {
    return c.score(answers(pairs)).score().orElseThrow();
  }

  static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  static Checklist single(Criterion... criteria) {
    return Checklist.builder("c", 1).section(Section.of("s", 100, List.of(criteria))).build();
  }

  // Zendesk QA, "Understanding Zendesk QA Reviews dashboard calculations"
  // (support.zendesk.com/hc/en-us/articles/7043701093786): category score =
  // (selected - min) / (max - min) * 100; binary 0/100, 3-point 0/50/100, 4-point 0/33.3/66.6/100,
  // 5-point 0/25/50/75/100. (Zendesk truncates thirds for display; we round half-up to 2 decimals.)
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
  void zendeskRatingScaleCategoryScores(int points, String rating, String expected) {
    Checklist c = single(Criterion.builder("cat").scale(Scale.rating(points)).build());
    assertEquals(bd(expected), score(c, "cat", rating));
  }

  // Zendesk QA (same article): review_score = sum(cat_score * weight) / sum(weight), and a critical
  // category rated below 50% sets the review score to 0. Weights 1, 2, 0.5 on 5-point scales.
  @Test
  void zendeskWeightedReviewScoreAndCriticalBelowFiftyPercent() {
    Criterion politeness = Criterion.builder("politeness").weight(1).scale(Scale.rating(5)).build();
    Criterion solution = Criterion.builder("solution").weight(2).scale(Scale.rating(5)).build();
    Criterion empathy =
        Criterion.builder("empathy").weight(bd("0.5")).scale(Scale.rating(5)).build();
    Criterion gdpr =
        Criterion.builder("gdpr")
            .weight(bd("0.05"))
            .scale(Scale.rating(5))
            .criticality(Criticality.FAIL_FORM)
            .passAt(bd("2")) // rating 3 of 5 = 50 % passes, below fails
            .build();
    Checklist c = single(politeness, solution, empathy, gdpr);
    // (75*1 + 50*2 + 100*0.5 + 100*0.05) / 3.55 = 230/3.55 = 64.788...
    assertEquals(
        bd("64.79"), score(c, "politeness", "4", "solution", "3", "empathy", "5", "gdpr", "5"));
    // gdpr at 50 %: passes; (75 + 100 + 50 + 2.5) / 3.55 = 64.084...
    assertEquals(
        bd("64.08"), score(c, "politeness", "4", "solution", "3", "empathy", "5", "gdpr", "3"));
    ScoreResult failed =
        c.score(answers("politeness", "4", "solution", "3", "empathy", "5", "gdpr", "2"));
    assertEquals(Optional.of(bd("0.00")), failed.score());
    assertTrue(failed.autoFailed());
    assertEquals("gdpr", failed.criticalFailures().get(0).criterionId());
    // the base score is kept for analysis: (75 + 100 + 50 + 1.25) / 3.55 = 63.732...
    assertEquals(Optional.of(bd("63.73")), failed.baseScore());
  }

  @Test
  void notApplicableLeavesTheDenominator() {
    Checklist c =
        single(
            Criterion.builder("a").build(),
            Criterion.builder("b").build(),
            Criterion.builder("good-time").naAllowed(true).build());
    assertEquals(bd("50.00"), score(c, "a", "yes", "b", "no", "good-time", "N/A"));
    assertEquals(bd("33.33"), score(c, "a", "yes", "b", "no", "good-time", "no"));
  }

  @Test
  void everythingNotApplicableHasNoScore() {
    Checklist c = single(Criterion.builder("a").naAllowed(true).build());
    ScoreResult r = c.score(answers("a", "N/A"));
    assertTrue(r.score().isEmpty());
    assertTrue(r.band().isEmpty());
  }

  @Test
  void totalPointsModeIgnoresWeights() {
    Checklist c =
        Checklist.builder("c", 1)
            .mode(ScoringMode.TOTAL_POINTS)
            .section(
                Section.of(
                    "s",
                    100,
                    List.of(
                        Criterion.builder("a").weight(7).scale(Scale.range(1, 5)).build(),
                        Criterion.builder("b").weight(1).scale(Scale.range(0, 10)).build())))
            .build();
    // (3 + 6) / (5 + 10) = 60 %
    assertEquals(bd("60.00"), score(c, "a", "3", "b", "6"));
  }

  @Test
  void weightedSectionsAverageSectionScoresAndRenormaliseAllNaSections() {
    Checklist c =
        Checklist.builder("c", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(Section.of("opening", 60, List.of(Criterion.builder("greet").build())))
            .section(
                Section.of(
                    "process",
                    40,
                    List.of(
                        Criterion.builder("verify").naAllowed(true).build(),
                        Criterion.builder("log").naAllowed(true).build())))
            .build();
    // 60 * 100 % + 40 * 50 % = 80
    ScoreResult r = c.score(answers("greet", "yes", "verify", "yes", "log", "no"));
    assertEquals(Optional.of(bd("80.00")), r.score());
    assertEquals(Optional.of(bd("50.00")), r.sections().get(1).score());
    // the process section is entirely N/A: only the opening section counts
    assertEquals(bd("100.00"), score(c, "greet", "yes", "verify", "N/A", "log", "N/A"));
  }

  @Test
  void sectionWeightsAreProportionsNormalisedExactly() {
    Checklist pct = twoSections(60, 30);
    Checklist ratio = twoSections(2, 1);
    // (2 * 100 + 1 * 0) / 3 = 66.666...
    assertEquals(bd("66.67"), score(pct, "x", "yes", "y", "no"));
    assertEquals(bd("66.67"), score(ratio, "x", "yes", "y", "no"));
  }

  @Test
  void sectionWeightsSummingToZeroAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> twoSections(0, 0));
    assertTrue(e.getMessage().contains("add up to 0"), e.getMessage());
  }

  private static Checklist twoSections(long a, long b) {
    return Checklist.builder("c", 1)
        .mode(ScoringMode.WEIGHTED_SECTIONS)
        .section(Section.of("a", a, List.of(Criterion.builder("x").build())))
        .section(Section.of("b", b, List.of(Criterion.builder("y").build())))
        .build();
  }

  @Test
  void sectionFailZeroesOnlyItsSection() {
    Checklist c =
        Checklist.builder("c", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(
                Section.of(
                    "compliance",
                    50,
                    List.of(
                        Criterion.builder("disclosure")
                            .criticality(Criticality.FAIL_SECTION)
                            .build(),
                        Criterion.builder("recording").build())))
            .section(Section.of("soft", 50, List.of(Criterion.builder("tone").build())))
            .build();
    ScoreResult r = c.score(answers("disclosure", "no", "recording", "yes", "tone", "yes"));
    assertEquals(Optional.of(bd("50.00")), r.score());
    assertTrue(r.sections().get(0).failed());
    assertEquals(Optional.of(bd("0.00")), r.sections().get(0).score());
    assertFalse(r.autoFailed());
  }

  @Test
  void recordOnlyCriticalChangesNoScore() {
    Checklist c =
        single(
            Criterion.builder("a").criticality(Criticality.RECORD_ONLY).build(),
            Criterion.builder("b").build());
    ScoreResult r = c.score(answers("a", "no", "b", "yes"));
    assertEquals(Optional.of(bd("50.00")), r.score());
    assertEquals(1, r.criticalFailures().size());
  }

  @Test
  void bonusLiftsAboveBaseAndIsCappedAtHundred() {
    Checklist c =
        single(
            Criterion.builder("a").weight(9).build(),
            Criterion.builder("b").weight(1).build(),
            Criterion.builder("wow").weight(5).bonus(true).required(false).build());
    assertEquals(bd("95.00"), score(c, "a", "yes", "b", "no", "wow", "yes"));
    assertEquals(bd("90.00"), score(c, "a", "yes", "b", "no"));
    assertEquals(bd("100.00"), score(c, "a", "yes", "b", "yes", "wow", "yes"));
  }

  @Test
  void roundsExactHalfUpOnce() {
    // 9001 / 20000 = 45.005 % exactly: one half-up rounding gives 45.01, in the middle band.
    Scale s = Scale.of(List.of(AnswerOption.of("hi", 20000), AnswerOption.of("mid", 9001)));
    Checklist c =
        Checklist.builder("c", 1)
            .section(Section.of("s", 100, List.of(Criterion.builder("x").scale(s).build())))
            .bands(issueBands())
            .build();
    ScoreResult r = c.score(answers("x", "mid"));
    assertEquals(Optional.of(bd("45.01")), r.score());
    assertEquals("train", r.band().orElseThrow().name());
  }

  static ScoreBands issueBands() {
    return ScoreBands.builder()
        .band("remove", 0, "removed from customer work until re-certified")
        .band("train", 45, "keeps working, trained on the criteria failed")
        .band("fine", 76, "none")
        .build();
  }

  // The issue's bands "below 45 / 46-75 / 76-100" resolved as [0,45), [45,76), [76,100].
  @ParameterizedTest
  @CsvSource({
    "0, remove",
    "44.99, remove",
    "45, train",
    "45.00, train",
    "75.99, train",
    "76, fine",
    "100, fine"
  })
  void issueBandsHaveNoGapsOrOverlaps(String score, String band) {
    ScoreBands bands = issueBands();
    assertEquals(band, bands.bandFor(bd(score)).name());
    long containing = bands.bands().stream().filter(b -> b.contains(bd(score))).count();
    assertEquals(1, containing);
  }

  @Test
  void bandsRejectGapsOverlapsAndOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ScoreBands.builder().band("a", 10, "x").build(),
        "gap below");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ScoreBands.builder()
                    .band("a", 0, "x")
                    .band("b", 50, "y")
                    .band("c", 50, "z")
                    .build());
    assertTrue(e.getMessage().contains("bands[2].from 50"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> issueBands().bandFor(bd("100.01")));
  }

  @Test
  void badAnswersNameTheCriterion() {
    Checklist c =
        single(
            Criterion.builder("greet").build(),
            Criterion.builder("verify").scale(Scale.threeLevel()).build(),
            Criterion.builder("upsell").required(false).build());
    assertMessage(c, "unknown criterion 'nope'", "greet", "yes", "verify", "full", "nope", "yes");
    assertMessage(
        c,
        "answer 'maybe' for criterion 'greet' is not on its scale [no, yes]",
        "greet",
        "maybe",
        "verify",
        "full");
    assertMessage(c, "criterion 'verify' requires an answer", "greet", "yes");
    assertMessage(c, "criterion 'greet' does not allow N/A", "greet", "N/A", "verify", "none");
    // an optional criterion may be left out: it counts as N/A
    assertEquals(bd("75.00"), score(c, "greet", "yes", "verify", "partial"));
  }

  private static void assertMessage(Checklist c, String fragment, String... pairs) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.score(answers(pairs)));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void checklistValidationNamesTheField() {
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> single(Criterion.builder("a").build(), Criterion.builder("a").build()));
    assertTrue(dup.getMessage().contains("sections[0].criteria[1].id 'a' is duplicated"));
    IllegalArgumentException w =
        assertThrows(IllegalArgumentException.class, () -> Criterion.builder("a").weight(-1));
    assertTrue(w.getMessage().contains("weight -1 of criterion 'a'"), w.getMessage());
    IllegalArgumentException pass =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Criterion.builder("a").criticality(Criticality.FAIL_FORM).passAt(bd("2")).build());
    assertTrue(pass.getMessage().contains("passAt 2 of criterion 'a' must be in (0, 1]"));
    assertThrows(
        IllegalArgumentException.class,
        () -> single(Criterion.builder("b").bonus(true).build()),
        "only bonus criteria");
  }

  @Test
  void evaluationsArePinnedAndNeverRescoredSilently() {
    Checklist v1 =
        single(Criterion.builder("a").weight(1).build(), Criterion.builder("b").weight(1).build());
    Checklist v2 = v1.toBuilder(2).build(); // same structure, new version
    Checklist v2b =
        Checklist.builder("c", 2)
            .section(
                Section.of(
                    "s",
                    100,
                    List.of(
                        Criterion.builder("a").weight(3).build(),
                        Criterion.builder("b").weight(1).build())))
            .build();
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(v1);
    registry.register(v1);
    registry.register(v2b);
    assertFalse(v2.equals(v2b));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> registry.register(v2));
    assertTrue(e.getMessage().contains("'c' v2 is already registered"));
    Evaluation ev =
        Evaluation.of(
            v1, "call-1", "agent-1", "rev-1", Instant.EPOCH, answers("a", "yes", "b", "no"));
    assertEquals(Optional.of(bd("50.00")), ev.result().score());
    assertEquals(1, ev.checklistVersion());
    assertEquals(Optional.of(v1), registry.checklistOf(ev));
    Evaluation re = ev.rescore(registry.latest("c").orElseThrow());
    assertEquals(Optional.of(bd("75.00")), re.result().score());
    assertEquals(2, re.checklistVersion());
    assertEquals(Optional.of(bd("50.00")), ev.result().score());
    assertTrue(ev.madeWith(v1));
    assertFalse(re.madeWith(v1));
  }

  // Oversai, "QA Scorecards scoring guide"
  // (docs.oversai.com/article/1049-qa-scorecards-scoring-guide):
  // section score = points earned / section max points; a section worth 40 % with 5 of 10 points
  // contributes 50 % * 40 = 20; section weights add up to 100; N/A removes a question's points from
  // the total available; fail_section zeroes the section, fail_all zeroes the scorecard.
  // Point-based sections are expressed here with criterion weight = the criterion's max points.
  static Checklist oversai() {
    return Checklist.builder("oversai", 1)
        .mode(ScoringMode.WEIGHTED_SECTIONS)
        .section(
            Section.of(
                "a",
                40,
                List.of(
                    Criterion.builder("a1").weight(4).scale(Scale.range(0, 4)).build(),
                    Criterion.builder("a2")
                        .weight(6)
                        .scale(Scale.range(0, 6))
                        .naAllowed(true)
                        .build())))
        .section(
            Section.of(
                "b",
                60,
                List.of(
                    Criterion.builder("b1")
                        .weight(5)
                        .scale(Scale.range(0, 5))
                        .criticality(Criticality.FAIL_SECTION)
                        .passAt(BigDecimal.ONE)
                        .build(),
                    Criterion.builder("b2")
                        .weight(5)
                        .scale(Scale.range(0, 5))
                        .criticality(Criticality.FAIL_FORM)
                        .passAt(BigDecimal.ONE)
                        .build())))
        .build();
  }

  @Test
  void oversaiWeightedSectionExample() {
    Checklist c = oversai();
    // section a: 5 of 10 points = 50 % -> 20; section b full -> 60; total 80
    ScoreResult r = c.score(answers("a1", "2", "a2", "3", "b1", "5", "b2", "5"));
    assertEquals(Optional.of(bd("50.00")), r.sections().get(0).score());
    assertEquals(Optional.of(bd("80.00")), r.score());
    // N/A on a2 removes its 6 points from the section's total: 2 of 4 = 50 % still
    assertEquals(bd("80.00"), score(c, "a1", "2", "a2", "N/A", "b1", "5", "b2", "5"));
    assertEquals(bd("100.00"), score(c, "a1", "4", "a2", "N/A", "b1", "5", "b2", "5"));
    // fail_section on b: section b scores 0, total 20
    assertEquals(bd("20.00"), score(c, "a1", "2", "a2", "3", "b1", "0", "b2", "5"));
    // fail_all: the scorecard scores 0
    assertEquals(bd("0.00"), score(c, "a1", "4", "a2", "6", "b1", "5", "b2", "0"));
  }

  // MaestroQA, "Rubric/Scorecard Structure" (help.maestroqa.com/en/articles/4537176): selecting an
  // auto-fail criterion gives a 0 % QA score regardless of any other option selected; bonus
  // questions add on top of the standard score. (MaestroQA lets bonus exceed 100 %; a checklist
  // caps at 100 by default, so that bands and analytics stay on one 0-100 scale, and goes above it
  // with bonusAbove100. The pci criterion counts as a scored item here; README's MaestroQA row
  // gives the recipe where an auto-fail criterion carries no points.)
  @Test
  void maestroAutoFailOverridesEverythingIncludingBonus() {
    Checklist c =
        single(
            Criterion.builder("tone").scale(Scale.rating(5)).build(),
            Criterion.builder("pci").criticality(Criticality.FAIL_FORM).build(),
            Criterion.builder("extra-mile").weight(10).bonus(true).required(false).build());
    assertEquals(bd("0.00"), score(c, "tone", "5", "pci", "no", "extra-mile", "yes"));
    // (75 % + 100 %) / 2 = 87.5, plus 10 bonus points = 97.5
    assertEquals(bd("97.50"), score(c, "tone", "4", "pci", "yes", "extra-mile", "yes"));
    assertEquals(bd("100.00"), score(c, "tone", "5", "pci", "yes", "extra-mile", "yes"));
  }
}
