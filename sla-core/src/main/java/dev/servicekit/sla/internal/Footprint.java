package dev.servicekit.sla.internal;

import java.util.Arrays;

/**
 * Weekly footprints: sorted, disjoint, non-touching intervals {@code [s0, e0, s1, e1, ...]} of
 * positions in the UTC week ({@code 0} = Monday 00:00 UTC, {@link #WEEK} exclusive). A timeline's
 * footprint contains the week position of every open second of every year for which the timeline
 * says the footprint holds, so an empty footprint (or an empty intersection of two) proves a year
 * empty without generating it. Not API. Stateless.
 */
final class Footprint {
  /** Seconds in a week. */
  static final long WEEK = 7 * 86_400L;

  /** The empty footprint. */
  static final long[] EMPTY = new long[0];

  private Footprint() {}

  /** Week position of an epoch second (1970-01-01 was a Thursday). */
  static long position(long epochSecond) {
    return Math.floorMod(epochSecond + 3 * 86_400L, WEEK);
  }

  /**
   * The footprint of {@code [start, start + length)} taken modulo the week, for {@code 0 <= length
   * < WEEK}.
   */
  static long[] wrap(long start, long length) {
    long s = Math.floorMod(start, WEEK);
    long e = s + length;
    if (length <= 0) {
      return EMPTY;
    }
    if (e <= WEEK) {
      return new long[] {s, e};
    }
    return new long[] {0, e - WEEK, s, WEEK};
  }

  /** The union of two footprints. */
  static long[] union(long[] f, long[] g) {
    long[] out = new long[f.length + g.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < f.length || j < g.length) {
      long s;
      long e;
      if (j >= g.length || (i < f.length && f[i] <= g[j])) {
        s = f[i];
        e = f[i + 1];
        i += 2;
      } else {
        s = g[j];
        e = g[j + 1];
        j += 2;
      }
      if (n > 0 && s <= out[n - 1]) {
        out[n - 1] = Math.max(out[n - 1], e);
      } else {
        out[n++] = s;
        out[n++] = e;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The intersection of two footprints. */
  static long[] intersection(long[] f, long[] g) {
    long[] out = new long[f.length + g.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < f.length && j < g.length) {
      long s = Math.max(f[i], g[j]);
      long e = Math.min(f[i + 1], g[j + 1]);
      if (s < e) {
        out[n++] = s;
        out[n++] = e;
      }
      if (f[i + 1] < g[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
