package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a re-target does to what a running cycle has reached. The ticket: a gold/s1 ticket (urgent,
 * first reply 1 h on Mon-Fri 09:00-17:00, warnings 50/75/90 %, escalation L1 at 100 %, L2 at 200 %)
 * is created Monday 09:00; at 10:30 its first reply is breached (since 10:00), warned at 90 % and
 * escalated to L1; then the severity drops to s2 (high, 2 h).
 *
 * <p>{@link RetargetRule#RECALCULATE} is the Zendesk and Jira Service Management behaviour: the
 * cycle is re-measured from its start under the new goal (Atlassian, "How teams see SLAs": "the
 * goal time is always calculated from the start time"), so the breach disappears. {@link
 * RetargetRule#KEEP_REACHED} is ours, for CRMs that must never retract an alert or a reported
 * breach.
 */
class RetargetRuleTest {

  private static List<TicketEvent> history(boolean withReply) {
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    List<TicketEvent> events =
        new java.util.ArrayList<>(
            List.of(
                t.created(mon(9, 0), "tier", "gold", "severity", "s1", "channel", "email"),
                t.attr(mon(10, 30), "severity", "s2")));
    if (withReply) {
      events.add(t.reply(mon(10, 45)));
    }
    return events;
  }

  private static MetricCycle firstReply(SlaPolicySet set, boolean withReply, Instant now) {
    return Fixtures.eval(set, history(withReply), now)
        .latest(SlaMetric.firstResponse())
        .orElseThrow();
  }

  @Test
  void recalculateForgetsTheBreachUnderTheLooserTarget() {
    MetricCycle c = firstReply(Fixtures.tiered(), false, mon(10, 30));
    assertEquals(CycleState.ACTIVE, c.state());
    assertEquals(Optional.empty(), c.breachedAt());
    assertEquals(75, c.warningPercent());
    assertEquals(Optional.empty(), c.escalation());
    assertEquals(Optional.of(mon(11, 0)), c.deadline());
    MetricCycle replied = firstReply(Fixtures.tiered(), true, mon(12, 0));
    assertEquals(CycleState.ACHIEVED, replied.state());
  }

  @Test
  void keepReachedKeepsTheBreachWarningAndEscalation() {
    SlaPolicySet set = Fixtures.tieredKeepReached();
    MetricCycle c = firstReply(set, false, mon(10, 30));
    assertEquals(CycleState.BREACHED, c.state());
    assertEquals(Optional.of(mon(10, 0).plusNanos(1)), c.breachedAt(), "the original breach");
    assertEquals(90, c.warningPercent());
    assertEquals(1, c.escalation().orElseThrow().level());
    // still measured on the target it breached under, so that its figures agree with the breach
    assertEquals(Duration.ofHours(1), c.target().orElseThrow());
    assertEquals(Optional.of(mon(10, 0)), c.deadline());
    assertEquals(Duration.ZERO, c.remaining());
    assertEquals(Duration.ofMinutes(30), c.breachedBy());
    assertEquals(Optional.of(Duration.ofMinutes(-30)), c.signedRemaining());
    assertEquals(150.0, c.percentConsumed());
    MetricCycle replied = firstReply(set, true, mon(12, 0));
    assertEquals(
        CycleState.BREACHED, replied.state(), "a reply after the re-target does not undo it");
    assertEquals(Optional.of(mon(10, 0).plusNanos(1)), replied.breachedAt());
    assertEquals(Optional.of(Duration.ofMinutes(-45)), replied.signedRemaining());
  }

  @Test
  void keepReachedShowsTheKeptTargetInTheTrailFromTheBreach() {
    SlaClock clock = Fixtures.clock(Fixtures.tieredKeepReached(), "T");
    history(true).forEach(clock::accept);
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.firstResponse(), 0, mon(12, 0));
    assertEquals(3, trail.size(), trail.toString());
    assertEquals("e002", trail.get(1).openedBy(), "the re-target still splits the trail");
    for (CycleSegment s : trail) {
      assertEquals(Optional.of(Duration.ofHours(1)), s.target(), trail.toString());
    }
  }

  @Test
  void keepReachedSchedulesOnlyWhatCanStillChange() {
    // RECALCULATE: the 90 % warning of the 2 h target at 10:48. KEEP_REACHED: the warnings, L1 and
    // the breach are already reached, and the cycle stays on the 1 h target it breached under, so
    // the next change is L2 at 200 % of 1 h (11:00), unless another cycle (resolution: 75 % of 8 h
    // at 15:00) comes first.
    assertEquals(
        Optional.of(mon(10, 48)),
        Fixtures.eval(Fixtures.tiered(), history(false), mon(10, 30)).nextTransition());
    assertEquals(
        Optional.of(mon(11, 0)),
        Fixtures.eval(Fixtures.tieredKeepReached(), history(false), mon(10, 30)).nextTransition());
  }

  @Test
  void incrementalClockAgreesWithBatch() {
    SlaPolicySet set = Fixtures.tieredKeepReached();
    SlaClock clock = Fixtures.clock(set, "T");
    List<TicketEvent> h = history(true);
    for (int i = h.size() - 1; i >= 0; i--) {
      clock.accept(h.get(i));
    }
    assertEquals(Fixtures.eval(set, h, mon(12, 0)), clock.evaluate(mon(12, 0)));
  }

  @Test
  void jsonReadsAndWritesTheRule() {
    SlaPolicySet set = Fixtures.tieredKeepReached();
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"retargetRule\": \"KEEP_REACHED\""), json);
    assertEquals(set, SlaPolicyJson.read(json));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicyJson.read(json.replace("KEEP_REACHED", "FOREVER")));
    assertTrue(
        e.getMessage().contains("'FOREVER'")
            && e.getMessage().endsWith("(at $.retargetRule, line 7, column 19)"),
        e.getMessage());
  }

  /**
   * The kept target ratchets down and the trail shows, per segment, the target the cycle was
   * measured on then: urgent 15 min from 10:00 (breached 10:15), normal 3 h at 10:30 (kept: 15
   * min), critical 5 min at 10:45 (5 min; the breach moves to 10:05), high 1 h at 10:50 (still 5
   * min). A later re-target never rewrites an earlier segment (found by a reviewer).
   */
  @Test
  void theKeptTargetRatchetsDownAndEarlierSegmentsKeepTheirs() {
    PriorityMatrix mx =
        PriorityMatrix.builder()
            .cell("s0", "gold", "crit")
            .cell("s1", "gold", "urgent")
            .cell("s2", "gold", "normal")
            .cell("s3", "gold", "high")
            .build();
    SlaMetric first = SlaMetric.firstResponse();
    SlaPolicySet set =
        Fixtures.statusModel()
            .retargetRule(RetargetRule.KEEP_REACHED)
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(mx)
                    .target("crit", first, Duration.ofMinutes(5))
                    .target("urgent", first, Duration.ofMinutes(15))
                    .target("normal", first, Duration.ofHours(3))
                    .target("high", first, Duration.ofHours(1))
                    .build())
            .build();
    Fixtures.Ticket k = new Fixtures.Ticket("K");
    SlaClock clock = Fixtures.clock(set, "K");
    clock.accept(k.created(mon(10, 0), "severity", "s1", "tier", "gold"));
    clock.accept(k.attr(mon(10, 30), "severity", "s2"));
    clock.accept(k.attr(mon(10, 45), "severity", "s0"));
    List<CycleSegment> before = clock.auditTrail(first, 0, mon(10, 46));
    clock.accept(k.attr(mon(10, 50), "severity", "s3"));
    List<CycleSegment> after = clock.auditTrail(first, 0, mon(11, 0));
    List<Duration> minutes =
        List.of(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(minutes.get(i)), before.get(i).target(), before.toString());
      assertEquals(Optional.of(minutes.get(i)), after.get(i).target(), after.toString());
    }
    assertEquals(Optional.of(Duration.ofMinutes(5)), after.get(3).target(), after.toString());
    MetricCycle c = clock.evaluate(mon(11, 0)).latest(first).orElseThrow();
    assertEquals(Optional.of(Duration.ofMinutes(5)), c.target());
    assertEquals(Optional.of(mon(10, 5).plusNanos(1)), c.breachedAt());
    assertEquals(Optional.of(Duration.ofMinutes(-55)), c.signedRemaining());
  }
}
