package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Millis;
import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.Violation;
import java.time.Duration;
import java.util.Objects;

/**
 * Accumulates agent time for handled per hour, occupancy and availability ({@link
 * AgentTimeResult}). Agent-status events add time to a {@link Bucket}; handled contacts add their
 * handle time. Times are {@link Duration}s or whole milliseconds.
 *
 * <p>All operations O(1) without allocation; sums overflow-checked. Retractable. Not thread-safe.
 */
public final class AgentTimeAccumulator
    implements KpiAccumulator<AgentTimeAccumulator, AgentTimeResult> {

  private static final SnapshotCodec<AgentTimeAccumulator> CODEC =
      new BuiltInCodec<>(
          "agentTime",
          AgentTimeAccumulator.class,
          AgentTimeAccumulator::writeState,
          AgentTimeAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "agentTime"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<AgentTimeAccumulator> snapshotCodec() {
    return CODEC;
  }

  /** A kind of agent time other than handle time. */
  public enum Bucket {
    /** Available and waiting for a contact. */
    IDLE,
    /** Logged in, in any status. */
    LOGGED_IN,
    /** Scheduled to work. */
    SCHEDULED
  }

  private long handled;
  private long handle;
  private final long[] buckets = new long[3];

  private AgentTimeAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static AgentTimeAccumulator create() {
    return new AgentTimeAccumulator();
  }

  /**
   * Adds a handled contact. O(1).
   *
   * @param handleMillis its handle time, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the total handle time or the contact count would overflow a
   *     {@code long}; nothing is changed
   */
  public void addContactMillis(long handleMillis) {
    check("handleMillis", handleMillis);
    long h = Overflow.add(handle, handleMillis, "total handle time (ms)");
    handled = Overflow.add(handled, 1, "handled contacts");
    handle = h;
  }

  /**
   * Removes a previously added contact. O(1). A retraction that cannot undo an addition is refused:
   * one larger than the total handle time, and, for the last contact, one that differs from the
   * remaining total (it would leave no contact but a non-zero handle time, a state {@link
   * KpiSnapshots} refuses to read).
   *
   * @param handleMillis its handle time
   * @throws IllegalArgumentException if negative, if more is retracted than was added, or if it is
   *     the last contact and differs from the remaining total; nothing is changed
   */
  public void retractContactMillis(long handleMillis) {
    check("handleMillis", handleMillis);
    if (handled == 0 || handleMillis > handle) {
      throw new IllegalArgumentException(
          "cannot retract contact of "
              + handleMillis
              + " ms: more than was added ("
              + handled
              + " contacts, handle "
              + handle
              + " ms)");
    }
    Violation v = violation(handled - 1, handle - handleMillis);
    if (v != null) {
      throw v.refuseRetraction("contact of " + handleMillis + " ms");
    }
    handle -= handleMillis;
    handled--;
  }

  /**
   * Adds status time. O(1).
   *
   * @param bucket the kind of time
   * @param millis the duration, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the bucket's total would overflow a {@code long}; nothing is
   *     changed
   */
  public void addTimeMillis(Bucket bucket, long millis) {
    check(Objects.requireNonNull(bucket, "bucket").name(), millis);
    int b = bucket.ordinal();
    if (buckets[b] > Long.MAX_VALUE - millis) { // the message is built only when thrown
      Overflow.add(buckets[b], millis, "total " + bucket + " time (ms)");
    }
    buckets[b] += millis;
  }

  /**
   * Removes previously added status time. O(1).
   *
   * @param bucket the kind of time
   * @param millis the duration
   * @throws IllegalArgumentException if more is retracted than was added
   */
  public void retractTimeMillis(Bucket bucket, long millis) {
    check(Objects.requireNonNull(bucket, "bucket").name(), millis);
    if (millis > buckets[bucket.ordinal()]) {
      throw new IllegalArgumentException(
          "cannot retract "
              + millis
              + " ms of "
              + bucket
              + ": more than was added ("
              + buckets[bucket.ordinal()]
              + " ms)");
    }
    buckets[bucket.ordinal()] -= millis;
  }

  /**
   * Adds a handled contact, as {@link #addContactMillis(long)} with its handle time in whole
   * milliseconds. O(1).
   *
   * @param handleTime its handle time, {@code >= 0}; a sub-millisecond remainder is truncated
   * @throws IllegalArgumentException if negative (by as little as one nanosecond) or longer than
   *     {@code Long.MAX_VALUE} ms
   * @throws ArithmeticException if the total handle time or the contact count would overflow a
   *     {@code long}; nothing is changed
   */
  public void addContact(Duration handleTime) {
    addContactMillis(millis(handleTime, "handleTime"));
  }

  /**
   * Removes a contact added with {@link #addContact(Duration)}, truncated the same way. O(1).
   *
   * @param handleTime its handle time
   * @throws IllegalArgumentException if negative or too long, if more is retracted than was added,
   *     or if it is the last contact and differs from the remaining total; nothing is changed
   */
  public void retractContact(Duration handleTime) {
    retractContactMillis(millis(handleTime, "handleTime"));
  }

  /**
   * Adds status time, as {@link #addTimeMillis(Bucket, long)} in whole milliseconds. O(1).
   *
   * @param bucket the kind of time
   * @param time the duration, {@code >= 0}; a sub-millisecond remainder is truncated
   * @throws IllegalArgumentException if negative (by as little as one nanosecond) or longer than
   *     {@code Long.MAX_VALUE} ms
   * @throws ArithmeticException if the bucket's total would overflow a {@code long}; nothing is
   *     changed
   */
  public void addTime(Bucket bucket, Duration time) {
    Objects.requireNonNull(bucket, "bucket");
    addTimeMillis(bucket, millis(time, "time"));
  }

  /**
   * Removes status time added with {@link #addTime(Bucket, Duration)}, truncated the same way.
   * O(1).
   *
   * @param bucket the kind of time
   * @param time the duration
   * @throws IllegalArgumentException if negative or too long, or if more is retracted than was
   *     added
   */
  public void retractTime(Bucket bucket, Duration time) {
    Objects.requireNonNull(bucket, "bucket");
    retractTimeMillis(bucket, millis(time, "time"));
  }

  private static long millis(Duration d, String field) {
    return Millis.nonNegative(Objects.requireNonNull(d, field), field);
  }

  private static void check(String field, long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException(field + " " + millis + " ms must be >= 0");
    }
  }

  @Override
  public void merge(AgentTimeAccumulator other) {
    Objects.requireNonNull(other, "other");
    long n = Overflow.add(handled, other.handled, "handled contacts");
    long h = Overflow.add(handle, other.handle, "total handle time (ms)");
    for (int i = 0; i < buckets.length; i++) {
      // validate every bucket before changing any
      Overflow.add(buckets[i], other.buckets[i], "total " + Bucket.values()[i] + " time (ms)");
    }
    handled = n;
    handle = h;
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += other.buckets[i];
    }
  }

  @Override
  public AgentTimeAccumulator copy() {
    AgentTimeAccumulator c = new AgentTimeAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public AgentTimeResult result() {
    return new AgentTimeResult(
        handled,
        handle,
        buckets[Bucket.IDLE.ordinal()],
        buckets[Bucket.LOGGED_IN.ordinal()],
        buckets[Bucket.SCHEDULED.ordinal()]);
  }

  @Override
  public boolean isEmpty() {
    return handled == 0 && handle == 0 && buckets[0] == 0 && buckets[1] == 0 && buckets[2] == 0;
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
  public static AgentTimeAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, AgentTimeAccumulator.class);
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
  public static AgentTimeAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, AgentTimeAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("handled", handled);
    out.putLong("handleMillis", handle);
    out.putLong("idleMillis", buckets[0]);
    out.putLong("loggedInMillis", buckets[1]);
    out.putLong("scheduledMillis", buckets[2]);
  }

  static AgentTimeAccumulator readState(SnapshotCodec.Input in) {
    AgentTimeAccumulator a = new AgentTimeAccumulator();
    a.handled = in.getCount("handled");
    a.handle = in.getCount("handleMillis");
    a.buckets[0] = in.getCount("idleMillis");
    a.buckets[1] = in.getCount("loggedInMillis");
    a.buckets[2] = in.getCount("scheduledMillis");
    Violation v = violation(a.handled, a.handle);
    if (v != null) {
      throw in.invalid(v.field(), v.value(), v.rule());
    }
    return a;
  }

  /** The rule of a state beyond non-negative fields, checked by the reader and by retract. */
  private static Violation violation(long handled, long handle) {
    return handled == 0 && handle != 0
        ? new Violation("handleMillis", handle, "must be 0 when handled is 0")
        : null;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(AgentTimeAccumulator t) {
    t.handled = handled;
    t.handle = handle;
    System.arraycopy(buckets, 0, t.buckets, 0, buckets.length);
  }

  @Override
  public String toString() {
    return "AgentTimeAccumulator[" + result() + "]";
  }
}
