package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.m;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.CycleSegment.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit trail of a cycle, segment by segment, on worked examples. */
class AuditTrailTest {

  private static final SlaMetric RES = SlaMetric.resolution();

  /** Resolution on the team calendar, pending pauses it; normal 8 h, urgent 4 h. */
  private static SlaPolicySet set() {
    return Fixtures.statusModel()
        .defaultPolicy(
            SlaPolicy.builder("standard")
                .matrix(
                    PriorityMatrix.builder()
                        .cell("s1", "gold", "urgent")
                        .defaultPriority("normal")
                        .build())
                .target("normal", RES, h(8))
                .target("urgent", RES, h(4))
                .rule(MetricRule.builder(RES).calendar("team").pauseOn("pending").build())
                .build())
        .build();
  }

  private static CycleSegment seg(
      Kind kind,
      Instant from,
      Instant to,
      Duration business,
      String openedBy,
      String closedBy,
      Duration target) {
    return new CycleSegment(
        kind,
        from,
        to,
        "team",
        business,
        Duration.between(from, to),
        openedBy,
        Optional.ofNullable(closedBy),
        "standard",
        Optional.of(target));
  }

  @Test
  void theTrailShowsEverySegmentWithItsEventsCalendarAndTarget() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    List<TicketEvent> ev =
        List.of(
            t.created(mon(9, 0), "tier", "gold"), // e001
            t.status(mon(10, 0), "pending"), // e002
            t.status(mon(11, 0), "open"), // e003
            t.attr(mon(12, 0), "severity", "s1"), // e004: re-target to urgent
            t.status(mon(13, 0), "solved")); // e005
    ev.forEach(clock::accept);
    Instant now = mon(15, 0);
    List<CycleSegment> trail = clock.auditTrail(RES, 0, now);
    assertEquals(
        List.of(
            seg(Kind.RUNNING, mon(9, 0), mon(10, 0), h(1), "e001", "e002", h(8)),
            seg(Kind.PAUSED, mon(10, 0), mon(11, 0), Duration.ZERO, "e002", "e003", h(8)),
            seg(Kind.RUNNING, mon(11, 0), mon(12, 0), h(1), "e003", "e004", h(8)),
            seg(Kind.RUNNING, mon(12, 0), mon(13, 0), h(1), "e004", "e005", h(4)),
            seg(Kind.STOPPED, mon(13, 0), now, Duration.ZERO, "e005", null, h(4))),
        trail);
    MetricCycle c = clock.evaluate(now).cycles(RES).get(0);
    assertEquals(h(3), c.elapsed());
    assertEquals(h(4), c.wallElapsed());
    assertEquals(h(1), c.pausedTime());
    assertEquals(Optional.of(h(4)), c.target()); // measured under the target in force at the stop
  }

  @Test
  void aResumedCycleShowsTheStoppedGapAndAnOpenLastSegment() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    List.of(
            t.created(mon(9, 0)), // e001
            t.status(mon(10, 0), "solved"), // e002
            t.status(mon(1, 10, 0), "open")) // e003: reopened, RESUME is the default
        .forEach(clock::accept);
    Instant now = mon(1, 10, 30);
    List<CycleSegment> trail = clock.auditTrail(RES, 0, now);
    assertEquals(
        List.of(
            seg(Kind.RUNNING, mon(9, 0), mon(10, 0), h(1), "e001", "e002", h(8)),
            seg(Kind.STOPPED, mon(10, 0), mon(1, 10, 0), Duration.ZERO, "e002", "e003", h(8)),
            seg(Kind.RUNNING, mon(1, 10, 0), now, m(30), "e003", null, h(8))),
        trail);
    MetricCycle c = clock.evaluate(now).cycles(RES).get(0);
    assertEquals(m(90), c.elapsed());
    assertEquals(m(90), c.wallElapsed()); // the solved day is not counted
  }

  @Test
  void statusChangesThatDoNotPauseAndUndoneChangesAtOneInstantLeaveNoSegment() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    List.of(
            t.created(mon(9, 0)), // e001
            t.status(mon(10, 0), "on-hold"), // e002: does not pause this rule
            t.status(mon(11, 0), "pending"), // e003
            t.status(mon(11, 0), "open")) // e004: same instant, undoes the pause
        .forEach(clock::accept);
    List<CycleSegment> trail = clock.auditTrail(RES, 0, mon(12, 0));
    assertEquals(
        List.of(seg(Kind.RUNNING, mon(9, 0), mon(12, 0), h(3), "e001", null, h(8))), trail);
  }

  /**
   * A new user's review: a negative index was reported as a cycle the ticket lacks ("no resolution
   * cycle -1"), not as an index out of range; now it names {@code cycle} and the rule, before the
   * log is replayed.
   */
  @Test
  void aNegativeCycleIsARangeErrorNamingCycle() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    clock.accept(t.created(mon(9, 0)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> clock.auditTrail(RES, -1, mon(10, 0)));
    assertEquals(
        "cycle -1 must not be negative: cycles are numbered from 0 among the ticket's cycles of the"
            + " metric, as MetricCycle.cycle()",
        e.getMessage());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> clock.auditTrail(RES, 2, mon(10, 0)));
    assertTrue(none.getMessage().endsWith(": it has 1 such cycle"), none.getMessage());
  }

  @Test
  void anUnknownCycleIsRejectedWithTheNumberOfCycles() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    clock.accept(t.created(mon(9, 0)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> clock.auditTrail(RES, 1, mon(10, 0)));
    assertEquals("ticket T1 has no resolution cycle 1: it has 1 such cycle", e.getMessage());
    IllegalStateException early =
        assertThrows(IllegalStateException.class, () -> clock.auditTrail(RES, 0, mon(8, 0)));
    assertTrue(early.getMessage().contains("no Created event at or before"), early.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> Fixtures.clock(set(), "T2").auditTrail(RES, 0, mon(10, 0)));
  }

  @Test
  void aTrailAsOfAnEarlierInstantIsTheTrailOfTheEventsUpToThen() {
    Fixtures.Ticket t = new Fixtures.Ticket("T1");
    SlaClock clock = Fixtures.clock(set(), "T1");
    clock.accept(t.created(mon(9, 0)));
    clock.accept(t.status(mon(10, 0), "pending"));
    clock.accept(t.status(mon(11, 0), "open"));
    SlaClock prefix = Fixtures.clock(set(), "T1");
    prefix.accept(clock.events().get(0));
    prefix.accept(clock.events().get(1));
    assertEquals(prefix.auditTrail(RES, 0, mon(10, 30)), clock.auditTrail(RES, 0, mon(10, 30)));
    assertTrue(
        clock.auditTrail(RES, 0, mon(12, 0)).size() > clock.auditTrail(RES, 0, mon(10, 30)).size(),
        "the resume at 11:00 adds a segment only to the later trail");
  }

  /**
   * Cancel-and-reattach from the creation: a re-attached cycle's retroactive span ends at its
   * attach, also when a second change at the attach's instant re-targets it back to the targeting
   * the span began under (it used to run on past the attach, to the next status change).
   */
  @Test
  void aRetroactiveSpanEndsAtTheAttachWhenALaterChangeAtThatInstantRetargetsIt() {
    SlaPolicySet set = Fixtures.semantics(2); // re-attached from the creation, no retroactive pause
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaClock clock = Fixtures.clock(set, "T");
    Instant attach = mon(2, 23, 15);
    List.of(
            t.created(mon(1, 10, 0), "tier", "silver", "severity", "s1", "channel", "phone"),
            t.attr(mon(1, 11, 30), "tier", "gold"), // standard high -> vip urgent: re-attached
            t.priority(attach, "high"), // vip high: re-attached from the creation
            t.attr(attach, "tier", "silver"), // at the same instant: standard high
            t.status(mon(3, 21, 45), "analysis"))
        .forEach(clock::accept);
    Instant now = mon(4, 9, 0);
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.firstResponse(), 2, now);
    assertEquals(mon(1, 10, 0), trail.get(0).from(), trail.toString());
    assertEquals(attach, trail.get(0).to(), trail.toString());
    assertEquals(attach, trail.get(1).from(), trail.toString());
    assertEquals(2, trail.size(), trail.toString()); // the analysis status pauses nothing here
  }
}
