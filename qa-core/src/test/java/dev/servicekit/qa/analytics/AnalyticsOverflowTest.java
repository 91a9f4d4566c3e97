package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analytics recorders' counts never wrap: a count that would overflow a {@code long} (reached
 * by repeated merges, or restored from a snapshot) throws {@link ArithmeticException} naming it,
 * like kpi-core's accumulators, and leaves the recorder exactly as it was. Before this, {@link
 * ScoreAccumulator}, {@link ScoreAggregator} and {@link OutcomeShares} wrapped silently.
 */
class AnalyticsOverflowTest {

  private static final LocalDate DAY = LocalDate.parse("2026-01-05");

  @Test
  void scoreAccumulatorAddAndMergeThrowAtTheCountsLimitAndChangeNothing() {
    ScoreAccumulator full = ScoreAccumulator.restore(Long.MAX_VALUE, 80, 0);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> full.add(90));
    assertEquals(
        "score count would overflow: 9223372036854775807 + 1 > Long.MAX_VALUE", e.getMessage());
    assertEquals(Long.MAX_VALUE, full.count());
    assertEquals(80.0, full.mean());

    ScoreAccumulator half = ScoreAccumulator.restore(1L << 62, 70, 5);
    assertThrows(ArithmeticException.class, () -> half.merge(half));
    assertEquals(1L << 62, half.count());
    assertEquals(70.0, half.mean());
    assertEquals(5.0, half.m2());
  }

  @Test
  void scoreAggregatorMergeValidatesEveryCellBeforeChangingAny() {
    ScoreAggregator agg = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    agg.add("ann", DAY, 80); // a cell that would fit
    agg.add("bob", DAY, 60);
    for (int i = 0; i < 62; i++) { // bob's count doubles to 2^62, ann's too
      agg.merge(agg);
    }
    agg.add("cid", DAY, 50);
    byte[] before = agg.toBytes();
    ScoreAggregator other = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    other.add("cid", DAY, 40);
    other.merge(agg); // cid: 2^0 + 2^0, ann and bob: 2^62 each, all fit
    assertThrows(ArithmeticException.class, () -> agg.merge(other));
    assertArrayEquals(before, agg.toBytes());
    assertThrows(ArithmeticException.class, () -> agg.merge(agg));
    assertArrayEquals(before, agg.toBytes());
  }

  @Test
  void aScoreAggregatorLeavesNoEmptyCellForARejectedScore() {
    ScoreAggregator agg = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    assertThrows(IllegalArgumentException.class, () -> agg.add("ann", DAY, Double.NaN));
    assertTrue(agg.summaries(0.95, 1).isEmpty()); // an empty cell would throw "no scores added"
  }

  /** A one-criterion checklist with two bands (shared with {@link ZoneAliasMergeTest}). */
  static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .bands(ScoreBands.builder().band("low", 0, "coach").band("high", 75, "none").build())
          .build();

  static Evaluation eval(String agent, String answer) {
    return Evaluation.of(
        CHECKLIST,
        "i-" + agent + answer,
        agent,
        "rev",
        Instant.parse("2026-01-05T12:00:00Z"),
        Map.of("greet", Answer.of(answer)));
  }

  @Test
  void outcomeSharesMergeThrowsAtTheCountsLimitAndChangesNothing() {
    OutcomeShares shares = OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, a -> "red");
    shares.add(eval("ann", "yes"));
    shares.add(eval("bob", "no"));
    for (int i = 0; i < 61; i++) { // red's total doubles to 2^62, ann's and bob's to 2^61
      shares.merge(shares);
    }
    OutcomeShares other = OutcomeShares.bands(Granularity.DAY, ZoneOffset.UTC, a -> "red");
    other.add(eval("cid", "yes"));
    other.merge(shares); // red 2^62 + 1
    var agentsBefore = shares.perAgent(0.95);
    var teamsBefore = shares.perTeam(0.95);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> shares.merge(other));
    assertTrue(e.getMessage().startsWith("evaluation count of "), e.getMessage());
    assertEquals(agentsBefore, shares.perAgent(0.95));
    assertEquals(teamsBefore, shares.perTeam(0.95));
    assertThrows(ArithmeticException.class, () -> shares.merge(shares)); // red: 2^62 + 2^62
    assertEquals(teamsBefore, shares.perTeam(0.95));
  }
}
