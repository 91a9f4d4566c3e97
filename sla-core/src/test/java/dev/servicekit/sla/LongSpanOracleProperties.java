package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Spans of up to the whole supported range against an independent day-by-day oracle: every date's
 * ranges are mapped to instants with {@link java.time.ZonedDateTime#of} straight from the rules
 * ({@link MinuteWalkCalendarProperties.Rules}), merged in a plain list (and united or intersected
 * for combined calendars), and each answer is read off that list. Calendars are sparse (dates of
 * their own hours only, centuries apart, some at the ends of the range) or weekly with scattered
 * exceptions, in zones with odd DST, so the per-year totals, the skipping of empty years and the
 * footprints of intersections are all crossed.
 */
class LongSpanOracleProperties {
  private static final int TRIES = 40;

  private static final List<String> ZONES =
      List.of(
          "Australia/Lord_Howe",
          "Pacific/Chatham",
          "Africa/Casablanca",
          "Europe/Dublin",
          "America/Santiago",
          "Asia/Tehran",
          "Pacific/Apia",
          "America/St_Johns",
          "Antarctica/Troll",
          "Pacific/Kiritimati",
          "Pacific/Niue",
          "UTC");

  private static final Instant START = BusinessCalendar.SUPPORTED_START;
  private static final Instant END = BusinessCalendar.SUPPORTED_END;

  static LocalDate randomDate(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return LocalDate.of(1899, 12, 31).plusDays(rnd.nextInt(10));
      case 1:
        return LocalDate.of(2300, 1, 1).minusDays(1 + rnd.nextInt(10));
      case 2:
        return LocalDate.of(1901 + rnd.nextInt(398), 1, 1).minusDays(rnd.nextInt(3));
      default:
        return LocalDate.of(1900, 1, 1).plusDays(rnd.nextInt(146_000));
    }
  }

  static MinuteWalkCalendarProperties.Rules randomRules(Random rnd) {
    ZoneId zone = ZoneId.of(ZONES.get(rnd.nextInt(ZONES.size())));
    MinuteWalkCalendarProperties.Rules r = new MinuteWalkCalendarProperties.Rules(zone);
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone).id("long");
    boolean sparse = rnd.nextBoolean();
    boolean allDay = !sparse && rnd.nextInt(4) == 0;
    for (DayOfWeek d : DayOfWeek.values()) {
      List<TimeRange> list = new ArrayList<>();
      if (!sparse && (allDay || rnd.nextInt(3) > 0)) {
        TimeRange tr =
            allDay
                ? TimeRange.of(LocalTime.NOON, LocalTime.NOON)
                : MinuteWalkCalendarProperties.randomRange(rnd);
        list.add(tr);
        b.hours(d, tr);
      }
      r.week.put(d, list);
    }
    for (int i = rnd.nextInt(6); i >= 0; i--) {
      LocalDate date = randomDate(rnd);
      if (date.getYear() < 1900 || date.getYear() > 2299 || r.hoursOn.containsKey(date)) {
        continue;
      }
      if (r.holidays.contains(date)) {
        continue;
      }
      if (!sparse && rnd.nextBoolean()) {
        b.holiday(date);
        r.holidays.add(date);
      } else {
        TimeRange tr = MinuteWalkCalendarProperties.randomRange(rnd);
        b.hoursOn(date, tr);
        r.hoursOn.put(date, List.of(tr));
      }
    }
    r.cal = b.build();
    return r;
  }

  /** The merged open intervals of a rule calendar whose instants meet [from, to). */
  static List<Instant[]> intervals(MinuteWalkCalendarProperties.Rules r, Instant from, Instant to) {
    List<Instant[]> all = new ArrayList<>();
    LocalDate first = LocalDateTime.ofInstant(from, ZoneOffset.UTC).toLocalDate().minusDays(3);
    LocalDate last = LocalDateTime.ofInstant(to, ZoneOffset.UTC).toLocalDate().plusDays(3);
    boolean weekly = r.week.values().stream().anyMatch(l -> !l.isEmpty());
    if (weekly) {
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        all.addAll(r.rangesOf(d));
        r.memo.clear();
      }
    } else {
      for (LocalDate d : r.hoursOn.keySet()) {
        if (!d.isBefore(first) && !d.isAfter(last)) {
          all.addAll(r.rangesOf(d));
        }
      }
    }
    List<Instant[]> clipped = new ArrayList<>();
    for (Instant[] x : all) {
      Instant s = x[0].isBefore(from) ? from : x[0];
      Instant e = x[1].isAfter(to) ? to : x[1];
      if (s.isBefore(e)) {
        clipped.add(new Instant[] {s, e});
      }
    }
    return merge(clipped);
  }

  static List<Instant[]> merge(List<Instant[]> in) {
    in.sort((x, y) -> x[0].compareTo(y[0]));
    List<Instant[]> out = new ArrayList<>();
    for (Instant[] x : in) {
      if (!out.isEmpty() && !x[0].isAfter(out.get(out.size() - 1)[1])) {
        Instant[] l = out.get(out.size() - 1);
        if (x[1].isAfter(l[1])) {
          l[1] = x[1];
        }
      } else {
        out.add(new Instant[] {x[0], x[1]});
      }
    }
    return out;
  }

  static List<Instant[]> intersect(List<Instant[]> a, List<Instant[]> b) {
    List<Instant[]> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      Instant s = a.get(i)[0].isAfter(b.get(j)[0]) ? a.get(i)[0] : b.get(j)[0];
      Instant e = a.get(i)[1].isBefore(b.get(j)[1]) ? a.get(i)[1] : b.get(j)[1];
      if (s.isBefore(e)) {
        out.add(new Instant[] {s, e});
      }
      if (a.get(i)[1].isBefore(b.get(j)[1])) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  static Duration sum(List<Instant[]> list, Instant a, Instant b) {
    Duration d = Duration.ZERO;
    for (Instant[] x : list) {
      Instant s = x[0].isBefore(a) ? a : x[0];
      Instant e = x[1].isAfter(b) ? b : x[1];
      if (s.isBefore(e)) {
        d = d.plus(Duration.between(s, e));
      }
    }
    return d;
  }

  static Instant randomInstant(Random rnd) {
    long span = END.getEpochSecond() - START.getEpochSecond();
    switch (rnd.nextInt(5)) {
      case 0:
        return START.plusSeconds(rnd.nextInt(20 * 86_400));
      case 1:
        return END.minusSeconds(1 + rnd.nextInt(20 * 86_400));
      default:
        return START.plusSeconds(Math.floorMod(rnd.nextLong(), span));
    }
  }

  @Property(tries = TRIES)
  void longSpansMatchTheDayByDayOracle(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Random rnd = new Random(seed);
    MinuteWalkCalendarProperties.Rules x = randomRules(rnd);
    BusinessCalendar cal = x.cal;
    Instant a = randomInstant(rnd).plusNanos(rnd.nextBoolean() ? 0 : rnd.nextInt(999_999_999));
    Instant b = randomInstant(rnd).plusNanos(rnd.nextBoolean() ? 0 : rnd.nextInt(999_999_999));
    if (b.isBefore(a)) {
      Instant t = a;
      a = b;
      b = t;
    }
    // the oracle's list covers the whole supported range around [a, b) for plus and minus
    List<Instant[]> list;
    int kind = rnd.nextInt(3);
    if (kind == 0) {
      list = intervals(x, START, END);
    } else {
      MinuteWalkCalendarProperties.Rules y = randomRules(rnd);
      if (kind == 1) {
        cal = x.cal.union(y.cal);
        List<Instant[]> both = new ArrayList<>(intervals(x, START, END));
        both.addAll(intervals(y, START, END));
        list = merge(both);
      } else {
        cal = x.cal.intersection(y.cal);
        list = intersect(intervals(x, START, END), intervals(y, START, END));
      }
    }
    final BusinessCalendar c = cal;
    Duration want = sum(list, a, b);
    assertEquals(want, c.between(a, b), "between " + a + " " + b + " " + c);
    assertEquals(want.negated(), c.between(b, a), "between " + b + " " + a);
    Duration total = sum(list, START, END.minusNanos(1));
    assertEquals(total, c.between(START, END.minusNanos(1)), "whole range of " + c);

    // openPeriods: the oracle's intervals clipped to [a, b)
    List<OpenPeriod> periods = new ArrayList<>();
    for (Instant[] iv : list) {
      Instant s = iv[0].isBefore(a) ? a : iv[0];
      Instant e = iv[1].isAfter(b) ? b : iv[1];
      if (s.isBefore(e)) {
        periods.add(new OpenPeriod(s, e));
      }
    }
    assertEquals(periods, c.openPeriods(a, b), "openPeriods " + a + " " + b + " " + c);

    // isOpen, nextOpen and nextClose at a and b
    for (Instant t : new Instant[] {a, b}) {
      Instant[] in = null;
      Instant[] after = null;
      for (Instant[] iv : list) {
        if (!t.isBefore(iv[0]) && t.isBefore(iv[1])) {
          in = iv;
        } else if (after == null && iv[0].isAfter(t)) {
          after = iv;
        }
      }
      assertEquals(in != null, c.isOpen(t), "isOpen " + t + " " + c);
      Optional<Instant> open =
          in != null ? Optional.of(t) : Optional.ofNullable(after).map(v -> v[0]);
      assertEquals(open, c.nextOpen(t), "nextOpen " + t + " " + c);
      Optional<Instant> close =
          in == null ? Optional.of(t) : in[1].equals(END) ? Optional.empty() : Optional.of(in[1]);
      assertEquals(close, c.nextClose(t), "nextClose " + t + " " + c);
    }

    // plus and minus: the documented earliest / latest instant, from the list
    if (!want.isZero()) {
      Instant p = plus(list, a, want);
      if (p.equals(END)) {
        Instant from = a;
        assertThrows(IllegalStateException.class, () -> c.plus(from, want));
      } else {
        assertEquals(p, c.plus(a, want), "plus " + a + " " + want + " " + c);
      }
      assertEquals(minus(list, b, want), c.minus(b, want), "minus " + b + " " + want + " " + c);
    }
    Duration rest = sum(list, a, END);
    Duration more = rest.plusSeconds(1);
    Instant from = a;
    assertThrows(IllegalStateException.class, () -> c.plus(from, more), "plus beyond " + c);
  }

  static Instant plus(List<Instant[]> list, Instant a, Duration d) {
    Duration left = d;
    for (Instant[] x : list) {
      if (!x[1].isAfter(a)) {
        continue;
      }
      Instant s = x[0].isBefore(a) ? a : x[0];
      Duration len = Duration.between(s, x[1]);
      if (left.compareTo(len) <= 0) {
        return s.plus(left);
      }
      left = left.minus(len);
    }
    throw new AssertionError("oracle plus ran out");
  }

  static Instant minus(List<Instant[]> list, Instant b, Duration d) {
    Duration left = d;
    for (int i = list.size() - 1; i >= 0; i--) {
      Instant[] x = list.get(i);
      if (!x[0].isBefore(b)) {
        continue;
      }
      Instant e = x[1].isAfter(b) ? b : x[1];
      Duration len = Duration.between(x[0], e);
      if (left.compareTo(len) <= 0) {
        return e.minus(left);
      }
      left = left.minus(len);
    }
    throw new AssertionError("oracle minus ran out");
  }
}
