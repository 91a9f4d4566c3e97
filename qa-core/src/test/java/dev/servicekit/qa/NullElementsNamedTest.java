package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.qa.analytics.CriterionErrors;
import dev.servicekit.qa.analytics.ErrorAnalysis;
import dev.servicekit.qa.analytics.ErrorPattern;
import dev.servicekit.qa.analytics.ScriptCompliance;
import dev.servicekit.qa.calibration.Agreement;
import dev.servicekit.qa.calibration.AlphaMetric;
import dev.servicekit.qa.calibration.Calibration;
import dev.servicekit.qa.calibration.ReviewerDeviation;
import dev.servicekit.qa.sampling.ReviewSample;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null element of a list or array argument, or a null component, is refused naming it with its
 * index, as a null argument is: these escaped as the JVM's own message ({@code because "e" is
 * null}, {@code "counts[i]" is null}) or as a bare {@code "evaluation"}, whichever element it was.
 */
class NullElementsNamedTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 100, List.of(Criterion.builder("greet").build())))
          .build();

  private static final Evaluation EVALUATION =
      Evaluation.of(
          CHECKLIST, "i1", "agent-1", "lead", Instant.EPOCH, Map.of("greet", Answer.of("yes")));

  private static void named(String expected, Executable call) {
    assertEquals(expected, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void nullEvaluationsInASessionOrAnalysisAreNamedByIndex() {
    List<Evaluation> oneNull = Arrays.asList((Evaluation) null);
    named("evaluations[0]", () -> Calibration.deviationsFromReference(oneNull, "lead"));
    named("evaluations[0]", () -> Calibration.alphaPerCriterion(oneNull, AlphaMetric.NOMINAL));
    List<Evaluation> secondNull = Arrays.asList(EVALUATION, null);
    named("evaluations[1]", () -> Calibration.deviationsFromReference(secondNull, "lead"));
    named("evaluations[1]", () -> ErrorAnalysis.defaults().analyse(secondNull));
    named(
        "evaluations[1]",
        () -> ScriptCompliance.of(CHECKLIST, List.of("greet"), 0.9).share(secondNull, 0.95));
  }

  @Test
  void nullRowsOfFleissCountsAreNamedByIndex() {
    named("counts[1]", () -> Agreement.fleissKappa(new int[][] {{1, 1}, null}));
    named("counts[0]", () -> Agreement.fleissKappa(new int[][] {null, {1, 1}}));
  }

  @Test
  void nullComponentsOfResultRecordsAreNamed() {
    named("items", () -> new ReviewSample<String>(null, 0, false, Map.of(), Map.of()));
    named(
        "items[1]",
        () ->
            new ReviewSample<>(
                Arrays.asList("a", null), 2, false, Map.of("all", 2), Map.of("all", 2)));
    named("agentErrorShares", () -> new CriterionErrors("c", 0, 0, 0, 0, ErrorPattern.NONE, null));
    named("criteria", () -> new ReviewerDeviation("ann", 0, Double.NaN, Double.NaN, null));
  }
}
