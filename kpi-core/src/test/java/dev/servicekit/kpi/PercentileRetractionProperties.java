package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Retraction from a percentile sketch against two oracles: a sketch built from scratch of the
 * observations left (bucket for bucket: the same snapshot bytes), and the sorted list of those
 * observations (the rank value within the relative accuracy). A retraction is refused exactly when
 * no added observation shares its bucket, by the index mapping DDSketch gives the accumulator (its
 * cubically interpolated one), and then changes nothing.
 */
class PercentileRetractionProperties {

  private static final double[] QUANTILES = {0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};

  private static long value(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return 0;
      case 1:
        return 1 + r.nextInt(20);
      case 2:
        return Long.MAX_VALUE - r.nextInt(1000);
      default:
        return (long) Math.pow(10, 1 + 8 * r.nextDouble());
    }
  }

  @Property(tries = 300)
  void retractingWhatWasAddedLeavesTheSketchOfWhatRemains(@ForAll Random r) {
    double accuracy = r.nextBoolean() ? 0.01 : 0.001 + 0.2 * r.nextDouble();
    PercentileAccumulator acc = PercentileAccumulator.create(accuracy);
    List<Long> held = new ArrayList<>();
    for (int step = r.nextInt(200); step > 0; step--) {
      if (held.isEmpty() || r.nextInt(3) > 0) {
        long v = r.nextInt(5) == 0 && !held.isEmpty() ? held.get(r.nextInt(held.size())) : value(r);
        if (r.nextBoolean()) {
          acc.addMillis(v);
        } else {
          acc.add(Duration.ofMillis(v).plusNanos(r.nextInt(1_000_000)));
        }
        held.add(v);
      } else {
        long v = held.remove(r.nextInt(held.size()));
        if (r.nextBoolean()) {
          acc.retractMillis(v);
        } else {
          acc.retract(Duration.ofMillis(v).plusNanos(r.nextInt(1_000_000)));
        }
      }
      if (r.nextInt(40) == 0) {
        acc =
            r.nextBoolean()
                ? PercentileAccumulator.fromBytes(acc.toBytes())
                : PercentileAccumulator.fromJson(acc.toJson());
      }
    }
    PercentileAccumulator fresh = PercentileAccumulator.create(accuracy);
    List<Long> shuffled = new ArrayList<>(held);
    Collections.shuffle(shuffled, r);
    shuffled.forEach(fresh::addMillis);

    assertEquals(held.size(), acc.count());
    assertEquals(held.isEmpty(), acc.isEmpty());
    assertArrayEquals(fresh.toBytes(), acc.toBytes());
    assertEquals(fresh.result(), acc.result());
    long[] sorted = held.stream().mapToLong(Long::longValue).sorted().toArray();
    for (double q : QUANTILES) {
      assertEquals(fresh.quantileMillis(q), acc.quantileMillis(q), "q=" + q);
      if (sorted.length > 0) {
        double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
        double v = acc.quantileMillis(q).getAsDouble();
        assertTrue(
            Math.abs(v - exact) <= accuracy * exact * (1 + 1e-12),
            "q=" + q + " exact=" + exact + " sketch=" + v);
      }
    }
    PercentileAccumulator back = PercentileAccumulator.fromBytes(acc.toBytes());
    assertArrayEquals(acc.toBytes(), back.toBytes());
  }

  @Property(tries = 300)
  void aRetractionIsRefusedExactlyWhenItsBucketIsEmptyAndThenChangesNothing(@ForAll Random r) {
    double accuracy = r.nextBoolean() ? 0.01 : 0.3;
    CubicallyInterpolatedMapping mapping = new CubicallyInterpolatedMapping(accuracy);
    PercentileAccumulator acc = PercentileAccumulator.create(accuracy);
    List<Long> added = new ArrayList<>();
    for (int i = r.nextInt(6); i > 0; i--) {
      long v = value(r);
      acc.addMillis(v);
      added.add(v);
    }
    long near = added.isEmpty() ? 0 : added.get(0);
    long probe =
        r.nextBoolean() && !added.isEmpty()
            ? near > Long.MAX_VALUE / 2 ? near - r.nextInt(40) : near + r.nextInt(40)
            : value(r);
    boolean shared =
        added.stream()
            .anyMatch(
                a -> a == 0 ? probe == 0 : probe != 0 && mapping.index(a) == mapping.index(probe));
    byte[] before = acc.toBytes();
    if (shared) {
      acc.retractMillis(probe);
      assertEquals(added.size() - 1, acc.count());
    } else {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> acc.retractMillis(probe));
      assertTrue(
          e.getMessage().startsWith("cannot retract duration " + probe + " ms: no observation"),
          e.getMessage());
      assertArrayEquals(before, acc.toBytes());
    }
  }

  @Property(tries = 100)
  void retractionCommutesWithMerge(@ForAll Random r) {
    PercentileAccumulator a = PercentileAccumulator.create();
    PercentileAccumulator b = PercentileAccumulator.create();
    List<Long> inA = new ArrayList<>();
    for (int i = 1 + r.nextInt(50); i > 0; i--) {
      long v = value(r);
      a.addMillis(v);
      inA.add(v);
    }
    for (int i = r.nextInt(50); i > 0; i--) {
      b.addMillis(value(r));
    }
    long gone = inA.get(r.nextInt(inA.size()));
    PercentileAccumulator retractThenMerge = a.copy();
    retractThenMerge.retractMillis(gone);
    retractThenMerge.merge(b);
    PercentileAccumulator mergeThenRetract = a.copy();
    mergeThenRetract.merge(b);
    mergeThenRetract.retractMillis(gone);
    assertArrayEquals(retractThenMerge.toBytes(), mergeThenRetract.toBytes());
    // the copy is independent of what it was copied from
    assertEquals(inA.size(), a.count());
  }

  @Example
  void aNegativeOrNullRetractionIsRefusedByName() {
    PercentileAccumulator acc = PercentileAccumulator.create();
    acc.addMillis(5);
    assertEquals(
        "duration -1 ms must be >= 0",
        assertThrows(IllegalArgumentException.class, () -> acc.retractMillis(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> acc.retract(Duration.ofNanos(-1)));
    assertThrows(NullPointerException.class, () -> acc.retract(null));
    assertEquals(1, acc.count());
  }

  @Example
  void aRevisedResponseTimeMovesTheMedianWithoutARebuild() {
    PercentileAccumulator frt = PercentileAccumulator.create();
    for (int minutes : new int[] {1, 2, 3, 4, 50}) {
      frt.add(Duration.ofMinutes(minutes));
    }
    // the 50-minute reply was logged against the wrong ticket: it was 5 minutes
    frt.retract(Duration.ofMinutes(50));
    frt.add(Duration.ofMinutes(5));
    assertEquals(5, frt.count());
    assertEquals(180_000, frt.quantileMillis(0.5).getAsDouble(), 1_800);
    assertEquals(300_000, frt.quantileMillis(1).getAsDouble(), 3_000);
  }

  @Example
  void aWindowRetractsFromItsOwnSketch() {
    WindowSpec hourly = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
    WindowedKpi<String, PercentileAccumulator> w =
        WindowedKpi.create(PercentileAccumulator::create, hourly, Duration.ofDays(1));
    Instant t = Instant.parse("2026-12-07T10:15:00Z");
    w.record("chat", t, a -> a.addMillis(60_000));
    w.record("chat", t, a -> a.addMillis(120_000));
    w.record("chat", t.plusSeconds(5), a -> a.retractMillis(60_000));
    assertEquals(1, w.allTime("chat").count());
    assertThrows(
        IllegalArgumentException.class,
        () -> w.record("chat", t.plusSeconds(3600), a -> a.retractMillis(120_000)));
    assertEquals(1, w.allTime("chat").count());
  }

  /**
   * Updates of several calls (adds, retractions, merges; some refused part-way, some retracting
   * what only another window or only the all-time holds) leave a windowed table exactly as if only
   * the accepted updates had been recorded: a refused one is undone on both accumulators.
   */
  @Property(tries = 200)
  void aRefusedUpdateOfSeveralCallsIsUndoneInTheWindowAndTheAllTime(@ForAll Random r) {
    WindowSpec hourly = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
    WindowedKpi<String, PercentileAccumulator> kpi =
        WindowedKpi.create(PercentileAccumulator::create, hourly, Duration.ofHours(1));
    WindowedKpi<String, PercentileAccumulator> accepted =
        WindowedKpi.create(PercentileAccumulator::create, hourly, Duration.ofHours(1));
    Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
    for (int step = r.nextInt(60); step > 0; step--) {
      List<long[]> calls = new ArrayList<>();
      for (int c = 1 + r.nextInt(4); c > 0; c--) {
        calls.add(new long[] {r.nextInt(3), r.nextInt(4) * 1_000L});
      }
      java.util.function.Consumer<PercentileAccumulator> update =
          a -> {
            for (long[] call : calls) {
              if (call[0] == 0) {
                a.addMillis(call[1]);
              } else if (call[0] == 1) {
                a.retractMillis(call[1]);
              } else {
                PercentileAccumulator other = PercentileAccumulator.create();
                other.addMillis(call[1] + 7);
                a.merge(other);
              }
            }
          };
      String group = "g" + r.nextInt(2);
      Instant at = t0.plusSeconds(r.nextInt(4 * 3600));
      String before = kpi.toJson(k -> k);
      try {
        kpi.record(group, at, update);
      } catch (IllegalArgumentException refused) {
        assertEquals(before, kpi.toJson(k -> k), calls.size() + " calls refused: " + refused);
        continue;
      }
      accepted.record(group, at, update);
      assertEquals(accepted.toJson(k -> k), kpi.toJson(k -> k));
    }
  }
}
