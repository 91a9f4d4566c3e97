package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Percent;
import dev.servicekit.kpi.internal.Violation;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of a {@link ServiceLevelAccumulator}: the counts behind every {@link
 * ServiceLevelVariant}, abandonment, missed calls and ASA.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param policy the thresholds
 * @param answered answered calls (AN)
 * @param answeredWithinThreshold answered with wait {@code <= threshold} (AT)
 * @param answeredWithinMissedAfter answered with wait {@code <= missedAfter}
 * @param answerWaitMillis total wait of answered calls (for ASA)
 * @param abandoned abandoned calls (AB)
 * @param abandonedWithinThreshold abandoned with wait {@code <= threshold} (ABT)
 * @param shortAbandoned abandoned with wait {@code <= shortAbandon} (ABS)
 */
public record ServiceLevelResult(
    ServiceLevelPolicy policy,
    long answered,
    long answeredWithinThreshold,
    long answeredWithinMissedAfter,
    long answerWaitMillis,
    long abandoned,
    long abandonedWithinThreshold,
    long shortAbandoned) {

  /**
   * Checks the policy and the counts: every count and the total wait are {@code >= 0}, and they
   * nest as an accumulator's do (a call within the threshold is within {@code missedAfter}, a short
   * abandon is within the threshold, no wait without an answered call, offered fits a {@code
   * long}), so every figure derived from a result is a count or a share of calls.
   *
   * @throws NullPointerException if the policy is null
   * @throws IllegalArgumentException naming the component, its value and the rule it breaks
   */
  public ServiceLevelResult {
    Objects.requireNonNull(policy, "policy");
    nonNegative("answered", answered);
    nonNegative("answeredWithinThreshold", answeredWithinThreshold);
    nonNegative("answeredWithinMissedAfter", answeredWithinMissedAfter);
    nonNegative("answerWaitMillis", answerWaitMillis);
    nonNegative("abandoned", abandoned);
    nonNegative("abandonedWithinThreshold", abandonedWithinThreshold);
    nonNegative("shortAbandoned", shortAbandoned);
    Violation v =
        ServiceLevelAccumulator.violation(
            answered,
            answeredWithinThreshold,
            answeredWithinMissedAfter,
            answerWaitMillis,
            abandoned,
            abandonedWithinThreshold,
            shortAbandoned);
    if (v != null) {
      throw new IllegalArgumentException(v.field() + " " + v.value() + " " + v.rule());
    }
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " " + value + " must be >= 0");
    }
  }

  /**
   * Returns offered calls: answered + abandoned.
   *
   * @return offered calls
   */
  public long offered() {
    return answered + abandoned;
  }

  /**
   * Returns the service level in percent under the chosen variant (formulas on {@link
   * ServiceLevelVariant}).
   *
   * @param variant how abandoned calls count
   * @return the service level, empty when the denominator is zero
   */
  public OptionalDouble serviceLevelPercent(ServiceLevelVariant variant) {
    long offered = offered();
    long num;
    long den;
    switch (Objects.requireNonNull(variant, "variant")) {
      case ABANDONS_COUNT_AS_MISSED -> {
        num = answeredWithinThreshold;
        den = offered;
      }
      case ABANDONS_IGNORED -> {
        num = answeredWithinThreshold;
        den = answered;
      }
      case ABANDONS_WITHIN_THRESHOLD_MET -> {
        num = answeredWithinThreshold + abandonedWithinThreshold;
        den = offered;
      }
      case ABANDONS_WITHIN_THRESHOLD_EXCLUDED -> {
        num = answeredWithinThreshold;
        den = offered - abandonedWithinThreshold;
      }
      case SHORT_ABANDONS_MET -> {
        num = answeredWithinThreshold + shortAbandoned;
        den = offered;
      }
      case SHORT_ABANDONS_EXCLUDED -> {
        num = answeredWithinThreshold;
        den = offered - shortAbandoned;
      }
      default -> throw new AssertionError(variant);
    }
    return percent(num, den);
  }

  /**
   * Abandonment rate in percent: AB / (AN + AB).
   *
   * @return the rate, empty when nothing was offered
   */
  public OptionalDouble abandonmentPercent() {
    return percent(abandoned, offered());
  }

  /**
   * Abandonment rate in percent with short abandons excluded: (AB &minus; ABS) / (AN + AB &minus;
   * ABS).
   *
   * @return the rate, empty when the denominator is zero
   */
  public OptionalDouble abandonmentExcludingShortPercent() {
    return percent(abandoned - shortAbandoned, offered() - shortAbandoned);
  }

  /**
   * Missed calls: offered calls not answered within {@code missedAfter} (abandoned, or answered
   * later).
   *
   * @return the number of missed calls
   */
  public long missed() {
    return offered() - answeredWithinMissedAfter;
  }

  /**
   * Missed calls less short abandons: {@link #missed()} &minus; ABS, the offered calls not answered
   * within {@code missedAfter} less those abandoned within {@code shortAbandon}. A caller who hangs
   * up that soon (a wrong number, a wrong IVR choice) gave no agent time to answer, and many ACDs
   * keep such calls out of their abandon and service-level counts: Talkdesk does not count short
   * abandons against its abandon metrics nor in its service level, Cisco ICM counts an abandoned
   * short call as offered but not abandoned, RingCentral leaves abandons under its threshold out of
   * the service level. Others count them: Genesys Cloud's abandon rate includes short abandons.
   * {@link #missed()} counts every abandon; this count goes with {@link
   * ServiceLevelVariant#SHORT_ABANDONS_EXCLUDED} and {@link #abandonmentExcludingShortPercent()}.
   * O(1).
   *
   * @return the number of missed calls that were not short abandons ({@code >= 0} for a result of
   *     an accumulator, where {@code shortAbandoned <= abandoned})
   */
  public long missedExcludingShortAbandons() {
    return missed() - shortAbandoned;
  }

  /**
   * ASA, average speed of answer, in milliseconds: total answer wait / answered.
   *
   * @return ASA, empty when nothing was answered
   */
  public OptionalDouble averageSpeedOfAnswerMillis() {
    return answered == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) answerWaitMillis / answered);
  }

  private static OptionalDouble percent(long num, long den) {
    return den == 0 ? OptionalDouble.empty() : OptionalDouble.of(Percent.of(num, den));
  }
}
