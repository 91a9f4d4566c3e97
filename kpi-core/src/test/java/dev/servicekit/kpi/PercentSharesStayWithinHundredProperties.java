package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A share reported in percent is in 0..100 (README, "Percent or fraction"; {@link RetentionRate}
 * says so of its rate) and a share of everything is 100, at any count a {@code long} holds: {@code
 * 100.0 * part / whole} rounded {@code 100 * part} before dividing, so that all of 418 975 287 284
 * 827 customers kept read as a retention of 100.00000000000001 %, and about as many other counts as
 * 99.99999999999999 %. Below 2<sup>53</sup> / 100 the percent is still rounded once, the double
 * nearest the exact share: 29 of 100 is 29.0, where taking the share first would read
 * 28.999999999999996.
 */
class PercentSharesStayWithinHundredProperties {

  private static void assertPercent(double p, String what) {
    assertTrue(p >= 0 && p <= 100, what + " " + p + " must be in 0..100");
  }

  @Property
  void allRetainedIsExactlyHundred(@ForAll @LongRange(min = 1) long customers) {
    assertEquals(100.0, new RetentionRate(customers, customers, 0).percent().getAsDouble());
  }

  @Property
  void retentionIsWithinHundred(
      @ForAll @LongRange(min = 1) long atStart, @ForAll @LongRange(min = 0) long retained) {
    long kept = Math.min(atStart, retained);
    assertPercent(new RetentionRate(atStart, kept, 0).percent().getAsDouble(), "retention");
  }

  @Property
  void everyOutcomeOfOneSideIsExactlyHundred(@ForAll @LongRange(min = 1) long n) {
    assertEquals(100.0, new OutcomeResult(n, 0).positivePercent().getAsDouble());
    assertEquals(100.0, new OutcomeResult(0, n).negativePercent().getAsDouble());
  }

  @Property
  void outcomeSharesAreWithinHundred(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long positive,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long negative) {
    OutcomeResult r = new OutcomeResult(positive, negative);
    if (r.total() > 0) {
      assertPercent(r.positivePercent().getAsDouble(), "positive");
      assertPercent(r.negativePercent().getAsDouble(), "negative");
    }
  }

  @Property
  void handleTimeWithoutIdleIsExactlyHundredOccupancy(
      @ForAll @LongRange(min = 1) long handleMillis) {
    AgentTimeResult r = new AgentTimeResult(1, handleMillis, 0, 0, 0);
    assertEquals(100.0, r.occupancyPercent().getAsDouble());
  }

  @Property
  void occupancyIsWithinHundred(
      @ForAll @LongRange(min = 0) long handleMillis, @ForAll @LongRange(min = 0) long idleMillis) {
    AgentTimeResult r = new AgentTimeResult(1, handleMillis, idleMillis, 0, 0);
    if (r.occupancyPercent().isPresent()) {
      assertPercent(r.occupancyPercent().getAsDouble(), "occupancy");
    }
  }

  /** The count of the class comment, which a run of the properties need not draw. */
  @Example
  void theReportedCountsReadExactlyHundred() {
    long n = 418_975_287_284_827L;
    assertEquals(100.0, new RetentionRate(n, n, 0).percent().getAsDouble());
    assertEquals(100.0, new OutcomeResult(n, 0).positivePercent().getAsDouble());
    assertEquals(100.0, new AgentTimeResult(1, n, 0, 0, 0).occupancyPercent().getAsDouble());
  }

  /** The exact share, {@code 100 * part / whole}, rounded to the nearest double. */
  private static double exact(long part, long whole) {
    return new BigDecimal(part)
        .multiply(BigDecimal.valueOf(100))
        .divide(new BigDecimal(whole), MathContext.DECIMAL128)
        .doubleValue();
  }

  @Property
  void belowTwoToTheFiftyThreeOverHundredEveryShareIsRoundedOnce(
      @ForAll @LongRange(min = 1, max = (1L << 53) / 100) long whole,
      @ForAll @LongRange(min = 0) long seed) {
    long part = seed % (whole + 1);
    double want = exact(part, whole);
    assertEquals(want, new OutcomeResult(part, whole - part).positivePercent().getAsDouble());
    assertEquals(want, new RetentionRate(whole, part, 0).percent().getAsDouble());
    assertEquals(want, new NpsResult(part, whole - part, 0).score().getAsDouble());
    assertEquals(exact(-part, whole), new NpsResult(0, whole - part, part).score().getAsDouble());
    assertEquals(
        want, new AgentTimeResult(1, part, whole - part, 0, 0).occupancyPercent().getAsDouble());
    assertEquals(
        want,
        new RatingResult(
                RatingScale.of(1, 2, 2), List.of(whole - part, part), whole, whole + part, part)
            .satisfiedPercent()
            .getAsDouble());
    assertEquals(
        want,
        new ServiceLevelResult(POLICY, whole, part, part, 0, 0, 0, 0)
            .serviceLevelPercent(ServiceLevelVariant.ABANDONS_IGNORED)
            .getAsDouble());
  }

  @Property
  void npsIsWithinHundredAndExactlyHundredForOneSide(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 3) long promoters,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 3) long passives,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 3) long detractors) {
    NpsResult r = new NpsResult(promoters, passives, detractors);
    if (r.responses() > 0) {
      double s = r.score().getAsDouble();
      assertTrue(s >= -100 && s <= 100, "NPS " + s + " must be in -100..100");
    }
    if (promoters > 0) {
      assertEquals(100.0, new NpsResult(promoters, 0, 0).score().getAsDouble());
      assertEquals(-100.0, new NpsResult(0, 0, promoters).score().getAsDouble());
    }
  }

  @Property
  void satisfiedAndServiceLevelSharesAreWithinHundred(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 3) long whole,
      @ForAll @LongRange(min = 0) long seed) {
    long part = seed % (whole + 1);
    assertPercent(
        new RatingResult(
                RatingScale.of(1, 2, 2), List.of(whole - part, part), whole, whole + part, part)
            .satisfiedPercent()
            .getAsDouble(),
        "satisfied");
    ServiceLevelResult all = new ServiceLevelResult(POLICY, whole, whole, whole, 0, 0, 0, 0);
    assertEquals(
        100.0, all.serviceLevelPercent(ServiceLevelVariant.ABANDONS_IGNORED).getAsDouble());
    assertPercent(
        new ServiceLevelResult(POLICY, whole, part, part, 0, 0, 0, 0)
            .serviceLevelPercent(ServiceLevelVariant.ABANDONS_IGNORED)
            .getAsDouble(),
        "service level");
  }

  @Example
  void twentyNineOfAHundredIsTwentyNine() {
    assertEquals(29.0, new RetentionRate(100, 29, 0).percent().getAsDouble());
    assertEquals(29.0, new OutcomeResult(29, 71).positivePercent().getAsDouble());
    assertEquals(29.0, new AgentTimeResult(1, 29, 71, 0, 0).occupancyPercent().getAsDouble());
  }

  private static final ServiceLevelPolicy POLICY =
      ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(60));
}
