package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * WindowedKpi against an independent model of its documented rules: random records (adds,
 * retractions and two-call updates whose second call is refused) in zones with DST gaps, overlaps,
 * half-hour and backwards-date changes, at several allowed latenesses, interleaved with watermark
 * moves, evictions, byte and JSON round trips (continuing on the restored table) and merges of
 * shards with their own lateness. A refused record must leave the table exactly as it was.
 */
class WindowedKpiModelProperties {

  static final String[] ZONES = {
    "Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Apia",
    "Antarctica/Casey", "Asia/Kathmandu", "America/Phoenix", "UTC"
  };
  static final Instant[] BASES = {
    Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-04-06T12:00:00Z"),
    Instant.parse("2009-11-01T02:00:00Z"), Instant.parse("2011-12-30T00:00:00Z"),
    Instant.parse("2010-03-04T12:00:00Z"), Instant.parse("1944-01-01T06:00:00Z"),
    Instant.parse("1900-01-02T00:00:00Z"), Instant.parse("2299-12-29T00:00:00Z")
  };
  static final long[] LATENESS = {0, 1, 3_600_000, 86_400_000, 40L * 86_400_000, Long.MAX_VALUE};

  /** Model of one table. */
  static final class Model {
    final WindowSpec spec;
    final long lateness;
    long wm = Long.MIN_VALUE;
    long dropped;
    final TreeMap<String, long[]> all = new TreeMap<>();
    final TreeMap<String, TreeMap<Long, long[]>> win = new TreeMap<>();

    Model(WindowSpec spec, long lateness) {
      this.spec = spec;
      this.lateness = lateness;
    }

    /** Applies ops (+ms add, -ms-1 retract) to a copy; null if refused. */
    static long[] apply(long[] s, long[] ops) {
      long c = s[0];
      long t = s[1];
      for (long op : ops) {
        if (op >= 0) {
          c++;
          t += op;
        } else {
          long ms = -op - 1;
          if (c == 0 || ms > t) {
            return null;
          }
          c--;
          t -= ms;
          if (c == 0 && t != 0) {
            return null;
          }
        }
      }
      return new long[] {c, t};
    }

    boolean open(long end, long w) {
      long e = end + lateness;
      if (e < end) {
        e = Long.MAX_VALUE;
      }
      return e > w;
    }

    /** Returns null if refused (nothing changed), else whether kept in a window. */
    Boolean record(String g, long t, long[] ops) {
      long w = Math.max(wm, t);
      long start = spec.start(Instant.ofEpochMilli(t)).toEpochMilli();
      long end = spec.end(Instant.ofEpochMilli(start)).toEpochMilli();
      long[] a = apply(all.getOrDefault(g, new long[2]), ops);
      if (a == null) {
        return null;
      }
      boolean open = open(end, w);
      long[] nw = null;
      if (open) {
        TreeMap<Long, long[]> m = win.get(g);
        long[] cur = m == null ? null : m.get(start);
        nw = apply(cur == null ? new long[2] : cur, ops);
        if (nw == null) {
          return null;
        }
      }
      wm = w;
      all.put(g, a);
      if (open) {
        win.computeIfAbsent(g, k -> new TreeMap<>()).put(start, nw);
      } else {
        dropped++;
      }
      return open;
    }

    List<String> evict() {
      List<String> out = new ArrayList<>();
      for (var e : win.entrySet()) {
        var it = e.getValue().entrySet().iterator();
        while (it.hasNext()) {
          var w = it.next();
          long end = spec.end(Instant.ofEpochMilli(w.getKey())).toEpochMilli();
          if (!open(end, wm)) {
            out.add(e.getKey() + "@" + w.getKey() + "=" + w.getValue()[0] + "/" + w.getValue()[1]);
            it.remove();
          }
        }
      }
      out.sort(null);
      return out;
    }

    String dump() {
      StringBuilder b = new StringBuilder();
      b.append("wm=").append(wm).append(" dropped=").append(dropped).append('\n');
      for (String g : all.keySet()) {
        long[] a = all.get(g);
        b.append(g).append(" all=").append(a[0]).append('/').append(a[1]).append(" windows=");
        TreeMap<Long, long[]> m = win.getOrDefault(g, new TreeMap<>());
        m.forEach(
            (s, v) -> b.append(s).append(':').append(v[0]).append('/').append(v[1]).append(' '));
        b.append('\n');
      }
      return b.toString();
    }
  }

