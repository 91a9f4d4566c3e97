package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The runs of empty years a {@link Timeline} keeps from earlier walks never change an answer: a
 * timeline that has answered a long sequence of queries (and so learned many runs, from many
 * starting years, in both directions) answers every query exactly as a fresh timeline of the same
 * years, which has learned nothing; also when several threads share the learning timeline. The
 * timelines have loose static bounds (every year may have work), so only the walks learn.
 */
class TimelineEmptyRunsProperties {

  /** Work in a few random years only: one interval per such year, static bounds all open. */
  static final class Sparse extends Timeline {
    private final long[] start = new long[YEARS];
    private final long[] length = new long[YEARS];

    Sparse(long seed) {
      Random r = new Random(seed);
      int years = r.nextInt(6); // zero to five years with work
      for (int i = 0; i < years; i++) {
        int k = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0 : YEARS - 1) : r.nextInt(YEARS);
        long span = chunkStart(k + 1) - chunkStart(k);
        long len = 1 + r.nextInt(86_400 * 3);
        start[k] = chunkStart(k) + (long) (r.nextDouble() * (span - len));
        length[k] = len;
      }
    }

    @Override
    protected Chunk compute(int k) {
      int n = length[k] > 0 ? 1 : 0;
      long[] s = {start[k]};
      long[] e = {start[k] + length[k]};
      return Chunk.of(chunkStart(k), chunkStart(k + 1), s, e, n);
    }

    @Override
    public int lastWorkChunk() {
      return YEARS - 1;
    }

    @Override
    public int firstWorkChunk() {
      return 0;
    }

    @Override
    public int alwaysOpenFromChunk() {
      return YEARS;
    }

    @Override
    long[] footprint(int k) {
      return null;
    }
  }

  private static final long LO = Timeline.chunkStart(0);
  private static final long HI = Timeline.chunkStart(Timeline.YEARS) - 1;

  /** One query, answered as a string so that answers compare with equals. */
  private static String ask(Timeline t, Random r) {
    long a = LO + (long) (r.nextDouble() * (HI - LO));
    long b = LO + (long) (r.nextDouble() * (HI - LO));
    long from = Math.min(a, b);
    long to = Math.max(a, b);
    long d = 1 + (long) (r.nextDouble() * (r.nextBoolean() ? 86_400 * 4 : 86_400L * 365 * 50));
    int nano = r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000);
    return switch (r.nextInt(6)) {
      case 0 -> "between " + t.between(from, 0, to, nano);
      case 1 -> "plus " + t.plus(a, nano, d, 0);
      case 2 -> "minus " + t.minus(a, nano, d, 0);
      case 3 -> "nextOpen " + t.nextOpen(a, nano);
      case 4 ->
          "openPeriods " + t.openPeriods(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
      default -> "isOpen " + t.isOpen(a);
    };
  }

  @Property(tries = 30)
  void learnedRunsNeverChangeAnAnswer(@ForAll long seed) {
    Sparse learning = new Sparse(seed);
    Random r = new Random(seed);
    for (int q = 0; q < 60; q++) {
      long querySeed = r.nextLong();
      String expected = ask(new Sparse(seed), new Random(querySeed));
      assertEquals(expected, ask(learning, new Random(querySeed)), "query " + q);
    }
  }

  @Property(tries = 20)
  void aWholeRangeWalkRepeatedAnswersTheSame(@ForAll long seed) {
    Sparse t = new Sparse(seed);
    Instant from = Instant.ofEpochSecond(LO);
    Instant to = Instant.ofEpochSecond(HI);
    List<Instant> first = t.openPeriods(from, to);
    Duration all = t.between(LO, 0, HI, 0);
    for (int i = 0; i < 3; i++) {
      assertEquals(first, t.openPeriods(from, to));
      assertEquals(all, t.between(LO, 0, HI, 0));
      assertEquals(first, new Sparse(seed).openPeriods(from, to));
    }
    // after the walks, searches from either end jump over what the walks learned
    Sparse fresh = new Sparse(seed);
    assertEquals(fresh.nextOpen(LO, 0), t.nextOpen(LO, 0));
    assertEquals(fresh.plus(LO, 0, 1, 0), t.plus(LO, 0, 1, 0));
    assertEquals(fresh.minus(HI, 0, 1, 0), t.minus(HI, 0, 1, 0));
  }

  @Test
  void threadsSharingOneTimelineGetTheAnswersOfAFreshOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (long seed = 1; seed <= 8; seed++) {
        Sparse shared = new Sparse(seed);
        long s = seed;
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          long worker = w;
          futures.add(
              pool.submit(
                  () -> {
                    Random r = new Random(s * 31 + worker);
                    for (int q = 0; q < 100; q++) {
                      long querySeed = r.nextLong();
                      String expected = ask(new Sparse(s), new Random(querySeed));
                      String got = ask(shared, new Random(querySeed));
                      if (!Objects.equals(expected, got)) {
                        throw new AssertionError(expected + " != " + got);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
