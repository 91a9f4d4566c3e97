package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import java.util.Objects;

/**
 * Accumulates cost and contacts for cost per contact ({@link CostResult}). Costs are integral minor
 * currency units (cents), so sums are exact; one currency per accumulator.
 *
 * <p>All operations O(1) without allocation; overflow-checked. Retractable. Not thread-safe.
 */
public final class CostAccumulator implements KpiAccumulator<CostAccumulator, CostResult> {

  private static final SnapshotCodec<CostAccumulator> CODEC =
      new BuiltInCodec<>(
          "cost", CostAccumulator.class, CostAccumulator::writeState, CostAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "cost"}; {@link KpiSnapshots} finds it through {@link
   * java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<CostAccumulator> snapshotCodec() {
    return CODEC;
  }

  private long cost;
  private long contacts;

  private CostAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static CostAccumulator create() {
    return new CostAccumulator();
  }

  /**
   * Adds cost (e.g. an agent-hour's loaded cost, a telephony invoice line). O(1).
   *
   * @param minorUnits the cost, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the total cost would overflow a {@code long}; nothing is changed
   */
  public void addCost(long minorUnits) {
    if (minorUnits < 0) {
      throw new IllegalArgumentException("cost " + minorUnits + " must be >= 0");
    }
    cost = Overflow.add(cost, minorUnits, "total cost");
  }

  /**
   * Adds handled contacts. O(1).
   *
   * @param count contacts, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the contact count would overflow a {@code long}; nothing is
   *     changed
   */
  public void addContacts(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("contacts " + count + " must be >= 0");
    }
    contacts = Overflow.add(contacts, count, "contacts");
  }

  /**
   * Removes previously added cost and contacts. O(1).
   *
   * @param minorUnits cost to remove
   * @param count contacts to remove
   * @throws IllegalArgumentException if negative or more than was added
   */
  public void retract(long minorUnits, long count) {
    if (minorUnits < 0 || count < 0 || minorUnits > cost || count > contacts) {
      throw new IllegalArgumentException(
          "cannot retract cost "
              + minorUnits
              + " and "
              + count
              + " contacts: negative or more than was added (cost "
              + cost
              + ", contacts "
              + contacts
              + ")");
    }
    cost -= minorUnits;
    contacts -= count;
  }

  @Override
  public void merge(CostAccumulator other) {
    Objects.requireNonNull(other, "other");
    long c = Overflow.add(cost, other.cost, "total cost");
    long n = Overflow.add(contacts, other.contacts, "contacts");
    cost = c;
    contacts = n;
  }

  @Override
  public CostAccumulator copy() {
    CostAccumulator c = new CostAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public CostResult result() {
    return new CostResult(cost, contacts);
  }

  @Override
  public boolean isEmpty() {
    return cost == 0 && contacts == 0;
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
  public static CostAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, CostAccumulator.class);
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
  public static CostAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, CostAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("costMinorUnits", cost);
    out.putLong("contacts", contacts);
  }

  static CostAccumulator readState(SnapshotCodec.Input in) {
    CostAccumulator a = new CostAccumulator();
    a.cost = in.getCount("costMinorUnits");
    a.contacts = in.getCount("contacts");
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(CostAccumulator t) {
    t.cost = cost;
    t.contacts = contacts;
  }

  @Override
  public String toString() {
    return "CostAccumulator[" + result() + "]";
  }
}
