package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.Fixtures.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Targets are bounded by {@link SlaPolicy#MAX_TARGET}; every target within the bound, with warnings
 * and escalations up to 1000 %, evaluates without overflow anywhere in the supported range.
 */
class ExtremeTargetProperties {

  private static final Instant FIRST = BusinessCalendar.SUPPORTED_START;
  private static final Instant LAST = BusinessCalendar.SUPPORTED_END.minusSeconds(1);

  @Test
  void aTargetAboveTheBoundIsRejectedNamingTheFieldAndTheBound() {
    SlaPolicy.Builder b = SlaPolicy.builder("p").matrix(PriorityMatrix.constant("urgent"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                b.target(
                    "urgent", SlaMetric.firstResponse(), Duration.parse("PT2562047788015215H")));
    assertTrue(e.getMessage().contains("target PT2562047788015215H"), e.getMessage());
    assertTrue(e.getMessage().contains("at most PT876600H"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> b.target("urgent", SlaMetric.firstResponse(), SlaPolicy.MAX_TARGET.plusNanos(1)));
    b.target("urgent", SlaMetric.firstResponse(), SlaPolicy.MAX_TARGET); // the bound itself is ok
  }

  @Provide
  Arbitrary<Duration> inBoundTargets() {
    long max = SlaPolicy.MAX_TARGET.getSeconds();
    return Arbitraries.oneOf(
        Arbitraries.just(SlaPolicy.MAX_TARGET),
        Arbitraries.longs().between(max - 1_000, max).map(Duration::ofSeconds),
        Arbitraries.longs().between(1, max).map(Duration::ofSeconds),
        Arbitraries.longs().between(1, 1_000_000_000L).map(Duration::ofNanos));
  }

  /**
   * A one-second target on the team hours, created after the last close before the supported
   * range's end: its deadline would be at the next opening, past the end, so it has none (a test
   * calendar once returned that instant, which the cycle refuses).
   */
  @Example
  void aTargetUsedUpOnlyPastTheRangesEndHasNoDeadline() {
    inBoundTargetsNeverOverflow(Duration.ofSeconds(1), true, 12_622_582_800L, 12_622_582_800L);
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.resolution(), Duration.ofSeconds(1)),
            MetricRule.builder(SlaMetric.resolution()).calendar("team").build());
    Instant created = FIRST.plusSeconds(12_622_582_800L); // Friday 2299-12-29 17:00 UTC
    MetricCycle c =
        Fixtures.eval(set, List.of(new Ticket("T").created(created)), created)
            .latest(SlaMetric.resolution())
            .orElseThrow();
    assertEquals(Optional.empty(), c.deadline());
  }

  @Property(tries = 60)
  void inBoundTargetsNeverOverflow(
      @ForAll("inBoundTargets") Duration target,
      @ForAll boolean businessHours,
      @ForAll @LongRange(min = 0, max = 12_622_780_799L) long createdOffset,
      @ForAll @LongRange(min = 0, max = 12_622_780_799L) long nowOffset) {
    Instant created = FIRST.plusSeconds(Math.min(createdOffset, nowOffset));
    Instant now = FIRST.plusSeconds(Math.max(createdOffset, nowOffset));
    if (now.isAfter(LAST)) {
      now = LAST;
    }
    MetricRule.Builder rule = MetricRule.builder(SlaMetric.resolution()).warnAt(1, 50, 99);
    if (businessHours) {
      rule.calendar("team");
    }
    rule.escalate(EscalationLevel.of(1, 100, "lead"))
        .escalate(EscalationLevel.of(2, 1000, "director"));
    SlaPolicySet set = Fixtures.single(Map.of(SlaMetric.resolution(), target), rule.build());
    Ticket t = new Ticket("T");
    List<TicketEvent> events = List.of(t.created(created));
    SlaEvaluation ev = Fixtures.eval(set, events, now);
    MetricCycle c = ev.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(target, c.target().orElseThrow());
    assertFalse(c.elapsed().isNegative());
    assertTrue(c.elapsed().compareTo(Duration.between(created, now)) <= 0, c.toString());
    assertEquals(
        c.elapsed().compareTo(target) > 0 ? c.elapsed().minus(target) : Duration.ZERO,
        c.breachedBy());
    SlaClock clock = Fixtures.clock(set, "T");
    assertTrue(clock.accept(events.get(0)));
    assertEquals(ev, clock.evaluate(now));
  }
}
