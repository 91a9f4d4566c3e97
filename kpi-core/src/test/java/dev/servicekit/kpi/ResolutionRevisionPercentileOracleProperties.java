package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * FCR (repeat contacts within the window, the window's end included, out of order, evicted and
 * restored), last-revision-wins values (apply outcomes, stale counts, forget, remove and merge),
 * targets, the productivity leaderboard and percentiles (rank {@code floor(q (n - 1))} within the
 * relative accuracy, merged and restored) against brute-force oracles written from the javadoc.
 */
class ResolutionRevisionPercentileOracleProperties {

  // ---------------------------------------------------------------- repeat contacts (FCR)

  @Property(tries = 200)
  void repeatContactsMatchBruteForce(@ForAll Random r) {
    Duration window =
        Duration.ofSeconds(1 + r.nextInt(100)).plusNanos(r.nextInt(3) == 0 ? 500_000_000 : 0);
    RepeatContactTracker<String> tr = RepeatContactTracker.create(window);
    Map<String, TreeSet<Instant>> seen = new HashMap<>();
    Instant base = Instant.parse("2026-03-29T00:00:00Z");
    long floorSec = 0;
    for (int i = r.nextInt(80); i > 0; i--) {
      int op = r.nextInt(20);
      if (op == 0) {
        // evict: only contacts at or after the cut-off can arrive afterwards
        long cut = floorSec + r.nextInt(50);
        tr.evictBefore(base.plusSeconds(cut));
        floorSec = Math.max(floorSec, cut);
      } else if (op == 1) {
        tr =
            r.nextBoolean()
                ? RepeatContactTracker.fromBytes(tr.toBytes(KeyCodec.strings()), KeyCodec.strings())
                : RepeatContactTracker.fromJson(tr.toJson(KeyCodec.strings()), KeyCodec.strings());
      } else {
        String c = "c" + r.nextInt(4);
        long sec = floorSec + r.nextInt(300);
        Instant at = base.plusSeconds(sec);
        if (r.nextInt(4) == 0) {
          at = at.plusNanos(r.nextInt(1_000_000_000));
        }
        if (r.nextInt(6) == 0 && seen.containsKey(c)) {
          // exactly one window after a known contact
          Instant k = seen.get(c).last();
          if (!k.isBefore(base.plusSeconds(floorSec))) {
            at = r.nextBoolean() ? k.plus(window) : k.plus(window).plusNanos(1);
          }
        }
        boolean isNew = seen.computeIfAbsent(c, x -> new TreeSet<>()).add(at);
        assertEquals(isNew, tr.contact(c, at), c + " " + at);
      }
    }
    long pos = 0;
    long neg = 0;
    for (TreeSet<Instant> ts : seen.values()) {
      for (Instant t : ts) {
        Instant next = ts.higher(t);
        if (next != null && Duration.between(t, next).compareTo(window) <= 0) {
          neg++;
        } else {
          pos++;
        }
      }
    }
    assertEquals(new OutcomeResult(pos, neg), tr.result());
    assertEquals(new OutcomeResult(pos, neg), tr.outcomes().result());
  }

  // ---------------------------------------------------------------- revised values

  record Rv(long rev, int val) implements Comparable<Rv> {
    public int compareTo(Rv o) {
      int c = Long.compare(rev, o.rev);
      return c != 0 ? c : Integer.compare(val, o.val);
    }
  }

  static final class Model {
    final Map<String, Rv> keys = new HashMap<>();
    final List<Integer> forgotten = new ArrayList<>();
    long stale;

    RevisedValues.Outcome apply(String k, long rev, int val) {
      Rv held = keys.get(k);
      Rv n = new Rv(rev, val);
      if (held == null) {
        keys.put(k, n);
        return RevisedValues.Outcome.ADDED;
      }
      int c = n.compareTo(held);
      if (c == 0) {
        return RevisedValues.Outcome.DUPLICATE;
      }
      if (c > 0) {
        keys.put(k, n);
        return RevisedValues.Outcome.REPLACED;
      }
      stale++;
      return RevisedValues.Outcome.STALE;
    }

    List<Integer> values() {
      List<Integer> v = new ArrayList<>(forgotten);
      keys.values().forEach(x -> v.add(x.val()));
      return v;
    }
  }

