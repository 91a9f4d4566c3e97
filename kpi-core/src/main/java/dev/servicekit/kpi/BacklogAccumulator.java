package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import java.util.Objects;

/**
 * Backlog as a running snapshot: tickets opened (created or reopened) minus tickets closed (solved
 * or closed). Merging partitions adds their flows, so the merged backlog is exact even if one
 * partition alone closes more than it opens. A point-in-time backlog is the all-time accumulator
 * (see {@link WindowedKpi#allTime(Object)}); a window's value is its net flow.
 *
 * <p>All operations O(1) without allocation; overflow-checked. Retractable (retract = the opposite
 * flow). Not thread-safe.
 */
public final class BacklogAccumulator implements KpiAccumulator<BacklogAccumulator, Long> {

  private static final SnapshotCodec<BacklogAccumulator> CODEC =
      new BuiltInCodec<>(
          "backlog",
          BacklogAccumulator.class,
          BacklogAccumulator::writeState,
          BacklogAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "backlog"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<BacklogAccumulator> snapshotCodec() {
    return CODEC;
  }

  private long opened;
  private long closed;

  private BacklogAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static BacklogAccumulator create() {
    return new BacklogAccumulator();
  }

  /**
   * Records a ticket created or reopened. O(1).
   *
   * @throws ArithmeticException if the count of openings would overflow a {@code long}; nothing is
   *     changed
   */
  public void opened() {
    opened = Overflow.add(opened, 1, "opened tickets");
  }

  /**
   * Records a ticket solved or closed. O(1).
   *
   * @throws ArithmeticException if the count of closings would overflow a {@code long}; nothing is
   *     changed
   */
  public void closed() {
    closed = Overflow.add(closed, 1, "closed tickets");
  }

  /**
   * Takes back a recorded opening.
   *
   * @throws IllegalArgumentException if none was recorded
   */
  public void retractOpened() {
    if (opened == 0) {
      throw new IllegalArgumentException("cannot retract an opening: none added");
    }
    opened--;
  }

  /**
   * Takes back a recorded closing.
   *
   * @throws IllegalArgumentException if none was recorded
   */
  public void retractClosed() {
    if (closed == 0) {
      throw new IllegalArgumentException("cannot retract a closing: none added");
    }
    closed--;
  }

  @Override
  public void merge(BacklogAccumulator other) {
    Objects.requireNonNull(other, "other");
    long o = Overflow.add(opened, other.opened, "opened tickets");
    long c = Overflow.add(closed, other.closed, "closed tickets");
    opened = o;
    closed = c;
  }

  @Override
  public BacklogAccumulator copy() {
    BacklogAccumulator c = new BacklogAccumulator();
    c.merge(this);
    return c;
  }

  /**
   * Returns the backlog: opened &minus; closed.
   *
   * @return the backlog (negative only for a partition's net flow)
   */
  @Override
  public Long result() {
    return Math.subtractExact(opened, closed);
  }

  @Override
  public boolean isEmpty() {
    return opened == 0 && closed == 0;
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
  public static BacklogAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, BacklogAccumulator.class);
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
  public static BacklogAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, BacklogAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("opened", opened);
    out.putLong("closed", closed);
  }

  static BacklogAccumulator readState(SnapshotCodec.Input in) {
    BacklogAccumulator a = new BacklogAccumulator();
    a.opened = in.getCount("opened");
    a.closed = in.getCount("closed");
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(BacklogAccumulator t) {
    t.opened = opened;
    t.closed = closed;
  }

  @Override
  public String toString() {
    return "BacklogAccumulator[opened=" + opened + ", closed=" + closed + "]";
  }
}
