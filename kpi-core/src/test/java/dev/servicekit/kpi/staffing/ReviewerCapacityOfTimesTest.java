package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ReviewerCapacity#ofTimes} against exact rational arithmetic. A reviewer with 8 productive
 * hours at 7 minutes an evaluation does 480/7 evaluations a day, so 7 reviewers do exactly 480. The
 * ratio rounded to the nearest double, 68.57142857142857, is below 480/7, and {@code
 * reviewersNeeded}, which reads that double as a decimal, asked for 8: one reviewer too many for
 * 543 combinations of 1..60 minutes, 1..10 hours and 1..40 reviewers whose exact output is a whole
 * number of evaluations.
 */
class ReviewerCapacityOfTimesTest {

  @ParameterizedTest
  @CsvSource({
    // minutes per evaluation, productive hours, evaluations a day, reviewers (exact)
    "7, 8, 480, 7",
    "7, 1, 60, 7",
    "7, 1, 61, 8",
    "11, 6, 360, 11",
    "20, 6, 30, 2", // ReviewerCapacityTest's worked example: 18 a day, exact in a double
    "13, 7, 420, 13"
  })
  void reviewersNeededIsTheExactCeilingOfDemandOverTheTimeRatio(
      int minutes, int hours, int evaluations, int reviewers) {
    ReviewerCapacity capacity =
        ReviewerCapacity.ofTimes(Duration.ofMinutes(minutes), Duration.ofHours(hours));
    assertEquals(
        reviewers, capacity.reviewersNeeded(QaReviewDemand.of(evaluations, evaluations, 1)));
    assertEquals(hours * 60.0 / minutes, capacity.evaluationsPerReviewerPerDay(), 1e-12);
  }

  /** Oracle: {@code ceil(demand * timePerEvaluation / productiveTime)} in integers. */
  @Property(tries = 200)
  void reviewersNeededMatchesTheRationalCeiling(
      @ForAll @IntRange(min = 1, max = 7_200) int secondsPerEvaluation,
      @ForAll @IntRange(min = 1, max = 86_400) int productiveSeconds,
      @ForAll @IntRange(min = 0, max = 2_000) int agents,
      @ForAll @IntRange(min = 0, max = 500) int perAgentHundredths) {
    ReviewerCapacity capacity =
        ReviewerCapacity.ofTimes(
            Duration.ofSeconds(secondsPerEvaluation), Duration.ofSeconds(productiveSeconds));
    BigDecimal perAgent = BigDecimal.valueOf(perAgentHundredths, 2);
    double interactions = BigDecimal.valueOf(agents).multiply(perAgent).doubleValue();
    QaReviewDemand demand = QaReviewDemand.of(interactions, agents, perAgent.doubleValue());
    // demand in hundredths * seconds per evaluation / (productive seconds * 100), rounded up
    BigInteger num =
        BigInteger.valueOf(agents)
            .multiply(BigInteger.valueOf(perAgentHundredths))
            .multiply(BigInteger.valueOf(secondsPerEvaluation));
    BigInteger den = BigInteger.valueOf(productiveSeconds).multiply(BigInteger.valueOf(100));
    BigInteger[] qr = num.divideAndRemainder(den);
    int exact = qr[0].intValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    assertEquals(exact, capacity.reviewersNeeded(demand));
    // the capacity is the ratio, not below it, and within a double's rounding above it
    double ratio = (double) productiveSeconds / secondsPerEvaluation;
    assertTrue(capacity.evaluationsPerReviewerPerDay() >= ratio);
    assertTrue(capacity.evaluationsPerReviewerPerDay() <= Math.nextUp(Math.nextUp(ratio)));
  }
}