  @Property(tries = 200)
  void revisedValuesMatchLastRevisionWins(@ForAll Random r) {
    RatingScale scale = RatingScale.csatFivePoint();
    int n = 1 + r.nextInt(3);
    List<RevisedValues<String, RatingAccumulator>> rvs = new ArrayList<>();
    List<Model> models = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rvs.add(RevisedValues.create(RatingAccumulator.create(scale)));
      models.add(new Model());
    }
    for (int i = r.nextInt(80); i > 0; i--) {
      int s = r.nextInt(n);
      RevisedValues<String, RatingAccumulator> rv = rvs.get(s);
      Model m = models.get(s);
      String k = "k" + r.nextInt(6);
      int op = r.nextInt(20);
      if (op == 0) {
        boolean present = m.keys.containsKey(k);
        assertEquals(present, rv.remove(k));
        m.keys.remove(k);
      } else if (op == 1) {
        boolean present = m.keys.containsKey(k);
        assertEquals(present, rv.forget(k));
        Rv held = m.keys.remove(k);
        if (held != null) {
          m.forgotten.add(held.val());
        }
      } else if (op == 2) {
        RevisedValues<String, RatingAccumulator> back =
            r.nextBoolean()
                ? RevisedValues.fromBytes(
                    rv.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings())
                : RevisedValues.fromJson(
                    rv.toJson(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings());
        // forgotten contributions live only in the target, which the snapshot keeps
        rvs.set(s, back);
      } else {
        long rev = r.nextInt(4);
        int val = 1 + r.nextInt(5);
        assertEquals(m.apply(k, rev, val), rv.apply(k, rev, val), k + " " + rev + " " + val);
      }
    }
    // merge all into the first, in random order
    RevisedValues<String, RatingAccumulator> into = rvs.get(0);
    Model mm = models.get(0);
    for (int i = 1; i < n; i++) {
      into.merge(rvs.get(i));
      Model o = models.get(i);
      mm.forgotten.addAll(o.forgotten);
      mm.stale += o.stale;
      for (Map.Entry<String, Rv> e : o.keys.entrySet()) {
        Rv held = mm.keys.get(e.getKey());
        if (held == null || e.getValue().compareTo(held) > 0) {
          mm.keys.put(e.getKey(), e.getValue());
        }
      }
    }
    RatingAccumulator expected = RatingAccumulator.create(scale);
    mm.values().forEach(expected::add);
    assertEquals(expected.result(), into.target().result());
    assertEquals(mm.stale, into.staleCount());
    assertEquals(mm.keys.size(), into.size());
    assertThrows(IllegalArgumentException.class, () -> into.apply("k0", -5, 9));
  }

  // ---------------------------------------------------------------- targets and productivity

  @Property(tries = 200)
  void kpiTargetsMatchTheirDefinition(@ForAll Random r) {
    double th = r.nextInt(200) / 2.0;
    double v = r.nextInt(3) == 0 ? th : r.nextInt(200) / 2.0;
    KpiTarget up = KpiTarget.atLeast("csat", th);
    KpiTarget down = KpiTarget.atMost("aht", th);
    KpiTarget.Status su = up.evaluate(OptionalDouble.of(v));
    KpiTarget.Status sd = down.evaluate(OptionalDouble.of(v));
    assertEquals(v >= th ? KpiTarget.State.MET : KpiTarget.State.MISSED, su.state());
    assertEquals(v <= th ? KpiTarget.State.MET : KpiTarget.State.MISSED, sd.state());
    assertEquals(v - th, su.margin().getAsDouble(), 1e-12);
    assertEquals(th - v, sd.margin().getAsDouble(), 1e-12);
    assertEquals(KpiTarget.State.NO_DATA, up.evaluate(OptionalDouble.empty()).state());
    assertTrue(up.evaluate(OptionalDouble.empty()).margin().isEmpty());
  }

