package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A {@code WindowedKpi} kept in use after what replaces its state: snapshot restores, merges of
 * other shards (of another allowed lateness), evictions, refused retractions and updates refused
 * part-way, against per-category counters (an NPS retraction needs its category, not its score).
 */
class WindowedKpiContinuedOracleProperties {

  static int cat(int score) {
    return score <= 6 ? 0 : score <= 8 ? 1 : 2;
  }

  static final class Model {
    final Map<String, long[]> allTime = new HashMap<>();
    final Map<String, TreeMap<Instant, long[]>> windows = new HashMap<>();
    Instant wm;
    long dropped;
  }

  static void check(Model m, WindowedKpi<String, NpsAccumulator> k) {
    assertEquals(java.util.Optional.ofNullable(m.wm), k.watermark());
    assertEquals(m.dropped, k.droppedLate());
    for (Map.Entry<String, long[]> e : m.allTime.entrySet()) {
      NpsResult r = k.allTime(e.getKey()).result();
      assertArrayEquals(
          e.getValue(), new long[] {r.detractors(), r.passives(), r.promoters()}, "all-time");
    }
    for (Map.Entry<String, TreeMap<Instant, long[]>> g : m.windows.entrySet()) {
      Map<Instant, NpsAccumulator> ws = k.windows(g.getKey());
      assertEquals(g.getValue().keySet(), ws.keySet(), "windows of " + g.getKey());
      for (Map.Entry<Instant, long[]> w : g.getValue().entrySet()) {
        NpsResult r = ws.get(w.getKey()).result();
        assertArrayEquals(
            w.getValue(),
            new long[] {r.detractors(), r.passives(), r.promoters()},
            "window " + w.getKey());
      }
    }
  }

