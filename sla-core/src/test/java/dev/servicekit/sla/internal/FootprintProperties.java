package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Weekly footprints: the interval algebra agrees with a bitmap of the week (in minutes), a rule
 * timeline's open seconds always lie inside its footprint, and years that the footprints (or the
 * learned bounds) prove empty are never generated.
 */
class FootprintProperties {
  private static final int MINUTES = 7 * 24 * 60;

  @Property(tries = 300)
  void unionAndIntersectionAgreeWithABitmapOfTheWeek(
      @ForAll long seed, @ForAll @IntRange(max = 6) int n, @ForAll @IntRange(max = 6) int m) {
    Random r = new Random(seed);
    long[] f = random(r, n);
    long[] g = random(r, m);
    // canonical: equal sets have equal arrays
    assertEquals(bits(f).equals(bits(g)), java.util.Arrays.equals(f, g));
    BitSet union = bits(f);
    union.or(bits(g));
    BitSet inter = bits(f);
    inter.and(bits(g));
    assertEquals(union, bits(Footprint.union(f, g)));
    assertEquals(inter, bits(Footprint.intersection(f, g)));
    assertCanonical(Footprint.union(f, g));
    assertCanonical(Footprint.intersection(f, g));
  }

  @Property(tries = 300)
  void wrapCoversExactlyTheIntervalModuloTheWeek(
      @ForAll @IntRange(min = -20_000, max = 20_000) int startMinute,
      @ForAll @IntRange(min = 0, max = MINUTES - 1) int lengthMinutes) {
    long[] w = Footprint.wrap(startMinute * 60L, lengthMinutes * 60L);
    BitSet expected = new BitSet();
    for (int i = 0; i < lengthMinutes; i++) {
      expected.set(Math.floorMod(startMinute + i, MINUTES));
    }
    assertEquals(expected, bits(w));
    assertCanonical(w);
  }

  @Test
  void weekPositionsStartOnMondayMidnightUtc() {
    long monday = LocalDate.of(2026, 12, 7).toEpochDay() * 86_400L;
    assertEquals(0, Footprint.position(monday));
    assertEquals(Footprint.WEEK - 1, Footprint.position(monday - 1));
    assertEquals(3 * 86_400L, Footprint.position(0)); // 1970-01-01 was a Thursday
  }

