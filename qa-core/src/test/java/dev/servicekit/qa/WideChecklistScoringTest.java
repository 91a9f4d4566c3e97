package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.internal.ScoringEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checklists whose worst-case sums do not fit 64 bits (large, coprime scale maxima across weighted
 * sections, or large bonus scales): {@link CompiledChecklist} takes its exact {@code BigInteger}
 * path and must still agree with the full engine and with {@link ScoringOracle}.
 */
class WideChecklistScoringTest {

  // primes near 10^5 and 10^9: coprime maxima make the common denominators large
  private static final long[] MAXIMA = {99_991, 99_989, 100_003, 999_999_937, 1_000_000_007};

  @Test
  void wideChecklistsTakeTheExactSlowPathAndAgreeWithTheEngineAndTheOracle() {
    Random r = new Random(20261205);
    int slow = 0;
    int scored = 0;
    int unscored = 0;
    int capped = 0;
    int autoFailed = 0;
    int refused = 0;
    for (int t = 0; t < 300; t++) {
      Checklist c;
      try {
        c = wideChecklist(r);
      } catch (IllegalArgumentException tooLarge) {
        // refused by the engine's own 64-bit bound (a public exception type, the internal one its
        // cause): nothing to compare
        assertTrue(tooLarge.getCause() instanceof ScoringEngine.TooLarge, tooLarge.toString());
        assertEquals(IllegalArgumentException.class, tooLarge.getClass());
        refused++;
        continue;
      }
      CompiledChecklist compiled = c.compile();
      if (compiled.allocationFree()) {
        continue;
      }
      slow++;
      for (int k = 0; k < 6; k++) {
        Map<String, Answer> a = answers(c, r);
        Optional<BigDecimal> engine = c.score(a).score();
        assertEquals(ScoringOracle.score(c, a).score(), engine, c + " " + a);
        Optional<BigDecimal> fast = compiled.score(compiled.indexAnswers(a));
        assertEquals(engine, fast, c + " " + a);
        if (engine.isEmpty()) {
          unscored++;
        } else {
          scored++;
          capped += engine.get().compareTo(BigDecimal.valueOf(100)) == 0 ? 1 : 0;
          autoFailed += c.score(a).autoFailed() ? 1 : 0;
        }
      }
    }
    // the generator reaches every branch of the slow path, not just one
    assertTrue(slow >= 150, "slow checklists: " + slow + ", refused: " + refused);
    assertTrue(scored >= 500 && unscored >= 20, scored + " scored, " + unscored + " unscored");
    assertTrue(capped >= 20 && autoFailed >= 20, capped + " capped, " + autoFailed + " failed");
  }

  @Test
  void theSlowPathRejectsBadAnswersLikeTheFastPath() {
    Criterion strict =
        Criterion.builder("strict").scale(scale("s", MAXIMA[3])).naAllowed(false).build();
    Criterion optional =
        Criterion.builder("optional").scale(scale("o", MAXIMA[4])).required(false).build();
    Criterion bonus =
        Criterion.builder("extra").scale(scale("b", MAXIMA[3])).bonus(true).required(false).build();
    Checklist c =
        Checklist.builder("wide", 1)
            .mode(ScoringMode.TOTAL_POINTS)
            .section(Section.of("s", 1, List.of(strict, optional, bonus)))
            .build();
    CompiledChecklist compiled = c.compile();
    assertFalse(compiled.allocationFree());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> compiled.scoreHundredths(new int[] {CompiledChecklist.NOT_APPLICABLE, 0, 0}));
    assertEquals("criterion 'strict' does not allow N/A (answers[0])", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> compiled.scoreHundredths(new int[] {0, 3, 0}));
    assertEquals(
        "answers[1] = 3 is not an option index of criterion 'optional' (0..2, -1 = N/A, -2 ="
            + " unanswered)",
        e.getMessage());
    // the last option index is valid; a skipped optional criterion and bonus count as N/A
    // strict: full (999999937 of 999999937); optional: 0 of 1000000007 -> 49.99999...
    assertEquals(5_000, compiled.scoreHundredths(new int[] {0, 2, CompiledChecklist.UNANSWERED}));
    assertEquals(10_000, compiled.scoreHundredths(new int[] {0, CompiledChecklist.UNANSWERED, 0}));
    // bonus answered with full marks on top of 50 %: 50 + weight 1 point
    assertEquals(5_100, compiled.scoreHundredths(new int[] {0, 2, 0}));
  }

  private static Scale scale(String prefix, long max) {
    return Scale.of(
        List.of(
            AnswerOption.of(prefix + "full", max),
            AnswerOption.of(prefix + "part", max / 3),
            AnswerOption.of(prefix + "none", 0)));
  }

  private static Checklist wideChecklist(Random r) {
    ScoringMode mode = ScoringMode.values()[r.nextInt(ScoringMode.values().length)];
    Checklist.Builder b = Checklist.builder("wide", 1).mode(mode).bonusAbove100(r.nextInt(3) == 0);
    int sections = 2 + r.nextInt(3);
    // criterion-weighted modes multiply the lcm of all maxima by a weight: two primes near 10^5
    // keep that within the engine's bound; the points modes take the primes near 10^9 too
    boolean byWeight =
        mode == ScoringMode.WEIGHTED_CRITERIA || mode == ScoringMode.WEIGHTED_SECTIONS;
    long[] pool =
        byWeight
            ? new long[] {MAXIMA[r.nextInt(3)], MAXIMA[r.nextInt(3)]}
            : new long[] {MAXIMA[3 + r.nextInt(2)], MAXIMA[r.nextInt(MAXIMA.length)]};
    int id = 0;
    for (int s = 0; s < sections; s++) {
      List<Criterion> cs = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        long max = pool[r.nextInt(pool.length)];
        List<AnswerOption> opts = new ArrayList<>();
        opts.add(AnswerOption.of("top", max));
        opts.add(AnswerOption.of("zero", 0));
        for (int o = 0; o < 2; o++) {
          opts.add(AnswerOption.of("o" + o, 1 + (long) (r.nextDouble() * (max - 1))));
        }
        Criterion.Builder cb =
            Criterion.builder("c" + id++)
                .scale(Scale.of(opts))
                .weight(1 + r.nextInt(100))
                .naAllowed(r.nextInt(3) > 0);
        if (i > 0 && r.nextInt(4) == 0) {
          cb.bonus(true).required(false);
        } else if (r.nextInt(4) == 0) {
          cb.criticality(r.nextBoolean() ? Criticality.FAIL_FORM : Criticality.FAIL_SECTION)
              .passAt(BigDecimal.valueOf(max));
        }
        cs.add(cb.build());
      }
      b.section(Section.of("s" + s, s > 0 && r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(100), cs));
    }
    return b.build();
  }

  private static Map<String, Answer> answers(Checklist c, Random r) {
    Map<String, Answer> m = new LinkedHashMap<>();
    boolean sparse = r.nextInt(4) == 0;
    for (Criterion cr : c.criteria()) {
      if (cr.naAllowed() && (sparse || r.nextInt(6) == 0)) {
        m.put(cr.id(), Answer.notApplicable());
      } else {
        List<AnswerOption> opts = cr.scale().options();
        int k = r.nextInt(3) == 0 ? 0 : r.nextInt(opts.size());
        m.put(cr.id(), Answer.of(opts.get(k).id()));
      }
    }
    return m;
  }
}
