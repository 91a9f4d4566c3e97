package dev.servicekit.benchmarks.staffing;

import dev.servicekit.kpi.staffing.ErlangA;
import dev.servicekit.kpi.staffing.ErlangC;
import dev.servicekit.kpi.staffing.StaffingTarget;
import dev.servicekit.kpi.staffing.Workload;
import java.time.Duration;
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
 * Minimum agents for an 80/20 target at 10 to 10,000 Erlangs (AHT 180 s): the library's single pass
 * of the Erlang B recursion from 0 to the answer, against the naive approach of stepping N from 1
 * and recomputing Erlang B from scratch for every N (O(N^2)). {@code ERLANG_A} (60 s mean patience,
 * doubling + bisection) is listed for scale, not as a like-for-like comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ErlangCStaffingBenchmark {

  /** Which implementation answers the question. */
  public enum Impl {
    LIBRARY,
    NAIVE_FROM_ONE,
    NAIVE_FROM_TRAFFIC,
    ERLANG_A
  }

  @Param({"10", "100", "1000", "10000"})
  public double trafficErlangs;

  @Param({"LIBRARY", "NAIVE_FROM_ONE", "NAIVE_FROM_TRAFFIC", "ERLANG_A"})
  public Impl impl;

  private Workload workload;
  private StaffingTarget target;
  private static final Duration AHT = Duration.ofSeconds(180);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Setup
  public void setUp() {
    // calls per AHT-long interval equal the traffic in Erlangs
    workload = Workload.of(trafficErlangs, AHT, AHT);
    target = StaffingTarget.of(0.8, Duration.ofSeconds(20));
  }

  @Benchmark
  public int requiredAgents() {
    switch (impl) {
      case LIBRARY:
        return ErlangC.requiredAgents(workload, target).agents();
      case NAIVE_FROM_ONE:
        return naiveRequiredAgents(trafficErlangs, 20.0 / 180.0, 0.8, 1);
      case NAIVE_FROM_TRAFFIC:
        return naiveRequiredAgents(
            trafficErlangs, 20.0 / 180.0, 0.8, (int) Math.floor(trafficErlangs) + 1);
      case ERLANG_A:
        return ErlangA.requiredAgents(workload, PATIENCE, target).agents();
      default:
        throw new AssertionError(impl);
    }
  }

  /**
   * The textbook loop: N = start, start + 1, ...; Erlang B recomputed from B(0) for every candidate
   * N (for N <= A too when starting from 1, as a spreadsheet column of Erlang B values would).
   */
  static int naiveRequiredAgents(double a, double thresholdOverAht, double target, int start) {
    for (int n = start; ; n++) {
      double b = 1;
      for (int k = 1; k <= n; k++) {
        b = a * b / (k + a * b);
      }
      if (n <= a) {
        continue;
      }
      double c = n * b / (n - a * (1 - b));
      double sl = 1 - c * Math.exp(-(n - a) * thresholdOverAht);
      if (sl >= target) {
        return n;
      }
    }
  }
}
