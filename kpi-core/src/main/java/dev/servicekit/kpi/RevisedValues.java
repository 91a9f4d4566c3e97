package dev.servicekit.kpi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies revisable observations, such as a rating a customer changes (a 1-star click by mistake
 * later changed to 5), to a retractable accumulator so that per key the <b>last revision wins,
 * exactly once, whatever the arrival order</b>.
 *
 * <p>Rule for {@link #apply(Object, long, int)}: a key seen for the first time is added; a higher
 * revision retracts the previous value and adds the new one; a lower revision is stale and ignored
 * (counted in {@link #staleCount()}); the same revision with the same value is a duplicate delivery
 * and ignored; the same revision with a different value is a conflict resolved by keeping the
 * larger value, so the outcome never depends on arrival order. Revisions are any increasing number
 * the CRM supplies: a version counter or the change's epoch milliseconds.
 *
 * <p>The wrapped accumulator must be fed only through this object. {@link #merge(RevisedValues)}
 * combines two such objects (e.g. two partitions of the same survey stream) with the same rule, and
 * is commutative and associative.
 *
 * <p>Memory: one entry per key (about 60 bytes plus the key) for as long as revisions of the key
 * may still arrive. {@link #forget(Object)} drops a key's entry but keeps its contribution, to
 * bound memory once a survey is closed; a revision of a forgotten key is then counted as a new key.
 * Not thread-safe; {@code apply} is O(1) expected.
 *
 * @param <K> the key type (survey response id, ticket id); must have value equality
 * @param <A> the accumulator
 */
public final class RevisedValues<K, A extends IntRetractable> {

  /** What {@link #apply(Object, long, int)} did. */
  public enum Outcome {
    /** First value for the key: added. */
    ADDED,
    /** Newer revision: the previous value was retracted and the new one added. */
    REPLACED,
    /** Older revision than the one applied: ignored. */
    STALE,
    /** Same revision and value as the one applied (redelivery): ignored. */
    DUPLICATE
  }

  private static final class Entry {
    long revision;
    int value;

    Entry(long revision, int value) {
      this.revision = revision;
      this.value = value;
    }
  }

  private final A target;
  private final Map<K, Entry> entries = new HashMap<>();
  private long stale;

  private RevisedValues(A target) {
    this.target = target;
  }

  /**
   * Wraps an accumulator that is empty or will only ever be fed through the returned object.
   *
   * @param target the accumulator, e.g. a {@link RatingAccumulator}
   * @param <K> the key type
   * @param <A> the accumulator type
   * @return a new revision tracker
   */
  public static <K, A extends IntRetractable> RevisedValues<K, A> of(A target) {
    return new RevisedValues<>(Objects.requireNonNull(target, "target"));
  }

  /**
   * Returns the wrapped accumulator, for its result. Do not add to it directly.
   *
   * @return the accumulator
   */
  public A target() {
    return target;
  }

  /**
   * Applies one revision of a key's value. O(1) expected.
   *
   * @param key the response or ticket id
   * @param revision the revision number or timestamp
   * @param value the value at that revision
   * @return what was done
   * @throws IllegalArgumentException if the target rejects the value (state then unchanged)
   */
  public Outcome apply(K key, long revision, int value) {
    Objects.requireNonNull(key, "key");
    Entry e = entries.get(key);
    if (e == null) {
      target.add(value);
      entries.put(key, new Entry(revision, value));
      return Outcome.ADDED;
    }
    if (revision < e.revision || (revision == e.revision && value < e.value)) {
      stale++;
      return Outcome.STALE;
    }
    if (revision == e.revision && value == e.value) {
      return Outcome.DUPLICATE;
    }
    target.add(value);
    target.retract(e.value);
    e.revision = revision;
    e.value = value;
    return Outcome.REPLACED;
  }

  /**
   * Removes a key's contribution entirely (e.g. a deleted survey response). O(1) expected.
   *
   * @param key the key
   * @return {@code true} if the key was present
   */
  public boolean remove(K key) {
    Entry e = entries.remove(Objects.requireNonNull(key, "key"));
    if (e == null) {
      return false;
    }
    target.retract(e.value);
    return true;
  }

  /**
   * Drops a key's revision state but keeps its contribution, to bound memory. O(1) expected.
   *
   * @param key the key
   * @return {@code true} if the key was present
   */
  public boolean forget(K key) {
    return entries.remove(Objects.requireNonNull(key, "key")) != null;
  }

  /**
   * Applies every key of {@code other} with the rule of {@link #apply(Object, long, int)}. O(keys
   * of other).
   *
   * @param other another tracker; not modified
   */
  public void merge(RevisedValues<K, ?> other) {
    for (Map.Entry<K, Entry> e : other.entries.entrySet()) {
      apply(e.getKey(), e.getValue().revision, e.getValue().value);
    }
    stale = Math.addExact(stale, other.stale);
  }

  /**
   * Returns the number of keys tracked.
   *
   * @return the number of keys
   */
  public int size() {
    return entries.size();
  }

  /**
   * Returns how many stale revisions were ignored.
   *
   * @return the count
   */
  public long staleCount() {
    return stale;
  }
}
