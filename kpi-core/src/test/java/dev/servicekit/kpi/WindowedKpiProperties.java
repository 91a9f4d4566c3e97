package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Windowed grouping against a brute-force oracle, in any arrival order. */
class WindowedKpiProperties {

  record Event(String group, Instant time, int score) {}

  private static final Instant BASE = Instant.parse("2026-03-27T00:00:00Z"); // spans Paris DST

  @Provide
  Arbitrary<List<Event>> events() {
    return Combinators.combine(
            Arbitraries.of("a", "b", "c"),
            Arbitraries.longs().between(0, 5L * 24 * 3600).map(BASE::plusSeconds),
            Arbitraries.integers().between(0, 10))
        .as(Event::new)
        .list()
        .ofMaxSize(80);
  }

  @Property(tries = 100)
  void everyWindowEqualsTheOracleWhateverTheArrivalOrder(
      @ForAll("events") List<Event> events, @ForAll WindowUnit unit, @ForAll long seed) {
    WindowSpec spec = WindowSpec.of(unit, ZoneId.of("Europe/Paris"));
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    // lateness covers the whole generated span: nothing is dropped
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(NpsAccumulator::create, spec, Duration.ofDays(40));
    for (Event e : shuffled) {
      kpi.recordInt(e.group(), e.time(), NpsAccumulator::add, e.score());
    }
    // oracle: brute-force window start by scanning local boundaries
    Map<String, Map<Instant, NpsAccumulator>> oracle = new HashMap<>();
    Map<String, NpsAccumulator> allTime = new HashMap<>();
    for (Event e : events) {
      Instant start = spec.start(e.time());
      if (!(start.compareTo(e.time()) <= 0 && spec.end(start).isAfter(e.time()))) {
        throw new AssertionError("window does not contain its event: " + e);
      }
      oracle
          .computeIfAbsent(e.group(), g -> new HashMap<>())
          .computeIfAbsent(start, s -> NpsAccumulator.create())
          .add(e.score());
      allTime.computeIfAbsent(e.group(), g -> NpsAccumulator.create()).add(e.score());
    }
    assertEquals(0, kpi.droppedLate());
    assertEquals(oracle.keySet(), kpi.groups());
    for (String g : oracle.keySet()) {
      Map<Instant, NpsAccumulator> windows = kpi.windows(g);
      assertEquals(oracle.get(g).keySet(), windows.keySet());
      oracle.get(g).forEach((s, acc) -> assertEquals(acc.result(), windows.get(s).result()));
      assertEquals(allTime.get(g).result(), kpi.allTime(g).result());
    }
  }

  private static void assertSameTable(
      WindowedKpi<String, NpsAccumulator> expected, WindowedKpi<String, NpsAccumulator> actual) {
    assertEquals(expected.groups(), actual.groups());
    assertEquals(expected.droppedLate(), actual.droppedLate());
    assertEquals(expected.watermark(), actual.watermark());
    for (String g : expected.groups()) {
      assertEquals(expected.allTime(g).result(), actual.allTime(g).result());
      Map<Instant, NpsAccumulator> e = expected.windows(g);
      Map<Instant, NpsAccumulator> a = actual.windows(g);
      assertEquals(e.keySet(), a.keySet());
      e.forEach((s, acc) -> assertEquals(acc.result(), a.get(s).result()));
    }
  }

  @Property(tries = 100)
  void checkpointRoundTripsAreIdentityAndTheRestoredTableKeepsWorking(
      @ForAll("events") List<Event> events,
      @ForAll("events") List<Event> more,
      @ForAll WindowUnit unit) {
    WindowSpec spec = WindowSpec.of(unit, ZoneId.of("Europe/Paris"));
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(NpsAccumulator::create, spec, Duration.ofHours(6));
    events.forEach(e -> kpi.recordInt(e.group(), e.time(), NpsAccumulator::add, e.score()));
    byte[] bytes = kpi.toBytes(g -> g);
    assertSameTable(
        kpi, WindowedKpi.fromBytes(bytes, NpsAccumulator::create, NpsAccumulator.class, k -> k));
    String json = kpi.toJson(g -> g);
    WindowedKpi<String, NpsAccumulator> restored =
        WindowedKpi.fromJson(json, NpsAccumulator::create, NpsAccumulator.class, k -> k);
    assertSameTable(kpi, restored);
    assertEquals(json, restored.toJson(g -> g));
    for (Event e : more) {
      assertEquals(
          kpi.recordInt(e.group(), e.time(), NpsAccumulator::add, e.score()),
          restored.recordInt(e.group(), e.time(), NpsAccumulator::add, e.score()));
    }
    assertSameTable(kpi, restored);
  }
}
