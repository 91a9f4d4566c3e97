package dev.servicekit.sla.internal;

/**
 * The union or intersection of two timelines, chunk by chunk (chunks are UTC years for every
 * timeline, so zones may differ). Not API. Immutable and thread-safe.
 */
public final class MergedTimeline extends Timeline {
  private final Timeline a;
  private final Timeline b;
  private final boolean union;

  /**
   * Creates the merge.
   *
   * @param a the first timeline
   * @param b the second timeline
   * @param union true for union (open if either is), false for intersection (open if both are)
   */
  public MergedTimeline(Timeline a, Timeline b, boolean union) {
    this.a = a;
    this.b = b;
    this.union = union;
  }

  @Override
  long[] footprint(int k) {
    long[] f = a.footprint(k);
    long[] g = b.footprint(k);
    if (f == null || g == null) {
      // a union needs both; an intersection lies inside either one
      return union ? null : f == null ? g : f;
    }
    return union ? Footprint.union(f, g) : Footprint.intersection(f, g);
  }

  @Override
  boolean emptyByParts(int k) {
    return union ? a.knownEmpty(k) && b.knownEmpty(k) : a.knownEmpty(k) || b.knownEmpty(k);
  }

  @Override
  public int lastWorkChunk() {
    return union
        ? Math.max(a.lastWorkChunk(), b.lastWorkChunk())
        : Math.min(a.lastWorkChunk(), b.lastWorkChunk());
  }

  @Override
  public int firstWorkChunk() {
    return union
        ? Math.min(a.firstWorkChunk(), b.firstWorkChunk())
        : Math.max(a.firstWorkChunk(), b.firstWorkChunk());
  }

  @Override
  public int alwaysOpenFromChunk() {
    return union
        ? Math.min(a.alwaysOpenFromChunk(), b.alwaysOpenFromChunk())
        : Math.max(a.alwaysOpenFromChunk(), b.alwaysOpenFromChunk());
  }

  @Override
  protected Chunk compute(int k) {
    long cs = chunkStart(k);
    long ce = chunkStart(k + 1);
    // a side known to be empty (either side, so the cost does not depend on operand order) empties
    // an intersection; disjoint footprints too: don't build the sides' years for nothing
    if (knownEmpty(k)) {
      return Chunk.of(cs, ce, new long[0], new long[0], 0);
    }
    Chunk x = a.peek(k);
    if (!union && x.n == 0) {
      return Chunk.of(cs, ce, new long[0], new long[0], 0);
    }
    Chunk y = b.peek(k);
    long[] s = new long[x.n + y.n];
    long[] e = new long[x.n + y.n];
    int n = 0;
    int i = 0;
    int j = 0;
    if (union) {
      while (i < x.n || j < y.n) {
        if (j >= y.n || (i < x.n && x.starts[i] <= y.starts[j])) {
          s[n] = x.starts[i];
          e[n++] = x.ends[i++];
        } else {
          s[n] = y.starts[j];
          e[n++] = y.ends[j++];
        }
      }
    } else {
      while (i < x.n && j < y.n) {
        // an empty overlap (lo >= hi) is dropped by Chunk.of
        s[n] = Math.max(x.starts[i], y.starts[j]);
        e[n++] = Math.min(x.ends[i], y.ends[j]);
        if (x.ends[i] < y.ends[j]) {
          i++;
        } else {
          j++;
        }
      }
    }
    return Chunk.of(cs, ce, s, e, n);
  }
}
