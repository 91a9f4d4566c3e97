package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.ScoreBands;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComplianceAndSharesTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("disclose").naAllowed(true).build(),
                      Criterion.builder("solve").weight(2).build())))
          .bands(ScoreBands.builder().band("low", 0, "coach").band("high", 75, "none").build())
          .build();

  private static Evaluation eval(
      String agent, String day, String greet, String disclose, String solve) {
    return Evaluation.of(
        CHECKLIST,
        "i-" + agent + day + greet + disclose + solve,
        agent,
        "rev",
        Instant.parse(day + "T12:00:00Z"),
        Map.of(
            "greet", Answer.of(greet),
            "disclose", disclose == null ? Answer.notApplicable() : Answer.of(disclose),
            "solve", Answer.of(solve)));
  }

  // Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison
  // of seven methods", Statistics in Medicine 17, 857-872, Table I, method 3 (Wilson score).
  @ParameterizedTest
  @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0, 0.1611"})
  void wilsonIntervalMatchesNewcombe1998(long hits, long n, double lower, double upper) {
    ShareEstimate s = ShareEstimate.wilson(hits, n, 0.95);
    assertEquals(lower, s.lower(), 5e-5);
    assertEquals(upper, s.upper(), 5e-5);
  }

  // Newcombe, R. G. (1998), "Interval estimation for the difference between independent
  // proportions: comparison of eleven methods", Statistics in Medicine 17, 873-890, Table II,
  // example (a) 56/70 - 48/80, method 10 (hybrid score): 0.0524 to 0.3339.
  @Test
  void shareTrendMatchesNewcombeHybridScoreInterval() {
    Trend t =
        Trend.betweenShares(
            ShareEstimate.wilson(48, 80, 0.95), ShareEstimate.wilson(56, 70, 0.95), 0.95);
    assertEquals(0.2, t.delta(), 1e-12);
    assertEquals(0.0524, t.lower(), 5e-5);
    assertEquals(0.3339, t.upper(), 5e-5);
    assertEquals(Trend.Direction.UP, t.direction());
    assertEquals(
        Trend.Direction.INSUFFICIENT_DATA,
        Trend.betweenShares(
                ShareEstimate.wilson(0, 0, 0.95), ShareEstimate.wilson(1, 2, 0.95), 0.95)
            .direction());
  }

  @Test
  void scriptCompliancePassesOnlyWithFullMarksOnEveryApplicableScriptCriterion() {
    ScriptCompliance script = ScriptCompliance.of(List.of("greet", "disclose"), 0.9);
    assertEquals(Optional.of(true), script.passes(eval("a", "2026-01-05", "yes", "yes", "no")));
    assertEquals(Optional.of(true), script.passes(eval("a", "2026-01-05", "yes", null, "no")));
    assertEquals(Optional.of(false), script.passes(eval("a", "2026-01-05", "no", "yes", "yes")));
    ScriptCompliance onlyDisclose = ScriptCompliance.of(List.of("disclose"), 0.9);
    assertEquals(Optional.empty(), onlyDisclose.passes(eval("a", "2026-01-05", "yes", null, "no")));
    List<Evaluation> evals = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      evals.add(eval("a", "2026-01-0" + (i % 5 + 1), "yes", "yes", i % 2 == 0 ? "yes" : "no"));
    }
    evals.add(eval("b", "2026-01-05", "no", "yes", "yes"));
    ShareEstimate share = script.share(evals, 0.95);
    assertEquals(9, share.hits());
    assertEquals(10, share.count());
    assertTrue(script.meetsTarget(share));
    assertFalse(script.clearlyBelowTarget(share));
    assertThrows(IllegalArgumentException.class, () -> ScriptCompliance.of(List.of(), 0.9));
    assertThrows(IllegalArgumentException.class, () -> ScriptCompliance.of(List.of("x"), 1.5));
  }

  @Test
  void bandSharesPerAgentAndTeamWithTrendFromThePreviousPeriod() {
    Map<String, String> teams = Map.of("ann", "red", "bob", "red", "cid", "blue");
    OutcomeShares shares = OutcomeShares.bands(Granularity.WEEK, ZoneOffset.UTC, teams::get);
    // week of 2026-01-05: ann 1 high 3 low; week of 2026-01-12: ann 4 high
    shares.add(eval("ann", "2026-01-05", "yes", "yes", "yes"));
    for (int i = 0; i < 3; i++) {
      shares.add(eval("ann", "2026-01-06", "no", "no", "no"));
    }
    for (int i = 0; i < 4; i++) {
      shares.add(eval("ann", "2026-01-13", "yes", "yes", "yes"));
    }
    shares.add(eval("bob", "2026-01-13", "no", "yes", "no"));
    shares.add(eval("cid", "2026-01-13", "yes", "yes", "yes"));
    SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> agents = shares.perAgent(0.95);
    LocalDate w1 = LocalDate.parse("2026-01-05");
    LocalDate w2 = LocalDate.parse("2026-01-12");
    assertEquals(0.25, agents.get(new GroupPeriod("ann", w1)).get("high").share(), 1e-12);
    assertEquals(1.0, agents.get(new GroupPeriod("ann", w2)).get("high").share(), 1e-12);
    assertEquals(0.0, agents.get(new GroupPeriod("cid", w2)).get("low").share(), 1e-12);
    SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> teamShares = shares.perTeam(0.95);
    ShareEstimate redWeek2 = teamShares.get(new GroupPeriod("red", w2)).get("high");
    assertEquals(4, redWeek2.hits());
    assertEquals(5, redWeek2.count());
    Trend annHigh = shares.agentTrends("high", 0.95).get(new GroupPeriod("ann", w2));
    assertEquals(0.75, annHigh.delta(), 1e-12);
    assertEquals(1, shares.agentTrends("high", 0.95).size(), "only ann has two periods");
    assertEquals(
        0.8 - 0.25, shares.teamTrends("high", 0.95).get(new GroupPeriod("red", w2)).delta(), 1e-12);
  }

  @Test
  void scriptComplianceSharesSkipEvaluationsWithoutApplicableScriptCriteriaAndMerge() {
    ScriptCompliance script = ScriptCompliance.of(List.of("disclose"), 0.9);
    OutcomeShares a =
        OutcomeShares.scriptCompliance(script, Granularity.MONTH, ZoneOffset.UTC, x -> "t");
    OutcomeShares b =
        OutcomeShares.scriptCompliance(script, Granularity.MONTH, ZoneOffset.UTC, x -> "t");
    assertTrue(a.add(eval("ann", "2026-01-05", "yes", "yes", "yes")));
    assertFalse(a.add(eval("ann", "2026-01-05", "yes", null, "yes")));
    assertTrue(b.add(eval("ann", "2026-01-20", "yes", "no", "yes")));
    a.merge(b);
    assertEquals(1, a.skipped());
    ShareEstimate pass =
        a.perTeam(0.95)
            .get(new GroupPeriod("t", LocalDate.parse("2026-01-01")))
            .get(OutcomeShares.PASS);
    assertEquals(1, pass.hits());
    assertEquals(2, pass.count());
  }
}
