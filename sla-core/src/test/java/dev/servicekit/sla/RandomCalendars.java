package dev.servicekit.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Calendar configurations for properties and differential tests: a fixed matrix plus random. */
final class RandomCalendars {
  private RandomCalendars() {}

  /** Zones with daylight-saving time (some odd: 30-minute DST, 2-hour DST, a skipped day). */
  static final List<String> DST_ZONES =
      List.of(
          "Europe/Berlin",
          "Europe/London",
          "Europe/Dublin",
          "Europe/Lisbon",
          "Europe/Athens",
          "Europe/Helsinki",
          "Europe/Moscow",
          "Europe/Chisinau",
          "Atlantic/Azores",
          "America/New_York",
          "America/Chicago",
          "America/Denver",
          "America/Los_Angeles",
          "America/Anchorage",
          "America/Halifax",
          "America/St_Johns",
          "America/Havana",
          "America/Santiago",
          "America/Asuncion",
          "America/Sao_Paulo",
          "America/Mexico_City",
          "America/Nuuk",
          "Asia/Jerusalem",
          "Asia/Beirut",
          "Asia/Tehran",
          "Asia/Amman",
          "Asia/Damascus",
          "Asia/Gaza",
          "Africa/Cairo",
          "Africa/Casablanca",
          "Australia/Sydney",
          "Australia/Adelaide",
          "Australia/Lord_Howe",
          "Pacific/Auckland",
          "Pacific/Chatham",
          "Pacific/Apia",
          "Antarctica/Troll");

  static final String[] KINDS = {
    "always", "lunch", "overnight", "holidayHeavy", "sparseDates", "random"
  };

  /** Local times near typical DST transitions, to land boundaries in gaps and overlaps. */
  private static final int[] TRICKY_SECONDS = {
    0, 1800, 3600, 5400, 7200, 9000, 10800, 12600, 14400, 21600, 79200, 82800, 84600
  };

  static ZoneId zone(Random rnd) {
    return ZoneId.of(DST_ZONES.get(rnd.nextInt(DST_ZONES.size())));
  }

