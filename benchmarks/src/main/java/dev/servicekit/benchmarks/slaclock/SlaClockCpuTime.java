package dev.servicekit.benchmarks.slaclock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link SlaClockBenchmark} workload timed by this thread's CPU time instead of wall time, for
 * hosts so loaded that wall time mostly measures waiting for a core. Prints, per mode, the median
 * and range of events per CPU-second over the measured rounds. Not a substitute for the JMH run (no
 * forks, no blackhole; the JIT sees one mode after another): use it to compare two builds run the
 * same way, and quote JMH for results. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.servicekit.benchmarks.slaclock.SlaClockCpuTime [mode ...]}.
 */
public final class SlaClockCpuTime {

  private SlaClockCpuTime() {}

  /**
   * Runs 4 warm-up and 9 measured rounds of 200 ms of CPU time per mode.
   *
   * @param args modes to run (default: all); {@code -Dtickets=N} sets {@link
   *     SlaClockBenchmark#tickets}
   */
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    SlaClockBenchmark.Mode[] modes =
        args.length == 0
            ? SlaClockBenchmark.Mode.values()
            : Arrays.stream(args)
                .map(SlaClockBenchmark.Mode::valueOf)
                .toArray(SlaClockBenchmark.Mode[]::new);
    long sink = 0;
    for (SlaClockBenchmark.Mode mode : modes) {
      SlaClockBenchmark b = new SlaClockBenchmark();
      b.mode = mode;
      b.tickets = Integer.getInteger("tickets", b.tickets);
      b.setUp();
      double[] rate = new double[9];
      for (int round = -4; round < rate.length; round++) {
        long t0 = mx.getCurrentThreadCpuTime();
        long t = t0;
        long tickets = 0;
        while (t - t0 < 200_000_000L) {
          for (int i = 0; i < 64; i++) {
            sink += b.ticket().hashCode();
          }
          tickets += 64;
          t = mx.getCurrentThreadCpuTime();
        }
        if (round >= 0) {
          rate[round] = tickets * (double) SlaClockBenchmark.EVENTS / ((t - t0) / 1e9);
        }
      }
      Arrays.sort(rate);
      System.out.printf(
          "%-30s %6.3f M events/CPU-s (min %.3f, max %.3f)%n",
          mode, rate[rate.length / 2] / 1e6, rate[0] / 1e6, rate[rate.length - 1] / 1e6);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
