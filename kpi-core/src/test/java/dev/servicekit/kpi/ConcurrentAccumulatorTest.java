package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConcurrentAccumulatorTest {

  @Test
  void concurrentWritersLoseNothingAndCountNothingTwice() throws Exception {
    ConcurrentAccumulator<DurationAccumulator, DurationResult> acc =
        ConcurrentAccumulator.create(DurationAccumulator::create, 4);
    int threads = 4;
    int perThread = 50_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final long value = t + 1;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  acc.recordLong(DurationAccumulator::addMillis, value);
                  if (i % 10_000 == 0) {
                    acc.result(); // concurrent reads must not disturb writers
                  }
                }
              });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    // sum over threads of perThread * (t + 1) = 50_000 * (1+2+3+4)
    assertEquals(new DurationResult(threads * perThread, 50_000L * 10), acc.result());
  }

  @Test
  void stripeCountMustBeAPowerOfTwo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConcurrentAccumulator.create(NpsAccumulator::create, 3));
  }
}
