package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
    List<ServiceLevelAccumulator> accs = new ArrayList<>();
    List<Call> all =
        history(
            r,
            60,
            accs,
            () -> ServiceLevelAccumulator.create(policy),
            x -> new Call(x.nextBoolean(), near(x, s, t, n), x.nextInt(4) == 0 ? 999_999 : 0),
            (acc, c) -> {
              Duration d = Duration.ofMillis(c.waitMillis()).plusNanos(c.nanos());
              if (r.nextBoolean()) {
                if (c.answered()) {
                  acc.answered(d);
                } else {
                  acc.abandoned(d);
                }
              } else if (c.answered()) {
                acc.answeredMillis(c.waitMillis());
              } else {
                acc.abandonedMillis(c.waitMillis());
              }
            },
            (acc, c) -> {
              Duration d = Duration.ofMillis(c.waitMillis()).plusNanos(c.nanos());
              if (r.nextBoolean()) {
                if (c.answered()) {
                  acc.retractAnsweredMillis(c.waitMillis());
                } else {
                  acc.retractAbandonedMillis(c.waitMillis());
                }
              } else if (c.answered()) {
                acc.retractAnswered(d);
              } else {
                acc.retractAbandoned(d);
              }
            });
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
    List<RatingAccumulator> accs = new ArrayList<>();
    List<Integer> all =
        history(
            r,
            60,
            accs,
            () -> RatingAccumulator.create(scale),
            x -> {
              int v =
                  x.nextInt(3) == 0
                      ? scale.satisfiedFrom() - 1 + x.nextInt(2)
                      : scale.min() + x.nextInt(scale.points());
              return Math.max(scale.min(), v);
            },
            RatingAccumulator::add,
            RatingAccumulator::retract);
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
    List<NpsAccumulator> accs = new ArrayList<>();
    List<Integer> all =
        history(
            r,
            60,
            accs,
            NpsAccumulator::create,
            x -> x.nextInt(11),
            NpsAccumulator::add,
            NpsAccumulator::retract);
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
    List<HandleTimeAccumulator> accs = new ArrayList<>();
    List<long[]> all =
        history(
            r,
            50,
            accs,
            HandleTimeAccumulator::create,
            x ->
                new long[] {
                  x.nextInt(600_000),
                  x.nextInt(3) == 0 ? 0 : x.nextInt(120_000),
                  x.nextInt(90_000),
                  x.nextInt(3) == 0 ? 999_999 : 0
                },
            (acc, c) -> {
              if (r.nextBoolean()) {
                acc.addMillis(c[0], c[1], c[2]);
              } else {
                acc.add(
                    Duration.ofMillis(c[0]).plusNanos(c[3]),
                    Duration.ofMillis(c[1]).plusNanos(c[3]),
                    Duration.ofMillis(c[2]).plusNanos(c[3]));
              }
            },
            (acc, c) -> {
              if (r.nextBoolean()) {
                acc.retractMillis(c[0], c[1], c[2]);
              } else {
                acc.retract(
                    Duration.ofMillis(c[0]).plusNanos(c[3]),
                    Duration.ofMillis(c[1]).plusNanos(c[3]),
                    Duration.ofMillis(c[2]).plusNanos(c[3]));
              }
            });
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
    List<DurationAccumulator> accs = new ArrayList<>();
    List<long[]> all =
        history(
            r,
            50,
            accs,
            DurationAccumulator::create,
            x ->
                new long[] {
                  x.nextInt(3) == 0 ? x.nextInt(3) : x.nextInt(10_000_000),
                  x.nextInt(3) == 0 ? 999_999 : x.nextInt(1_000_000)
                },
            (acc, c) -> {
              if (r.nextBoolean()) {
                acc.addMillis(c[0]);
              } else {
                acc.add(Duration.ofMillis(c[0]).plusNanos(c[1]));
              }
            },
            (acc, c) -> {
              if (r.nextBoolean()) {
                acc.retractMillis(c[0]);
              } else {
                acc.retract(Duration.ofMillis(c[0]).plusNanos(c[1]));
              }
            });
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
    List<OutcomeAccumulator> accs = new ArrayList<>();
    List<Boolean> all =
        history(
            r,
            50,
            accs,
            OutcomeAccumulator::create,
            Random::nextBoolean,
            OutcomeAccumulator::add,
            OutcomeAccumulator::retract);
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

  /**
   * A random history of at most {@code maxOps} steps over 1 to 4 shards of fresh accumulators
   * (added to {@code accs}): each step adds a drawn observation to a shard, or (one in four, if it
   * holds any) retracts one it holds. Returns the observations still held, all shards together.
   */
  private static <A, T> List<T> history(
      Random r,
      int maxOps,
      List<A> accs,
      Supplier<A> create,
      Function<Random, T> draw,
      BiConsumer<A, T> add,
      BiConsumer<A, T> retract) {
    int shards = 1 + r.nextInt(4);
    List<List<T>> live = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      accs.add(create.get());
      live.add(new ArrayList<>());
    }
    for (int i = r.nextInt(maxOps); i > 0; i--) {
      int sh = r.nextInt(shards);
      List<T> l = live.get(sh);
      if (!l.isEmpty() && r.nextInt(4) == 0) {
        retract.accept(accs.get(sh), l.remove(r.nextInt(l.size())));
      } else {
        T c = draw.apply(r);
        l.add(c);
        add.accept(accs.get(sh), c);
      }
    }
    List<T> all = new ArrayList<>();
    live.forEach(all::addAll);
    return all;
  }
}