  static String dump(WindowedKpi<String, DurationAccumulator> k) {
    StringBuilder b = new StringBuilder();
    b.append("wm=").append(k.watermark().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
    b.append(" dropped=").append(k.droppedLate()).append('\n');
    for (String g : new java.util.TreeSet<>(k.groups())) {
      DurationResult a = k.allTime(g).result();
      b.append(g).append(" all=").append(a.count()).append('/').append(a.totalMillis());
      b.append(" windows=");
      for (Map.Entry<Instant, DurationAccumulator> w : k.windows(g).entrySet()) {
        DurationResult r = w.getValue().result();
        b.append(w.getKey().toEpochMilli()).append(':').append(r.count()).append('/');
        b.append(r.totalMillis()).append(' ');
      }
      b.append('\n');
    }
    return b.toString();
  }

  static long[] randomOps(Random r) {
    int n = 1 + (r.nextInt(4) == 0 ? 1 : 0);
    long[] ops = new long[n];
    for (int i = 0; i < n; i++) {
      long ms = r.nextInt(3) * 100L;
      ops[i] = r.nextInt(3) == 0 ? -ms - 1 : ms;
    }
    return ops;
  }

  static void call(DurationAccumulator a, long[] ops) {
    for (long op : ops) {
      if (op >= 0) {
        a.addMillis(op);
      } else {
        a.retractMillis(-op - 1);
      }
    }
  }

  @Property(tries = 200)
  void tableFollowsTheModel(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 7) int zi,
      @ForAll @IntRange(min = 0, max = 7) int bi,
      @ForAll WindowUnit unit,
      @ForAll DayOfWeek firstDay,
      @ForAll @IntRange(min = 0, max = 5) int li) {
    Random r = new Random(seed);
    WindowSpec spec = new WindowSpec(unit, ZoneId.of(ZONES[zi]), firstDay);
    long lateness = LATENESS[li];
    WindowedKpi<String, DurationAccumulator> kpi0 =
        WindowedKpi.create(DurationAccumulator::create, spec, Duration.ofMillis(lateness));
    Model m = new Model(spec, lateness);
    long base = BASES[bi].toEpochMilli();
    long span = 12L * 86_400_000;
    for (int step = 0; step < 150; step++) {
      final WindowedKpi<String, DurationAccumulator> kpi = kpi0;
      int op = r.nextInt(20);
      if (op < 15) {
        String g = "g" + r.nextInt(3);
        long t0 = base - span / 2 + (long) (r.nextDouble() * span);
        if (r.nextInt(4) == 0) {
          // near the watermark: the usual stream
          t0 = Math.max(m.wm == Long.MIN_VALUE ? base : m.wm - r.nextInt(7_200_000), t0 - span);
        }
        final long t = t0;
        if (t < WindowedKpi.SUPPORTED_START.toEpochMilli()
            || t >= WindowedKpi.SUPPORTED_END.toEpochMilli()) {
          continue;
        }
        long[] ops = randomOps(r);
        String before = dump(kpi);
        Boolean expected = m.record(g, t, ops);
        if (expected == null) {
          assertThrows(
              IllegalArgumentException.class,
              () -> kpi.record(g, Instant.ofEpochMilli(t), a -> call(a, ops)));
          assertEquals(before, dump(kpi), "refused record changed the table");
        } else {
          boolean got = kpi.record(g, Instant.ofEpochMilli(t), a -> call(a, ops));
          assertEquals(expected, got, "kept at " + Instant.ofEpochMilli(t));
        }
      } else if (op < 16) {
        long t = clamp(base - span / 2 + (long) (r.nextDouble() * span));
        kpi.advanceWatermark(Instant.ofEpochMilli(t));
        m.wm = Math.max(m.wm, t);
      } else if (op < 17) {
        List<String> got = new ArrayList<>();
        for (var c : kpi.evictClosed()) {
          DurationResult res = c.accumulator().result();
          got.add(
              c.group()
                  + "@"
                  + c.start().toEpochMilli()
                  + "="
                  + res.count()
                  + "/"
                  + res.totalMillis());
          assertEquals(spec.end(c.start()), c.end());
        }
        got.sort(null);
        assertEquals(m.evict(), got);
      } else if (op < 18) {
        byte[] bytes = kpi.toBytes(s -> s);
        var back =
            WindowedKpi.fromBytes(
                bytes, DurationAccumulator::create, DurationAccumulator.class, s -> s);
        assertEquals(dump(kpi), dump(back));
        var back2 =
            WindowedKpi.fromJson(
                kpi.toJson(s -> s), DurationAccumulator::create, DurationAccumulator.class, s -> s);
        assertEquals(dump(kpi), dump(back2));
        // continue with the restored table from here on
        if (r.nextBoolean()) {
          kpi0 = r.nextBoolean() ? back : back2;
        }
      } else {
        // merge a shard built from its own random records (its lateness may differ)
        long ol = LATENESS[r.nextInt(LATENESS.length)];
        WindowedKpi<String, DurationAccumulator> other =
            WindowedKpi.create(DurationAccumulator::create, spec, Duration.ofMillis(ol));
        Model om = new Model(spec, ol);
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
          String g = "g" + r.nextInt(4);
          long t = clamp(base - span / 2 + (long) (r.nextDouble() * span));
          long[] ops = {r.nextInt(3) * 100L};
          om.record(g, t, ops);
          other.record(g, Instant.ofEpochMilli(t), a -> call(a, ops));
        }
        if (r.nextBoolean()) {
          long t = clamp(base - span / 2 + (long) (r.nextDouble() * span));
          other.advanceWatermark(Instant.ofEpochMilli(t));
          om.wm = Math.max(om.wm, t);
        }
        if (r.nextBoolean()) {
          om.evict();
          other.evictClosed();
        }
        assertEquals(om.dump(), dump(other));
        String otherBefore = dump(other);
        kpi.merge(other);
        assertEquals(otherBefore, dump(other));
        m.wm = Math.max(m.wm, om.wm);
        m.dropped += om.dropped;
        om.all.forEach(
            (g, a) -> {
              long[] x = m.all.computeIfAbsent(g, k -> new long[2]);
              x[0] += a[0];
              x[1] += a[1];
            });
        om.win.forEach(
            (g, ws) ->
                ws.forEach(
                    (st, a) -> {
                      long[] x =
                          m.win
                              .computeIfAbsent(g, k -> new TreeMap<>())
                              .computeIfAbsent(st, k -> new long[2]);
                      x[0] += a[0];
                      x[1] += a[1];
                    }));
      }
      assertEquals(m.dump(), dump(kpi0), "after step " + step);
    }
  }

  static long clamp(long t) {
    return Math.max(
        WindowedKpi.SUPPORTED_START.toEpochMilli(),
        Math.min(WindowedKpi.SUPPORTED_END.toEpochMilli() - 1, t));
  }
}
