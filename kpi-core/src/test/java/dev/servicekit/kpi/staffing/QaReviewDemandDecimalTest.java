package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link QaReviewDemand} reads its doubles in their shortest decimal form, as {@link
 * ReviewerCapacity} does: a quota that asks for exactly the interactions there are is accepted. It
 * compared the binary product {@code agents * evaluationsPerAgentPerDay}, which is one ulp above
 * the decimal product for about 3 % of two-decimal quotas ({@code 25 * 2.2 = 55.00000000000001}),
 * and refused them as asking for more evaluations than interactions.
 */
class QaReviewDemandDecimalTest {

  @ParameterizedTest
  @CsvSource({
    // interactions, agents, per agent per day: agents * per agent is exactly the interactions
    "55, 25, 2.2",
    "7, 25, 0.28",
    "0.3, 3, 0.1",
    "14, 25, 0.56",
    "3, 30, 0.1"
  })
  void aQuotaOfExactlyTheInteractionsIsAcceptedAndSamplesThemAll(
      double interactions, int agents, double perAgent) {
    QaReviewDemand demand = QaReviewDemand.of(interactions, agents, perAgent);
    assertEquals(interactions, demand.evaluationsPerDay());
    assertEquals(1.0, demand.sampleRate());
    // one reviewer per interaction: exactly as many reviewers as interactions
    assertEquals((int) Math.ceil(interactions), ReviewerCapacity.of(1).reviewersNeeded(demand));
  }

  @ParameterizedTest
  @CsvSource({"54.99, 25, 2.2", "0.29, 3, 0.1"})
  void aQuotaAboveTheInteractionsIsStillRefused(double interactions, int agents, double perAgent) {
    assertThrows(
        IllegalArgumentException.class, () -> QaReviewDemand.of(interactions, agents, perAgent));
  }

  /** Oracle: exact decimal arithmetic on quotas and interactions in hundredths. */
  @Property(tries = 200)
  void acceptedExactlyWhenTheDecimalProductFitsTheInteractions(
      @ForAll @IntRange(min = 0, max = 5000) int agents,
      @ForAll @IntRange(min = 0, max = 1000) int perAgentHundredths,
      @ForAll @IntRange(min = -2, max = 2) int hundredthsAroundTheProduct) {
    BigDecimal perAgent = BigDecimal.valueOf(perAgentHundredths, 2);
    BigDecimal product = BigDecimal.valueOf(agents).multiply(perAgent);
    BigDecimal interactions = product.add(BigDecimal.valueOf(hundredthsAroundTheProduct, 2));
    if (interactions.signum() < 0) {
      return;
    }
    double i = interactions.doubleValue();
    double p = perAgent.doubleValue();
    if (product.compareTo(interactions) <= 0) {
      QaReviewDemand demand = QaReviewDemand.of(i, agents, p);
      assertEquals(product.doubleValue(), demand.evaluationsPerDay());
      assertEquals(i == 0 ? 0 : product.doubleValue() / i, demand.sampleRate());
    } else {
      assertThrows(IllegalArgumentException.class, () -> QaReviewDemand.of(i, agents, p));
    }
  }
}
