package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An update leaves a {@link WindowedKpi} as it was whatever it throws (an {@link Error} or a
 * checked exception thrown sneakily, not only a {@link RuntimeException}), and one that calls back
 * into its table is refused instead of interleaving two events' pending state.
 */
class WindowedKpiUpdateEscapeTest {

  private static final WindowSpec HOURLY = WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC);
  private static final Instant T = Instant.parse("2026-03-02T08:10:00Z");

  private static <A extends KpiAccumulator<A, ?>> WindowedKpi<String, A> table(Supplier<A> f) {
    return WindowedKpi.create(f, HOURLY, Duration.ofHours(1));
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable t) throws E {
    throw (E) t;
  }

  @Test
  void anUpdateThrowingAnErrorAfterItsFirstCallIsUndoneOnBothAccumulators() {
    WindowedKpi<String, PercentileAccumulator> p = table(PercentileAccumulator::create);
    p.record("chat", T, a -> a.addMillis(5));
    String before = p.toJson(k -> k);
    AssertionError boom = new AssertionError("boom");
    assertThrows(
        AssertionError.class,
        () ->
            p.record(
                "chat",
                T,
                a -> {
                  a.addMillis(7);
                  throw boom;
                }));
    assertEquals(before, p.toJson(k -> k));
    // the window refuses what the all-time accepted, with an Error
    int[] calls = {0};
    assertThrows(
        StackOverflowError.class,
        () ->
            p.record(
                "chat",
                T,
                a -> {
                  a.addMillis(9);
                  if (calls[0]++ == 1) {
                    throw new StackOverflowError();
                  }
                }));
    assertEquals(before, p.toJson(k -> k));

    WindowedKpi<String, DurationAccumulator> d = table(DurationAccumulator::create);
    d.record("chat", T, a -> a.addMillis(5));
    String dBefore = d.toJson(k -> k);
    Exception checked = new java.io.IOException("sneaky");
    Exception thrown =
        assertThrows(
            Exception.class,
            () ->
                d.record(
                    "chat",
                    T,
                    a -> {
                      a.addMillis(7);
                      WindowedKpiUpdateEscapeTest.<RuntimeException>sneaky(checked);
                    }));
    assertEquals(checked, thrown);
    assertEquals(dBefore, d.toJson(k -> k));
  }

  @Test
  void aPercentileWindowEvictedAfterAnErrorRecordsNoJournal() {
    WindowedKpi<String, PercentileAccumulator> p = table(PercentileAccumulator::create);
    p.record("chat", T, a -> a.addMillis(2));
    int[] calls = {0};
    assertThrows(
        AssertionError.class,
        () ->
            p.record(
                "chat",
                T,
                a -> {
                  a.addMillis(1);
                  if (calls[0]++ == 1) {
                    throw new AssertionError();
                  }
                }));
    p.advanceWatermark(T.plus(Duration.ofHours(3)));
    PercentileAccumulator evicted = p.evictClosed().get(0).accumulator();
    assertTrue(!evicted.journaling(), "an evicted window still notes every change it gets");
  }

  @Test
  void anUpdateThatCallsBackIntoItsTableIsRefusedAndUndone() {
    WindowedKpi<String, PercentileAccumulator> p = table(PercentileAccumulator::create);
    p.record("chat", T, a -> a.addMillis(5));
    String before = p.toJson(k -> k);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                p.record(
                    "chat",
                    T,
                    a -> {
                      a.addMillis(1);
                      p.record("chat", T, b -> b.addMillis(2));
                    }));
    assertTrue(e.getMessage().contains("must not call back into its WindowedKpi"), e.getMessage());
    assertEquals(before, p.toJson(k -> k));

    WindowedKpi<String, NpsAccumulator> n = table(NpsAccumulator::create);
    n.recordInt("web", T, NpsAccumulator::add, 9);
    String nBefore = n.toJson(k -> k);
    WindowedKpi<String, NpsAccumulator> other = table(NpsAccumulator::create);
    for (java.util.function.Consumer<NpsAccumulator> callback :
        java.util.List.<java.util.function.Consumer<NpsAccumulator>>of(
            a -> n.recordInt("web", T, NpsAccumulator::add, 3),
            a -> n.recordLong("web", T, (b, v) -> b.add((int) v), 3),
            a -> n.advanceWatermark(T.plus(Duration.ofDays(1))),
            a -> n.evictClosed(),
            a -> n.merge(other))) {
      assertThrows(
          IllegalStateException.class,
          () ->
              n.record(
                  "web",
                  T,
                  a -> {
                    a.add(10);
                    callback.accept(a);
                  }));
      assertEquals(nBefore, n.toJson(k -> k));
    }
    // reading inside an update is fine, and the table records again afterwards
    n.record("web", T, a -> a.add(!n.allTime("web").isEmpty() ? 10 : 0));
    assertEquals(2, n.allTime("web").result().responses());
  }
}
