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

  /**
   * Reads while retractions on other threads' stripes consolidate the stripes: two writers take
   * turns, each retracting one of {@code N} values (refused by its own stripe, emptied by the other
   * writer's consolidation, so accepted on the whole) and adding it back; the true count is {@code
   * N} or {@code N - 1} at every instant, so every read must show one of them. A review saw a read
   * of 0 (and reads could count values twice): a read took the stripes one at a time, and a
   * consolidation between two of them moved everything across.
   */
  @Test
  void readsDuringConsolidationsSeeEveryValueOnce() throws Exception {
    int n = 1000;
    ConcurrentAccumulator<DurationAccumulator, DurationResult> ca =
        ConcurrentAccumulator.create(DurationAccumulator::create, 1024);
    onOtherThread(
        () -> {
          for (int i = 0; i < n; i++) {
            ca.recordLong(DurationAccumulator::addMillis, 1);
          }
        });
    java.util.concurrent.Semaphore[] turn = {
      new java.util.concurrent.Semaphore(1), new java.util.concurrent.Semaphore(0)
    };
    int rounds = 3000;
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int me = w;
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int k = 0; k < rounds; k++) {
                    turn[me].acquire();
                    ca.recordLong(DurationAccumulator::retractMillis, 1);
                    ca.recordLong(DurationAccumulator::addMillis, 1);
                    turn[1 - me].release();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      writers.add(t);
      t.start();
    }
    List<Long> bad = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                long c = ca.snapshot().result().count();
                if (c != n && c != n - 1 && bad.size() < 10) {
                  bad.add(c);
                }
              }
            });
    reader.start();
    for (Thread t : writers) {
      t.join();
    }
    done.set(true);
    reader.join();
    assertEquals(List.of(), bad, "reads that lost or doubled values");
    assertEquals(n, ca.result().count());
  }

  @Test
  void stripeCountMustBeAPowerOfTwo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConcurrentAccumulator.create(NpsAccumulator::create, 3));
  }
}
