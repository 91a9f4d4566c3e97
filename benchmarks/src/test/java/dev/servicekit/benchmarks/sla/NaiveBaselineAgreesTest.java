package dev.servicekit.benchmarks.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * A baseline is only a fair comparison if it computes the same answers: the naive day-stepping
 * calendar and the indexed one must agree on the benchmark's own inputs.
 */
class NaiveBaselineAgreesTest {

  @Test
  void naiveAndIndexedAgreeOnEveryBenchmarkInput() {
    for (BusinessTimeBenchmark.Span span : BusinessTimeBenchmark.Span.values()) {
      BusinessTimeBenchmark bench = new BusinessTimeBenchmark();
      bench.span = span;
      bench.setUp();
      for (int i = 0; i < 64; i++) {
        bench.impl = BusinessTimeBenchmark.Impl.INDEXED;
        Instant indexedPlus = bench.plus();
        Duration indexedBetween = bench.between();
        bench.impl = BusinessTimeBenchmark.Impl.NAIVE;
        rewind(bench);
        assertEquals(indexedPlus, bench.plus(), span + " plus #" + i);
        assertEquals(indexedBetween, bench.between(), span + " between #" + i);
      }
    }
  }

  @Test
  void easterMatchesPublishedDates() {
    // Easter Sunday dates as published in the Gregorian tables (e.g. 2024-03-31, 2025-04-20,
    // 2038-04-25).
    assertEquals(LocalDate.of(2024, 3, 31), GermanHolidays.easterSunday(2024));
    assertEquals(LocalDate.of(2025, 4, 20), GermanHolidays.easterSunday(2025));
    assertEquals(LocalDate.of(2038, 4, 25), GermanHolidays.easterSunday(2038));
    assertEquals(LocalDate.of(2008, 3, 23), GermanHolidays.easterSunday(2008));
  }

  private static void rewind(BusinessTimeBenchmark bench) {
    bench.rewind(2);
  }
}
