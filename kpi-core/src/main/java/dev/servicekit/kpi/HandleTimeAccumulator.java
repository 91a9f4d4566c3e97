package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Millis;
import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.Violation;
import java.time.Duration;
import java.util.Objects;

/**
 * Accumulates average handle time (AHT): per handled contact its talk, hold and after-contact work
 * times, as {@link Duration}s ({@link #add(Duration, Duration, Duration)}) or in milliseconds
 * ({@link #addMillis(long, long, long)}). See {@link HandleTimeResult} for the formula.
 *
 * <p>{@code add}, {@code retract}, {@code merge} O(1) without allocation; sums overflow-checked.
 * Retractable. Not thread-safe.
 */
public final class HandleTimeAccumulator
    implements KpiAccumulator<HandleTimeAccumulator, HandleTimeResult> {

  private static final SnapshotCodec<HandleTimeAccumulator> CODEC =
      new BuiltInCodec<>(
          "handleTime",
          HandleTimeAccumulator.class,
          HandleTimeAccumulator::writeState,
          HandleTimeAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "handleTime"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<HandleTimeAccumulator> snapshotCodec() {
    return CODEC;
  }

  private long handled;
  private long talk;
  private long hold;
  private long afterWork;

  private HandleTimeAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static HandleTimeAccumulator create() {
    return new HandleTimeAccumulator();
  }

  /**
   * Adds one handled contact. O(1).
   *
   * @param talkMillis talk time, {@code >= 0}
   * @param holdMillis hold time, {@code >= 0}
   * @param afterWorkMillis after-contact work time, {@code >= 0}
   * @throws IllegalArgumentException if a time is negative
   * @throws ArithmeticException if a total time or the contact count would overflow a {@code long};
   *     nothing is changed
   */
  public void addMillis(long talkMillis, long holdMillis, long afterWorkMillis) {
    check(talkMillis, holdMillis, afterWorkMillis);
    long t = Overflow.add(talk, talkMillis, "total talk time (ms)");
    long h = Overflow.add(hold, holdMillis, "total hold time (ms)");
    long w = Overflow.add(afterWork, afterWorkMillis, "total after-contact work time (ms)");
    handled = Overflow.add(handled, 1, "handled contacts");
    talk = t;
    hold = h;
    afterWork = w;
  }

  /**
   * Adds one handled contact. O(1). The same as {@link #addMillis(long, long, long)} with each time
   * in whole milliseconds, without three positional {@code long}s to mix up or give in seconds.
   *
   * @param talk talk time, {@code >= 0}; a sub-millisecond remainder is truncated
   * @param hold hold time, {@code >= 0}; likewise
   * @param afterWork after-contact work time, {@code >= 0}; likewise
   * @throws IllegalArgumentException naming the time if one is negative (by as little as one
   *     nanosecond) or longer than {@code Long.MAX_VALUE} ms; nothing is changed
   * @throws ArithmeticException if a total time or the contact count would overflow a {@code long};
   *     nothing is changed
   */
  public void add(Duration talk, Duration hold, Duration afterWork) {
    long t = Millis.nonNegative(Objects.requireNonNull(talk, "talk"), "talk");
    long h = Millis.nonNegative(Objects.requireNonNull(hold, "hold"), "hold");
    long w = Millis.nonNegative(Objects.requireNonNull(afterWork, "afterWork"), "afterWork");
    addMillis(t, h, w);
  }

  /**
   * Removes one contact added with {@link #add(Duration, Duration, Duration)}. O(1). The times are
   * truncated to milliseconds as there, so adding and retracting the same durations is a no-op.
   *
   * @param talk talk time
   * @param hold hold time
   * @param afterWork after-contact work time
   * @throws IllegalArgumentException if a time is negative or too long, more is retracted than was
   *     added, or it is the last contact and a time differs from the remaining total; nothing is
   *     changed
   */
  public void retract(Duration talk, Duration hold, Duration afterWork) {
    long t = Millis.nonNegative(Objects.requireNonNull(talk, "talk"), "talk");
    long h = Millis.nonNegative(Objects.requireNonNull(hold, "hold"), "hold");
    long w = Millis.nonNegative(Objects.requireNonNull(afterWork, "afterWork"), "afterWork");
    retractMillis(t, h, w);
  }

  /**
   * Removes one previously added contact. O(1). A retraction that cannot undo an addition is
   * refused: one with a time larger than its total, and, for the last contact, one whose times
   * differ from the remaining totals (it would leave no contact but non-zero times, a state {@link
   * KpiSnapshots} refuses to read).
   *
   * @param talkMillis talk time
   * @param holdMillis hold time
   * @param afterWorkMillis after-contact work time
   * @throws IllegalArgumentException if a time is negative, more is retracted than was added, or it
   *     is the last contact and a time differs from the remaining total; nothing is changed
   */
  public void retractMillis(long talkMillis, long holdMillis, long afterWorkMillis) {
    check(talkMillis, holdMillis, afterWorkMillis);
    String what =
        "a contact of talk "
            + talkMillis
            + " ms, hold "
            + holdMillis
            + " ms, after-work "
            + afterWorkMillis
            + " ms";
    if (handled == 0 || talkMillis > talk || holdMillis > hold || afterWorkMillis > afterWork) {
      throw new IllegalArgumentException(
          "cannot retract "
              + what
              + ": more than was added ("
              + handled
              + " contacts, talk "
              + talk
              + " ms, hold "
              + hold
              + " ms, after-work "
              + afterWork
              + " ms)");
    }
    Violation v =
        violation(handled - 1, talk - talkMillis, hold - holdMillis, afterWork - afterWorkMillis);
    if (v != null) {
      throw v.refuseRetraction(what);
    }
    talk -= talkMillis;
    hold -= holdMillis;
    afterWork -= afterWorkMillis;
    handled--;
  }

  private static void check(long talkMillis, long holdMillis, long afterWorkMillis) {
    if (talkMillis < 0 || holdMillis < 0 || afterWorkMillis < 0) {
      throw new IllegalArgumentException(
          "talk "
              + talkMillis
              + " ms, hold "
              + holdMillis
              + " ms, after-work "
              + afterWorkMillis
              + " ms: each must be >= 0");
    }
  }

  @Override
  public void merge(HandleTimeAccumulator other) {
    Objects.requireNonNull(other, "other");
    long n = Overflow.add(handled, other.handled, "handled contacts");
    long t = Overflow.add(talk, other.talk, "total talk time (ms)");
    long h = Overflow.add(hold, other.hold, "total hold time (ms)");
    long w = Overflow.add(afterWork, other.afterWork, "total after-contact work time (ms)");
    handled = n;
    talk = t;
    hold = h;
    afterWork = w;
  }

  @Override
  public HandleTimeAccumulator copy() {
    HandleTimeAccumulator c = new HandleTimeAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public HandleTimeResult result() {
    return new HandleTimeResult(handled, talk, hold, afterWork);
  }

  @Override
  public boolean isEmpty() {
    return handled == 0;
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
  public static HandleTimeAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, HandleTimeAccumulator.class);
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
  public static HandleTimeAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, HandleTimeAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("handled", handled);
    out.putLong("talkMillis", talk);
    out.putLong("holdMillis", hold);
    out.putLong("afterWorkMillis", afterWork);
  }

  static HandleTimeAccumulator readState(SnapshotCodec.Input in) {
    HandleTimeAccumulator a = new HandleTimeAccumulator();
    a.handled = in.getCount("handled");
    a.talk = in.getCount("talkMillis");
    a.hold = in.getCount("holdMillis");
    a.afterWork = in.getCount("afterWorkMillis");
    Violation v = violation(a.handled, a.talk, a.hold, a.afterWork);
    if (v != null) {
      throw in.invalid(v.field(), v.value(), v.rule());
    }
    return a;
  }

  /** The rule of a state beyond non-negative fields, checked by the reader and by retract. */
  private static Violation violation(long handled, long talk, long hold, long afterWork) {
    if (handled == 0 && (talk != 0 || hold != 0 || afterWork != 0)) {
      return new Violation(
          "handled",
          0,
          "must be > 0 when talk, hold or after-call work is not 0 (talk "
              + talk
              + " ms, hold "
              + hold
              + " ms, after-work "
              + afterWork
              + " ms)");
    }
    return null;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(HandleTimeAccumulator t) {
    t.handled = handled;
    t.talk = talk;
    t.hold = hold;
    t.afterWork = afterWork;
  }

  @Override
  public String toString() {
    return "HandleTimeAccumulator[" + result() + "]";
  }
}
