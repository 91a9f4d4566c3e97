package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Millis;
import dev.servicekit.kpi.internal.Overflow;
import dev.servicekit.kpi.internal.Violation;
import java.time.Duration;
import java.util.Objects;

/**
 * Accumulates offered calls (or chats) into service level, abandonment, missed calls and ASA; every
 * {@link ServiceLevelVariant} is computed from the same counters, so a dashboard can show several.
 *
 * <p>Each call is added once, when its outcome is known: {@link #answeredMillis(long)} with its
 * wait in queue, or {@link #abandonedMillis(long)} with the wait until the caller hung up. Seven
 * counters; {@code add}, {@code retract}, {@code merge} O(1) without allocation. Retractable. Not
 * thread-safe.
 */
public final class ServiceLevelAccumulator
    implements KpiAccumulator<ServiceLevelAccumulator, ServiceLevelResult> {

  private static final SnapshotCodec<ServiceLevelAccumulator> CODEC =
      new BuiltInCodec<>(
          "serviceLevel",
          ServiceLevelAccumulator.class,
          ServiceLevelAccumulator::writeState,
          ServiceLevelAccumulator::readState);

  /**
   * The snapshot codec of this kind, {@code "serviceLevel"}; {@link KpiSnapshots} finds it through
   * {@link java.util.ServiceLoader}.
   *
   * @return the codec
   */
  public static SnapshotCodec<ServiceLevelAccumulator> snapshotCodec() {
    return CODEC;
  }

  private final ServiceLevelPolicy policy;
  private final long thresholdMillis;
  private final long shortMillis;
  private final long missedMillis;
  private long answered;
  private long answeredWithin;
  private long answeredWithinMissed;
  private long answerWait;
  private long abandoned;
  private long abandonedWithin;
  private long shortAbandoned;

  private ServiceLevelAccumulator(ServiceLevelPolicy policy) {
    this.policy = policy;
    // whole milliseconds, checked by the policy
    this.thresholdMillis = policy.threshold().toMillis();
    this.shortMillis = policy.shortAbandon().toMillis();
    this.missedMillis = policy.missedAfter().toMillis();
  }

  /**
   * Creates an empty accumulator.
   *
   * @param policy the thresholds
   * @return a new accumulator
   */
  public static ServiceLevelAccumulator create(ServiceLevelPolicy policy) {
    return new ServiceLevelAccumulator(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Returns the policy.
   *
   * @return the thresholds
   */
  public ServiceLevelPolicy policy() {
    return policy;
  }

  /**
   * Adds an answered call. O(1), allocation-free.
   *
   * @param waitMillis its wait in queue, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the total answer wait or the count of offered calls would
   *     overflow a {@code long}; nothing is changed
   */
  public void answeredMillis(long waitMillis) {
    check(waitMillis);
    long w = Overflow.add(answerWait, waitMillis, "total answer wait (ms)");
    Overflow.add(answered + abandoned, 1, "offered calls"); // within a long, kept so by this
    // answered bounds answeredWithin and answeredWithinMissed, so they cannot overflow after it
    answered++;
    answerWait = w;
    if (waitMillis <= thresholdMillis) {
      answeredWithin++;
    }
    if (waitMillis <= missedMillis) {
      answeredWithinMissed++;
    }
  }

  /**
   * Adds an answered call.
   *
   * @param wait its wait in queue; a sub-millisecond remainder is truncated
   * @throws IllegalArgumentException if negative (by as little as one nanosecond)
   * @throws ArithmeticException if the total answer wait or the count of offered calls would
   *     overflow a {@code long}; nothing is changed
   */
  public void answered(Duration wait) {
    answeredMillis(Millis.nonNegative(Objects.requireNonNull(wait, "wait"), "wait"));
  }

  /**
   * Adds an abandoned call. O(1), allocation-free.
   *
   * @param waitMillis its wait until abandon, {@code >= 0}
   * @throws IllegalArgumentException if negative
   * @throws ArithmeticException if the count of offered calls would overflow a {@code long};
   *     nothing is changed
   */
  public void abandonedMillis(long waitMillis) {
    check(waitMillis);
    Overflow.add(answered + abandoned, 1, "offered calls"); // within a long, kept so by this
    abandoned++; // bounds abandonedWithin >= shortAbandoned
    if (waitMillis <= thresholdMillis) {
      abandonedWithin++;
    }
    if (waitMillis <= shortMillis) {
      shortAbandoned++;
    }
  }

  /**
   * Adds an abandoned call.
   *
   * @param wait its wait until abandon; a sub-millisecond remainder is truncated
   * @throws IllegalArgumentException if negative (by as little as one nanosecond)
   * @throws ArithmeticException if the count of offered calls would overflow a {@code long};
   *     nothing is changed
   */
  public void abandoned(Duration wait) {
    abandonedMillis(Millis.nonNegative(Objects.requireNonNull(wait, "wait"), "wait"));
  }

  /**
   * Removes a previously added answered call. O(1). A retraction that cannot undo an addition is
   * refused, with the counter it would break: one with no answered call in its band (within the
   * threshold, within {@code missedAfter}, or beyond both), one longer than the total answer wait,
   * and, for the last answered call, one that differs from the remaining total wait. So every state
   * it leaves is one {@link KpiSnapshots} reads back.
   *
   * @param waitMillis its wait
   * @throws IllegalArgumentException if negative or no matching call was added; nothing is changed
   */
  public void retractAnsweredMillis(long waitMillis) {
    check(waitMillis);
    boolean within = waitMillis <= thresholdMillis;
    boolean withinMissed = waitMillis <= missedMillis;
    if (answered == 0
        || waitMillis > answerWait
        || (within && answeredWithin == 0)
        || (withinMissed && answeredWithinMissed == 0)) {
      throw new IllegalArgumentException(
          "cannot retract answered call with wait "
              + waitMillis
              + " ms: none added (answered "
              + answered
              + ", answeredWithinThreshold "
              + answeredWithin
              + ", answeredWithinMissedAfter "
              + answeredWithinMissed
              + ", answerWaitMillis "
              + answerWait
              + "; threshold "
              + thresholdMillis
              + " ms, missedAfter "
              + missedMillis
              + " ms)");
    }
    Violation v =
        violation(
            answered - 1,
            answeredWithin - (within ? 1 : 0),
            answeredWithinMissed - (withinMissed ? 1 : 0),
            answerWait - waitMillis,
            abandoned,
            abandonedWithin,
            shortAbandoned);
    if (v != null) {
      throw v.refuseRetraction("answered call with wait " + waitMillis + " ms");
    }
    answered--;
    answerWait -= waitMillis;
    if (within) {
      answeredWithin--;
    }
    if (withinMissed) {
      answeredWithinMissed--;
    }
  }

  /**
   * Removes a previously added abandoned call. O(1). A retraction with no abandoned call in its
   * band (short, within the threshold, or beyond it) is refused, with the counter it would break.
   *
   * @param waitMillis its wait
   * @throws IllegalArgumentException if negative or no matching call was added; nothing is changed
   */
  public void retractAbandonedMillis(long waitMillis) {
    check(waitMillis);
    boolean within = waitMillis <= thresholdMillis;
    boolean isShort = waitMillis <= shortMillis;
    if (abandoned == 0 || (within && abandonedWithin == 0) || (isShort && shortAbandoned == 0)) {
      throw new IllegalArgumentException(
          "cannot retract abandoned call with wait "
              + waitMillis
              + " ms: none added (abandoned "
              + abandoned
              + ", abandonedWithinThreshold "
              + abandonedWithin
              + ", shortAbandoned "
              + shortAbandoned
              + "; threshold "
              + thresholdMillis
              + " ms, shortAbandon "
              + shortMillis
              + " ms)");
    }
    Violation v =
        violation(
            answered,
            answeredWithin,
            answeredWithinMissed,
            answerWait,
            abandoned - 1,
            abandonedWithin - (within ? 1 : 0),
            shortAbandoned - (isShort ? 1 : 0));
    if (v != null) {
      throw v.refuseRetraction("abandoned call with wait " + waitMillis + " ms");
    }
    abandoned--;
    if (within) {
      abandonedWithin--;
    }
    if (isShort) {
      shortAbandoned--;
    }
  }

  /**
   * Removes an answered call added with {@link #answered(Duration)}, its wait truncated to
   * milliseconds the same way. O(1).
   *
   * @param wait its wait
   * @throws IllegalArgumentException if negative or too long, or if no matching call was added
   */
  public void retractAnswered(Duration wait) {
    retractAnsweredMillis(Millis.nonNegative(Objects.requireNonNull(wait, "wait"), "wait"));
  }

  /**
   * Removes an abandoned call added with {@link #abandoned(Duration)}, its wait truncated to
   * milliseconds the same way. O(1).
   *
   * @param wait its wait
   * @throws IllegalArgumentException if negative or too long, or if no matching call was added
   */
  public void retractAbandoned(Duration wait) {
    retractAbandonedMillis(Millis.nonNegative(Objects.requireNonNull(wait, "wait"), "wait"));
  }

  private static void check(long waitMillis) {
    if (waitMillis < 0) {
      throw new IllegalArgumentException("wait " + waitMillis + " ms must be >= 0");
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code other} has another policy
   * @throws ArithmeticException if a count or sum would overflow a {@code long}
   */
  @Override
  public void merge(ServiceLevelAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (!policy.equals(other.policy)) {
      throw new IllegalArgumentException(
          "cannot merge service level policy " + other.policy + " into " + policy);
    }
    // validate every sum before assigning any, so an overflow leaves both sides as they were
    long an = Overflow.add(answered, other.answered, "answered calls");
    long anWithin =
        Overflow.add(answeredWithin, other.answeredWithin, "calls answered within the threshold");
    long anMissed =
        Overflow.add(
            answeredWithinMissed,
            other.answeredWithinMissed,
            "calls answered within the missed threshold");
    long wait = Overflow.add(answerWait, other.answerWait, "total answer wait (ms)");
    long ab = Overflow.add(abandoned, other.abandoned, "abandoned calls");
    long abWithin =
        Overflow.add(
            abandonedWithin, other.abandonedWithin, "calls abandoned within the threshold");
    long abShort = Overflow.add(shortAbandoned, other.shortAbandoned, "short abandons");
    Overflow.add(an, ab, "offered calls");
    answered = an;
    answeredWithin = anWithin;
    answeredWithinMissed = anMissed;
    answerWait = wait;
    abandoned = ab;
    abandonedWithin = abWithin;
    shortAbandoned = abShort;
  }

  @Override
  public ServiceLevelAccumulator copy() {
    ServiceLevelAccumulator c = new ServiceLevelAccumulator(policy);
    c.merge(this);
    return c;
  }

  @Override
  public ServiceLevelResult result() {
    return new ServiceLevelResult(
        policy,
        answered,
        answeredWithin,
        answeredWithinMissed,
        answerWait,
        abandoned,
        abandonedWithin,
        shortAbandoned);
  }

  @Override
  public boolean isEmpty() {
    return answered == 0 && abandoned == 0;
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
  public static ServiceLevelAccumulator fromBytes(byte[] bytes) {
    return KpiSnapshots.fromBytes(bytes, ServiceLevelAccumulator.class);
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
  public static ServiceLevelAccumulator fromJson(String json) {
    return KpiSnapshots.fromJson(json, ServiceLevelAccumulator.class);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  void writeState(SnapshotCodec.Output out) {
    out.putLong("thresholdMillis", thresholdMillis);
    out.putLong("shortAbandonMillis", shortMillis);
    out.putLong("missedAfterMillis", missedMillis);
    out.putLong("answered", answered);
    out.putLong("answeredWithinThreshold", answeredWithin);
    out.putLong("answeredWithinMissedAfter", answeredWithinMissed);
    out.putLong("answerWaitMillis", answerWait);
    out.putLong("abandoned", abandoned);
    out.putLong("abandonedWithinThreshold", abandonedWithin);
    out.putLong("shortAbandoned", shortAbandoned);
  }

  static ServiceLevelAccumulator readState(SnapshotCodec.Input in) {
    long t = in.getCount("thresholdMillis");
    long s = in.getCount("shortAbandonMillis");
    long m = in.getCount("missedAfterMillis");
    ServiceLevelPolicy policy;
    try {
      policy =
          ServiceLevelPolicy.of(Duration.ofMillis(t), Duration.ofMillis(s), Duration.ofMillis(m));
    } catch (IllegalArgumentException e) {
      boolean missed = e.getMessage().startsWith("missedAfter");
      throw in.invalid(
          missed ? "missedAfterMillis" : "shortAbandonMillis", missed ? m : s, e.getMessage());
    }
    ServiceLevelAccumulator a = new ServiceLevelAccumulator(policy);
    a.answered = in.getCount("answered");
    a.answeredWithin = in.getCount("answeredWithinThreshold");
    a.answeredWithinMissed = in.getCount("answeredWithinMissedAfter");
    a.answerWait = in.getCount("answerWaitMillis");
    a.abandoned = in.getCount("abandoned");
    a.abandonedWithin = in.getCount("abandonedWithinThreshold");
    a.shortAbandoned = in.getCount("shortAbandoned");
    Violation v =
        violation(
            a.answered,
            a.answeredWithin,
            a.answeredWithinMissed,
            a.answerWait,
            a.abandoned,
            a.abandonedWithin,
            a.shortAbandoned);
    if (v != null) {
      throw in.invalid(v.field(), v.value(), v.rule());
    }
    return a;
  }

  /**
   * The rules of a state beyond non-negative fields, checked by the reader and by the retractions:
   * a call within the threshold is within {@code missedAfter} too ({@code threshold <=
   * missedAfter}), and a short abandon is within the threshold.
   */
  static Violation violation(
      long answered,
      long answeredWithin,
      long answeredWithinMissed,
      long answerWait,
      long abandoned,
      long abandonedWithin,
      long shortAbandoned) {
    if (answered > Long.MAX_VALUE - abandoned) {
      return new Violation("abandoned", abandoned, "answered + abandoned must fit a long");
    }
    if (answered == 0 && answerWait != 0) {
      return new Violation("answerWaitMillis", answerWait, "must be 0 when answered is 0");
    }
    if (answeredWithinMissed > answered) {
      return new Violation(
          "answeredWithinMissedAfter",
          answeredWithinMissed,
          "must be <= answered (" + answered + ")");
    }
    if (answeredWithin > answeredWithinMissed) {
      return new Violation(
          "answeredWithinThreshold",
          answeredWithin,
          "must be <= answeredWithinMissedAfter ("
              + answeredWithinMissed
              + ") and so <= answered ("
              + answered
              + ")");
    }
    if (abandonedWithin > abandoned) {
      return new Violation(
          "abandonedWithinThreshold", abandonedWithin, "must be <= abandoned (" + abandoned + ")");
    }
    if (shortAbandoned > abandonedWithin) {
      return new Violation(
          "shortAbandoned",
          shortAbandoned,
          "must be <= abandonedWithinThreshold (" + abandonedWithin + ")");
    }
    return null;
  }

  /**
   * Overwrites {@code t}'s state with this one's, without allocating; {@code t} has the same
   * configuration (both come from one factory). For {@link StateCopies}.
   */
  void copyStateTo(ServiceLevelAccumulator t) {
    t.answered = answered;
    t.answeredWithin = answeredWithin;
    t.answeredWithinMissed = answeredWithinMissed;
    t.answerWait = answerWait;
    t.abandoned = abandoned;
    t.abandonedWithin = abandonedWithin;
    t.shortAbandoned = shortAbandoned;
  }

  @Override
  public String toString() {
    return "ServiceLevelAccumulator[" + result() + "]";
  }
}
