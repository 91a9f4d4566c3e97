package dev.servicekit.examples;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.ChecklistJson;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Criticality;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Scale;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.ScoringMode;
import dev.servicekit.qa.Section;
import dev.servicekit.qa.analytics.CriterionErrors;
import dev.servicekit.qa.analytics.ErrorAnalysis;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.calibration.Agreement;
import dev.servicekit.qa.calibration.AlphaMetric;
import dev.servicekit.qa.calibration.ReliabilityData;
import dev.servicekit.qa.sampling.Allocation;
import dev.servicekit.qa.sampling.ReviewSample;
import dev.servicekit.qa.sampling.ReviewSampler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Runnable tour of qa-core: checklist, scoring, bands, analytics, calibration and sampling. */
public final class QaExample {
  private QaExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Checklist checklist =
        Checklist.builder("inbound-calls", 1)
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(
                Section.of(
                    "opening",
                    30,
                    List.of(
                        Criterion.builder("greet").build(),
                        Criterion.builder("good-time").naAllowed(true).build())))
            .section(
                Section.of(
                    "resolution",
                    70,
                    List.of(
                        Criterion.builder("verify").criticality(Criticality.FAIL_FORM).build(),
                        Criterion.builder("solution").weight(3).scale(Scale.rating(5)).build())))
            .bands(
                ScoreBands.builder()
                    .band("remove", 0, "removed from customer work until re-certified")
                    .band("train", 45, "keeps working, trained on the criteria failed")
                    .band("fine", 76, "none")
                    .build())
            .build();
    System.out.println(ChecklistJson.write(checklist));

    Random random = new Random(1);
    String[] options = {"1", "2", "3", "4", "5"};
    List<Evaluation> evaluations = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, Answer> answers = new LinkedHashMap<>();
      answers.put("greet", Answer.of(random.nextInt(4) == 0 ? "no" : "yes"));
      answers.put("good-time", Answer.notApplicable());
      answers.put("verify", Answer.of(random.nextInt(20) == 0 ? "no" : "yes"));
      answers.put("solution", Answer.of(options[2 + random.nextInt(3)]));
      evaluations.add(
          Evaluation.of(
              checklist,
              "call-" + i,
              "agent-" + (i % 5),
              "reviewer-" + (i % 2),
              Instant.parse("2026-03-02T09:00:00Z").plusSeconds(3600L * i),
              answers));
    }
    Evaluation first = evaluations.get(0);
    System.out.printf(
        Locale.ROOT,
        "call-0: score %s, band %s%n",
        first.result().score().orElseThrow(),
        first.result().band().orElseThrow().action());

    ScoreAggregator weekly = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("Europe/Berlin"));
    evaluations.forEach(weekly::add);
    weekly
        .summaries(0.95, 5)
        .forEach(
            (k, s) ->
                System.out.printf(
                    Locale.ROOT,
                    "%s week of %s: n=%d mean=%.2f +-%.2f %s%n",
                    k.agentId(),
                    k.periodStart(),
                    s.count(),
                    s.mean(),
                    s.halfWidth(),
                    s.reliable() ? "" : "(too few evaluations to trust)"));

    for (CriterionErrors e : ErrorAnalysis.defaults().analyse(evaluations)) {
      System.out.printf(
          Locale.ROOT,
          "%s: compliance %.1f %%, %s%n",
          e.criterionId(),
          e.compliancePercent(),
          e.pattern());
    }

    double[][] calibration = {{1, 2, 3, 3, 2}, {1, 2, 3, 3, 3}, {1, 2, 2, 3, 2}};
    System.out.printf(
        Locale.ROOT,
        "calibration alpha (ordinal): %.3f%n",
        Agreement.krippendorffAlpha(
            ReliabilityData.ofReviewersByItems(calibration), AlphaMetric.ORDINAL));

    ReviewSample<Evaluation> sample =
        ReviewSampler.builder()
            .capacity(70)
            .allocation(Allocation.minimumPerStratum(5))
            .build()
            .sample(evaluations, Evaluation::agentId, 2026L);
    System.out.println("review sample per agent: " + sample.allocation());
  }
}
