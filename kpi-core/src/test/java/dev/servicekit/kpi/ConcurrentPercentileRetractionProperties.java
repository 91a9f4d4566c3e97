package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential: percentile retractions by bucket through a {@link ConcurrentAccumulator}, from
 * several threads one after another (so that a retraction often finds its bucket in another
 * thread's stripe), accept and refuse exactly what one plain sketch fed the same calls does, and
 * end with its snapshot bytes.
 */
class ConcurrentPercentileRetractionProperties {

  private static final List<ExecutorService> THREADS = List.of(executor(), executor(), executor());

  private static ExecutorService executor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "concurrent-percentile-property");
          t.setDaemon(true);
          return t;
        });
  }

  /** One call: on which thread, add or retract, how many milliseconds. */
  record Op(int thread, boolean add, long millis) {}

  @Property(tries = 60)
  void acceptsAndRefusesWhatOnePlainSketchDoes(
      @ForAll("histories") List<Op> ops, @ForAll("stripes") int stripes) throws Exception {
    ConcurrentAccumulator<PercentileAccumulator, PercentileResult> acc =
        ConcurrentAccumulator.create(PercentileAccumulator::create, stripes);
    PercentileAccumulator oracle = PercentileAccumulator.create();
    for (Op op : ops) {
      boolean expected = accepted(() -> apply(oracle, op));
      boolean actual =
          THREADS
              .get(op.thread())
              .submit(
                  () ->
                      accepted(
                          () ->
                              acc.recordLong(
                                  op.add()
                                      ? PercentileAccumulator::addMillis
                                      : PercentileAccumulator::retractMillis,
                                  op.millis())))
              .get();
      assertEquals(expected, actual, () -> op + " on " + oracle.result());
      assertArrayEquals(oracle.toBytes(), acc.snapshot().toBytes());
    }
  }

  private static void apply(PercentileAccumulator a, Op op) {
    if (op.add()) {
      a.addMillis(op.millis());
    } else {
      a.retractMillis(op.millis());
    }
  }

  private static boolean accepted(Runnable r) {
    try {
      r.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, THREADS.size() - 1),
                Arbitraries.of(true, true, false),
                Arbitraries.of(0L, 1L, 2L, 1_000L, 1_005L, 60_000L, Long.MAX_VALUE))
            .as(Op::new);
    return op.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Integer> stripes() {
    return Arbitraries.of(1, 2, 4);
  }
}
