package dev.servicekit.kpi;

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
 * Differential: random add/retract histories recorded into a {@link ConcurrentAccumulator} from
 * several threads (one after another, so the oracle's order is the order of the calls) accept and
 * refuse exactly what one plain accumulator fed the same calls does, and end with its result. A
 * retraction of what another thread added used to be refused by the writer's stripe.
 */
class ConcurrentAccumulatorRetractionProperties {

  private static final List<ExecutorService> THREADS =
      List.of(executor(), executor(), executor(), executor());

  private static ExecutorService executor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "concurrent-accumulator-property");
          t.setDaemon(true);
          return t;
        });
  }

  /** One call: on which thread, add or retract, how many milliseconds. */
  record Op(int thread, boolean add, long millis) {}

  @Property(tries = 60)
  void acceptsAndRefusesWhatOnePlainAccumulatorDoes(
      @ForAll("histories") List<Op> ops, @ForAll("stripes") int stripes) throws Exception {
    ConcurrentAccumulator<DurationAccumulator, DurationResult> acc =
        ConcurrentAccumulator.create(DurationAccumulator::create, stripes);
    DurationAccumulator oracle = DurationAccumulator.create();
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
                                      ? DurationAccumulator::addMillis
                                      : DurationAccumulator::retractMillis,
                                  op.millis())))
              .get();
      assertEquals(expected, actual, () -> op + " on " + oracle.result());
      assertEquals(oracle.result(), acc.result());
    }
  }

  private static void apply(DurationAccumulator a, Op op) {
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
                Arbitraries.longs().between(0, 5))
            .as(Op::new);
    return op.list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Integer> stripes() {
    return Arbitraries.of(1, 2, 4, 64);
  }
}
