package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * A share reported in percent is in 0..100 (README, "Percent or fraction"; {@link RetentionRate}
 * says so of its rate) and a share of everything is 100, at any count a {@code long} holds: {@code
 * 100.0 * part / whole} rounded {@code 100 * part} before dividing, so that all of 418 975 287 284
 * 827 customers kept read as a retention of 100.00000000000001 %, and about as many other counts as
 * 99.99999999999999 %.
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
}
