package dev.servicekit.benchmarks;

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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code between} and {@code plus} of the indexed {@link BusinessCalendar} against a day-by-day
 * walk ({@link NaiveCalendar}) over spans from one hour to ten years, on an office calendar
 * (Europe/Berlin, Mon-Fri 09:00-13:00 and 14:00-18:00, 10 holidays a year). Inputs are precomputed;
 * every call returns its result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BusinessCalendarBenchmark {

  /** Which implementation answers. */
  public enum Impl {
    INDEXED,
    NAIVE
  }

  /** Distance between the two instants of {@code between}, and the business duration of plus. */
  public enum Span {
    HOUR(Duration.ofHours(1), Duration.ofHours(1)),
    WEEK(Duration.ofDays(7), Duration.ofHours(40)),
    YEAR(Duration.ofDays(365), Duration.ofHours(2000)),
    TEN_YEARS(Duration.ofDays(3652), Duration.ofHours(20000));

    final Duration elapsed;
    final Duration business;

    Span(Duration elapsed, Duration business) {
      this.elapsed = elapsed;
      this.business = business;
    }
  }

  @Param({"INDEXED", "NAIVE"})
  public Impl impl;

  @Param({"HOUR", "WEEK", "YEAR", "TEN_YEARS"})
  public Span span;

  private static final int N = 1024;
  private final Instant[] starts = new Instant[N];
  private final Instant[] ends = new Instant[N];
  private int i;
  private BusinessCalendar indexed;
  private NaiveCalendar naive;

  @Setup(Level.Trial)
  public void setUp() {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    Set<LocalDate> holidays = new HashSet<>();
    Random rnd = new Random(42);
    for (int y = 2015; y <= 2045; y++) {
      for (int h = 0; h < 10; h++) {
        holidays.add(LocalDate.of(y, 1, 1).plusDays(rnd.nextInt(365)));
      }
    }
    indexed =
        BusinessCalendar.builder(zone)
            .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
            .holidays(holidays)
            .build();
    naive =
        new NaiveCalendar(
            zone,
            new LocalTime[][] {
              {LocalTime.of(9, 0), LocalTime.of(13, 0)}, {LocalTime.of(14, 0), LocalTime.of(18, 0)}
            },
            holidays);
    long base = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    for (int k = 0; k < N; k++) {
      starts[k] = Instant.ofEpochSecond(base + rnd.nextInt(5 * 365 * 86_400), rnd.nextInt(1000));
      ends[k] = starts[k].plus(span.elapsed);
    }
    // warm the index for the spans measured (first use builds each UTC year once)
    for (int k = 0; k < N; k++) {
      indexed.between(starts[k], ends[k]);
      indexed.plus(starts[k], span.business);
    }
  }

  @Benchmark
  public Duration between() {
    int k = i++ & (N - 1);
    return impl == Impl.INDEXED
        ? indexed.between(starts[k], ends[k])
        : naive.between(starts[k], ends[k]);
  }

  @Benchmark
  public Instant plus() {
    int k = i++ & (N - 1);
    return impl == Impl.INDEXED
        ? indexed.plus(starts[k], span.business)
        : naive.plus(starts[k], span.business);
  }
}
