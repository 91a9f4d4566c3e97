package dev.servicekit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The usual way SLA engines compute business time: walk the calendar day by day, building each
 * day's intervals with {@link ZonedDateTime}. Baseline for {@link BusinessCalendarBenchmark}; its
 * cost grows with the span. Weekday ranges only (Mon-Fri), plus holidays.
 */
final class NaiveCalendar {
  private final ZoneId zone;
  private final LocalTime[][] ranges;
  private final Set<LocalDate> holidays;

  NaiveCalendar(ZoneId zone, LocalTime[][] ranges, Set<LocalDate> holidays) {
    this.zone = zone;
    this.ranges = ranges;
    this.holidays = holidays;
  }

  Duration between(Instant a, Instant b) {
    long nanos = 0;
    LocalDate d = LocalDate.ofInstant(a, zone).minusDays(1);
    LocalDate last = LocalDate.ofInstant(b, zone);
    for (; !d.isAfter(last); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() > 5 || holidays.contains(d)) {
        continue;
      }
      for (LocalTime[] r : ranges) {
        Instant s = ZonedDateTime.of(d, r[0], zone).toInstant();
        Instant e = ZonedDateTime.of(d, r[1], zone).toInstant();
        Instant lo = s.isAfter(a) ? s : a;
        Instant hi = e.isBefore(b) ? e : b;
        if (lo.isBefore(hi)) {
          nanos += Duration.between(lo, hi).toNanos();
        }
      }
    }
    return Duration.ofNanos(nanos);
  }

  Instant plus(Instant a, Duration d) {
    Duration left = d;
    for (LocalDate day = LocalDate.ofInstant(a, zone).minusDays(1); ; day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() > 5 || holidays.contains(day)) {
        continue;
      }
      for (LocalTime[] r : ranges) {
        Instant s = ZonedDateTime.of(day, r[0], zone).toInstant();
        Instant e = ZonedDateTime.of(day, r[1], zone).toInstant();
        if (!e.isAfter(a)) {
          continue;
        }
        Instant from = s.isAfter(a) ? s : a;
        Duration len = Duration.between(from, e);
        if (left.compareTo(len) <= 0) {
          return from.plus(left);
        }
        left = left.minus(len);
      }
    }
  }
}
