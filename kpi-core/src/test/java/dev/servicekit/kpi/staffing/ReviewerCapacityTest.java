package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.ErlangCTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReviewerCapacityTest {

  @Test
  void workedExample() {
    // 120 agents, 5 evaluations per agent per 20-day month = 0.25 per day -> 30 a day; a reviewer
    // with 6 productive hours at 20 minutes per evaluation does 18 a day -> 2 reviewers.
    ReviewerCapacity reviewer =
        ReviewerCapacity.ofTimes(Duration.ofMinutes(20), Duration.ofHours(6));
    assertEquals(18.0, reviewer.evaluationsPerReviewerPerDay(), 1e-12);
    QaReviewDemand demand = QaReviewDemand.of(6000, 120, 0.25);
    assertEquals(30.0, demand.evaluationsPerDay(), 1e-12);
    assertEquals(0.005, demand.sampleRate(), 1e-15);
    assertEquals(2, reviewer.reviewersNeeded(demand));
    // reverse: 2 reviewers give 36 a day = 0.3 per agent per day
    assertEquals(0.3, reviewer.evaluationsPerAgentPerDay(2, 120, 6000), 1e-12);
    // and never more than the interactions that exist
    assertEquals(10.0 / 120, reviewer.evaluationsPerAgentPerDay(2, 120, 10), 1e-15);
  }

  @Test
  void exactDecimalCapacityNeedsNoExtraReviewer() {
    // 0.1 * 30 = 3.0000000000000004 in binary doubles; read as decimals it is exactly 3
    assertEquals(3, ReviewerCapacity.of(1).reviewersNeeded(QaReviewDemand.of(100, 30, 0.1)));
    assertEquals(0, ReviewerCapacity.of(1).reviewersNeeded(QaReviewDemand.of(100, 0, 0.1)));
  }

  @Test
  void badInputsNameTheFieldAndValue() {
    assertMessage("evaluationsPerReviewerPerDay 0.0", () -> ReviewerCapacity.of(0));
    assertMessage("evaluationsPerReviewerPerDay Infinity", () -> ReviewerCapacity.of(1 / 0.0));
    assertMessage("agents -1", () -> QaReviewDemand.of(10, -1, 1));
    assertMessage("interactionsPerDay -5.0", () -> QaReviewDemand.of(-5, 1, 1));
    assertMessage(
        "asks for more evaluations than the 10.0 interactionsPerDay",
        () -> QaReviewDemand.of(10, 20, 1));
    assertMessage(
        "timePerEvaluation PT0S",
        () -> ReviewerCapacity.ofTimes(Duration.ZERO, Duration.ofHours(1)));
    assertMessage("agents 0", () -> ReviewerCapacity.of(5).evaluationsPerAgentPerDay(1, 0, 10));
    assertMessage("reviewers -2", () -> ReviewerCapacity.of(5).evaluationsPerDay(-2));
  }

  @Property(tries = 300)
  void reviewersNeededIsTheSmallestCover(
      @ForAll @IntRange(min = 0, max = 5000) int agents,
      @ForAll @DoubleRange(min = 0, max = 5) double perAgent,
      @ForAll @DoubleRange(min = 0.1, max = 200) double capacity) {
    QaReviewDemand demand = QaReviewDemand.of(agents * 5.0 + 1, agents, perAgent);
    int r = ReviewerCapacity.of(capacity).reviewersNeeded(demand);
    BigDecimal need = BigDecimal.valueOf(agents).multiply(BigDecimal.valueOf(perAgent));
    BigDecimal cap = BigDecimal.valueOf(capacity);
    assertTrue(BigDecimal.valueOf(r).multiply(cap).compareTo(need) >= 0);
    if (r > 0) {
      assertTrue(BigDecimal.valueOf(r - 1L).multiply(cap).compareTo(need) < 0);
    }
  }

  @Property(tries = 200)
  void reverseCoverageIsMetByTheReviewersNeeded(
      @ForAll @IntRange(min = 1, max = 5000) int agents,
      @ForAll @DoubleRange(min = 0, max = 5) double perAgent,
      @ForAll @DoubleRange(min = 0.1, max = 200) double capacity) {
    double interactions = agents * 5.0;
    ReviewerCapacity reviewer = ReviewerCapacity.of(capacity);
    int r = reviewer.reviewersNeeded(QaReviewDemand.of(interactions, agents, perAgent));
    assertTrue(reviewer.evaluationsPerAgentPerDay(r, agents, interactions) >= perAgent - 1e-9);
  }
}
