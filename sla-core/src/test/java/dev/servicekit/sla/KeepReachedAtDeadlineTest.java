package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link RetargetRule#KEEP_REACHED} keeps a breach "reached before the re-target". Under {@link
 * BreachRule#AT_DEADLINE} a cycle is breached at its deadline instant only if it still runs there:
 * the events of that instant come first (a reply at the deadline meets the target, a pause at the
 * deadline makes it due at the resume). A re-target at the deadline instant is one of those events,
 * so the breach the old target would have given at that instant was not reached before it and is
 * not kept: the cycle follows the new target. Earlier builds kept it (BREACHED at 10:00 on a 1 h
 * target, though the ticket moved to 4 h at 10:00).
 */
class KeepReachedAtDeadlineTest {

  private static final SlaMetric RES = SlaMetric.resolution();
  private static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant TEN = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant ELEVEN = Instant.parse("2026-01-05T11:00:00Z");

  private static SlaPolicySet set(BreachRule breach) {
    return SlaPolicySet.builder()
        .statuses("open", "pending", "solved")
        .solvedStatuses("solved")
        .retargetRule(RetargetRule.KEEP_REACHED)
        .breachRule(breach)
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("urgent"))
                .target("urgent", RES, Duration.ofHours(1))
                .target("normal", RES, Duration.ofHours(4))
                .rule(MetricRule.builder(RES).pauseOn("pending").warnAt(50).build())
                .build())
        .build();
  }

  private static MetricCycle at(SlaPolicySet set, Instant now, TicketEvent... later) {
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "e1", NINE, Map.of(), Set.of()));
    for (TicketEvent e : later) {
      clock.accept(e);
    }
    return clock.evaluate(now).latest(RES).orElseThrow();
  }

  @Test
  void aRetargetAtTheDeadlineInstantComesBeforeTheBreachThereUnderAtDeadline() {
    for (BreachRule breach : BreachRule.values()) {
      MetricCycle c =
          at(set(breach), ELEVEN, new TicketEvent.PriorityChanged("T", "e2", TEN, "normal"));
      assertEquals(CycleState.ACTIVE, c.state(), breach + " " + c);
      assertEquals(Optional.of(Duration.ofHours(4)), c.target(), breach + " " + c);
      assertEquals(Optional.of(NINE.plus(Duration.ofHours(4))), c.deadline(), breach + " " + c);
      assertEquals(Optional.empty(), c.breachedAt(), breach + " " + c);
      // the 50 % warning of the old target, reached at 09:30, before the re-target, stays kept
      assertEquals(
          java.util.List.of(new WarningReached(50, NINE.plus(Duration.ofMinutes(30)))),
          c.warnings(),
          breach + " " + c);
    }
  }

  @Test
  void aPauseAtTheDeadlineInstantAlsoComesBeforeTheBreach() {
    MetricCycle c =
        at(
            set(BreachRule.AT_DEADLINE),
            ELEVEN,
            new TicketEvent.StatusChanged("T", "e2", TEN, "pending"));
    assertEquals(CycleState.PAUSED, c.state(), c.toString());
    assertEquals(Optional.empty(), c.breachedAt(), c.toString());
  }

  @Test
  void aBreachReachedBeforeTheRetargetIsStillKept() {
    MetricCycle c =
        at(
            set(BreachRule.AT_DEADLINE),
            ELEVEN,
            new TicketEvent.PriorityChanged("T", "e2", TEN.plusNanos(1), "normal"));
    assertEquals(CycleState.BREACHED, c.state(), c.toString());
    assertEquals(Optional.of(TEN), c.breachedAt(), c.toString());
    assertEquals(Optional.of(Duration.ofHours(1)), c.target(), c.toString());
  }
}
