package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.internal.CompiledScorer;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edges of the allocation-free scorer and of the engine's per-criterion results. */
class CompiledChecklistEdgesTest {

  @Test
  void anIndexOnePastTheLastOptionIsRefusedNamingTheRange() {
    Checklist c =
        Checklist.builder("c", 1)
            .section(Section.of("s", 1, List.of(Criterion.builder("x").build())))
            .build();
    CompiledChecklist compiled = c.compile();
    assertTrue(compiled.allocationFree());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compiled.scoreHundredths(new int[] {2}));
    assertEquals(
        "answers[0] = 2 is not an option index of criterion 'x' (0..1, -1 = N/A, -2 = unanswered)",
        e.getMessage());
    assertEquals(0, compiled.scoreHundredths(new int[] {1}));
  }

  @Test
  void everyCriterionNotApplicableIsUnscoredInEveryMode() {
    for (ScoringMode mode : ScoringMode.values()) {
      Criterion a = Criterion.builder("a").naAllowed(true).build();
      Criterion b = Criterion.builder("b").naAllowed(true).required(false).build();
      Checklist c =
          Checklist.builder("c", 1)
              .mode(mode)
              .section(Section.of("s1", 1, List.of(a)))
              .section(Section.of("s2", 3, List.of(b)))
              .build();
      CompiledChecklist compiled = c.compile();
      int[] none = {CompiledChecklist.NOT_APPLICABLE, CompiledChecklist.UNANSWERED};
      assertEquals(CompiledChecklist.UNSCORED, compiled.scoreHundredths(none), mode.toString());
      assertTrue(c.score(Map.of("a", Answer.notApplicable())).score().isEmpty(), mode.toString());
      // one answered section is enough
      assertEquals(
          10_000,
          compiled.scoreHundredths(new int[] {0, CompiledChecklist.UNANSWERED}),
          mode.toString());
    }
  }

  @Test
  void unknownOptionMessagesCutLongIdsToEightyCharacters() {
    Checklist c =
        Checklist.builder("c", 1)
            .section(Section.of("s", 1, List.of(Criterion.builder("x").build())))
            .build();
    CompiledChecklist compiled = c.compile();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> compiled.optionIndex(0, "o".repeat(80)));
    assertEquals(
        "answer '" + "o".repeat(80) + "' for criterion 'x' is not on its scale", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> compiled.optionIndex(0, "p".repeat(81)));
    assertEquals(
        "answer '" + "p".repeat(80) + "'…(81 chars) for criterion 'x' is not on its scale",
        e.getMessage());
  }

  @Test
  void fullMarksIsSetOnlyForTheTopOption() {
    Checklist c =
        Checklist.builder("c", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("x").scale(Scale.threeLevel()).build(),
                        Criterion.builder("y").scale(Scale.threeLevel()).build(),
                        Criterion.builder("z").scale(Scale.threeLevel()).build())))
            .build();
    ScoreResult r =
        c.score(Map.of("x", Answer.of("full"), "y", Answer.of("partial"), "z", Answer.of("none")));
    assertEquals(
        List.of(true, false, false),
        r.criteria().stream().map(CriterionResult::fullMarks).toList());
  }

  @Test
  void roundingCorrectsADoubleEstimateThatIsOneTooHighOrOneTooLow() {
    // Large numerators take the 128-bit path, whose quotient starts from a double estimate. The
    // pairs were found by search: 100 n / d just below 57.905 (estimate one too high), exactly
    // 145.51 with the estimate one too low, and exactly 100 with an exact estimate (the last two
    // make 20000 n + d an exact multiple of 2 d, so a product equal to it must not count as
    // greater).
    long[][] cases = {
      {76_738_194_848_941_631L, 132_524_298_158_952_821L, 5_790, +1},
      {126_762_384_301_347_893L, 87_118_919_831_860_000L, 14_551, -1},
      {21_989_133_290_779_879L, 21_990_232_802_420_000L, 10_000, 0}
    };
    for (long[] c : cases) {
      long n = c[0];
      long d = c[1];
      BigInteger x =
          BigInteger.valueOf(n).multiply(BigInteger.valueOf(20_000)).add(BigInteger.valueOf(d));
      long expected = x.divide(BigInteger.valueOf(2 * d)).longValueExact();
      assertEquals(c[2], expected);
      assertFalse(n <= (Long.MAX_VALUE - d) / 20_000, "takes the 128-bit path");
      assertEquals(expected + c[3], (long) ((20_000.0 * n + d) / (2.0 * d)), "the estimate");
      assertEquals(expected, CompiledScorer.roundHundredths(n, d), n + " / " + d);
    }
  }
}
