package dev.servicekit.kpi.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a zone's local date goes backwards: offset changes after which the local date is earlier
 * than just before (a fall-back across midnight, as St. John's at 00:01 until 2010). Day, week and
 * month windows near one need a walk over the offset changes; everywhere else local midnights alone
 * bound them. Not API. Thread-safe: a per-zone cache of immutable entries.
 */
public final class DateReversals {

  /** Longer than any month window plus the offset changes next to it. */
  private static final long MARGIN_SECONDS = 40 * 86_400L;

  private static final long[] NONE = {};

  /**
   * The changes of {@code rules} where the date goes back (epoch seconds, ascending), and from when
   * on every instant counts as near one because a recurring rule makes the date go back.
   */
  private record Entry(ZoneRules rules, long[] seconds, long alwaysFrom) {}

  private static final ConcurrentHashMap<ZoneId, Entry> CACHE = new ConcurrentHashMap<>();

  private DateReversals() {}

  /**
   * Whether {@code t} lies within 40 days of a change of {@code zone}'s offset where the local date
   * goes backwards. O(1) for a zone without one (most zones), O(log changes) otherwise.
   *
   * @param zone the zone
   * @param t the instant
   * @return whether day, week and month windows around {@code t} need the walk over changes
   */
  public static boolean near(ZoneId zone, Instant t) {
    if (zone instanceof ZoneOffset) {
      return false;
    }
    ZoneRules rules = zone.getRules();
    Entry e = CACHE.get(zone);
    if (e == null || e.rules != rules) { // another rules version under the same id: scan it
      e = scan(rules);
      CACHE.put(zone, e);
    }
    long[] seconds = e.seconds;
    if (seconds.length == 0 && e.alwaysFrom == Long.MAX_VALUE) {
      return false;
    }
    long s = t.getEpochSecond();
    if (s + MARGIN_SECONDS >= e.alwaysFrom) {
      return true;
    }
    int i = Arrays.binarySearch(seconds, s - MARGIN_SECONDS);
    if (i < 0) {
      i = -i - 1;
    }
    return i < seconds.length && seconds[i] <= s + MARGIN_SECONDS;
  }

  /** Whether the local date just before {@code c} is later than the one it changes to. */
  public static boolean datesGoBack(ZoneOffsetTransition c) {
    long at = c.toEpochSecond();
    long before = Math.floorDiv(at - 1 + c.getOffsetBefore().getTotalSeconds(), 86_400L);
    long after = Math.floorDiv(at + c.getOffsetAfter().getTotalSeconds(), 86_400L);
    return after < before;
  }

  private static Entry scan(ZoneRules rules) {
    long[] found = NONE;
    int n = 0;
    long last = Long.MIN_VALUE;
    for (ZoneOffsetTransition c : rules.getTransitions()) {
      last = c.toEpochSecond();
      if (datesGoBack(c)) {
        if (n == found.length) {
          found = Arrays.copyOf(found, Math.max(4, 2 * n));
        }
        found[n++] = last;
      }
    }
    long alwaysFrom = Long.MAX_VALUE;
    // a recurring rule changes at the same local time with the same offsets every year: two
    // years tell whether it makes the date go back
    for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
      if (datesGoBack(r.createTransition(2100)) || datesGoBack(r.createTransition(2101))) {
        alwaysFrom = last;
      }
    }
    return new Entry(rules, Arrays.copyOf(found, n), alwaysFrom);
  }
}
