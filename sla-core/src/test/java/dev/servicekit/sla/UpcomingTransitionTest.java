package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What changes at an evaluation's next transition, on a 24/7 first-response cycle of one hour
 * warning at 50 and 100 % and escalating at 100 % (level 1) and 150 % (level 2).
 */
class UpcomingTransitionTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
  private static final EscalationLevel LEAD = EscalationLevel.of(1, 100, "lead");
  private static final EscalationLevel HEAD = EscalationLevel.of(2, 150, "head");

  private static SlaPolicySet set(BreachRule breach, SlaMetric... metrics) {
    SlaPolicy.Builder p = SlaPolicy.builder("standard").matrix(PriorityMatrix.constant("normal"));
    for (SlaMetric m : metrics) {
      p.target("normal", m, Duration.ofHours(1))
          .rule(
              MetricRule.builder(m)
                  .calendar(MetricRule.ALWAYS)
                  .warnAt(50, 100)
                  .escalate(LEAD)
                  .escalate(HEAD)
                  .build());
    }
    return Fixtures.statusModel().breachRule(breach).defaultPolicy(p.build()).build();
  }

  private static SlaClock created(SlaPolicySet set) {
    SlaClock clock = new SlaClock(set, Map.of(), "T-1");
    clock.accept(new TicketEvent.Created("T-1", "e1", NINE, Map.of(), java.util.Set.of()));
    return clock;
  }

  private static UpcomingTransition.Change warning(int pct) {
    return new UpcomingTransition.Change(
        SlaMetric.firstResponse(), 0, "", SlaTransition.Kind.WARNING, pct, Optional.empty());
  }

  private static UpcomingTransition.Change escalation(EscalationLevel l) {
    return new UpcomingTransition.Change(
        SlaMetric.firstResponse(), 0, "", SlaTransition.Kind.ESCALATED, 0, Optional.of(l));
  }

  private static UpcomingTransition.Change breach(SlaMetric m) {
    return new UpcomingTransition.Change(
        m, 0, "", SlaTransition.Kind.BREACHED, 0, Optional.empty());
  }

  private static UpcomingTransition upcoming(SlaClock clock, Instant at) {
    SlaEvaluation e = clock.evaluate(at);
    assertEquals(e.nextTransition(), e.upcoming().map(UpcomingTransition::at));
    return e.upcoming().orElseThrow();
  }

  @Test
  void afterDeadlineTheThresholdsAt100PercentComeTogetherAndTheBreachOneNanosecondLater() {
    SlaClock clock = created(set(BreachRule.AFTER_DEADLINE, SlaMetric.firstResponse()));
    Instant half = NINE.plus(Duration.ofMinutes(30));
    Instant due = NINE.plus(Duration.ofHours(1));
    assertEquals(new UpcomingTransition(half, List.of(warning(50))), upcoming(clock, NINE));
    assertEquals(
        new UpcomingTransition(due, List.of(warning(100), escalation(LEAD))),
        upcoming(clock, half));
    assertEquals(
        new UpcomingTransition(due.plusNanos(1), List.of(breach(SlaMetric.firstResponse()))),
        upcoming(clock, due));
    assertEquals(
        new UpcomingTransition(NINE.plus(Duration.ofMinutes(90)), List.of(escalation(HEAD))),
        upcoming(clock, due.plusNanos(1)));
    assertEquals(Optional.empty(), clock.evaluate(NINE.plus(Duration.ofHours(2))).upcoming());
  }

  @Test
  void atDeadlineTheWarningEscalationAndBreachShareTheInstantInThatOrder() {
    SlaClock clock = created(set(BreachRule.AT_DEADLINE, SlaMetric.firstResponse()));
    Instant due = NINE.plus(Duration.ofHours(1));
    assertEquals(
        new UpcomingTransition(
            due, List.of(warning(100), escalation(LEAD), breach(SlaMetric.firstResponse()))),
        upcoming(clock, NINE.plus(Duration.ofMinutes(45))));
  }

  @Test
  void cyclesDueTogetherAreAllListedInTheEvaluationsOrder() {
    SlaClock clock =
        created(set(BreachRule.AFTER_DEADLINE, SlaMetric.firstResponse(), SlaMetric.resolution()));
    Instant at = NINE.plus(Duration.ofMinutes(90));
    SlaEvaluation e = clock.evaluate(NINE.plus(Duration.ofMinutes(70)));
    List<UpcomingTransition.Change> changes = e.upcoming().orElseThrow().changes();
    assertEquals(at, e.upcoming().orElseThrow().at());
    assertEquals(2, changes.size(), changes.toString());
    assertEquals(
        e.cycles().stream().map(MetricCycle::metric).toList(),
        changes.stream().map(UpcomingTransition.Change::metric).toList());
    for (UpcomingTransition.Change c : changes) {
      assertEquals(SlaTransition.Kind.ESCALATED, c.kind());
      assertEquals(Optional.of(HEAD), c.escalation());
    }
  }

  @Test
  void aSolvedTicketHasNothingUpcoming() {
    SlaClock clock = created(set(BreachRule.AFTER_DEADLINE, SlaMetric.firstResponse()));
    clock.accept(TicketEvent.AgentReply.publicReply("T-1", "e2", NINE.plusSeconds(60)));
    SlaEvaluation e = clock.evaluate(NINE.plusSeconds(120));
    assertEquals(Optional.empty(), e.nextTransition());
    assertEquals(Optional.empty(), e.upcoming());
  }

  @Test
  void anEvaluationBuiltFromItsComponentsKnowsTheInstantButNotTheChanges() {
    SlaEvaluation none =
        new SlaEvaluation(
            "T-1",
            NINE,
            "new",
            "standard",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty());
    assertEquals(Optional.empty(), none.upcoming());
    SlaEvaluation some =
        new SlaEvaluation(
            "T-1",
            NINE,
            "new",
            "standard",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            Optional.of(NINE.plusSeconds(1)));
    IllegalStateException x = assertThrows(IllegalStateException.class, some::upcoming);
    assertTrue(x.getMessage().contains("2026-03-02T09:00:01Z"), x.getMessage());
    assertThrows(IllegalStateException.class, some::toJson);
  }

  @Test
  void aChangeCarriesWhatItsKindNeedsAndNothingElse() {
    SlaMetric m = SlaMetric.firstResponse();
    Optional<EscalationLevel> lead = Optional.of(LEAD);
    Optional<EscalationLevel> none = Optional.empty();
    for (Runnable bad :
        List.<Runnable>of(
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.WARNING, 0, none),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.WARNING, 101, none),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.WARNING, 50, lead),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.ESCALATED, 0, none),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.ESCALATED, 5, lead),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.BREACHED, 1, none),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.BREACHED, 0, lead),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.STARTED, 0, none),
            () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.PAUSED, 0, none),
            () -> new UpcomingTransition.Change(m, -1, "", SlaTransition.Kind.BREACHED, 0, none),
            () -> new UpcomingTransition(NINE, List.of()))) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class, bad::run);
      assertTrue(x.getMessage().length() < 200, x.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new UpcomingTransition.Change(m, 0, "", SlaTransition.Kind.RESUMED, 0, none),
        "RESUMED happens with an event only");
  }

  @Test
  void nullsAreRejected() {
    SlaClock clock = created(set(BreachRule.AFTER_DEADLINE, SlaMetric.firstResponse()));
    SlaEvaluation e = clock.evaluate(NINE);
    NullPointerTester t =
        new NullPointerTester()
            .setDefault(SlaMetric.class, SlaMetric.firstResponse())
            .setDefault(SlaTransition.Kind.class, SlaTransition.Kind.BREACHED)
            .setDefault(int.class, 0)
            .setDefault(Instant.class, NINE)
            .setDefault(List.class, List.of(breach(SlaMetric.firstResponse())))
            .setDefault(EscalationLevel.class, LEAD)
            .setDefault(MetricCycle.class, e.cycles().get(0))
            .setDefault(SlaEvaluation.class, e)
            .setDefault(SlaClock.class, clock);
    t.testAllPublicConstructors(UpcomingTransition.class);
    t.testAllPublicConstructors(UpcomingTransition.Change.class);
    t.testAllPublicStaticMethods(UpcomingTransition.Change.class);
    t.testAllPublicStaticMethods(SlaEvaluationJson.class);
  }
}
