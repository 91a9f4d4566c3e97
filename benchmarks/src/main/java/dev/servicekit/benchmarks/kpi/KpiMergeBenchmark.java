package dev.servicekit.benchmarks.kpi;

import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.ServiceLevelPolicy;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Merge and snapshot cost of one group-window's state: a counter KPI (service level, 7 counters)
 * and a percentile KPI (DDSketch holding 10 000 log-uniform response times, 1 % accuracy).
 * Baseline: {@code baselineNpsMerge}, a 3-counter merge.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KpiMergeBenchmark {

  private NpsAccumulator npsA;
  private NpsAccumulator npsB;
  private ServiceLevelAccumulator slA;
  private ServiceLevelAccumulator slB;
  private PercentileAccumulator pA;
  private PercentileAccumulator pB;
  private byte[] pBytes;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    npsA = NpsAccumulator.create();
    npsB = NpsAccumulator.create();
    ServiceLevelPolicy policy =
        ServiceLevelPolicy.of(
            Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30));
    slA = ServiceLevelAccumulator.create(policy);
    slB = ServiceLevelAccumulator.create(policy);
    pA = PercentileAccumulator.create();
    pB = PercentileAccumulator.create();
    for (int i = 0; i < 10_000; i++) {
      long w = (long) Math.exp(r.nextDouble(Math.log(1_000), Math.log(10_000_000)));
      npsB.add(r.nextInt(11));
      slB.answeredMillis(w / 1000);
      pB.addMillis(w);
      pA.addMillis(w);
    }
    pBytes = pB.toBytes();
  }

  @Benchmark
  public Object baselineNpsMerge() {
    npsA.merge(npsB);
    return npsA;
  }

  @Benchmark
  public Object serviceLevelMerge() {
    slA.merge(slB);
    return slA;
  }

  @Benchmark
  public Object percentileMerge() {
    pA.merge(pB);
    return pA;
  }

  @Benchmark
  public byte[] percentileToBytes() {
    return pB.toBytes();
  }

  @Benchmark
  public Object percentileFromBytes() {
    return KpiSnapshots.fromBytes(pBytes);
  }

  @Benchmark
  public byte[] serviceLevelToBytes() {
    return slB.toBytes();
  }
}
