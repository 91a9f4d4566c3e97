package dev.servicekit.benchmarks.sla.holidays;

import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.DayRule;
import dev.servicekit.sla.holidays.ProductionCalendar;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of asking a production calendar about every day of two years (730 lookups per operation):
 * {@link ProductionCalendar#rule} (sorted map + Optional) against a plain {@link HashMap} baseline
 * holding the same rules. Tells a business calendar whether to copy the rules into its own index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DayRuleLookupBenchmark {

  /** Lookup implementation under test. */
  public enum Impl {
    PRODUCTION_CALENDAR,
    HASH_MAP_BASELINE
  }

  @Param public Impl impl;

  private ProductionCalendar calendar;
  private Map<LocalDate, DayRule> hashMap;
  private LocalDate[] dates;

  /** Builds the calendar and the query dates once. */
  @Setup
  public void setUp() {
    calendar = BundledCalendars.russia(2025, 2026);
    hashMap = new HashMap<>(calendar.rules());
    dates = calendar.start().datesUntil(calendar.end()).toArray(LocalDate[]::new);
  }

  /**
   * Counts the days off among all dates of 2025-2026.
   *
   * @return the count, consumed by JMH
   */
  @Benchmark
  public int countDaysOff() {
    int count = 0;
    if (impl == Impl.PRODUCTION_CALENDAR) {
      for (LocalDate d : dates) {
        if (calendar.rule(d).map(DayRule::isDayOff).orElse(false)) {
          count++;
        }
      }
    } else {
      for (LocalDate d : dates) {
        DayRule r = hashMap.get(d);
        if (r != null && r.isDayOff()) {
          count++;
        }
      }
    }
    return count;
  }
}
