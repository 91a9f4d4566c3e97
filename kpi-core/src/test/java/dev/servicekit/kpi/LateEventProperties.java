package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The late-event rule against a brute-force replay: an event is kept iff its window's end plus the
 * allowed lateness is after the running maximum event time (including itself); nothing is lost:
 * kept + dropped = all, and all-time sees every event.
 */
class LateEventProperties {

  private static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");

  @Provide
  Arbitrary<List<Instant>> times() {
    return Arbitraries.longs().between(0, 10 * 3600).map(BASE::plusSeconds).list().ofMaxSize(60);
  }

  @Property(tries = 200)
  void keptPlusDroppedIsEverythingAndKeptFollowsTheRule(
      @ForAll("times") List<Instant> times, @ForAll @IntRange(min = 0, max = 180) int latenessMin) {
    WindowSpec spec = WindowSpec.of(WindowUnit.HOUR, ZoneId.of("UTC"));
    Duration lateness = Duration.ofMinutes(latenessMin);
    WindowedKpi<String, OutcomeAccumulator> kpi =
        WindowedKpi.create(OutcomeAccumulator::create, spec, lateness);
    Map<Instant, Long> expectedKept = new HashMap<>();
    long expectedDropped = 0;
    Instant watermark = Instant.MIN;
    for (Instant t : times) {
      watermark = t.isAfter(watermark) ? t : watermark;
      Instant start = spec.start(t);
      boolean keep = spec.end(start).plus(lateness).isAfter(watermark);
      assertEquals(keep, kpi.record("g", t, a -> a.add(true)));
      if (keep) {
        expectedKept.merge(start, 1L, Long::sum);
      } else {
        expectedDropped++;
      }
    }
    assertEquals(expectedDropped, kpi.droppedLate());
    Map<Instant, Long> kept = new HashMap<>();
    kpi.windows("g").forEach((s, a) -> kept.put(s, a.result().positive()));
    assertEquals(expectedKept, kept);
    assertEquals(times.size(), kpi.allTime("g").result().positive());
  }
}