  @Property(tries = 200)
  void productivityLeadersMatchBruteForce(@ForAll Random r) {
    int na = 1 + r.nextInt(4);
    LinkedHashMap<String, Double> w = new LinkedHashMap<>();
    for (int i = 0; i < na; i++) {
      w.put("a" + i, (r.nextInt(9) - 2) / 2.0);
    }
    double gate = r.nextInt(5) * 10;
    double threshold = r.nextInt(8) - 2;
    ProductivityIndex idx = ProductivityIndex.of(w, gate, threshold);
    Map<String, ProductivityIndex.Candidate> cands = new LinkedHashMap<>();
    Map<String, Double> indexOf = new HashMap<>();
    for (int a = 0; a < r.nextInt(6); a++) {
      ProductivityAccumulator acc = idx.newAccumulator();
      double sum = 0;
      int[] counts = new int[na];
      for (int k = r.nextInt(10); k > 0; k--) {
        int ai = r.nextInt(na);
        counts[ai]++;
        if (r.nextBoolean()) {
          acc.add(ai);
        } else {
          acc.add("a" + ai);
        }
      }
      for (int i = 0; i < na; i++) {
        sum += w.get("a" + i) * counts[i];
        assertEquals((long) counts[i], acc.result().get("a" + i));
      }
      assertEquals(sum, idx.index(acc), 1e-9);
      OptionalDouble qa =
          r.nextInt(4) == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(r.nextInt(3) == 0 ? gate : r.nextInt(50));
      cands.put("ag" + a, new ProductivityIndex.Candidate(acc, qa));
      indexOf.put("ag" + a, sum);
    }
    double best = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, ProductivityIndex.Candidate> e : cands.entrySet()) {
      OptionalDouble qa = e.getValue().qaAverage();
      double i = indexOf.get(e.getKey());
      if (qa.isPresent() && qa.getAsDouble() >= gate && i >= threshold) {
        best = Math.max(best, i);
      }
    }
    Set<String> expected = new HashSet<>();
    for (Map.Entry<String, ProductivityIndex.Candidate> e : cands.entrySet()) {
      OptionalDouble qa = e.getValue().qaAverage();
      double i = indexOf.get(e.getKey());
      if (qa.isPresent() && qa.getAsDouble() >= gate && i >= threshold && i == best) {
        expected.add(e.getKey());
      }
    }
    assertEquals(expected, new HashSet<>(idx.leaders(cands)));
  }

  // ---------------------------------------------------------------- percentiles

  @Property(tries = 200)
  void percentilesWithinAccuracyMergedAndRestored(@ForAll Random r) {
    double[] accs = {1e-4, 0.001, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5};
    double acc = accs[r.nextInt(accs.length)];
    int shards = 1 + r.nextInt(4);
    List<PercentileAccumulator> parts = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      parts.add(PercentileAccumulator.create(acc));
    }
    PercentileAccumulator one = PercentileAccumulator.create(acc);
    List<Long> vals = new ArrayList<>();
    for (int i = r.nextInt(100); i > 0; i--) {
      long v =
          switch (r.nextInt(5)) {
            case 0 -> r.nextInt(3);
            case 1 -> r.nextLong() & Long.MAX_VALUE;
            default -> r.nextInt(2_000_000);
          };
      int nanos = r.nextInt(3) == 0 ? 999_999 : 0;
      vals.add(v);
      PercentileAccumulator p = parts.get(r.nextInt(shards));
      if (r.nextBoolean() && v < Long.MAX_VALUE / 2_000_000_000L) {
        p.add(Duration.ofMillis(v).plusNanos(nanos));
        one.add(Duration.ofMillis(v).plusNanos(nanos));
      } else {
        p.addMillis(v);
        one.addMillis(v);
      }
    }
    PercentileAccumulator m =
        KpiBruteForceOracleProperties.merged(
            parts, r, PercentileAccumulator::merge, PercentileAccumulator::copy);
    long[] sorted = vals.stream().mapToLong(Long::longValue).sorted().toArray();
    assertEquals(vals.size(), m.count());
    for (PercentileAccumulator x :
        List.of(
            m,
            PercentileAccumulator.fromBytes(m.toBytes()),
            PercentileAccumulator.fromJson(m.toJson()),
            one)) {
      for (double q :
          new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1, r.nextDouble()}) {
        if (sorted.length == 0) {
          assertTrue(x.quantileMillis(q).isEmpty());
          continue;
        }
        double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
        double v = x.quantileMillis(q).getAsDouble();
        assertTrue(
            Math.abs(v - exact) <= acc * exact * (1 + 1e-9) + 1e-9,
            "acc=" + acc + " q=" + q + " exact=" + exact + " got=" + v + " n=" + sorted.length);
        assertEquals(m.quantileMillis(q), x.quantileMillis(q));
      }
      PercentileResult res = x.result();
      assertEquals(vals.size(), res.count());
      assertEquals(acc, res.relativeAccuracy());
      assertEquals(x.quantileMillis(0.5), res.medianMillis());
      assertEquals(x.quantileMillis(0.9), res.p90Millis());
      assertEquals(x.quantileMillis(0.99), res.p99Millis());
    }
  }
}
