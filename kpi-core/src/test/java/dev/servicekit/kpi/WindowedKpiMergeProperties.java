package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Shards of a windowed KPI merge window by window into what one node computes. */
class WindowedKpiMergeProperties {

  record Event(String group, Instant time, int score, int shard) {}

  private static final Instant BASE = Instant.parse("2026-03-20T00:00:00Z"); // spans Paris DST
  private static final WindowSpec DAILY = WindowSpec.of(WindowUnit.DAY, ZoneId.of("Europe/Paris"));

  @Provide
  Arbitrary<List<Event>> events() {
    return Combinators.combine(
            Arbitraries.of("a", "b", "c"),
            Arbitraries.longs().between(0, 20L * 24 * 3600).map(BASE::plusSeconds),
            Arbitraries.integers().between(0, 10),
            Arbitraries.integers().between(0, 2))
        .as(Event::new)
        .list()
        .ofMaxSize(120);
  }

  private static Map<String, Object> state(WindowedKpi<String, NpsAccumulator> kpi) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String g : List.of("a", "b", "c")) {
      Map<Instant, Object> ws = new LinkedHashMap<>();
      kpi.windows(g).forEach((s, a) -> ws.put(s, a.result()));
      out.put(g + ".windows", ws);
      out.put(g + ".allTime", kpi.allTime(g).result());
    }
    out.put("watermark", kpi.watermark());
    out.put("droppedLate", kpi.droppedLate());
    return out;
  }

  /**
   * Each shard sees its own events in time order (a partitioned stream); one node sees all events
   * in time order. Whatever the allowed lateness, the merged shards equal the one node: every
   * window, every all-time value, the watermark and the dropped count.
   */
  @Property(tries = 150)
  void shardsMergedEqualOneNodeAtAnyLateness(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 0, max = 72) int latenessHours,
      @ForAll boolean snapshotInBetween) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(Event::time));
    Duration lateness = Duration.ofHours(latenessHours);
    WindowedKpi<String, NpsAccumulator> one =
        WindowedKpi.create(NpsAccumulator::create, DAILY, lateness);
    List<WindowedKpi<String, NpsAccumulator>> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shards.add(WindowedKpi.create(NpsAccumulator::create, DAILY, lateness));
    }
    for (Event e : sorted) {
      one.recordInt(e.group(), e.time(), NpsAccumulator::add, e.score());
      shards.get(e.shard()).recordInt(e.group(), e.time(), NpsAccumulator::add, e.score());
    }
    WindowedKpi<String, NpsAccumulator> merged = shards.get(0);
    for (int i = 1; i < 3; i++) {
      WindowedKpi<String, NpsAccumulator> other = shards.get(i);
      if (snapshotInBetween) { // the shard travels to the merging node as a checkpoint
        other =
            WindowedKpi.fromBytes(
                other.toBytes(s -> s), NpsAccumulator::create, NpsAccumulator.class, s -> s);
      }
      merged.merge(other);
    }
    assertEquals(state(one), state(merged));
  }

  /**
   * With events out of order on each shard, each shard decides its own late drops by its own
   * watermark; the merge then loses nothing: every merged window is the sum of the shards' windows,
   * the all-time values add up, the dropped counts add up and the watermark is the latest.
   */
  @Property(tries = 100)
  void mergeOfShardsWithLateEventsIsTheSumOfTheirWindows(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 0, max = 72) int latenessHours) {
    Duration lateness = Duration.ofHours(latenessHours);
    List<WindowedKpi<String, NpsAccumulator>> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shards.add(WindowedKpi.create(NpsAccumulator::create, DAILY, lateness));
    }
    for (Event e : events) { // generated order: out of order
      shards.get(e.shard()).recordInt(e.group(), e.time(), NpsAccumulator::add, e.score());
    }
    Map<String, long[]> expected = new java.util.TreeMap<>();
    long dropped = 0;
    Optional<Instant> watermark = Optional.empty();
    for (WindowedKpi<String, NpsAccumulator> k : shards) {
      for (String g : List.of("a", "b", "c")) {
        k.windows(g).forEach((st, a) -> add(expected, g + "@" + st, a.result()));
        add(expected, g + "@all", k.allTime(g).result());
      }
      dropped += k.droppedLate();
      if (k.watermark().isPresent()
          && (watermark.isEmpty() || k.watermark().get().isAfter(watermark.get()))) {
        watermark = k.watermark();
      }
    }
    WindowedKpi<String, NpsAccumulator> merged = shards.get(0);
    merged.merge(shards.get(1));
    merged.merge(shards.get(2));
    Map<String, long[]> actual = new java.util.TreeMap<>();
    for (String g : List.of("a", "b", "c")) {
      merged.windows(g).forEach((st, a) -> add(actual, g + "@" + st, a.result()));
      add(actual, g + "@all", merged.allTime(g).result());
    }
    assertEquals(toString(expected), toString(actual));
    assertEquals(dropped, merged.droppedLate());
    assertEquals(watermark, merged.watermark());
  }

  private static void add(Map<String, long[]> m, String key, NpsResult r) {
    long[] v = m.computeIfAbsent(key, k -> new long[3]);
    v[0] += r.promoters();
    v[1] += r.passives();
    v[2] += r.detractors();
  }

  private static String toString(Map<String, long[]> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append('=').append(java.util.Arrays.toString(v)).append('\n'));
    return sb.toString();
  }

  /**
   * The case re-recording got wrong: shard A is a day ahead, so with 1 h lateness every earlier
   * window of shard B is closed on A; merging keeps all of them.
   */
  @Test
  void aShardBehindKeepsEveryWindowWhenMergedIntoOneAhead() {
    Duration lateness = Duration.ofHours(1);
    WindowedKpi<String, NpsAccumulator> a =
        WindowedKpi.create(NpsAccumulator::create, DAILY, lateness);
    WindowedKpi<String, NpsAccumulator> b =
        WindowedKpi.create(NpsAccumulator::create, DAILY, lateness);
    for (int d = 0; d < 18; d++) {
      b.recordInt(
          "team", BASE.plus(Duration.ofDays(d)).plusSeconds(36_000), NpsAccumulator::add, 9);
    }
    a.recordInt("team", BASE.plus(Duration.ofDays(19)), NpsAccumulator::add, 10);
    a.merge(b);
    assertEquals(19, a.windows("team").size());
    assertEquals(0, a.droppedLate());
    assertEquals(Optional.of(BASE.plus(Duration.ofDays(19))), a.watermark());
    assertEquals(19, a.allTime("team").result().responses());
  }

  @Test
  void mergeRejectsAnotherSpecAndLeavesTheTableUnchanged() {
    WindowedKpi<String, NpsAccumulator> a =
        WindowedKpi.create(NpsAccumulator::create, DAILY, Duration.ZERO);
    a.recordInt("team", BASE, NpsAccumulator::add, 9);
    Map<String, Object> before = state(a);
    WindowedKpi<String, NpsAccumulator> weekly =
        WindowedKpi.create(
            NpsAccumulator::create,
            WindowSpec.of(WindowUnit.WEEK, ZoneId.of("Europe/Paris")),
            Duration.ZERO);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.merge(weekly));
    assertEquals(true, e.getMessage().startsWith("cannot merge windows of"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.merge(a));
    assertEquals(before, state(a));
  }
}