  /** A random instant, whole seconds or not, in UTC years [fromYear, toYear). */
  static Instant instant(Random rnd, int fromYear, int toYear) {
    long lo = LocalDate.of(fromYear, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long hi = LocalDate.of(toYear, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long s = lo + (long) (rnd.nextDouble() * (hi - lo));
    return Instant.ofEpochSecond(s, rnd.nextInt(3) == 0 ? rnd.nextInt(1_000_000_000) : 0);
  }

  /** A random duration up to {@code maxHours}, sometimes with a fraction of a second. */
  static Duration duration(Random rnd, int maxHours) {
    long secs;
    switch (rnd.nextInt(4)) {
      case 0:
        secs = rnd.nextInt(3600);
        break;
      case 1:
        secs = 3600L * rnd.nextInt(maxHours + 1);
        break;
      default:
        secs = (long) (rnd.nextDouble() * maxHours * 3600);
    }
    int nanos = rnd.nextInt(3) == 0 ? rnd.nextInt(1_000_000_000) : 0;
    Duration d = Duration.ofSeconds(secs, nanos);
    return d.isZero() ? Duration.ofNanos(1) : d;
  }

  /**
   * A calendar of a given kind whose exceptions fall in [from, to] (dates).
   *
   * @param kind index into {@link #KINDS}
   */
  static CalendarSpec spec(Random rnd, int kind, ZoneId zone, LocalDate from, LocalDate to) {
    CalendarSpec s = new CalendarSpec(KINDS[kind] + "-" + zone, zone);
    switch (KINDS[kind]) {
      case "always":
        for (DayOfWeek d : DayOfWeek.values()) {
          s.week.get(d).add(TimeRange.parse("00:00-24:00"));
        }
        sprinkle(rnd, s, from, to, 2);
        break;
      case "lunch":
        for (DayOfWeek d : DayOfWeek.values()) {
          if (d.getValue() <= 5) {
            s.week.get(d).add(TimeRange.parse("09:00-12:30"));
            s.week.get(d).add(TimeRange.parse("13:30-18:00"));
          }
        }
        s.week.get(DayOfWeek.SATURDAY).add(TimeRange.parse("10:00-14:00"));
        sprinkle(rnd, s, from, to, 3);
        break;
      case "overnight":
        for (DayOfWeek d : DayOfWeek.values()) {
          if (d.getValue() <= 5) {
            s.week.get(d).add(TimeRange.parse("22:00-06:00"));
            s.week.get(d).add(TimeRange.parse("06:00-14:00"));
          }
        }
        s.week.get(DayOfWeek.SUNDAY).add(TimeRange.parse("01:30-02:30"));
        sprinkle(rnd, s, from, to, 4);
        break;
      case "holidayHeavy":
        for (DayOfWeek d : DayOfWeek.values()) {
          if (d.getValue() <= 5) {
            s.week.get(d).add(TimeRange.parse("08:00-17:00"));
          }
        }
        sprinkle(rnd, s, from, to, (int) Math.max(4, (to.toEpochDay() - from.toEpochDay()) / 3));
        break;
      case "sparseDates":
        sprinkle(rnd, s, from, to, 6);
        for (int i = 0; i < 4; i++) {
          LocalDate d = date(rnd, from, to);
          if (!s.hasRule(d)) {
            s.hoursOn.put(d, randomDay(rnd));
          }
        }
        break;
      default:
        for (DayOfWeek d : DayOfWeek.values()) {
          if (rnd.nextInt(4) != 0) {
            s.week.get(d).addAll(randomDay(rnd));
          }
        }
        sprinkle(rnd, s, from, to, rnd.nextInt(8));
    }
    return s;
  }

  /** Adds about {@code n} random exceptions of every type on distinct dates. */
  static void sprinkle(Random rnd, CalendarSpec s, LocalDate from, LocalDate to, int n) {
    for (int i = 0; i < n; i++) {
      LocalDate d = date(rnd, from, to);
      if (s.hasRule(d)) {
        continue;
      }
      switch (rnd.nextInt(5)) {
        case 0:
        case 1:
          s.holidays.add(d);
          break;
        case 2:
          s.hoursOn.put(d, randomDay(rnd));
          break;
        case 3:
          s.shortened.put(d, Duration.ofSeconds(1 + rnd.nextInt(6 * 3600)));
          break;
        default:
          s.workingDays.put(d, DayOfWeek.of(1 + rnd.nextInt(7)));
          if (rnd.nextBoolean()) {
            s.shortened.put(d, Duration.ofMinutes(1 + rnd.nextInt(120)));
          }
      }
    }
  }

  static LocalDate date(Random rnd, LocalDate from, LocalDate to) {
    return from.plusDays(rnd.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
  }

  /** 0-3 non-overlapping ranges of one day, possibly crossing midnight or ending at 24:00. */
  static List<TimeRange> randomDay(Random rnd) {
    List<TimeRange> out = new ArrayList<>();
    int count = rnd.nextInt(4);
    int cursor = 0;
    for (int i = 0; i < count && cursor < 86_400 - 1; i++) {
      int start = cursor + pick(rnd, 86_400 - cursor - 1);
      int maxLen = (i == count - 1) ? 86_400 : 86_400 - start; // the last may cross midnight
      int len = 1 + pick(rnd, maxLen - 1);
      int end = start + len;
      if (i < count - 1 && end > 86_400) {
        end = 86_400;
      }
      out.add(TimeRange.of(LocalTime.ofSecondOfDay(start), LocalTime.ofSecondOfDay(end % 86_400)));
      cursor = end;
    }
    return out;
  }

  private static int pick(Random rnd, int bound) {
    if (bound <= 0) {
      return 0;
    }
    if (rnd.nextBoolean()) {
      int t = TRICKY_SECONDS[rnd.nextInt(TRICKY_SECONDS.length)];
      if (t < bound) {
        return t;
      }
    }
    return rnd.nextInt(bound);
  }
}
