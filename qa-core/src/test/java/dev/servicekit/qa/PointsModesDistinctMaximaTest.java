package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The points modes add points, never fractions {@code points / maxPoints}, so they need no common
 * denominator of the scale maxima: a MaestroQA "total score" rubric whose questions are worth 2, 3,
 * 5, ..., 53 points (the least common multiple of those maxima is beyond a {@code long}) scores
 * like any other. It was refused as "cannot be scored exactly in 64-bit arithmetic ... too
 * diverse".
 */
class PointsModesDistinctMaximaTest {

  private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};

  @ParameterizedTest
  @EnumSource(
      value = ScoringMode.class,
      names = {"TOTAL_POINTS", "WEIGHTED_SECTION_POINTS", "GROUP_WEIGHTED_POINTS"})
  void questionsWorthSixteenDistinctPrimesOfPointsScoreByThePointsFormula(ScoringMode mode) {
    List<Criterion> first = new ArrayList<>();
    List<Criterion> second = new ArrayList<>();
    Map<String, Answer> answers = new HashMap<>();
    long earned = 0;
    long possible = 0;
    for (int i = 0; i < PRIMES.length; i++) {
      int p = PRIMES[i];
      Criterion c = Criterion.builder("q" + p).scale(Scale.range(0, p)).build();
      (i % 2 == 0 ? first : second).add(c);
      answers.put("q" + p, Answer.of(Integer.toString(p - 1)));
      earned += p - 1;
      possible += p;
    }
    // one section, so every points mode is earned / possible
    Checklist one =
        Checklist.builder("rubric", 1)
            .mode(mode)
            .section(Section.of("all", 1, first))
            .section(Section.of("rest", 0, second))
            .build();
    // the second section weighs 0: it counts only in TOTAL_POINTS
    long e = 0;
    long m = 0;
    for (Criterion c : mode == ScoringMode.TOTAL_POINTS ? concat(first, second) : first) {
      e += c.scale().maxPoints().longValueExact() - 1;
      m += c.scale().maxPoints().longValueExact();
    }
    BigDecimal expected =
        BigDecimal.valueOf(100 * e).divide(BigDecimal.valueOf(m), 2, RoundingMode.HALF_UP);
    assertEquals(expected, one.score(answers).score().orElseThrow());
    CompiledChecklist compiled = one.compile();
    assertEquals(
        expected.movePointRight(2).longValueExact(),
        compiled.scoreHundredths(compiled.indexAnswers(answers)));
    assertEquals(one, ChecklistJson.read(ChecklistJson.write(one)));
    // and the whole rubric in one section
    Checklist all =
        Checklist.builder("rubric", 2)
            .mode(mode)
            .section(Section.of("all", 1, concat(first, second)))
            .build();
    assertEquals(
        BigDecimal.valueOf(100 * earned)
            .divide(BigDecimal.valueOf(possible), 2, RoundingMode.HALF_UP),
        all.score(answers).score().orElseThrow());
  }

  @Test
  void weightedModesStillNameTheCriterionWhereTheCommonDenominatorOverflows() {
    List<Criterion> cs = new ArrayList<>();
    for (int p : PRIMES) {
      cs.add(Criterion.builder("q" + p).scale(Scale.range(0, p)).build());
    }
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                Checklist.builder("rubric", 1)
                    .mode(ScoringMode.WEIGHTED_CRITERIA)
                    .section(Section.of("all", 1, cs))
                    .build());
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("64-bit") && e.getMessage().contains("'q53'"), e.getMessage());
  }

  private static List<Criterion> concat(List<Criterion> a, List<Criterion> b) {
    List<Criterion> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
