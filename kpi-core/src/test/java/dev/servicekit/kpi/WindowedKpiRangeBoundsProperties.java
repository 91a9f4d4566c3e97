package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code range(group, from, to)} merges the panes whose start lies in {@code [from, to)}, also for
 * bounds with a sub-millisecond part: truncating them to milliseconds took a pane that starts just
 * before {@code from} and dropped one that starts just before {@code to}.
 */
class WindowedKpiRangeBoundsProperties {

  @Example
  void aPaneStartingHalfAMillisecondBeforeToIsInTheRange() {
    WindowedKpi<String, NpsAccumulator> k =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC), Duration.ZERO);
    Instant pane = Instant.parse("2026-12-07T10:00:00Z");
    k.recordInt("g", pane.plusSeconds(60), NpsAccumulator::add, 10);
    assertEquals(
        1, k.range("g", pane.minusSeconds(3600), pane.plusNanos(500_000)).result().responses());
    assertEquals(1, k.range("g", pane, pane.plusNanos(1)).result().responses());
  }

  @Example
  void aPaneStartingANanosecondBeforeFromIsNotInTheRange() {
    WindowedKpi<String, NpsAccumulator> k =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC), Duration.ZERO);
    Instant pane = Instant.parse("2026-12-07T10:00:00Z");
    k.recordInt("g", pane.plusSeconds(60), NpsAccumulator::add, 10);
    assertEquals(0, k.range("g", pane.plusNanos(1), pane.plusSeconds(7200)).result().responses());
    assertEquals(0, k.range("g", pane.plusNanos(1), pane.plusNanos(999_999)).result().responses());
  }

  /** Bounds beyond the epoch-millisecond range are clamped, not rounded past it. */
  @Example
  void theWidestRangeHoldsEveryPane() {
    WindowedKpi<String, NpsAccumulator> k =
        WindowedKpi.create(
            NpsAccumulator::create, WindowSpec.of(WindowUnit.DAY, ZoneOffset.UTC), Duration.ZERO);
    k.recordInt("g", WindowedKpi.SUPPORTED_START, NpsAccumulator::add, 0);
    k.recordInt("g", WindowedKpi.SUPPORTED_END.minusNanos(1), NpsAccumulator::add, 10);
    assertEquals(2, k.range("g", Instant.MIN, Instant.MAX).result().responses());
    assertEquals(0, k.range("g", Instant.MAX, Instant.MAX).result().responses());
    assertEquals(0, k.range("g", Instant.MIN, Instant.MIN).result().responses());
  }

  /** Any bounds, near pane starts to the nanosecond, against filtering the panes by start. */
  @Property(tries = 200)
  void rangeIsTheMergeOfThePanesStartingInFromTo(@ForAll Random r) {
    String[] zones = {"UTC", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu"};
    WindowSpec spec =
        WindowSpec.of(
            r.nextBoolean() ? WindowUnit.HOUR : WindowUnit.DAY,
            ZoneId.of(zones[r.nextInt(zones.length)]));
    WindowedKpi<String, NpsAccumulator> k =
        WindowedKpi.create(NpsAccumulator::create, spec, Duration.ofDays(30));
    // before 1970 too, where epoch milliseconds are negative
    Instant base = Instant.parse(r.nextBoolean() ? "2026-10-24T12:00:00Z" : "1969-12-30T12:00:00Z");
    for (int i = r.nextInt(40); i > 0; i--) {
      k.recordInt("g", base.plusSeconds(r.nextInt(3 * 86_400)), NpsAccumulator::add, r.nextInt(11));
    }
    Map<Instant, NpsAccumulator> panes = k.windows("g");
    List<Instant> starts = new ArrayList<>(panes.keySet());
    starts.add(base);
    for (int j = 0; j < 10; j++) {
      Instant from = near(r, starts.get(r.nextInt(starts.size())));
      Instant to = near(r, starts.get(r.nextInt(starts.size())));
      if (to.isBefore(from)) {
        Instant x = from;
        from = to;
        to = x;
      }
      NpsAccumulator expected = NpsAccumulator.create();
      for (Map.Entry<Instant, NpsAccumulator> p : panes.entrySet()) {
        if (!p.getKey().isBefore(from) && p.getKey().isBefore(to)) {
          expected.merge(p.getValue());
        }
      }
      assertEquals(
          expected.result(), k.range("g", from, to).result(), "[" + from + ", " + to + ")");
    }
  }

  private static Instant near(Random r, Instant t) {
    long[] nanos = {0, 1, -1, 500_000, -500_000, 999_999, -999_999, 1_000_000, -1_000_000};
    return t.plusNanos(nanos[r.nextInt(nanos.length)]);
  }
}
