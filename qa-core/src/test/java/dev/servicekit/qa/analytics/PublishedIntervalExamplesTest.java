package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published intervals not already pinned by {@code ComplianceAndSharesTest}.
 *
 * <p>The Student and Welch t intervals against R's {@code t.test} on its own {@code sleep} data set
 * (Cushny and Peebles 1905, as Student 1908 analysed it): the extra hours of sleep of ten patients
 * under each of two drugs. R, {@code example(t.test)} / {@code ?sleep}, prints the intervals to 7
 * digits: one-sample {@code t.test(extra[group == 1])}: mean 0.75, 95 % interval -0.5297804 to
 * 2.0297804; Welch two-sample {@code t.test(extra ~ group, data = sleep)}: t = -1.8608, df =
 * 17.776, 95 % interval of mean(group 1) - mean(group 2) -3.3654832 to 0.2054832.
 */
class PublishedIntervalExamplesTest {

  private static final double[] DRUG_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  private static final double[] DRUG_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

  private static ScoreSummary summary(double[] scores) {
    ScoreAccumulator acc = new ScoreAccumulator();
    for (double s : scores) {
      acc.add(s);
    }
    return acc.summary(0.95, 1);
  }

  @Test
  void oneSampleStudentIntervalOfRsSleepData() {
    ScoreSummary s = summary(DRUG_1);
    assertEquals(0.75, s.mean(), 1e-12);
    assertEquals(-0.5297804, s.lower(), 5e-8);
    assertEquals(2.0297804, s.upper(), 5e-8);
  }

  @Test
  void welchIntervalOfRsSleepData() {
    // Trend.between reports after - before: group 1 as "after" gives R's mean(x) - mean(y)
    Trend t = Trend.between(summary(DRUG_2), summary(DRUG_1), 0.95);
    assertEquals(0.75 - 2.33, t.delta(), 1e-12);
    assertEquals(-3.3654832, t.lower(), 5e-8);
    assertEquals(0.2054832, t.upper(), 5e-8);
    assertEquals(Trend.Direction.FLAT, t.direction());
  }

  /**
   * Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison
   * of seven methods", Statistics in Medicine 17, 857-872, Table I, method 3 (Wilson score), the
   * example not in {@code ComplianceAndSharesTest}: 1/29 gives 0.0061 to 0.1718.
   */
  @Test
  void wilsonIntervalOfOneInTwentyNine() {
    ShareEstimate s = ShareEstimate.wilson(1, 29, 0.95);
    assertEquals(0.0061, s.lower(), 5e-5);
    assertEquals(0.1718, s.upper(), 5e-5);
  }

  /**
   * Newcombe, R. G. (1998), "Interval estimation for the difference between independent
   * proportions: comparison of eleven methods", Statistics in Medicine 17, 873-890, Table II,
   * method 10 (hybrid score), the examples besides (a), which {@code ComplianceAndSharesTest}
   * holds: (b) 9/10 - 3/10: 0.1705 to 0.8090; (d) 5/56 - 0/29: -0.0381 to 0.1926; (e) 0/10 - 0/20:
   * -0.1611 to 0.2775; (f) 0/10 - 0/10: -0.2775 to 0.2775; (g) 10/10 - 0/20: 0.6791 to 1.0000; (h)
   * 10/10 - 0/10: 0.6075 to 1.0000.
   */
  @ParameterizedTest
  @CsvSource({
    "9, 10, 3, 10, 0.1705, 0.8090",
    "5, 56, 0, 29, -0.0381, 0.1926",
    "0, 10, 0, 20, -0.1611, 0.2775",
    "0, 10, 0, 10, -0.2775, 0.2775",
    "10, 10, 0, 20, 0.6791, 1.0000",
    "10, 10, 0, 10, 0.6075, 1.0000"
  })
  void newcombeHybridScoreIntervalsOfTableTwo(
      long hits1, long n1, long hits2, long n2, double lower, double upper) {
    // the difference p1 - p2: p2 is the earlier period, p1 the later
    Trend t =
        Trend.betweenShares(
            ShareEstimate.wilson(hits2, n2, 0.95), ShareEstimate.wilson(hits1, n1, 0.95), 0.95);
    assertEquals(lower, t.lower(), 5e-5);
    assertEquals(upper, t.upper(), 5e-5);
  }
}
