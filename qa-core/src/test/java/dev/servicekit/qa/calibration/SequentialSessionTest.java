package dev.servicekit.qa.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.CountingSequentialList;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Calibration}'s two statistics are {@code O(evaluations * criteria)}, but checked the
 * session's checklist version by index: a {@link java.util.LinkedList} of evaluations was read in
 * {@code O(n^2)} steps. A list that counts the evaluations stepped over tells it without a clock.
 */
class SequentialSessionTest {

  @Test
  void aLinkedSessionIsReadInLinearSteps() {
    Checklist checklist =
        Checklist.builder("calls", 1)
            .section(Section.of("s", 100, List.of(Criterion.builder("greet").build())))
            .build();
    List<Evaluation> session = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      for (String reviewer : List.of("lead", "ann", "bob")) {
        session.add(
            Evaluation.of(
                checklist,
                "call-" + i,
                "agent",
                reviewer,
                Instant.EPOCH,
                Map.of("greet", Answer.of((i + reviewer.length()) % 3 == 0 ? "no" : "yes"))));
      }
    }
    int n = session.size();
    CountingSequentialList<Evaluation> linked = new CountingSequentialList<>(session);
    List<ReviewerDeviation> deviations = Calibration.deviationsFromReference(linked, "lead");
    assertTrue(linked.steps() <= 10L * n, linked.steps() + " steps for " + n + " evaluations");
    assertEquals(Calibration.deviationsFromReference(session, "lead"), deviations);
    linked = new CountingSequentialList<>(session);
    Map<String, Double> alpha = Calibration.alphaPerCriterion(linked, AlphaMetric.NOMINAL);
    assertTrue(linked.steps() <= 10L * n, linked.steps() + " steps for " + n + " evaluations");
    assertEquals(Calibration.alphaPerCriterion(session, AlphaMetric.NOMINAL), alpha);
  }
}
