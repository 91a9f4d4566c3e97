package dev.servicekit.benchmarks.kpi;

import dev.servicekit.kpi.ConcurrentAccumulator;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.DurationResult;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import dev.servicekit.kpi.WindowSpec;
import dev.servicekit.kpi.WindowUnit;
import dev.servicekit.kpi.WindowedKpi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Events per second per core for counter and percentile KPIs. Each invocation feeds the same
 * precomputed batch of {@value #N} events; throughput is reported per event. Baselines in the same
 * run: {@code baselineCounterLoop} (the cheapest possible loop: two plain long fields updated per
 * event) and {@code baselineExactPercentiles} (the naive exact alternative to a sketch: copying
 * every value into an array, sorted once per batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KpiIngestBenchmark {

  static final int N = 1 << 14;

  private int[] scores;
  private long[] waits;
  private boolean[] answered;
  private Instant[] times;

  private NpsAccumulator nps;
  private RatingAccumulator csat;
  private DurationAccumulator duration;
  private ServiceLevelAccumulator serviceLevel;
  private PercentileAccumulator percentiles;
  private ConcurrentAccumulator<DurationAccumulator, DurationResult> concurrent;
  private WindowedKpi<String, NpsAccumulator> windowed;
  private long[] exact;
  private long plainCount;
  private long plainSum;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    scores = new int[N];
    waits = new long[N];
    answered = new boolean[N];
    times = new Instant[N];
    Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    for (int i = 0; i < N; i++) {
      scores[i] = r.nextInt(11);
      // log-uniform waits between 1 s and ~3 h, the shape of response times
      waits[i] = (long) Math.exp(r.nextDouble(Math.log(1_000), Math.log(10_000_000)));
      answered[i] = r.nextInt(10) != 0;
      times[i] = t0.plusSeconds(i); // ~4.5 h: a few hour windows
    }
    nps = NpsAccumulator.create();
    csat = RatingAccumulator.create(RatingScale.of(0, 10, 8));
    duration = DurationAccumulator.create();
    serviceLevel =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    percentiles = PercentileAccumulator.create();
    concurrent = ConcurrentAccumulator.create(DurationAccumulator::create);
    windowed =
        WindowedKpi.create(
            NpsAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Paris")),
            Duration.ofDays(1));
    exact = new long[N];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long baselineCounterLoop() {
    long[] w = waits;
    for (int i = 0; i < N; i++) {
      plainCount++;
      plainSum += w[i];
    }
    return plainCount + plainSum;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object npsAdd() {
    int[] s = scores;
    for (int i = 0; i < N; i++) {
      nps.add(s[i]);
    }
    return nps;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object csatAdd() {
    int[] s = scores;
    for (int i = 0; i < N; i++) {
      csat.add(s[i]);
    }
    return csat;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object durationAdd() {
    long[] w = waits;
    for (int i = 0; i < N; i++) {
      duration.addMillis(w[i]);
    }
    return duration;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object serviceLevelAdd() {
    long[] w = waits;
    boolean[] a = answered;
    for (int i = 0; i < N; i++) {
      if (a[i]) {
        serviceLevel.answeredMillis(w[i] / 1000);
      } else {
        serviceLevel.abandonedMillis(w[i] / 1000);
      }
    }
    return serviceLevel;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object percentileAdd() {
    long[] w = waits;
    for (int i = 0; i < N; i++) {
      percentiles.addMillis(w[i]);
    }
    return percentiles;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long baselineExactPercentiles() {
    System.arraycopy(waits, 0, exact, 0, N);
    Arrays.sort(exact);
    return exact[(int) (0.99 * (N - 1))];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object concurrentDurationAddSingleWriter() {
    long[] w = waits;
    for (int i = 0; i < N; i++) {
      concurrent.recordLong(DurationAccumulator::addMillis, w[i]);
    }
    return concurrent;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public Object windowedNpsAdd() {
    int[] s = scores;
    Instant[] t = times;
    for (int i = 0; i < N; i++) {
      windowed.recordInt("team-a", t[i], NpsAccumulator::add, s[i]);
    }
    return windowed;
  }
}
