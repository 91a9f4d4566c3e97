package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.sla.internal.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A calendar open only on a few scattered dates (whole days, some touching across a year end) is
 * queried many times through ONE instance, so the years that earlier searches learned to be empty
 * are reused; every answer must equal a brute-force oracle over the explicit list of open
 * intervals. Also exact chunk indexing at year starts (mutation testing, issue 14).
 */
class SparseCalendarLearningProperties {
  private static final long DAY = 86_400L;

  @Property(tries = 40)
  void learnedEmptyYearsNeverHideWork(@ForAll long seed) {
    Random r = new Random(seed);
    TreeSet<LocalDate> dates = new TreeSet<>();
    int groups = 1 + r.nextInt(4);
    for (int g = 0; g < groups; g++) {
      LocalDate d = LocalDate.of(1995 + r.nextInt(60), 1, 1).plusDays(r.nextInt(365));
      if (r.nextBoolean()) {
        d = LocalDate.of(d.getYear(), 12, 31); // touch the next year
      }
      int run = 1 + r.nextInt(3);
      for (int i = 0; i < run; i++) {
        dates.add(d.plusDays(i));
      }
    }
    BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.UTC).id("sparse");
    TimeRange whole = TimeRange.of(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    for (LocalDate d : dates) {
      b.hoursOn(d, whole);
    }
    BusinessCalendar cal = b.build();
    // oracle: merged [start, end) intervals in epoch seconds
    List<long[]> iv = new ArrayList<>();
    for (LocalDate d : dates) {
      long s = d.toEpochDay() * DAY;
      if (!iv.isEmpty() && iv.get(iv.size() - 1)[1] == s) {
        iv.get(iv.size() - 1)[1] = s + DAY;
      } else {
        iv.add(new long[] {s, s + DAY});
      }
    }
    long lo = LocalDate.of(1990, 1, 1).toEpochDay() * DAY;
    long hi = LocalDate.of(2060, 1, 1).toEpochDay() * DAY;
    for (int q = 0; q < 60; q++) {
      long t = pick(r, iv, lo, hi);
      Instant at = Instant.ofEpochSecond(t);
      switch (r.nextInt(6)) {
        case 0 -> assertEquals(nextOpen(iv, t), cal.nextOpen(at), "nextOpen " + at);
        case 1 -> assertEquals(nextClose(iv, t), cal.nextClose(at), "nextClose " + at);
        case 2 -> {
          long u = pick(r, iv, lo, hi);
          long a = Math.min(t, u);
          long z = Math.max(t, u);
          assertEquals(
              Duration.ofSeconds(between(iv, a, z)),
              cal.between(Instant.ofEpochSecond(a), Instant.ofEpochSecond(z)));
          assertEquals(
              List.copyOf(periods(iv, a, z)),
              cal.openPeriods(Instant.ofEpochSecond(a), Instant.ofEpochSecond(z)));
        }
        case 3, 4 -> {
          long d = 1 + r.nextInt((int) (3 * DAY));
          boolean forward = r.nextInt(6) == 3;
          Optional<Long> expected = forward ? plus(iv, t, d) : minus(iv, t, d);
          Duration dd = Duration.ofSeconds(d);
          if (expected.isPresent()) {
            Instant got = forward ? cal.plus(at, dd) : cal.minus(at, dd);
            assertEquals(Instant.ofEpochSecond(expected.get()), got, (forward ? "+" : "-") + at);
          } else {
            assertThrows(
                IllegalStateException.class,
                () -> {
                  if (forward) {
                    cal.plus(at, dd);
                  } else {
                    cal.minus(at, dd);
                  }
                });
          }
        }
        default -> assertEquals(isOpen(iv, t), cal.isOpen(at), "isOpen " + at);
      }
    }
  }

  @Test
  void chunkOfIsExactAtEveryYearStart() {
    for (int k = 0; k < Timeline.YEARS; k++) {
      long s = Timeline.chunkStart(k);
      assertEquals(k, Timeline.chunkOf(s));
      assertEquals(k, Timeline.chunkOf(Timeline.chunkStart(k + 1) - 1));
      if (k > 0) {
        assertEquals(k - 1, Timeline.chunkOf(s - 1));
      }
    }
  }

  private static long pick(Random r, List<long[]> iv, long lo, long hi) {
    if (r.nextInt(3) > 0) {
      long[] x = iv.get(r.nextInt(iv.size()));
      long base = r.nextBoolean() ? x[0] : x[1];
      return base + r.nextInt(5) - 2;
    }
    return lo + (long) (r.nextDouble() * (hi - lo));
  }

  private static boolean isOpen(List<long[]> iv, long t) {
    return iv.stream().anyMatch(x -> x[0] <= t && t < x[1]);
  }

  private static Optional<Instant> nextOpen(List<long[]> iv, long t) {
    for (long[] x : iv) {
      if (t < x[1]) {
        return Optional.of(Instant.ofEpochSecond(Math.max(t, x[0])));
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> nextClose(List<long[]> iv, long t) {
    for (long[] x : iv) {
      if (x[0] <= t && t < x[1]) {
        return Optional.of(Instant.ofEpochSecond(x[1]));
      }
    }
    return Optional.of(Instant.ofEpochSecond(t));
  }

  private static long between(List<long[]> iv, long a, long z) {
    long sum = 0;
    for (long[] x : iv) {
      sum += Math.max(0, Math.min(z, x[1]) - Math.max(a, x[0]));
    }
    return sum;
  }

  private static List<OpenPeriod> periods(List<long[]> iv, long a, long z) {
    List<OpenPeriod> out = new ArrayList<>();
    for (long[] x : iv) {
      long s = Math.max(a, x[0]);
      long e = Math.min(z, x[1]);
      if (s < e) {
        out.add(new OpenPeriod(Instant.ofEpochSecond(s), Instant.ofEpochSecond(e)));
      }
    }
    return out;
  }

  /** Earliest t >= start with between(start, t) == d. */
  private static Optional<Long> plus(List<long[]> iv, long start, long d) {
    long left = d;
    for (long[] x : iv) {
      long s = Math.max(start, x[0]);
      if (s >= x[1]) {
        continue;
      }
      if (x[1] - s >= left) {
        return Optional.of(s + left);
      }
      left -= x[1] - s;
    }
    return Optional.empty();
  }

  /** Latest t <= end with between(t, end) == d. */
  private static Optional<Long> minus(List<long[]> iv, long end, long d) {
    long left = d;
    for (int i = iv.size() - 1; i >= 0; i--) {
      long[] x = iv.get(i);
      long e = Math.min(end, x[1]);
      if (e <= x[0]) {
        continue;
      }
      if (e - x[0] >= left) {
        return Optional.of(e - left);
      }
      left -= e - x[0];
    }
    return Optional.empty();
  }
}
