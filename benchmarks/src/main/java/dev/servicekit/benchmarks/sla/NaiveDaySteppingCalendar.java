package dev.servicekit.benchmarks.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The baseline most helpdesks write: walk the calendar day by day, turning each local date's
 * working intervals into instants and consuming them. Correct for the benchmark's calendar
 * (same-day intervals only), but its cost grows with the span. Not thread-safe concerns: it is
 * immutable.
 */
final class NaiveDaySteppingCalendar {
  private final ZoneId zone;
  private final Map<DayOfWeek, List<LocalTime[]>> week;
  private final Set<LocalDate> holidays;

  NaiveDaySteppingCalendar(
      ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> week, Set<LocalDate> holidays) {
    this.zone = zone;
    this.week = new EnumMap<>(week);
    this.holidays = Set.copyOf(holidays);
  }

  /** Deadline: start plus {@code amount} of business time. */
  Instant plus(Instant start, Duration amount) {
    long remaining = amount.getSeconds();
    LocalDate day = LocalDate.ofInstant(start, zone);
    while (true) {
      if (!holidays.contains(day)) {
        for (LocalTime[] range : week.getOrDefault(day.getDayOfWeek(), List.of())) {
          long from = day.atTime(range[0]).atZone(zone).toEpochSecond();
          long to = day.atTime(range[1]).atZone(zone).toEpochSecond();
          from = Math.max(from, start.getEpochSecond());
          if (to <= from) {
            continue;
          }
          if (to - from >= remaining) {
            return Instant.ofEpochSecond(from + remaining);
          }
          remaining -= to - from;
        }
      }
      day = day.plusDays(1);
    }
  }

  /** Business time in [a, b), a <= b. */
  Duration between(Instant a, Instant b) {
    long total = 0;
    LocalDate last = LocalDate.ofInstant(b, zone);
    for (LocalDate day = LocalDate.ofInstant(a, zone); !day.isAfter(last); day = day.plusDays(1)) {
      if (holidays.contains(day)) {
        continue;
      }
      for (LocalTime[] range : week.getOrDefault(day.getDayOfWeek(), List.of())) {
        long from = Math.max(day.atTime(range[0]).atZone(zone).toEpochSecond(), a.getEpochSecond());
        long to = Math.min(day.atTime(range[1]).atZone(zone).toEpochSecond(), b.getEpochSecond());
        if (to > from) {
          total += to - from;
        }
      }
    }
    return Duration.ofSeconds(total);
  }
}
