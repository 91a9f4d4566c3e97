package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreAggregator#teamSummaries}: the scores of a team's agents pooled per period, against
 * an oracle aggregator fed every score under its agent's team, and worked by hand.
 */
class TeamSummariesTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final LocalDate MON = LocalDate.of(2026, 3, 2);

  record Score(String agent, int day, double score) {}

  @Test
  void aTeamPoolsItsAgentsScoresPerPeriod() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, ZONE);
    a.add("ann", MON, 80);
    a.add("ann", MON.plusDays(2), 90);
    a.add("bob", MON.plusDays(4), 70);
    a.add("cid", MON, 100);
    a.add("ann", MON.plusDays(7), 60); // the next week
    Map<String, String> teams = Map.of("ann", "red", "bob", "red", "cid", "blue");
    SortedMap<GroupPeriod, ScoreSummary> out = a.teamSummaries(teams::get, 0.95, 5);
    assertEquals(
        List.of(
            new GroupPeriod("blue", MON),
            new GroupPeriod("red", MON),
            new GroupPeriod("red", MON.plusDays(7))),
        new ArrayList<>(out.keySet()));
    ScoreSummary red = out.get(new GroupPeriod("red", MON));
    // 80, 90, 70: mean 80, sample variance ((0 + 100 + 100) / 2) = 100, sd 10;
    // t(0.975, 2) = 4.302653 (any t table), half-width 4.302653 * 10 / sqrt(3) = 24.8414
    assertEquals(3, red.count());
    assertEquals(80, red.mean(), 1e-12);
    assertEquals(10, red.standardDeviation(), 1e-12);
    assertEquals(24.8414, red.halfWidth(), 1e-4);
    assertEquals(1, out.get(new GroupPeriod("blue", MON)).count());
    assertEquals(60, out.get(new GroupPeriod("red", MON.plusDays(7))).mean(), 0);
  }

  @Test
  void aMissingOrBlankTeamIsRefusedNamingTheAgent() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZONE);
    a.add("ann", MON, 80);
    byte[] before = a.toBytes();
    assertEquals(
        "team of agent 'ann'",
        assertThrows(NullPointerException.class, () -> a.teamSummaries(x -> null, 0.95, 5))
            .getMessage());
    assertEquals(
        "team ' ' of agent 'ann' must not be blank (empty, or only spaces and invisible format"
            + " characters)",
        assertThrows(IllegalArgumentException.class, () -> a.teamSummaries(x -> " ", 0.95, 5))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.teamSummaries(x -> "red", 1.0, 5));
    assertThrows(IllegalArgumentException.class, () -> a.teamSummaries(x -> "red", 0.95, -1));
    assertThrows(NullPointerException.class, () -> a.teamSummaries(null, 0.95, 5));
    assertArrayEquals(before, a.toBytes());
  }

  @Test
  void theTeamFunctionIsAskedOncePerAgent() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZONE);
    for (int d = 0; d < 10; d++) {
      a.add("ann", MON.plusDays(d), 50 + d);
    }
    int[] calls = {0};
    // A function that answers differently on each call would otherwise split one agent's periods.
    Function<String, String> flaky = x -> ++calls[0] == 1 ? "red" : "blue";
    SortedMap<GroupPeriod, ScoreSummary> out = a.teamSummaries(flaky, 0.95, 5);
    assertEquals(1, calls[0]);
    assertEquals(10, out.size());
    out.keySet().forEach(k -> assertEquals("red", k.group()));
  }

  @Provide
  Arbitrary<List<Score>> scores() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob", "cid", "dan", "eve"),
            Arbitraries.integers().between(0, 70),
            Arbitraries.doubles().between(0, 100).ofScale(2))
        .as(Score::new)
        .list()
        .ofMaxSize(200);
  }

  @Provide
  Arbitrary<Map<String, String>> teams() {
    return Arbitraries.of("red", "blue", "green")
        .list()
        .ofSize(5)
        .map(
            t -> {
              Map<String, String> m = new HashMap<>();
              String[] agents = {"ann", "bob", "cid", "dan", "eve"};
              for (int i = 0; i < agents.length; i++) {
                m.put(agents[i], t.get(i));
              }
              return m;
            });
  }

  @Property(tries = 300)
  void teamSummariesEqualAnAggregatorFedUnderTheTeam(
      @ForAll("scores") List<Score> scores,
      @ForAll("teams") Map<String, String> teams,
      @ForAll Granularity granularity) {
    ScoreAggregator byAgent = ScoreAggregator.create(granularity, ZONE);
    ScoreAggregator oracle = ScoreAggregator.create(granularity, ZONE);
    for (Score s : scores) {
      byAgent.add(s.agent(), MON.plusDays(s.day()), s.score());
      oracle.add(teams.get(s.agent()), MON.plusDays(s.day()), s.score());
    }
    SortedMap<GroupPeriod, ScoreSummary> actual = byAgent.teamSummaries(teams::get, 0.9, 3);
    SortedMap<AgentPeriod, ScoreSummary> expected = oracle.summaries(0.9, 3);
    assertEquals(expected.size(), actual.size());
    for (Map.Entry<AgentPeriod, ScoreSummary> e : expected.entrySet()) {
      ScoreSummary x = e.getValue();
      ScoreSummary y = actual.get(new GroupPeriod(e.getKey().agentId(), e.getKey().periodStart()));
      assertEquals(x.count(), y.count(), e.getKey().toString());
      assertEquals(x.mean(), y.mean(), 1e-9);
      assertEquals(x.standardDeviation(), y.standardDeviation(), 1e-6);
      assertEquals(x.halfWidth(), y.halfWidth(), 1e-6);
      if (Math.abs(x.halfWidth() - x.tolerance()) > 1e-6) { // else rounding may decide it
        assertEquals(x.reliable(), y.reliable());
      }
    }
  }
}
