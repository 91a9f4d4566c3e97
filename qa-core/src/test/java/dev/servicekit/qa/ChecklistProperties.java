package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ChecklistProperties {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Property(tries = 400)
  void scoreMatchesBruteForceOracle(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
    ScoreResult result = c.score(a);
    ScoringOracle.Expected expected = ScoringOracle.score(c, a);
    assertEquals(expected.score(), result.score());
    assertEquals(expected.base(), result.baseScore());
  }

  @Property(tries = 400)
  void scoreAndSectionScoresStayWithinZeroAndHundred(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    ScoreResult result = c.score(RandomChecklists.randomAnswers(c, r));
    result
        .score()
        .ifPresent(
            s -> assertTrue(s.signum() >= 0 && (c.bonusAbove100() || s.compareTo(HUNDRED) <= 0)));
    result.baseScore().ifPresent(s -> assertTrue(s.signum() >= 0 && s.compareTo(HUNDRED) <= 0));
    for (SectionScore s : result.sections()) {
      s.score().ifPresent(v -> assertTrue(v.signum() >= 0 && v.compareTo(HUNDRED) <= 0));
    }
    assertEquals(result.score().isPresent(), result.band().isPresent());
  }

  @Property(tries = 400)
  void notApplicableEqualsRemovingTheCriterion(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
    List<Criterion> candidates = new ArrayList<>();
    for (Section s : c.sections()) {
      if (s.criteria().size() > 1) {
        s.criteria().stream().filter(Criterion::naAllowed).forEach(candidates::add);
      }
    }
    candidates.removeIf(cr -> cr.id().startsWith("anchor"));
    Assume.that(!candidates.isEmpty());
    Criterion removed = candidates.get(r.nextInt(candidates.size()));
    Map<String, Answer> withNa = new LinkedHashMap<>(a);
    withNa.put(removed.id(), Answer.notApplicable());
    Map<String, Answer> without = new LinkedHashMap<>(a);
    without.remove(removed.id());
    Checklist.Builder b =
        Checklist.builder(c.id(), 2)
            .mode(c.mode())
            .bands(c.bands())
            .bonusAbove100(c.bonusAbove100());
    for (Section s : c.sections()) {
      List<Criterion> kept = new ArrayList<>(s.criteria());
      kept.remove(removed);
      b.section(Section.of(s.id(), s.name(), s.weight(), kept));
    }
    Checklist smaller = b.build();
    ScoreResult na = c.score(withNa);
    ScoreResult gone = smaller.score(without);
    assertEquals(gone.score(), na.score());
    assertEquals(gone.baseScore(), na.baseScore());
    assertEquals(gone.sections(), na.sections());
  }

  @Property(tries = 400)
  void raisingAnyAnswerNeverLowersTheScore(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
    List<Criterion> answered =
        c.criteria().stream()
            .filter(cr -> a.containsKey(cr.id()) && !a.get(cr.id()).isNotApplicable())
            .toList();
    Assume.that(!answered.isEmpty());
    Criterion cr = answered.get(r.nextInt(answered.size()));
    BigDecimal current =
        cr.scale().option(a.get(cr.id()).optionId().orElseThrow()).orElseThrow().points();
    List<AnswerOption> higher =
        cr.scale().options().stream().filter(o -> o.points().compareTo(current) >= 0).toList();
    AnswerOption up = higher.get(r.nextInt(higher.size()));
    Map<String, Answer> raised = new LinkedHashMap<>(a);
    raised.put(cr.id(), Answer.of(up.id()));
    ScoreResult before = c.score(a);
    ScoreResult after = c.score(raised);
    // Unscored (all N/A, or WEIGHTED_SECTIONS where every scored section weighs 0) stays unscored:
    // raising an answer changes no N/A.
    assertEquals(before.score().isPresent(), after.score().isPresent());
    Assume.that(before.score().isPresent());
    assertTrue(
        after.score().orElseThrow().compareTo(before.score().orElseThrow()) >= 0,
        () -> cr.id() + " raised to " + up + ": " + before.score() + " -> " + after.score());
  }

  @Property(tries = 300)
  void permutingSectionsAndCriteriaChangesNothing(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
    List<Section> sections = new ArrayList<>();
    for (Section s : c.sections()) {
      List<Criterion> shuffled = new ArrayList<>(s.criteria());
      Collections.shuffle(shuffled, r);
      sections.add(Section.of(s.id(), s.name(), s.weight(), shuffled));
    }
    Collections.shuffle(sections, r);
    Checklist.Builder b =
        Checklist.builder(c.id(), 2)
            .mode(c.mode())
            .bands(c.bands())
            .bonusAbove100(c.bonusAbove100());
    sections.forEach(b::section);
    ScoreResult original = c.score(a);
    ScoreResult permuted = b.build().score(a);
    assertEquals(original.score(), permuted.score());
    assertEquals(original.baseScore(), permuted.baseScore());
    assertEquals(original.band(), permuted.band());
    for (SectionScore s : original.sections()) {
      assertTrue(permuted.sections().contains(s));
    }
  }

  @Property(tries = 100)
  void largeWeightsAndDiverseScalesStayExact(@ForAll long seed) {
    // six sections with pairwise coprime scale maxima and maximal weights: the section
    // combination overflows 64 bits and must fall back to BigInteger without changing results
    Random r = new Random(seed);
    int[] maxima = {7, 11, 13, 17, 19, 23};
    Checklist.Builder b = Checklist.builder("big", 1).mode(ScoringMode.WEIGHTED_SECTIONS);
    int[] sectionWeights = {10, 20, 15, 25, 20, 10};
    for (int s = 0; s < maxima.length; s++) {
      b.section(
          Section.of(
              "s" + s,
              sectionWeights[s],
              List.of(
                  Criterion.builder("c" + s)
                      .weight(1_000_000)
                      .scale(Scale.range(0, maxima[s]))
                      .naAllowed(true)
                      .build())));
    }
    Checklist c = b.build();
    Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
    ScoreResult result = c.score(a);
    ScoringOracle.Expected expected = ScoringOracle.score(c, a);
    assertEquals(expected.score(), result.score());
    assertEquals(expected.base(), result.baseScore());
  }
}
