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

  /** Runs {@code body} on a new thread and waits for it; rethrows what it threw. */
  private static void onOtherThread(Runnable body) throws InterruptedException {
    RuntimeException[] thrown = new RuntimeException[1];
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (RuntimeException e) {
                thrown[0] = e;
              }
            });
    t.start();
    t.join();
    if (thrown[0] != null) {
      throw thrown[0];
    }
  }

  @Test
  void aRetractionOfWhatAnotherThreadAddedIsAccepted() throws Exception {
    // a new user's review: a stripe holds only its threads' values, so retracting on another
    // thread than the adder's was refused ("more than was added") though the whole held it. With
    // 1024 stripes, 8 adder threads all sharing this thread's stripe is beyond any chance.
    ConcurrentAccumulator<DurationAccumulator, DurationResult> acc =
        ConcurrentAccumulator.create(DurationAccumulator::create, 1024);
    for (int t = 1; t <= 8; t++) {
      long ms = 1000L * t;
      onOtherThread(() -> acc.recordLong(DurationAccumulator::addMillis, ms));
    }
    for (int t = 1; t <= 8; t++) {
      acc.recordLong(DurationAccumulator::retractMillis, 1000L * t);
    }
    assertEquals(new DurationResult(0, 0), acc.result());

    ConcurrentAccumulator<NpsAccumulator, NpsResult> nps =
        ConcurrentAccumulator.create(NpsAccumulator::create, 1024);
    for (int t = 0; t < 8; t++) {
      onOtherThread(() -> nps.recordInt(NpsAccumulator::add, 10));
    }
    onOtherThread(() -> nps.recordInt(NpsAccumulator::add, 0));
    for (int t = 0; t < 8; t++) {
      nps.record(a -> a.retract(10));
    }
    assertEquals(new NpsResult(0, 0, 1), nps.result());
  }

  @Test
  void aRetractionTheWholeDoesNotHoldIsRefusedAndChangesNothing() throws Exception {
    ConcurrentAccumulator<ServiceLevelAccumulator, ServiceLevelResult> acc =
        ConcurrentAccumulator.create(
            () ->
                ServiceLevelAccumulator.create(
                    ServiceLevelPolicy.of(
                        java.time.Duration.ofSeconds(20),
                        java.time.Duration.ofSeconds(5),
                        java.time.Duration.ofSeconds(30))),
            1024);
    for (int t = 0; t < 8; t++) {
      long wait = 25_000 + t;
      onOtherThread(() -> acc.recordLong(ServiceLevelAccumulator::answeredMillis, wait));
    }
    ServiceLevelResult before = acc.result();
    // no call was answered within the threshold: refused on the stripe and on the whole
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> acc.recordLong(ServiceLevelAccumulator::retractAnsweredMillis, 3_000));
    assertEquals(true, e.getMessage().startsWith("cannot retract answered call with wait 3000 ms"));
    assertThrows(
        IllegalArgumentException.class,
        () -> acc.recordLong(ServiceLevelAccumulator::answeredMillis, -1));
    assertEquals(before, acc.result());
    // and a valid one still goes through after the refusals
    acc.recordLong(ServiceLevelAccumulator::retractAnsweredMillis, 25_003);
    assertEquals(7, acc.result().answered());
  }

  @Test
  void stripeCountMustBeAPowerOfTwo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConcurrentAccumulator.create(NpsAccumulator::create, 3));
  }
}
