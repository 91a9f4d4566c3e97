package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Transitions carry the cycle's deadline, and a deadline that moves while nothing else changes is a
 * {@link SlaTransition.Kind#DEADLINE_CHANGED}: a consumer of the transitions alone can show "due
 * 10:00" after the priority rose. Before, a re-target that moved a deadline without a warning or a
 * state change emitted nothing, and no transition said when a cycle was due.
 */
class SlaTransitionDeadlineTest {

  private static List<String> described(List<SlaTransition> ts) {
    return ts.stream()
        .map(t -> t.metric() + " " + t.kind() + " due " + t.deadline().map(Instant::toString))
        .toList();
  }

  @Test
  void aRaisedPriorityMovesTheDeadlinesAndAPauseCarriesTheDueIfResumedUntilItResumes() {
    // tier gold, severity s2: high, first reply 2 h and resolution 8 h on 09:00-17:00
    SlaPolicySet set = Fixtures.tiered();
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(t.created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s2"));
    SlaEvaluation created = clock.evaluate(Fixtures.mon(9, 0));
    assertEquals(
        List.of(
            "first_response STARTED due Optional[2026-01-05T11:00:00Z]",
            "resolution STARTED due Optional[2026-01-05T17:00:00Z]"),
        described(SlaTransition.from(created)).stream()
            .filter(s -> !s.startsWith("periodic"))
            .toList());
    // severity s1 at 09:20: urgent, 1 h and 4 h, at 33 % and 8 %: no warning, no state change
    clock.accept(t.attr(Fixtures.mon(9, 20), "severity", "s1"));
    SlaEvaluation raised = clock.evaluate(Fixtures.mon(9, 20));
    List<SlaTransition> moved = SlaTransition.between(created, raised);
    assertEquals(
        List.of(
            "first_response DEADLINE_CHANGED due Optional[2026-01-05T10:00:00Z]",
            "resolution DEADLINE_CHANGED due Optional[2026-01-05T13:00:00Z]"),
        described(moved).stream().filter(s -> !s.startsWith("periodic")).toList());
    for (SlaTransition m : moved) {
      assertEquals(Optional.of(CycleState.ACTIVE), m.state(), m.toString());
      assertEquals(m, SlaTransition.fromJson(m.toJson()));
    }
    // the same with reconcile, and nothing more once told
    assertEquals(moved, SlaTransition.reconcile(created, raised));
    assertEquals(List.of(), SlaTransition.between(raised, clock.evaluate(Fixtures.mon(9, 25))));
    // first reply at 09:28 (47 %), pending at 09:40: the resolution pauses, due if resumed then
    clock.accept(t.reply(Fixtures.mon(9, 28)));
    clock.accept(t.status(Fixtures.mon(9, 40), "pending"));
    SlaEvaluation paused = clock.evaluate(Fixtures.mon(9, 40));
    assertEquals(
        List.of(
            "first_response ACHIEVED due Optional[2026-01-05T10:00:00Z]",
            "resolution PAUSED due Optional[2026-01-05T13:00:00Z]"),
        described(SlaTransition.between(raised, paused)).stream()
            .filter(s -> !s.startsWith("periodic") && !s.startsWith("next"))
            .toList());
    // while paused, "due if resumed now" moves with the evaluation: no transition for it
    SlaEvaluation later = clock.evaluate(Fixtures.mon(10, 40));
    MetricCycle resolution =
        later.cycles().stream()
            .filter(c -> c.metric().equals(SlaMetric.resolution()))
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of(Fixtures.mon(14, 0)), resolution.deadline());
    assertEquals(
        List.of(),
        SlaTransition.between(paused, later).stream()
            .filter(x -> x.metric().equals(SlaMetric.resolution()))
            .toList());
    // open again at 11:00: 40 min counted of 4 h, due 14:20
    clock.accept(t.status(Fixtures.mon(11, 0), "open"));
    SlaEvaluation resumed = clock.evaluate(Fixtures.mon(11, 0));
    assertEquals(
        List.of("resolution RESUMED due Optional[2026-01-05T14:20:00Z]"),
        described(
            SlaTransition.between(later, resumed).stream()
                .filter(x -> x.metric().equals(SlaMetric.resolution()))
                .toList()));
  }

  @Test
  void aWithdrawnCycleHasNoDeadlineAndAStartedOneHasItsOwn() {
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    clock.accept(t.created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s2"));
    MetricCycle c = clock.evaluate(Fixtures.mon(9, 0)).cycles().get(0);
    assertEquals(Optional.empty(), SlaTransition.withdrawn("T", c, Fixtures.mon(9, 5)).deadline());
    assertEquals(
        Optional.empty(), SlaTransition.withdrawn("T", c.id(), Fixtures.mon(9, 5)).deadline());
    assertEquals(
        c.deadline(),
        SlaTransition.started(clock.evaluate(Fixtures.mon(9, 0)), c).get(0).deadline());
  }

  /**
   * A deadline lies in the supported range as {@code at} does (every deadline a clock computes
   * does: {@link BusinessCalendar#SUPPORTED_END} bounds its calendars): the constructor and the
   * JSON reader refuse one outside it, the reader at {@code $.deadline}. Before, {@code
   * "deadline":"+1000000000-01-01T00:00:00Z"} was read, and a consumer's {@code toEpochMilli()} of
   * it (a Kafka timestamp, a database column) threw {@link ArithmeticException}.
   */
  @Test
  void aDeadlineOutsideTheSupportedRangeIsRefusedAtItsField() {
    SlaTransition ok =
        new SlaTransition(
            "T-1",
            SlaMetric.firstResponse(),
            0,
            "",
            SlaTransition.Kind.STARTED,
            Instant.EPOCH,
            0,
            Optional.empty(),
            Optional.of(CycleState.ACTIVE),
            Optional.of(BusinessCalendar.SUPPORTED_END.minusNanos(1)));
    assertEquals(ok, SlaTransition.fromJson(ok.toJson()));
    for (Instant far :
        List.of(
            BusinessCalendar.SUPPORTED_END,
            BusinessCalendar.SUPPORTED_START.minusNanos(1),
            Instant.parse("+1000000000-01-01T00:00:00Z"),
            Instant.MIN)) {
      IllegalArgumentException made =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () ->
                  new SlaTransition(
                      ok.ticketId(),
                      ok.metric(),
                      ok.cycle(),
                      ok.key(),
                      ok.kind(),
                      ok.at(),
                      ok.warningPercent(),
                      ok.escalation(),
                      ok.state(),
                      Optional.of(far)));
      assertEquals(
          "deadline "
              + far
              + " is outside the supported range [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)",
          made.getMessage());
      String json =
          ok.toJson()
              .replace(
                  "\"deadline\":\"" + ok.deadline().orElseThrow() + "\"",
                  "\"deadline\":\"" + far + "\"");
      IllegalArgumentException read =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class, () -> SlaTransition.fromJson(json));
      org.junit.jupiter.api.Assertions.assertTrue(
          read.getMessage().startsWith(made.getMessage() + " (at $.deadline, line 1, column "),
          read.getMessage());
    }
  }

  /**
   * No earlier build wrote a {@link SlaTransition.Kind#DEADLINE_CHANGED}: a record of versions 1 to
   * 3 with that kind is refused at {@code $.kind}, as Flink's serializer refuses kind 8 in its
   * format 6 and a ticket event record refuses a correction's kind in a version before it. Before,
   * {@code {"v":3,...,"kind":"DEADLINE_CHANGED",...}} was read as a deadline changed to none
   * (versions 1 to 3 carry no deadline), which says the cycle lost its deadline.
   */
  @Test
  void aDeadlineChangedOfAVersionBeforeTheDeadlineIsRefusedAtItsKind() {
    String common =
        "\"ticketId\":\"T-1\",\"metric\":\"first_response\",\"cycle\":0,\"key\":\"\","
            + "\"kind\":\"DEADLINE_CHANGED\",\"at\":\"2026-03-02T10:00:00Z\",\"warningPercent\":0";
    String v4 =
        "{\"v\":4," + common + ",\"escalation\":null,\"state\":\"ACTIVE\",\"deadline\":null}";
    assertEquals(SlaTransition.Kind.DEADLINE_CHANGED, SlaTransition.fromJson(v4).kind());
    for (String old :
        List.of(
            "{\"v\":1," + common + "}",
            "{\"v\":2," + common + ",\"escalation\":null}",
            "{\"v\":3," + common + ",\"escalation\":null,\"state\":\"ACTIVE\"}")) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class, () -> SlaTransition.fromJson(old));
      assertEquals(
          "kind DEADLINE_CHANGED needs format version 4, found version "
              + old.charAt(5)
              + " (at $.kind, line 1, column 77)",
          e.getMessage());
    }
  }
}
