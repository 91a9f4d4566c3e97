package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A {@code WindowedKpi} against a naive per-window recomputation: windows cut from the local
 * calendar (offset changes for hours, local dates for days, weeks and months) in DST and odd-offset
 * zones, late events against the watermark and allowed lateness, retractions, shards merged,
 * roll-up, sliding ranges, snapshots and eviction.
 */
class WindowedKpiNaiveOracleProperties {

  static final String[] ZONES = {
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Asia/Kathmandu",
    "Pacific/Chatham"
  };
  static final String[] BASES = {
    "2026-03-29T00:30:00Z",
    "2026-10-25T00:30:00Z",
    "2026-03-08T06:30:00Z",
    "2026-11-01T05:30:00Z",
    "2026-04-04T15:00:00Z",
    "2026-10-03T15:30:00Z",
    "2018-11-04T03:00:00Z",
    "2019-02-17T02:00:00Z",
    "2026-12-31T23:00:00Z",
    "2026-04-05T13:00:00Z"
  };

  // Oracle windows from the javadoc: HOUR = whole local hour or offset change; others local dates.
  static Instant oStart(WindowSpec spec, Instant t) {
    ZoneId z = spec.zone();
    ZoneRules rules = z.getRules();
    switch (spec.unit()) {
      case HOUR -> {
        ZoneOffset off = rules.getOffset(t);
        Instant h = t.atOffset(off).truncatedTo(ChronoUnit.HOURS).toInstant();
        ZoneOffsetTransition prev = rules.previousTransition(t.plusNanos(1));
        if (prev != null && prev.getInstant().isAfter(h) && !prev.getInstant().isAfter(t)) {
          return prev.getInstant();
        }
        return h;
      }
      default -> {
        LocalDate d = t.atZone(z).toLocalDate();
        LocalDate first =
            switch (spec.unit()) {
              case DAY -> d;
              case WEEK -> d.with(TemporalAdjusters.previousOrSame(spec.firstDayOfWeek()));
              case MONTH -> d.withDayOfMonth(1);
              default -> throw new AssertionError();
            };
        return first.atStartOfDay(z).toInstant();
      }
    }
  }

  static Instant oEnd(WindowSpec spec, Instant t) {
    ZoneId z = spec.zone();
    ZoneRules rules = z.getRules();
    switch (spec.unit()) {
      case HOUR -> {
        ZoneOffset off = rules.getOffset(t);
        Instant h = t.atOffset(off).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
        ZoneOffsetTransition next = rules.nextTransition(t);
        if (next != null && next.getInstant().isBefore(h)) {
          return next.getInstant();
        }
        return h;
      }
      default -> {
        LocalDate d = t.atZone(z).toLocalDate();
        LocalDate nx =
            switch (spec.unit()) {
              case DAY -> d.plusDays(1);
              case WEEK ->
                  d.with(TemporalAdjusters.previousOrSame(spec.firstDayOfWeek())).plusWeeks(1);
              case MONTH -> d.withDayOfMonth(1).plusMonths(1);
              default -> throw new AssertionError();
            };
        return nx.atStartOfDay(z).toInstant();
      }
    }
  }

  record Ev(String group, Instant t, int value) {}

  static final class Shard {
    final WindowedKpi<String, NpsAccumulator> kpi;
    final Map<String, Map<Instant, List<Integer>>> windows = new HashMap<>();
    final Map<String, List<Integer>> allTime = new HashMap<>();
    final Map<String, Map<Instant, Instant>> ends = new HashMap<>();
    Instant wm;
    long dropped;

    Shard(WindowSpec spec, Duration lateness) {
      kpi = WindowedKpi.create(NpsAccumulator::create, spec, lateness);
    }
  }

