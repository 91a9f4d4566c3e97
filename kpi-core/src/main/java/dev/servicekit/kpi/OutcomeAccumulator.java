package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Overflow;
import java.util.Objects;

/**
 * Accumulates a binary outcome into a rate: the shape of the resolution KPIs.
 *
 * <ul>
 *   <li>SLA compliance = met / (met + breached) ({@code positive} = met); SLA breach rate = its
 *       {@link OutcomeResult#negativePercent() negative} share. Targets that were paused or are
 *       still running are not added.
 *   <li>FCR = solved without a repeat contact within the window / solved (see {@link
 *       RepeatContactTracker}, which feeds this accumulator); repeat-contact rate is the negative
 *       share.
 *   <li>Reopen rate = solved tickets later reopened / solved tickets ({@code positive} = reopened).
 *   <li>QA error rate = evaluations with an error / evaluations.
 * </ul>
 *
 * <p>{@code add}, {@code retract}, {@code merge} O(1) without allocation. Retractable. Not
 * thread-safe.
 */
public final class OutcomeAccumulator implements KpiAccumulator<OutcomeAccumulator, OutcomeResult> {

  private static final SnapshotCodec<OutcomeAccumulator> CODEC =
      new BuiltInCodec<>(
          "outcome",
          OutcomeAccumulator.class,
          OutcomeAccumulator::writeState,
          OutcomeAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "outcome"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<OutcomeAccumulator> snapshotCodec() {
    return CODEC;
  }

  private long positive;
  private long negative;

  private OutcomeAccumulator() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static OutcomeAccumulator create() {
    return new OutcomeAccumulator();
  }

  /**
   * Adds one outcome. O(1).
   *
   * @param isPositive whether the outcome is positive
   * @throws ArithmeticException if the count of outcomes would overflow a {@code long}; nothing is
   *     changed
   */
  public void add(boolean isPositive) {
    Overflow.add(positive + negative, 1, "outcomes"); // total() must stay a long
    if (isPositive) {
      positive++;
    } else {
      negative++;
    }
  }

  /**
   * Removes one previously added outcome. O(1).
   *
   * @param isPositive whether the outcome was positive
   * @throws IllegalArgumentException if no such outcome was added
   */
  public void retract(boolean isPositive) {
    if (isPositive ? positive == 0 : negative == 0) {
      throw new IllegalArgumentException(
          "cannot retract a " + (isPositive ? "positive" : "negative") + " outcome: none added");
    }
    if (isPositive) {
      positive--;
    } else {
      negative--;
    }
  }

  @Override
  public void merge(OutcomeAccumulator other) {
    Objects.requireNonNull(other, "other");
    long p = Overflow.add(positive, other.positive, "positive outcomes");
    long n = Overflow.add(negative, other.negative, "negative outcomes");
    Overflow.add(p, n, "outcomes");
    positive = p;
    negative = n;
  }

  @Override
  public OutcomeAccumulator copy() {
    OutcomeAccumulator c = new OutcomeAccumulator();
    c.merge(this);
    return c;
  }

  @Override
  public OutcomeResult result() {
    return new OutcomeResult(positive, negative);
  }

  @Override
  public boolean isEmpty() {
    return positive == 0 && negative == 0;
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
  public static OutcomeAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, OutcomeAccumulator.class);
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
  public static OutcomeAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, OutcomeAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("positive", positive);
    out.putLong("negative", negative);
  }

  static OutcomeAccumulator readState(SnapshotCodec.Input in) {
    OutcomeAccumulator a = new OutcomeAccumulator();
    a.positive = in.getCount("positive");
    a.negative = in.getCount("negative");
    if (a.positive > Long.MAX_VALUE - a.negative) {
      throw in.invalid("negative", a.negative, "positive + negative must fit a long");
    }
    return a;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(OutcomeAccumulator t) {
    t.positive = positive;
    t.negative = negative;
  }

  @Override
  public String toString() {
    return "OutcomeAccumulator[" + result() + "]";
  }
}
