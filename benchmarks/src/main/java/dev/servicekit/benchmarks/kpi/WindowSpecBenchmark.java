package dev.servicekit.benchmarks.kpi;

import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link WindowSpec#start(Instant)} then {@link WindowSpec#end(Instant)} of that start, as {@code
 * WindowedKpi} calls them when a group's cached window misses: one pair per operation, over {@value
 * #N} precomputed instants spread over 2000-2040 (no offset change near most of them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowSpecBenchmark {

  static final int N = 1 << 12;

  /** The zone. */
  @Param({"Europe/Berlin", "UTC", "America/New_York"})
  public String zone;

  /** The window unit. */
  @Param({"DAY", "WEEK", "MONTH"})
  public String unit;

  private WindowSpec spec;
  private Instant[] times;

  @Setup(Level.Trial)
  public void setUp() {
    spec = WindowSpec.of(WindowUnit.valueOf(unit), ZoneId.of(zone));
    SplittableRandom r = new SplittableRandom(7);
    long from = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2040-01-01T00:00:00Z").toEpochMilli();
    times = new Instant[N];
    for (int i = 0; i < N; i++) {
      times[i] = Instant.ofEpochMilli(r.nextLong(from, to));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long startThenEnd() {
    WindowSpec s = spec;
    Instant[] t = times;
    long sum = 0;
    for (int i = 0; i < N; i++) {
      Instant start = s.start(t[i]);
      sum += s.end(start).getEpochSecond() - start.getEpochSecond();
    }
    return sum;
  }
}
