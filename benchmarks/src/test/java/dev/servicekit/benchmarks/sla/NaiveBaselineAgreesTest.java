package dev.servicekit.benchmarks.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A baseline is only a fair comparison if it computes the same answers: the naive day-stepping
 * calendar and the indexed one must agree on the benchmark's own inputs.
 */
class NaiveBaselineAgreesTest {

  @Test
  void naiveAndIndexedAgreeOnEveryBenchmarkInput() {
    for (BusinessTimeBenchmark.Span span : BusinessTimeBenchmark.Span.values()) {
      BusinessTimeBenchmark bench = new BusinessTimeBenchmark();
      bench.span = span;
      bench.setUp();
      for (int i = 0; i < 64; i++) {
        bench.impl = BusinessTimeBenchmark.Impl.INDEXED;
        Instant indexedPlus = bench.plus();
        Duration indexedBetween = bench.between();
        bench.impl = BusinessTimeBenchmark.Impl.NAIVE;
        bench.rewind(2);
        assertEquals(indexedPlus, bench.plus(), span + " plus #" + i);
        assertEquals(indexedBetween, bench.between(), span + " between #" + i);
      }
    }
  }
}
