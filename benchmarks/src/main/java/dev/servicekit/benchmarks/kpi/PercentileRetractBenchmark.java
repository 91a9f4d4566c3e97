package dev.servicekit.benchmarks.kpi;

import dev.servicekit.kpi.PercentileAccumulator;
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
 * A revised response time in a percentile KPI: {@code retract} the old value and add the new one,
 * against the alternative without retraction, rebuilding the sketch from every value kept (what a
 * CRM had to do before {@link PercentileAccumulator#retractMillis}). Values are log-uniform between
 * 1 s and about 3 h, the shape of response times; the sketch then holds about 460 buckets at 1 %.
 * Each operation revises one value, so the sketch's size stays constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PercentileRetractBenchmark {

  /** Observations held. */
  @Param({"16384"})
  public int size;

  private long[] values;
  private PercentileAccumulator sketch;
  private SplittableRandom random;

  @Setup(Level.Trial)
  public void setUp() {
    random = new SplittableRandom(42);
    values = new long[size];
    sketch = PercentileAccumulator.create();
    for (int i = 0; i < size; i++) {
      values[i] = wait(random);
      sketch.addMillis(values[i]);
    }
  }

  private static long wait(SplittableRandom r) {
    return (long) Math.exp(r.nextDouble(Math.log(1_000), Math.log(10_000_000)));
  }

  /** Retract the old value, add the revised one: O(buckets). */
  @Benchmark
  public double retractAndAdd() {
    int i = random.nextInt(size);
    long revised = wait(random);
    sketch.retractMillis(values[i]);
    sketch.addMillis(revised);
    values[i] = revised;
    return sketch.count();
  }

  /** Baseline: replace the value and rebuild the sketch from every value: O(values). */
  @Benchmark
  public double baselineRebuild() {
    int i = random.nextInt(size);
    values[i] = wait(random);
    PercentileAccumulator rebuilt = PercentileAccumulator.create();
    for (long v : values) {
      rebuilt.addMillis(v);
    }
    sketch = rebuilt;
    return sketch.count();
  }
}
