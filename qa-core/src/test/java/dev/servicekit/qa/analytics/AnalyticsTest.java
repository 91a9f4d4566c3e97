package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class AnalyticsTest {

  // Zendesk QA, "Understanding Zendesk QA Reviews dashboard calculations": IQS is the average of
  // review scores; reviews 100 %, 9.91 %, 63.96 %, 90.99 %, 0 % give IQS 52.97 %.
  @Test
  void zendeskIqsIsTheMeanOfReviewScores() {
    ScoreAccumulator acc = new ScoreAccumulator();
    for (double s : new double[] {100, 9.91, 63.96, 90.99, 0}) {
      acc.add(s);
    }
    ScoreSummary summary = acc.summary(0.95, 5);
    assertEquals(52.97, Math.round(summary.mean() * 100) / 100.0, 1e-9);
    assertFalse(summary.reliable(), "5 widely spread reviews cannot be trusted to +-5 points");
  }

  @Test
  void studentTIntervalForThreeScores() {
    // mean 80, s = 10, t(0.975, 2) = 4.303 (NIST table) -> half-width 4.303 * 10 / sqrt(3) = 24.84
    ScoreAccumulator acc = new ScoreAccumulator();
    acc.add(70);
    acc.add(80);
    acc.add(90);
    ScoreSummary s = acc.summary(0.95, 5);
    assertEquals(80, s.mean(), 1e-12);
    assertEquals(10, s.standardDeviation(), 1e-12);
    assertEquals(24.84, s.halfWidth(), 0.01);
    assertFalse(s.reliable());
  }

  @Test
  void singleScoreIsNeverReliable() {
    ScoreAccumulator acc = new ScoreAccumulator();
    acc.add(90);
    ScoreSummary s = acc.summary(0.95, 100);
    assertTrue(Double.isInfinite(s.halfWidth()));
    assertFalse(s.reliable());
    assertThrows(IllegalStateException.class, () -> new ScoreAccumulator().summary(0.95, 1));
    assertThrows(IllegalArgumentException.class, () -> acc.summary(1.0, 1));
  }

  static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  100,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("verify").build(),
                      Criterion.builder("close").build())))
          .build();

  static Evaluation eval(String agent, String day, String greet, String verify, String close) {
    return Evaluation.of(
        CHECKLIST,
        agent + day + greet + verify + close,
        agent,
        "rev",
        Instant.parse(day + "T10:00:00Z"),
        Map.of("greet", Answer.of(greet), "verify", Answer.of(verify), "close", Answer.of(close)));
  }

  @Test
  void aggregatesPerAgentPerDayAndWeek() {
    List<Evaluation> evs =
        List.of(
            eval("ann", "2026-03-02", "yes", "yes", "yes"), // Monday, 100
            eval("ann", "2026-03-02", "yes", "no", "no"), // 33.33
            eval("ann", "2026-03-04", "yes", "yes", "no"), // Wednesday, 66.67
            eval("bob", "2026-03-09", "no", "no", "no")); // next Monday, 0
    ScoreAggregator daily = ScoreAggregator.create(Granularity.DAY, ZoneId.of("UTC"));
    ScoreAggregator weekly = ScoreAggregator.create(Granularity.WEEK, ZoneId.of("UTC"));
    evs.forEach(daily::add);
    evs.forEach(weekly::add);
    SortedMap<AgentPeriod, ScoreSummary> d = daily.summaries(0.95, 10);
    assertEquals(3, d.size());
    assertEquals(
        (100 + 33.33) / 2, d.get(new AgentPeriod("ann", LocalDate.of(2026, 3, 2))).mean(), 1e-9);
    SortedMap<AgentPeriod, ScoreSummary> w = weekly.summaries(0.95, 10);
    ScoreSummary annWeek = w.get(new AgentPeriod("ann", LocalDate.of(2026, 3, 2)));
    assertEquals(3, annWeek.count());
    assertEquals((100 + 33.33 + 66.67) / 3, annWeek.mean(), 1e-9);
    assertEquals(1, w.get(new AgentPeriod("bob", LocalDate.of(2026, 3, 9))).count());
  }

  @Test
  void trendDirections() {
    ScoreAccumulator low = new ScoreAccumulator();
    ScoreAccumulator high = new ScoreAccumulator();
    ScoreAccumulator noisy = new ScoreAccumulator();
    for (int i = 0; i < 30; i++) {
      low.add(60 + (i % 3));
      high.add(80 + (i % 3));
      noisy.add(i % 2 == 0 ? 20 : 100);
    }
    assertEquals(
        Trend.Direction.UP,
        Trend.between(low.summary(0.95, 5), high.summary(0.95, 5), 0.95).direction());
    assertEquals(
        Trend.Direction.DOWN,
        Trend.between(high.summary(0.95, 5), low.summary(0.95, 5), 0.95).direction());
    assertEquals(
        Trend.Direction.FLAT,
        Trend.between(noisy.summary(0.95, 5), noisy.summary(0.95, 5), 0.95).direction());
    ScoreAccumulator one = new ScoreAccumulator();
    one.add(50);
    assertEquals(
        Trend.Direction.INSUFFICIENT_DATA,
        Trend.between(one.summary(0.95, 5), high.summary(0.95, 5), 0.95).direction());
  }

  @Test
  void systemicVersusIndividualErrors() {
    List<Evaluation> evs = new ArrayList<>();
    // greet missed by 3 of 4 agents (systemic), verify missed by 1 agent (individual)
    evs.add(eval("a1", "2026-03-02", "no", "yes", "yes"));
    evs.add(eval("a2", "2026-03-02", "no", "yes", "yes"));
    evs.add(eval("a3", "2026-03-02", "no", "no", "yes"));
    evs.add(eval("a4", "2026-03-02", "yes", "yes", "yes"));
    List<CriterionErrors> r = ErrorAnalysis.defaults().analyse(evs);
    assertEquals("greet", r.get(0).criterionId());
    assertEquals(ErrorPattern.SYSTEMIC, r.get(0).pattern());
    assertEquals(25.0, r.get(0).compliancePercent(), 1e-12);
    assertEquals(ErrorPattern.INDIVIDUAL, r.get(1).pattern());
    assertEquals(List.of("a3"), r.get(1).agentsAtOrAbove(0.2));
    assertEquals(ErrorPattern.NONE, r.get(2).pattern());
    assertEquals(100.0, r.get(2).compliancePercent(), 1e-12);
    // a stricter systemic threshold turns greet into an individual error
    assertEquals(ErrorPattern.INDIVIDUAL, ErrorAnalysis.of(0.2, 0.8).analyse(evs).get(0).pattern());
  }
}
