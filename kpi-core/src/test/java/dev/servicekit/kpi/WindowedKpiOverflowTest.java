package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * An overflow of {@link WindowedKpi}'s dropped-late count or of a merged accumulator throws the
 * module's documented {@link ArithmeticException}, naming the count, and leaves the table exactly
 * as it was (before this, {@code merge} threw an {@link IllegalArgumentException} for the
 * dropped-late count and {@code record} a bare "long overflow").
 */
class WindowedKpiOverflowTest {

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);

  /** A table with one late event dropped, its dropped-late count then set to {@code dropped}. */
  private static WindowedKpi<String, DurationAccumulator> withDropped(long dropped)
      throws Exception {
    WindowedKpi<String, DurationAccumulator> kpi =
        WindowedKpi.create(DurationAccumulator::create, HOURLY, Duration.ZERO);
    kpi.recordLong("a", T0.plusSeconds(7200), DurationAccumulator::addMillis, 10);
    kpi.recordLong("a", T0.plusSeconds(60), DurationAccumulator::addMillis, 20); // late
    ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(kpi.toJson(k -> k));
    root.put("droppedLate", dropped);
    return WindowedKpi.fromJson(
        Resealed.json(root.toString()),
        DurationAccumulator::create,
        DurationAccumulator.class,
        k -> k);
  }

  @Test
  void mergeThrowsArithmeticExceptionWhenTheDroppedLateCountOverflowsAndChangesNothing()
      throws Exception {
    WindowedKpi<String, DurationAccumulator> kpi = withDropped(Long.MAX_VALUE - 1);
    WindowedKpi<String, DurationAccumulator> other = withDropped(2);
    other.recordLong("b", T0.plusSeconds(9000), DurationAccumulator::addMillis, 5);
    String before = kpi.toJson(k -> k);
    String otherBefore = other.toJson(k -> k);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> kpi.merge(other));
    assertEquals(
        "dropped-late count would overflow: 9223372036854775806 + 2 is outside the range of a"
            + " long",
        e.getMessage());
    assertEquals(before, kpi.toJson(k -> k));
    assertEquals(otherBefore, other.toJson(k -> k));
    assertEquals(Long.MAX_VALUE - 1, kpi.droppedLate());
    // a merge that fits still works afterwards
    WindowedKpi<String, DurationAccumulator> one = withDropped(1);
    kpi.merge(one);
    assertEquals(Long.MAX_VALUE, kpi.droppedLate());
  }

  @Test
  void mergeThrowsArithmeticExceptionWhenAMergedAccumulatorOverflowsAndChangesNothing() {
    WindowedKpi<String, DurationAccumulator> kpi =
        WindowedKpi.create(DurationAccumulator::create, HOURLY, Duration.ofHours(1));
    WindowedKpi<String, DurationAccumulator> other =
        WindowedKpi.create(DurationAccumulator::create, HOURLY, Duration.ofHours(1));
    kpi.recordLong("a", T0, DurationAccumulator::addMillis, Long.MAX_VALUE - 1);
    other.recordLong(
        "b", T0, DurationAccumulator::addMillis, 1); // a new group, merged first or not
    other.recordLong("a", T0.plusSeconds(60), DurationAccumulator::addMillis, 2);
    String before = kpi.toJson(k -> k);
    assertThrows(ArithmeticException.class, () -> kpi.merge(other));
    assertEquals(before, kpi.toJson(k -> k));
  }

  @Test
  void aLateEventThatWouldOverflowTheDroppedLateCountIsRejectedWithItsName() throws Exception {
    WindowedKpi<String, DurationAccumulator> kpi = withDropped(Long.MAX_VALUE);
    String before = kpi.toJson(k -> k);
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class,
            () -> kpi.recordLong("a", T0.plusSeconds(120), DurationAccumulator::addMillis, 30));
    assertEquals(
        "dropped-late count would overflow: 9223372036854775807 + 1 is outside the range of a"
            + " long",
        e.getMessage());
    assertEquals(before, kpi.toJson(k -> k));
  }
}
