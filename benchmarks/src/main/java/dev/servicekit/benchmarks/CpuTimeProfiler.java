package dev.servicekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time the benchmark's JVM spent per operation ({@code
 * cpu.time.norm}, nanoseconds of process CPU time per op, every thread: the benchmark thread, the
 * collector and the compiler) and its inverse ({@code cpu.ops}, ops per CPU-second).
 *
 * <p>On a machine shared with other work, throughput (ops per wall-clock second) falls with the
 * load, since the benchmark thread waits for a core; CPU time per op does not, so this is the
 * figure to compare across runs on a busy host. On one benchmark thread with the JIT settled,
 * {@code cpu.ops} is about the throughput the same code reaches on an idle core. Run with {@code
 * -prof dev.servicekit.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private long cpuBefore;

  /** Creates the profiler (JMH instantiates it by name). */
  public CpuTimeProfiler() {}

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public String getDescription() {
    return "process CPU time per operation (load-independent on a shared host)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - cpuBefore;
    long ops = result.getMetadata().getAllOps();
    if (cpuBefore < 0 || ops <= 0 || cpu <= 0) {
      return List.of();
    }
    double nsPerOp = (double) cpu / ops;
    return List.of(
        new ScalarResult("cpu.time.norm", nsPerOp, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.ops", 1e9 / nsPerOp, "ops/cpu-s", AggregationPolicy.AVG));
  }
}
