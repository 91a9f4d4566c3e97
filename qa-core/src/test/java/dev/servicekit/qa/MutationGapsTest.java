package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Boundaries that mutation testing (PIT) showed no test pinned: each rule at exactly its limit, on
 * both sides where one side is legal.
 */
class MutationGapsTest {

  /** Bands start below 100: a second band at 100 (a band of one score) is refused. */
  @Test
  void aBandStartingAt100IsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreBands.builder().band("low", 0, "coach").band("top", 100, "none").build());
    assertTrue(e.getMessage().contains("must be < 100"), e.getMessage());
  }

  /** A critical criterion's pass mark is in (0, max]: 0 is refused, the smallest step taken. */
  @Test
  void aPassMarkOfZeroIsRefusedAndTheSmallestPositiveOneTaken() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Criterion.builder("c")
                    .name("C")
                    .scale(Scale.range(0, 10))
                    .criticality(Criticality.FAIL_FORM)
                    .passAt(BigDecimal.ZERO)
                    .build());
    assertTrue(e.getMessage().contains("must be in (0, 10]"), e.getMessage());
    Criterion ok =
        Criterion.builder("c")
            .name("C")
            .scale(Scale.range(0, 10))
            .criticality(Criticality.FAIL_FORM)
            .passAt(new BigDecimal("0.0001"))
            .build();
    assertEquals(0, new BigDecimal("0.0001").compareTo(ok.passAt()));
  }

  /** Four decimals are the limit of weights and points: exactly four are taken. */
  @Test
  void weightsAndPointsOfExactlyFourDecimalsAreTaken() {
    Criterion c =
        Criterion.builder("c")
            .name("C")
            .scale(Scale.binary())
            .weight(new BigDecimal("0.0001"))
            .build();
    assertEquals(0, new BigDecimal("0.0001").compareTo(c.weight()));
    AnswerOption o = new AnswerOption("x", new BigDecimal("0.0001"));
    assertEquals(0, new BigDecimal("0.0001").compareTo(o.points()));
    assertThrows(
        IllegalArgumentException.class, () -> new AnswerOption("x", new BigDecimal("0.00001")));
  }

  /** A numeric range may end at 1000, not beyond. */
  @Test
  void aRangeEndsAt1000AtMost() {
    assertEquals(1001, Scale.range(0, 1000).options().size());
    assertThrows(IllegalArgumentException.class, () -> Scale.range(0, 1001));
  }
}
