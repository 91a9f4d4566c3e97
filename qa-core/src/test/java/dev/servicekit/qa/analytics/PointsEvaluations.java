package dev.servicekit.qa.analytics;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Dispute;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluations whose score is a chosen number of points (0..100), or none (N/A), for the revision
 * tests: one criterion on {@code Scale.range(0, 100)} in {@code TOTAL_POINTS} mode, bands "low"
 * below 50 and "high" from 50.
 */
final class PointsEvaluations {

  static final Checklist CHECKLIST =
      Checklist.builder("points", 1)
          .mode(ScoringMode.TOTAL_POINTS)
          .section(
              Section.of(
                  "s",
                  100,
                  List.of(
                      Criterion.builder("points")
                          .scale(Scale.range(0, 100))
                          .naAllowed(true)
                          .build())))
          .bands(ScoreBands.builder().band("low", 0, "coach").band("high", 50, "none").build())
          .build();

  static final Checklist CHECKLIST_V2 =
      Checklist.builder("points", 2)
          .mode(ScoringMode.TOTAL_POINTS)
          .section(
              Section.of(
                  "s",
                  100,
                  List.of(
                      Criterion.builder("points")
                          .scale(Scale.range(0, 100))
                          .naAllowed(true)
                          .build())))
          .bands(ScoreBands.builder().band("low", 0, "coach").band("high", 50, "none").build())
          .build();

  private PointsEvaluations() {}

  /** Points 0..100, or -1 for N/A (no score). */
  static Map<String, Answer> answer(int points) {
    return Map.of("points", points < 0 ? Answer.notApplicable() : Answer.of(points + ""));
  }

  static Evaluation of(String interaction, String agent, Instant at, int points) {
    return Evaluation.of(CHECKLIST, interaction, agent, "rev", at, answer(points));
  }

  /** The evaluation re-answered, as a QA lead does after an upheld dispute. */
  static Evaluation revised(Evaluation e, int points) {
    Instant at =
        e.revisions().isEmpty()
            ? e.evaluatedAt()
            : e.revisions().get(e.revisions().size() - 1).revisedAt();
    return e.revise(
        CHECKLIST, answer(points), Map.of(), "qa-lead", at.plusSeconds(60), "dispute upheld");
  }

  /** An upheld dispute of the whole evaluation, then the revision it asks for. */
  static Evaluation disputedAndRevised(Evaluation e, int points) {
    Instant raised = e.evaluatedAt().plusSeconds(30);
    Dispute d =
        Dispute.open("agent", raised, Optional.empty(), "the caller hung up")
            .resolve(Dispute.Status.UPHELD, "qa-lead", raised.plusSeconds(10));
    return revised(e.withDispute(d, CHECKLIST), points);
  }
}
