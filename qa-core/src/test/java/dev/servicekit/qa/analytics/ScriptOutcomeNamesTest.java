package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Answer;
import dev.servicekit.qa.Checklist;
import dev.servicekit.qa.Criterion;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.Section;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * A script-compliance recorder has two outcomes, known before any evaluation: its shares list both
 * ({@code fail} at 0 in a team where every script passed, where the map had no {@code fail} and a
 * dashboard reading it met null), and its trends refuse another outcome name (a misspelt {@code
 * "passed"} read as no trend at all).
 */
class ScriptOutcomeNamesTest {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(Criterion.builder("greet").build(), Criterion.builder("solve").build())))
          .build();

  private static Evaluation passing(String agent, String day) {
    return Evaluation.of(
        CHECKLIST,
        "i-" + agent + day,
        agent,
        "rev",
        Instant.parse(day + "T12:00:00Z"),
        Map.of("greet", Answer.of("yes"), "solve", Answer.of("yes")));
  }

  private static OutcomeShares allPassing() {
    OutcomeShares shares =
        OutcomeShares.scriptCompliance(
            ScriptCompliance.of(CHECKLIST, List.of("greet"), 0.9),
            Granularity.WEEK,
            ZoneOffset.UTC,
            agent -> "red");
    shares.add(passing("ann", "2026-03-02"));
    shares.add(passing("ann", "2026-03-09"));
    return shares;
  }

  @Test
  void everyScriptOutcomeHasAShareAlsoWhenNoEvaluationHadIt() {
    OutcomeShares shares = allPassing();
    GroupPeriod red = new GroupPeriod("red", LocalDate.of(2026, 3, 2));
    SortedMap<String, ShareEstimate> row = shares.perTeam(0.95).get(red);
    assertEquals(List.of("fail", "pass"), List.copyOf(row.keySet()));
    assertEquals(0, row.get("fail").hits());
    assertEquals(1, row.get("fail").count());
    assertEquals(
        List.of("fail", "pass"),
        List.copyOf(shares.perAgent(0.95).get(new GroupPeriod("ann", red.periodStart())).keySet()));
    Trend failTrend =
        shares.teamTrends("fail", 0.95).get(new GroupPeriod("red", LocalDate.of(2026, 3, 9)));
    assertEquals(0.0, failTrend.delta());
  }

  @Test
  void aTrendOfAnOutcomeNoScriptHasIsRefusedNamingIt() {
    OutcomeShares shares = allPassing();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> shares.teamTrends("passed", 0.95));
    assertTrue(e.getMessage().contains("'passed'"), e.getMessage());
    assertTrue(e.getMessage().contains("[fail, pass]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> shares.agentTrends("PASS", 0.95));
  }

  @Test
  void bandRecordersStillTakeAnyBandName() {
    OutcomeShares bands = OutcomeShares.bands(Granularity.WEEK, ZoneOffset.UTC, agent -> "red");
    bands.add(passing("ann", "2026-03-02"));
    assertEquals(Map.of(), bands.teamTrends("green", 0.95));
  }
}
