package dev.servicekit.benchmarks.sla;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.holidays.JollydayHolidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code plus} and {@code between} over spans of an hour to ten years on a realistic calendar
 * (Europe/Berlin, 09:00-13:00 + 14:00-18:00 Mon-Fri, German national holidays 2000-2060 from
 * jollyday): the indexed {@link BusinessCalendar} next to a naive day-stepping baseline, in the
 * same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusinessTimeBenchmark {

  /** The span covered by one call. */
  public enum Span {
    HOUR(Duration.ofHours(1), Duration.ofHours(1)),
    MONTH(Duration.ofDays(30), Duration.ofHours(8 * 21)),
    YEAR(Duration.ofDays(365), Duration.ofHours(8 * 250)),
    DECADE(Duration.ofDays(3652), Duration.ofHours(8 * 2500));

    final Duration wallClock;
    final Duration business;

    Span(Duration wallClock, Duration business) {
      this.wallClock = wallClock;
      this.business = business;
    }
  }

  /** The implementation under test. */
  public enum Impl {
    INDEXED,
    NAIVE
  }

  @Param({"HOUR", "MONTH", "YEAR", "DECADE"})
  public Span span;

  @Param({"INDEXED", "NAIVE"})
  public Impl impl;

  private static final int STARTS = 1024;
  private final Instant[] starts = new Instant[STARTS];
  private final Instant[] ends = new Instant[STARTS];
  private BusinessCalendar indexed;
  private NaiveDaySteppingCalendar naive;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    TimeRange morning = TimeRange.parse("09:00-13:00");
    TimeRange afternoon = TimeRange.parse("14:00-18:00");
    List<LocalDate> holidays =
        List.copyOf(JollydayHolidays.holidays("de", 2000, 2060).rules().keySet());
    indexed =
        BusinessCalendar.builder(zone)
            .id("berlin-support")
            .weekdays(morning, afternoon)
            .holidays(holidays)
            .build();
    Map<DayOfWeek, List<LocalTime[]>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
        week.put(
            d,
            List.of(
                new LocalTime[] {LocalTime.of(9, 0), LocalTime.of(13, 0)},
                new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(18, 0)}));
      }
    }
    naive = new NaiveDaySteppingCalendar(zone, week, java.util.Set.copyOf(holidays));
    SplittableRandom random = new SplittableRandom(42);
    long from = Instant.parse("2015-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2035-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < STARTS; i++) {
      starts[i] = Instant.ofEpochSecond(random.nextLong(from, to));
      ends[i] = starts[i].plus(span.wallClock);
    }
  }

  /** Steps the input cursor back (lets a test replay the same inputs on the other impl). */
  void rewind(int calls) {
    next -= calls;
  }

  @Benchmark
  public Instant plus() {
    int i = next++ & (STARTS - 1);
    return impl == Impl.INDEXED
        ? indexed.plus(starts[i], span.business)
        : naive.plus(starts[i], span.business);
  }

  @Benchmark
  public Duration between() {
    int i = next++ & (STARTS - 1);
    return impl == Impl.INDEXED
        ? indexed.between(starts[i], ends[i])
        : naive.between(starts[i], ends[i]);
  }
}
