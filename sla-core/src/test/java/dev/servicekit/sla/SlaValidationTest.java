package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.h;
import static dev.servicekit.sla.Fixtures.mon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.Fixtures.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration and bad events fail loudly, naming the field, the value and the rule. */
class SlaValidationTest {

  private final Ticket t = new Ticket("T1");

  private static void assertMessage(IllegalArgumentException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
    }
  }

  @Test
  void anUnknownTriggerIsQuotedOnce() {
    // before: "trigger ''creatd'' is unknown: ..." (a quote around the already quoted excerpt)
    String m =
        assertThrows(IllegalArgumentException.class, () -> MetricTrigger.parseOn("creatd"))
            .getMessage();
    assertTrue(m.startsWith("trigger 'creatd' is unknown: expected one of [created, "), m);
  }

  @Test
  void matrixWithAMissingCellAndNoDefaultIsRejected() {
    PriorityMatrix.Builder b =
        PriorityMatrix.builder().cell("s1", "gold", "urgent").cell("s2", "silver", "normal");
    assertMessage(
        assertThrows(IllegalArgumentException.class, b::build), "severity s1", "tier silver");
    PriorityMatrix withDefault =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s2", "silver", "normal")
            .defaultPriority("low")
            .build();
    assertEquals("low", withDefault.priorityFor("s1", "silver").orElseThrow());
    assertEquals("urgent", withDefault.priorityFor("s1", "gold").orElseThrow());
  }

  @Test
  void priorityWithoutATargetCellForAListedChannelIsRejected() {
    SlaPolicy.Builder b =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .channels("email", "chat")
            .target("normal", "email", SlaMetric.firstResponse(), h(1));
    assertMessage(
        assertThrows(IllegalArgumentException.class, b::build), "priority normal", "channel chat");
    b.target("normal", SlaMetric.firstResponse(), h(2));
    assertEquals(h(2), b.build().targets("normal", "chat").get(SlaMetric.firstResponse()));
  }

  @Test
  void nonPositiveTargetsAndBadKeysAreRejected() {
    SlaPolicy.Builder b = SlaPolicy.builder("p").matrix(PriorityMatrix.constant("normal"));
    assertMessage(
        assertThrows(
            IllegalArgumentException.class,
            () -> b.target("normal", SlaMetric.resolution(), Duration.ZERO)),
        "target PT0S",
        "resolution",
        "positive");
    assertMessage(
        assertThrows(IllegalArgumentException.class, () -> SlaPolicy.builder("has\ttab")),
        "policy name 'has\\u0009tab'",
        "whitespace");
    assertThrows(IllegalArgumentException.class, () -> WarningThreshold.of(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> MetricRule.builder(SlaMetric.firstResponse()).warnAt(75, 50).build());
  }

  @Test
  void unknownPauseStatusAndUndeclaredStageAreRejected() {
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), h(1))
            .rule(MetricRule.builder(SlaMetric.resolution()).pauseOn("waiting").build())
            .build();
    assertMessage(
        assertThrows(
            IllegalArgumentException.class, () -> Fixtures.statusModel().defaultPolicy(p).build()),
        "pauseStatuses",
        "waiting");
    SlaPolicy s =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.stage("review"), h(1))
            .build();
    assertMessage(
        assertThrows(
            IllegalArgumentException.class, () -> Fixtures.statusModel().defaultPolicy(s).build()),
        "stage review");
  }

  @Test
  void unmappedCalendarIsRejectedWhenTheClockIsCreated() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.firstResponse(), h(1)),
            MetricRule.builder(SlaMetric.firstResponse()).calendar("customer").build());
    assertMessage(
        assertThrows(IllegalArgumentException.class, () -> Fixtures.clock(set, "T1")),
        "calendar 'customer'");
  }

  @Test
  void unknownStatusOtherTicketAndReusedIdAreRejectedAndLeaveTheClockUnchanged() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock clock = Fixtures.clock(set, "T1");
    clock.accept(t.created(mon(9, 0), "tier", "silver", "severity", "s2", "channel", "email"));
    SlaEvaluation before = clock.evaluate(mon(12, 0));
    assertMessage(
        assertThrows(
            IllegalArgumentException.class, () -> clock.accept(t.status(mon(10, 0), "parked"))),
        "status 'parked'",
        "unknown");
    assertMessage(
        assertThrows(
            IllegalArgumentException.class,
            () -> clock.accept(new TicketEvent.CustomerMessage("T2", "x", mon(10, 0)))),
        "ticket 'T2'");
    TicketEvent reply = TicketEvent.AgentReply.publicReply("T1", "r1", mon(10, 0));
    assertTrue(clock.accept(reply));
    assertFalse(clock.accept(reply), "the same event twice is a no-op");
    assertMessage(
        assertThrows(
            IllegalArgumentException.class,
            () -> clock.accept(new TicketEvent.CustomerMessage("T1", "r1", mon(11, 0)))),
        "event id 'r1'");
    assertEquals(2, clock.events().size());
    assertFalse(before.equals(clock.evaluate(mon(12, 0))), "the reply was applied");
  }

  @Test
  void eventsBeforeCreationAndUnmatchedAnswersAreReportedAsAnomalies() {
    SlaPolicySet set = Fixtures.tiered();
    List<TicketEvent> ev =
        List.of(
            t.customer(mon(8, 0)),
            t.created(mon(9, 0)),
            t.answer(mon(9, 30), "c9"),
            t.created(mon(10, 0)));
    SlaEvaluation e = Fixtures.eval(set, ev, mon(11, 0));
    assertEquals(4, e.anomalies().size(), e.anomalies().toString());
    assertMessage(
        new IllegalArgumentException(e.anomalies().get(0).reason()), "before the creation");
    // created without severity or tier: the matrix has no default, so no priority applies
    assertMessage(
        new IllegalArgumentException(e.anomalies().get(1).reason()), "severity is absent");
    assertMessage(new IllegalArgumentException(e.anomalies().get(2).reason()), "call c9");
    assertMessage(new IllegalArgumentException(e.anomalies().get(3).reason()), "already created");
  }

  @Test
  void evaluatingBeforeCreationFailsAndBeforeTheLastEventAnswersAsOf() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock clock = Fixtures.clock(set, "T1");
    assertThrows(IllegalStateException.class, () -> clock.evaluate(mon(9, 0)));
    clock.accept(t.reply(mon(9, 30)));
    assertThrows(IllegalStateException.class, () -> clock.evaluate(mon(9, 45)));
    clock.accept(t.created(mon(9, 0), "tier", "silver", "severity", "s2", "channel", "email"));
    assertTrue(
        assertThrows(IllegalStateException.class, () -> clock.evaluate(mon(8, 59)))
            .getMessage()
            .contains("no Created event at or before"));
    // as of 09:10 the reply of 09:30 has not happened yet
    assertEquals(
        CycleState.ACTIVE,
        clock.evaluate(mon(9, 10)).latest(SlaMetric.firstResponse()).orElseThrow().state());
    assertEquals(
        CycleState.ACHIEVED,
        clock.evaluate(mon(9, 45)).latest(SlaMetric.firstResponse()).orElseThrow().state());
  }

  @Test
  void metricTextFormRoundTrips() {
    for (SlaMetric m :
        List.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.periodicUpdate(),
            SlaMetric.resolution(),
            SlaMetric.answerTime(),
            SlaMetric.stage("analysis"))) {
      assertEquals(m, SlaMetric.parse(m.toString()));
    }
    assertMessage(
        assertThrows(IllegalArgumentException.class, () -> SlaMetric.parse("first_reply")),
        "metric 'first_reply'");
  }

  @Test
  void firstMatchingPolicyWinsElseDefault() {
    SlaPolicySet set = Fixtures.tiered();
    assertEquals("vip", set.select(Map.of("tier", "gold"), java.util.Set.of()).name());
    assertEquals("standard", set.select(Map.of("tier", "silver"), java.util.Set.of()).name());
    assertEquals("standard", set.select(Map.of(), java.util.Set.of()).name());
  }

  /**
   * A policy that measures resolution in a set without solved statuses could never see it met: the
   * set is refused, from code and from JSON (it used to be accepted silently). Without a resolution
   * target or rule, a set needs no solved status.
   */
  @Test
  void resolutionWithoutSolvedStatusesIsRefused() {
    SlaPolicy p =
        SlaPolicy.builder("d")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaPolicySet.builder().statuses("new", "open").defaultPolicy(p).build());
    assertEquals(
        "policy d measures resolution, which only a solved status stops, but the set declares no"
            + " solvedStatuses",
        e.getMessage());
    String json =
        "{\"statuses\":[\"new\",\"open\"],\n\"defaultPolicy\":{\"name\":\"d\","
            + "\"matrix\":{\"default\":\"normal\"},"
            + "\"targets\":{\"normal\":{\"*\":{\"resolution\":\"PT8H\"}}}}}";
    IllegalArgumentException fromJson =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(fromJson.getMessage().startsWith(e.getMessage()), fromJson.getMessage());
    assertTrue(fromJson.getMessage().contains("line "), fromJson.getMessage());

    SlaPolicy firstOnly =
        SlaPolicy.builder("d")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
            .build();
    assertTrue(
        SlaPolicySet.builder()
            .statuses("new", "open")
            .defaultPolicy(firstOnly)
            .build()
            .solvedStatuses()
            .isEmpty());
  }
}
