package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The public constructors of {@link MetricCycle} and {@link SlaEvaluation} refuse what no clock
 * reports (a negative cycle, a NaN percentage, a stop before the start, a next transition before
 * the evaluation), naming the component and its value; {@link SlaTransition#between} refuses two
 * evaluations in the wrong order. Every producer in main code satisfies these checks: the whole
 * suite builds its cycles through the same constructor.
 */
class OutputInvariantsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  /** The components of a valid running cycle, 30 min of 1 h used. */
  private record C(
      int cycle,
      CycleState state,
      Instant start,
      Optional<Instant> stop,
      Optional<Duration> target,
      Optional<Instant> deadline,
      Optional<Instant> breachedAt,
      Duration elapsed,
      Duration wall,
      Duration paused,
      Duration remaining,
      Duration breachedBy,
      double pct,
      int warningPercent) {

    static C valid() {
      return new C(
          0,
          CycleState.ACTIVE,
          T0,
          Optional.empty(),
          Optional.of(Duration.ofHours(1)),
          Optional.of(T0.plusSeconds(3600)),
          Optional.empty(),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ZERO,
          Duration.ofMinutes(30),
          Duration.ZERO,
          50.0,
          0);
    }

    MetricCycle build() {
      return new MetricCycle(
          SlaMetric.resolution(),
          cycle,
          "",
          state,
          state == CycleState.ACTIVE || (state == CycleState.BREACHED && stop.isEmpty()),
          start,
          stop,
          target,
          deadline,
          breachedAt,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          pct,
          warningPercent,
          List.of(),
          Optional.empty(),
          "p");
    }

    C cycle(int v) {
      return new C(
          v,
          state,
          start,
          stop,
          target,
          deadline,
          breachedAt,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          pct,
          warningPercent);
    }

    C state(CycleState v, Optional<Instant> stopAt, Optional<Instant> breach) {
      return new C(
          cycle,
          v,
          start,
          stopAt,
          target,
          deadline,
          breach,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          pct,
          warningPercent);
    }

    C target(Optional<Duration> v) {
      return new C(
          cycle,
          state,
          start,
          stop,
          v,
          Optional.empty(),
          breachedAt,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          pct,
          warningPercent);
    }

    C durations(Duration e, Duration w, Duration p, Duration r, Duration b) {
      return new C(
          cycle,
          state,
          start,
          stop,
          target,
          deadline,
          breachedAt,
          e,
          w,
          p,
          r,
          b,
          pct,
          warningPercent);
    }

    C pct(double v) {
      return new C(
          cycle,
          state,
          start,
          stop,
          target,
          deadline,
          breachedAt,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          v,
          warningPercent);
    }

    C warningPercent(int v) {
      return new C(
          cycle,
          state,
          start,
          stop,
          target,
          deadline,
          breachedAt,
          elapsed,
          wall,
          paused,
          remaining,
          breachedBy,
          pct,
          v);
    }
  }

  private static String refused(UnaryOperator<C> change) {
    C c = change.apply(C.valid());
    return assertThrows(IllegalArgumentException.class, c::build).getMessage();
  }

  @Test
  void aValidCycleIsAccepted() {
    C.valid().build();
    C.valid()
        .state(CycleState.ACHIEVED, Optional.of(T0.plusSeconds(1800)), Optional.empty())
        .build();
    C.valid()
        .state(CycleState.BREACHED, Optional.empty(), Optional.of(T0.plusSeconds(3601)))
        .build();
    C.valid()
        .state(CycleState.BREACHED, Optional.of(T0.plusSeconds(7200)), Optional.of(T0))
        .build();
    // untargeted: zero remaining and percentage
    C.valid()
        .target(Optional.empty())
        .durations(
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO)
        .pct(0)
        .build();
    // a zero target (a due date at the start) is valid
    C.valid().target(Optional.of(Duration.ZERO)).pct(100).build();
  }

  @Test
  void eachBrokenInvariantOfACycleIsNamedWithItsValue() {
    // before: every one of these was accepted
    assertEquals("resolution cycle -5: cycle -5 is negative", refused(c -> c.cycle(-5)));
    assertEquals(
        "resolution cycle 0: percentConsumed NaN is not a finite number >= 0",
        refused(c -> c.pct(Double.NaN)));
    assertTrue(refused(c -> c.pct(Double.POSITIVE_INFINITY)).contains("percentConsumed Infinity"));
    assertTrue(refused(c -> c.pct(-1)).contains("percentConsumed -1.0"));
    assertEquals(
        "resolution cycle 0: target PT-1H is negative",
        refused(c -> c.target(Optional.of(Duration.ofHours(-1)))));
    assertEquals(
        "resolution cycle 0: warningPercent -7 is negative", refused(c -> c.warningPercent(-7)));
    assertEquals(
        "resolution cycle 0: warningPercent 101 is above 100 (no threshold is)",
        refused(c -> c.warningPercent(101)));
    assertEquals(
        "resolution cycle 0: elapsed PT-3H is negative",
        refused(
            c ->
                c.durations(
                    Duration.ofHours(-3),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO)));
    assertEquals(
        "resolution cycle 0: pausedTime PT1H exceeds wallElapsed PT30M (it is part of it)",
        refused(
            c ->
                c.durations(
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(30),
                    Duration.ofHours(1),
                    Duration.ofMinutes(30),
                    Duration.ZERO)));
    assertEquals(
        "resolution cycle 0: stop 2026-03-02T08:00:00Z is before start 2026-03-02T09:00:00Z",
        refused(
            c ->
                c.state(
                    CycleState.ACHIEVED, Optional.of(T0.minusSeconds(3600)), Optional.empty())));
    assertEquals(
        "resolution cycle 0: a ACHIEVED cycle has a stop, but stop is empty",
        refused(c -> c.state(CycleState.ACHIEVED, Optional.empty(), Optional.empty())));
    assertEquals(
        "resolution cycle 0: a ACTIVE cycle has no stop, but stop is 2026-03-02T10:00:00Z",
        refused(
            c -> c.state(CycleState.ACTIVE, Optional.of(T0.plusSeconds(3600)), Optional.empty())));
    assertEquals(
        "resolution cycle 0: breachedAt Optional.empty must be present exactly when the state is"
            + " BREACHED (state BREACHED)",
        refused(c -> c.state(CycleState.BREACHED, Optional.empty(), Optional.empty())));
    assertTrue(
        refused(c -> c.state(CycleState.ACTIVE, Optional.empty(), Optional.of(T0.plusSeconds(1))))
            .contains("(state ACTIVE)"));
    assertEquals(
        "resolution cycle 0: breachedAt 2026-03-02T08:00:00Z is before start"
            + " 2026-03-02T09:00:00Z",
        refused(
            c ->
                c.state(
                    CycleState.BREACHED, Optional.empty(), Optional.of(T0.minusSeconds(3600)))));
    // outside the supported range it is refused as such first (ValueTypesSupportedRangeTest)
    assertEquals(
        "resolution cycle 0: breachedAt -1000000000-01-01T00:00:00Z is outside the supported range"
            + " [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)",
        refused(c -> c.state(CycleState.BREACHED, Optional.empty(), Optional.of(Instant.MIN))));
    assertTrue(
        refused(c -> c.target(Optional.empty()))
            .startsWith(
                "resolution cycle 0: untargeted cycle must have zero remaining, breachedBy,"
                    + " percentConsumed and warningPercent (remaining PT30M,"));
  }

  @Test
  void aCycleKeyFollowsTheTransitionsKeyRule() {
    // The transitions made from a cycle carry its key, and SlaTransition refuses a key that is not
    // empty or a key: the cycle refuses it first, with the same message.
    for (String bad : List.of("call\u00007", " call", "call\n7", "x".repeat(65))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> cycleWithKey(bad));
      IllegalArgumentException t =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new SlaTransition(
                      "T",
                      SlaMetric.resolution(),
                      0,
                      bad,
                      SlaTransition.Kind.STARTED,
                      Instant.EPOCH,
                      0));
      assertEquals(t.getMessage(), e.getMessage(), bad);
    }
    assertEquals("call-7", cycleWithKey("call-7").key());
    assertEquals("", cycleWithKey("").key());
  }

  @Test
  void runningAgreesWithTheState() {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    Instant stop = start.plusSeconds(60);
    assertEquals(
        "resolution cycle 0: running false contradicts state ACTIVE (only an ACTIVE cycle, or a"
            + " BREACHED one that has not stopped, runs)",
        assertThrows(IllegalArgumentException.class, () -> cycle(CycleState.ACTIVE, false, null))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> cycle(CycleState.PAUSED, true, null));
    assertThrows(IllegalArgumentException.class, () -> cycle(CycleState.ACHIEVED, true, stop));
    assertEquals(
        "resolution cycle 0: running true contradicts state BREACHED with stop "
            + stop
            + " (only an ACTIVE cycle, or a BREACHED one that has not stopped, runs)",
        assertThrows(IllegalArgumentException.class, () -> cycle(CycleState.BREACHED, true, stop))
            .getMessage());
    // a breached cycle that has not stopped may run or be paused
    assertTrue(cycle(CycleState.BREACHED, true, null).running());
    assertFalse(cycle(CycleState.BREACHED, false, null).running());
    assertFalse(cycle(CycleState.BREACHED, false, stop).running());
  }

  private static MetricCycle cycle(CycleState state, boolean running, Instant stop) {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    boolean breached = state == CycleState.BREACHED;
    return new MetricCycle(
        SlaMetric.resolution(),
        0,
        "",
        state,
        running,
        start,
        Optional.ofNullable(stop),
        Optional.of(Duration.ofMinutes(1)),
        Optional.of(start.plusSeconds(60)),
        breached ? Optional.of(start.plusSeconds(60)) : Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "p");
  }

  private static MetricCycle cycleWithKey(String key) {
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    return new MetricCycle(
        SlaMetric.resolution(),
        0,
        key,
        CycleState.ACTIVE,
        true,
        start,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        0,
        List.of(),
        Optional.empty(),
        "p");
  }

  @Test
  void theReportersGarbageCycleIsRefused() {
    // s10user finding 8, verbatim
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MetricCycle(
                SlaMetric.resolution(),
                -5,
                "",
                CycleState.BREACHED,
                true,
                Instant.MAX,
                Optional.of(Instant.MIN),
                Optional.of(Duration.ofHours(-1)),
                Optional.empty(),
                Optional.empty(),
                Duration.ofHours(-3),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Double.NaN,
                -7,
                List.of(),
                Optional.empty(),
                "p"));
  }

  private static SlaClock clock() {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .build())
            .build();
    SlaClock c = SlaClock.of(set, java.util.Map.of(), "T");
    c.accept(TicketEvent.Created.byCustomer("T", "e1", T0));
    return c;
  }

  @Test
  void anEvaluationRefusesANextTransitionNotAfterItsInstantAndCyclesAfterIt() {
    // before: new SlaEvaluation("T", Instant.MAX, ..., Optional.of(Instant.MIN)) was accepted
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SlaEvaluation(
                        "T",
                        T0,
                        "open",
                        "p",
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.of(T0)))
            .getMessage();
    assertEquals(
        "nextTransition 2026-03-02T09:00:00Z must be after the evaluation instant"
            + " 2026-03-02T09:00:00Z",
        m);
    SlaEvaluation later = clock().evaluate(T0.plusSeconds(1800));
    String c =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SlaEvaluation(
                        "T",
                        T0.minusSeconds(1),
                        "open",
                        "p",
                        Optional.empty(),
                        later.cycles(),
                        List.of(),
                        List.of(),
                        Optional.empty()))
            .getMessage();
    assertEquals(
        "cycles[0] (first_response cycle 0) starts at 2026-03-02T09:00:00Z, after the evaluation"
            + " instant 2026-03-02T08:59:59Z",
        c);
    String id =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SlaEvaluation(
                        " ",
                        T0,
                        "open",
                        "p",
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty()))
            .getMessage();
    assertTrue(id.startsWith("ticketId "), id);
  }

  @Test
  void transitionsBetweenEvaluationsInTheWrongOrderAreRefused() {
    SlaClock c = clock();
    SlaEvaluation early = c.evaluate(T0);
    SlaEvaluation late = c.evaluate(T0.plusSeconds(7200)); // first response breached
    assertEquals(
        List.of(SlaTransition.Kind.BREACHED),
        SlaTransition.between(early, late).stream().map(SlaTransition::kind).toList());
    // before: [RESUMED], a breach "lifted" by time going backwards
    String m =
        assertThrows(IllegalArgumentException.class, () -> SlaTransition.between(late, early))
            .getMessage();
    assertEquals(
        "after.at 2026-03-02T09:00:00Z is before before.at 2026-03-02T11:00:00Z: transitions go"
            + " from an evaluation to a later one",
        m);
    assertEquals(List.of(), SlaTransition.between(late, late), "one instant is in order");
  }
}
