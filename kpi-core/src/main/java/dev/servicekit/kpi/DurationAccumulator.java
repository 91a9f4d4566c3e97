package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Millis;
import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.Violation;
import java.time.Duration;
import java.util.Objects;

/**
 * Accumulates a duration KPI as count and total milliseconds: average = &Sigma; duration / count.
 *
 * <p>Used for first response time (ticket created &rarr; first public agent reply), next response
 * time (customer message &rarr; next agent reply), ASA (call offered &rarr; answered, answered
 * calls only), time to resolution (created &rarr; solved; the caller measures business or calendar
 * time, e.g. with sla-core's business calendar, and adds the result here). Durations are truncated
 * to whole milliseconds; negative durations are rejected.
 *
 * <p>{@code add}, {@code retract}, {@code merge} O(1) without allocation; sums overflow-checked.
 * Retractable. For percentiles use {@link PercentileAccumulator}. Not thread-safe.
 */
public final class DurationAccumulator
    implements KpiAccumulator<DurationAccumulator, DurationResult> {

  private static final SnapshotCodec<DurationAccumulator> CODEC =
      new BuiltInCodec<>(
          "duration",
          DurationAccumulator.class,
          DurationAccumulator::writeState,
          DurationAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "duration"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<DurationAccumulator> snapshotCodec() {
    return CODEC;
  }

  private long count;
  private long totalMillis;

  private DurationAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static DurationAccumulator create() {
    return new DurationAccumulator();
  }

  /**
   * Adds one observation. O(1).
   *
   * @param duration a non-negative duration; a sub-millisecond remainder is truncated
   * @throws IllegalArgumentException if negative (by as little as one nanosecond)
   * @throws ArithmeticException if the total or the count would overflow a {@code long}; nothing is
   *     changed
   */
  public void add(Duration duration) {
    addMillis(Millis.nonNegative(Objects.requireNonNull(duration, "duration"), "duration"));
  }

  /**
   * Adds one observation in milliseconds. O(1), allocation-free.
   *
   * @param millis a non-negative duration in milliseconds
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the total or the count would overflow a {@code long}; nothing is
   *     changed
   */
  public void addMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("duration " + millis + " ms must be >= 0");
    }
    long t = Overflow.add(totalMillis, millis, "total duration (ms)");
    count = Overflow.add(count, 1, "duration count");
    totalMillis = t;
  }

  /**
   * Removes one observation added with {@link #add(Duration)}, truncated to milliseconds the same
   * way. O(1).
   *
   * @param duration the observation
   * @throws IllegalArgumentException if negative or too long, if more is retracted than was added,
   *     or if it is the last observation and differs from the remaining total; nothing is changed
   */
  public void retract(Duration duration) {
    retractMillis(Millis.nonNegative(Objects.requireNonNull(duration, "duration"), "duration"));
  }

  /**
   * Removes one previously added observation. O(1). A retraction that cannot undo an addition is
   * refused: one larger than the total, and, for the last observation, one that differs from the
   * remaining total (it would leave no observation but a non-zero total, a state {@link
   * KpiSnapshots} refuses to read).
   *
   * @param millis the observation in milliseconds
   * @throws IllegalArgumentException if negative, if more is retracted than was added, or if it is
   *     the last observation and differs from the remaining total; nothing is changed
   */
  public void retractMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("duration " + millis + " ms must be >= 0");
    }
    if (count == 0 || millis > totalMillis) {
      throw new IllegalArgumentException(
          "cannot retract duration "
              + millis
              + " ms: more than was added (count "
              + count
              + ", total "
              + totalMillis
              + " ms)");
    }
    Violation v = violation(count - 1, totalMillis - millis);
    if (v != null) {
      throw v.refuseRetraction("duration " + millis + " ms");
    }
    totalMillis -= millis;
    count--;
  }

  @Override
  public void merge(DurationAccumulator other) {
    Objects.requireNonNull(other, "other");
    long c = Overflow.add(count, other.count, "duration count");
    long t = Overflow.add(totalMillis, other.totalMillis, "total duration (ms)");
    count = c;
    totalMillis = t;
  }

  @Override
  public DurationAccumulator copy() {
    DurationAccumulator c = new DurationAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public DurationResult result() {
    return new DurationResult(count, totalMillis);
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
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
  public static DurationAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, DurationAccumulator.class);
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
  public static DurationAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, DurationAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("count", count);
    out.putLong("totalMillis", totalMillis);
  }

  static DurationAccumulator readState(SnapshotCodec.Input in) {
    DurationAccumulator a = new DurationAccumulator();
    a.count = in.getCount("count");
    a.totalMillis = in.getCount("totalMillis");
    Violation v = violation(a.count, a.totalMillis);
    if (v != null) {
      throw in.invalid(v.field(), v.value(), v.rule());
    }
    return a;
  }

  /** The rule of a state beyond non-negative fields, checked by the reader and by retract. */
  private static Violation violation(long count, long totalMillis) {
    return count == 0 && totalMillis != 0
        ? new Violation("totalMillis", totalMillis, "must be 0 when count is 0")
        : null;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(DurationAccumulator t) {
    t.count = count;
    t.totalMillis = totalMillis;
  }

  @Override
  public String toString() {
    return "DurationAccumulator[" + result() + "]";
  }
}
