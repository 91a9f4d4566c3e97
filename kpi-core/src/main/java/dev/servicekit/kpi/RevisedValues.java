package dev.servicekit.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.KeyText;
import dev.servicekit.kpi.internal.Overflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
 * is commutative and associative, stale counts included: the merged stale count is the sum of the
 * two, and a revision superseded by the merge itself is not counted as stale. Every call that
 * throws leaves the object (and its target) as it was.
 *
 * <p>A removal is one more revision ({@link #remove(Object, long)}), winning over a value of its
 * own revision: the key ends removed exactly when its highest revision is a removal, in any arrival
 * order and across merges.
 *
 * <p>Memory: one entry per key (about 60 bytes plus the key) for as long as revisions of the key
 * may still arrive, a removed key included. {@link #forget(Object)} drops a key's entry but keeps
 * its contribution, to bound memory once a survey is closed; a revision of a forgotten key is then
 * counted as a new key. Not thread-safe; {@code apply} is O(1) expected.
 *
 * <p>Checkpoints: {@link #toBytes(KeyCodec)} / {@link #toJson(KeyCodec)} write the target's
 * snapshot, the stale count, every key's revision and value and every removed key's revision (keys
 * sorted by their encoded text, so equal states give equal snapshots); {@link #fromBytes(byte[],
 * Class, KeyCodec)} / {@link #fromJson(String, Class, KeyCodec)} restore an object that behaves
 * exactly as the original for any further calls (a stale revision is still ignored). Keys dropped
 * by {@link #forget(Object)} are not in the snapshot, as they are not in memory.
 *
 * @param <K> the key type (survey response id, ticket id); must have value equality
 * @param <A> the accumulator
 */
public final class RevisedValues<K, A extends IntRetractable> {

  static final int KIND = 13;
  static final String KIND_NAME = "revisedValues";

  /** What {@link #apply(Object, long, int)} did. */
  public enum Outcome {
    /** First value for the key: added. */
    ADDED,
    /**
     * Newer revision, or the same revision with a larger value (a conflict, settled by keeping the
     * larger value): the previous value was retracted and the new one added.
     */
    REPLACED,
    /**
     * Older revision than the one held, or the same revision with a smaller value (a conflict,
     * settled by keeping the larger value), or a value of a key removed as of the same or a later
     * revision ({@link #remove(Object, long)}): ignored and counted in {@link #staleCount()}.
     */
    STALE,
    /** Same revision and value as the one applied (redelivery): ignored. */
    DUPLICATE,
    /**
     * {@link #remove(Object, long)}: the key is removed as of that revision (its value, if it had
     * one, retracted), so that a revision up to it, arriving later, is stale.
     */
    REMOVED
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
  // keys removed with a revision (remove(key, revision)), not in entries: revision of the removal
  private final Map<K, Long> removed = new HashMap<>();
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
  public static <K, A extends IntRetractable> RevisedValues<K, A> create(A target) {
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
   * @throws IllegalArgumentException if the target rejects the value ({@link
   *     IntRetractable#checkValue}: also when the revision is stale or loses a conflict, where the
   *     value would not be added), or a new key is a {@code String} that is blank or has an
   *     unpaired surrogate (no snapshot could store it; other key types are checked by the {@link
   *     KeyCodec} when a snapshot is written); state then unchanged
   * @throws ArithmeticException if a count or sum of the target, or the stale count, would overflow
   *     a {@code long} (state then unchanged)
   */
  public Outcome apply(K key, long revision, int value) {
    Objects.requireNonNull(key, "key");
    // before the revision is compared: a value out of range is refused, never counted as stale
    target.checkValue(value);
    Entry e = entries.get(key);
    if (e == null) {
      Long removedAt = removed.isEmpty() ? null : removed.get(key);
      if (removedAt != null) {
        if (revision <= removedAt) { // a removal wins over a value of its own revision
          return countStale();
        }
        target.add(value);
        removed.remove(key);
        entries.put(key, new Entry(revision, value));
        return Outcome.ADDED;
      }
      if (key instanceof String s) { // other key types are checked by the codec at snapshot time
        KeyText.require(s, "key");
      }
      target.add(value);
      entries.put(key, new Entry(revision, value));
      return Outcome.ADDED;
    }
    if (revision < e.revision || (revision == e.revision && value < e.value)) {
      // a restored or merged count may be Long.MAX_VALUE: refused naming it, as merge does
      return countStale();
    }
    if (revision == e.revision && value == e.value) {
      return Outcome.DUPLICATE;
    }
    target.add(value);
    try {
      target.retract(e.value);
    } catch (RuntimeException refused) {
      // the target no longer holds the old value (it was changed directly, against target()'s
      // rule): take back the new one, so that the call that throws changes nothing
      target.retract(value);
      throw refused;
    }
    e.revision = revision;
    e.value = value;
    return Outcome.REPLACED;
  }

  /** Counts a stale revision (refused naming the count if it would overflow). */
  private Outcome countStale() {
    stale = Overflow.add(stale, 1, "stale revisions");
    return Outcome.STALE;
  }

  /**
   * Removes a key as of a revision (a survey response deleted in the source system, its deletion
   * stamped like its edits), with the rule of {@link #apply(Object, long, int)}: the removal is one
   * more revision of the key, which wins over a value of the same revision. So whatever the arrival
   * order, the key ends removed exactly when its highest revision is a removal: a value of a lower
   * or equal revision arriving later is {@link Outcome#STALE}, one of a higher revision (the
   * response restored) is {@link Outcome#ADDED}. O(1) expected.
   *
   * <p>The key is kept as removed (about 50 bytes plus the key, counted in {@link #removedSize()})
   * until {@link #forget(Object)}; snapshots and {@link #merge(RevisedValues)} carry it.
   *
   * @param key the key, known or not (a removal may arrive before the value it removes)
   * @param revision the removal's revision
   * @return {@link Outcome#REMOVED} if the key is now removed as of this revision (its value
   *     retracted if it had one, or an earlier removal's revision raised), {@link
   *     Outcome#DUPLICATE} if it was removed as of exactly this revision, {@link Outcome#STALE}
   *     (counted) if the key has a value of a higher revision or was removed as of a higher one
   * @throws IllegalArgumentException if the target refuses to retract the key's value (it was
   *     changed directly, against {@link #target()}'s rule), or a new key is a {@code String} that
   *     is blank or has an unpaired surrogate; state then unchanged
   * @throws ArithmeticException if the stale count would overflow; state then unchanged
   */
  public Outcome remove(K key, long revision) {
    Objects.requireNonNull(key, "key");
    Entry e = entries.get(key);
    if (e != null) {
      if (revision < e.revision) {
        return countStale();
      }
      target.retract(e.value); // first: if the target refuses, nothing changed
      entries.remove(key);
      removed.put(key, revision);
      return Outcome.REMOVED;
    }
    Long removedAt = removed.get(key);
    if (removedAt == null) {
      if (key instanceof String s) {
        KeyText.require(s, "key");
      }
    } else if (revision == removedAt) {
      return Outcome.DUPLICATE;
    } else if (revision < removedAt) {
      return countStale();
    }
    removed.put(key, revision);
    return Outcome.REMOVED;
  }

  /**
   * Removes a key's contribution entirely and forgets the key (e.g. a deleted survey response whose
   * revisions will not arrive again). O(1) expected. A revision of it applied afterwards, a late or
   * redelivered one included, is {@link Outcome#ADDED} as a new key's and counts again: where a
   * feed may redeliver or reorder, use {@link #remove(Object, long)}, which keeps the removal.
   *
   * @param key the key
   * @return {@code true} if the key was present (with a value, or kept as removed)
   */
  public boolean remove(K key) {
    Entry e = entries.get(Objects.requireNonNull(key, "key"));
    if (e == null) {
      return removed.remove(key) != null; // forgotten with its removal
    }
    target.retract(e.value); // first: if the target refuses, the entry stays
    entries.remove(key);
    return true;
  }

  /**
   * Drops a key's revision state but keeps its contribution, to bound memory. O(1) expected. The
   * contribution stays in the target, and {@link #merge(RevisedValues) merging} this object into
   * another carries it over (as a contribution without a key). A key {@link #remove(Object, long)
   * removed} with a revision is dropped too, contributing nothing.
   *
   * @param key the key
   * @return {@code true} if the key was present (with a value or removed)
   */
  public boolean forget(K key) {
    Objects.requireNonNull(key, "key");
    return entries.remove(key) != null | removed.remove(key) != null;
  }

  /**
   * Applies every key of {@code other} with the rule of {@link #apply(Object, long, int)}, and adds
   * the contributions of the keys {@code other} has {@link #forget(Object) forgotten} (its target
   * minus its keys' values). The stale counts add up; superseded revisions are not counted as
   * stale, so the result does not depend on the merge order. O(keys of other + the target's size).
   *
   * <p>All or nothing: the configurations, the values and every overflow are checked on a copy of
   * the target first; if this throws, neither object changed.
   *
   * @param other another tracker whose target is an accumulator of this package of the same class
   *     and configuration (e.g. the same rating scale); not modified
   * @throws IllegalArgumentException if {@code other} is this object (its keys would merge as
   *     duplicates but its forgotten contributions twice), a target is not a {@link
   *     KpiAccumulator}, or the targets differ in class or configuration
   * @throws ArithmeticException if a count would overflow
   */
  public void merge(RevisedValues<K, ?> other) {
    Objects.requireNonNull(other, "other");
    if (other == this) {
      throw new IllegalArgumentException(
          "cannot merge a RevisedValues into itself: define the intent with a copy");
    }
    KpiAccumulator<?, ?> mine = mergeable(target, "target");
    KpiAccumulator<?, ?> theirs = mergeable(other.target, "other.target");
    if (mine.getClass() != theirs.getClass()) {
      throw new IllegalArgumentException(
          "cannot merge a tracker of "
              + theirs.getClass().getSimpleName()
              + " into one of "
              + mine.getClass().getSimpleName());
    }
    long newStale = Overflow.add(stale, other.stale, "stale revisions");
    KpiAccumulator<?, ?> residual = forgottenPart(other, theirs);
    // dry run on a copy of the target: throws before anything here changes
    mergeInto(mine.copy(), residual, other, false);
    mergeInto(mine, residual, other, true);
    stale = newStale;
  }

  private static KpiAccumulator<?, ?> mergeable(Object target, String name) {
    if (!(target instanceof KpiAccumulator<?, ?> acc)) {
      throw new IllegalArgumentException(
          name + " " + target.getClass().getName() + " must be a KpiAccumulator to be merged");
    }
    return acc;
  }

  /** The contributions of keys {@code other} no longer tracks: its target minus its entries. */
  private static KpiAccumulator<?, ?> forgottenPart(
      RevisedValues<?, ?> other, KpiAccumulator<?, ?> theirs) {
    KpiAccumulator<?, ?> residual = theirs.copy();
    IntRetractable r = (IntRetractable) residual;
    for (Entry e : other.entries.values()) {
      r.retract(e.value);
    }
    return residual;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void mergeInto(
      KpiAccumulator<?, ?> into,
      KpiAccumulator<?, ?> residual,
      RevisedValues<K, ?> other,
      boolean apply) {
    ((KpiAccumulator) into).merge(residual);
    IntRetractable t = (IntRetractable) into;
    for (Map.Entry<K, Entry> o : other.entries.entrySet()) {
      long revision = o.getValue().revision;
      int value = o.getValue().value;
      Entry e = entries.get(o.getKey());
      if (e == null) {
        Long removedAt = removed.get(o.getKey());
        if (removedAt != null && revision <= removedAt) {
          continue; // removed as of a later (or the same) revision here
        }
        t.add(value);
        if (apply) {
          removed.remove(o.getKey());
          entries.put(o.getKey(), new Entry(revision, value));
        }
      } else if (revision > e.revision || (revision == e.revision && value > e.value)) {
        t.add(value);
        t.retract(e.value);
        if (apply) {
          e.revision = revision;
          e.value = value;
        }
      }
    }
    for (Map.Entry<K, Long> o : other.removed.entrySet()) {
      long revision = o.getValue();
      Entry e = entries.get(o.getKey());
      if (e != null) {
        if (revision >= e.revision) {
          t.retract(e.value);
          if (apply) {
            entries.remove(o.getKey());
            removed.put(o.getKey(), revision);
          }
        }
      } else if (apply) {
        removed.merge(o.getKey(), revision, Math::max);
      }
    }
  }

  /**
   * Returns the number of keys tracked with a value.
   *
   * @return the number of keys
   */
  public int size() {
    return entries.size();
  }

  /**
   * Returns the number of keys kept as {@link #remove(Object, long) removed}.
   *
   * @return the number of removed keys
   */
  public int removedSize() {
    return removed.size();
  }

  /**
   * Returns how many stale revisions were ignored.
   *
   * @return the count
   */
  public long staleCount() {
    return stale;
  }

  /**
   * Checkpoints this object in the binary frame of {@link KpiSnapshots} (magic, kind byte {@value
   * #KIND}, version, CRC32C at the end), the target's binary snapshot as a length-prefixed block,
   * the stale count, the number of keys, then per key (sorted by encoded text) the key as a UTF-8
   * block and the revision and value as zig-zag varints, then, if any key is removed, their number
   * and per removed key its text and revision (nothing when none is). O(keys log keys).
   *
   * @param keys encodes the keys
   * @return the snapshot
   * @throws IllegalArgumentException if the target is not an accumulator of this package, or the
   *     codec encodes two keys to the same text
   */
  public byte[] toBytes(KeyCodec<K> keys) {
    Objects.requireNonNull(keys, "keys");
    byte[] targetBytes = snapshotTarget().toBytes();
    TreeMap<String, Entry> sorted = StatefulSnapshots.encodeKeys(entries, keys, "keys");
    TreeMap<String, Long> gone = encodeRemoved(sorted, keys);
    Binary.Writer w = StatefulSnapshots.beginBytes(KIND);
    w.writeBlock(targetBytes);
    w.writeLong(stale);
    w.writeLong(sorted.size());
    for (Map.Entry<String, Entry> e : sorted.entrySet()) {
      w.writeString(e.getKey());
      w.writeLong(e.getValue().revision);
      w.writeLong(e.getValue().value);
    }
    if (!gone.isEmpty()) { // absent when empty: the snapshot of earlier builds, byte for byte
      w.writeLong(gone.size());
      for (Map.Entry<String, Long> e : gone.entrySet()) {
        w.writeString(e.getKey());
        w.writeLong(e.getValue());
      }
    }
    return StatefulSnapshots.finishBytes(w);
  }

  /**
   * Checkpoints this object as JSON: {@code {"format":"servicekit-kpi","version":2,
   * "kind":"revisedValues","state":{"target":{snapshot},"staleCount":0,
   * "entries":[{"key":"r-17","revision":3,"value":5},...],"removed":[{"key":"r-9","revision":4},
   * ...]},"crc32c":...}} ({@code removed} absent when no key is removed) with the target's snapshot
   * as in {@link KpiSnapshots#toJson(KpiAccumulator)} and entries sorted by key text. O(keys log
   * keys).
   *
   * @param keys encodes the keys
   * @return the JSON text
   * @throws IllegalArgumentException as {@link #toBytes(KeyCodec)}
   */
  public String toJson(KeyCodec<K> keys) {
    Objects.requireNonNull(keys, "keys");
    KpiAccumulator<?, ?> acc = snapshotTarget();
    TreeMap<String, Entry> sorted = StatefulSnapshots.encodeKeys(entries, keys, "keys");
    ObjectNode root = StatefulSnapshots.beginJson(KIND_NAME);
    ObjectNode state = root.putObject("state");
    state.set("target", KpiSnapshots.toTree(acc));
    state.put("staleCount", stale);
    ArrayNode entriesNode = state.putArray("entries");
    for (Map.Entry<String, Entry> e : sorted.entrySet()) {
      ObjectNode n = entriesNode.addObject();
      n.put("key", e.getKey());
      n.put("revision", e.getValue().revision);
      n.put("value", e.getValue().value);
    }
    TreeMap<String, Long> gone = encodeRemoved(sorted, keys);
    if (!gone.isEmpty()) {
      ArrayNode removedNode = state.putArray("removed");
      for (Map.Entry<String, Long> e : gone.entrySet()) {
        removedNode.addObject().put("key", e.getKey()).put("revision", e.getValue());
      }
    }
    return StatefulSnapshots.writeJson(root);
  }

  /** The removed keys by encoded text; a text also a valued key's is refused as a clash. */
  private TreeMap<String, Long> encodeRemoved(TreeMap<String, Entry> valued, KeyCodec<K> keys) {
    TreeMap<String, Long> gone =
        StatefulSnapshots.encodeKeys(removed, keys, "keys", valued.keySet());
    return gone;
  }

  /**
   * Restores an object checkpointed with {@link #toBytes(KeyCodec)}. O(keys).
   *
   * @param bytes the snapshot
   * @param type the target's class, e.g. {@code RatingAccumulator.class}
   * @param keys decodes the keys
   * @param <K> the key type
   * @param <A> the target type
   * @return the restored object, with its own restored target
   * @throws IllegalArgumentException if the snapshot is truncated, malformed, of another kind or
   *     version, has a repeated key or a value the target does not hold; the message names the
   *     field (e.g. {@code entries[3].value})
   */
  public static <K, A extends KpiAccumulator<A, ?> & IntRetractable> RevisedValues<K, A> fromBytes(
      byte[] bytes, Class<A> type, KeyCodec<K> keys) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keys, "keys");
    Binary.Reader r = StatefulSnapshots.openBytes(bytes, KIND, KIND_NAME);
    RevisedValues<K, A> rv =
        new RevisedValues<>(StatefulSnapshots.accumulator(r.readBlock("target"), type, "target"));
    rv.stale = r.readCount("staleCount");
    long n = r.readCount("entries");
    for (long i = 0; i < n; i++) {
      String p = "entries[" + i + "].";
      String text = StatefulSnapshots.readUtf8(r, p + "key");
      K key = StatefulSnapshots.key(keys, text, p + "key", false);
      long revision = r.readLong(p + "revision");
      long value = r.readLong(p + "value");
      if (value != (int) value) {
        throw StatefulSnapshots.invalidBytes(p + "value", value, "must be an int");
      }
      if (rv.entries.putIfAbsent(key, new Entry(revision, (int) value)) != null) {
        throw StatefulSnapshots.invalidBytes(p + "key", text, "repeats an earlier key");
      }
    }
    if (r.hasMore()) {
      long m = r.readCount("removed");
      if (m == 0) {
        throw StatefulSnapshots.invalidBytes("removed", 0, "must be >= 1 when present");
      }
      for (long i = 0; i < m; i++) {
        String p = "removed[" + i + "].";
        String text = StatefulSnapshots.readUtf8(r, p + "key");
        K key = StatefulSnapshots.key(keys, text, p + "key", false);
        long revision = r.readLong(p + "revision");
        if (rv.entries.containsKey(key) || rv.removed.putIfAbsent(key, revision) != null) {
          throw StatefulSnapshots.invalidBytes(p + "key", text, "repeats an earlier key");
        }
      }
    }
    r.expectEnd();
    rv.checkTargetHoldsEntries(false);
    return rv;
  }

  /**
   * Restores an object checkpointed with {@link #toJson(KeyCodec)}. O(keys).
   *
   * @param json the JSON text
   * @param type the target's class, e.g. {@code RatingAccumulator.class}
   * @param keys decodes the keys
   * @param <K> the key type
   * @param <A> the target type
   * @return the restored object, with its own restored target
   * @throws IllegalArgumentException if malformed; the message names the JSON path, line and column
   *     (e.g. {@code (at $.state.entries[3].revision, line 9, column 19)})
   */
  public static <K, A extends KpiAccumulator<A, ?> & IntRetractable> RevisedValues<K, A> fromJson(
      String json, Class<A> type, KeyCodec<K> keys) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keys, "keys");
    String text = dev.servicekit.kpi.internal.JsonInput.withoutBom(json);
    return KpiSnapshots.locating(text, () -> readJson(text, type, keys));
  }

  private static <K, A extends KpiAccumulator<A, ?> & IntRetractable> RevisedValues<K, A> readJson(
      String json, Class<A> type, KeyCodec<K> keys) {
    JsonNode state = StatefulSnapshots.openJson(json, KIND_NAME);
    KpiSnapshots.rejectUnknown(
        state, Set.of("target", "staleCount", "entries", "removed"), "state.");
    RevisedValues<K, A> rv =
        new RevisedValues<>(StatefulSnapshots.accumulator(state, "target", type, "state."));
    rv.stale = StatefulSnapshots.countField(state, "staleCount", "state.");
    JsonNode entriesNode = StatefulSnapshots.array(state, "entries", "state.");
    for (int i = 0; i < entriesNode.size(); i++) {
      String p = "state.entries[" + i + "].";
      JsonNode e = entriesNode.get(i);
      if (!e.isObject()) {
        throw StatefulSnapshots.invalidJson(p.substring(0, p.length() - 1), e, "must be an object");
      }
      KpiSnapshots.rejectUnknown(e, Set.of("key", "revision", "value"), p);
      String text = StatefulSnapshots.textField(e, "key", p);
      K key = StatefulSnapshots.key(keys, text, p + "key", true);
      long revision = StatefulSnapshots.longField(e, "revision", p);
      long value = StatefulSnapshots.longField(e, "value", p);
      if (value != (int) value) {
        throw StatefulSnapshots.invalidJson(p + "value", value, "must be an int");
      }
      if (rv.entries.putIfAbsent(key, new Entry(revision, (int) value)) != null) {
        throw StatefulSnapshots.invalidJson(p + "key", e.get("key"), "repeats an earlier key");
      }
    }
    if (state.has("removed")) {
      JsonNode removedNode = StatefulSnapshots.array(state, "removed", "state.");
      for (int i = 0; i < removedNode.size(); i++) {
        String p = "state.removed[" + i + "].";
        JsonNode e = removedNode.get(i);
        if (!e.isObject()) {
          throw StatefulSnapshots.invalidJson(
              p.substring(0, p.length() - 1), e, "must be an object");
        }
        KpiSnapshots.rejectUnknown(e, Set.of("key", "revision"), p);
        String text = StatefulSnapshots.textField(e, "key", p);
        K key = StatefulSnapshots.key(keys, text, p + "key", true);
        long revision = StatefulSnapshots.longField(e, "revision", p);
        if (rv.entries.containsKey(key) || rv.removed.putIfAbsent(key, revision) != null) {
          throw StatefulSnapshots.invalidJson(p + "key", e.get("key"), "repeats an earlier key");
        }
      }
    }
    rv.checkTargetHoldsEntries(true);
    return rv;
  }

  private KpiAccumulator<?, ?> snapshotTarget() {
    if (!(target instanceof KpiAccumulator<?, ?> acc)) {
      throw new IllegalArgumentException(
          "target " + target.getClass().getName() + " has no snapshot format");
    }
    return acc;
  }

  /**
   * Every entry's value must be in the target, or a later revision could not retract it: retract
   * them all from a copy. Catches a snapshot whose target and entries disagree.
   */
  private void checkTargetHoldsEntries(boolean json) {
    KpiAccumulator<?, ?> copy = ((KpiAccumulator<?, ?>) target).copy();
    IntRetractable probe = (IntRetractable) copy;
    for (Map.Entry<K, Entry> e : entries.entrySet()) {
      try {
        probe.retract(e.getValue().value);
      } catch (IllegalArgumentException ex) {
        String field = (json ? "state." : "") + "target";
        String rule =
            "does not hold the value "
                + e.getValue().value
                + " of key "
                + dev.servicekit.kpi.internal.Excerpt.of(e.getKey())
                + " ("
                + ex.getMessage()
                + ")";
        throw json
            ? StatefulSnapshots.invalidJson(field, "inconsistent", rule)
            : StatefulSnapshots.invalidBytes(field, "inconsistent", rule);
      }
    }
  }
}
