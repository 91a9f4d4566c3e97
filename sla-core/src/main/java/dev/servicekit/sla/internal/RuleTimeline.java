package dev.servicekit.sla.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A timeline generated from a weekly schedule plus per-date overrides in one zone. Not API.
 *
 * <p>Day ranges are flattened {@code [start0, end0, start1, end1, ...]} local seconds relative to
 * the day's midnight, sorted by start, {@code 0 <= start < 86400}, {@code start < end <= start +
 * 86400}. A range belongs to the date on which it starts. Local times map to instants like {@code
 * ZonedDateTime.of}: a time in a gap moves forward by the gap length, a time in an overlap takes
 * the earlier offset. Immutable and thread-safe.
 */
public final class RuleTimeline extends Timeline {
  private final ZoneRules rules;
  private final int[][] weekly;
  private final long[] exceptionDays;
  private final int[][] exceptionRanges;
  private final int lastWork;
  private final int firstWork;
  private final int alwaysOpenFrom;

  /**
   * Sorted epoch days of the exceptions that have working ranges (they may leave the footprint).
   */
  private final long[] workingExceptionDays;

  /** Weekly footprints by (min offset, max offset) of a year: most years share a few. */
  private final ConcurrentHashMap<Long, long[]> footprints = new ConcurrentHashMap<>();

  /**
   * Creates the timeline.
   *
   * @param zone the zone of the local schedule
   * @param weekly seven day-range arrays indexed by {@code DayOfWeek.ordinal()}
   * @param exceptions the effective day ranges of overridden dates (empty array = closed)
   */
  public RuleTimeline(ZoneId zone, int[][] weekly, SortedMap<LocalDate, int[]> exceptions) {
    this.rules = zone.getRules();
    this.weekly = weekly.clone();
    this.exceptionDays = new long[exceptions.size()];
    this.exceptionRanges = new int[exceptions.size()][];
    int x = 0;
    int w = 0;
    long[] working = new long[exceptions.size()];
    long firstDay = Long.MAX_VALUE;
    long lastDay = Long.MIN_VALUE;
    for (Map.Entry<LocalDate, int[]> e : exceptions.entrySet()) {
      exceptionDays[x] = e.getKey().toEpochDay();
      exceptionRanges[x] = e.getValue().clone();
      if (e.getValue().length > 0) {
        firstDay = Math.min(firstDay, exceptionDays[x]);
        lastDay = Math.max(lastDay, exceptionDays[x]);
        working[w++] = exceptionDays[x];
      }
      x++;
    }
    this.workingExceptionDays = Arrays.copyOf(working, w);
    boolean weeklyEmpty = true;
    for (int[] r : weekly) {
      weeklyEmpty &= r.length == 0;
    }
    if (!weeklyEmpty) {
      lastWork = YEARS - 1;
      firstWork = 0;
    } else if (firstDay == Long.MAX_VALUE) {
      lastWork = -1;
      firstWork = YEARS;
    } else {
      lastWork = clampedChunkOf((lastDay + 3) * 86_400L);
      firstWork = clampedChunkOf((firstDay - 2) * 86_400L);
    }
    // the weekly ranges, wrapped around the week, cover every second of it
    if (!Arrays.equals(weekly(0, 0), new long[] {0, Footprint.WEEK})) {
      alwaysOpenFrom = YEARS;
    } else if (exceptionDays.length == 0) {
      alwaysOpenFrom = 0;
    } else {
      alwaysOpenFrom =
          Math.min(
              YEARS, clampedChunkOf((exceptionDays[exceptionDays.length - 1] + 3) * 86_400L) + 1);
    }
  }

  /**
   * Where the weekly ranges of chunk {@code k} can fall in the UTC week, or null if an exception
   * with working ranges falls in the days the chunk is built from. A local range {@code [a, b)} of
   * weekday {@code i} maps to {@code [a - o1, b - o2)} for offsets {@code o1, o2} in effect, so it
   * lies in {@code [a - max, b - min)} shifted to day {@code i}, for the extreme offsets of the
   * chunk's window. O(transitions in the window + log exceptions), once per offset pair.
   */
  @Override
  long[] footprint(int k) {
    long dayFrom = Math.floorDiv(chunkStart(k), 86_400L) - 2;
    long dayTo = Math.floorDiv(chunkStart(k + 1) - 1, 86_400L) + 2;
    int i = Arrays.binarySearch(workingExceptionDays, dayFrom);
    if (i < 0) {
      i = -i - 1;
    }
    if (i < workingExceptionDays.length && workingExceptionDays[i] <= dayTo) {
      return null;
    }
    // the same window as compute(k) takes its offsets from
    long winStart = (dayFrom - 2) * 86_400L;
    long winEnd = (dayTo + 4) * 86_400L;
    int min = rules.getOffset(Instant.ofEpochSecond(winStart)).getTotalSeconds();
    int max = min;
    ZoneOffsetTransition tr = rules.nextTransition(Instant.ofEpochSecond(winStart));
    while (tr != null && tr.toEpochSecond() < winEnd) {
      int after = tr.getOffsetAfter().getTotalSeconds();
      min = Math.min(min, after);
      max = Math.max(max, after);
      tr = rules.nextTransition(tr.getInstant());
    }
    int lo = min;
    int hi = max;
    return footprints.computeIfAbsent(((long) lo << 32) | (hi & 0xFFFF_FFFFL), x -> weekly(lo, hi));
  }

