package dev.servicekit.benchmarks;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * First-use cost: build a calendar and answer one {@code between} over one UTC year, which
 * materializes that year's index. Baseline: the same question answered by the day-by-day walk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BusinessCalendarColdStartBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant A = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant B = Instant.parse("2026-12-31T00:00:00Z");

  @Benchmark
  public Duration buildAndFirstYearBetween() {
    return BusinessCalendar.builder(ZONE)
        .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
        .build()
        .between(A, B);
  }

  @Benchmark
  public Duration naiveYearBetween() {
    return new NaiveCalendar(
            ZONE,
            new java.time.LocalTime[][] {
              {java.time.LocalTime.of(9, 0), java.time.LocalTime.of(13, 0)},
              {java.time.LocalTime.of(14, 0), java.time.LocalTime.of(18, 0)}
            },
            java.util.Set.of())
        .between(A, B);
  }
}
