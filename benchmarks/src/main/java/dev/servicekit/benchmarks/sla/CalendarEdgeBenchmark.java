package dev.servicekit.benchmarks.sla;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.OpenPeriod;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The slow paths of issue 14 on calendars whose working time is rare or absent: {@code openPeriods}
 * over the whole range of an empty intersection (repeated on one calendar), an intersection of a
 * dense and a sparse calendar in both operand orders, and a first search that runs out of working
 * time (fresh calendars each call, so the first-use cost is what is measured). Uses only the public
 * API, so the same jar measures an older sla-core put first on the class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CalendarEdgeBenchmark {
  private static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LAST_DAY = Instant.parse("2299-12-31T00:00:00Z");
  private static final Instant Y1902 = Instant.parse("1902-01-01T00:00:00Z");
  private static final Instant Y1950 = Instant.parse("1950-01-01T00:00:00Z");
  private static final Instant Y1951 = Instant.parse("1951-01-01T00:00:00Z");
  private static final Instant Y2297 = Instant.parse("2297-01-01T00:00:00Z");

  private BusinessCalendar emptyIntersection;
  private BusinessCalendar sparse;

  /**
   * Builds the shared empty intersection and sparse calendar and answers once, so caches are warm.
   */
  @Setup
  public void setUp() {
    emptyIntersection = teamWeekdays().intersection(customerSaturdays());
    emptyIntersection.openPeriods(FIRST, LAST_DAY);
    sparse = sparse();
    sparse.between(Y1902, Y2297);
    sparse.plus(Y1951, Duration.ofMinutes(30));
  }

  static BusinessCalendar teamWeekdays() {
    return BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
        .id("team")
        .weekdays(TimeRange.parse("09:00-17:00"))
        .build();
  }

  static BusinessCalendar customerSaturdays() {
    return BusinessCalendar.builder(ZoneId.of("America/New_York"))
        .id("customer")
        .hours(DayOfWeek.SATURDAY, TimeRange.parse("10:00-14:00"))
        .build();
  }

  /** Open on three dates only (1901, 1950, 2298): the static bounds span the whole range. */
  static BusinessCalendar sparse() {
    TimeRange morning = TimeRange.parse("10:00-12:00");
    return BusinessCalendar.builder(ZoneOffset.UTC)
        .id("sparse")
        .hoursOn(LocalDate.of(1901, 3, 1), morning)
        .hoursOn(LocalDate.of(1950, 6, 1), morning)
        .hoursOn(LocalDate.of(2298, 6, 1), morning)
        .build();
  }

  /** Half an hour of every two hours, every day. */
  static BusinessCalendar dense() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).id("dense");
    for (DayOfWeek d : DayOfWeek.values()) {
      for (int h = 0; h < 24; h += 2) {
        b.hours(d, TimeRange.of(LocalTime.of(h, 0), LocalTime.of(h, 30)));
      }
    }
    return b.build();
  }

  /**
   * {@code openPeriods} over 400 years of an empty intersection, again and again on one calendar.
   *
   * @return the periods (none)
   */
  @Benchmark
  public List<OpenPeriod> emptyIntersectionOpenPeriodsRepeated() {
    return emptyIntersection.openPeriods(FIRST, LAST_DAY);
  }

  /**
   * {@code between} 1902 and 2297 on one calendar open on three dates (1901, 1950, 2298), again and
   * again: about 390 empty years crossed.
   *
   * @return the business time (2 h)
   */
  @Benchmark
  public Duration sparseBetweenRepeated() {
    return sparse.between(Y1902, Y2297);
  }

  /**
   * {@code plus(1951, 30 min)} on the same calendar, again and again: 347 empty years to 2298.
   *
   * @return the deadline
   */
  @Benchmark
  public Instant sparsePlusRepeated() {
    return sparse.plus(Y1951, Duration.ofMinutes(30));
  }

  /**
   * A fresh dense ∩ sparse calendar, then {@code plus(1902, 30 min)} (work first in 1950).
   *
   * @return the deadline
   */
  @Benchmark
  public Instant denseIntersectSparseFirstPlus() {
    return dense().intersection(sparse()).plus(Y1902, Duration.ofMinutes(30));
  }

  /**
   * The same with the operands swapped.
   *
   * @return the deadline
   */
  @Benchmark
  public Instant sparseIntersectDenseFirstPlus() {
    return sparse().intersection(dense()).plus(Y1902, Duration.ofMinutes(30));
  }

  /**
   * A fresh weekday-team ∩ Saturday-customer calendar, then a {@code plus} that runs out.
   *
   * @return the exception's message
   */
  @Benchmark
  public String disjointFirstFailingPlus() {
    return failingPlus(teamWeekdays().intersection(customerSaturdays()));
  }

  /**
   * A fresh Berlin 09:00-12:00 ∩ Berlin 13:00-17:00 calendar (same zone, same days, never both
   * open), then a {@code plus} that runs out.
   *
   * @return the exception's message
   */
  @Benchmark
  public String sameZoneMorningAfternoonFirstFailingPlus() {
    BusinessCalendar am =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeRange.parse("09:00-12:00"))
            .build();
    BusinessCalendar pm =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(TimeRange.parse("13:00-17:00"))
            .build();
    return failingPlus(am.intersection(pm));
  }

  private static String failingPlus(BusinessCalendar cal) {
    try {
      return cal.plus(Y1950, Duration.ofMinutes(30)).toString();
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }
}
