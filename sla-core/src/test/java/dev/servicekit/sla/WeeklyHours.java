package dev.servicekit.sla;

import dev.servicekit.sla.internal.clock.BusinessTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only business time: fixed open minutes per weekday in UTC, computed by walking day by day.
 * Deliberately naive (an oracle for the clock tests), independent of the production calendar.
 */
final class WeeklyHours implements BusinessTime {

  private final Map<DayOfWeek, List<int[]>> open = new EnumMap<>(DayOfWeek.class);

  /** Opening [fromMinute, toMinute) on the given days. */
  WeeklyHours add(int fromMinute, int toMinute, DayOfWeek... days) {
    for (DayOfWeek d : days) {
      open.computeIfAbsent(d, k -> new ArrayList<>()).add(new int[] {fromMinute, toMinute});
    }
    return this;
  }

  static WeeklyHours nineToFive() {
    return new WeeklyHours()
        .add(
            9 * 60,
            17 * 60,
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
  }

  /** Open sub-intervals of one UTC day, sorted and merged. */
  private List<Instant[]> day(LocalDate date) {
    List<int[]> ranges = new ArrayList<>(open.getOrDefault(date.getDayOfWeek(), List.of()));
    ranges.sort((x, y) -> Integer.compare(x[0], y[0]));
    List<Instant[]> out = new ArrayList<>();
    Instant midnight = date.atStartOfDay().toInstant(ZoneOffset.UTC);
    for (int[] r : ranges) {
      Instant a = midnight.plusSeconds(r[0] * 60L);
      Instant b = midnight.plusSeconds(r[1] * 60L);
      if (!out.isEmpty() && !out.get(out.size() - 1)[1].isBefore(a)) {
        Instant[] last = out.get(out.size() - 1);
        if (b.isAfter(last[1])) {
          last[1] = b;
        }
      } else {
        out.add(new Instant[] {a, b});
      }
    }
    return out;
  }

  @Override
  public Duration between(Instant a, Instant b) {
    if (b.isBefore(a)) {
      return between(b, a).negated();
    }
    Duration sum = Duration.ZERO;
    LocalDate d = a.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate last = b.atZone(ZoneOffset.UTC).toLocalDate();
    for (; !d.isAfter(last); d = d.plusDays(1)) {
      for (Instant[] r : day(d)) {
        Instant s = r[0].isAfter(a) ? r[0] : a;
        Instant e = r[1].isBefore(b) ? r[1] : b;
        if (s.isBefore(e)) {
          sum = sum.plus(Duration.between(s, e));
        }
      }
    }
    return sum;
  }

  @Override
  public Instant plus(Instant a, Duration d) {
    if (d.isZero()) {
      return a;
    }
    Duration rest = d;
    LocalDate day = a.atZone(ZoneOffset.UTC).toLocalDate();
    for (int i = 0; i < 366 * 20; i++, day = day.plusDays(1)) {
      for (Instant[] r : day(day)) {
        Instant s = r[0].isAfter(a) ? r[0] : a;
        if (!s.isBefore(r[1])) {
          continue;
        }
        Duration avail = Duration.between(s, r[1]);
        if (avail.compareTo(rest) >= 0) {
          Instant t = s.plus(rest);
          if (!t.isBefore(BusinessCalendar.SUPPORTED_END)) {
            // as BusinessCalendar.plus: no deadline at or past the supported range's end
            throw new IllegalStateException(
                "no business time before the supported range's end from " + a + " plus " + d);
          }
          return t;
        }
        rest = rest.minus(avail);
      }
    }
    throw new IllegalStateException("no business time within 20 years of " + a);
  }
}
