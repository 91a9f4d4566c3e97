package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.m;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The complete outputs of a cycle: the due instant kept after a stop and "due if resumed now" while
 * paused, met and breached instants, wall-clock and paused time beside business time, signed
 * remaining, and the instant each warning level was reached.
 */
class CycleOutputsTest {

  private final Fixtures.Ticket t = new Fixtures.Ticket("T1");

  /** One policy, priority normal, the target on 24/7 with the rule's pauses and warnings. */
  private static SlaPolicySet allDay(SlaMetric metric, Duration target, MetricRule rule) {
    return Fixtures.statusModel()
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(PriorityMatrix.constant("normal"))
                .target("normal", metric, target)
                .rule(rule)
                .build())
        .build();
  }

  private static MetricCycle only(SlaEvaluation e, SlaMetric metric) {
    List<MetricCycle> l = e.cycles(metric);
    assertEquals(1, l.size(), () -> "cycles of " + metric + ": " + l);
    return l.get(0);
  }

  @Test
  void aCycleMetBeforeItsTargetKeepsItsDueInstant() {
    SlaMetric fr = SlaMetric.firstResponse();
    SlaPolicySet set = allDay(fr, h(1), MetricRule.builder(fr).build());
    List<TicketEvent> ev = List.of(t.created(mon(9, 0)), t.reply(mon(9, 30)));
    MetricCycle c = only(Fixtures.eval(set, ev, mon(12, 0)), fr);
    // The example: "due 10:00, met 09:30".
    assertEquals(CycleState.ACHIEVED, c.state());
    assertEquals(Optional.of(mon(10, 0)), c.deadline());
    assertEquals(Optional.of(mon(9, 30)), c.metAt());
    assertEquals(Optional.of(m(30)), c.signedRemaining());
    assertEquals(m(30), c.wallElapsed());
    assertEquals(Duration.ZERO, c.pausedTime());
    assertEquals(Optional.empty(), c.breachedAt());
  }

  @Test
  void aBreachedCycleHasNegativeSignedRemainingAndNoMetInstant() {
    SlaMetric fr = SlaMetric.firstResponse();
    SlaPolicySet set = allDay(fr, h(1), MetricRule.builder(fr).build());
    List<TicketEvent> ev = List.of(t.created(mon(9, 0)), t.reply(mon(10, 30)));
    MetricCycle c = only(Fixtures.eval(set, ev, mon(12, 0)), fr);
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(mon(10, 0)), c.deadline());
    assertEquals(Optional.of(mon(10, 0).plusNanos(1)), c.breachedAt());
    assertEquals(Optional.empty(), c.metAt());
    assertEquals(Optional.of(m(-30)), c.signedRemaining());
    assertEquals(m(30), c.breachedBy());
  }

  @Test
  void aPausedCycleIsDueIfResumedNowAndCountsItsPausedTime() {
    SlaMetric res = SlaMetric.resolution();
    SlaPolicySet set = allDay(res, h(8), MetricRule.builder(res).pauseOn("pending").build());
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)), t.status(mon(10, 0), "pending"), t.status(mon(12, 0), "open"));
    SlaClock clock = Fixtures.clock(set, "T1");
    clock.accept(ev.get(0));
    clock.accept(ev.get(1));
    // Paused with 7 h left: due 7 h after the evaluation instant, moving with it.
    MetricCycle at11 = only(clock.evaluate(mon(11, 0)), res);
    assertEquals(CycleState.PAUSED, at11.state());
    assertEquals(Optional.of(mon(18, 0)), at11.deadline());
    assertEquals(Optional.of(mon(18, 30)), only(clock.evaluate(mon(11, 30)), res).deadline());
    assertEquals(h(1), at11.elapsed());
    assertEquals(h(2), at11.wallElapsed());
    assertEquals(h(1), at11.pausedTime());
    clock.accept(ev.get(2));
    MetricCycle at13 = only(clock.evaluate(mon(13, 0)), res);
    assertEquals(CycleState.ACTIVE, at13.state());
    assertEquals(Optional.of(mon(19, 0)), at13.deadline());
    assertEquals(h(2), at13.elapsed());
    assertEquals(h(4), at13.wallElapsed());
    assertEquals(h(2), at13.pausedTime());
    assertEquals(Optional.of(h(6)), at13.signedRemaining());
  }

  @Test
  void aCycleStoppedWhilePausedIsDueAsIfItHadResumedAtItsStop() {
    SlaMetric res = SlaMetric.resolution();
    SlaPolicySet set = allDay(res, h(8), MetricRule.builder(res).pauseOn("pending").build());
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)), t.status(mon(10, 0), "pending"), t.status(mon(12, 0), "solved"));
    MetricCycle c = only(Fixtures.eval(set, ev, mon(1, 12, 0)), res);
    assertEquals(CycleState.ACHIEVED, c.state());
    assertEquals(Optional.of(mon(19, 0)), c.deadline()); // 12:00 + the 7 h left
    assertEquals(h(3), c.wallElapsed());
    assertEquals(h(2), c.pausedTime());
  }

  @Test
  void eachWarningLevelIsReportedWithTheInstantItWasReached() {
    SlaMetric res = SlaMetric.resolution();
    SlaPolicySet set =
        allDay(res, h(8), MetricRule.builder(res).pauseOn("pending").warnAt(50, 75, 90).build());
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0)), t.status(mon(11, 0), "pending"), t.status(mon(12, 0), "open"));
    MetricCycle c = only(Fixtures.eval(set, ev, mon(16, 30)), res);
    // 4 h (50 %) of running time at 14:00 (one hour paused), 6 h (75 %) at 16:00; 90 % not yet.
    assertEquals(
        List.of(new WarningReached(50, mon(14, 0)), new WarningReached(75, mon(16, 0))),
        c.warnings());
    assertEquals(75, c.warningPercent());
  }

  @Test
  void aWarningReachedOnlyBeforeAReTargetKeepsItsInstantUnderKeepReached() {
    SlaMetric fr = SlaMetric.firstResponse();
    MetricRule rule = MetricRule.builder(fr).warnAt(50).build();
    SlaPolicySet set =
        Fixtures.statusModel()
            .retargetRule(RetargetRule.KEEP_REACHED)
            .defaultPolicy(
                SlaPolicy.builder("standard")
                    .matrix(
                        PriorityMatrix.builder()
                            .cell("s1", "gold", "normal")
                            .defaultPriority("low")
                            .build())
                    .target("normal", fr, h(2))
                    .target("low", fr, h(8))
                    .rule(rule)
                    .build())
            .build();
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0), "severity", "s1", "tier", "gold"),
            t.attr(mon(10, 30), "severity", "s2"));
    MetricCycle c = only(Fixtures.eval(set, ev, mon(11, 0)), fr);
    // 50 % of 2 h was reached at 10:00; under the 8 h target 2 h are only 25 %.
    assertEquals(List.of(new WarningReached(50, mon(10, 0))), c.warnings());
    assertEquals(50, c.warningPercent());
  }

  @Test
  void anUntargetedCycleCannotCarryABreachDeadlineOrWarning() {
    Instant at = mon(9, 0);
    MetricCycle untargeted =
        new MetricCycle(
            SlaMetric.resolution(),
            0,
            "",
            CycleState.ACTIVE,
            true,
            at,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            h(1),
            h(1),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            0,
            0,
            List.of(),
            Optional.empty(),
            "standard");
    assertFalse(untargeted.targeted());
    assertEquals(Optional.empty(), untargeted.signedRemaining());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MetricCycle(
                    SlaMetric.resolution(),
                    0,
                    "",
                    CycleState.BREACHED,
                    true,
                    at,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(at),
                    h(1),
                    h(1),
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    0,
                    List.of(),
                    Optional.empty(),
                    "standard"));
    assertTrue(e.getMessage().contains("untargeted resolution cycle 0"), e.getMessage());
  }

  @Test
  void aWarningReachedNeedsAValidPercentage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WarningReached(0, mon(9, 0)));
    assertTrue(e.getMessage().contains("warning percent 0"), e.getMessage());
  }

  /**
   * A warning counts as reached at exactly its percentage, also of a target with a nanosecond part:
   * half of 16 h + 1 ns is not reached at 8 h (a review found it reached at Monday's close, where
   * the share, truncated to the nanosecond, was met).
   */
  @Test
  void aWarningOfATargetWithANanosecondPartIsReachedAtItsExactShare() {
    SlaMetric res = SlaMetric.resolution();
    SlaPolicySet set =
        allDay(
            res, h(16).plusNanos(1), MetricRule.builder(res).calendar("team").warnAt(50).build());
    List<TicketEvent> ev = List.of(t.created(mon(9, 0)));
    MetricCycle evening = only(Fixtures.eval(set, ev, mon(20, 0)), res);
    assertEquals(h(8), evening.elapsed());
    assertEquals(0, evening.warningPercent());
    MetricCycle next = only(Fixtures.eval(set, ev, Fixtures.mon(1, 9, 0).plusNanos(1)), res);
    assertEquals(50, next.warningPercent());
  }
}
