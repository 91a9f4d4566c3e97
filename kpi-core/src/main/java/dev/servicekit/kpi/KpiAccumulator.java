package dev.servicekit.kpi;

/**
 * A mutable, single-threaded, mergeable accumulator of one KPI family: the shape of Flink's {@code
 * AggregateFunction} and Kafka Streams' aggregators (create / add / merge / result), without {@code
 * Serializable}: state crosses process boundaries only through {@link #toBytes()} and {@link
 * KpiSnapshots}.
 *
 * <p>Laws, checked by property tests for every implementation:
 *
 * <ul>
 *   <li><b>identity</b>: a freshly created accumulator {@code e} is empty, and {@code a.merge(e)}
 *       leaves {@code a.result()} unchanged;
 *   <li><b>commutative</b>: {@code a.merge(b)} and {@code b.merge(a)} give equal results;
 *   <li><b>associative</b>: {@code (a.merge(b)).merge(c)} equals {@code a.merge(b.merge(c))};
 *   <li><b>homomorphism</b>: adding a stream one event at a time equals adding any partition of it
 *       into separate accumulators and merging them in any order (exact for counts and sums, within
 *       the sketch's relative accuracy for percentiles);
 *   <li><b>retraction</b> (where the family offers a {@code retract} method): {@code add(x)} then
 *       {@code retract(x)} is a no-op;
 *   <li><b>snapshot</b>: {@code fromBytes(a.toBytes())} and {@code fromJson(a.toJson())} (static on
 *       each built-in class, or {@link KpiSnapshots}) give an accumulator with the same result.
 * </ul>
 *
 * <p>Counters and sums are {@code long}s updated with {@link Math#addExact(long, long)}: an
 * overflow throws {@link ArithmeticException} rather than wrapping silently.
 *
 * <p><b>All or nothing</b>: every method that throws (a rejected value, a retraction of something
 * never added, an overflow, a merge of another configuration) leaves this accumulator, and the
 * argument of {@code merge}, exactly as they were: each call validates first, then applies.
 *
 * <p>Implementations are not thread-safe; use {@link ConcurrentAccumulator} for concurrent writers.
 *
 * @param <A> the accumulator's own type
 * @param <R> the immutable result type
 */
public interface KpiAccumulator<A extends KpiAccumulator<A, R>, R> {

  /**
   * Adds the state of {@code other} into this accumulator; {@code other} is not modified. All or
   * nothing: if it throws, neither side changed. {@code a.merge(a)} is defined as merging the state
   * {@code a} had before the call, which doubles every count and sum ({@link DrillDownSample},
   * whose merge is a union by id, stays unchanged).
   *
   * @param other an accumulator of the same configuration; may be this accumulator
   * @throws IllegalArgumentException if the configurations differ (e.g. another rating scale)
   * @throws ArithmeticException if a count or sum would overflow a {@code long}
   */
  void merge(A other);

  /**
   * Returns an independent copy of this accumulator.
   *
   * @return a deep copy
   */
  A copy();

  /**
   * Returns the immutable result of everything added so far. O(1) unless stated otherwise.
   *
   * @return the current result; an empty accumulator gives empty optional values, never NaN
   */
  R result();

  /**
   * Returns whether the state equals that of a new accumulator: nothing was added, everything added
   * was retracted, or only observations without effect were added (e.g. zero idle time).
   *
   * @return {@code true} if the accumulator is in its initial state
   */
  boolean isEmpty();

  /**
   * Encodes this accumulator into a compact, versioned binary snapshot (see {@link KpiSnapshots}).
   *
   * @return a new byte array starting with the format version
   */
  byte[] toBytes();

  /**
   * Encodes this accumulator as a JSON snapshot; the same as {@link KpiSnapshots#toJson}. Each
   * built-in accumulator class reads it back with its static {@code fromJson(String)} (as it reads
   * {@link #toBytes()} with {@code fromBytes(byte[])}).
   *
   * @return the JSON text
   * @throws IllegalArgumentException if this accumulator's class is neither built in nor registered
   *     with a {@link SnapshotCodec} through {@code ServiceLoader}
   */
  default String toJson() {
    return KpiSnapshots.toJson(this);
  }
}
