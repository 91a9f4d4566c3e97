package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The day-indexed {@link Chunk#floor} agrees with a linear scan, inside and outside the chunk. */
class ChunkProperties {

  @Property(tries = 200)
  void floorEqualsLinearScan(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int count,
      @ForAll @IntRange(min = 1, max = 20_000) int maxGap) {
    Random r = new Random(seed);
    long start = 1_767_225_600L; // 2026-01-01T00:00Z
    long end = start + 365 * 86_400L + r.nextInt(2) * 86_400L;
    long[] s = new long[count];
    long[] e = new long[count];
    long t = start - r.nextInt(10_000);
    for (int i = 0; i < count; i++) {
      t += r.nextInt(maxGap * 10) + 1;
      s[i] = t;
      t += r.nextInt(maxGap) + 1;
      e[i] = t;
    }
    Chunk c = Chunk.of(start, end, s, e, count);
    for (int k = 0; k < 2_000; k++) {
      long q = start - 100_000 + (long) (r.nextDouble() * (end - start + 200_000));
      if (k < c.n) {
        q = c.starts[k] + r.nextInt(3) - 1; // at, just before and just after a start
      }
      int expected = -1;
      for (int i = 0; i < c.n; i++) {
        if (c.starts[i] <= q) {
          expected = i;
        }
      }
      assertEquals(expected, c.floor(q), "floor(" + q + ")");
    }
  }
}
