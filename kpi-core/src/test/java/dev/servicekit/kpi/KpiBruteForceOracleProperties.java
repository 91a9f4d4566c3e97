package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every counting KPI against a brute-force oracle written from the README and the javadoc (the ICMI
 * / Call Centre Helper service-level formulas, Bain's NPS, top-box CSAT and CES, AHT, ASA, outcome
 * shares): random adds and retractions, on shards merged in random grouping and order, then
 * recomputed from the raw list of observations, also after binary and JSON snapshots. Waits fall on
 * and next to the short-abandon, threshold and missed-call times, some as durations with a
 * sub-millisecond remainder (truncated, as documented).
 */
class KpiBruteForceOracleProperties {

  static void assertOpt(OptionalDouble expected, OptionalDouble actual, String what) {
    assertEquals(
        expected.isPresent(), actual.isPresent(), what + ": " + expected + " vs " + actual);
    if (expected.isPresent()) {
      assertEquals(expected.getAsDouble(), actual.getAsDouble(), 1e-9, what);
    }
  }

  static OptionalDouble pct(long num, long den) {
    return den == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * num / den);
  }

  static <T> T merged(
      List<T> parts,
      Random r,
      java.util.function.BiConsumer<T, T> merge,
      java.util.function.UnaryOperator<T> copy) {
    List<T> pool = new ArrayList<>();
    for (T p : parts) {
      pool.add(copy.apply(p));
    }
    while (pool.size() > 1) {
      int i = r.nextInt(pool.size());
      T a = pool.remove(i);
      int j = r.nextInt(pool.size());
      T b = pool.get(j);
      if (r.nextBoolean()) {
        merge.accept(b, a);
      } else {
        merge.accept(a, b);
        pool.set(j, a);
      }
    }
    return pool.get(0);
  }

  // ---------------------------------------------------------------- service level

  record Call(boolean answered, long waitMillis, int nanos) {}

  static long near(Random r, long... anchors) {
    int k = r.nextInt(anchors.length + 2);
    if (k >= anchors.length) {
      return r.nextInt(60_000);
    }
    return Math.max(0, anchors[k] + r.nextInt(3) - 1);
  }

  @Property(tries = 200)
  void serviceLevelMatchesBruteForce(@ForAll Random r) {
    long s = r.nextInt(4) == 0 ? 0 : r.nextInt(10_000);
    long t = s + (r.nextInt(3) == 0 ? 0 : r.nextInt(20_000));
    long n = t + (r.nextInt(3) == 0 ? 0 : r.nextInt(20_000));
    ServiceLevelPolicy policy =
        ServiceLevelPolicy.of(Duration.ofMillis(t), Duration.ofMillis(s), Duration.ofMillis(n));
    int shards = 1 + r.nextInt(4);
    List<ServiceLevelAccumulator> accs = new ArrayList<>();
    List<List<Call>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(ServiceLevelAccumulator.create(policy));
      live.add(new ArrayList<>());
    }
    int ops = r.nextInt(60);
    for (int i = 0; i < ops; i++) {
      int sh = r.nextInt(shards);
      ServiceLevelAccumulator acc = accs.get(sh);
      List<Call> l = live.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        Call c = l.remove(r.nextInt(l.size()));
        Duration d = Duration.ofMillis(c.waitMillis()).plusNanos(c.nanos());
        switch (r.nextInt(2)) {
          case 0 -> {
            if (c.answered()) {
              acc.retractAnsweredMillis(c.waitMillis());
            } else {
              acc.retractAbandonedMillis(c.waitMillis());
            }
          }
          default -> {
            if (c.answered()) {
              acc.retractAnswered(d);
            } else {
              acc.retractAbandoned(d);
            }
          }
        }
      } else {
        Call c = new Call(r.nextBoolean(), near(r, s, t, n), r.nextInt(4) == 0 ? 999_999 : 0);
        l.add(c);
        Duration d = Duration.ofMillis(c.waitMillis()).plusNanos(c.nanos());
        if (r.nextBoolean()) {
          if (c.answered()) {
            acc.answered(d);
          } else {
            acc.abandoned(d);
          }
        } else {
          if (c.answered()) {
            acc.answeredMillis(c.waitMillis());
          } else {
            acc.abandonedMillis(c.waitMillis());
          }
        }
      }
    }
    List<Call> all = new ArrayList<>();
    live.forEach(all::addAll);
    ServiceLevelAccumulator m =
        merged(accs, r, ServiceLevelAccumulator::merge, ServiceLevelAccumulator::copy);
    checkServiceLevel(policy, all, m.result());
    checkServiceLevel(policy, all, ServiceLevelAccumulator.fromBytes(m.toBytes()).result());
    checkServiceLevel(policy, all, ServiceLevelAccumulator.fromJson(m.toJson()).result());
    assertEquals(all.isEmpty(), m.isEmpty());
  }

  static void checkServiceLevel(ServiceLevelPolicy p, List<Call> calls, ServiceLevelResult res) {
    long t = p.threshold().toMillis();
    long s = p.shortAbandon().toMillis();
    long n = p.missedAfter().toMillis();
    long an = 0, at = 0, anN = 0, wait = 0, ab = 0, abt = 0, abs = 0;
    for (Call c : calls) {
      long w = c.waitMillis();
      if (c.answered()) {
        an++;
        wait += w;
        if (w <= t) at++;
        if (w <= n) anN++;
      } else {
        ab++;
        if (w <= t) abt++;
        if (w <= s) abs++;
      }
    }
    String ctx = p + " " + calls + " " + res;
    assertEquals(an, res.answered(), ctx);
    assertEquals(at, res.answeredWithinThreshold(), ctx);
    assertEquals(anN, res.answeredWithinMissedAfter(), ctx);
    assertEquals(wait, res.answerWaitMillis(), ctx);
    assertEquals(ab, res.abandoned(), ctx);
    assertEquals(abt, res.abandonedWithinThreshold(), ctx);
    assertEquals(abs, res.shortAbandoned(), ctx);
    long off = an + ab;
    assertEquals(off, res.offered());
    assertOpt(
        pct(at, off), res.serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED), ctx);
    assertOpt(pct(at, an), res.serviceLevelPercent(ServiceLevelVariant.ABANDONS_IGNORED), ctx);
    assertOpt(
        pct(at + abt, off),
        res.serviceLevelPercent(ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_MET),
        ctx);
    assertOpt(
        pct(at, off - abt),
        res.serviceLevelPercent(ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_EXCLUDED),
        ctx);
    assertOpt(
        pct(at + abs, off), res.serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_MET), ctx);
    assertOpt(
        pct(at, off - abs),
        res.serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED),
        ctx);
    assertOpt(pct(ab, off), res.abandonmentPercent(), ctx);
    assertOpt(pct(ab - abs, off - abs), res.abandonmentExcludingShortPercent(), ctx);
    long missed = 0;
    long missedX = 0;
    for (Call c : calls) {
      boolean m = !(c.answered() && c.waitMillis() <= n);
      if (m) missed++;
      if (m && !(!c.answered() && c.waitMillis() <= s)) missedX++;
    }
    assertEquals(missed, res.missed(), ctx);
    assertEquals(missedX, res.missedExcludingShortAbandons(), ctx);
    assertOpt(
        an == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) wait / an),
        res.averageSpeedOfAnswerMillis(),
        ctx);
  }

  // ---------------------------------------------------------------- ratings, NPS

  @Property(tries = 200)
  void ratingsMatchBruteForce(@ForAll Random r) {
    int min = r.nextInt(11) - 5;
    int max = min + 1 + r.nextInt(r.nextBoolean() ? 10 : 100);
    int sat = min + r.nextInt(max - min + 1);
    RatingScale scale =
        r.nextInt(5) == 0
            ? RatingScale.csatFivePoint()
            : r.nextInt(5) == 0 ? RatingScale.cesSevenPoint() : RatingScale.of(min, max, sat);
    int shards = 1 + r.nextInt(4);
    List<RatingAccumulator> accs = new ArrayList<>();
    List<List<Integer>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(RatingAccumulator.create(scale));
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(60); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<Integer> l = live.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        accs.get(sh).retract(l.remove(r.nextInt(l.size())));
      } else {
        int v =
            r.nextInt(3) == 0
                ? scale.satisfiedFrom() - 1 + r.nextInt(2)
                : scale.min() + r.nextInt(scale.points());
        v = Math.max(scale.min(), v);
        l.add(v);
        accs.get(sh).add(v);
      }
    }
    List<Integer> all = new ArrayList<>();
    live.forEach(all::addAll);
    RatingAccumulator m = merged(accs, r, RatingAccumulator::merge, RatingAccumulator::copy);
    for (RatingResult res :
        List.of(
            m.result(),
            RatingAccumulator.fromBytes(m.toBytes()).result(),
            RatingAccumulator.fromJson(m.toJson()).result())) {
      long count = all.size();
      long sum = all.stream().mapToLong(Integer::longValue).sum();
      long satisfied = all.stream().filter(v -> v >= scale.satisfiedFrom()).count();
      assertEquals(count, res.count());
      assertEquals(sum, res.sum());
      assertEquals(satisfied, res.satisfied());
      for (int i = 0; i < scale.points(); i++) {
        final int v = scale.min() + i;
        assertEquals(all.stream().filter(x -> x == v).count(), res.distribution().get(i));
      }
      assertOpt(pct(satisfied, count), res.satisfiedPercent(), "csat");
      assertOpt(
          count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sum / count),
          res.average(),
          "avg");
      assertEquals(scale, res.scale());
    }
    assertThrows(IllegalArgumentException.class, () -> m.add(scale.max() + 1));
    assertThrows(IllegalArgumentException.class, () -> m.add(scale.min() - 1));
  }

  @Property(tries = 200)
  void npsMatchesBain(@ForAll Random r) {
    int shards = 1 + r.nextInt(4);
    List<NpsAccumulator> accs = new ArrayList<>();
    List<List<Integer>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(NpsAccumulator.create());
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(60); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<Integer> l = live.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        accs.get(sh).retract(l.remove(r.nextInt(l.size())));
      } else {
        int v = r.nextInt(11);
        l.add(v);
        accs.get(sh).add(v);
      }
    }
    List<Integer> all = new ArrayList<>();
    live.forEach(all::addAll);
    NpsAccumulator m = merged(accs, r, NpsAccumulator::merge, NpsAccumulator::copy);
    for (NpsResult res :
        List.of(
            m.result(),
            NpsAccumulator.fromBytes(m.toBytes()).result(),
            NpsAccumulator.fromJson(m.toJson()).result())) {
      long pro = all.stream().filter(v -> v >= 9).count();
      long pas = all.stream().filter(v -> v == 7 || v == 8).count();
      long det = all.stream().filter(v -> v <= 6).count();
      assertEquals(pro, res.promoters());
      assertEquals(pas, res.passives());
      assertEquals(det, res.detractors());
      assertOpt(
          all.isEmpty()
              ? OptionalDouble.empty()
              : OptionalDouble.of(100.0 * pro / all.size() - 100.0 * det / all.size()),
          res.score(),
          "nps");
    }
    assertThrows(IllegalArgumentException.class, () -> m.add(11));
    assertThrows(IllegalArgumentException.class, () -> m.add(-1));
  }

  // ---------------------------------------------------------------- handle time, durations,
  // outcomes

  @Property(tries = 200)
  void handleTimeMatchesBruteForce(@ForAll Random r) {
    int shards = 1 + r.nextInt(4);
    List<HandleTimeAccumulator> accs = new ArrayList<>();
    List<List<long[]>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(HandleTimeAccumulator.create());
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(50); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<long[]> l = live.get(sh);
      HandleTimeAccumulator acc = accs.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        long[] c = l.remove(r.nextInt(l.size()));
        if (r.nextBoolean()) {
          acc.retractMillis(c[0], c[1], c[2]);
        } else {
          acc.retract(
              Duration.ofMillis(c[0]).plusNanos(c[3]),
              Duration.ofMillis(c[1]).plusNanos(c[3]),
              Duration.ofMillis(c[2]).plusNanos(c[3]));
        }
      } else {
        long[] c = {
          r.nextInt(600_000),
          r.nextInt(3) == 0 ? 0 : r.nextInt(120_000),
          r.nextInt(90_000),
          r.nextInt(3) == 0 ? 999_999 : 0
        };
        l.add(c);
        if (r.nextBoolean()) {
          acc.addMillis(c[0], c[1], c[2]);
        } else {
          acc.add(
              Duration.ofMillis(c[0]).plusNanos(c[3]),
              Duration.ofMillis(c[1]).plusNanos(c[3]),
              Duration.ofMillis(c[2]).plusNanos(c[3]));
        }
      }
    }
    List<long[]> all = new ArrayList<>();
    live.forEach(all::addAll);
    HandleTimeAccumulator m =
        merged(accs, r, HandleTimeAccumulator::merge, HandleTimeAccumulator::copy);
    for (HandleTimeResult res :
        List.of(
            m.result(),
            HandleTimeAccumulator.fromBytes(m.toBytes()).result(),
            HandleTimeAccumulator.fromJson(m.toJson()).result())) {
      long talk = all.stream().mapToLong(c -> c[0]).sum();
      long hold = all.stream().mapToLong(c -> c[1]).sum();
      long wrap = all.stream().mapToLong(c -> c[2]).sum();
      assertEquals(all.size(), res.handled());
      assertEquals(talk, res.talkMillis());
      assertEquals(hold, res.holdMillis());
      assertEquals(wrap, res.afterWorkMillis());
      assertEquals(talk + hold + wrap, res.handleMillis());
      assertOpt(
          all.isEmpty()
              ? OptionalDouble.empty()
              : OptionalDouble.of((double) (talk + hold + wrap) / all.size()),
          res.averageHandleMillis(),
          "aht");
    }
  }

  @Property(tries = 200)
  void durationsMatchBruteForce(@ForAll Random r) {
    int shards = 1 + r.nextInt(4);
    List<DurationAccumulator> accs = new ArrayList<>();
    List<List<long[]>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(DurationAccumulator.create());
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(50); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<long[]> l = live.get(sh);
      DurationAccumulator acc = accs.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        long[] c = l.remove(r.nextInt(l.size()));
        if (r.nextBoolean()) {
          acc.retractMillis(c[0]);
        } else {
          acc.retract(Duration.ofMillis(c[0]).plusNanos(c[1]));
        }
      } else {
        long[] c = {
          r.nextInt(3) == 0 ? r.nextInt(3) : r.nextInt(10_000_000),
          r.nextInt(3) == 0 ? 999_999 : r.nextInt(1_000_000)
        };
        l.add(c);
        if (r.nextBoolean()) {
          acc.addMillis(c[0]);
        } else {
          acc.add(Duration.ofMillis(c[0]).plusNanos(c[1]));
        }
      }
    }
    List<long[]> all = new ArrayList<>();
    live.forEach(all::addAll);
    DurationAccumulator m = merged(accs, r, DurationAccumulator::merge, DurationAccumulator::copy);
    for (DurationResult res :
        List.of(
            m.result(),
            DurationAccumulator.fromBytes(m.toBytes()).result(),
            DurationAccumulator.fromJson(m.toJson()).result())) {
      long total = all.stream().mapToLong(c -> c[0]).sum();
      assertEquals(all.size(), res.count());
      assertEquals(total, res.totalMillis());
      assertOpt(
          all.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of((double) total / all.size()),
          res.averageMillis(),
          "avg");
      assertEquals(
          all.isEmpty()
              ? java.util.Optional.empty()
              : java.util.Optional.of(Duration.ofMillis(Math.floorDiv(total, all.size()))),
          res.average());
    }
  }

  @Property(tries = 200)
  void outcomesMatchBruteForce(@ForAll Random r) {
    int shards = 1 + r.nextInt(4);
    List<OutcomeAccumulator> accs = new ArrayList<>();
    List<List<Boolean>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(OutcomeAccumulator.create());
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(50); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<Boolean> l = live.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        accs.get(sh).retract(l.remove(r.nextInt(l.size())));
      } else {
        boolean b = r.nextBoolean();
        l.add(b);
        accs.get(sh).add(b);
      }
    }
    List<Boolean> all = new ArrayList<>();
    live.forEach(all::addAll);
    OutcomeAccumulator m = merged(accs, r, OutcomeAccumulator::merge, OutcomeAccumulator::copy);
    for (OutcomeResult res :
        List.of(
            m.result(),
            OutcomeAccumulator.fromBytes(m.toBytes()).result(),
            OutcomeAccumulator.fromJson(m.toJson()).result())) {
      long pos = all.stream().filter(b -> b).count();
      long neg = all.size() - pos;
      assertEquals(pos, res.positive());
      assertEquals(neg, res.negative());
      assertOpt(pct(pos, all.size()), res.positivePercent(), "pos");
      assertOpt(pct(neg, all.size()), res.negativePercent(), "neg");
    }
  }
}
