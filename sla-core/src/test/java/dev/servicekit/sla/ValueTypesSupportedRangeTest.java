package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public value type of sla-core that a clock reports refuses an instant outside the supported
 * range, as {@link SlaTransition} does, in {@link BusinessCalendar}'s words: every instant and
 * deadline a clock computes lies there, so one outside it is a made-up or corrupted value (a
 * consumer's {@code toEpochMilli()} throws on {@code +1000000000-01-01T00:00:00Z}). Earlier builds
 * took such instants in {@link MetricCycle} (start, stop, deadline, breachedAt), {@link
 * WarningReached}, {@link CycleSegment}, {@link PolicyChange}, {@link EventAnomaly}, {@link
 * UpcomingTransition}, {@link OpenPeriod} and {@link SlaEvaluation}'s constructor. The first and
 * the last supported instant are taken.
 */
class ValueTypesSupportedRangeTest {

  private static final Instant MIN = BusinessCalendar.SUPPORTED_START;
  private static final Instant LAST = BusinessCalendar.SUPPORTED_END.minusNanos(1);
  private static final Instant BEFORE = MIN.minusNanos(1);
  private static final Instant END = BusinessCalendar.SUPPORTED_END;
  private static final Instant FAR = Instant.parse("+1000000000-01-01T00:00:00Z");
  private static final String RANGE =
      " is outside the supported range [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)";

  /** A cycle that breached at {@code breach}, stopped then, with its deadline at {@code breach}. */
  private static MetricCycle cycle(Instant start, Instant breach) {
    return new MetricCycle(
        SlaMetric.resolution(),
        0,
        "",
        CycleState.BREACHED,
        false,
        start,
        Optional.of(breach),
        Optional.of(Duration.ofHours(1)),
        Optional.of(breach),
        Optional.of(breach),
        Duration.ofHours(1),
        Duration.ofHours(1),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        100,
        0,
        List.of(),
        Optional.empty(),
        "standard");
  }

  private static MetricCycle cycle(Instant start, Instant stop, Instant deadline, Instant breach) {
    MetricCycle c = cycle(MIN, MIN);
    return new MetricCycle(
        c.metric(),
        c.cycle(),
        c.key(),
        c.state(),
        c.running(),
        start,
        Optional.of(stop),
        c.target(),
        Optional.of(deadline),
        Optional.of(breach),
        c.elapsed(),
        c.wallElapsed(),
        c.pausedTime(),
        c.remaining(),
        c.breachedBy(),
        c.percentConsumed(),
        c.warningPercent(),
        c.warnings(),
        c.escalation(),
        c.policy());
  }

  private static SlaEvaluation evaluation(Instant at, Optional<Instant> next) {
    return new SlaEvaluation(
        "T-1", at, "open", "standard", Optional.empty(), List.of(), List.of(), List.of(), next);
  }

  private static UpcomingTransition upcoming(Instant at) {
    return new UpcomingTransition(
        at,
        List.of(
            new UpcomingTransition.Change(
                SlaMetric.resolution(), 0, "", SlaTransition.Kind.BREACHED, 0, Optional.empty())));
  }

  /** A value type's instant component: how to build one with {@code t} there, and its name. */
  static Stream<Arguments> components() {
    return Stream.of(
        Arguments.of(
            "resolution cycle 0: start",
            (Function<Instant, Object>) t -> cycle(t, LAST, LAST, LAST)),
        Arguments.of(
            "resolution cycle 0: stop", (Function<Instant, Object>) t -> cycle(MIN, t, MIN, MIN)),
        Arguments.of(
            "resolution cycle 0: deadline",
            (Function<Instant, Object>) t -> cycle(MIN, MIN, t, MIN)),
        Arguments.of(
            "resolution cycle 0: breachedAt",
            (Function<Instant, Object>) t -> cycle(MIN, LAST, MIN, t)),
        Arguments.of("at", (Function<Instant, Object>) t -> new WarningReached(75, t)),
        Arguments.of(
            "from",
            (Function<Instant, Object>)
                t ->
                    new CycleSegment(
                        CycleSegment.Kind.PAUSED,
                        t,
                        LAST,
                        "24/7",
                        Duration.ZERO,
                        Duration.ZERO,
                        "e",
                        Optional.empty(),
                        "standard",
                        Optional.empty())),
        Arguments.of(
            "to",
            (Function<Instant, Object>)
                t ->
                    new CycleSegment(
                        CycleSegment.Kind.PAUSED,
                        MIN,
                        t,
                        "24/7",
                        Duration.ZERO,
                        Duration.ZERO,
                        "e",
                        Optional.empty(),
                        "standard",
                        Optional.empty())),
        Arguments.of(
            "at",
            (Function<Instant, Object>)
                t -> new PolicyChange(t, "e", "standard", Optional.of("normal"), "*")),
        Arguments.of("at", (Function<Instant, Object>) t -> new EventAnomaly("e", t, "why")),
        Arguments.of("at", (Function<Instant, Object>) ValueTypesSupportedRangeTest::upcoming),
        Arguments.of(
            "start",
            (Function<Instant, Object>)
                t -> new OpenPeriod(t, t.isBefore(LAST) ? t.plusNanos(1) : END)),
        Arguments.of("at", (Function<Instant, Object>) t -> evaluation(t, Optional.empty())),
        Arguments.of(
            "nextTransition", (Function<Instant, Object>) t -> evaluation(MIN, Optional.of(t))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void anInstantOutsideTheSupportedRangeIsRefusedNamingTheComponent(
      String component, Function<Instant, Object> make) {
    make.apply(LAST); // the last supported instant is taken
    if (!component.equals("nextTransition")) {
      make.apply(MIN); // and the first (a next transition is after the evaluation instant)
    }
    for (Instant bad : List.of(BEFORE, END, FAR)) {
      if (component.equals("nextTransition") && bad.equals(BEFORE)) {
        continue; // refused as not after the evaluation instant
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> make.apply(bad), component);
      assertEquals(component + " " + bad + RANGE, e.getMessage());
    }
  }

  @Test
  void anOpenPeriodMayEndAtTheEndOfTheRangeButNotAfterIt() {
    assertEquals(END, new OpenPeriod(LAST, END).end());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new OpenPeriod(LAST, FAR));
    assertEquals(
        "end "
            + FAR
            + " is outside the supported range [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z] of an"
            + " exclusive end",
        e.getMessage());
  }

  /**
   * What a clock reports at the end of the range passes the checks: a target that would be reached
   * after it has no deadline (and no warning or next transition there), one reached just before it
   * has its deadline, and every period a calendar lists up to the end is taken.
   */
  @Test
  void aClockAtTheEndOfTheRangeReportsOnlySupportedInstants() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .rule(MetricRule.builder(SlaMetric.resolution()).warnAt(50).build())
                    .build())
            .build();
    Instant created = Instant.parse("2299-12-31T20:00:00Z");
    SlaClock clock = SlaClock.of(set, Map.of(), "T-1");
    clock.accept(TicketEvent.Created.byCustomer("T-1", "c", created));
    SlaEvaluation e = clock.evaluate(Instant.parse("2299-12-31T23:59:59Z"));
    MetricCycle fr = e.latest(SlaMetric.firstResponse()).orElseThrow();
    assertEquals(CycleState.BREACHED, fr.state());
    assertEquals(Optional.of(created.plus(Duration.ofHours(1))), fr.deadline());
    MetricCycle res = e.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(CycleState.ACTIVE, res.state());
    assertEquals(Optional.empty(), res.deadline()); // 04:00 on 2300-01-01 is past the range
    // its 50 % warning falls on 2300-01-01T00:00:00Z, the end of the range: no next transition
    assertEquals(Optional.empty(), e.nextTransition());
    assertEquals(Optional.empty(), e.upcoming());
    e.toJson();
    assertEquals(
        List.of(new OpenPeriod(created, END.minusSeconds(1))),
        BusinessCalendar.always(ZoneOffset.UTC).openPeriods(created, END.minusSeconds(1)));
  }
}