  private long[] weekly(int minOffset, int maxOffset) {
    long[] out = Footprint.EMPTY;
    for (int d = 0; d < 7; d++) {
      for (int j = 0; j < weekly[d].length; j += 2) {
        long start = d * 86_400L + weekly[d][j] - maxOffset;
        long length = (long) weekly[d][j + 1] - weekly[d][j] + (maxOffset - minOffset);
        out = Footprint.union(out, Footprint.wrap(start, length));
      }
    }
    return out;
  }

  @Override
  public int lastWorkChunk() {
    return lastWork;
  }

  @Override
  public int firstWorkChunk() {
    return firstWork;
  }

  @Override
  public int alwaysOpenFromChunk() {
    return alwaysOpenFrom;
  }

  @Override
  protected Chunk compute(int k) {
    long cs = chunkStart(k);
    long ce = chunkStart(k + 1);
    long dayFrom = Math.floorDiv(cs, 86_400L) - 2;
    long dayTo = Math.floorDiv(ce - 1, 86_400L) + 2;
    if (k > lastWork || k < firstWork) {
      return Chunk.of(cs, ce, new long[0], new long[0], 0);
    }

    // Offset table for the window: local second L uses offsets[j] for the last j with
    // thresholds[j] <= L (offsets[0] before any threshold).
    long winStart = (dayFrom - 2) * 86_400L;
    long winEnd = (dayTo + 4) * 86_400L;
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    ZoneOffsetTransition tr = rules.nextTransition(Instant.ofEpochSecond(winStart));
    while (tr != null && tr.toEpochSecond() < winEnd) {
      transitions.add(tr);
      tr = rules.nextTransition(tr.getInstant());
    }
    int t = transitions.size();
    long[] thresholds = new long[t];
    int[] offsets = new int[t + 1];
    offsets[0] = rules.getOffset(Instant.ofEpochSecond(winStart)).getTotalSeconds();
    for (int j = 0; j < t; j++) {
      ZoneOffsetTransition z = transitions.get(j);
      int before = z.getOffsetBefore().getTotalSeconds();
      int after = z.getOffsetAfter().getTotalSeconds();
      thresholds[j] = z.toEpochSecond() + Math.max(before, after);
      offsets[j + 1] = after;
    }

    int x = Arrays.binarySearch(exceptionDays, dayFrom);
    if (x < 0) {
      x = -x - 1;
    }
    int cap = 1024;
    long[] s = new long[cap];
    long[] e = new long[cap];
    int n = 0;
    for (long d = dayFrom; d <= dayTo; d++) {
      int[] ranges;
      if (x < exceptionDays.length && exceptionDays[x] == d) {
        ranges = exceptionRanges[x++];
      } else {
        ranges = weekly[(int) Math.floorMod(d + 3, 7L)];
      }
      if (ranges.length == 0) {
        continue;
      }
      long midnight = d * 86_400L;
      for (int j = 0; j < ranges.length; j += 2) {
        // Chunk.of clips the ranges to the year and drops the empty ones
        if (n == cap) {
          cap *= 2;
          s = Arrays.copyOf(s, cap);
          e = Arrays.copyOf(e, cap);
        }
        s[n] = toEpoch(midnight + ranges[j], thresholds, offsets, t);
        e[n] = toEpoch(midnight + ranges[j + 1], thresholds, offsets, t);
        n++;
      }
    }
    return Chunk.of(cs, ce, s, e, n);
  }

  private static long toEpoch(long local, long[] thresholds, int[] offsets, int t) {
    int j = 0;
    while (j < t && thresholds[j] <= local) {
      j++;
    }
    return local - offsets[j];
  }
}