  @Property(tries = 60)
  void everyOpenSecondOfARuleTimelineLiesInItsFootprint(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 399) int year) {
    Random r = new Random(seed);
    List<String> zones = List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC");
    RuleTimeline t = rules(r, ZoneId.of(zones.get(r.nextInt(zones.size()))), new TreeMap<>());
    long[] f = t.footprint(year);
    Chunk c = t.chunk(year);
    for (int i = 0; i < c.n; i++) {
      for (long s = c.starts[i]; s < c.ends[i]; s += 600) {
        assertTrue(contains(f, Footprint.position(s)), "second " + s + " of year " + year);
      }
      assertTrue(contains(f, Footprint.position(c.ends[i] - 1)));
    }
  }

  @Test
  void anExceptionWithHoursVoidsTheFootprintOfItsYearOnly() {
    SortedMap<LocalDate, int[]> ex = new TreeMap<>();
    ex.put(LocalDate.of(2000, 6, 1), new int[] {36_000, 39_600});
    ex.put(LocalDate.of(2001, 6, 1), new int[0]); // a holiday only removes time
    RuleTimeline t = new RuleTimeline(ZoneOffset.UTC, emptyWeek(), ex);
    assertNull(t.footprint(100));
    assertArrayEquals(new long[0], t.footprint(101));
    assertArrayEquals(new long[0], t.footprint(99));
    assertTrue(t.knownEmpty(99) && t.knownEmpty(101));
    assertFalse(t.knownEmpty(100));
    // the days two either side of a year belong to its window (night shifts cross new year)
    SortedMap<LocalDate, int[]> edge = new TreeMap<>();
    edge.put(LocalDate.of(2000, 12, 30), new int[] {82_800, 90_000});
    RuleTimeline e = new RuleTimeline(ZoneOffset.UTC, emptyWeek(), edge);
    assertNull(e.footprint(100));
    assertNull(e.footprint(101));
    assertArrayEquals(new long[0], e.footprint(102));
  }

  @Test
  void disjointOperandsProveAnIntersectionEmptyWithoutGeneratingAnyYear() {
    int[][] weekdays = emptyWeek();
    int[][] saturday = emptyWeek();
    for (int d = 0; d < 5; d++) {
      weekdays[d] = new int[] {9 * 3600, 17 * 3600};
    }
    saturday[5] = new int[] {10 * 3600, 14 * 3600};
    Counting a = new Counting(ZoneId.of("Europe/Berlin"), weekdays);
    Counting b = new Counting(ZoneId.of("America/New_York"), saturday);
    MergedTimeline both = new MergedTimeline(a, b, false);
    assertEquals(List.of(), both.openPeriods(Timeline.MIN, Timeline.MAX.minusSeconds(86_400)));
    assertNull(both.plus(Timeline.chunkStart(50), 0, 60, 0));
    assertNull(both.minus(Timeline.chunkStart(350), 0, 60, 0));
    assertNull(both.nextOpen(Timeline.chunkStart(50), 0));
    assertEquals(0, a.computed.get() + b.computed.get(), "operand years generated");
    // the union of the two is not empty, and its years are generated when asked
    MergedTimeline either = new MergedTimeline(a, b, true);
    assertFalse(either.knownEmpty(50));
    assertTrue(either.total(50) > 0);
    assertTrue(a.computed.get() > 0 && b.computed.get() > 0);
  }

  @Test
  void aSideKnownEmptyEmptiesTheIntersectionInEitherOrder() {
    int[][] always = emptyWeek();
    for (int d = 0; d < 7; d++) {
      always[d] = new int[] {0, 86_400};
    }
    SortedMap<LocalDate, int[]> oneDay = new TreeMap<>();
    oneDay.put(LocalDate.of(1950, 6, 1), new int[] {36_000, 43_200});
    oneDay.put(LocalDate.of(2250, 6, 1), new int[] {36_000, 43_200});
    for (boolean swap : new boolean[] {false, true}) {
      Counting dense = new Counting(ZoneId.of("Europe/Berlin"), always);
      RuleTimeline sparse = new RuleTimeline(ZoneOffset.UTC, emptyWeek(), oneDay);
      MergedTimeline both =
          swap
              ? new MergedTimeline(sparse, dense, false)
              : new MergedTimeline(dense, sparse, false);
      assertEquals(
          java.time.Instant.parse("1950-06-01T10:30:00Z"),
          both.plus(Timeline.chunkStart(2), 0, 1800, 0));
      // only 1950 of the dense side is generated (once for its total, once to answer in it)
      assertTrue(dense.computed.get() <= 2, dense.computed + " dense years, swapped=" + swap);
    }
  }

  @Test
  void aNestedIntersectionIsProvedEmptyByTheFootprintOfItsKnownSide() {
    int[][] mondays = emptyWeek();
    mondays[0] = new int[] {9 * 3600, 17 * 3600};
    int[][] saturdays = emptyWeek();
    saturdays[5] = new int[] {10 * 3600, 14 * 3600};
    // a Monday of 2100 with its own hours: a's footprint of that year is unknown (null)
    SortedMap<LocalDate, int[]> special = new TreeMap<>();
    special.put(LocalDate.of(2100, 6, 7), new int[] {8 * 3600, 18 * 3600});
    int year = 2100 - Timeline.FIRST_YEAR;
    for (boolean swap : new boolean[] {false, true}) {
      Counting a = new Counting(ZoneOffset.UTC, mondays, special);
      Counting b = new Counting(ZoneOffset.UTC, mondays);
      Counting c = new Counting(ZoneOffset.UTC, saturdays);
      assertNull(a.footprint(year));
      // (a ∩ b) ∩ c: the inner merge stands for b's Mondays, which never meet c's Saturdays
      MergedTimeline inner =
          swap ? new MergedTimeline(b, a, false) : new MergedTimeline(a, b, false);
      MergedTimeline both = new MergedTimeline(inner, c, false);
      assertArrayEquals(b.footprint(year), inner.footprint(year));
      assertEquals(0, both.total(year));
      assertEquals(
          java.time.Duration.ZERO,
          both.between(Timeline.chunkStart(year), 0, Timeline.chunkStart(year + 1) - 1, 0));
      assertEquals(0, a.computed.get() + b.computed.get() + c.computed.get(), "swap=" + swap);
    }
  }

  /** A rule timeline that counts the years it generates. */
  private static final class Counting extends Timeline {
    final RuleTimeline inner;
    final AtomicInteger computed = new AtomicInteger();

    Counting(ZoneId zone, int[][] week) {
      this(zone, week, new TreeMap<>());
    }

    Counting(ZoneId zone, int[][] week, SortedMap<LocalDate, int[]> exceptions) {
      inner = new RuleTimeline(zone, week, exceptions);
    }

    @Override
    protected Chunk compute(int k) {
      computed.incrementAndGet();
      return inner.compute(k);
    }

    @Override
    public int lastWorkChunk() {
      return inner.lastWorkChunk();
    }

    @Override
    public int firstWorkChunk() {
      return inner.firstWorkChunk();
    }

    @Override
    public int alwaysOpenFromChunk() {
      return inner.alwaysOpenFromChunk();
    }

    @Override
    long[] footprint(int k) {
      return inner.footprint(k);
    }
  }

  private static int[][] emptyWeek() {
    int[][] w = new int[7][];
    for (int d = 0; d < 7; d++) {
      w[d] = new int[0];
    }
    return w;
  }

  private static RuleTimeline rules(Random r, ZoneId zone, SortedMap<LocalDate, int[]> ex) {
    int[][] w = emptyWeek();
    for (int d = 0; d < 7; d++) {
      if (r.nextBoolean()) {
        int start = r.nextInt(86_400 / 900) * 900;
        int len = (1 + r.nextInt(86_400 / 900)) * 900;
        w[d] = new int[] {start, start + len};
      }
    }
    return new RuleTimeline(zone, w, ex);
  }

  /** A random footprint with whole-minute bounds, built through the algebra under test. */
  private static long[] random(Random r, int n) {
    long[] f = Footprint.EMPTY;
    for (int i = 0; i < n; i++) {
      f =
          Footprint.union(
              f, Footprint.wrap(r.nextInt(MINUTES) * 60L, r.nextInt(MINUTES / 3) * 60L));
    }
    return f;
  }

  private static BitSet bits(long[] f) {
    BitSet b = new BitSet(MINUTES);
    for (int i = 0; i < f.length; i += 2) {
      for (long s = f[i]; s < f[i + 1]; s += 60) {
        b.set((int) (s / 60));
      }
    }
    return b;
  }

  /** Sorted, non-empty, disjoint and non-touching intervals inside the week. */
  private static void assertCanonical(long[] f) {
    assertEquals(0, f.length % 2);
    for (int i = 0; i < f.length; i += 2) {
      assertTrue(0 <= f[i] && f[i] < f[i + 1] && f[i + 1] <= Footprint.WEEK, "interval " + i);
      if (i > 0) {
        assertTrue(f[i - 1] < f[i], "touching or overlapping at " + i);
      }
    }
  }

  private static boolean contains(long[] f, long position) {
    for (int i = 0; i < f.length; i += 2) {
      if (f[i] <= position && position < f[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
