package dev.servicekit.benchmarks.qa;

import dev.servicekit.qa.internal.Distributions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The Student t quantile behind every confidence interval of qa-core ({@code ScoreAccumulator},
 * {@code Trend}): Apache Commons Statistics (today) against the former hand-written bisection over
 * a continued-fraction incomplete beta, on the same arguments in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class QuantileBenchmark {

  /** Implementation under test. */
  public enum Impl {
    /** {@code Distributions.studentTQuantile} (Commons Statistics). */
    COMMONS,
    /** The former hand-written implementation, kept in this module as the baseline. */
    LEGACY
  }

  /** Implementation. */
  @Param({"COMMONS", "LEGACY"})
  public Impl impl;

  /** Degrees of freedom (a small sample and a large one). */
  @Param({"9", "999"})
  public double df;

  /** Two-sided 95 % interval, as {@code ScoreAccumulator.summary(0.95)} asks. */
  public double p = 0.975;

  /**
   * One quantile.
   *
   * @return the quantile
   */
  @Benchmark
  public double tQuantile() {
    return impl == Impl.COMMONS
        ? Distributions.studentTQuantile(p, df)
        : LegacyDistributions.studentTQuantile(p, df);
  }
}
