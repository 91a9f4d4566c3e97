package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bonus criteria whose scale maxima have a least common multiple near 10^18: the checklist scores
 * exactly (its bonus sums fit a long), and so must the compiled scorer, whose bonus denominator is
 * that multiple times 100, beyond a long (DocumentedScoringOracleProperties found a compiled score
 * of 26.00 where the checklist gave 18.27).
 */
class CompiledChecklistBonusScaleTest {

  /** A bonus criterion worth {@code weight} percentage points, full marks at {@code max} points. */
  private static Criterion bonus(String id, long weight, long max) {
    return Criterion.builder(id)
        .bonus(true)
        .required(false)
        .weight(weight)
        .scale(Scale.of(List.of(AnswerOption.of("top", max), AnswerOption.of("zero", 0))))
        .build();
  }

  private static Checklist checklist(boolean bonusAbove100) {
    // 10^9 = 2^9 5^9 and 999,999,999 = 3^4 37 333,667 are coprime: their lcm is about 10^18
    return Checklist.builder("bonus-lcm", 1)
        .bonusAbove100(bonusAbove100)
        .section(
            Section.of(
                "s",
                1,
                List.of(
                    Criterion.builder("greet").build(),
                    bonus("b1", 1, 1_000_000_000L),
                    bonus("b2", 0, 999_999_999L))))
        .build();
  }

  @Test
  void aBonusOnAnLcmNearALongScoresAsTheChecklistDoes() {
    // greet "no" scores 0 %; b1 at full marks adds its weight, 1 percentage point: 1.00
    Map<String, Answer> answers =
        Map.of("greet", Answer.of("no"), "b1", Answer.of("top"), "b2", Answer.of("top"));
    Checklist c = checklist(false);
    assertEquals(Optional.of(new BigDecimal("1.00")), c.score(answers).score());
    CompiledChecklist compiled = c.compile();
    assertEquals(100, compiled.scoreHundredths(compiled.indexAnswers(answers)));
  }

  @Test
  void aBonusAbove100OnAnLcmNearALongScoresAsTheChecklistDoes() {
    // greet "yes" scores 100 %, b1 adds 1 point above it: 101.00
    Map<String, Answer> answers = Map.of("greet", Answer.of("yes"), "b1", Answer.of("top"));
    Checklist c = checklist(true);
    assertEquals(Optional.of(new BigDecimal("101.00")), c.score(answers).score());
    CompiledChecklist compiled = c.compile();
    assertEquals(10_100, compiled.scoreHundredths(compiled.indexAnswers(answers)));
    // capped at 100 without bonusAbove100
    Checklist capped = checklist(false);
    CompiledChecklist cc = capped.compile();
    assertEquals(10_000, cc.scoreHundredths(cc.indexAnswers(answers)));
  }
}
