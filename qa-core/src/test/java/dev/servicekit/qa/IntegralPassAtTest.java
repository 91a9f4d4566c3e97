package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Criterion.Builder.passAt(long)} takes a whole pass mark as {@code weight(long)} takes a
 * whole weight, so the README's {@code passAt(1)} and {@code passAt(2)} compile as written; it is
 * the {@code BigDecimal} form, rules and messages included.
 */
class IntegralPassAtTest {

  private static Criterion solve(Criterion.Builder b) {
    return b.scale(Scale.rating(5)).criticality(Criticality.FAIL_FORM).build();
  }

  @Test
  void integralPassAtIsTheDecimalOne() {
    assertEquals(
        solve(Criterion.builder("solve").passAt(BigDecimal.valueOf(2))),
        solve(Criterion.builder("solve").passAt(2)));
  }

  @Test
  void ratingsBelowAnIntegralPassAtFailTheForm() {
    Checklist checklist =
        Checklist.builder("calls", 1)
            .section(
                Section.of(
                    "s",
                    1,
                    List.of(
                        Criterion.builder("greet").build(),
                        solve(Criterion.builder("solve").weight(3).passAt(2)))))
            .build();
    Instant at = Instant.parse("2026-03-08T14:00:00Z");
    Evaluation passes =
        Evaluation.of(
            checklist,
            "i-1",
            "ann",
            "rev",
            at,
            Map.of("greet", Answer.of("yes"), "solve", Answer.of("3")));
    Evaluation fails =
        Evaluation.of(
            checklist,
            "i-2",
            "ann",
            "rev",
            at,
            Map.of("greet", Answer.of("yes"), "solve", Answer.of("2")));
    assertEquals(new BigDecimal("62.50"), passes.result().score().orElseThrow());
    assertEquals(new BigDecimal("0.00"), fails.result().score().orElseThrow());
  }

  @Test
  void anIntegralPassAtOutsideTheScaleIsRefusedAsTheDecimalOneIs() {
    IllegalArgumentException decimal =
        assertThrows(
            IllegalArgumentException.class,
            () -> solve(Criterion.builder("solve").passAt(BigDecimal.valueOf(9))));
    IllegalArgumentException integral =
        assertThrows(
            IllegalArgumentException.class, () -> solve(Criterion.builder("solve").passAt(9)));
    assertEquals(decimal.getMessage(), integral.getMessage());
  }
}
