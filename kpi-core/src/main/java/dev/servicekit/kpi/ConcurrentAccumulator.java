package dev.servicekit.kpi;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * A thread-safe ingestion front for any {@link KpiAccumulator}: writers update one of several
 * stripes (each a plain accumulator guarded by its own monitor), readers merge the stripes on read.
 *
 * <p>Contention: a writer locks only the stripe chosen by its thread id, so writers on different
 * stripes never block each other; the stripe count defaults to the next power of two of {@code 2 x
 * available processors}. Cost of a write: one uncontended monitor enter/exit plus the accumulator's
 * own O(1) update; no allocation when the update is a non-capturing method reference such as {@code
 * DurationAccumulator::addMillis}. A read ({@link #snapshot()}, {@link #result()}) is O(stripes
 * &times; merge cost) and sees each stripe atomically; an event recorded concurrently with a read
 * may or may not be included, but none is lost or counted twice.
 *
 * <p>For a single writer use the plain accumulator: it is several times faster. This class is
 * thread-safe.
 *
 * @param <A> the accumulator
 * @param <R> its result
 */
public final class ConcurrentAccumulator<A extends KpiAccumulator<A, R>, R> {

  private final Supplier<A> factory;
  private final Object[] locks;
  private final KpiAccumulator<?, ?>[] stripes;
  private final int mask;

  private ConcurrentAccumulator(Supplier<A> factory, int stripeCount) {
    this.factory = factory;
    this.locks = new Object[stripeCount];
    this.stripes = new KpiAccumulator<?, ?>[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      locks[i] = new Object();
      stripes[i] = Objects.requireNonNull(factory.get(), "factory.get()");
    }
    this.mask = stripeCount - 1;
  }

  /**
   * Creates a concurrent accumulator with the default number of stripes.
   *
   * @param factory creates an empty accumulator (e.g. {@code NpsAccumulator::create})
   * @param <A> the accumulator type
   * @param <R> the result type
   * @return a new concurrent accumulator
   */
  public static <A extends KpiAccumulator<A, R>, R> ConcurrentAccumulator<A, R> create(
      Supplier<A> factory) {
    int n = Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1));
    return create(factory, Math.min(64, n * 2));
  }

  /**
   * Creates a concurrent accumulator.
   *
   * @param factory creates an empty accumulator
   * @param stripes the number of stripes, a power of two in 1..1024
   * @param <A> the accumulator type
   * @param <R> the result type
   * @return a new concurrent accumulator
   * @throws IllegalArgumentException if {@code stripes} is not a power of two in range
   */
  public static <A extends KpiAccumulator<A, R>, R> ConcurrentAccumulator<A, R> create(
      Supplier<A> factory, int stripes) {
    Objects.requireNonNull(factory, "factory");
    if (stripes < 1 || stripes > 1024 || Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException(
          "stripes " + stripes + " must be a power of two in 1..1024");
    }
    return new ConcurrentAccumulator<>(factory, stripes);
  }

  private int stripe() {
    long id = Thread.currentThread().getId();
    int h = (int) (id ^ (id >>> 32)) * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  /**
   * Records an update, e.g. {@code recordInt(NpsAccumulator::add, 9)}. Allocation-free for a
   * non-capturing method reference.
   *
   * @param update the update
   * @param value its argument
   */
  @SuppressWarnings("unchecked")
  public void recordInt(ObjIntConsumer<A> update, int value) {
    int i = stripe();
    synchronized (locks[i]) {
      update.accept((A) stripes[i], value);
    }
  }

  /**
   * Records an update, e.g. {@code recordLong(DurationAccumulator::addMillis, 1200)}.
   *
   * @param update the update
   * @param value its argument
   */
  @SuppressWarnings("unchecked")
  public void recordLong(ObjLongConsumer<A> update, long value) {
    int i = stripe();
    synchronized (locks[i]) {
      update.accept((A) stripes[i], value);
    }
  }

  /**
   * Records an arbitrary update, e.g. {@code record(a -> a.add(talk, hold, wrap))}.
   *
   * @param update the update; must not keep a reference to the accumulator
   */
  @SuppressWarnings("unchecked")
  public void record(Consumer<A> update) {
    int i = stripe();
    synchronized (locks[i]) {
      update.accept((A) stripes[i]);
    }
  }

  /**
   * Returns a merged copy of all stripes. O(stripes &times; merge).
   *
   * @return a new single-threaded accumulator
   */
  @SuppressWarnings("unchecked")
  public A snapshot() {
    A merged = factory.get();
    for (int i = 0; i < stripes.length; i++) {
      synchronized (locks[i]) {
        merged.merge((A) stripes[i]);
      }
    }
    return merged;
  }

  /**
   * Returns the result of {@link #snapshot()}.
   *
   * @return the current result
   */
  public R result() {
    return snapshot().result();
  }
}
