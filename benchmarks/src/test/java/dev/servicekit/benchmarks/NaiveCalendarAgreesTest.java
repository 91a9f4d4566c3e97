package dev.servicekit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark baseline must answer the same questions as the engine, or the ratio is moot. */
class NaiveCalendarAgreesTest {

  @Test
  void naiveBaselineAgreesWithTheIndexedCalendar() {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    Random rnd = new Random(5);
    Set<LocalDate> holidays = new HashSet<>();
    for (int h = 0; h < 60; h++) {
      holidays.add(LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(6 * 365)));
    }
    BusinessCalendar indexed =
        BusinessCalendar.builder(zone)
            .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
            .holidays(holidays)
            .build();
    NaiveCalendar naive =
        new NaiveCalendar(
            zone,
            new LocalTime[][] {
              {LocalTime.of(9, 0), LocalTime.of(13, 0)}, {LocalTime.of(14, 0), LocalTime.of(18, 0)}
            },
            holidays);
    long base = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 300; i++) {
      Instant a = Instant.ofEpochSecond(base + rnd.nextInt(5 * 365 * 86_400), rnd.nextInt(1000));
      Instant b = a.plusSeconds(rnd.nextInt(60 * 86_400));
      Duration d = Duration.ofSeconds(1 + rnd.nextInt(300 * 3600));
      assertEquals(indexed.between(a, b), naive.between(a, b), a + " " + b);
      assertEquals(indexed.plus(a, d), naive.plus(a, d), a + " " + d);
    }
  }
}