  @Property(tries = 200)
  void windowedKpiMatchesNaiveWindows(@ForAll Random r) {
    ZoneId zone = ZoneId.of(ZONES[r.nextInt(ZONES.length)]);
    WindowUnit unit = WindowUnit.values()[r.nextInt(WindowUnit.values().length)];
    WindowSpec spec = new WindowSpec(unit, zone, DayOfWeek.of(1 + r.nextInt(7)));
    Duration[] lats = {
      Duration.ZERO,
      Duration.ofMinutes(30),
      Duration.ofHours(1),
      Duration.ofDays(1),
      Duration.ofMillis(1)
    };
    Duration lateness = lats[r.nextInt(lats.length)];
    Instant base = Instant.parse(BASES[r.nextInt(BASES.length)]);
    long spanMin = unit == WindowUnit.HOUR ? 600 : unit == WindowUnit.DAY ? 6 * 1440 : 60 * 1440;
    int nShards = 1 + r.nextInt(3);
    List<Shard> shards = new ArrayList<>();
    for (int i = 0; i < nShards; i++) {
      shards.add(new Shard(spec, lateness));
    }
    Instant clock = base;
    for (int i = r.nextInt(80); i > 0; i--) {
      Shard s = shards.get(r.nextInt(nShards));
      clock = clock.plusSeconds(r.nextInt(3) == 0 ? 0 : r.nextInt((int) spanMin * 60 / 40 + 1));
      Instant t;
      if (r.nextInt(4) == 0) {
        t = clock.minusSeconds(r.nextInt((int) spanMin * 60 / 4 + 1));
      } else {
        t = clock;
      }
      if (r.nextInt(5) == 0) {
        // exactly at a window boundary, or a millisecond before it
        Instant e = oEnd(spec, t);
        t = r.nextBoolean() ? e : e.minusMillis(1);
      }
      if (r.nextInt(10) == 0) {
        Instant w = t.plusSeconds(r.nextInt(3600));
        s.kpi.advanceWatermark(w);
        if (s.wm == null || w.isAfter(s.wm)) {
          s.wm = w;
        }
        continue;
      }
      String g = "g" + r.nextInt(3);
      int v = r.nextInt(11);
      Instant st = oStart(spec, t);
      Instant en = oEnd(spec, t);
      assertEquals(st, spec.start(t), spec + " start of " + t);
      assertEquals(en, spec.end(t), spec + " end of " + t);
      assertEquals(en, spec.end(st), spec + " end of start " + st);
      Instant wmAfter = s.wm == null || t.isAfter(s.wm) ? t : s.wm;
      boolean open = en.plus(lateness).isAfter(wmAfter);
      boolean retract = false;
      List<Integer> wl = s.windows.computeIfAbsent(g, x -> new HashMap<>()).get(st);
      if (r.nextInt(5) == 0 && wl != null && !wl.isEmpty() && open) {
        retract = true;
        v = wl.get(r.nextInt(wl.size()));
      }
      boolean got =
          retract
              ? s.kpi.recordInt(g, t, NpsAccumulator::retract, v)
              : s.kpi.recordInt(g, t, NpsAccumulator::add, v);
      assertEquals(
          open,
          got,
          "open " + t + " window " + st + ".." + en + " wm " + s.wm + " lateness " + lateness);
      s.wm = wmAfter;
      List<Integer> at = s.allTime.computeIfAbsent(g, x -> new ArrayList<>());
      if (retract) {
        at.remove(Integer.valueOf(v));
        s.windows.get(g).get(st).remove(Integer.valueOf(v));
      } else {
        at.add(v);
        if (open) {
          s.windows.get(g).computeIfAbsent(st, x -> new ArrayList<>()).add(v);
          s.ends.computeIfAbsent(g, x -> new HashMap<>()).put(st, en);
        } else {
          s.dropped++;
        }
      }
      if (r.nextInt(15) == 0) {
        // snapshot round trip
        WindowedKpi<String, NpsAccumulator> back =
            r.nextBoolean()
                ? WindowedKpi.fromBytes(
                    s.kpi.toBytes(x -> x), NpsAccumulator::create, NpsAccumulator.class, x -> x)
                : WindowedKpi.fromJson(
                    s.kpi.toJson(x -> x), NpsAccumulator::create, NpsAccumulator.class, x -> x);
        s.kpi.merge(WindowedKpi.create(NpsAccumulator::create, spec, lateness)); // no-op merge
        check(s, back);
      }
    }
    for (Shard s : shards) {
      check(s, s.kpi);
    }
    // merge all shards into the first
    Shard m = shards.get(0);
    for (int i = 1; i < nShards; i++) {
      Shard o = shards.get(i);
      m.kpi.merge(o.kpi);
      if (o.wm != null && (m.wm == null || o.wm.isAfter(m.wm))) {
        m.wm = o.wm;
      }
      m.dropped += o.dropped;
      o.allTime.forEach((g, l) -> m.allTime.computeIfAbsent(g, x -> new ArrayList<>()).addAll(l));
      o.windows.forEach(
          (g, ws) ->
              ws.forEach(
                  (st, l) ->
                      m.windows
                          .computeIfAbsent(g, x -> new HashMap<>())
                          .computeIfAbsent(st, x -> new ArrayList<>())
                          .addAll(l)));
      o.ends.forEach((g, ws) -> m.ends.computeIfAbsent(g, x -> new HashMap<>()).putAll(ws));
    }
    check(m, m.kpi);
    // roll up everything into one group
    WindowedKpi<String, NpsAccumulator> all = m.kpi.rollUp(g -> "all");
    Map<Instant, List<Integer>> union = new TreeMap<>();
    m.windows.forEach(
        (g, ws) ->
            ws.forEach((st, l) -> union.computeIfAbsent(st, x -> new ArrayList<>()).addAll(l)));
    for (Map.Entry<Instant, List<Integer>> e : union.entrySet()) {
      assertEquals(nps(e.getValue()), m.kpi.total(e.getKey()).result());
      assertEquals(
          nps(e.getValue()),
          all.window("all", e.getKey()).map(NpsAccumulator::result).orElse(new NpsResult(0, 0, 0)));
    }
    // sliding range
    if (!union.isEmpty()) {
      List<Instant> starts = new ArrayList<>(union.keySet());
      Instant from = starts.get(r.nextInt(starts.size()));
      Instant to = starts.get(r.nextInt(starts.size())).plusMillis(r.nextInt(2));
      if (!to.isBefore(from)) {
        for (String g : m.windows.keySet()) {
          List<Integer> l = new ArrayList<>();
          m.windows
              .get(g)
              .forEach(
                  (st, vs) -> {
                    if (!st.isBefore(from) && st.isBefore(to)) {
                      l.addAll(vs);
                    }
                  });
          assertEquals(nps(l), m.kpi.range(g, from, to).result());
        }
      }
    }
    // evict
    List<WindowedKpi.ClosedWindow<String, NpsAccumulator>> closed = m.kpi.evictClosed();
    int expectedClosed = 0;
    for (String g : m.windows.keySet()) {
      for (Map.Entry<Instant, List<Integer>> e : m.windows.get(g).entrySet()) {
        Instant en = m.ends.get(g).get(e.getKey());
        if (m.wm != null && !en.plus(lateness).isAfter(m.wm)) {
          expectedClosed++;
          boolean found = false;
          for (WindowedKpi.ClosedWindow<String, NpsAccumulator> c : closed) {
            if (c.group().equals(g) && c.start().equals(e.getKey())) {
              found = true;
              assertEquals(en, c.end());
              assertEquals(nps(e.getValue()), c.accumulator().result());
            }
          }
          assertTrue(found, "closed " + g + " " + e.getKey());
          assertTrue(m.kpi.window(g, e.getKey()).isEmpty());
        } else {
          assertEquals(
              nps(e.getValue()),
              m.kpi
                  .window(g, e.getKey())
                  .map(NpsAccumulator::result)
                  .orElse(new NpsResult(0, 0, 0)));
        }
      }
    }
    assertEquals(expectedClosed, closed.size());
  }

