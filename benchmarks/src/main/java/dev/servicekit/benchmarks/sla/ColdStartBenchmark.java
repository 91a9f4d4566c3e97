package dev.servicekit.benchmarks.sla;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First-use cost: build a calendar and answer one {@code between} over one year, which materializes
 * that year's index. Baseline: the same question answered by the naive day-stepping walk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ColdStartBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant A = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant B = Instant.parse("2026-12-31T00:00:00Z");
  private static final Map<DayOfWeek, List<LocalTime[]>> WEEK = new EnumMap<>(DayOfWeek.class);

  static {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
        WEEK.put(
            d,
            List.of(
                new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(13, 0)},
                new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(18, 0)}));
      }
    }
  }

  /**
   * Builds a fresh calendar and answers one one-year question.
   *
   * @return the business time
   */
  @Benchmark
  public Duration buildAndFirstYearBetween() {
    return BusinessCalendar.builder(ZONE)
        .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
        .build()
        .between(A, B);
  }

  /**
   * The naive walk over the same year.
   *
   * @return the business time
   */
  @Benchmark
  public Duration naiveYearBetween() {
    return new NaiveDaySteppingCalendar(ZONE, WEEK, Set.of()).between(A, B);
  }
}
