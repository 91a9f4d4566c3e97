package dev.servicekit.benchmarks.queue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link WorkRouterBenchmark} workload timed by this thread's CPU time instead of wall time,
 * for hosts so loaded that wall time mostly measures waiting for a core. Prints the mean per
 * operation of each round. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.queue.WorkRouterCpuTime}.
 */
public final class WorkRouterCpuTime {

  private WorkRouterCpuTime() {}

  /**
   * Runs six rounds of 50,000 decisions and 200,000 re-prioritisations on the indexed router.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    WorkRouterBenchmark decide = state();
    WorkRouterBenchmark reprioritise = state();
    for (int round = 1; round <= 6; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 50_000; i++) {
        decide.decide();
      }
      long t1 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 200_000; i++) {
        reprioritise.reprioritise();
      }
      long t2 = mx.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: decide %.2f us/op, reprioritise %.2f us/op (thread CPU time)%n",
          round, (t1 - t0) / 1e3 / 50_000, (t2 - t1) / 1e3 / 200_000);
    }
  }

  private static WorkRouterBenchmark state() {
    WorkRouterBenchmark b = new WorkRouterBenchmark();
    b.impl = WorkRouterBenchmark.Impl.INDEXED;
    b.tickets = 100_000;
    b.agents = 1_000;
    b.setUp();
    return b;
  }
}
