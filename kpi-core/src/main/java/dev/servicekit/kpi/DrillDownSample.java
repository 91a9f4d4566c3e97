package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.KeyText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A bounded sample of the records behind a KPI value, the {@code capacity} with the highest value
 * (e.g. the 10 tickets with the longest first response time), so a dashboard can link from a number
 * to tickets.
 *
 * <p>An id recorded twice keeps its highest value; ties are broken by id, so the sample is
 * deterministic and {@link #merge(DrillDownSample)} is commutative and associative: the sample of a
 * merged stream is the top {@code capacity} of the union. {@code add} O(log capacity); memory
 * O(capacity). Not retractable (an evicted record cannot come back). Not thread-safe.
 */
public final class DrillDownSample
    implements KpiAccumulator<DrillDownSample, List<DrillDownSample.Sample>> {

  private static final SnapshotCodec<DrillDownSample> CODEC =
      new BuiltInCodec<>(
          "drillDown",
          DrillDownSample.class,
          DrillDownSample::writeState,
          DrillDownSample::readState);

  /**
   * The snapshot codec of this kind, {@code "drillDown"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<DrillDownSample> snapshotCodec() {
    return CODEC;
  }

  /**
   * One contributing record.
   *
   * @param id the record id (ticket, call, survey response)
   * @param value its KPI value (e.g. milliseconds); higher = worse
   */
  public record Sample(String id, long value) {
    /**
     * Checks the id.
     *
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank (empty, or only spaces and invisible
     *     format characters) or has an unpaired surrogate (no snapshot could store it)
     */
    public Sample {
      KeyText.require(Objects.requireNonNull(id, "id"), "id");
    }
  }

  private static final Comparator<Sample> WORST_FIRST =
      Comparator.comparingLong(Sample::value).reversed().thenComparing(Sample::id);

  private final int capacity;
  private final TreeSet<Sample> top = new TreeSet<>(WORST_FIRST);
  private final Map<String, Sample> byId = new HashMap<>();

  private DrillDownSample(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Creates an empty sample.
   *
   * @param capacity how many records to keep, 1..10 000
   * @return a new sample
   * @throws IllegalArgumentException if the capacity is out of range
   */
  public static DrillDownSample create(int capacity) {
    if (capacity < 1 || capacity > 10_000) {
      throw new IllegalArgumentException("capacity " + capacity + " must be in 1..10000");
    }
    return new DrillDownSample(capacity);
  }

  /**
   * Returns the capacity.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Offers a record. O(log capacity); allocates only when the record enters the sample.
   *
   * @param id the record id
   * @param value its value; higher = worse
   * @throws IllegalArgumentException if a new id is blank (empty, or only spaces and invisible
   *     format characters) or has an unpaired surrogate, which no snapshot could store; nothing is
   *     changed
   */
  public void add(String id, long value) {
    Objects.requireNonNull(id, "id");
    Sample old = byId.get(id);
    if (old == null) {
      KeyText.require(id, "id");
    }
    if (old != null) {
      if (old.value() >= value) {
        return;
      }
      top.remove(old);
      byId.remove(id);
    } else if (top.size() == capacity) {
      Sample least = top.last();
      if (value < least.value() || (value == least.value() && id.compareTo(least.id()) > 0)) {
        return;
      }
    }
    Sample s = new Sample(id, value);
    top.add(s);
    byId.put(id, s);
    if (top.size() > capacity) {
      byId.remove(top.pollLast().id());
    }
  }

  /**
   * {@inheritDoc} O(other's size &times; log capacity).
   *
   * @throws IllegalArgumentException if the capacities differ
   */
  @Override
  public void merge(DrillDownSample other) {
    Objects.requireNonNull(other, "other");
    if (capacity != other.capacity) {
      throw new IllegalArgumentException(
          "cannot merge capacity " + other.capacity + " into " + capacity);
    }
    for (Sample s : new ArrayList<>(other.top)) {
      add(s.id(), s.value());
    }
  }

  @Override
  public DrillDownSample copy() {
    DrillDownSample c = new DrillDownSample(capacity);
    c.top.addAll(top);
    c.byId.putAll(byId);
    return c;
  }

  /**
   * Returns the sample, worst first. O(capacity).
   *
   * @return an immutable list
   */
  @Override
  public List<Sample> result() {
    return List.copyOf(top);
  }

  @Override
  public boolean isEmpty() {
    return top.isEmpty();
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
  public static DrillDownSample fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, DrillDownSample.class);
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
  public static DrillDownSample fromJson(String json) {
    return KpiSnapshots.fromJson(json, DrillDownSample.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("capacity", capacity);
    out.putLong("size", top.size());
    int i = 0;
    for (Sample s : top) {
      out.putString("samples[" + i + "].id", s.id());
      out.putLong("samples[" + i + "].value", s.value());
      i++;
    }
  }

  static DrillDownSample readState(SnapshotCodec.Input in) {
    long capacity = in.getLong("capacity");
    if (capacity < 1 || capacity > 10_000) {
      throw in.invalid("capacity", capacity, "must be in 1..10000");
    }
    DrillDownSample d = new DrillDownSample((int) capacity);
    long size = in.getCount("size");
    if (size > capacity) {
      throw in.invalid("size", size, "must be <= capacity " + capacity);
    }
    for (int i = 0; i < size; i++) {
      String id = in.getString("samples[" + i + "].id");
      if (KeyText.blank(id)) {
        throw in.invalid("samples[" + i + "].id", StatefulSnapshots.quoted(id), KeyText.RULE);
      }
      d.add(id, in.getLong("samples[" + i + "].value"));
    }
    if (d.top.size() != size) {
      throw in.invalid("size", size, "must equal the number of distinct sample ids");
    }
    return d;
  }

  @Override
  public String toString() {
    return "DrillDownSample" + top;
  }
}
