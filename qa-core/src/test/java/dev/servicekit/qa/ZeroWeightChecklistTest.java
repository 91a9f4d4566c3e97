package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A checklist whose every evaluation would be unscored (no non-bonus criterion can ever carry a
 * positive weight) is refused when built and when read, as all-zero section weights already were.
 */
class ZeroWeightChecklistTest {

  private static Criterion zero(String id) {
    return Criterion.builder(id).weight(0).build();
  }

  private static void assertRefused(Runnable build, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  @Test
  void weightedCriteriaWithEveryCriterionAtZeroIsRefusedByTheBuilder() {
    assertRefused(
        () ->
            Checklist.builder("zero", 1)
                .section(Section.of("s", 1, List.of(zero("a"), zero("b"))))
                .build(),
        "criterion weights",
        "must have a positive sum",
        "WEIGHTED_CRITERIA");
  }

  @Test
  void weightedCriteriaWithEveryCriterionAtZeroIsRefusedByTheReader() {
    String json =
        """
        {"id": "zero", "version": 1, "mode": "WEIGHTED_CRITERIA", "sections": [
          {"id": "s", "criteria": [{"id": "a", "weight": 0}, {"id": "b", "weight": 0.0}]}]}
        """;
    assertRefused(() -> ChecklistJson.read(json), "criterion weights", "must have a positive sum");
    // one positive weight is enough
    Checklist ok = ChecklistJson.read(json.replace("0.0", "0.5"));
    assertEquals(new BigDecimal("100.00"), scoreOf(ok, Map.of("a", "no", "b", "yes")));
  }

  // Only critical criteria of weight 0 and a positive-weight bonus: an auto-fail could zero a
  // score, but nothing can ever make one.
  @Test
  void criticalZeroWeightAndBonusCriteriaDoNotCountAsScorable() {
    assertRefused(
        () ->
            Checklist.builder("critical-only", 1)
                .section(
                    Section.of(
                        "s",
                        1,
                        List.of(
                            Criterion.builder("gdpr")
                                .weight(0)
                                .criticality(Criticality.FAIL_FORM)
                                .build(),
                            Criterion.builder("extra")
                                .weight(5)
                                .bonus(true)
                                .required(false)
                                .build())))
                .build(),
        "must have a positive sum");
  }

  // A positive-weight criterion that may be N/A can still be answered, so the checklist is
  // accepted, and an evaluation that marks it N/A is unscored as before; a zero-weight critical
  // criterion beside it still auto-fails.
  @Test
  void aPositiveWeightThatMayBeNotApplicableIsEnough() {
    Checklist c =
        Checklist.builder("na", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("a").weight(3).naAllowed(true).build(),
                        Criterion.builder("gdpr")
                            .weight(0)
                            .criticality(Criticality.FAIL_FORM)
                            .build())))
            .build();
    assertEquals(new BigDecimal("100.00"), scoreOf(c, Map.of("a", "yes", "gdpr", "yes")));
    assertEquals(new BigDecimal("0.00"), scoreOf(c, Map.of("a", "yes", "gdpr", "no")));
    assertTrue(
        c.score(Map.of("a", Answer.notApplicable(), "gdpr", Answer.of("yes"))).score().isEmpty());
  }

  @Test
  void weightedSectionsNeedAPositiveCriterionInAPositiveSection() {
    // the only positive criterion sits in a section of weight 0: never scored
    assertRefused(
        () ->
            Checklist.builder("ws", 1)
                .mode(ScoringMode.WEIGHTED_SECTIONS)
                .section(Section.of("a", 1, List.of(zero("a1"))))
                .section(Section.of("b", 0, List.of(Criterion.builder("b1").build())))
                .build(),
        "no non-bonus criterion of positive weight",
        "WEIGHTED_SECTIONS");
    Checklist ok =
        Checklist.builder("ws", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(Section.of("a", 1, List.of(zero("a1"), Criterion.builder("a2").build())))
            .section(Section.of("b", 0, List.of(Criterion.builder("b1").build())))
            .build();
    assertEquals(
        new BigDecimal("100.00"), scoreOf(ok, Map.of("a1", "no", "a2", "yes", "b1", "no")));
  }

  // Points modes ignore criterion weights: all-zero criterion weights are fine there.
  @ParameterizedTest
  @EnumSource(
      value = ScoringMode.class,
      names = {"TOTAL_POINTS", "WEIGHTED_SECTION_POINTS", "GROUP_WEIGHTED_POINTS"})
  void pointsModesIgnoreCriterionWeights(ScoringMode mode) {
    Checklist c =
        Checklist.builder("pts", 1)
            .mode(mode)
            .section(Section.of("s", 1, List.of(zero("a"), zero("b"))))
            .build();
    assertEquals(new BigDecimal("50.00"), scoreOf(c, Map.of("a", "no", "b", "yes")));
  }

  private static BigDecimal scoreOf(Checklist c, Map<String, String> answers) {
    Map<String, Answer> m = new java.util.HashMap<>();
    answers.forEach((k, v) -> m.put(k, Answer.of(v)));
    return c.score(m).score().orElseThrow();
  }

  /**
   * A weightless FAIL_FORM criterion (an identity check) that fails on a call whose other criteria
   * are all N/A fails the form: score 0, auto-failed. A review found it reported as unscored and
   * not auto-failed, so the failure vanished from analytics.
   */
  @Test
  void aFailedWeightlessFailFormCriterionFailsTheFormWithNothingElseScored() {
    Checklist c =
        Checklist.builder("calls", 1)
            .section(
                Section.of(
                    "call",
                    1,
                    List.of(
                        Criterion.builder("solution").naAllowed(true).build(),
                        Criterion.builder("identity-verified")
                            .weight(0)
                            .criticality(Criticality.FAIL_FORM)
                            .build())))
            .build();
    ScoreResult r =
        c.score(Map.of("solution", Answer.notApplicable(), "identity-verified", Answer.of("no")));
    assertTrue(r.autoFailed());
    assertEquals(java.util.Optional.of(new BigDecimal("0.00")), r.score());
    assertEquals(java.util.Optional.empty(), r.baseScore());
    assertEquals(
        r.score(),
        c.compile()
            .score(
                c.compile()
                    .indexAnswers(
                        Map.of(
                            "solution",
                            Answer.notApplicable(),
                            "identity-verified",
                            Answer.of("no")))));
    // passed, nothing else scored: unscored, as before
    ScoreResult ok =
        c.score(Map.of("solution", Answer.notApplicable(), "identity-verified", Answer.of("yes")));
    assertEquals(java.util.Optional.empty(), ok.score());
    // a null answer is refused, naming the criterion (it was stored and broke JSON and revise)
    Map<String, Answer> withNull = new java.util.HashMap<>();
    withNull.put("solution", null);
    withNull.put("identity-verified", Answer.of("yes"));
    assertEquals(
        "answer to criterion 'solution' is null: leave it out or give Answer.notApplicable()"
            + " (checklist 'calls' v1)",
        assertThrows(IllegalArgumentException.class, () -> c.score(withNull)).getMessage());
  }
}
