package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link MetricCycle#id()} is the metric's text form, {@code #} and the index, and {@link
 * MetricCycle#hasId(String)} answers exactly {@code id.equals(id())} without building it, for every
 * kind of metric and for texts that differ from the id in any one place.
 */
class CycleIdProperties {

  @Provide
  Arbitrary<SlaMetric> metrics() {
    Arbitrary<String> names = Arbitraries.of("analysis", "a", "waiting for customer", "x#1");
    return Arbitraries.oneOf(
        Arbitraries.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.periodicUpdate(),
            SlaMetric.resolution(),
            SlaMetric.answerTime()),
        names.filter(n -> !n.contains("#")).map(SlaMetric::stage),
        names.filter(n -> !n.contains("#")).map(SlaMetric::custom));
  }

  @Property(tries = 500)
  void hasIdIsEqualityWithTheId(
      @ForAll("metrics") SlaMetric metric,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cycle,
      @ForAll("metrics") SlaMetric other,
      @ForAll @IntRange(min = 0, max = 3) int edit) {
    MetricCycle c = cycle(metric, cycle);
    String id = c.id();
    assertEquals(metric + "#" + cycle, id);
    assertEquals(true, c.hasId(id));
    List<String> near =
        List.of(
            id + "0",
            metric + "#0" + cycle,
            metric + "#" + ((long) cycle + 1),
            metric + "#-" + cycle,
            "x" + id.substring(1),
            id.replace('#', '$'),
            id.substring(0, id.length() - 1),
            other + "#" + cycle,
            metric + "#" + cycle + "#" + edit,
            metric + "##" + cycle,
            "");
    for (String s : near) {
      assertEquals(s.equals(id), c.hasId(s), s);
    }
  }

  private static MetricCycle cycle(SlaMetric metric, int index) {
    return new MetricCycle(
        metric,
        index,
        "",
        CycleState.ACTIVE,
        true,
        Instant.parse("2026-03-02T09:00:00Z"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "p");
  }
}
