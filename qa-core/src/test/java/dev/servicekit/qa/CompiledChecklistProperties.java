package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.internal.CompiledScorer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CompiledChecklistProperties {

  @Property(tries = 1000)
  void compiledScoreEqualsFullEngineBitForBit(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    CompiledChecklist compiled = c.compile();
    for (int k = 0; k < 5; k++) {
      Map<String, Answer> a = RandomChecklists.randomAnswers(c, r);
      Optional<BigDecimal> expected = c.score(a).score();
      assertEquals(expected, compiled.score(compiled.indexAnswers(a)));
    }
  }

  @Property(tries = 300)
  void compiledScorerRejectsExactlyWhatTheEngineRejects(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist c = RandomChecklists.randomChecklist(r);
    CompiledChecklist compiled = c.compile();
    int[] answers = compiled.indexAnswers(RandomChecklists.randomAnswers(c, r));
    int i = r.nextInt(answers.length);
    Criterion cr = c.criteria().get(i);
    answers[i] = r.nextBoolean() ? CompiledChecklist.NOT_APPLICABLE : CompiledChecklist.UNANSWERED;
    boolean valid =
        answers[i] == CompiledChecklist.NOT_APPLICABLE ? cr.naAllowed() : !cr.required();
    if (valid) {
      compiled.scoreHundredths(answers);
    } else {
      assertThrows(IllegalArgumentException.class, () -> compiled.scoreHundredths(answers));
    }
  }

  @Property(tries = 2000)
  void roundHundredthsMatchesBigIntegerRounding(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long n,
      @ForAll @LongRange(min = 1, max = (1L << 61) - 1) long d) {
    long num = n % (2 * d);
    BigInteger expected =
        BigInteger.valueOf(num)
            .multiply(BigInteger.valueOf(20_000))
            .add(BigInteger.valueOf(d))
            .divide(BigInteger.valueOf(2 * d));
    assertEquals(expected.longValueExact(), CompiledScorer.roundHundredths(num, d));
  }

  @Test
  void formsWithoutSectionWeightingOrBonusAreAlwaysAllocationFree() {
    Random r = new Random(7);
    for (int k = 0; k < 300; k++) {
      Checklist c = RandomChecklists.randomChecklist(r);
      boolean sectioned =
          c.mode() == ScoringMode.WEIGHTED_SECTIONS
              || c.mode() == ScoringMode.WEIGHTED_SECTION_POINTS;
      if (!sectioned && c.criteria().stream().noneMatch(Criterion::bonus)) {
        assertTrue(c.compile().allocationFree(), c.toString());
      }
    }
  }

  @Test
  void fiveWeightedSectionsOfTenMixedCriteriaAreAllocationFree() {
    Scale[] scales = {Scale.binary(), Scale.threeLevel(), Scale.rating(5), Scale.range(0, 10)};
    for (ScoringMode mode :
        List.of(ScoringMode.WEIGHTED_SECTIONS, ScoringMode.WEIGHTED_SECTION_POINTS)) {
      Checklist.Builder b = Checklist.builder("c", 1).mode(mode);
      for (int s = 0; s < 5; s++) {
        List<Criterion> cs = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
          cs.add(Criterion.builder("s" + s + "c" + i).weight(5).scale(scales[i % 4]).build());
        }
        b.section(Section.of("s" + s, 20, cs));
      }
      assertTrue(b.build().compile().allocationFree(), mode.toString());
    }
  }

  @Test
  void wrongLengthAndUnknownOptionAreRejectedWithTheirIndex() {
    Checklist c =
        Checklist.builder("c", 1)
            .section(Section.of("s", 1, List.of(Criterion.builder("x").build())))
            .build();
    CompiledChecklist compiled = c.compile();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compiled.scoreHundredths(new int[2]));
    assertTrue(e.getMessage().contains("length 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> compiled.scoreHundredths(new int[] {5}));
    assertTrue(e.getMessage().contains("answers[0] = 5"), e.getMessage());
    assertEquals(0, compiled.criterionIndex("x"));
    assertEquals(1, compiled.optionIndex(0, "no"));
    assertThrows(IllegalArgumentException.class, () -> compiled.criterionIndex("y"));
    assertEquals(10_000, compiled.scoreHundredths(new int[] {0}));
  }
}
