package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Exact results of the interval kernels at their edges: touching intervals merge, zero-length ones
 * vanish, unsorted input is sorted, and a chunk's end is outside it (mutation testing, issue 14).
 */
class ChunkFootprintBoundaryTest {
  private static final long DAY = 86_400L;

  @Test
  void footprintUnionMergesTouchingIntervals() {
    assertArrayEquals(new long[] {0, 20}, Footprint.union(new long[] {0, 10}, new long[] {10, 20}));
    assertArrayEquals(new long[] {0, 20}, Footprint.union(new long[] {10, 20}, new long[] {0, 10}));
    assertArrayEquals(
        new long[] {0, 10, 11, 20}, Footprint.union(new long[] {0, 10}, new long[] {11, 20}));
  }

  @Test
  void footprintIntersectionOfTouchingIntervalsIsEmpty() {
    assertArrayEquals(new long[0], Footprint.intersection(new long[] {0, 10}, new long[] {10, 20}));
    assertArrayEquals(
        new long[] {9, 10}, Footprint.intersection(new long[] {0, 10}, new long[] {9, 20}));
  }

  @Test
  void chunkSortsReversedInputAndMergesTouchingIntervals() {
    Chunk c = Chunk.of(0, DAY, new long[] {5 * 3600, 0}, new long[] {DAY, 5 * 3600}, 2);
    assertEquals(1, c.n);
    assertTrue(c.full());
    assertEquals(DAY, c.total());
    Chunk gap = Chunk.of(0, DAY, new long[] {100, 0}, new long[] {DAY, 50}, 2);
    assertEquals(2, gap.n);
    assertFalse(gap.full());
    assertEquals(0, gap.starts[0]);
    assertEquals(100, gap.starts[1]);
    assertEquals(-1, gap.floor(-1));
    assertEquals(0, gap.floor(99));
    assertEquals(1, gap.floor(100));
  }

  @Test
  void chunkDropsZeroLengthAndClippedAwayIntervalsAndTrimsItsArrays() {
    Chunk c = Chunk.of(0, 2 * DAY, new long[] {500, 3000, -10}, new long[] {500, 4000, 0}, 3);
    assertEquals(1, c.n);
    assertEquals(1, c.starts.length);
    assertEquals(1, c.ends.length);
    assertEquals(-1, c.floor(500));
    assertEquals(0, c.floor(3000));
    assertEquals(1000, c.total());
  }

  @Test
  void floorAtAndPastTheChunkEndSearchesAllIntervals() {
    Chunk c = Chunk.of(0, 2 * DAY, new long[] {100, DAY + 100}, new long[] {200, DAY + 200}, 2);
    assertEquals(1, c.floor(2 * DAY));
    assertEquals(1, c.floor(3 * DAY));
    assertEquals(0, c.floor(DAY));
    assertEquals(-1, c.floor(0));
    assertFalse(c.openAt(2 * DAY));
    assertTrue(c.openAt(DAY + 100));
  }

  @Test
  void clampedChunkOfMapsTheSupportedEndToTheLastChunk() {
    long end = Timeline.chunkStart(Timeline.YEARS);
    assertEquals(Timeline.YEARS - 1, Timeline.clampedChunkOf(end));
    assertEquals(Timeline.YEARS - 1, Timeline.clampedChunkOf(end - 1));
    assertEquals(Timeline.YEARS - 1, Timeline.clampedChunkOf(Long.MAX_VALUE));
    assertEquals(0, Timeline.clampedChunkOf(Timeline.chunkStart(0)));
    assertEquals(0, Timeline.clampedChunkOf(Long.MIN_VALUE));
    assertEquals(1, Timeline.clampedChunkOf(Timeline.chunkStart(1)));
  }
}
