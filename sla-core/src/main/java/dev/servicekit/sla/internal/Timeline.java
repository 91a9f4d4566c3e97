package dev.servicekit.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open time of a calendar on the instant line, chunked by UTC year and materialized lazily. Not
 * API.
 *
 * <p>Instants are passed as (epoch second, nano) pairs. Every operation costs O(log n) inside a
 * chunk plus O(1) per UTC year crossed (one cached total per year); a chunk is generated once, on
 * first touch, and cached. Searches never go past {@link #lastWorkChunk()}, {@link
 * #firstWorkChunk()}, {@link #alwaysOpenFromChunk()} or the supported range, so nothing loops, and
 * skip chunks that {@link #knownEmpty(int)} proves empty without generating them. Every year a
 * search crosses keeps its total, and every run of two or more empty years a walk crosses is kept
 * as its length at the year the walk entered it from, so a search repeated over the same empty
 * years (an empty intersection, whose static bounds are loose, or a calendar open only centuries
 * away) jumps over each run in one read instead of one read per year, and generates nothing.
 * Thread-safe: chunks are immutable and published through an {@link AtomicReferenceArray}; two
 * threads may compute the same chunk, and the first one published wins. Totals and run lengths are
 * facts about the immutable calendar, written atomically and only ever from unknown to known or
 * from a shorter run to a longer one; a thread that reads an older value only skips less.
 */
public abstract class Timeline {
  /** First supported UTC year. */
  public static final int FIRST_YEAR = 1900;

  /** Number of supported UTC years (chunks). */
  public static final int YEARS = 400;

  private static final long[] BOUNDS = new long[YEARS + 1];

  static {
    for (int k = 0; k <= YEARS; k++) {
      BOUNDS[k] = LocalDate.of(FIRST_YEAR + k, 1, 1).toEpochDay() * 86_400L;
    }
  }

  /** The first supported instant, 1900-01-01T00:00:00Z. */
  public static final Instant MIN = Instant.ofEpochSecond(BOUNDS[0]);

  /** The end (exclusive) of the supported range, 2300-01-01T00:00:00Z. */
  public static final Instant MAX = Instant.ofEpochSecond(BOUNDS[YEARS]);

  /** Larger than any business duration that fits in the supported range. */
  private static final long MAX_SPAN_SECONDS = BOUNDS[YEARS] - BOUNDS[0];

  private static final int NANOS = 1_000_000_000;

  private final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(YEARS);

  /**
   * Business seconds per chunk, -1 while unknown. Years that a query only crosses (not starts or
   * ends in) are computed for their total and not kept, so memory stays with the years touched;
   * years proved empty without generating them keep a total of 0.
   */
  private final AtomicLongArray totals = new AtomicLongArray(YEARS);

  /**
   * Known runs of empty chunks, two lengths per chunk {@code k} packed in one int (0: none known):
   * the low 16 bits say that chunks {@code k .. k + ahead - 1} are empty, the high 16 bits that
   * chunks {@code k - behind + 1 .. k} are. Written only by {@link #maxRuns} (each length only
   * grows).
   */
  private final AtomicIntegerArray emptyRuns = new AtomicIntegerArray(YEARS);

  /** Sets up the empty caches. */
  protected Timeline() {
    for (int k = 0; k < YEARS; k++) {
      totals.set(k, -1);
    }
  }

  /** Generates chunk {@code k}; called at most a few times per chunk. */
  protected abstract Chunk compute(int k);

  /** No chunk above this index has working time (-1: none at all). */
  public abstract int lastWorkChunk();

  /** No chunk below this index has working time ({@link #YEARS}: none at all). */
  public abstract int firstWorkChunk();

  /** Every chunk at or above this index is open throughout ({@link #YEARS}: not known). */
  public abstract int alwaysOpenFromChunk();

  /**
   * A {@link Footprint} holding the week position of every open second of chunk {@code k}, or null
   * if none is known; cheap (no chunk is generated), so that disjoint operands prove an
   * intersection's year empty without building either side.
   */
  abstract long[] footprint(int k);

  /**
   * Whether the parts of this timeline prove chunk {@code k} empty without generating it (a merge
   * asks its operands); cheap.
   */
  boolean emptyByParts(int k) {
    return false;
  }

  /**
   * Whether chunk {@code k} is known to have no working time, decided without generating it: from
   * the static bounds, a cached total, the operands or an empty footprint. False means "unknown",
   * not "has work".
   */
  final boolean knownEmpty(int k) {
    return k > lastWorkChunk()
        || k < firstWorkChunk()
        || totals.get(k) == 0
        || emptyByParts(k)
        || isEmpty(footprint(k));
  }

  /** Start of chunk {@code k} in epoch seconds ({@code k} in {@code [0, YEARS]}). */
  public static long chunkStart(int k) {
    return BOUNDS[k];
  }

  /** Whether an epoch second lies in the supported range. */
  public static boolean inRange(long epochSecond) {
    return epochSecond >= BOUNDS[0] && epochSecond < BOUNDS[YEARS];
  }

  /** The chunk holding an in-range epoch second. O(1). */
  public static int chunkOf(long s) {
    // the 400 years are one Gregorian cycle of 400 average years, so the estimate is below YEARS
    int k = (int) ((s - BOUNDS[0]) / 31_556_952L);
    while (BOUNDS[k] > s) {
      k--;
    }
    while (BOUNDS[k + 1] <= s) {
      k++;
    }
    return k;
  }

  /** The chunk holding an epoch second, clamped to the supported chunks. */
  static int clampedChunkOf(long s) {
    return chunkOf(Math.min(Math.max(s, BOUNDS[0]), BOUNDS[YEARS] - 1));
  }

  private int forwardLimit() {
    return Math.min(lastWorkChunk(), YEARS - 1);
  }

  private int backwardLimit() {
    return Math.max(firstWorkChunk(), 0);
  }

  private static boolean isEmpty(long[] footprint) {
    return footprint != null && footprint.length == 0;
  }

  /** Chunk {@code k}, generating and caching it on first use. */
  public final Chunk chunk(int k) {
    Chunk c = chunks.get(k);
    if (c == null) {
      chunks.compareAndSet(k, null, peek(k));
      c = chunks.get(k);
    }
    return c;
  }

  /** Chunk {@code k} if cached, else generated without caching it (only its total is kept). */
  final Chunk peek(int k) {
    Chunk c = chunks.get(k);
    if (c == null) {
      c = compute(k);
      totals.set(k, c.total());
    }
    return c;
  }

  /**
   * The cached total of chunk {@code k}, or 0 if it is proved empty without generating it (then
   * kept), else -1.
   */
  private long knownTotal(int k) {
    long t = totals.get(k);
    if (t < 0 && knownEmpty(k)) {
      totals.set(k, 0);
      return 0;
    }
    return t;
  }

  /** Business seconds in chunk {@code k}. O(1) once known. */
  final long total(int k) {
    long t = knownTotal(k);
    return t >= 0 ? t : peek(k).total();
  }

  /**
   * The first chunk in {@code [k, limit]} not known to be empty, or a value above {@code limit} if
   * there is none; generates nothing. Jumps over known runs of empty chunks and keeps the run it
   * crossed from {@code k}, so the same walk repeated costs one read. {@code limit < YEARS}.
   */
  final int skipForward(int k, int limit) {
    int at = k;
    while (at <= limit) {
      int ahead = emptyRuns.get(at) & 0xFFFF;
      if (ahead > 0) {
        at += ahead;
      } else if (knownTotal(at) == 0) {
        at++;
      } else {
        break;
      }
    }
    if (at - k > 1) {
      emptyRuns.accumulateAndGet(k, Math.min(at, YEARS) - k, Timeline::maxRuns);
    }
    return at;
  }

  /**
   * The last chunk in {@code [limit, k]} not known to be empty, or a value below {@code limit} if
   * there is none; the mirror of {@link #skipForward}. {@code limit >= 0}.
   */
  final int skipBackward(int k, int limit) {
    int at = k;
    while (at >= limit) {
      int behind = emptyRuns.get(at) >>> 16;
      if (behind > 0) {
        at -= behind;
      } else if (knownTotal(at) == 0) {
        at--;
      } else {
        break;
      }
    }
    if (k - at > 1) {
      emptyRuns.accumulateAndGet(k, (k - Math.max(at, -1)) << 16, Timeline::maxRuns);
    }
    return at;
  }

  /** Each packed run length of {@code a} and {@code b}, the longer one. */
  private static int maxRuns(int a, int b) {
    return Math.max(a & 0xFFFF, b & 0xFFFF) | Math.max(a >>> 16, b >>> 16) << 16;
  }

  /** Whether the calendar is open at epoch second {@code s}. O(log n). */
  public final boolean isOpen(long s) {
    return chunk(chunkOf(s)).openAt(s);
  }

  /** The instant itself if open, else the next opening; null if none. */
  public final Instant nextOpen(long s, int nano) {
    int k = chunkOf(s);
    Chunk c = chunk(k);
    int i = c.floor(s);
    if (i >= 0 && s < c.ends[i]) {
      return Instant.ofEpochSecond(s, nano);
    }
    if (i + 1 < c.n) {
      return Instant.ofEpochSecond(c.starts[i + 1]);
    }
    int last = forwardLimit();
    for (k = k + 1; k <= last; k++) {
      if (total(k) > 0) {
        return Instant.ofEpochSecond(chunk(k).starts[0]);
      }
      k = skipForward(k, last) - 1;
    }
    return null;
  }

  /** The instant itself if closed, else the end of its merged open period; null if none. */
  public final Instant nextClose(long s, int nano) {
    int k = chunkOf(s);
    Chunk c = chunk(k);
    int i = c.floor(s);
    if (i < 0 || s >= c.ends[i]) {
      return Instant.ofEpochSecond(s, nano);
    }
    long e = c.ends[i];
    // at most YEARS: open throughout to the end of the range, so it never closes
    int alwaysFrom = alwaysOpenFromChunk();
    while (e == chunkStart(k + 1)) {
      k++;
      if (k >= alwaysFrom) {
        return null;
      }
      if (total(k) == chunkStart(k + 1) - chunkStart(k)) {
        e = chunkStart(k + 1);
        continue;
      }
      Chunk next = chunk(k);
      if (next.n == 0 || next.starts[0] != next.start) {
        break;
      }
      e = next.ends[0];
    }
    return Instant.ofEpochSecond(e);
  }

  /** Business time in {@code [a, b)}, requiring {@code a <= b}. O(log n + years crossed). */
  public final Duration between(long as, int an, long bs, int bn) {
    int ka = chunkOf(as);
    int kb = chunkOf(bs);
    Chunk ca = chunk(ka);
    Chunk cb = ka == kb ? ca : chunk(kb);
    long secs = 0;
    for (int k = ka; k < kb; k++) {
      long t = total(k);
      if (t == 0) {
        k = skipForward(k, kb - 1) - 1;
      }
      secs += t;
    }
    long nanos = 0;
    int i = ca.floor(as);
    if (i >= 0) {
      if (as < ca.ends[i]) {
        secs -= ca.cum[i] + (as - ca.starts[i]);
        nanos -= an;
      } else {
        secs -= ca.cum[i + 1];
      }
    }
    int j = cb.floor(bs);
    if (j >= 0) {
      if (bs < cb.ends[j]) {
        secs += cb.cum[j] + (bs - cb.starts[j]);
        nanos += bn;
      } else {
        secs += cb.cum[j + 1];
      }
    }
    return Duration.ofSeconds(secs, nanos);
  }

  /**
   * The earliest instant t with {@code between(a, t) == d}, for {@code d > 0}; null if the calendar
   * runs out of working time or the supported range, including when t would be {@link #MAX} itself
   * (every answer is an accepted input). O(log n + years crossed).
   */
  public final Instant plus(long as, int an, long ds, int dn) {
    if (ds >= MAX_SPAN_SECONDS) {
      return null;
    }
    int k = chunkOf(as);
    Chunk c = chunk(k);
    long tS = ds;
    long tN = dn;
    int i = c.floor(as);
    if (i >= 0) {
      if (as < c.ends[i]) {
        tS += c.cum[i] + (as - c.starts[i]);
        tN += an;
      } else {
        tS += c.cum[i + 1];
      }
    }
    if (tN >= NANOS) {
      tN -= NANOS;
      tS++;
    }
    int last = forwardLimit();
    int from = k;
    long tot = c.total();
    while (tS > tot || (tS == tot && tN > 0)) {
      tS -= tot;
      k++;
      if (k > last) {
        return null;
      }
      tot = total(k);
      if (tot == 0) {
        k = skipForward(k, last);
        if (k > last) {
          return null;
        }
        tot = total(k);
      }
    }
    // smallest j in [1, n] with cum[j] >= key; it exists (key <= total) and, in the start's chunk,
    // lies after the start's interval: gallop from there, as deadlines are usually days away.
    long key = tN > 0 ? tS + 1 : tS;
    int lo = 1;
    int hi = c.n;
    if (k != from) {
      c = chunk(k);
      hi = c.n;
    } else if (i + 1 > lo) {
      lo = i + 1;
      int step = 1;
      while (lo + step < hi && c.cum[lo + step] < key) {
        lo += step + 1;
        step <<= 1;
      }
      if (lo + step < hi) {
        hi = lo + step;
      }
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (c.cum[mid] >= key) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int idx = lo - 1;
    long r = c.starts[idx] + (tS - c.cum[idx]);
    if (r >= BOUNDS[YEARS]) {
      // the working time runs out exactly at the end of the range: the deadline would be an
      // instant no operation accepts (and nextClose reports no close there), so there is none
      return null;
    }
    return Instant.ofEpochSecond(r, tN);
  }

  /**
   * The latest instant t with {@code between(t, b) == d}, for {@code d > 0}; null if there is not
   * enough working time before {@code b} in the supported range. O(log n + years crossed).
   */
  public final Instant minus(long bs, int bn, long ds, int dn) {
    if (ds >= MAX_SPAN_SECONDS) {
      return null;
    }
    int k = chunkOf(bs);
    Chunk c = chunk(k);
    long tS = -ds;
    long tN = -dn;
    int i = c.floor(bs);
    if (i >= 0) {
      if (bs < c.ends[i]) {
        tS += c.cum[i] + (bs - c.starts[i]);
        tN += bn;
      } else {
        tS += c.cum[i + 1];
      }
    }
    if (tN < 0) {
      tN += NANOS;
      tS--;
    }
    int first = backwardLimit();
    int from = k;
    while (tS < 0) {
      k--;
      if (k < first) {
        return null;
      }
      long tot = total(k);
      if (tot == 0) {
        k = skipBackward(k, first);
        if (k < first) {
          return null;
        }
        tot = total(k);
      }
      tS += tot;
    }
    if (k != from) {
      c = chunk(k);
    }
    // largest j in [0, n) with cum[j] <= tS
    int lo = 0;
    int hi = c.n - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (c.cum[mid] <= tS) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return Instant.ofEpochSecond(c.starts[lo] + (tS - c.cum[lo]), tN);
  }

  /**
   * The merged open periods intersected with {@code [from, to)}, as alternating start/end instants.
   * O(log n + periods + years crossed).
   */
  public final List<Instant> openPeriods(Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    if (!from.isBefore(to)) {
      return out;
    }
    long fs = from.getEpochSecond();
    long ts = to.getEpochSecond();
    int ka = Math.max(chunkOf(fs), backwardLimit());
    int kb = Math.min(chunkOf(ts), forwardLimit());
    for (int k = ka; k <= kb; k++) {
      // skip years known empty (yearly totals, footprints, runs) without generating them
      if (knownTotal(k) == 0) {
        k = skipForward(k, kb) - 1;
        continue;
      }
      Chunk c = peek(k);
      int i = Math.max(c.floor(fs), 0);
      for (; i < c.n && c.starts[i] <= ts; i++) {
        Instant s = Instant.ofEpochSecond(c.starts[i]);
        Instant e = Instant.ofEpochSecond(c.ends[i]);
        if (s.isBefore(from)) {
          s = from;
        }
        if (e.isAfter(to)) {
          e = to;
        }
        if (!s.isBefore(e)) {
          continue;
        }
        int size = out.size();
        if (size > 0 && out.get(size - 1).equals(s)) {
          out.set(size - 1, e);
        } else {
          out.add(s);
          out.add(e);
        }
      }
    }
    return out;
  }
}
