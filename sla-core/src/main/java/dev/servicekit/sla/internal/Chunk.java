package dev.servicekit.sla.internal;

import java.util.Arrays;

/**
 * The merged open intervals of one UTC year, as sorted epoch-second arrays with a prefix sum of
 * business seconds. Not API. Immutable and thread-safe once published.
 */
public final class Chunk {
  /** Chunk bounds in epoch seconds, {@code [start, end)}. */
  final long start;

  final long end;

  /** Number of intervals. */
  final int n;

  /**
   * Interval starts (inclusive) and ends (exclusive), strictly increasing, disjoint, non-adjacent.
   */
  final long[] starts;

  final long[] ends;

  /** {@code cum[i]} = business seconds in the chunk before interval {@code i}; length n + 1. */
  final long[] cum;

  private static final long DAY = 86_400L;

  /**
   * {@code dayFloor[d]} = {@code floor(start + d * DAY)} (searched once here), so that a lookup
   * only searches the intervals starting within one day instead of the whole year.
   */
  private final int[] dayFloor;

  Chunk(long start, long end, long[] starts, long[] ends, int n) {
    this.start = start;
    this.end = end;
    this.n = n;
    this.starts = starts;
    this.ends = ends;
    this.cum = new long[n + 1];
    for (int i = 0; i < n; i++) {
      cum[i + 1] = cum[i] + (ends[i] - starts[i]);
    }
    int days = (int) -Math.floorDiv(start - end, DAY); // whole days, rounded up
    this.dayFloor = new int[days + 1];
    int i = -1;
    for (int d = 0; d <= days; d++) {
      long t = start + d * DAY;
      while (i + 1 < n && starts[i + 1] <= t) {
        i++;
      }
      dayFloor[d] = i;
    }
  }

  long total() {
    return cum[n];
  }

  /** Whether the chunk is one interval covering all of it. */
  boolean full() {
    return n == 1 && starts[0] == start && ends[0] == end;
  }

  /**
   * Index of the last interval whose start is {@code <= s}, or -1. O(log intervals starting that
   * day) inside the chunk, O(1) outside.
   */
  int floor(long s) {
    if (Long.compareUnsigned(s - start, end - start) < 0) { // start <= s < end
      int d = (int) ((s - start) / DAY);
      // floor(s) lies in [dayFloor[d], dayFloor[d + 1]]; search the interval indices above the
      // lower
      int lo = dayFloor[d] + 1;
      int hi = dayFloor[d + 1];
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (starts[mid] <= s) {
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return lo - 1;
    }
    // every interval lies inside the chunk
    return s >= end ? n - 1 : -1;
  }

  /** Whether whole second {@code s} is open. O(log n). */
  boolean openAt(long s) {
    int i = floor(s);
    return i >= 0 && s < ends[i];
  }

  /**
   * Sorts intervals by start (insertion sort: callers pass nearly sorted input), merges overlapping
   * or touching ones and clips them to the chunk bounds. The input arrays are reordered in place.
   */
  static Chunk of(long start, long end, long[] s, long[] e, int count) {
    // Inputs are nearly sorted (generated date by date); insertion sort is O(n) then.
    for (int i = 1; i < count; i++) {
      long ks = s[i];
      long ke = e[i];
      int j = i - 1;
      while (j >= 0 && s[j] > ks) {
        s[j + 1] = s[j];
        e[j + 1] = e[j];
        j--;
      }
      s[j + 1] = ks;
      e[j + 1] = ke;
    }
    long[] rs = new long[count];
    long[] re = new long[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      long a = Math.max(s[i], start);
      long b = Math.min(e[i], end);
      if (a >= b) {
        continue;
      }
      if (n > 0 && a <= re[n - 1]) {
        re[n - 1] = Math.max(re[n - 1], b);
      } else {
        rs[n] = a;
        re[n] = b;
        n++;
      }
    }
    return new Chunk(start, end, Arrays.copyOf(rs, n), Arrays.copyOf(re, n), n);
  }
}
