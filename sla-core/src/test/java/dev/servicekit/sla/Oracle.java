package dev.servicekit.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brute-force reference for a window of dates, written independently of the engine: it expands each
 * local date into {@link LocalDateTime} ranges, maps them with {@link ZonedDateTime#of}, sorts and
 * merges the instant intervals in a plain list, and answers every query by a linear walk with
 * {@link Instant}/{@link Duration} arithmetic. Answers are trusted only inside {@code [lo, hi)};
 * {@code null} means "not decidable inside the window".
 */
final class Oracle {
  final Instant lo;
  final Instant hi;
  final List<Instant[]> intervals;

  /** Oracle for a calendar spec, trusted for instants in [from 00:00Z, to 00:00Z). */
  Oracle(CalendarSpec spec, LocalDate from, LocalDate to) {
    this(merge(expand(spec, from.minusDays(3), to.plusDays(3))), from, to);
  }

  private Oracle(List<Instant[]> intervals, LocalDate from, LocalDate to) {
    this.intervals = intervals;
    this.lo = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    this.hi = to.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static Oracle union(Oracle a, Oracle b) {
    List<Instant[]> all = new ArrayList<>(a.intervals);
    all.addAll(b.intervals);
    return new Oracle(merge(all), a.lo, b.hi, true);
  }

  static Oracle intersection(Oracle a, Oracle b) {
    List<Instant[]> out = new ArrayList<>();
    for (Instant[] x : a.intervals) {
      for (Instant[] y : b.intervals) {
        Instant s = max(x[0], y[0]);
        Instant e = min(x[1], y[1]);
        if (s.isBefore(e)) {
          out.add(new Instant[] {s, e});
        }
      }
    }
    return new Oracle(merge(out), a.lo, b.hi, true);
  }

  private Oracle(List<Instant[]> intervals, Instant lo, Instant hi, boolean raw) {
    this.intervals = intervals;
    this.lo = lo;
    this.hi = hi;
  }

  /** Local ranges of one date as [start, end) local date-times, after all rules. */
  static List<LocalDateTime[]> localRanges(CalendarSpec spec, LocalDate date) {
    List<TimeRange> ranges;
    if (spec.holidays.contains(date)) {
      ranges = List.of();
    } else if (spec.hoursOn.containsKey(date)) {
      ranges = spec.hoursOn.get(date);
    } else {
      DayOfWeek pattern = spec.workingDays.getOrDefault(date, date.getDayOfWeek());
      ranges = spec.week.get(pattern);
    }
    List<LocalDateTime[]> out = new ArrayList<>();
    for (TimeRange r : ranges) {
      LocalDateTime s = date.atTime(r.start());
      LocalDateTime e =
          r.end().isAfter(r.start()) ? date.atTime(r.end()) : date.plusDays(1).atTime(r.end());
      if (r.end().equals(LocalTime.MIDNIGHT)) {
        e = date.plusDays(1).atStartOfDay();
      }
      out.add(new LocalDateTime[] {s, e});
    }
    out.sort(Comparator.comparing((LocalDateTime[] x) -> x[0]));
    Duration cut = spec.shortened.get(date);
    if (cut != null) {
      for (int i = out.size() - 1; i >= 0 && cut.compareTo(Duration.ZERO) > 0; i--) {
        LocalDateTime[] r = out.get(i);
        Duration len = Duration.between(r[0], r[1]);
        if (cut.compareTo(len) >= 0) {
          out.remove(i);
          cut = cut.minus(len);
        } else {
          r[1] = r[1].minus(cut);
          cut = Duration.ZERO;
        }
      }
    }
    return out;
  }

  static List<Instant[]> expand(CalendarSpec spec, LocalDate from, LocalDate to) {
    List<Instant[]> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      for (LocalDateTime[] r : localRanges(spec, d)) {
        Instant s = ZonedDateTime.of(r[0], spec.zone).toInstant();
        Instant e = ZonedDateTime.of(r[1], spec.zone).toInstant();
        if (s.isBefore(e)) {
          out.add(new Instant[] {s, e});
        }
      }
    }
    return out;
  }

  static List<Instant[]> merge(List<Instant[]> in) {
    List<Instant[]> sorted = new ArrayList<>(in);
    sorted.sort(Comparator.comparing((Instant[] x) -> x[0]));
    List<Instant[]> out = new ArrayList<>();
    for (Instant[] x : sorted) {
      if (!out.isEmpty() && !x[0].isAfter(out.get(out.size() - 1)[1])) {
        Instant[] last = out.get(out.size() - 1);
        last[1] = max(last[1], x[1]);
      } else {
        out.add(new Instant[] {x[0], x[1]});
      }
    }
    return out;
  }

  boolean trusted(Instant t) {
    return !t.isBefore(lo) && !t.isAfter(hi);
  }

  boolean isOpen(Instant t) {
    for (Instant[] x : intervals) {
      if (!t.isBefore(x[0]) && t.isBefore(x[1])) {
        return true;
      }
    }
    return false;
  }

  /** Business time in [a, b), a <= b. */
  Duration between(Instant a, Instant b) {
    Duration sum = Duration.ZERO;
    for (Instant[] x : intervals) {
      Instant s = max(x[0], a);
      Instant e = min(x[1], b);
      if (s.isBefore(e)) {
        sum = sum.plus(Duration.between(s, e));
      }
    }
    return sum;
  }

  /** Earliest t >= a with between(a, t) == d (d > 0), or null if not inside the window. */
  Instant plus(Instant a, Duration d) {
    Duration left = d;
    for (Instant[] x : intervals) {
      if (!x[1].isAfter(a)) {
        continue;
      }
      Instant s = max(x[0], a);
      Duration len = Duration.between(s, x[1]);
      if (left.compareTo(len) <= 0) {
        Instant t = s.plus(left);
        return t.isAfter(hi) ? null : t;
      }
      left = left.minus(len);
    }
    return null;
  }

  /** Latest t <= b with between(t, b) == d (d > 0), or null if not inside the window. */
  Instant minus(Instant b, Duration d) {
    Duration left = d;
    for (int i = intervals.size() - 1; i >= 0; i--) {
      Instant[] x = intervals.get(i);
      if (!x[0].isBefore(b)) {
        continue;
      }
      Instant e = min(x[1], b);
      Duration len = Duration.between(x[0], e);
      if (left.compareTo(len) <= 0) {
        Instant t = e.minus(left);
        return t.isBefore(lo) ? null : t;
      }
      left = left.minus(len);
    }
    return null;
  }

  /** t if open, else the next opening; null if none inside the window. */
  Instant nextOpen(Instant t) {
    for (Instant[] x : intervals) {
      if (x[1].isAfter(t)) {
        Instant r = x[0].isAfter(t) ? x[0] : t;
        return r.isBefore(hi) ? r : null;
      }
    }
    return null;
  }

  /** t if closed, else the end of its period; null if that end is not inside the window. */
  Instant nextClose(Instant t) {
    for (Instant[] x : intervals) {
      if (!t.isBefore(x[0]) && t.isBefore(x[1])) {
        return x[1].isBefore(hi) ? x[1] : null;
      }
    }
    return t;
  }

  /** Merged intervals clipped to [a, b). */
  List<OpenPeriod> periods(Instant a, Instant b) {
    List<OpenPeriod> out = new ArrayList<>();
    for (Instant[] x : intervals) {
      Instant s = max(x[0], a);
      Instant e = min(x[1], b);
      if (s.isBefore(e)) {
        out.add(new OpenPeriod(s, e));
      }
    }
    return out;
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