  static NpsResult nps(List<Integer> vs) {
    NpsAccumulator a = NpsAccumulator.create();
    vs.forEach(a::add);
    return a.result();
  }

  static void check(Shard s, WindowedKpi<String, NpsAccumulator> kpi) {
    assertEquals(s.dropped, kpi.droppedLate());
    assertEquals(java.util.Optional.ofNullable(s.wm), kpi.watermark());
    for (String g : s.allTime.keySet()) {
      assertEquals(nps(s.allTime.get(g)), kpi.allTime(g).result(), "all-time " + g);
    }
    for (String g : s.windows.keySet()) {
      Map<Instant, NpsAccumulator> ws = kpi.windows(g);
      for (Map.Entry<Instant, List<Integer>> e : s.windows.get(g).entrySet()) {
        NpsResult want = nps(e.getValue());
        NpsResult got =
            ws.containsKey(e.getKey()) ? ws.get(e.getKey()).result() : new NpsResult(0, 0, 0);
        assertEquals(want, got, "window " + g + " " + e.getKey());
        assertEquals(
            want,
            kpi.window(g, e.getKey()).map(NpsAccumulator::result).orElse(new NpsResult(0, 0, 0)));
      }
      for (Instant st : ws.keySet()) {
        assertTrue(s.windows.get(g).containsKey(st), "unexpected window " + st);
      }
    }
  }
}
