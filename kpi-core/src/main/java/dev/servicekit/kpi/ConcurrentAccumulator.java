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
 * <p>Retractions: a stripe holds only what its own threads recorded, so a retraction recorded by
 * another thread than the one that added the value (a correction consumed on another thread) could
 * be refused by its stripe though the whole holds the value. A write that its stripe refuses with
 * an {@link IllegalArgumentException} is therefore tried once more on the whole: every stripe
 * locked (in index order, after the writer's own lock is released), merged into a fresh accumulator
 * and the update applied to that; if it is accepted, the merged accumulator becomes the writer's
 * stripe and the others start empty (no result changes: merging is exact), else its exception is
 * thrown and no stripe changed. This path costs O(stripes &times; merge) and allocates; the common
 * path is as above. An update must change nothing when it throws, as every accumulator method does
 * (a lambda of two calls whose second is refused would be applied twice in part), and must not call
 * back into this {@code ConcurrentAccumulator} (it runs under a stripe's lock).
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
  // Bumped (under every lock) by each consolidation, which moves the stripes' contents into one: a
  // read that took the stripes one at a time while it ran may have missed or doubled them.
  private volatile int consolidations;

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
   * @throws IllegalArgumentException if the update is refused by the writer's stripe and by the
   *     merge of every stripe (nothing changed)
   */
  @SuppressWarnings("unchecked")
  public void recordInt(ObjIntConsumer<A> update, int value) {
    Objects.requireNonNull(update, "update");
    int i = stripe();
    try {
      synchronized (locks[i]) {
        update.accept((A) stripes[i], value);
      }
    } catch (IllegalArgumentException refused) {
      retryOnWhole(i, refused, a -> update.accept(a, value));
    }
  }

  /**
   * Records an update, e.g. {@code recordLong(DurationAccumulator::addMillis, 1200)}.
   *
   * @param update the update
   * @param value its argument
   * @throws IllegalArgumentException if the update is refused by the writer's stripe and by the
   *     merge of every stripe (nothing changed)
   */
  @SuppressWarnings("unchecked")
  public void recordLong(ObjLongConsumer<A> update, long value) {
    Objects.requireNonNull(update, "update");
    int i = stripe();
    try {
      synchronized (locks[i]) {
        update.accept((A) stripes[i], value);
      }
    } catch (IllegalArgumentException refused) {
      retryOnWhole(i, refused, a -> update.accept(a, value));
    }
  }

  /**
   * Records an arbitrary update, e.g. {@code record(a -> a.add(talk, hold, wrap))}.
   *
   * @param update the update; must not keep a reference to the accumulator
   * @throws IllegalArgumentException if the update is refused by the writer's stripe and by the
   *     merge of every stripe (nothing changed)
   */
  @SuppressWarnings("unchecked")
  public void record(Consumer<A> update) {
    Objects.requireNonNull(update, "update");
    int i = stripe();
    try {
      synchronized (locks[i]) {
        update.accept((A) stripes[i]);
      }
    } catch (IllegalArgumentException refused) {
      retryOnWhole(i, refused, update);
    }
  }

  /**
   * The write refused by stripe {@code i}, tried on the merge of every stripe (see the class
   * javadoc): a retraction of what another thread's stripe holds. Called without any lock held, so
   * that taking every lock in index order cannot deadlock with another such call.
   */
  private void retryOnWhole(int i, IllegalArgumentException refused, Consumer<A> update) {
    if (stripes.length == 1) {
      throw refused; // the stripe was the whole
    }
    withLocksFrom(0, () -> consolidate(i, update));
  }

  private void withLocksFrom(int from, Runnable body) {
    if (from == locks.length) {
      body.run();
      return;
    }
    synchronized (locks[from]) {
      withLocksFrom(from + 1, body);
    }
  }

  @SuppressWarnings("unchecked")
  private void consolidate(int i, Consumer<A> update) {
    A whole = factory.get();
    for (KpiAccumulator<?, ?> s : stripes) {
      whole.merge((A) s);
    }
    update.accept(whole); // throws: no stripe was changed
    A[] empties = (A[]) new KpiAccumulator<?, ?>[stripes.length];
    for (int j = 0; j < stripes.length; j++) {
      empties[j] = j == i ? whole : Objects.requireNonNull(factory.get(), "factory.get()");
    }
    System.arraycopy(empties, 0, stripes, 0, stripes.length);
    consolidations++; // under every lock: one writer at a time
  }

  /**
   * Returns a merged copy of all stripes. O(stripes &times; merge).
   *
   * @return a new single-threaded accumulator
   */
  @SuppressWarnings("unchecked")
  public A snapshot() {
    // Each stripe is read under its own lock; a consolidation that ran in between moved contents
    // across stripes, so the read is made again (rare: only refused retractions consolidate), and
    // after a few such collisions under every lock at once.
    for (int attempt = 0; attempt < 3; attempt++) {
      int before = consolidations;
      A merged = factory.get();
      for (int i = 0; i < stripes.length; i++) {
        synchronized (locks[i]) {
          merged.merge((A) stripes[i]);
        }
      }
      if (consolidations == before) {
        return merged;
      }
    }
    A[] out = (A[]) new KpiAccumulator<?, ?>[1];
    withLocksFrom(
        0,
        () -> {
          A merged = factory.get();
          for (KpiAccumulator<?, ?> s : stripes) {
            merged.merge((A) s);
          }
          out[0] = merged;
        });
    return out[0];
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
