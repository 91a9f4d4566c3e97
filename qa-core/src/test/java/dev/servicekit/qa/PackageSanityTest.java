package dev.servicekit.qa;

import com.google.common.testing.NullPointerTester;
import dev.servicekit.qa.analytics.ErrorAnalysis;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.Trend;
import dev.servicekit.qa.calibration.Agreement;
import dev.servicekit.qa.calibration.Calibration;
import dev.servicekit.qa.calibration.ReliabilityData;
import dev.servicekit.qa.sampling.ReviewSampler;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guava testlib audit: every public entry point rejects null with NullPointerException. */
class PackageSanityTest {

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(Scale.class, Scale.binary())
        .setDefault(Checklist.class, ChecklistScoringTest.single(Criterion.builder("a").build()))
        .setDefault(BigDecimal.class, BigDecimal.ONE)
        .setDefault(List.class, List.of())
        .setDefault(java.util.Map.class, java.util.Map.of())
        .setDefault(java.time.ZoneId.class, java.time.ZoneId.of("UTC"))
        .setDefault(java.time.Instant.class, java.time.Instant.EPOCH)
        .setDefault(
            dev.servicekit.qa.analytics.ScoreSummary.class,
            new dev.servicekit.qa.analytics.ScoreSummary(3, 50, 1, 0.95, 1, 1))
        .setDefault(ReliabilityData.class, ReliabilityData.builder().build())
        .setDefault(
            dev.servicekit.qa.analytics.ShareEstimate.class,
            dev.servicekit.qa.analytics.ShareEstimate.wilson(1, 2, 0.95))
        .setDefault(
            dev.servicekit.qa.analytics.ScriptCompliance.class,
            dev.servicekit.qa.analytics.ScriptCompliance.of(List.of("a"), 0.9))
        .setDefault(java.util.function.Function.class, java.util.function.Function.identity())
        .setDefault(
            dev.servicekit.qa.analytics.OutcomeShares.class,
            dev.servicekit.qa.analytics.OutcomeShares.bands(
                dev.servicekit.qa.analytics.Granularity.WEEK,
                java.time.ZoneOffset.UTC,
                java.util.function.Function.identity()))
        .setDefault(ChecklistRegistry.class, new ChecklistRegistry())
        .setDefault(double[][].class, new double[][] {{1, 2}, {2, 3}});
  }

  @Test
  void publicStaticMethodsRejectNull() {
    for (Class<?> c :
        List.of(
            Scale.class,
            Answer.class,
            Criterion.class,
            Section.class,
            ScoreBands.class,
            Checklist.class,
            ChecklistJson.class,
            Evaluation.class,
            ErrorAnalysis.class,
            ScoreAggregator.class,
            Trend.class,
            Agreement.class,
            Calibration.class,
            ReliabilityData.class,
            ReviewSampler.class,
            dev.servicekit.qa.sampling.Allocation.class,
            EvaluationJson.class,
            Dispute.class,
            dev.servicekit.qa.analytics.ShareEstimate.class,
            dev.servicekit.qa.analytics.ScriptCompliance.class,
            dev.servicekit.qa.analytics.OutcomeShares.class)) {
      tester().testAllPublicStaticMethods(c);
    }
  }

  @Test
  void publicInstanceMethodsRejectNull() {
    tester().testAllPublicInstanceMethods(Scale.binary());
    tester().testAllPublicInstanceMethods(Criterion.builder("a"));
    tester().testAllPublicInstanceMethods(ScoreBands.builder());
    tester().testAllPublicInstanceMethods(ChecklistScoringTest.issueBands());
    tester().testAllPublicInstanceMethods(Checklist.builder("c", 1));
    tester().testAllPublicInstanceMethods(new ChecklistRegistry());
    tester()
        .testAllPublicInstanceMethods(
            ChecklistScoringTest.single(Criterion.builder("a").build()).compile());
    Checklist single = ChecklistScoringTest.single(Criterion.builder("a").build());
    tester()
        .setDefault(
            Dispute.class,
            Dispute.open("x", java.time.Instant.EPOCH, java.util.Optional.empty(), "r"))
        .testAllPublicInstanceMethods(
            Evaluation.of(
                single,
                "i",
                "a",
                "r",
                java.time.Instant.EPOCH,
                java.util.Map.of("a", Answer.of("yes"))));
    tester()
        .testAllPublicInstanceMethods(
            Dispute.open("x", java.time.Instant.EPOCH, java.util.Optional.empty(), "r"));
    tester()
        .testAllPublicInstanceMethods(
            dev.servicekit.qa.analytics.ScriptCompliance.of(List.of("a"), 0.9));
  }
}
