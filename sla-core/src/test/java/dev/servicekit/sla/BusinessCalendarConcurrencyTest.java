package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fresh calendars queried from several threads at once (racing to build the same yearly index) give
 * exactly the answers of a single-threaded run on an identical calendar.
 */
class BusinessCalendarConcurrencyTest {

  @Test
  void concurrentFirstUseGivesTheSameAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        Random rnd = new Random(round);
        CalendarSpec spec =
            RandomCalendars.spec(
                rnd,
                round % RandomCalendars.KINDS.length,
                RandomCalendars.zone(rnd),
                LocalDate.of(2020, 1, 1),
                LocalDate.of(2030, 1, 1));
        Instant[] a = new Instant[400];
        Duration[] d = new Duration[400];
        for (int i = 0; i < a.length; i++) {
          a[i] = RandomCalendars.instant(rnd, 2018, 2032);
          d[i] = RandomCalendars.duration(rnd, 3000);
        }
        List<String> expected = answers(spec.build(), a, d, 0, a.length);
        BusinessCalendar shared = spec.build();
        List<Future<List<String>>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          parts.add(pool.submit(() -> answers(shared, a, d, 0, a.length)));
        }
        for (Future<List<String>> f : parts) {
          assertEquals(expected, f.get(60, TimeUnit.SECONDS));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> answers(
      BusinessCalendar cal, Instant[] a, Duration[] d, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String plus;
      try {
        plus = cal.plus(a[i], d[i]).toString();
      } catch (IllegalStateException e) {
        plus = "none";
      }
      out.add(plus + " " + cal.between(a[i], a[(i + 1) % a.length]) + " " + cal.nextOpen(a[i]));
    }
    return out;
  }
}
