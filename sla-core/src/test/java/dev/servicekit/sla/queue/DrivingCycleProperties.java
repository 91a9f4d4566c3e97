package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.MetricCycle;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link SlaUrgency#drivingCycle}: the cycle behind {@link SlaUrgency#of}'s deadline, against a
 * brute-force rule (sort the running cycles with a deadline by deadline, stable, take the first).
 */
class DrivingCycleProperties {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  /**
   * A cycle drawn from small numbers: its index, state, deadline minutes and whether it has one.
   */
  private static MetricCycle cycle(int index, int state, int minutes, boolean hasDeadline) {
    CycleState s = CycleState.values()[state % CycleState.values().length];
    // a breach may have stopped, or be open and running or paused
    boolean stopped =
        s == CycleState.ACHIEVED
            || s == CycleState.CANCELLED
            || (s == CycleState.BREACHED && minutes % 3 == 0);
    boolean running =
        s == CycleState.ACTIVE || (s == CycleState.BREACHED && !stopped && index % 2 == 0);
    Optional<Instant> deadline =
        hasDeadline ? Optional.of(NOW.plus(Duration.ofMinutes(minutes))) : Optional.empty();
    return new MetricCycle(
        index % 2 == 0 ? SlaMetric.firstResponse() : SlaMetric.resolution(),
        index,
        "",
        s,
        running,
        NOW.minus(Duration.ofHours(3)),
        stopped ? Optional.of(NOW.minusSeconds(60)) : Optional.empty(),
        Optional.of(Duration.ofHours(1)),
        deadline,
        s == CycleState.BREACHED ? deadline.or(() -> Optional.of(NOW)) : Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "standard");
  }

  private static SlaEvaluation evaluation(List<MetricCycle> cycles) {
    return new SlaEvaluation(
        "t1",
        NOW,
        "open",
        "standard",
        Optional.empty(),
        cycles,
        List.of(),
        List.of(),
        Optional.empty());
  }

  @Property(tries = 500)
  void theDrivingCycleIsTheFirstRunningCycleWithTheEarliestDeadline(
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 4) Integer> states,
      @ForAll @Size(max = 8) List<@IntRange(min = -120, max = 120) Integer> minutes,
      @ForAll @Size(max = 8) List<Boolean> deadlines) {
    int n = Math.min(states.size(), Math.min(minutes.size(), deadlines.size()));
    List<MetricCycle> cycles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // few distinct minutes, so that ties are common
      cycles.add(cycle(i, states.get(i), minutes.get(i) / 40 * 40, deadlines.get(i)));
    }
    SlaEvaluation e = evaluation(cycles);
    List<MetricCycle> candidates = new ArrayList<>();
    for (MetricCycle c : cycles) {
      if (c.running() && c.deadline().isPresent()) {
        candidates.add(c);
      }
    }
    candidates.sort((a, b) -> a.deadline().get().compareTo(b.deadline().get())); // stable
    Optional<MetricCycle> expected =
        candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    Optional<MetricCycle> actual = SlaUrgency.drivingCycle(e);
    assertEquals(expected.isPresent(), actual.isPresent());
    expected.ifPresent(c -> assertSame(c, actual.get()));
    assertEquals(SlaUrgency.of(e).deadline(), actual.flatMap(MetricCycle::deadline));
  }

  @Example
  void aBreachedRunningCycleDrivesBeforeAnActiveOne() {
    MetricCycle active = cycle(0, CycleState.ACTIVE.ordinal(), 40, true);
    MetricCycle late = cycle(2, CycleState.BREACHED.ordinal(), -40, true);
    assertTrue(late.running());
    assertSame(late, SlaUrgency.drivingCycle(evaluation(List.of(active, late))).orElseThrow());
    assertEquals(
        Optional.empty(),
        SlaUrgency.drivingCycle(
            evaluation(List.of(cycle(0, CycleState.PAUSED.ordinal(), 40, true)))));
    assertThrows(NullPointerException.class, () -> SlaUrgency.drivingCycle(null));
  }
}
