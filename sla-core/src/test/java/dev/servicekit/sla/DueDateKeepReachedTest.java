package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * README, "Due dates": changing the due-date attribute "is a re-target (...) the set's retargetRule
 * applies"; "Re-targeting": under {@code KEEP_REACHED} "a breach, warning or escalation that was
 * already reached is never retracted". A resolution due 09:23, breached at 09:23 (plus a
 * nanosecond), whose due date moves to 11:05 at 09:24, stays breached on its 23 min, as it does
 * when a priority change moves its fixed target from 23 min to 2 h 05. Earlier builds kept nothing
 * for a due-date cycle (its slot has no fixed target) and reported it ACTIVE, due 11:05; found by
 * {@code RetargetOracleProperties}.
 */
class DueDateKeepReachedTest {

  static final Instant NINE = Instant.parse("2026-01-05T09:00:00Z");

  static Instant at(int minutes) {
    return NINE.plus(Duration.ofMinutes(minutes));
  }

  static SlaPolicySet set() {
    return SlaPolicySet.builder()
        .statuses("open", "solved")
        .solvedStatuses("solved")
        .retargetRule(RetargetRule.KEEP_REACHED)
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(PriorityMatrix.constant("normal"))
                .rule(
                    MetricRule.builder(SlaMetric.resolution())
                        .calendar(MetricRule.ALWAYS)
                        .warnAt(50)
                        .dueFrom("due_at")
                        .build())
                .build())
        .build();
  }

  static List<TicketEvent> history() {
    return List.of(
        TicketEvent.Created.byCustomer(
            "T", "e1", NINE, Map.of("due_at", at(23).toString()), Set.of()),
        new TicketEvent.AttributeChanged("T", "e2", at(24), "due_at", at(125).toString()));
  }

  @Test
  void aBreachReachedBeforeTheDueDateMovesIsKept() {
    MetricCycle c =
        SlaClock.evaluate(set(), Map.of(), history(), at(30))
            .latest(SlaMetric.resolution())
            .orElseThrow();
    assertEquals(CycleState.BREACHED, c.state(), c.toString());
    assertEquals(Optional.of(at(23).plusNanos(1)), c.breachedAt());
    assertEquals(Optional.of(Duration.ofMinutes(23)), c.target());
    assertEquals(Optional.of(at(23)), c.deadline());
    assertEquals(Optional.of(Duration.ofMinutes(-7)), c.signedRemaining());
    assertEquals(50, c.warningPercent(), "the 50 % warning of 11:30 stays reached too");
  }

  @Test
  void aBreachKeptWhileSolvedSurvivesTheReopen() {
    // solved at 09:30 (breached under 23 min), due moved while solved, reopened: RESUME keeps it
    List<TicketEvent> h =
        List.of(
            TicketEvent.Created.byCustomer(
                "T", "e1", NINE, Map.of("due_at", at(23).toString()), Set.of()),
            new TicketEvent.StatusChanged("T", "e2", at(30), "solved"),
            new TicketEvent.AttributeChanged("T", "e3", at(40), "due_at", at(300).toString()),
            new TicketEvent.StatusChanged("T", "e4", at(50), "open"));
    MetricCycle c =
        SlaClock.evaluate(set(), Map.of(), h, at(60)).latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(CycleState.BREACHED, c.state(), c.toString());
    assertEquals(Optional.of(at(23).plusNanos(1)), c.breachedAt());
  }

  @Test
  void theLiveClockFedOutOfOrderAgrees() {
    SlaClock clock = SlaClock.of(set(), Map.of(), "T");
    List<TicketEvent> h = history();
    clock.accept(h.get(1));
    clock.accept(h.get(0));
    assertEquals(
        SlaClock.evaluate(set(), Map.of(), h, at(30)),
        clock.evaluate(at(30)),
        "arrival order does not matter");
    assertEquals(
        CycleState.BREACHED,
        clock.evaluate(at(30)).latest(SlaMetric.resolution()).orElseThrow().state());
  }
}