  static void feed(
      Random r,
      WindowSpec spec,
      Duration lateness,
      Model m,
      WindowedKpi<String, NpsAccumulator>[] box,
      Instant base,
      int steps,
      boolean nested) {
    Instant clock = base;
    for (int i = 0; i < steps; i++) {
      WindowedKpi<String, NpsAccumulator> k = box[0];
      clock = clock.plusSeconds(r.nextInt(1200));
      Instant t = r.nextInt(3) == 0 ? clock.minusSeconds(r.nextInt(4 * 3600)) : clock;
      if (r.nextInt(4) == 0) {
        t = t.plusNanos(r.nextInt(1_000_000_000));
      }
      String g = "g" + r.nextInt(2);
      int op = r.nextInt(30);
      if (op == 0) {
        k.advanceWatermark(t);
        Instant tm = Instant.ofEpochMilli(t.toEpochMilli());
        if (m.wm == null || tm.isAfter(m.wm)) {
          m.wm = tm;
        }
        continue;
      }
      if (op == 1) {
        List<WindowedKpi.ClosedWindow<String, NpsAccumulator>> closed = k.evictClosed();
        int n = 0;
        for (Map.Entry<String, TreeMap<Instant, long[]>> e : m.windows.entrySet()) {
          var it = e.getValue().entrySet().iterator();
          while (it.hasNext()) {
            var w = it.next();
            if (m.wm != null && !spec.end(w.getKey()).plus(lateness).isAfter(m.wm)) {
              it.remove();
              n++;
            }
          }
        }
        assertEquals(n, closed.size());
        continue;
      }
      if (op == 2) {
        @SuppressWarnings("unchecked")
        WindowedKpi<String, NpsAccumulator> back =
            r.nextBoolean()
                ? WindowedKpi.fromBytes(
                    k.toBytes(x -> x), NpsAccumulator::create, NpsAccumulator.class, x -> x)
                : WindowedKpi.fromJson(
                    k.toJson(x -> x), NpsAccumulator::create, NpsAccumulator.class, x -> x);
        box[0] = back;
        continue;
      }
      if (op == 3 && nested) {
        Model om = new Model();
        Duration ol = Duration.ofMinutes(r.nextInt(3) * 45);
        @SuppressWarnings("unchecked")
        WindowedKpi<String, NpsAccumulator>[] ob =
            new WindowedKpi[] {WindowedKpi.create(NpsAccumulator::create, spec, ol)};
        feed(r, spec, ol, om, ob, clock.minusSeconds(r.nextInt(7200)), r.nextInt(10), false);
        k.merge(ob[0]);
        if (om.wm != null && (m.wm == null || om.wm.isAfter(m.wm))) {
          m.wm = om.wm;
        }
        m.dropped += om.dropped;
        om.allTime.forEach((gg, c) -> add(m.allTime.computeIfAbsent(gg, x -> new long[3]), c));
        om.windows.forEach(
            (gg, ws) ->
                ws.forEach(
                    (st, c) ->
                        add(
                            m.windows
                                .computeIfAbsent(gg, x -> new TreeMap<>())
                                .computeIfAbsent(st, x -> new long[3]),
                            c)));
        continue;
      }
      Instant st = spec.start(t);
      long tm = t.toEpochMilli();
      Instant wmAfter =
          m.wm == null || Instant.ofEpochMilli(tm).isAfter(m.wm) ? Instant.ofEpochMilli(tm) : m.wm;
      boolean open = spec.end(st).plus(lateness).isAfter(wmAfter);
      long[] all = m.allTime.getOrDefault(g, new long[3]);
      long[] win = m.windows.getOrDefault(g, new TreeMap<>()).getOrDefault(st, new long[3]);
      int v = r.nextInt(11);
      int c = cat(v);
      int kind = r.nextInt(4);
      if (kind == 0) {
        // retract
        boolean ok = all[c] > 0 && (!open || win[c] > 0);
        if (!ok) {
          Instant tt = t;
          assertThrows(
              IllegalArgumentException.class, () -> k.recordInt(g, tt, NpsAccumulator::retract, v));
          continue;
        }
        assertEquals(open, k.recordInt(g, t, NpsAccumulator::retract, v));
        m.allTime.computeIfAbsent(g, x -> new long[3])[c]--;
        if (open) {
          m.windows.get(g).get(st)[c]--;
        }
      } else if (kind == 1) {
        // add then retract: refused part-way unless the retraction is possible after the add
        int x = r.nextInt(11);
        int cx = cat(x);
        long[] all2 = all.clone();
        all2[c]++;
        long[] win2 = win.clone();
        win2[c]++;
        boolean ok = all2[cx] > 0 && (!open || win2[cx] > 0);
        if (!ok) {
          Instant tt = t;
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  k.record(
                      g,
                      tt,
                      a -> {
                        a.add(v);
                        a.retract(x);
                      }));
          continue;
        }
        assertEquals(
            open,
            k.record(
                g,
                t,
                a -> {
                  a.add(v);
                  a.retract(x);
                }));
        long[] ma = m.allTime.computeIfAbsent(g, y -> new long[3]);
        ma[c]++;
        ma[cx]--;
        if (open) {
          long[] mw =
              m.windows
                  .computeIfAbsent(g, y -> new TreeMap<>())
                  .computeIfAbsent(st, y -> new long[3]);
          mw[c]++;
          mw[cx]--;
        }
      } else {
        assertEquals(open, k.recordInt(g, t, NpsAccumulator::add, v));
        m.allTime.computeIfAbsent(g, x -> new long[3])[c]++;
        if (open) {
          m.windows.computeIfAbsent(g, x -> new TreeMap<>())
              .computeIfAbsent(st, x -> new long[3])[c]++;
        }
      }
      if (!open) {
        m.dropped++;
      }
      m.wm = wmAfter;
    }
  }

  static void add(long[] to, long[] from) {
    for (int i = 0; i < 3; i++) {
      to[i] += from[i];
    }
  }

  @Property(tries = 200)
  void continuedAfterRestoresMergesAndEvictions(@ForAll Random r) {
    String[] zones = {
      "UTC", "Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"
    };
    WindowUnit unit = r.nextInt(3) == 0 ? WindowUnit.DAY : WindowUnit.HOUR;
    WindowSpec spec =
        new WindowSpec(unit, ZoneId.of(zones[r.nextInt(zones.length)]), DayOfWeek.MONDAY);
    Duration lateness = Duration.ofMinutes(r.nextInt(4) * 30);
    Model m = new Model();
    @SuppressWarnings("unchecked")
    WindowedKpi<String, NpsAccumulator>[] box =
        new WindowedKpi[] {WindowedKpi.create(NpsAccumulator::create, spec, lateness)};
    Instant[] bases = {
      Instant.parse("2026-10-25T00:00:00Z"),
      Instant.parse("2026-04-04T14:00:00Z"),
      Instant.parse("2026-11-01T02:00:00Z"),
      Instant.parse("2026-03-08T04:00:00Z")
    };
    feed(r, spec, lateness, m, box, bases[r.nextInt(bases.length)], r.nextInt(120), true);
    check(m, box[0]);
    WindowedKpi<String, NpsAccumulator> up = box[0].rollUp(g -> "all");
    assertEquals(box[0].watermark(), up.watermark());
    assertEquals(box[0].droppedLate(), up.droppedLate());
    long[] tot = new long[3];
    m.allTime.values().forEach(c -> add(tot, c));
    NpsResult ur = up.allTime("all").result();
    assertArrayEquals(tot, new long[] {ur.detractors(), ur.passives(), ur.promoters()});
  }
}
