package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link OutcomeShares} takes revisions and retractions exactly: the recorder equals one fed only
 * the live evaluations in their last state (the brute-force oracle), whatever the order, and a
 * refused call changes nothing. Counts are exact, so the comparisons are too.
 */
class OutcomeSharesRevisionProperties {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Function<String, String> TEAM = a -> a.endsWith("0") ? "red" : "blue";

  private static OutcomeShares recorder() {
    return OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM);
  }

  /** What a caller can observe of a recorder. */
  private static String state(OutcomeShares s) {
    return s.perAgent(0.95) + "|" + s.perTeam(0.95) + "|" + s.skipped();
  }

  /** Per evaluation: first points, revised points (or none: -2), retracted at the end or not. */
  record Plan(int points, int revisedPoints, boolean retract) {}

  @Provide
  Arbitrary<List<Plan>> plans() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.integers().between(-1, 100),
            Arbitraries.integers().between(-2, 100),
            Arbitraries.of(false, false, true))
        .as(Plan::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void equalsARecorderFedOnlyTheLiveEvaluationsInTheirLastState(
      @ForAll("plans") List<Plan> plans, @ForAll long seed) {
    OutcomeShares shares = recorder();
    OutcomeShares oracle = recorder();
    List<Runnable> calls = new ArrayList<>();
    List<List<Runnable>> perEvaluation = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Plan p = plans.get(i);
      Evaluation e =
          PointsEvaluations.of(
              "call-" + i, "agent-" + i % 4, T0.plusSeconds(86_400L * i), p.points());
      Evaluation last =
          p.revisedPoints() == -2 ? e : PointsEvaluations.revised(e, p.revisedPoints());
      List<Runnable> mine = new ArrayList<>();
      mine.add(() -> shares.add(e));
      if (last != e) {
        mine.add(() -> shares.revise(e, last));
      }
      if (p.retract()) {
        mine.add(() -> shares.retract(last));
      } else {
        oracle.add(last);
      }
      perEvaluation.add(mine);
    }
    // a random interleaving that keeps each evaluation's own calls in order
    Random random = new Random(seed);
    List<Integer> next = new ArrayList<>();
    perEvaluation.forEach(x -> next.add(0));
    int left = perEvaluation.stream().mapToInt(List::size).sum();
    while (left-- > 0) {
      int i;
      do {
        i = random.nextInt(perEvaluation.size());
      } while (next.get(i) == perEvaluation.get(i).size());
      calls.add(perEvaluation.get(i).get(next.get(i)));
      next.set(i, next.get(i) + 1);
    }
    calls.forEach(Runnable::run);
    assertEquals(state(oracle), state(shares));
  }

  @Property(tries = 200)
  void aRefusedCallChangesNothing(@ForAll("plans") List<Plan> plans) {
    OutcomeShares shares = recorder();
    List<Evaluation> added = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      Evaluation e =
          PointsEvaluations.of(
              "call-" + i, "agent-" + i % 4, T0.plusSeconds(3_600L * i), plans.get(i).points());
      if (plans.get(i).retract()) {
        shares.add(e);
        added.add(e);
      }
    }
    String before = state(shares);
    Evaluation stranger = PointsEvaluations.of("call-x", "agent-9", T0.plusSeconds(999_999), 70);
    assertThrows(IllegalArgumentException.class, () -> shares.retract(stranger));
    assertThrows(
        IllegalArgumentException.class,
        () -> shares.revise(stranger, PointsEvaluations.revised(stranger, 10)));
    if (added.size() >= 2) {
      assertThrows(IllegalArgumentException.class, () -> shares.revise(added.get(0), added.get(1)));
      Evaluation v1 = PointsEvaluations.revised(added.get(0), 20);
      assertThrows(IllegalArgumentException.class, () -> shares.revise(v1, added.get(0)));
    }
    assertEquals(before, state(shares));
  }

  @Test
  void anUpheldDisputeMovesTheEvaluationToItsNewBand() {
    Evaluation low = PointsEvaluations.of("call-1", "agent-1", T0, 40);
    Evaluation high = PointsEvaluations.disputedAndRevised(low, 80);
    OutcomeShares shares = recorder();
    shares.add(low);
    shares.revise(low, high);
    OutcomeShares oracle = recorder();
    oracle.add(high);
    assertEquals(state(oracle), state(shares));
    assertEquals(1, shares.perAgent(0.95).values().iterator().next().get("high").count());
  }

  @Test
  void retractionsAreExactAndNamedWhenRefused() {
    Evaluation e = PointsEvaluations.of("call-1", "agent-1", T0, 40);
    Evaluation na = PointsEvaluations.of("call-2", "agent-1", T0, -1);
    OutcomeShares shares = recorder();
    String empty = state(shares);
    assertTrue(shares.add(e));
    assertFalse(shares.add(na));
    assertTrue(shares.retract(e));
    assertFalse(shares.retract(na));
    assertEquals(empty, state(shares));
    assertEquals(
        "cannot retract Evaluation[call-1, agent=agent-1, reviewer=rev, points v1, score=40.00]: no"
            + " evaluation of agent 'agent-1' in the WEEK starting 2026-03-02 was counted as 'low'",
        assertThrows(IllegalArgumentException.class, () -> shares.retract(e)).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> shares.retract(na))
            .getMessage()
            .endsWith("it has no outcome, and no evaluation without one was counted"));
  }
}
