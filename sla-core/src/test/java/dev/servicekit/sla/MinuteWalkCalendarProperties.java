package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * An independent brute-force oracle: openness of an instant is decided from the documented rules
 * alone (a range belongs to the local date it starts on, its local ends map like {@link
 * ZonedDateTime#of}), and every other answer comes from a walk minute by minute through the instant
 * line. Calendars are random (several ranges a day, night shifts, 24-hour ranges, ends at 24:00,
 * holidays, one-off hours, shortened and transferred days) in zones with odd DST, in windows around
 * the zone's transitions between 1901 and 2290 (where every offset is whole minutes), plus unions
 * and intersections in two zones.
 */
class MinuteWalkCalendarProperties {
  private static final int TRIES = 150;

  private static final List<String> ZONES =
      List.of(
          "Australia/Lord_Howe",
          "Pacific/Chatham",
          "Africa/Casablanca",
          "Europe/Dublin",
          "America/Santiago",
          "America/Asuncion",
          "Asia/Tehran",
          "Pacific/Apia",
          "America/St_Johns",
          "Antarctica/Troll",
          "America/Havana",
          "Asia/Gaza",
          "Europe/Moscow");

  private static final int WINDOW_MINUTES = 8 * 24 * 60;

  /** The documented rules of one rule-based calendar, kept beside the engine's calendar. */
  static final class Rules {
    final ZoneId zone;
    final Map<DayOfWeek, List<TimeRange>> week = new HashMap<>();
    final Set<LocalDate> holidays = new HashSet<>();
    final Map<LocalDate, List<TimeRange>> hoursOn = new HashMap<>();
    final Map<LocalDate, Duration> shortened = new HashMap<>();
    final Map<LocalDate, DayOfWeek> workingDays = new HashMap<>();
    final Map<LocalDate, List<Instant[]>> memo = new HashMap<>();
    BusinessCalendar cal;

    Rules(ZoneId zone) {
      this.zone = zone;
    }

    /** The open ranges of a date as instants, straight from the rules. */
    List<Instant[]> rangesOf(LocalDate date) {
      return memo.computeIfAbsent(date, this::compute);
    }

    private List<Instant[]> compute(LocalDate date) {
      List<TimeRange> ranges;
      if (holidays.contains(date)) {
        ranges = List.of();
      } else if (hoursOn.containsKey(date)) {
        ranges = hoursOn.get(date);
      } else {
        ranges = week.getOrDefault(workingDays.getOrDefault(date, date.getDayOfWeek()), List.of());
      }
      List<LocalDateTime[]> local = new ArrayList<>();
      for (TimeRange r : ranges) {
        LocalDateTime s = date.atTime(r.start());
        LocalDateTime e =
            r.end().isAfter(r.start()) ? date.atTime(r.end()) : date.plusDays(1).atTime(r.end());
        local.add(new LocalDateTime[] {s, e});
      }
      local.sort((x, y) -> x[0].compareTo(y[0]));
      Duration cut = shortened.get(date);
      while (cut != null && !cut.isZero() && !local.isEmpty()) {
        LocalDateTime[] last = local.get(local.size() - 1);
        Duration len = Duration.between(last[0], last[1]);
        if (cut.compareTo(len) >= 0) {
          local.remove(local.size() - 1);
          cut = cut.minus(len);
        } else {
          last[1] = last[1].minus(cut);
          cut = Duration.ZERO;
        }
      }
      List<Instant[]> out = new ArrayList<>();
      for (LocalDateTime[] r : local) {
        out.add(
            new Instant[] {
              ZonedDateTime.of(r[0], zone).toInstant(), ZonedDateTime.of(r[1], zone).toInstant()
            });
      }
      return out;
    }

    boolean open(Instant t) {
      LocalDate d = LocalDateTime.ofInstant(t, zone).toLocalDate();
      for (LocalDate x = d.minusDays(2); !x.isAfter(d.plusDays(1)); x = x.plusDays(1)) {
        for (Instant[] r : rangesOf(x)) {
          if (!t.isBefore(r[0]) && t.isBefore(r[1])) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Openness of a (possibly combined) calendar. */
  interface Open {
    boolean at(Instant t);
  }

  static Rules randomRules(Random rnd, ZoneId zone, LocalDate around) {
    Rules r = new Rules(zone);
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone).id("walk");
    // one calendar in six is open around the clock but for its exceptions
    TimeRange allDay =
        rnd.nextInt(6) == 0
            ? TimeRange.of(
                LocalTime.ofSecondOfDay(rnd.nextBoolean() ? 0 : rnd.nextInt(96) * 900L),
                LocalTime.MIDNIGHT)
            : null;
    if (allDay != null) {
      allDay = TimeRange.of(allDay.start(), allDay.start());
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      List<TimeRange> list = new ArrayList<>();
      if (allDay != null) {
        list.add(allDay);
        b.hours(d, allDay);
        r.week.put(d, list);
        continue;
      }
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        TimeRange tr = randomRange(rnd);
        if (list.stream().noneMatch(o -> o.overlaps(tr))) {
          list.add(tr);
        }
      }
      if (!list.isEmpty()) {
        b.hours(d, list.toArray(new TimeRange[0]));
      }
      r.week.put(d, list);
    }
    int exceptions = rnd.nextInt(8);
    for (int i = 0; i < exceptions; i++) {
      LocalDate date = around.plusDays(rnd.nextInt(12) - 3);
      if (r.holidays.contains(date)
          || r.hoursOn.containsKey(date)
          || r.shortened.containsKey(date)
          || r.workingDays.containsKey(date)) {
        continue;
      }
      switch (rnd.nextInt(5)) {
        case 0 -> {
          b.holiday(date);
          r.holidays.add(date);
        }
        case 1 -> {
          List<TimeRange> list = new ArrayList<>();
          for (int k = rnd.nextInt(3); k > 0; k--) {
            TimeRange tr = randomRange(rnd);
            if (list.stream().noneMatch(o -> o.overlaps(tr))) {
              list.add(tr);
            }
          }
          b.hoursOn(date, list.toArray(new TimeRange[0]));
          r.hoursOn.put(date, list);
        }
        case 2 -> {
          Duration cut = Duration.ofMinutes(1 + rnd.nextInt(600));
          b.shortenDay(date, cut);
          r.shortened.put(date, cut);
        }
        case 3 -> {
          DayOfWeek p = DayOfWeek.of(1 + rnd.nextInt(7));
          b.workingDayAs(date, p);
          r.workingDays.put(date, p);
        }
        default -> {
          DayOfWeek p = DayOfWeek.of(1 + rnd.nextInt(7));
          Duration cut = Duration.ofMinutes(1 + rnd.nextInt(300));
          b.workingDayAs(date, p).shortenDay(date, cut);
          r.workingDays.put(date, p);
          r.shortened.put(date, cut);
        }
      }
    }
    r.cal = b.build();
    return r;
  }

  static TimeRange randomRange(Random rnd) {
    int[] interesting = {0, 30, 60, 90, 120, 150, 180, 1380, 1410, 1440 - 1};
    int start =
        rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : rnd.nextInt(96) * 15;
    start = Math.min(start, 1439);
    int end;
    switch (rnd.nextInt(5)) {
      case 0 -> end = 0; // 24:00
      case 1 -> end = start; // 24 hours
      case 2 -> end = interesting[rnd.nextInt(interesting.length)];
      default -> end = rnd.nextInt(96) * 15;
    }
    return TimeRange.of(LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(end * 60L));
  }

  /** A window start a few days before a transition of the zone between 1901 and 2290. */
  static Instant windowStart(Random rnd, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    if (zone.getId().equals("Pacific/Apia") && rnd.nextInt(3) == 0) {
      return Instant.parse("2011-12-26T00:00:00Z").plusSeconds(rnd.nextInt(86_400) / 60 * 60);
    }
    int year = rnd.nextInt(4) == 0 ? 2100 + rnd.nextInt(190) : 1901 + rnd.nextInt(134);
    Instant from =
        LocalDate.of(year, 1, 1)
            .plusDays(rnd.nextInt(365))
            .atStartOfDay()
            .toInstant(java.time.ZoneOffset.UTC);
    ZoneOffsetTransition tr = rules.nextTransition(from);
    Instant at =
        tr == null || tr.getInstant().getEpochSecond() > 10_000_000_000L ? from : tr.getInstant();
    return at.minusSeconds(60L * rnd.nextInt(4 * 24 * 60)).minusSeconds(at.getEpochSecond() % 60);
  }

  /** Whether every offset in the window is whole minutes (so openness is constant per minute). */
  static boolean minuteOffsets(ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    for (Instant t = from.minusSeconds(4 * 86_400L);
        t.isBefore(to.plusSeconds(4 * 86_400L));
        t = t.plusSeconds(3600)) {
      if (rules.getOffset(t).getTotalSeconds() % 60 != 0) {
        return false;
      }
    }
    return true;
  }

  /** One scenario: a calendar (maybe combined), its oracle and the window's minute openness. */
  static final class Scenario {
    final BusinessCalendar cal;
    final Instant w0;
    final boolean[] open; // open[i]: minute [w0 + i min, w0 + (i+1) min)

    Scenario(long seed) {
      Random rnd = new Random(seed);
      ZoneId zone = ZoneId.of(ZONES.get(rnd.nextInt(ZONES.size())));
      w0 = windowStart(rnd, zone);
      LocalDate around = LocalDateTime.ofInstant(w0, zone).toLocalDate();
      Rules a = randomRules(rnd, zone, around);
      Open o;
      int combine = rnd.nextInt(5);
      if (combine >= 3) {
        ZoneId z2 = ZoneId.of(ZONES.get(rnd.nextInt(ZONES.size())));
        Rules b = randomRules(rnd, z2, LocalDateTime.ofInstant(w0, z2).toLocalDate());
        if (combine == 3) {
          cal = a.cal.union(b.cal);
          o = t -> a.open(t) || b.open(t);
        } else {
          cal = a.cal.intersection(b.cal);
          o = t -> a.open(t) && b.open(t);
        }
        Assume.that(minuteOffsets(z2, w0, w0.plusSeconds(60L * WINDOW_MINUTES)));
      } else {
        cal = a.cal;
        o = a::open;
      }
      Assume.that(minuteOffsets(zone, w0, w0.plusSeconds(60L * WINDOW_MINUTES)));
      open = new boolean[WINDOW_MINUTES];
      for (int i = 0; i < WINDOW_MINUTES; i++) {
        open[i] = o.at(w0.plusSeconds(60L * i));
      }
    }

    Instant at(long secondInWindow, int nano) {
      return w0.plusSeconds(secondInWindow).plusNanos(nano);
    }

    /** Open nanoseconds in [x, y) of the window (x, y nanos from w0). */
    long between(long x, long y) {
      long sum = 0;
      long minute = 60_000_000_000L;
      for (long m = x / minute; m * minute < y; m++) {
        if (open[(int) m]) {
          sum += Math.min(y, (m + 1) * minute) - Math.max(x, m * minute);
        }
      }
      return sum;
    }

    /** Earliest y >= x with between(x, y) == d, or -1 beyond the window. */
    long plus(long x, long d) {
      long minute = 60_000_000_000L;
      long left = d;
      for (long m = x / minute; m < WINDOW_MINUTES; m++) {
        if (!open[(int) m]) {
          continue;
        }
        long s = Math.max(x, m * minute);
        long len = (m + 1) * minute - s;
        if (left <= len) {
          return s + left;
        }
        left -= len;
      }
      return -1;
    }

    /** Latest y <= x with between(y, x) == d, or -1 before the window. */
    long minus(long x, long d) {
      long minute = 60_000_000_000L;
      long left = d;
      for (long m = (x - 1) / minute; m >= 0; m--) {
        if (!open[(int) m]) {
          continue;
        }
        long e = Math.min(x, (m + 1) * minute);
        long len = e - m * minute;
        if (left <= len) {
          return e - left;
        }
        left -= len;
      }
      return -1;
    }
  }

  private static Instant nanoInstant(Instant w0, long nanos) {
    return w0.plusNanos(nanos);
  }

  @Property(tries = TRIES)
  void isOpenNextOpenNextCloseMatchTheWalk(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Scenario sc = new Scenario(seed);
    Random rnd = new Random(seed * 31 + 7);
    for (int q = 0; q < 200; q++) {
      int m = rnd.nextInt(WINDOW_MINUTES / 2);
      long nanos = m * 60_000_000_000L + (rnd.nextBoolean() ? 0 : rnd.nextLong(60_000_000_000L));
      Instant t = nanoInstant(sc.w0, nanos);
      assertEquals(sc.open[m], sc.cal.isOpen(t), () -> "isOpen " + t + " " + sc.cal);
      // nextOpen
      int k = m;
      while (k < WINDOW_MINUTES && !sc.open[k]) {
        k++;
      }
      if (k < WINDOW_MINUTES) {
        Instant want = k == m ? t : sc.w0.plusSeconds(60L * k);
        assertEquals(Optional.of(want), sc.cal.nextOpen(t), () -> "nextOpen " + t + " " + sc.cal);
      }
      k = m;
      while (k < WINDOW_MINUTES && sc.open[k]) {
        k++;
      }
      if (k < WINDOW_MINUTES) {
        Instant want = k == m ? t : sc.w0.plusSeconds(60L * k);
        assertEquals(Optional.of(want), sc.cal.nextClose(t), () -> "nextClose " + t + " " + sc.cal);
      }
    }
  }

  @Property(tries = TRIES)
  void betweenPlusMinusMatchTheWalk(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Scenario sc = new Scenario(seed);
    Random rnd = new Random(seed * 17 + 3);
    long window = WINDOW_MINUTES * 60_000_000_000L;
    for (int q = 0; q < 100; q++) {
      long x = rnd.nextLong(window);
      long y = rnd.nextLong(window);
      if (rnd.nextInt(3) == 0) {
        x -= x % 60_000_000_000L;
      }
      long lo = Math.min(x, y);
      long hi = Math.max(x, y);
      Instant a = nanoInstant(sc.w0, lo);
      Instant b = nanoInstant(sc.w0, hi);
      Duration want = Duration.ofNanos(sc.between(lo, hi));
      assertEquals(want, sc.cal.between(a, b), () -> "between " + a + " " + b + " " + sc.cal);
      assertEquals(want.negated(), sc.cal.between(b, a), () -> "between " + b + " " + a);
      long d = rnd.nextInt(4) == 0 ? sc.between(lo, hi) : rnd.nextLong(3 * 86_400_000_000_000L);
      if (d == 0) {
        continue;
      }
      long p = sc.plus(lo, d);
      if (p >= 0) {
        Instant got = sc.cal.plus(a, Duration.ofNanos(d));
        assertEquals(
            nanoInstant(sc.w0, p), got, () -> "plus " + a + " " + Duration.ofNanos(d) + sc.cal);
      }
      long mi = sc.minus(hi, d);
      if (mi >= 0) {
        Instant got = sc.cal.minus(b, Duration.ofNanos(d));
        assertEquals(
            nanoInstant(sc.w0, mi), got, () -> "minus " + b + " " + Duration.ofNanos(d) + sc.cal);
      }
    }
  }

  @Property(tries = TRIES)
  void lawsHoldOnTheSameCalendars(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Scenario sc = new Scenario(seed);
    Random rnd = new Random(seed * 13 + 5);
    BusinessCalendar cal = sc.cal;
    long window = WINDOW_MINUTES * 60_000_000_000L;
    for (int q = 0; q < 50; q++) {
      long[] p = {rnd.nextLong(window), rnd.nextLong(window), rnd.nextLong(window)};
      java.util.Arrays.sort(p);
      Instant a = nanoInstant(sc.w0, p[0]);
      Instant b = nanoInstant(sc.w0, p[1]);
      Instant c = nanoInstant(sc.w0, p[2]);
      // additive over a split point, and antisymmetric
      assertEquals(cal.between(a, c), cal.between(a, b).plus(cal.between(b, c)), "additive");
      assertEquals(cal.between(a, c).negated(), cal.between(c, a), "antisymmetric");
      Duration d1 = Duration.ofNanos(rnd.nextLong(2 * 86_400_000_000_000L) + 1);
      Duration d2 = d1.plusNanos(rnd.nextLong(86_400_000_000_000L));
      Instant p1;
      Instant p2;
      try {
        p1 = cal.plus(a, d1);
        p2 = cal.plus(a, d2);
      } catch (IllegalStateException e) {
        continue; // a calendar that runs out of time (never open again)
      }
      assertEquals(d1, cal.between(a, p1), "between(a, plus(a, d)) == d");
      assertEquals(d2, cal.between(a, p2), "between(a, plus(a, d)) == d");
      assertEquals(true, !p2.isBefore(p1), "plus is monotonic in d");
      assertEquals(p1, cal.plus(a, d1.negated().negated()), "plus is a function");
      assertEquals(cal.minus(a, d1.negated()), p1, "minus of a negative duration is plus");
      Instant m = cal.minus(p1, d1);
      assertEquals(d1, cal.between(m, p1), "between(minus(b, d), b) == d");
      assertEquals(true, !m.isBefore(a), "minus(plus(a, d), d) is not before a");
      assertEquals(cal.nextOpen(a).orElseThrow(), m, "minus(plus(a, d), d) is a's next opening");
    }
  }
}
