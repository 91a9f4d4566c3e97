package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import dev.servicekit.kpi.internal.Overflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts an agent's actions (replies, closures, calls, comments, escalations, ...) for a {@link
 * ProductivityIndex}. Created by {@link ProductivityIndex#newAccumulator()}; the result maps each
 * action to its count.
 *
 * <p>{@code add(int)} O(1) without allocation, {@code add(String)} O(actions); merge O(actions).
 * Retractable. Not thread-safe.
 */
public final class ProductivityAccumulator
    implements KpiAccumulator<ProductivityAccumulator, Map<String, Long>> {

  private static final SnapshotCodec<ProductivityAccumulator> CODEC =
      new BuiltInCodec<>(
          "productivity",
          ProductivityAccumulator.class,
          ProductivityAccumulator::writeState,
          ProductivityAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "productivity"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<ProductivityAccumulator> snapshotCodec() {
    return CODEC;
  }

  private final List<String> actions;
  private final long[] counts;

  ProductivityAccumulator(List<String> actions) {
    this.actions = List.copyOf(actions);
    this.counts = new long[actions.size()];
  }

  /**
   * Returns the action names, in index order.
   *
   * @return an immutable list
   */
  public List<String> actions() {
    return actions;
  }

  private int indexOf(String action) {
    int i = actions.indexOf(Objects.requireNonNull(action, "action"));
    if (i < 0) {
      throw new IllegalArgumentException(
          "action '"
              + Excerpt.of(action)
              + "' is not one of the index's "
              + actions.size()
              + " actions "
              + Excerpt.of(actions));
    }
    return i;
  }

  /**
   * Counts one action by name. O(actions).
   *
   * @param action an action of the index
   * @throws IllegalArgumentException if unknown
   * @throws ArithmeticException if the action's count would overflow a {@code long}; nothing is
   *     changed
   */
  public void add(String action) {
    add(indexOf(action));
  }

  /**
   * Counts one action by its position in {@link #actions()}. O(1).
   *
   * @param actionIndex the position
   * @throws IllegalArgumentException if out of range
   * @throws ArithmeticException if the action's count would overflow a {@code long}; nothing is
   *     changed
   */
  public void add(int actionIndex) {
    checkIndex(actionIndex);
    if (counts[actionIndex] == Long.MAX_VALUE) { // the message is built only when thrown
      throw new ArithmeticException(
          "count of action " + actionIndex + " would overflow: it is already " + Long.MAX_VALUE);
    }
    counts[actionIndex]++;
  }

  /**
   * Takes back one counted action. O(1).
   *
   * @param actionIndex the position
   * @throws IllegalArgumentException if out of range or not counted
   */
  public void retract(int actionIndex) {
    checkIndex(actionIndex);
    if (counts[actionIndex] == 0) {
      throw new IllegalArgumentException(
          "cannot retract action "
              + Excerpt.of(actions.get(actionIndex))
              + ": none added (count 0)");
    }
    counts[actionIndex]--;
  }

  /**
   * Takes back one counted action by name.
   *
   * @param action the action
   */
  public void retract(String action) {
    retract(indexOf(action));
  }

  private void checkIndex(int actionIndex) {
    if (actionIndex < 0 || actionIndex >= counts.length) {
      throw new IllegalArgumentException(
          "actionIndex " + actionIndex + " must be in 0.." + (counts.length - 1));
    }
  }

  long count(int i) {
    return counts[i];
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the action lists differ
   * @throws ArithmeticException if a count would overflow a {@code long}
   */
  @Override
  public void merge(ProductivityAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (!actions.equals(other.actions)) {
      throw new IllegalArgumentException(
          "cannot merge actions " + Excerpt.of(other.actions) + " into " + Excerpt.of(actions));
    }
    for (int i = 0; i < counts.length; i++) {
      // validate every count before changing any
      Overflow.add(
          counts[i],
          other.counts[i],
          "count of action " + i + " (" + Excerpt.of(actions.get(i)) + ")");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  @Override
  public ProductivityAccumulator copy() {
    ProductivityAccumulator c = new ProductivityAccumulator(actions);
    c.merge(this);
    return c;
  }

  @Override
  public Map<String, Long> result() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      m.put(actions.get(i), counts[i]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public boolean isEmpty() {
    for (long c : counts) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes a binary snapshot of this kind ({@link #toBytes()}); the same as {@link
   * KpiSnapshots#fromBytes(byte[], Class)} with this class.
   *
   * @param bytes the snapshot
   * @return the restored accumulator
   * @throws IllegalArgumentException if the snapshot is corrupted, truncated, malformed or of
   *     another kind or version
   */
  public static ProductivityAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, ProductivityAccumulator.class);
  }

  /**
   * Decodes a JSON snapshot of this kind ({@link #toJson()}); the same as {@link
   * KpiSnapshots#fromJson(String, Class)} with this class.
   *
   * @param json the JSON text
   * @return the restored accumulator
   * @throws IllegalArgumentException if malformed or of another kind; the message names the JSON
   *     path, line and column
   */
  public static ProductivityAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, ProductivityAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("actions", actions.size());
    for (int i = 0; i < counts.length; i++) {
      out.putString("action[" + i + "]", actions.get(i));
      out.putLong("count[" + i + "]", counts[i]);
    }
  }

  static ProductivityAccumulator readState(SnapshotCodec.Input in) {
    long n = in.getCount("actions");
    if (n < 1 || n > 1000) {
      throw in.invalid("actions", n, "must be in 1..1000");
    }
    List<String> names = new ArrayList<>();
    long[] counts = new long[(int) n];
    for (int i = 0; i < n; i++) {
      String name = in.getString("action[" + i + "]");
      if (KeyText.blank(name)) {
        throw in.invalid("action[" + i + "]", StatefulSnapshots.quoted(name), KeyText.RULE);
      }
      if (names.contains(name)) {
        throw in.invalid(
            "action[" + i + "]", name, "must be unique (it repeats an earlier action)");
      }
      names.add(name);
      counts[i] = in.getCount("count[" + i + "]");
    }
    ProductivityAccumulator a = new ProductivityAccumulator(names);
    System.arraycopy(counts, 0, a.counts, 0, counts.length);
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(ProductivityAccumulator t) {
    System.arraycopy(counts, 0, t.counts, 0, counts.length);
  }

  @Override
  public String toString() {
    return "ProductivityAccumulator" + result();
  }
}
