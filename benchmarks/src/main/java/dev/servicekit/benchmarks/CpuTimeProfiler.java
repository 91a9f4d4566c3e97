package dev.servicekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * A JMH profiler that reports the CPU time the benchmark threads (JMH's workers) spent per
 * operation ({@code cpu.time.norm}, nanoseconds per op) and its inverse ({@code cpu.ops}, ops per
 * CPU-second of the benchmark threads). The collector's and the compiler's threads are not counted;
 * allocation and its slow paths on the benchmark thread are.
 *
 * <p>On a machine shared with other work, throughput (ops per wall-clock second) falls with the
 * load, since the benchmark thread waits for a core; its CPU time per op barely moves (caches and a
 * busy sibling hyper-thread still cost something), so this is the figure to compare across runs on
 * a busy host. With one benchmark thread, {@code cpu.ops} approximates the throughput on an idle
 * core. Run with {@code -prof dev.servicekit.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long cpuBefore;

  /** Creates the profiler (JMH instantiates it by name). */
  public CpuTimeProfiler() {}

  /** The CPU time of every live JMH worker thread, summed; -1 if the JVM cannot measure it. */
  private long workerCpuNanos() {
    if (!threads.isThreadCpuTimeSupported()) {
      return -1;
    }
    long sum = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains("jmh-worker")) {
        long cpu = threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          sum += cpu;
        }
      }
    }
    return sum;
  }

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation (load-independent on a shared host)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = workerCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = workerCpuNanos() - cpuBefore;
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
